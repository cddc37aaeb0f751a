// SQL for room images (migration 13): the local copy of each joined room's image, beside the room's
// `image_id` that the room object and polls write (communityStore.updateRoom). A copy replaced or dropped goes to
// attachment_files_gc for the file store's sweeper; a room that is left queues its copy by trigger.
import type { Db } from './database';

/** A room whose copy does not match its image id: to download, or to drop (`imageId` null). */
export interface RoomImageWork {
  conversationId: string;
  baseUrl: string;
  token: string;
  imageId: string | null;
}

export interface RoomImageFile {
  fileId: string;
  fileKey: Uint8Array;
  contentType: string;
  /** The image id the copy is of. */
  imageId: string;
}

export interface CommunityImageStore {
  /** Rooms whose copy is missing, outdated, or left over after their image was removed. */
  work(): RoomImageWork[];
  /** The copy of a room's current image, if here. */
  file(conversationId: string): RoomImageFile | undefined;
  /** Records a copy for `imageId` while it is still the room's image; the replaced copy is queued for deletion. */
  setFile(conversationId: string, imageId: string, file: { fileId: string; fileKey: Uint8Array; contentType: string }): boolean;
  /** Drops a room's copy (its image was removed). */
  clearFile(conversationId: string): boolean;
}

export function createCommunityImageStore(db: Db): CommunityImageStore {
  const selectWork = db.prepare<[], { conversation_id: string; base_url: string; token: string; image_id: string | null }>(
    `SELECT conversation_id, base_url, token, image_id FROM community_rooms
     WHERE (image_id IS NOT NULL AND image_file_for IS NOT image_id)
        OR (image_id IS NULL AND image_file_id IS NOT NULL)`,
  );
  const selectFile = db.prepare<[string], { image_file_id: string; image_file_key: Buffer; image_content_type: string | null; image_file_for: string }>(
    `SELECT image_file_id, image_file_key, image_content_type, image_file_for FROM community_rooms
     WHERE conversation_id = ? AND image_file_id IS NOT NULL AND image_file_key IS NOT NULL AND image_file_for IS image_id`,
  );
  const selectImageId = db.prepare<[string], { image_id: string | null }>('SELECT image_id FROM community_rooms WHERE conversation_id = ?');
  const queueOld = db.prepare<[string]>(
    `INSERT OR IGNORE INTO attachment_files_gc (file_id)
       SELECT image_file_id FROM community_rooms WHERE conversation_id = ? AND image_file_id IS NOT NULL`,
  );
  const update = db.prepare<{ id: string; img: string; fid: string; fkey: Buffer; ct: string }>(
    `UPDATE community_rooms SET image_file_for = @img, image_file_id = @fid, image_file_key = @fkey, image_content_type = @ct
     WHERE conversation_id = @id AND image_id IS @img`,
  );
  const clear = db.prepare<[string]>(
    `UPDATE community_rooms SET image_file_for = NULL, image_file_id = NULL, image_file_key = NULL, image_content_type = NULL
     WHERE conversation_id = ? AND image_file_id IS NOT NULL`,
  );
  const setFile = db.transaction((id: string, imageId: string, f: { fileId: string; fileKey: Uint8Array; contentType: string }): boolean => {
    const room = selectImageId.get(id);
    if (!room || room.image_id !== imageId) return false;
    queueOld.run(id);
    update.run({ id, img: imageId, fid: f.fileId, fkey: Buffer.from(f.fileKey.buffer, f.fileKey.byteOffset, f.fileKey.byteLength), ct: f.contentType });
    return true;
  });
  const clearFile = db.transaction((id: string): boolean => {
    queueOld.run(id);
    return clear.run(id).changes > 0;
  });
  return {
    work: () =>
      selectWork.all().map((r) => ({ conversationId: r.conversation_id, baseUrl: r.base_url, token: r.token, imageId: r.image_id })),
    file(id) {
      const r = selectFile.get(id);
      return r ? { fileId: r.image_file_id, fileKey: new Uint8Array(r.image_file_key), contentType: r.image_content_type ?? 'application/octet-stream', imageId: r.image_file_for } : undefined;
    },
    setFile: (id, imageId, file) => setFile(id, imageId, file),
    clearFile: (id) => clearFile(id),
  };
}
