// SQL for staged files (migration 9's `staged_files`): files chosen in the composer (or as a profile
// picture), processed and stored encrypted, waiting for their message. Deleting a row queues its files
// for the sweeper (trigger staged_files_gc); `release` first hands a row's files over to an attachment.
import type { Db } from './database';

export type StagePurpose = 'attachment' | 'avatar';

export interface StagedFileRow {
  stageId: string;
  purpose: StagePurpose;
  fileName: string | null;
  contentType: string;
  expected: number;
  received: number;
  size: number | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  flags: number;
  complete: boolean;
  fileId: string | null;
  fileKey: Uint8Array | null;
  thumbId: string | null;
  thumbKey: Uint8Array | null;
  sha256: Uint8Array | null;
  createdAt: number;
}

interface RawStagedFile {
  stage_id: string;
  purpose: StagePurpose;
  file_name: string | null;
  content_type: string;
  expected: number;
  received: number;
  size: number | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  flags: number;
  complete: number;
  file_id: string | null;
  file_key: Buffer | null;
  thumb_id: string | null;
  thumb_key: Buffer | null;
  sha256: Buffer | null;
  created_at: number;
}

const COLUMNS =
  'stage_id, purpose, file_name, content_type, expected, received, size, width, height, duration_ms, flags, complete, file_id, file_key, thumb_id, thumb_key, sha256, created_at';

const bytesOf = (b: Buffer | null): Uint8Array | null => (b === null ? null : new Uint8Array(b));
const blobOf = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function fromRaw(r: RawStagedFile): StagedFileRow {
  return {
    stageId: r.stage_id,
    purpose: r.purpose,
    fileName: r.file_name,
    contentType: r.content_type,
    expected: r.expected,
    received: r.received,
    size: r.size,
    width: r.width,
    height: r.height,
    durationMs: r.duration_ms,
    flags: r.flags,
    complete: r.complete === 1,
    fileId: r.file_id,
    fileKey: bytesOf(r.file_key),
    thumbId: r.thumb_id,
    thumbKey: bytesOf(r.thumb_key),
    sha256: bytesOf(r.sha256),
    createdAt: r.created_at,
  };
}

/** What stageEnd records once the bytes are processed and stored. */
export interface StagedFileResult {
  contentType: string;
  fileName: string | null;
  received: number;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  flags: number;
  purpose: StagePurpose;
  fileId: string;
  fileKey: Uint8Array;
  thumbId: string | null;
  thumbKey: Uint8Array | null;
  sha256: Uint8Array;
}

export interface StagedFileStore {
  begin(r: { stageId: string; fileName: string | null; contentType: string; expected: number; createdAt: number }): void;
  get(stageId: string): StagedFileRow | undefined;
  /** Many rows in one query, keyed by stage id. */
  getMany(stageIds: readonly string[]): Map<string, StagedFileRow>;
  complete(stageId: string, r: StagedFileResult): boolean;
  /** Deletes the row (its files go to the sweeper's queue); returns whether it existed. */
  remove(stageId: string): boolean;
  /** Deletes the rows after handing their files to attachment rows (nothing is queued for deletion). */
  release(stageIds: readonly string[]): void;
  /** Deletes every row (the start of a profile: the composer does not survive a restart); returns how many. */
  removeAll(): number;
}

export function createStagedFileStore(db: Db): StagedFileStore {
  const insert = db.prepare<[string, string | null, string, number, number]>(
    `INSERT INTO staged_files (stage_id, purpose, file_name, content_type, expected, created_at) VALUES (?, 'attachment', ?, ?, ?, ?)`,
  );
  const selectOne = db.prepare<[string], RawStagedFile>(`SELECT ${COLUMNS} FROM staged_files WHERE stage_id = ?`);
  const selectMany = db.prepare<[string], RawStagedFile>(`SELECT ${COLUMNS} FROM staged_files WHERE stage_id IN (SELECT value FROM json_each(?))`);
  const update = db.prepare<Record<string, string | number | Buffer | null>>(
    `UPDATE staged_files SET purpose = @purpose, file_name = @file_name, content_type = @content_type, received = @received, size = @size,
       width = @width, height = @height, duration_ms = @duration_ms, flags = @flags, complete = 1, file_id = @file_id, file_key = @file_key,
       thumb_id = @thumb_id, thumb_key = @thumb_key, sha256 = @sha256
     WHERE stage_id = @stage_id`,
  );
  const deleteOne = db.prepare<[string]>('DELETE FROM staged_files WHERE stage_id = ?');
  const detach = db.prepare<[string]>('UPDATE staged_files SET file_id = NULL, thumb_id = NULL WHERE stage_id IN (SELECT value FROM json_each(?))');
  const deleteMany = db.prepare<[string]>('DELETE FROM staged_files WHERE stage_id IN (SELECT value FROM json_each(?))');
  const deleteAll = db.prepare('DELETE FROM staged_files');

  return {
    begin(r) {
      insert.run(r.stageId, r.fileName, r.contentType, r.expected, r.createdAt);
    },
    get(stageId) {
      const r = selectOne.get(stageId);
      return r ? fromRaw(r) : undefined;
    },
    getMany: (ids) => new Map(ids.length === 0 ? [] : selectMany.all(JSON.stringify(ids)).map((r) => [r.stage_id, fromRaw(r)] as const)),
    complete(stageId, r) {
      return (
        update.run({
          stage_id: stageId,
          purpose: r.purpose,
          file_name: r.fileName,
          content_type: r.contentType,
          received: r.received,
          size: r.size,
          width: r.width,
          height: r.height,
          duration_ms: r.durationMs,
          flags: r.flags,
          file_id: r.fileId,
          file_key: blobOf(r.fileKey),
          thumb_id: r.thumbId,
          thumb_key: blobOf(r.thumbKey),
          sha256: blobOf(r.sha256),
        }).changes === 1
      );
    },
    remove: (stageId) => deleteOne.run(stageId).changes === 1,
    release(ids) {
      if (ids.length === 0) return;
      const json = JSON.stringify(ids);
      detach.run(json);
      deleteMany.run(json);
    },
    removeAll: () => deleteAll.run().changes,
  };
}
