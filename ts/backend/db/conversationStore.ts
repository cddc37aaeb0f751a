// SQL for conversations and contacts. Contacts (approved / approved-me / blocked / names) are the part
// the Contacts config will own later, so they stay in their own table and statements.
import type { ConversationKind } from '../../ipc/contract';
import type { Db } from './database';

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
}

export interface ContactPatch {
  isApproved?: boolean;
  didApproveMe?: boolean;
  isBlocked?: boolean;
  profileName?: string;
}

export interface ConversationStore {
  get(id: string): ConversationRow | undefined;
  list(): ConversationRow[];
  /** Creates the conversation if missing (un-hiding it if hidden); moves updated_at forward. */
  touch(id: string, kind: ConversationKind, at: number): void;
  setHidden(id: string, hidden: boolean): void;
  contact(id: string): { isApproved: boolean; didApproveMe: boolean; isBlocked: boolean; profileName?: string } | undefined;
  /** Upserts the given contact fields (others keep their value or default to false/null). */
  updateContact(id: string, patch: ContactPatch, now: number): void;
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
}

const SELECT = `
  SELECT c.id, c.kind, c.created_at, c.updated_at, c.hidden,
         k.is_approved, k.did_approve_me, k.is_blocked, k.nickname, k.profile_name,
         (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'incoming' AND m.status = 'received') AS unread
  FROM conversations c LEFT JOIN contacts k ON k.session_id = c.id`;

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
  };
  if (r.nickname !== null) row.nickname = r.nickname;
  if (r.profile_name !== null) row.profileName = r.profile_name;
  return row;
}

export function createConversationStore(db: Db): ConversationStore {
  const selectOne = db.prepare<[string], RawRow>(`${SELECT} WHERE c.id = ?`);
  const selectAll = db.prepare<[], RawRow>(`${SELECT} WHERE c.hidden = 0 ORDER BY c.updated_at DESC, c.id`);
  const upsert = db.prepare<[string, string, number, number]>(
    `INSERT INTO conversations (id, kind, created_at, updated_at, hidden) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT(id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at), hidden = 0`,
  );
  const hide = db.prepare<[number, string]>('UPDATE conversations SET hidden = ? WHERE id = ?');
  const selectContact = db.prepare<[string], { is_approved: number; did_approve_me: number; is_blocked: number; profile_name: string | null }>(
    'SELECT is_approved, did_approve_me, is_blocked, profile_name FROM contacts WHERE session_id = ?',
  );
  const upsertContact = db.prepare<{
    id: string;
    approved: number | null;
    approvedMe: number | null;
    blocked: number | null;
    name: string | null;
    now: number;
  }>(
    `INSERT INTO contacts (session_id, is_approved, did_approve_me, is_blocked, profile_name, updated_at)
       VALUES (@id, coalesce(@approved, 0), coalesce(@approvedMe, 0), coalesce(@blocked, 0), @name, @now)
     ON CONFLICT(session_id) DO UPDATE SET
       is_approved = coalesce(@approved, is_approved),
       did_approve_me = coalesce(@approvedMe, did_approve_me),
       is_blocked = coalesce(@blocked, is_blocked),
       profile_name = coalesce(@name, profile_name),
       updated_at = @now`,
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
      const c: { isApproved: boolean; didApproveMe: boolean; isBlocked: boolean; profileName?: string } = {
        isApproved: r.is_approved === 1,
        didApproveMe: r.did_approve_me === 1,
        isBlocked: r.is_blocked === 1,
      };
      if (r.profile_name !== null) c.profileName = r.profile_name;
      return c;
    },
    updateContact(id, patch, now) {
      upsertContact.run({
        id,
        approved: flag(patch.isApproved),
        approvedMe: flag(patch.didApproveMe),
        blocked: flag(patch.isBlocked),
        name: patch.profileName ?? null,
        now,
      });
    },
  };
}
