// The at-rest store of media bytes: <profile>/attachments/<fileId>, each file sealed with AES-256-GCM under
// its own random key, which lives only in the (encrypted) database next to the row that references the
// file. Nothing readable is ever written: a file is written under a temporary name and renamed into place,
// and a sweeper removes files whose rows are gone (attachment_files_gc, fed by the delete triggers of
// migration 9) and, at start, anything no row references.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { Logger } from '../log';
import { crashPoint } from '../crashPoint';

export const ATTACHMENTS_DIR = 'attachments';
/** Sub-folder for files being staged (chunk by chunk; see services/staging.ts). */
export const STAGING_DIR = 'staging';

/** "SAF1": marks our at-rest format so a future change of it can be told apart. */
const MAGIC = Uint8Array.of(0x53, 0x41, 0x46, 0x31);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + NONCE_BYTES;
const FILE_ID = /^[0-9a-f]{32}$/;
const TEMP_SUFFIX = '.tmp';

/**
 * Every column that references a file of the store. A file no row names is garbage once nothing is being
 * written (the sweep at start). Engineers adding a table with local files add it here.
 */
export const FILE_REFERENCES: readonly { table: string; column: string }[] = [
  { table: 'attachments', column: 'file_id' },
  { table: 'attachments', column: 'thumb_id' },
  { table: 'staged_files', column: 'file_id' },
  { table: 'staged_files', column: 'thumb_id' },
  { table: 'contacts', column: 'avatar_file_id' },
  { table: 'user_profile', column: 'avatar_file_id' },
  { table: 'community_rooms', column: 'image_file_id' },
];

export type FileStoreErrorKind = 'missing' | 'corrupt' | 'invalid';

/** A file that cannot be read back: gone, tampered with or truncated, or a malformed id or key. */
export class FileStoreError extends Error {
  constructor(
    readonly kind: FileStoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FileStoreError';
  }
}

export interface StoredFile {
  /** 32 lowercase hex characters: the file's name in the store. */
  fileId: string;
  /** The file's 32-byte AES-256-GCM key (kept in the database, never on disk beside the file). */
  fileKey: Uint8Array;
}

export interface FileStore {
  /** The store's folder (<profile>/attachments). */
  readonly dir: string;
  /** Encrypts and writes `bytes` as a new file. */
  write(bytes: Uint8Array): StoredFile;
  /** Reads and decrypts a file; throws FileStoreError when it is missing, tampered with or truncated. */
  read(fileId: string, fileKey: Uint8Array): Uint8Array;
  /** Whether the file is on disk. */
  exists(fileId: string): boolean;
  /** Deletes a file (a missing one is fine). */
  delete(fileId: string): void;
  /**
   * Deletes the files queued in attachment_files_gc (those a row still references stay) and empties the
   * queue; returns how many files it deleted.
   */
  sweep(): number;
  /** The sweep at start: the queue, then every file and leftover temporary file no row references. */
  sweepAtStart(): number;
  /** A folder for temporary files (created 0700), removed wholesale by sweepAtStart. */
  stagingDir(): string;
}

function blob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** AES-256-GCM under `key`, bound to `fileId` (AAD) so one file cannot stand in for another. */
export function sealFile(fileId: string, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(fileId, 'utf8'));
  const parts = [MAGIC, nonce, c.update(blob(plaintext)), c.final(), c.getAuthTag()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function openFile(fileId: string, key: Uint8Array, sealed: Uint8Array): Uint8Array {
  const corrupt = (): never => {
    throw new FileStoreError('corrupt', 'The stored file is damaged (it was changed or cut short on disk).');
  };
  if (sealed.length < HEADER_BYTES + TAG_BYTES) corrupt();
  for (let i = 0; i < MAGIC.length; i++) if (sealed[i] !== MAGIC[i]) corrupt();
  const nonce = sealed.subarray(MAGIC.length, HEADER_BYTES);
  const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(Buffer.from(fileId, 'utf8'));
    d.setAuthTag(tag);
    const a = d.update(body);
    const b = d.final();
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  } catch {
    return corrupt();
  }
}

export function createFileStore(d: { profileDir: string; db: Db; randomBytes: (n: number) => Uint8Array; log: Logger }): FileStore {
  const dir = path.join(d.profileDir, ATTACHMENTS_DIR);
  // Created on the first write, so a profile without media has no folder for it.
  const ensureDir = (): void => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  };
  const fileOf = (fileId: string): string => {
    if (!FILE_ID.test(fileId)) throw new FileStoreError('invalid', 'Not a stored file id.');
    return path.join(dir, fileId);
  };

  const referencedSql = FILE_REFERENCES.map((r) => `SELECT ${r.column} AS id FROM ${r.table} WHERE ${r.column} IS NOT NULL`).join(' UNION ');
  const selectQueued = d.db.prepare<[], { file_id: string; referenced: number }>(
    `SELECT file_id, file_id IN (${referencedSql}) AS referenced FROM attachment_files_gc`,
  );
  const deleteQueued = d.db.prepare<[string]>('DELETE FROM attachment_files_gc WHERE file_id IN (SELECT value FROM json_each(?))');
  const selectReferenced = d.db.prepare<[], { id: string }>(referencedSql);

  const unlink = (file: string): boolean => {
    try {
      fs.unlinkSync(file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  };

  const sweep = (): number => {
    const queued = selectQueued.all();
    if (queued.length === 0) return 0;
    let deleted = 0;
    const done: string[] = [];
    for (const q of queued) {
      try {
        // A file whose id moved to another row (a staged file sent with its message) stays.
        if (q.referenced === 0 && FILE_ID.test(q.file_id) && unlink(path.join(dir, q.file_id))) deleted++;
        done.push(q.file_id);
      } catch (err) {
        d.log.warn(`attachments: could not delete a stored file (${(err as NodeJS.ErrnoException).code ?? 'error'}); trying again later`);
      }
    }
    deleteQueued.run(JSON.stringify(done));
    return deleted;
  };

  const staging = path.join(dir, STAGING_DIR);

  return {
    dir,
    write(bytes) {
      const fileId = Buffer.from(d.randomBytes(16)).toString('hex');
      const fileKey = d.randomBytes(32);
      const sealed = sealFile(fileId, fileKey, d.randomBytes(NONCE_BYTES), bytes);
      const final = fileOf(fileId);
      const temp = final + TEMP_SUFFIX;
      ensureDir();
      // Written whole under a temporary name first: a crash never leaves a half file under a real id.
      const fd = fs.openSync(temp, 'wx', 0o600);
      try {
        // In two halves so a crash test can stop between them (files.halfWritten).
        const half = sealed.length >> 1;
        fs.writeSync(fd, sealed, 0, half);
        crashPoint('files.halfWritten');
        fs.writeSync(fd, sealed, half, sealed.length - half);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, final);
      return { fileId, fileKey };
    },
    read(fileId, fileKey) {
      const file = fileOf(fileId);
      if (fileKey.length !== 32) throw new FileStoreError('invalid', 'The stored file has no valid key.');
      let sealed: Buffer;
      try {
        sealed = fs.readFileSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileStoreError('missing', 'The stored file is missing.');
        throw err;
      }
      return openFile(fileId, fileKey, new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength));
    },
    exists: (fileId) => fs.existsSync(fileOf(fileId)),
    delete(fileId) {
      unlink(fileOf(fileId));
    },
    sweep,
    sweepAtStart() {
      let deleted = sweep();
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(dir)) return deleted;
      const referenced = new Set(selectReferenced.all().map((r) => r.id));
      for (const entry of fs.readdirSync(dir)) {
        if (entry === STAGING_DIR || referenced.has(entry)) continue;
        // Only our own names (ids and their temporary files): nothing else in the folder is ours to remove.
        if (!FILE_ID.test(entry) && !(entry.endsWith(TEMP_SUFFIX) && FILE_ID.test(entry.slice(0, -TEMP_SUFFIX.length)))) continue;
        if (unlink(path.join(dir, entry))) deleted++;
      }
      return deleted;
    },
    stagingDir() {
      ensureDir();
      fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
      return staging;
    },
  };
}

/**
 * Runs the sweeper whenever messages or conversations are removed (every delete path emits one of those
 * after its transaction committed), coalesced to one sweep per turn of the event loop. Returns the
 * unsubscribe function.
 */
export function sweepOnRemovals(
  store: FileStore,
  events: { on(event: 'messages.removed' | 'conversations.removed', l: () => void): () => void },
  log: Logger,
): () => void {
  let pending = false;
  let stopped = false;
  const schedule = (): void => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      // The profile may have closed (and its database with it) since the removal.
      if (stopped) return;
      try {
        store.sweep();
      } catch (err) {
        log.warn('attachments: sweeping deleted files failed', err);
      }
    });
  };
  const offs = [events.on('messages.removed', schedule), events.on('conversations.removed', schedule)];
  return () => {
    stopped = true;
    offs.forEach((off) => off());
  };
}
