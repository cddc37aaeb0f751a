// SQL for "deleted for everyone" placeholders (spec messaging §6.10): the message row stays under its protocol
// identity (so a late copy is recognised) but everything it said is erased in the same transaction: body (the
// full-text trigger re-indexes it as empty), raw Content, attachments, quote, preview, reactions, received
// content that refers to it (unsend tombstones stay) and its outbox rows. Call inside a transaction.
import type { Db } from './database';

export interface UnsendStore {
  /**
   * Turns these messages into placeholders; returns the ones changed (already-deleted rows are skipped).
   * Messages never stored anywhere are not placeholders: callers delete them with deleteByIds.
   */
  placeholders(ids: readonly string[]): { id: string; conversationId: string }[];
}

export function createUnsendStore(db: Db): UnsendStore {
  // The rows to erase: not yet placeholders. Deleting attachment rows queues their files for the sweeper
  // (attachments_gc trigger).
  const targets = `SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0`;
  const deleteAttachments = db.prepare<[string]>(`DELETE FROM attachments WHERE message_id IN (${targets})`);
  const deleteOutbox = db.prepare<[string]>(`DELETE FROM outbox WHERE message_id IN (${targets})`);
  const deleteReactions = db.prepare<[string]>(
    `DELETE FROM reactions WHERE (target_sender, target_sent_at) IN
       (SELECT sender, sent_at FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0)`,
  );
  const deleteRelated = db.prepare<[string]>(
    `DELETE FROM received_content WHERE kind <> 'unsend' AND (target_sender, target_sent_at) IN
       (SELECT sender, sent_at FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0)`,
  );
  const erase = db.prepare<[string], { id: string; conversation_id: string }>(
    `UPDATE messages SET body = '', content = NULL, unsupported = NULL, quote_author = NULL, quote_sent_at = NULL,
        preview_url = NULL, preview_title = NULL, error = NULL, deleted = 1
      WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0
      RETURNING id, conversation_id`,
  );
  return {
    placeholders(ids) {
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      deleteAttachments.run(json);
      deleteOutbox.run(json);
      deleteReactions.run(json);
      deleteRelated.run(json);
      return erase.all(json).map((r) => ({ id: r.id, conversationId: r.conversation_id }));
    },
  };
}
