// The UserProfile config (namespace 2, spec advanced.md B.12): our display name, avatar pointer,
// Note-to-Self priority and disappearing timer, and the community message-requests setting.
// Keys this version does not know (newer clients' pro fields `f`, `t`, `E`, `P`, `Q`, `T`…) are
// never touched, so they survive every edit and merge.
import { ProtocolError } from '../primitives/errors';
import { ConfigBase, type ConfigBaseOptions } from './configBase';
import { CONFIG_TYPES } from './configTypes';
import { binaryFromUtf8, utf8FromBinary } from './data';
import { MAX_NAME_BYTES, checkInt, profilePicBinary, readProfilePic, setNonemptyBinary, setNonzeroInt, setPairIf, setPositiveInt, utf8Length, utf8Truncate, type ProfilePic } from './fields';

export class UserProfile extends ConfigBase {
  constructor(opts: ConfigBaseOptions) {
    super(CONFIG_TYPES.UserProfile, opts);
  }

  /** The display name, or null when none is set. */
  get name(): string | null {
    const n = this.data.getBinary(['n']);
    return n === undefined || n.length === 0 ? null : utf8FromBinary(n);
  }

  /** Sets the display name (removed when empty). Throws `invalid_argument` beyond 100 UTF-8 bytes. */
  setName(name: string): boolean {
    if (typeof name !== 'string') throw new ProtocolError('invalid_argument', 'A name is text.');
    if (utf8Length(name) > MAX_NAME_BYTES) throw new ProtocolError('invalid_argument', `A profile name is at most ${MAX_NAME_BYTES} bytes.`);
    return this.edit((d) => setNonemptyBinary(d, ['n'], binaryFromUtf8(name)));
  }

  /** Sets the display name cut to 100 bytes at a character boundary. */
  setNameTruncated(name: string): boolean {
    return this.setName(utf8Truncate(name, MAX_NAME_BYTES));
  }

  /** The avatar (URL and key), or null. */
  get profilePic(): ProfilePic | null {
    return readProfilePic(this.data.root);
  }

  /** Sets or (null, or an empty URL/key) clears the avatar; URL and key always change together. */
  setProfilePic(pic: ProfilePic | null): boolean {
    const p = profilePicBinary(pic);
    return this.edit((d) => setPairIf(d, p !== null, ['p'], p?.url ?? '', ['q'], p?.key ?? ''));
  }

  /** Note-to-Self priority: 0 normal, −1 hidden, > 0 pinned (higher first). */
  get ntsPriority(): number {
    return this.data.getInt(['+']) ?? 0;
  }

  setNtsPriority(priority: number): boolean {
    checkInt(priority, 'A priority');
    return this.edit((d) => setNonzeroInt(d, ['+'], priority));
  }

  /** Note-to-Self disappearing timer in seconds, or null when off. */
  get ntsExpirySeconds(): number | null {
    const e = this.data.getInt(['e']);
    return e !== undefined && e > 0 ? e : null;
  }

  setNtsExpiry(seconds: number): boolean {
    checkInt(seconds, 'A timer');
    return this.edit((d) => setPositiveInt(d, ['e'], seconds));
  }

  /** Community (blinded) message requests: true on, false off, null = the client's default. */
  get blindedMessageRequests(): boolean | null {
    const m = this.data.getBigInt(['M']);
    return m === undefined ? null : m !== 0n;
  }

  setBlindedMessageRequests(enabled: boolean | null): boolean {
    return this.edit((d) => (enabled === null ? d.erase(['M']) : d.setInt(['M'], enabled ? 1 : 0)));
  }
}
