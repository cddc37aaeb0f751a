// The ConvoInfoVolatile config (namespace 4, spec advanced.md B.14): per-conversation read state
// that changes often. `1` → 33-byte `05` id, `g` → 33-byte `03` group id, `C` → 33-byte legacy
// group id, `o` → canonical base URL → {`#`: server pubkey, `R`: {lower-case room: …}}; each entry
// holds `r` (last read, ms) and `u` (marked unread).
//
// Pruning follows libsession, relative to the time passed in: a last-read more than 30 days old is
// not stored for a new or newer value (lowering an existing one is always stored), and each push
// first drops 1:1, legacy-group and community entries read more than 45 days ago and not unread.
import { ProtocolError } from '../primitives/errors';
import { ConfigBase, type ConfigBaseOptions } from './configBase';
import { CONFIG_TYPES } from './configTypes';
import { binaryFromBytes, binaryFromUtf8, bytesFromBinary, isDict, utf8FromBinary, type ConfigData, type ConfigDict } from './data';
import { canonicalCommunityUrl, canonicalRoom, communityPubkey } from './community';
import { checkInt, dictBinary, dictInt, idFromKey, idKey, isIdKey, setFlag } from './fields';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A last-read older than this is not added. */
export const CONVO_PRUNE_LOW_MS = 30 * DAY_MS;
/** Entries read longer ago than this (and not unread) are dropped at push. */
export const CONVO_PRUNE_HIGH_MS = 45 * DAY_MS;

/** Read state of one conversation. */
export interface ConvoReadState {
  /** Last-read timestamp in milliseconds (0 = nothing read). */
  lastRead: number;
  /** Explicitly marked unread. */
  unread: boolean;
}

export type ConvoInfo =
  | ({ type: 'one_to_one'; sessionId: string } & ConvoReadState)
  | ({ type: 'group'; groupId: string } & ConvoReadState)
  | ({ type: 'legacy_group'; groupId: string } & ConvoReadState)
  | ({ type: 'community'; baseUrl: string; room: string; pubkey: Uint8Array } & ConvoReadState);

function loadReadState(d: ConfigDict): ConvoReadState {
  return { lastRead: dictInt(d, 'r') ?? 0, unread: (dictInt(d, 'u') ?? 0) !== 0 };
}

/** libsession's `set_base`: the PRUNE_LOW rule for `r`, then the unread flag. */
function writeReadState(d: ConfigData, path: readonly string[], s: ConvoReadState, nowMs: number): boolean {
  let changed = false;
  const r = [...path, 'r'];
  const cur = d.getInt(r);
  if (cur !== undefined && s.lastRead < cur) changed = d.setInt(r, s.lastRead) || changed;
  else if (s.lastRead > nowMs - CONVO_PRUNE_LOW_MS) changed = d.setInt(r, s.lastRead) || changed;
  changed = setFlag(d, [...path, 'u'], s.unread) || changed;
  return changed;
}

function checkState(s: ConvoReadState, nowMs: number): void {
  checkInt(s.lastRead, 'A last-read time');
  if (typeof s.unread !== 'boolean') throw new ProtocolError('invalid_argument', 'unread is a boolean.');
  if (!Number.isFinite(nowMs)) throw new ProtocolError('invalid_argument', 'The current time is needed.');
}

export class ConvoInfoVolatile extends ConfigBase {
  constructor(opts: ConfigBaseOptions) {
    super(CONFIG_TYPES.ConvoInfoVolatile, opts);
  }

  // --- 1:1 ---

  get1to1(sessionId: string): ConvoReadState | null {
    const d = this.data.getDict(['1', idKey(sessionId, '05')]);
    return d === undefined ? null : loadReadState(d);
  }

  /** Stores the read state of a 1:1 conversation (see the pruning rule). Returns whether it changed. */
  set1to1(sessionId: string, s: ConvoReadState, nowMs: number): boolean {
    const key = idKey(sessionId, '05');
    checkState(s, nowMs);
    return this.edit((d) => writeReadState(d, ['1', key], s, nowMs));
  }

  erase1to1(sessionId: string): boolean {
    const key = idKey(sessionId, '05');
    return this.edit((d) => d.erase(['1', key]));
  }

  // --- groups v2 ---

  getGroup(groupId: string): ConvoReadState | null {
    const d = this.data.getDict(['g', idKey(groupId, '03')]);
    return d === undefined ? null : loadReadState(d);
  }

  setGroup(groupId: string, s: ConvoReadState, nowMs: number): boolean {
    const key = idKey(groupId, '03');
    checkState(s, nowMs);
    return this.edit((d) => writeReadState(d, ['g', key], s, nowMs));
  }

  eraseGroup(groupId: string): boolean {
    const key = idKey(groupId, '03');
    return this.edit((d) => d.erase(['g', key]));
  }

  // --- legacy groups ---

  getLegacyGroup(groupId: string): ConvoReadState | null {
    const d = this.data.getDict(['C', idKey(groupId, '05')]);
    return d === undefined ? null : loadReadState(d);
  }

  setLegacyGroup(groupId: string, s: ConvoReadState, nowMs: number): boolean {
    const key = idKey(groupId, '05');
    checkState(s, nowMs);
    return this.edit((d) => writeReadState(d, ['C', key], s, nowMs));
  }

  eraseLegacyGroup(groupId: string): boolean {
    const key = idKey(groupId, '05');
    return this.edit((d) => d.erase(['C', key]));
  }

  // --- communities ---

  /** The read state and server key of a community room (URL and room in any accepted form). */
  getCommunity(baseUrl: string, room: string): (ConvoReadState & { pubkey: Uint8Array | null }) | null {
    const url = binaryFromUtf8(canonicalCommunityUrl(baseUrl));
    const d = this.data.getDict(['o', url, 'R', canonicalRoom(room)]);
    if (d === undefined) return null;
    const pk = this.data.getBinary(['o', url, '#']);
    return { ...loadReadState(d), pubkey: pk !== undefined && pk.length === 32 ? bytesFromBinary(pk) : null };
  }

  /** Stores a community room's read state and its server's public key. */
  setCommunity(baseUrl: string, room: string, pubkey: Uint8Array | string, s: ConvoReadState, nowMs: number): boolean {
    const url = binaryFromUtf8(canonicalCommunityUrl(baseUrl));
    const r = canonicalRoom(room);
    const pk = binaryFromBytes(communityPubkey(pubkey));
    checkState(s, nowMs);
    return this.edit((d) => {
      const a = d.setBinary(['o', url, '#'], pk);
      const b = writeReadState(d, ['o', url, 'R', r], s, nowMs);
      return a || b;
    });
  }

  /** Removes a room; the server entry goes with its last room. */
  eraseCommunity(baseUrl: string, room: string): boolean {
    const url = binaryFromUtf8(canonicalCommunityUrl(baseUrl));
    const r = canonicalRoom(room);
    return this.edit((d) => eraseRoom(d, url, r));
  }

  // --- all ---

  /**
   * Every conversation, in libsession's order: 1:1s, groups, communities, legacy groups (each by
   * key). Entries that do not fit the layout are skipped here but kept in the data.
   */
  all(): ConvoInfo[] {
    const out: ConvoInfo[] = [];
    const data = this.data;
    for (const [section, prefix] of [
      ['1', 0x05],
      ['g', 0x03],
    ] as const) {
      const dict = data.getDict([section]);
      for (const key of data.keys([section])) {
        const v = dict?.get(key);
        if (!isIdKey(key, prefix) || !isDict(v)) continue;
        out.push(section === '1' ? { type: 'one_to_one', sessionId: idFromKey(key), ...loadReadState(v) } : { type: 'group', groupId: idFromKey(key), ...loadReadState(v) });
      }
    }
    for (const c of communityRooms(data)) {
      out.push({ type: 'community', baseUrl: c.baseUrl, room: c.roomKey, pubkey: c.pubkey, ...loadReadState(c.dict) });
    }
    const legacy = data.getDict(['C']);
    for (const key of data.keys(['C'])) {
      const v = legacy?.get(key);
      if (isIdKey(key, 0x05) && isDict(v)) out.push({ type: 'legacy_group', groupId: idFromKey(key), ...loadReadState(v) });
    }
    return out;
  }

  /** Number of conversations `all()` would list. */
  get size(): number {
    return this.all().length;
  }

  /**
   * Drops 1:1, legacy-group and community entries last read before `nowMs − 45 days` and not
   * unread (groups v2 are kept, as in libsession v1.2.0). Runs at every push; returns whether
   * anything was dropped.
   */
  pruneStale(nowMs: number): boolean {
    const cutoff = nowMs - CONVO_PRUNE_HIGH_MS;
    const stale = (s: ConvoReadState): boolean => !s.unread && s.lastRead < cutoff;
    const all = this.all();
    const gone1 = all.filter((c) => c.type === 'one_to_one' && stale(c)) as Array<Extract<ConvoInfo, { type: 'one_to_one' }>>;
    const goneL = all.filter((c) => c.type === 'legacy_group' && stale(c)) as Array<Extract<ConvoInfo, { type: 'legacy_group' }>>;
    const goneC = all.filter((c) => c.type === 'community' && stale(c)) as Array<Extract<ConvoInfo, { type: 'community' }>>;
    if (gone1.length + goneL.length + goneC.length === 0) return false;
    return this.edit((d) => {
      let changed = false;
      for (const c of gone1) changed = d.erase(['1', idKey(c.sessionId, '05')]) || changed;
      for (const c of goneL) changed = d.erase(['C', idKey(c.groupId, '05')]) || changed;
      for (const c of goneC) changed = eraseRoom(d, binaryFromUtf8(c.baseUrl), c.room) || changed;
      return changed;
    });
  }

  protected override beforePush(nowMs: number): void {
    this.pruneStale(nowMs);
  }
}

/** Removes a room and, when it was the server's last, the server with its key. */
export function eraseRoom(d: ConfigData, url: string, roomKey: string): boolean {
  if (!d.erase(['o', url, 'R', roomKey])) return false;
  const rooms = d.getDict(['o', url, 'R']);
  if (rooms === undefined || rooms.size === 0) d.erase(['o', url]);
  return true;
}

/** The rooms under `o` that libsession lists: server dicts with a string `#`, room dicts under `R`. */
export function communityRooms(data: ConfigData): Array<{ baseUrl: string; roomKey: string; pubkey: Uint8Array; dict: ConfigDict }> {
  const out: Array<{ baseUrl: string; roomKey: string; pubkey: Uint8Array; dict: ConfigDict }> = [];
  const servers = data.getDict(['o']);
  if (servers === undefined) return out;
  for (const url of data.keys(['o'])) {
    const server = servers.get(url);
    if (!isDict(server)) continue;
    const pk = dictBinary(server, '#');
    const rooms = server.get('R');
    if (pk === undefined || !isDict(rooms)) continue;
    for (const room of [...rooms.keys()].sort()) {
      const v = rooms.get(room);
      if (!isDict(v)) continue;
      // libsession skips rooms whose URL, token or key does not validate.
      let baseUrl: string;
      try {
        baseUrl = canonicalCommunityUrl(utf8FromBinary(url));
        canonicalRoom(utf8FromBinary(room));
      } catch {
        continue;
      }
      if (pk.length !== 32) continue;
      out.push({ baseUrl, roomKey: utf8FromBinary(room), pubkey: bytesFromBinary(pk), dict: v });
    }
  }
  return out;
}
