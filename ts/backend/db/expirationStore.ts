// SQL of disappearing messages (spec messaging §6.12): a contact's setting as config-apply cached it, and
// starting a message's timer once it was sent or read. The sweep itself deletes through the message store.
import type { ExpirationView } from '../../ipc/contract';
import type { Db } from './database';
import { createSearchEraser } from './searchErase';

export interface ExpirationStore {
  /** A contact's disappearing setting from the contacts cache (written by config-apply only); undefined: off. */
  contactSetting(id: string): ExpirationView | undefined;
  /**
   * Starts the timer of a message that has a disappearing mode and no running timer: it then disappears at
   * `startAt + timer`. Returns the new expiry, or undefined when nothing changed.
   */
  startTimer(id: string, startAt: number): number | undefined;
  /** Sets the expiry of messages whose timer runs, never later than it was (our swarm said it ends sooner). */
  shortenTo(entries: readonly { id: string; expiresAt: number }[]): number;
  /** Own-swarm hashes of incoming after-read messages among `ids` (those our swarm holds a copy of). */
  afterReadHashes(ids: readonly string[]): { id: string; hash: string; expiresAt: number }[];
  /** Sent time of the conversation's newest timer-change control message (ms); 0 when none. */
  newestTimerChangeAt(conversationId: string): number;
  /** Whether deleting `rows` messages at once is cheaper through withBulkFtsErase than row by row. */
  worthBulkFtsErase(rows: number): boolean;
  /**
   * Runs `deleteRows` (inside the caller's transaction) for a large batch: the full-text index's per-row
   * secure delete is off meanwhile and the whole index is merged once afterwards, which erases the deleted
   * rows' words from its pages (cheaper than erasing row by row from a few dozen rows on).
   */
  withBulkFtsErase<T>(deleteRows: () => T): T;
}

/** The contacts cache's mode names (the Contacts config's) as the API names them. */
export function expirationViewOf(mode: string | null | undefined, timer: number | null | undefined): ExpirationView | undefined {
  if (timer === null || timer === undefined || timer <= 0) return undefined;
  if (mode === 'after_send') return { type: 'after-send', seconds: timer };
  if (mode === 'after_read') return { type: 'after-read', seconds: timer };
  return undefined;
}

export function createExpirationStore(db: Db): ExpirationStore {
  const selectContact = db.prepare<[string], { expiration_mode: string; expiration_timer: number }>(
    'SELECT expiration_mode, expiration_timer FROM contacts WHERE session_id = ?',
  );
  const updateStart = db.prepare<{ id: string; start: number }, { expires_at: number }>(
    `UPDATE messages SET expires_at = @start + expiration_timer * 1000
      WHERE id = @id AND expires_at IS NULL AND expiration_type IS NOT NULL AND expiration_timer > 0 RETURNING expires_at`,
  );
  const updateShorten = db.prepare<[string]>(
    `UPDATE messages SET expires_at = j.e
       FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS e FROM json_each(?)) AS j
      WHERE messages.id = j.id AND (messages.expires_at IS NULL OR messages.expires_at > j.e)`,
  );
  const selectAfterRead = db.prepare<[string], { id: string; hash: string; expires_at: number }>(
    `SELECT m.id, m.hash, m.expires_at FROM json_each(?) AS j JOIN messages AS m ON m.id = j.value
      WHERE m.direction = 'incoming' AND m.expiration_type = 'after-read' AND m.hash IS NOT NULL AND m.expires_at IS NOT NULL`,
  );
  const selectNewestChange = db.prepare<[string], { t: number | null }>(
    `SELECT max(sent_at) AS t FROM messages WHERE conversation_id = ? AND control IS NOT NULL AND json_extract(control, '$.type') = 'expiration-timer'`,
  );
  const eraser = createSearchEraser(db);
  return {
    worthBulkFtsErase: (rows) => eraser.worthBulk(rows),
    withBulkFtsErase: (deleteRows) => eraser.withBulkErase(deleteRows),
    newestTimerChangeAt: (conversationId) => selectNewestChange.get(conversationId)?.t ?? 0,
    contactSetting(id) {
      const r = selectContact.get(id);
      return r ? expirationViewOf(r.expiration_mode, r.expiration_timer) : undefined;
    },
    startTimer: (id, startAt) => updateStart.get({ id, start: Math.trunc(startAt) })?.expires_at,
    shortenTo: (entries) => (entries.length === 0 ? 0 : updateShorten.run(JSON.stringify(entries.map((e) => [e.id, Math.trunc(e.expiresAt)]))).changes),
    afterReadHashes: (ids) =>
      ids.length === 0 ? [] : selectAfterRead.all(JSON.stringify(ids)).map((r) => ({ id: r.id, hash: r.hash, expiresAt: r.expires_at })),
  };
}
