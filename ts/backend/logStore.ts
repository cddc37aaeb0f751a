// The debug log on disk (spec/ui.md §1.1 item 4): every line the backend logs at info level or above,
// scrubbed by logRedact.ts before it is written, appended to debug.log in the profile folder.
//
// Why a file written line by line rather than a ring in memory: the log is wanted most after a crash or
// a forced quit, and a ring would be gone by then; after a restart the export still shows what went
// wrong. Lines are few (info level), so one synchronous append each costs little, and nothing waits in
// a buffer that a crash could lose.
// Bounded: when a line would take debug.log past `maxBytes`, the file becomes debug.1.log (replacing
// the older one) and a new debug.log starts. The log thus never takes more than twice `maxBytes` on
// disk, and an export always holds at least the last `maxBytes` of lines.
// The files live and die with the profile: "Clear Data" wipes them with everything else.
import fs from 'node:fs';
import path from 'node:path';
import { redactLogLine } from './logRedact';

export const DEBUG_LOG_FILE = 'debug.log';
export const DEBUG_LOG_PREVIOUS_FILE = 'debug.1.log';
/** 1 MiB per file: thousands of lines, a small attachment for a bug report. */
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
/** One huge detail (a dump of an object) must not push every other line out. */
export const MAX_LINE_BYTES = 16 * 1024;

export interface LogStore {
  /** Scrubs and appends one line (a trailing newline is added when missing). Never throws. */
  append(line: string): void;
  /** The kept lines, oldest first. */
  read(): string;
}

export interface LogStoreOptions {
  dir: string;
  maxBytes?: number;
  /** Replaced by "~" in every line (it holds the user name). */
  homeDir?: string;
  /** Told about the first write failure after a success (the disk may be full): logging never throws. */
  onError?: (err: unknown) => void;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

function truncate(line: string): string {
  if (Buffer.byteLength(line) <= MAX_LINE_BYTES) return line;
  // Cut on a character boundary, keeping the newline.
  const cut = Buffer.from(line).subarray(0, MAX_LINE_BYTES).toString('utf8').replace(/\uFFFD$/, '');
  return `${cut.replace(/\n$/, '')} [line truncated]\n`;
}

export function openLogStore(opts: LogStoreOptions): LogStore {
  const maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const current = path.join(opts.dir, DEBUG_LOG_FILE);
  const previous = path.join(opts.dir, DEBUG_LOG_PREVIOUS_FILE);
  let failing = false;

  const write = (text: string): void => {
    // The size is read each time, not counted: the folder may have been wiped ("Clear Data") meanwhile.
    if (sizeOf(current) + Buffer.byteLength(text) > maxBytes && fs.existsSync(current)) fs.renameSync(current, previous);
    fs.appendFileSync(current, text, { mode: 0o600 });
  };

  return {
    append(line) {
      const text = truncate(redactLogLine(line.endsWith('\n') ? line : `${line}\n`, opts.homeDir !== undefined ? { homeDir: opts.homeDir } : {}));
      try {
        try {
          write(text);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
          write(text);
        }
        failing = false;
      } catch (err) {
        if (!failing) opts.onError?.(err);
        failing = true;
      }
    },
    read() {
      return readOrEmpty(previous) + readOrEmpty(current);
    },
  };
}
