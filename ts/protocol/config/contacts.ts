// The Contacts config (namespace 3, spec advanced.md B.13): `c` → 33-byte Session ID → the contact's
// name, nickname, avatar, approval and block flags, notification and mute settings, priority,
// disappearing-message setting and creation time.
//
// Every setter works like libsession's: read the whole contact (normalized), change one field,
// write every field back. So a setter also normalizes values other clients may have written
// (a mentions-only `@` becomes 1, a half-set avatar or timer is removed), which every device does
// alike; keys inside a contact that this version does not know are never touched.
import { ProtocolError } from '../primitives/errors';
import { ConfigBase, type ConfigBaseOptions } from './configBase';
import { CONFIG_TYPES } from './configTypes';
import { isDict, utf8FromBinary, type ConfigData, type ConfigDict } from './data';
import {
  MAX_NAME_BYTES,
  binaryPrefix,
  checkInt,
  dictBinary,
  dictInt,
  idFromKey,
  idKey,
  notifyModeFromInt,
  notifyModeToInt,
  profilePicBinary,
  readProfilePic,
  setFlag,
  setNonemptyBinary,
  setNonzeroInt,
  setPairIf,
  setPositiveInt,
  storedText,
  utf8Length,
  utf8Truncate,
  type NotifyMode,
  type ProfilePic,
} from './fields';

/** Disappearing messages of a conversation. */
export type ExpirationMode = 'none' | 'after_send' | 'after_read';

const EXPIRATION_MODES: readonly ExpirationMode[] = ['none', 'after_send', 'after_read'];

/** One contact as the configs hold it. */
export interface ContactInfo {
  /** `05…` Session ID (66 hex chars, lower case when read). */
  sessionId: string;
  /** The contact's own display name ("" when unknown). */
  name: string;
  /** Our nickname for them ("" when none). */
  nickname: string;
  profilePic: ProfilePic | null;
  /** We accepted them (sent a message or accepted their request). */
  approved: boolean;
  /** They accepted us. */
  approvedMe: boolean;
  blocked: boolean;
  /** 0 normal, −1 hidden, > 0 pinned. */
  priority: number;
  /** Contacts store mentions-only as all. */
  notifications: NotifyMode;
  /** Notifications muted until this unix time (s); 0 = not muted. */
  muteUntil: number;
  expirationMode: ExpirationMode;
  /** Disappearing timer (s); 0 when the mode is none. */
  expirationTimerSeconds: number;
  /** When the contact was created (unix s); 0 = unknown. */
  created: number;
}

/** A contact with every field at its default. */
export function emptyContact(sessionId: string): ContactInfo {
  return {
    sessionId,
    name: '',
    nickname: '',
    profilePic: null,
    approved: false,
    approvedMe: false,
    blocked: false,
    priority: 0,
    notifications: 'default',
    muteUntil: 0,
    expirationMode: 'none',
    expirationTimerSeconds: 0,
    created: 0,
  };
}

/** Reads a contact dict the way libsession's `contact_info::load` does. */
function loadContact(sessionId: string, d: ConfigDict): ContactInfo {
  const n = dictBinary(d, 'n');
  const nn = dictBinary(d, 'N');
  let notifications = notifyModeFromInt(dictInt(d, '@') ?? 0);
  if (notifications === 'mentions_only') notifications = 'all';
  const e = dictInt(d, 'e') ?? 0;
  let expirationMode: ExpirationMode = Number.isInteger(e) && e >= 0 && e <= 2 ? (EXPIRATION_MODES[e] as ExpirationMode) : 'none';
  let expirationTimerSeconds = 0;
  if (expirationMode !== 'none') {
    const secs = dictInt(d, 'E') ?? 0;
    if (secs <= 0) expirationMode = 'none';
    else expirationTimerSeconds = secs;
  }
  return {
    sessionId,
    name: n === undefined ? '' : utf8FromBinary(n),
    nickname: nn === undefined ? '' : utf8FromBinary(nn),
    profilePic: readProfilePic(d),
    approved: (dictInt(d, 'a') ?? 0) !== 0,
    approvedMe: (dictInt(d, 'A') ?? 0) !== 0,
    blocked: (dictInt(d, 'b') ?? 0) !== 0,
    priority: dictInt(d, '+') ?? 0,
    notifications,
    muteUntil: dictInt(d, '!') ?? 0,
    expirationMode,
    expirationTimerSeconds,
    created: dictInt(d, 'j') ?? 0,
  };
}

export class Contacts extends ConfigBase {
  constructor(opts: ConfigBaseOptions) {
    super(CONFIG_TYPES.Contacts, opts);
  }

  /** The contact, or null when there is none. Throws `invalid_argument` for an invalid Session ID. */
  get(sessionId: string): ContactInfo | null {
    const key = idKey(sessionId, '05');
    const d = this.data.getDict(['c', key]);
    return d === undefined ? null : loadContact(idFromKey(key), d);
  }

  /** The contact, or a new one with defaults. */
  getOrConstruct(sessionId: string): ContactInfo {
    return this.get(sessionId) ?? emptyContact(idFromKey(idKey(sessionId, '05')));
  }

  /** Writes every field of `contact` (creating it when new). Returns whether anything changed. */
  set(contact: ContactInfo): boolean {
    const key = idKey(contact.sessionId, '05');
    for (const [v, what] of [
      [contact.priority, 'A priority'],
      [contact.muteUntil, 'A mute time'],
      [contact.expirationTimerSeconds, 'A timer'],
      [contact.created, 'A creation time'],
    ] as const) {
      checkInt(v, what);
    }
    const pic = profilePicBinary(contact.profilePic);
    const mode = EXPIRATION_MODES.indexOf(contact.expirationMode);
    if (mode < 0) throw new ProtocolError('invalid_argument', 'Unknown disappearing-message mode.');
    let notify = notifyModeToInt(contact.notifications);
    if (notify === 3) notify = 1; // contacts have no mentions-only
    return this.edit((d) => writeContact(d, key, contact, pic, mode, notify));
  }

  private update(sessionId: string, change: (c: ContactInfo) => void): boolean {
    const c = this.getOrConstruct(sessionId);
    change(c);
    return this.set(c);
  }

  /** Sets their display name (cut to 100 bytes at a character boundary). */
  setName(sessionId: string, name: string): boolean {
    return this.update(sessionId, (c) => {
      c.name = utf8Truncate(name, MAX_NAME_BYTES);
    });
  }

  /** Sets our nickname ("" clears it). Throws `invalid_argument` beyond 100 bytes. */
  setNickname(sessionId: string, nickname: string): boolean {
    if (typeof nickname !== 'string' || utf8Length(nickname) > MAX_NAME_BYTES) {
      throw new ProtocolError('invalid_argument', `A nickname is at most ${MAX_NAME_BYTES} bytes.`);
    }
    return this.update(sessionId, (c) => {
      c.nickname = nickname;
    });
  }

  /** Sets our nickname cut to 100 bytes at a character boundary. */
  setNicknameTruncated(sessionId: string, nickname: string): boolean {
    return this.setNickname(sessionId, utf8Truncate(nickname, MAX_NAME_BYTES));
  }

  setProfilePic(sessionId: string, pic: ProfilePic | null): boolean {
    return this.update(sessionId, (c) => {
      c.profilePic = pic;
    });
  }

  setApproved(sessionId: string, approved: boolean): boolean {
    return this.update(sessionId, (c) => {
      c.approved = approved;
    });
  }

  setApprovedMe(sessionId: string, approvedMe: boolean): boolean {
    return this.update(sessionId, (c) => {
      c.approvedMe = approvedMe;
    });
  }

  setBlocked(sessionId: string, blocked: boolean): boolean {
    return this.update(sessionId, (c) => {
      c.blocked = blocked;
    });
  }

  setPriority(sessionId: string, priority: number): boolean {
    return this.update(sessionId, (c) => {
      c.priority = priority;
    });
  }

  setNotifications(sessionId: string, mode: NotifyMode, muteUntil?: number): boolean {
    return this.update(sessionId, (c) => {
      c.notifications = mode;
      if (muteUntil !== undefined) c.muteUntil = muteUntil;
    });
  }

  setMuteUntil(sessionId: string, muteUntil: number): boolean {
    return this.update(sessionId, (c) => {
      c.muteUntil = muteUntil;
    });
  }

  /** Sets the disappearing-message setting (the timer is dropped when the mode is none). */
  setExpiry(sessionId: string, mode: ExpirationMode, timerSeconds: number): boolean {
    return this.update(sessionId, (c) => {
      c.expirationMode = mode;
      c.expirationTimerSeconds = mode === 'none' ? 0 : timerSeconds;
    });
  }

  setCreated(sessionId: string, created: number): boolean {
    return this.update(sessionId, (c) => {
      c.created = created;
    });
  }

  /** Removes the contact with everything stored for it (unknown fields too). Returns whether it existed. */
  erase(sessionId: string): boolean {
    const key = idKey(sessionId, '05');
    return this.edit((d) => d.erase(['c', key]));
  }

  /** Number of entries under `c` (as libsession counts them). */
  get size(): number {
    return this.data.getDict(['c'])?.size ?? 0;
  }

  /** Every contact in Session ID order; entries that are not a 33-byte key with a dict are skipped. */
  all(): ContactInfo[] {
    const c = this.data.getDict(['c']);
    if (c === undefined) return [];
    const out: ContactInfo[] = [];
    for (const key of this.data.keys(['c'])) {
      const v = c.get(key);
      if (key.length === 33 && isDict(v)) out.push(loadContact(idFromKey(key), v));
    }
    return out;
  }
}

function writeContact(d: ConfigData, key: string, c: ContactInfo, pic: { url: string; key: string } | null, mode: number, notify: number): boolean {
  const at = (k: string): string[] => ['c', key, k];
  let changed = false;
  // `n` is always written, even empty, so a contact with nothing else set still exists.
  changed = d.setBinary(at('n'), binaryPrefix(storedText(d, at('n'), c.name), MAX_NAME_BYTES)) || changed;
  changed = setNonemptyBinary(d, at('N'), binaryPrefix(storedText(d, at('N'), c.nickname), MAX_NAME_BYTES)) || changed;
  const url = pic === null ? '' : storedText(d, at('p'), utf8FromBinary(pic.url));
  changed = setPairIf(d, pic !== null, at('p'), url, at('q'), pic?.key ?? '') || changed;
  changed = setFlag(d, at('a'), c.approved) || changed;
  changed = setFlag(d, at('A'), c.approvedMe) || changed;
  changed = setFlag(d, at('b'), c.blocked) || changed;
  changed = setNonzeroInt(d, at('+'), c.priority) || changed;
  changed = setPositiveInt(d, at('@'), notify) || changed;
  changed = setPositiveInt(d, at('!'), c.muteUntil) || changed;
  changed = setPairIf(d, mode !== 0 && c.expirationTimerSeconds > 0, at('e'), mode, at('E'), c.expirationTimerSeconds) || changed;
  changed = setPositiveInt(d, at('j'), c.created) || changed;
  return changed;
}
