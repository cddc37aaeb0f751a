// The local dump of a config (spec advanced.md B.11): libsession's bt dict, byte for byte, so a dump
// written here loads in libsession and the other way round:
//   `!` state (0 clean, 1 dirty, 2 waiting), `$` the unsigned config message, `(` the current swarm
//   hash (a string in v1.2.0; newer libsession writes a list for multipart configs, and we write a
//   list only when there are several), `)` the swarm hashes to delete with the next push, `+` the
//   type's extra data. Any other key is kept and written back.
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { btDecodeDict, btEncode, type BtDict, type BtValue } from './bt';
import { binaryFromBytes, binaryFromUtf8, bytesFromBinary, compareBinary, utf8FromBinary } from './data';
import type { ConfigPushState } from './merge';

const STATES: readonly ConfigPushState[] = ['clean', 'dirty', 'waiting'];

/** What a dump holds. */
export interface ConfigDumpContents {
  state: ConfigPushState;
  /** The serialized config message (unsigned). */
  message: Uint8Array;
  /** Swarm hashes of the message we hold (one, or several for a multipart config; none when not on the swarm). */
  currentHashes: string[];
  /** Swarm hashes to delete with the next push. */
  oldHashes: string[];
  /** The `+` dict (type-specific extra data; empty for the user configs). */
  extra: BtDict;
  /** Keys of the dump this version does not know (e.g. `*`, newer libsession's pending parts), kept as they were. */
  unknown: BtDict;
}

const KNOWN = new Set(['!', '$', '(', ')', '+']);

function dumpFail(detail: string): never {
  throw new ProtocolError('config_invalid', 'Invalid config dump.', detail);
}

/** Serializes a dump; keys come out in bt order (libsession's `make_dump`). */
export function encodeConfigDump(c: ConfigDumpContents): Uint8Array {
  const d: BtDict = new Map(c.unknown);
  d.set('!', BigInt(STATES.indexOf(c.state)));
  d.set('$', binaryFromBytes(c.message));
  d.set('(', c.currentHashes.length <= 1 ? binaryFromUtf8(c.currentHashes[0] ?? '') : c.currentHashes.map(binaryFromUtf8));
  // libsession keeps old hashes in an unordered set; sorted is one valid order and is deterministic.
  d.set(')', [...c.oldHashes].map(binaryFromUtf8).sort(compareBinary));
  d.set('+', c.extra);
  return btEncode(d);
}

function hashString(v: BtValue | undefined, what: string): string {
  if (typeof v !== 'string') return dumpFail(`${what} is not a string`);
  return utf8FromBinary(v);
}

/** Parses a dump. Never throws: a bad dump is `config_invalid` (or `bencode_invalid`) with the reason. */
export function decodeConfigDump(bytes: Uint8Array): Result<ConfigDumpContents> {
  return attempt(() => {
    if (!(bytes instanceof Uint8Array)) dumpFail('not bytes');
    const parsed = btDecodeDict(bytes);
    if (!parsed.ok) throw parsed.error;
    const d = parsed.value;
    const st = d.get('!');
    if (typeof st !== 'bigint' || st < 0n || st > 2n) dumpFail('"!" state missing or not 0, 1 or 2');
    const msg = d.get('$');
    if (typeof msg !== 'string') dumpFail('"$" message missing');
    const cur = d.get('(');
    let currentHashes: string[] = [];
    if (typeof cur === 'string') currentHashes = cur.length === 0 ? [] : [utf8FromBinary(cur)];
    else if (Array.isArray(cur)) currentHashes = cur.map((h) => hashString(h, '"(" entry'));
    else if (cur !== undefined) dumpFail('"(" is not a string or list');
    const old = d.get(')');
    if (cur !== undefined && old === undefined) dumpFail('"(" without ")"');
    if (old !== undefined && !Array.isArray(old)) dumpFail('")" is not a list');
    const oldHashes = (old ?? []).map((h) => hashString(h, '")" entry'));
    const extra = d.get('+');
    if (extra !== undefined && !(extra instanceof Map)) dumpFail('"+" is not a dict');
    const unknown: BtDict = new Map();
    for (const [k, v] of d) if (!KNOWN.has(k)) unknown.set(k, v);
    return {
      state: STATES[Number(st)] as ConfigPushState,
      message: bytesFromBinary(msg),
      currentHashes,
      oldHashes,
      extra: extra ?? new Map(),
      unknown,
    };
  });
}
