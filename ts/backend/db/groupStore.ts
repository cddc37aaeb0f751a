// SQL for groups v2 (spec advanced.md part C): the groups we were invited to or joined and their member
// lists as the Members config says. Callers group these into one transaction per poll or change.
import type { GroupMemberStatus, NotificationMode } from '../../ipc/contract';
import type { Db } from './database';

export type GroupState = 'invited' | 'joined' | 'kicked' | 'destroyed';

export interface GroupRow {
  id: string;
  state: GroupState;
  name?: string;
  description?: string;
  authData: Uint8Array;
  invitedBy?: string;
  invitedAt?: number;
  responsePending: boolean;
  memberCount: number;
  deleteBefore: number;
  deleteAttachmentsBefore: number;
  /** UserGroups `+` as config-apply cached it (> 0: pinned). */
  priority: number;
  /** Info `E`: the group's disappearing timer (delete after send), 0 when off. */
  expirySeconds: number;
  /** Info `p`: the group's picture pointer (absent: no picture). */
  avatarUrl?: string;
  /** The URL the local copy of the group's picture came from, while the group has a picture and a copy is here. */
  avatarFileUrl?: string;
}

export interface GroupMemberRow {
  sessionId: string;
  name?: string;
  admin: boolean;
  status: GroupMemberStatus;
}

export interface GroupStore {
  get(id: string): GroupRow | undefined;
  all(): GroupRow[];
  /** Inserts or replaces the invitation/joined row (auth data, name, inviter). */
  upsert(row: { id: string; state: GroupState; name?: string; authData: Uint8Array; invitedBy?: string; invitedAt?: number }, now: number): void;
  setState(id: string, state: GroupState, now: number): void;
  setResponsePending(id: string, pending: boolean): void;
  setInfo(
    id: string,
    info: { name?: string; description?: string; deleteBefore: number; deleteAttachmentsBefore: number; expirySeconds: number; picture?: { url: string; key: Uint8Array } | null },
    now: number,
  ): void;
  /** The UserGroups priority cache (config-apply only). */
  setPriority(id: string, priority: number): void;
  /** When the group's current picture was last uploaded or first seen here (ms; null: not known yet). */
  pictureUploadedAt(id: string): number | null;
  /** Records that time for the picture at `url`, if it is still the group's picture. */
  setPictureUploadedAt(id: string, url: string, at: number): void;
  /** Replaces the member list (and the count). */
  setMembers(id: string, members: readonly GroupMemberRow[]): void;
  members(id: string): GroupMemberRow[];
  remove(id: string): void;
  notificationMode(id: string): NotificationMode;
  setNotificationMode(id: string, mode: NotificationMode): void;
  /** Ids of the group's messages sent before `beforeMs` (Info `d`). */
  messageIdsBefore(id: string, beforeMs: number): string[];
  /** Deletes the attachments of the group's messages sent before `beforeMs` (Info `D`); returns those messages' ids. */
  deleteAttachmentsBefore(id: string, beforeMs: number): string[];
}

interface RawGroup {
  id: string;
  state: GroupState;
  name: string | null;
  description: string | null;
  auth_data: Buffer;
  invited_by: string | null;
  invited_at: number | null;
  response_pending: number;
  member_count: number;
  delete_before: number;
  delete_attachments_before: number;
  priority: number;
  expiry_seconds: number;
  avatar_url: string | null;
  avatar_file_id: string | null;
  avatar_file_url: string | null;
}

const toRow = (r: RawGroup): GroupRow => ({
  id: r.id,
  state: r.state,
  ...(r.name !== null ? { name: r.name } : {}),
  ...(r.description !== null ? { description: r.description } : {}),
  authData: new Uint8Array(r.auth_data),
  ...(r.invited_by !== null ? { invitedBy: r.invited_by } : {}),
  ...(r.invited_at !== null ? { invitedAt: r.invited_at } : {}),
  responsePending: r.response_pending === 1,
  memberCount: r.member_count,
  deleteBefore: r.delete_before,
  deleteAttachmentsBefore: r.delete_attachments_before,
  priority: r.priority,
  expirySeconds: r.expiry_seconds,
  ...(r.avatar_url !== null ? { avatarUrl: r.avatar_url } : {}),
  ...(r.avatar_url !== null && r.avatar_file_id !== null && r.avatar_file_url !== null ? { avatarFileUrl: r.avatar_file_url } : {}),
});

export function createGroupStore(db: Db): GroupStore {
  const select = db.prepare('SELECT * FROM groups WHERE id = ?');
  const selectAll = db.prepare('SELECT * FROM groups ORDER BY id');
  const upsert = db.prepare(
    `INSERT INTO groups (id, state, name, auth_data, invited_by, invited_at, updated_at) VALUES (@id, @state, @name, @authData, @invitedBy, @invitedAt, @now)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, name = COALESCE(groups.name, excluded.name), auth_data = excluded.auth_data,
       invited_by = excluded.invited_by, invited_at = excluded.invited_at, updated_at = excluded.updated_at`,
  );
  const setState = db.prepare('UPDATE groups SET state = ?, updated_at = ? WHERE id = ?');
  const setPending = db.prepare('UPDATE groups SET response_pending = ? WHERE id = ?');
  const setInfo = db.prepare(
    `UPDATE groups SET name = COALESCE(@name, name), description = @description, delete_before = @deleteBefore, delete_attachments_before = @deleteAttachmentsBefore,
       expiry_seconds = @expirySeconds,
       avatar_uploaded_at = CASE WHEN @keepPicture = 1 OR avatar_url IS @avatarUrl THEN avatar_uploaded_at ELSE NULL END,
       avatar_url = CASE WHEN @keepPicture = 1 THEN avatar_url ELSE @avatarUrl END, avatar_key = CASE WHEN @keepPicture = 1 THEN avatar_key ELSE @avatarKey END,
       updated_at = @now WHERE id = @id`,
  );
  const delMembers = db.prepare('DELETE FROM group_members WHERE group_id = ?');
  const insMember = db.prepare('INSERT OR REPLACE INTO group_members (group_id, session_id, name, admin, status) VALUES (?, ?, ?, ?, ?)');
  const setCount = db.prepare('UPDATE groups SET member_count = ? WHERE id = ?');
  const selMembers = db.prepare('SELECT session_id, name, admin, status FROM group_members WHERE group_id = ? ORDER BY session_id');
  const del = db.prepare('DELETE FROM groups WHERE id = ?');
  // The picture's local copy goes to the file store's sweeper with its group.
  const queueAvatar = db.prepare('INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT avatar_file_id FROM groups WHERE id = ? AND avatar_file_id IS NOT NULL');
  const selMode = db.prepare('SELECT notification_mode FROM groups WHERE id = ?');
  const updMode = db.prepare('UPDATE groups SET notification_mode = ? WHERE id = ?');
  const updPriority = db.prepare('UPDATE groups SET priority = ? WHERE id = ?');
  const selUploaded = db.prepare<[string], { avatar_uploaded_at: number | null }>('SELECT avatar_uploaded_at FROM groups WHERE id = ?');
  const updUploaded = db.prepare('UPDATE groups SET avatar_uploaded_at = ? WHERE id = ? AND avatar_url = ?');
  const selBefore = db.prepare('SELECT id FROM messages WHERE conversation_id = ? AND sent_at < ?');
  const selWithAttachments = db.prepare(
    'SELECT DISTINCT m.id AS id FROM messages m JOIN attachments a ON a.message_id = m.id WHERE m.conversation_id = ? AND m.sent_at < ?',
  );
  const delAttachments = db.prepare('DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ? AND sent_at < ?)');
  return {
    get: (id) => {
      const r = select.get(id) as RawGroup | undefined;
      return r ? toRow(r) : undefined;
    },
    all: () => (selectAll.all() as RawGroup[]).map(toRow),
    upsert(row, now) {
      upsert.run({
        id: row.id,
        state: row.state,
        name: row.name ?? null,
        authData: Buffer.from(row.authData),
        invitedBy: row.invitedBy ?? null,
        invitedAt: row.invitedAt ?? null,
        now,
      });
    },
    setState: (id, state, now) => void setState.run(state, now, id),
    setResponsePending: (id, pending) => void setPending.run(pending ? 1 : 0, id),
    setInfo(id, info, now) {
      setInfo.run({ id, name: info.name ?? null, description: info.description ?? null, deleteBefore: info.deleteBefore, deleteAttachmentsBefore: info.deleteAttachmentsBefore, expirySeconds: info.expirySeconds,
        keepPicture: info.picture === undefined ? 1 : 0,
        avatarUrl: info.picture?.url ?? null,
        avatarKey: info.picture ? Buffer.from(info.picture.key) : null,
        now,
      });
    },
    setPriority(id, priority) {
      updPriority.run(priority, id);
    },
    pictureUploadedAt: (id) => selUploaded.get(id)?.avatar_uploaded_at ?? null,
    setPictureUploadedAt(id, url, at) {
      updUploaded.run(at, id, url);
    },
    setMembers(id, members) {
      delMembers.run(id);
      for (const m of members) insMember.run(id, m.sessionId, m.name ?? null, m.admin ? 1 : 0, m.status);
      setCount.run(members.length, id);
    },
    members: (id) =>
      (selMembers.all(id) as { session_id: string; name: string | null; admin: number; status: GroupMemberStatus }[]).map((r) => ({
        sessionId: r.session_id,
        ...(r.name !== null && r.name !== '' ? { name: r.name } : {}),
        admin: r.admin === 1,
        status: r.status,
      })),
    remove(id) {
      queueAvatar.run(id);
      del.run(id);
    },
    notificationMode(id) {
      const r = selMode.get(id) as { notification_mode: string } | undefined;
      return r?.notification_mode === 'mute' || r?.notification_mode === 'mentions' ? r.notification_mode : 'all';
    },
    setNotificationMode: (id, mode) => void updMode.run(mode, id),
    messageIdsBefore: (id, beforeMs) => (selBefore.all(id, beforeMs) as { id: string }[]).map((r) => r.id),
    deleteAttachmentsBefore(id, beforeMs) {
      const ids = (selWithAttachments.all(id, beforeMs) as { id: string }[]).map((r) => r.id);
      if (ids.length > 0) delAttachments.run(id, beforeMs);
      return ids;
    },
  };
}
