// SQL for profile pictures (migration 9's avatar columns). The pointers (contacts.avatar_url/avatar_key,
// user_profile.avatar_url/avatar_key) are config caches that only config-apply writes; this store writes
// the local copies beside them (decrypted, then sealed again by the file store) and the profile times.
// A copy replaced or dropped goes to attachment_files_gc for the file store's sweeper.
import { createHash } from 'node:crypto';
import type { Db } from './database';

/** A short, stable token of a picture: changes whenever the picture (its file URL) changes. */
export function avatarVersionOf(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** A contact whose local copy does not match its pointer: to download, or to drop (`url` null). */
export interface AvatarWork {
  id: string;
  url: string | null;
  key: Uint8Array | null;
}

export interface LocalAvatar {
  fileId: string;
  fileKey: Uint8Array;
  contentType: string;
  /** The URL the copy was downloaded from (ours: the current pointer's). */
  url: string;
}

export interface OwnAvatarRow {
  url: string | null;
  key: Uint8Array | null;
  file: LocalAvatar | null;
  /** When this device last uploaded the picture (or first saw its URL), ms; null when unknown. */
  uploadedAt: number | null;
  /** lastProfileUpdateSeconds of our profile. */
  profileUpdatedS: number;
  displayName: string;
}

export interface AvatarStore {
  own(): OwnAvatarRow | undefined;
  /** Records our picture's local copy for the pointer `url` (only while it is still the pointer). */
  setOwnFile(url: string, file: { fileId: string; fileKey: Uint8Array; contentType: string }, uploadedAt: number): boolean;
  /** Contacts whose copy is missing, outdated, or left over after their picture was removed. */
  contactWork(): AvatarWork[];
  contactFile(id: string): (LocalAvatar & { current: boolean }) | undefined;
  /** Records a contact's copy for `url` if `url` is still its pointer; the replaced copy is queued for deletion. */
  setContactFile(id: string, url: string, file: { fileId: string; fileKey: Uint8Array; contentType: string }): boolean;
  /** Drops a contact's copy (its picture was removed). */
  clearContactFile(id: string): boolean;
  // --- groups: the group's picture (Info p/q) as its row caches it, the same way ---
  groupWork(): AvatarWork[];
  groupFile(id: string): (LocalAvatar & { current: boolean }) | undefined;
  setGroupFile(id: string, url: string, file: { fileId: string; fileKey: Uint8Array; contentType: string }): boolean;
  clearGroupFile(id: string): boolean;
  /** A contact's picture pointer (URL + key) when we know one (groups: what an admin writes in Members `p`/`q`). */
  contactPointer(id: string): { url: string; key: Uint8Array } | undefined;
  /** The lastProfileUpdateSeconds applied last for a contact (0 when none or unknown). */
  contactProfileUpdated(id: string): number;
  setContactProfileUpdated(id: string, seconds: number): void;
  /** avatarVersion of every contact with a picture here, in one statement. */
  contactVersions(): Map<string, string>;
  /** A staged file (migration 9's staged_files), read without taking it (staging's takeAvatar drops it once ours). */
  staged(stageId: string): { purpose: string; complete: boolean; fileId: string | null; fileKey: Uint8Array | null; contentType: string } | undefined;
}

const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

type NewFile = { fileId: string; fileKey: Uint8Array; contentType: string };

/**
 * The picture columns (avatar_url/key: the pointer; avatar_file_*: the local copy and the URL it came from)
 * of a table keyed by `idCol`: contacts, and groups (the same columns).
 */
function pictureStatements(db: Db, table: 'contacts' | 'groups', idCol: 'session_id' | 'id') {
  const selectWork = db.prepare<[], { id: string; avatar_url: string | null; avatar_key: Buffer | null }>(
    `SELECT ${idCol} AS id, avatar_url, avatar_key FROM ${table}
     WHERE (avatar_url IS NOT NULL AND avatar_key IS NOT NULL AND avatar_file_url IS NOT avatar_url)
        OR (avatar_url IS NULL AND avatar_file_id IS NOT NULL)`,
  );
  const selectFile = db.prepare<
    [string],
    { avatar_url: string | null; avatar_file_url: string | null; avatar_file_id: string | null; avatar_file_key: Buffer | null; avatar_content_type: string | null }
  >(`SELECT avatar_url, avatar_file_url, avatar_file_id, avatar_file_key, avatar_content_type FROM ${table} WHERE ${idCol} = ?`);
  const queue = db.prepare<[string]>(`INSERT OR IGNORE INTO attachment_files_gc (file_id) SELECT avatar_file_id FROM ${table} WHERE ${idCol} = ? AND avatar_file_id IS NOT NULL`);
  const updateFile = db.prepare<{ id: string; url: string; fid: string; fkey: Buffer; ct: string }>(
    `UPDATE ${table} SET avatar_file_url = @url, avatar_file_id = @fid, avatar_file_key = @fkey, avatar_content_type = @ct
     WHERE ${idCol} = @id AND avatar_url = @url`,
  );
  const clearFile = db.prepare<[string]>(
    `UPDATE ${table} SET avatar_file_url = NULL, avatar_file_id = NULL, avatar_file_key = NULL, avatar_content_type = NULL
     WHERE ${idCol} = ? AND avatar_file_id IS NOT NULL`,
  );
  return {
    work: (): AvatarWork[] => selectWork.all().map((r) => ({ id: r.id, url: r.avatar_url, key: r.avatar_key === null ? null : new Uint8Array(r.avatar_key) })),
    file(id: string): (LocalAvatar & { current: boolean }) | undefined {
      const r = selectFile.get(id);
      if (!r || r.avatar_url === null || r.avatar_file_id === null || r.avatar_file_key === null || r.avatar_file_url === null) return undefined;
      return {
        fileId: r.avatar_file_id,
        fileKey: new Uint8Array(r.avatar_file_key),
        contentType: r.avatar_content_type ?? 'application/octet-stream',
        url: r.avatar_file_url,
        current: r.avatar_file_url === r.avatar_url,
      };
    },
    /** Records the copy for `url` if `url` is still the pointer; the replaced copy is queued for deletion. */
    set: db.transaction((id: string, url: string, file: NewFile): boolean => {
      const cur = selectFile.get(id);
      if (!cur || cur.avatar_url !== url) return false;
      if (cur.avatar_file_id !== null && cur.avatar_file_id !== file.fileId) queue.run(id);
      return updateFile.run({ id, url, fid: file.fileId, fkey: buf(file.fileKey), ct: file.contentType }).changes > 0;
    }),
    clear: db.transaction((id: string): boolean => {
      queue.run(id);
      return clearFile.run(id).changes > 0;
    }),
  };
}

export function createAvatarStore(db: Db): AvatarStore {
  const selectOwn = db.prepare<
    [],
    {
      display_name: string;
      avatar_url: string | null;
      avatar_key: Buffer | null;
      avatar_file_id: string | null;
      avatar_file_key: Buffer | null;
      avatar_content_type: string | null;
      avatar_uploaded_at: number | null;
      profile_updated_s: number;
    }
  >(
    `SELECT display_name, avatar_url, avatar_key, avatar_file_id, avatar_file_key, avatar_content_type, avatar_uploaded_at, profile_updated_s
     FROM user_profile WHERE id = 1`,
  );
  const queueOwn = db.prepare<[string]>(
    `INSERT OR IGNORE INTO attachment_files_gc (file_id)
       SELECT avatar_file_id FROM user_profile WHERE id = 1 AND avatar_file_id IS NOT NULL AND avatar_file_id IS NOT ?`,
  );
  const updateOwn = db.prepare<{ url: string; fid: string; fkey: Buffer; ct: string; at: number }>(
    `UPDATE user_profile SET avatar_file_id = @fid, avatar_file_key = @fkey, avatar_content_type = @ct, avatar_uploaded_at = @at
     WHERE id = 1 AND avatar_url = @url`,
  );
  const contacts = pictureStatements(db, 'contacts', 'session_id');
  const groups = pictureStatements(db, 'groups', 'id'); // --- groups: Info p/q ---
  const selectPointer = db.prepare<[string], { avatar_url: string | null; avatar_key: Buffer | null }>(
    'SELECT avatar_url, avatar_key FROM contacts WHERE session_id = ?',
  );
  const selectUpdated = db.prepare<[string], { avatar_updated_s: number }>('SELECT avatar_updated_s FROM contacts WHERE session_id = ?');
  const updateUpdated = db.prepare<[number, string]>('UPDATE contacts SET avatar_updated_s = ? WHERE session_id = ?');
  const selectVersions = db.prepare<[], { session_id: string; avatar_file_url: string }>(
    'SELECT session_id, avatar_file_url FROM contacts WHERE avatar_url IS NOT NULL AND avatar_file_id IS NOT NULL AND avatar_file_url IS NOT NULL',
  );

  const selectStaged = db.prepare<[string], { purpose: string; complete: number; file_id: string | null; file_key: Buffer | null; content_type: string }>(
    'SELECT purpose, complete, file_id, file_key, content_type FROM staged_files WHERE stage_id = ?',
  );

  const setOwn = db.transaction((url: string, file: { fileId: string; fileKey: Uint8Array; contentType: string }, at: number): boolean => {
    queueOwn.run(file.fileId);
    return updateOwn.run({ url, fid: file.fileId, fkey: buf(file.fileKey), ct: file.contentType, at }).changes > 0;
  });
  return {
    contactPointer(id) {
      const r = selectPointer.get(id);
      return r && r.avatar_url !== null && r.avatar_key !== null && r.avatar_key.length === 32
        ? { url: r.avatar_url, key: new Uint8Array(r.avatar_key) }
        : undefined;
    },
    own() {
      const r = selectOwn.get();
      if (!r) return undefined;
      const file =
        r.avatar_url !== null && r.avatar_file_id !== null && r.avatar_file_key !== null
          ? { fileId: r.avatar_file_id, fileKey: new Uint8Array(r.avatar_file_key), contentType: r.avatar_content_type ?? 'application/octet-stream', url: r.avatar_url }
          : null;
      return {
        url: r.avatar_url,
        key: r.avatar_key === null ? null : new Uint8Array(r.avatar_key),
        file,
        uploadedAt: r.avatar_uploaded_at,
        profileUpdatedS: r.profile_updated_s,
        displayName: r.display_name,
      };
    },
    setOwnFile: (url, file, at) => setOwn(url, file, at),
    contactWork: contacts.work,
    contactFile: contacts.file,
    setContactFile: contacts.set,
    clearContactFile: contacts.clear,
    groupWork: groups.work,
    groupFile: groups.file,
    setGroupFile: groups.set,
    clearGroupFile: groups.clear,
    contactProfileUpdated: (id) => selectUpdated.get(id)?.avatar_updated_s ?? 0,
    setContactProfileUpdated(id, seconds) {
      updateUpdated.run(seconds, id);
    },
    staged(stageId) {
      const r = selectStaged.get(stageId);
      if (!r) return undefined;
      return { purpose: r.purpose, complete: r.complete === 1, fileId: r.file_id, fileKey: r.file_key === null ? null : new Uint8Array(r.file_key), contentType: r.content_type };
    },
    contactVersions: () => new Map(selectVersions.all().map((r) => [r.session_id, avatarVersionOf(r.avatar_file_url)] as const)),
  };
}
