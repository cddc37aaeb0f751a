// Writing files the CLI hands to the user (downloaded attachments): written to a temporary file in the
// target folder first and then given their name in one step, so a reader never sees half a file and an
// interrupted run leaves no file under the final name; and never over an existing file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { numberedFileName } from '../backend/media/fileNames';

/** Prefix of the temporary files (hidden; removed when done or failed). */
export const TEMP_PREFIX = '.session-cli-';

/** A file being written under a temporary name in its final folder. */
export interface PendingFile {
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Gives the file the first free name of `name`, `name (1)`, `name (2)`, … in the folder (never replacing
   * a file, even one created meanwhile) and returns its path.
   */
  commit(name: string): Promise<string>;
  /** Removes the temporary file (after a failure; harmless after commit). */
  discard(): Promise<void>;
}

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

export async function createPendingFile(dir: string, mode = 0o600): Promise<PendingFile> {
  const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.part`);
  const handle = await fs.open(temp, 'wx', mode);
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await handle.close();
  };
  const place = async (target: string): Promise<boolean> => {
    try {
      // A hard link fails when the name exists: checking and naming are one step, and the bytes are complete.
      await fs.link(temp, target);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return false;
      if (!LINK_UNSUPPORTED.has(code)) throw err;
    }
    // File systems without hard links: an exclusive copy still never overwrites.
    try {
      await fs.copyFile(temp, target, fs.constants.COPYFILE_EXCL);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  };
  return {
    async write(bytes) {
      let done = 0;
      while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
    },
    async commit(name) {
      await handle.sync();
      await close();
      try {
        for (let n = 0; n < 10_000; n++) {
          const target = path.join(dir, numberedFileName(name, n));
          if (await place(target)) return target;
        }
        throw new Error(`No free file name for "${name}" in ${dir}.`);
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
    async discard() {
      await close().catch(() => undefined);
      await fs.rm(temp, { force: true });
    },
  };
}
