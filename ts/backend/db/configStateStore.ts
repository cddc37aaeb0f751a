// SQL for config sync: the per-config dumps and the "complete retrieve merged" marker (migration 8), and
// the cache columns config-apply writes from the merged configs. Nothing but config-apply calls the
// cache writers: the configs are the one source of truth for that state, the columns only serve queries.
// The cache upserts write only rows that differ from what the config says (every start applies the whole
// configs again: with 1,000 contacts rewriting each row cost ~130 ms of the cold start); a row written
// directly still differs, and so is put right by the next apply.
import type { Db } from './database';

export interface StoredConfigState {
  dump: Uint8Array;
  /** Swarm timestamp (ms) of the newest config message merged into it; 0 when none. */
  latestMessageAt: number;
}

/** One contact as config-apply writes it into the contacts cache. */
export interface ContactCacheRow {
  id: string;
  approved: boolean;
  approvedMe: boolean;
  blocked: boolean;
  nickname: string | null;
  profileName: string | null;
  notificationMode: 'all' | 'mute';
  priority: number;
  muteUntil: number;
  expirationMode: 'none' | 'after_send' | 'after_read';
  expirationTimer: number;
  avatarUrl: string | null;
  avatarKey: Uint8Array | null;
}

export interface ProfileCache {
  displayName: string;
  avatarUrl: string | null;
  avatarKey: Uint8Array | null;
  ntsPriority: number;
  communityMessageRequests: boolean | null;
}

export interface ReadStateRow {
  id: string;
  lastReadAt: number;
  markedUnread: boolean;
}

export interface ConfigStateStore {
  load(pubkey: string): Map<number, StoredConfigState>;
  save(pubkey: string, namespace: number, state: StoredConfigState, now: number): void;
  swarmMerged(pubkey: string): boolean;
  setSwarmMerged(pubkey: string, now: number): void;

  // --- caches (config-apply only) ---
  /** Our profile as the UserProfile config says; creates the row when missing. */
  writeProfile(p: ProfileCache, now: number): void;
  readProfile(): ProfileCache | undefined;
  /** The contact rows as they are (read once, to seed the Contacts config of a profile from before config sync). */
  readContacts(): Pick<ContactCacheRow, 'id' | 'approved' | 'approvedMe' | 'blocked' | 'nickname' | 'profileName' | 'notificationMode'>[];
  /**
   * Writes these contacts. With `complete`, the list is every contact of the config: rows of anyone
   * else are deleted.
   */
  writeContacts(rows: readonly ContactCacheRow[], complete: boolean, now: number): void;
  /**
   * Writes these read states (every one of the config's 1:1 conversations when `complete`: the others
   * are reset) and marks incoming messages sent at or before a read position read.
   */
  writeReadStates(rows: readonly ReadStateRow[], complete: boolean, now: number): string[];
  readState(id: string): ReadStateRow | undefined;
  /** Newest message time of a conversation (ms), 0 when it has none. */
  newestMessageAt(id: string): number;
}

const toBuffer = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export function createConfigStateStore(db: Db): ConfigStateStore {
  const selectStates = db.prepare<[string], { namespace: number; dump: Buffer; latest_message_at: number }>(
    'SELECT namespace, dump, latest_message_at FROM config_state WHERE pubkey = ?',
  );
  const upsertState = db.prepare<[string, number, Buffer, number, number]>(
    `INSERT INTO config_state (pubkey, namespace, dump, latest_message_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (pubkey, namespace) DO UPDATE SET dump = excluded.dump, latest_message_at = excluded.latest_message_at, updated_at = excluded.updated_at`,
  );
  const selectMerged = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM config_sync WHERE pubkey = ?');
  const insertMerged = db.prepare<[string, number]>('INSERT INTO config_sync (pubkey, swarm_merged_at) VALUES (?, ?) ON CONFLICT (pubkey) DO NOTHING');

  // Our picture's local copy (avatar_file_*) belongs to the URL it was made for: a new URL (set here or on
  // another device) or none drops it, and the file goes to the sweeper. A changed name or picture is a
  // profile change: profile_updated_s (sent as lastProfileUpdateSeconds) moves to now, and always forward
  // (receivers apply only a strictly newer profile, so two changes within one second must differ).
  const queueOwnAvatarFile = db.prepare<{ url: string | null }>(
    `INSERT OR IGNORE INTO attachment_files_gc (file_id)
       SELECT avatar_file_id FROM user_profile WHERE id = 1 AND avatar_file_id IS NOT NULL AND avatar_url IS NOT @url`,
  );
  const upsertProfile = db.prepare<{ name: string; url: string | null; key: Buffer | null; nts: number; cmr: number | null; now: number; nowS: number }>(
    `INSERT INTO user_profile (id, display_name, updated_at, avatar_url, avatar_key, nts_priority, community_message_requests)
       VALUES (1, @name, @now, @url, @key, @nts, @cmr)
     ON CONFLICT (id) DO UPDATE SET display_name = @name, updated_at = @now, avatar_url = @url, avatar_key = @key,
       nts_priority = @nts, community_message_requests = @cmr,
       profile_updated_s = CASE WHEN display_name IS NOT @name OR avatar_url IS NOT @url THEN max(profile_updated_s + 1, @nowS) ELSE profile_updated_s END,
       avatar_file_id = CASE WHEN avatar_url IS @url THEN avatar_file_id END,
       avatar_file_key = CASE WHEN avatar_url IS @url THEN avatar_file_key END,
       avatar_content_type = CASE WHEN avatar_url IS @url THEN avatar_content_type END,
       avatar_uploaded_at = CASE WHEN avatar_url IS @url THEN avatar_uploaded_at END`,
  );
  const selectProfile = db.prepare<[], { display_name: string; avatar_url: string | null; avatar_key: Buffer | null; nts_priority: number; community_message_requests: number | null }>(
    'SELECT display_name, avatar_url, avatar_key, nts_priority, community_message_requests FROM user_profile WHERE id = 1',
  );
  const upsertContact = db.prepare<{
    id: string;
    a: number;
    am: number;
    b: number;
    nick: string | null;
    name: string | null;
    mode: string;
    prio: number;
    mute: number;
    em: string;
    et: number;
    url: string | null;
    key: Buffer | null;
    now: number;
  }>(
    `INSERT INTO contacts (session_id, is_approved, did_approve_me, is_blocked, nickname, profile_name, notification_mode, priority,
                           mute_until, expiration_mode, expiration_timer, avatar_url, avatar_key, updated_at)
       VALUES (@id, @a, @am, @b, @nick, @name, @mode, @prio, @mute, @em, @et, @url, @key, @now)
     ON CONFLICT (session_id) DO UPDATE SET is_approved = @a, did_approve_me = @am, is_blocked = @b, nickname = @nick,
       profile_name = @name, notification_mode = @mode, priority = @prio, mute_until = @mute, expiration_mode = @em,
       expiration_timer = @et, avatar_url = @url, avatar_key = @key, updated_at = @now
     WHERE is_approved IS NOT @a OR did_approve_me IS NOT @am OR is_blocked IS NOT @b OR nickname IS NOT @nick
       OR profile_name IS NOT @name OR notification_mode IS NOT @mode OR priority IS NOT @prio OR mute_until IS NOT @mute
       OR expiration_mode IS NOT @em OR expiration_timer IS NOT @et OR avatar_url IS NOT @url OR avatar_key IS NOT @key`,
  );
  const deleteContactsNotIn = db.prepare<[string]>('DELETE FROM contacts WHERE session_id NOT IN (SELECT value FROM json_each(?))');
  const upsertRead = db.prepare<[string, number, number]>(
    `INSERT INTO conversation_read_state (conversation_id, last_read_at, marked_unread) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET last_read_at = excluded.last_read_at, marked_unread = excluded.marked_unread
     WHERE last_read_at IS NOT excluded.last_read_at OR marked_unread IS NOT excluded.marked_unread`,
  );
  const deleteReadNotIn = db.prepare<[string]>('DELETE FROM conversation_read_state WHERE conversation_id NOT IN (SELECT value FROM json_each(?))');
  // Reading on another device starts after-read timers here too, as reading here does.
  const markReadUpTo = db.prepare<{ id: string; upTo: number; now: number }, { id: string }>(
    `UPDATE messages SET status = 'read',
       expires_at = CASE WHEN expiration_type = 'after-read' AND expires_at IS NULL THEN @now + expiration_timer * 1000 ELSE expires_at END
     WHERE conversation_id = @id AND direction = 'incoming' AND status = 'received' AND sent_at <= @upTo RETURNING id`,
  );
  const selectRead = db.prepare<[string], { last_read_at: number; marked_unread: number }>(
    'SELECT last_read_at, marked_unread FROM conversation_read_state WHERE conversation_id = ?',
  );
  const selectContacts = db.prepare<[], { session_id: string; is_approved: number; did_approve_me: number; is_blocked: number; nickname: string | null; profile_name: string | null; notification_mode: string }>(
    'SELECT session_id, is_approved, did_approve_me, is_blocked, nickname, profile_name, notification_mode FROM contacts ORDER BY session_id',
  );
  const selectNewest = db.prepare<[string], { m: number | null }>('SELECT max(sent_at) AS m FROM messages WHERE conversation_id = ?');

  return {
    load(pubkey) {
      return new Map(selectStates.all(pubkey).map((r) => [r.namespace, { dump: new Uint8Array(r.dump), latestMessageAt: r.latest_message_at }] as const));
    },
    save(pubkey, namespace, state, now) {
      upsertState.run(pubkey, namespace, toBuffer(state.dump) as Buffer, state.latestMessageAt, now);
    },
    swarmMerged: (pubkey) => (selectMerged.get(pubkey)?.n ?? 0) > 0,
    setSwarmMerged(pubkey, now) {
      insertMerged.run(pubkey, now);
    },
    writeProfile(p, now) {
      queueOwnAvatarFile.run({ url: p.avatarUrl });
      upsertProfile.run({
        nowS: Math.floor(now / 1000),
        name: p.displayName,
        url: p.avatarUrl,
        key: toBuffer(p.avatarKey),
        nts: p.ntsPriority,
        cmr: p.communityMessageRequests === null ? null : p.communityMessageRequests ? 1 : 0,
        now,
      });
    },
    readProfile() {
      const r = selectProfile.get();
      if (!r) return undefined;
      return {
        displayName: r.display_name,
        avatarUrl: r.avatar_url,
        avatarKey: r.avatar_key === null ? null : new Uint8Array(r.avatar_key),
        ntsPriority: r.nts_priority,
        communityMessageRequests: r.community_message_requests === null ? null : r.community_message_requests !== 0,
      };
    },
    readContacts: () =>
      selectContacts.all().map((r) => ({
        id: r.session_id,
        approved: r.is_approved === 1,
        approvedMe: r.did_approve_me === 1,
        blocked: r.is_blocked === 1,
        nickname: r.nickname,
        profileName: r.profile_name,
        notificationMode: r.notification_mode === 'mute' ? 'mute' : 'all',
      })),
    writeContacts(rows, complete, now) {
      for (const c of rows) {
        upsertContact.run({
          id: c.id,
          a: c.approved ? 1 : 0,
          am: c.approvedMe ? 1 : 0,
          b: c.blocked ? 1 : 0,
          nick: c.nickname,
          name: c.profileName,
          mode: c.notificationMode,
          prio: c.priority,
          mute: c.muteUntil,
          em: c.expirationMode,
          et: c.expirationTimer,
          url: c.avatarUrl,
          key: toBuffer(c.avatarKey),
          now,
        });
      }
      if (complete) deleteContactsNotIn.run(JSON.stringify(rows.map((c) => c.id)));
    },
    writeReadStates(rows, complete, now) {
      const read: string[] = [];
      for (const r of rows) {
        upsertRead.run(r.id, r.lastReadAt, r.markedUnread ? 1 : 0);
        if (r.lastReadAt > 0) for (const m of markReadUpTo.all({ id: r.id, upTo: r.lastReadAt, now })) read.push(m.id);
      }
      if (complete) deleteReadNotIn.run(JSON.stringify(rows.map((r) => r.id)));
      return read;
    },
    readState(id) {
      const r = selectRead.get(id);
      return r ? { id, lastReadAt: r.last_read_at, markedUnread: r.marked_unread !== 0 } : undefined;
    },
    newestMessageAt: (id) => selectNewest.get(id)?.m ?? 0,
  };
}
