// SQL for conversations and contacts. Contacts (approved / approved-me / blocked / notification mode /
// names) are the part the Contacts config will own later, so they stay in their own table and statements;
// blocking and notification mode are written only through the contacts service.
import type { ConversationKind, ExpirationView, MessageView, NotificationMode } from '../../ipc/contract';
import { expirationViewOf } from './expirationStore';
import { attachmentViewsFromJson, attachmentViewsJsonSql, type TransferProgress } from './attachmentStore';
import type { Db } from './database';
import { messageColumnsOf, toView } from './messageStore';

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  createdAt: number;
  updatedAt: number;
  hidden: boolean;
  isApproved: boolean;
  didApproveMe: boolean;
  isBlocked: boolean;
  nickname?: string;
  profileName?: string;
  unreadCount: number;
  notificationMode: NotificationMode;
  draft?: string;
  /** Config priority: > 0 pinned (higher first), −1 hidden (Note to Self), 0 normal. */
  priority: number;
  /** ConvoInfoVolatile read position (ms); 0 when none. */
  lastReadAt: number;
  markedUnread: boolean;
  /** The URL of the contact's picture held here (absent: none here, or it was removed). */
  avatarFileUrl?: string;
  // --- disappearing messages (begin) ---
  /** The contact's disappearing setting (contacts cache of the Contacts config); absent: off. */
  expiration?: ExpirationView;
  // --- disappearing messages (end) ---
}

/** A conversation with its newest message, as the summary query returns it. */
export interface ConversationListRow extends ConversationRow {
  lastMessage?: MessageView;
}

/** Contact fields the message pipeline writes. Blocking and notification mode are not among them: only the
 * contacts service changes those (setBlocked / setNotificationMode). */
export interface ContactPatch {
  isApproved?: boolean;
  didApproveMe?: boolean;
  profileName?: string;
  /**
   * The profile a message carried (spec messaging §6.7): its lastProfileUpdateSeconds and picture pointer
   * (null: the profile has no picture, which removes theirs). Applied only when newer than the last one.
   */
  profile?: ProfileUpdate;
}

/** What the message pipeline reads of a contact. */
export interface ContactState {
  isApproved: boolean;
  didApproveMe: boolean;
  isBlocked: boolean;
  profileName?: string;
  /** Their picture's URL (the Contacts config's), when they have one. */
  avatarUrl?: string;
  /** The lastProfileUpdateSeconds applied last (0: none). */
  profileUpdatedS: number;
}

/** A contact's picture pointer as a received profile states it. */
export interface ProfileUpdate {
  updatedSeconds: number;
  picture: { url: string; key: Uint8Array } | null;
}

export interface ConversationStore {
  get(id: string): ConversationRow | undefined;
  list(): ConversationRow[];
  /** Creates the conversation if missing (un-hiding it if hidden); moves updated_at forward. */
  touch(id: string, kind: ConversationKind, at: number): void;
  setHidden(id: string, hidden: boolean): void;
  contact(id: string): ContactState | undefined;
  /** Upserts the given contact fields (others keep their value or default to false/null). */
  updateContact(id: string, patch: ContactPatch, now: number): void;

  /**
   * Every visible conversation with its contact fields, unread count and newest message, newest first:
   * one statement, however many conversations there are.
   */
  listWithLastMessage(): ConversationListRow[];
  /** The same rows for these ids (hidden ones included), in one statement. */
  rowsWithLastMessage(ids: readonly string[]): ConversationListRow[];
  setDraft(id: string, draft: string | null): boolean;
  /** Deletes the conversation row (its messages must be deleted first, through the message store). */
  remove(id: string): boolean;

  // Contact state that the Contacts config owns later. Only the contacts service calls these.
  setBlocked(id: string, blocked: boolean, now: number): void;
  setNotificationMode(id: string, mode: NotificationMode, now: number): void;
  listBlocked(): { id: string; name?: string }[];
  /**
   * Forgets a contact: approvals and names go, so their next message is a request again. A blocked
   * contact stays blocked (its row keeps only that).
   */
  forgetContact(id: string, now: number): void;
}

interface RawRow {
  id: string;
  kind: ConversationKind;
  created_at: number;
  updated_at: number;
  hidden: number;
  is_approved: number | null;
  did_approve_me: number | null;
  is_blocked: number | null;
  nickname: string | null;
  profile_name: string | null;
  unread: number;
  notification_mode: NotificationMode | null;
  draft: string | null;
  priority: number | null;
  last_read_at: number | null;
  marked_unread: number | null;
  nts_priority: number | null;
  avatar_file_url: string | null;
  expiration_mode: string | null;
  expiration_timer: number | null;
}

const SELECT = `
  SELECT c.id, c.kind, c.created_at, c.updated_at, c.hidden, c.draft,
         k.is_approved, k.did_approve_me, k.is_blocked, k.nickname, k.profile_name, k.notification_mode,
         (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'incoming' AND m.status = 'received' AND m.sent_at > coalesce(rs.last_read_at, 0)) AS unread,
         k.priority, rs.last_read_at, rs.marked_unread, (SELECT nts_priority FROM user_profile WHERE id = 1) AS nts_priority,
         CASE WHEN k.avatar_url IS NOT NULL AND k.avatar_file_id IS NOT NULL THEN k.avatar_file_url END AS avatar_file_url,
         k.expiration_mode, k.expiration_timer
  FROM conversations c LEFT JOIN contacts k ON k.session_id = c.id
  LEFT JOIN conversation_read_state rs ON rs.conversation_id = c.id`;

type RawMessageRow = Parameters<typeof toView>[0];

/** Conversation columns carry a `c_` prefix so the newest message's own columns (`lm.*`) keep their names. */
type RawListRow = { [K in keyof RawRow as `c_${K & string}`]: RawRow[K] } & {
  [K in keyof RawMessageRow]: RawMessageRow[K] | null;
} & { lm_attachments: string | null };

// The newest message is found through messages_conversation (conversation_id, sent_at, seq) per row, and
// the unread count through messages_unread: both correlated lookups inside this one statement.
const SELECT_WITH_LAST = `
  SELECT c.id AS c_id, c.kind AS c_kind, c.created_at AS c_created_at, c.updated_at AS c_updated_at, c.hidden AS c_hidden,
         c.draft AS c_draft, k.is_approved AS c_is_approved, k.did_approve_me AS c_did_approve_me, k.is_blocked AS c_is_blocked,
         k.nickname AS c_nickname, k.profile_name AS c_profile_name, k.notification_mode AS c_notification_mode,
         (SELECT count(*) FROM messages u WHERE u.conversation_id = c.id AND u.direction = 'incoming' AND u.status = 'received'
            AND u.sent_at > coalesce(rs.last_read_at, 0)) AS c_unread,
         k.priority AS c_priority, rs.last_read_at AS c_last_read_at, rs.marked_unread AS c_marked_unread,
         (SELECT nts_priority FROM user_profile WHERE id = 1) AS c_nts_priority,
         CASE WHEN k.avatar_url IS NOT NULL AND k.avatar_file_id IS NOT NULL THEN k.avatar_file_url END AS c_avatar_file_url,
         k.expiration_mode AS c_expiration_mode, k.expiration_timer AS c_expiration_timer,
         ${messageColumnsOf('lm')},
         ${attachmentViewsJsonSql('lm.id')} AS lm_attachments
  FROM conversations c
  LEFT JOIN contacts k ON k.session_id = c.id
  LEFT JOIN conversation_read_state rs ON rs.conversation_id = c.id
  LEFT JOIN messages lm ON lm.seq = (SELECT s.seq FROM messages s WHERE s.conversation_id = c.id ORDER BY s.sent_at DESC, s.seq DESC LIMIT 1)`;

/** The list statement (exported so a test can check its query plan). */
// Pinned first (higher priority first), then by recency; a hidden Note to Self (priority −1) is not listed.
const PIN = `CASE WHEN c.kind = 'note-to-self' THEN coalesce((SELECT nts_priority FROM user_profile WHERE id = 1), 0) ELSE coalesce(k.priority, 0) END`;
const LIST_ORDER = `ORDER BY max(${PIN}, 0) DESC, c.updated_at DESC, c.id`;
export const CONVERSATION_LIST_SQL = `${SELECT_WITH_LAST} WHERE c.hidden = 0 AND ${PIN} >= 0 ${LIST_ORDER}`;

function fromListRaw(r: RawListRow): ConversationListRow {
  const row: ConversationListRow = fromRaw({
    id: r.c_id,
    kind: r.c_kind,
    created_at: r.c_created_at,
    updated_at: r.c_updated_at,
    hidden: r.c_hidden,
    is_approved: r.c_is_approved,
    did_approve_me: r.c_did_approve_me,
    is_blocked: r.c_is_blocked,
    nickname: r.c_nickname,
    profile_name: r.c_profile_name,
    unread: r.c_unread,
    notification_mode: r.c_notification_mode,
    draft: r.c_draft,
    priority: r.c_priority,
    last_read_at: r.c_last_read_at,
    marked_unread: r.c_marked_unread,
    nts_priority: r.c_nts_priority,
    avatar_file_url: r.c_avatar_file_url,
    expiration_mode: r.c_expiration_mode,
    expiration_timer: r.c_expiration_timer,
  });
  if (r.id !== null) row.lastMessage = toView(r as RawMessageRow);
  return row;
}

function fromRaw(r: RawRow): ConversationRow {
  const row: ConversationRow = {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    hidden: r.hidden !== 0,
    isApproved: r.is_approved === 1,
    didApproveMe: r.did_approve_me === 1,
    isBlocked: r.is_blocked === 1,
    unreadCount: r.unread,
    notificationMode: r.notification_mode ?? 'all',
    priority: (r.kind === 'note-to-self' ? r.nts_priority : r.priority) ?? 0,
    lastReadAt: r.last_read_at ?? 0,
    markedUnread: r.marked_unread === 1,
  };
  if (r.draft !== null) row.draft = r.draft;
  if (r.nickname !== null) row.nickname = r.nickname;
  if (r.profile_name !== null) row.profileName = r.profile_name;
  if (r.avatar_file_url !== null) row.avatarFileUrl = r.avatar_file_url;
  const expiration = r.kind === 'private' ? expirationViewOf(r.expiration_mode, r.expiration_timer) : undefined;
  if (expiration) row.expiration = expiration;
  return row;
}

/** `progress`: the running transfers' progress, which the last messages' attachments show. */
export function createConversationStore(db: Db, progress?: TransferProgress): ConversationStore {
  // The last message's attachments come with the list's own statement (still one statement per list).
  const fromList = (r: RawListRow): ConversationListRow => {
    const row = fromListRaw(r);
    if (row.lastMessage && r.lm_attachments !== null) row.lastMessage.attachments = attachmentViewsFromJson(r.lm_attachments, row.lastMessage.id, progress);
    return row;
  };
  const selectOne = db.prepare<[string], RawRow>(`${SELECT} WHERE c.id = ?`);
  const selectAll = db.prepare<[], RawRow>(`${SELECT} WHERE c.hidden = 0 AND ${PIN} >= 0 ${LIST_ORDER}`);
  const upsert = db.prepare<[string, string, number, number]>(
    `INSERT INTO conversations (id, kind, created_at, updated_at, hidden) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT(id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at), hidden = 0`,
  );
  const hide = db.prepare<[number, string]>('UPDATE conversations SET hidden = ? WHERE id = ?');
  const selectContact = db.prepare<
    [string],
    { is_approved: number; did_approve_me: number; is_blocked: number; profile_name: string | null; avatar_url: string | null; avatar_updated_s: number }
  >('SELECT is_approved, did_approve_me, is_blocked, profile_name, avatar_url, avatar_updated_s FROM contacts WHERE session_id = ?');
  const upsertContact = db.prepare<{
    id: string;
    approved: number | null;
    approvedMe: number | null;
    name: string | null;
    now: number;
  }>(
    `INSERT INTO contacts (session_id, is_approved, did_approve_me, profile_name, updated_at)
       VALUES (@id, coalesce(@approved, 0), coalesce(@approvedMe, 0), @name, @now)
     ON CONFLICT(session_id) DO UPDATE SET
       is_approved = coalesce(@approved, is_approved),
       did_approve_me = coalesce(@approvedMe, did_approve_me),
       profile_name = coalesce(@name, profile_name),
       updated_at = @now`,
  );
  const selectAllWithLast = db.prepare<[], RawListRow>(CONVERSATION_LIST_SQL);
  const selectSomeWithLast = db.prepare<[string], RawListRow>(
    `${SELECT_WITH_LAST} WHERE c.id IN (SELECT value FROM json_each(?)) ${LIST_ORDER}`,
  );
  const updateDraft = db.prepare<[string | null, string]>('UPDATE conversations SET draft = ? WHERE id = ?');
  const deleteConversation = db.prepare<[string]>('DELETE FROM conversations WHERE id = ?');
  const upsertBlocked = db.prepare<[string, number, number]>(
    `INSERT INTO contacts (session_id, is_blocked, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(session_id) DO UPDATE SET is_blocked = excluded.is_blocked, updated_at = excluded.updated_at`,
  );
  const upsertMode = db.prepare<[string, string, number]>(
    `INSERT INTO contacts (session_id, notification_mode, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(session_id) DO UPDATE SET notification_mode = excluded.notification_mode, updated_at = excluded.updated_at`,
  );
  const selectBlocked = db.prepare<
    [],
    { session_id: string; nickname: string | null; profile_name: string | null }
  >(
    'SELECT session_id, nickname, profile_name FROM contacts WHERE is_blocked = 1 ORDER BY coalesce(nickname, profile_name, session_id) COLLATE NOCASE, session_id',
  );
  const deleteUnblockedContact = db.prepare<[string]>(
    'DELETE FROM contacts WHERE session_id = ? AND is_blocked = 0',
  );
  const resetBlockedContact = db.prepare<[number, string]>(
    `UPDATE contacts SET is_approved = 0, did_approve_me = 0, nickname = NULL, profile_name = NULL, notification_mode = 'all', updated_at = ?
     WHERE session_id = ? AND is_blocked = 1`,
  );
  const flag = (v: boolean | undefined): number | null => (v === undefined ? null : v ? 1 : 0);
  return {
    get(id) {
      const r = selectOne.get(id);
      return r ? fromRaw(r) : undefined;
    },
    list: () => selectAll.all().map(fromRaw),
    touch(id, kind, at) {
      upsert.run(id, kind, at, at);
    },
    setHidden(id, hidden) {
      hide.run(hidden ? 1 : 0, id);
    },
    contact(id) {
      const r = selectContact.get(id);
      if (!r) return undefined;
      const c: ContactState = {
        isApproved: r.is_approved === 1,
        didApproveMe: r.did_approve_me === 1,
        isBlocked: r.is_blocked === 1,
        profileUpdatedS: r.avatar_updated_s,
      };
      if (r.profile_name !== null) c.profileName = r.profile_name;
      if (r.avatar_url !== null) c.avatarUrl = r.avatar_url;
      return c;
    },
    updateContact(id, patch, now) {
      upsertContact.run({
        id,
        approved: flag(patch.isApproved),
        approvedMe: flag(patch.didApproveMe),
        name: patch.profileName ?? null,
        now,
      });
    },

    listWithLastMessage: () => selectAllWithLast.all().map(fromList),
    rowsWithLastMessage: (ids) =>
      ids.length === 0 ? [] : selectSomeWithLast.all(JSON.stringify(ids)).map(fromList),
    setDraft: (id, draft) => updateDraft.run(draft, id).changes === 1,
    remove: (id) => deleteConversation.run(id).changes === 1,
    setBlocked(id, blocked, now) {
      upsertBlocked.run(id, blocked ? 1 : 0, now);
    },
    setNotificationMode(id, mode, now) {
      upsertMode.run(id, mode, now);
    },
    listBlocked: () =>
      selectBlocked.all().map((r) => {
        const name = r.nickname ?? r.profile_name;
        return name !== null && name !== '' ? { id: r.session_id, name } : { id: r.session_id };
      }),
    forgetContact(id, now) {
      deleteUnblockedContact.run(id);
      resetBlockedContact.run(now, id);
    },
  };
}
