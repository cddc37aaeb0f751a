// SQL for full-text search (spec/ui.md §3.3): message hits through the messages_fts index (FTS5, external
// content on messages, rowid = seq), and the small name lists that conversation and contact matches are
// filtered from. The caller builds the FTS5 query (services/search.ts); nothing here parses user text.
import type { MessageView } from '../../ipc/contract';
import { createAttachmentStore, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
import { attachMessageExtras } from './messageExtras';
import { messageColumnsOf, toView } from './messageStore';

export interface SearchMessageQuery {
  /** An FTS5 MATCH expression (already made safe by the caller). */
  match: string;
  limit: number;
  /** Only this conversation's messages. */
  conversationId?: string;
  /** Messages whose timer ran out at or before this time (ms) are left out even before the sweeper deletes them. */
  now: number;
}

/** A conversation's names as search compares them. */
export interface SearchableConversation {
  id: string;
  kind: string;
  nickname: string | null;
  profileName: string | null;
}

/** An approved, unblocked contact that has no (visible) conversation. */
export interface SearchableContact {
  id: string;
  nickname: string | null;
  profileName: string | null;
  approvedMe: boolean;
  /** The local picture's URL (for its version), when one is held here. */
  avatarFileUrl: string | null;
}

export interface SearchStore {
  /** Matching messages, newest first (sent time, then arrival), as decorated views. */
  messages(q: SearchMessageQuery): MessageView[];
  /** Every conversation that is not hidden, with its names. */
  conversations(): SearchableConversation[];
  /** Approved, unblocked contacts without a conversation that is not hidden. */
  contactsWithoutConversation(): SearchableContact[];
  /** Our own Session ID, when the account exists. */
  ownId(): string | undefined;
}

/**
 * The message statements (exported so a test can check their query plans). The inner query ranks the hits
 * with only the columns it needs (the FTS index drives it: no scan of messages); the outer one reads the
 * full rows of at most `limit` hits. Deleted placeholders, control messages and messages whose timer ran
 * out are not hits; neither is anything in a hidden conversation (it cannot be opened).
 */
const HIT_FILTER = `s.deleted = 0 AND s.control IS NULL AND (s.expires_at IS NULL OR s.expires_at > @now)
  AND s.conversation_id NOT IN (SELECT id FROM conversations WHERE hidden = 1)`;
export const SEARCH_SQL = {
  all: `SELECT ${messageColumnsOf('m')} FROM (
      SELECT s.seq FROM messages_fts JOIN messages s ON s.seq = messages_fts.rowid
       WHERE messages_fts MATCH @match AND ${HIT_FILTER}
       ORDER BY s.sent_at DESC, s.seq DESC LIMIT @limit
    ) AS hit JOIN messages m ON m.seq = hit.seq ORDER BY m.sent_at DESC, m.seq DESC`,
  inConversation: `SELECT ${messageColumnsOf('m')} FROM (
      SELECT s.seq FROM messages_fts JOIN messages s ON s.seq = messages_fts.rowid
       WHERE messages_fts MATCH @match AND s.conversation_id = @conversationId AND ${HIT_FILTER}
       ORDER BY s.sent_at DESC, s.seq DESC LIMIT @limit
    ) AS hit JOIN messages m ON m.seq = hit.seq ORDER BY m.sent_at DESC, m.seq DESC`,
} as const;

type RawMessage = Parameters<typeof toView>[0];

export function createSearchStore(db: Db, progress?: TransferProgress): SearchStore {
  const attachments = createAttachmentStore(db, progress);
  const extras = attachMessageExtras(db);
  const selectAll = db.prepare<{ match: string; limit: number; now: number }, RawMessage>(SEARCH_SQL.all);
  const selectIn = db.prepare<{ match: string; limit: number; now: number; conversationId: string }, RawMessage>(SEARCH_SQL.inConversation);
  const selectConversations = db.prepare<[], { id: string; kind: string; nickname: string | null; profile_name: string | null }>(
    `SELECT c.id, c.kind, k.nickname, k.profile_name FROM conversations c LEFT JOIN contacts k ON k.session_id = c.id WHERE c.hidden = 0`,
  );
  const selectContacts = db.prepare<
    [],
    { session_id: string; nickname: string | null; profile_name: string | null; did_approve_me: number; avatar_file_url: string | null }
  >(
    `SELECT k.session_id, k.nickname, k.profile_name, k.did_approve_me,
            CASE WHEN k.avatar_url IS NOT NULL AND k.avatar_file_id IS NOT NULL THEN k.avatar_file_url END AS avatar_file_url
       FROM contacts k
      WHERE k.is_approved = 1 AND k.is_blocked = 0
        AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = k.session_id AND c.hidden = 0)`,
  );
  const selectMe = db.prepare<[], { session_id: string }>('SELECT session_id FROM identity WHERE id = 1');

  return {
    messages({ match, limit, conversationId, now }) {
      const rows =
        conversationId === undefined ? selectAll.all({ match, limit, now }) : selectIn.all({ match, limit, now, conversationId });
      // Attachments, quotes and reactions: a few queries for the whole batch.
      return extras(attachments.attachViews(rows.map((r) => toView(r))));
    },
    conversations: () =>
      selectConversations.all().map((r) => ({ id: r.id, kind: r.kind, nickname: r.nickname, profileName: r.profile_name })),
    contactsWithoutConversation: () =>
      selectContacts.all().map((r) => ({
        id: r.session_id,
        nickname: r.nickname,
        profileName: r.profile_name,
        approvedMe: r.did_approve_me === 1,
        avatarFileUrl: r.avatar_file_url,
      })),
    ownId: () => selectMe.get()?.session_id,
  };
}
