// The profile lock: one engine per profile folder, across processes and within one process. The lock
// file holds the holder's pid and host kind so a refused engine can say who holds it.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'session.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** ms since epoch */
  since: number;
  /** When the holding process started (ms since epoch): tells a reused pid from the same process. */
  processStart?: number;
}

export class ProfileLockedError extends Error {
  readonly holder: LockHolder;
  constructor(profileDir: string, holder: LockHolder) {
    const who = holder.pid === process.pid ? `this process (pid ${holder.pid}, ${holder.host})` : `the ${describeHost(holder.host)} with pid ${holder.pid}`;
    super(`The profile at ${profileDir} is already in use by ${who}. Close it first, or choose another profile with --profile NAME.`);
    this.name = 'ProfileLockedError';
    this.holder = holder;
  }
}

function describeHost(host: string): string {
  switch (host) {
    case 'electron':
      return 'desktop app';
    case 'web':
      return 'web host';
    case 'cli':
      return 'session-cli';
    default:
      return `"${host}" engine`;
  }
}

export interface ProfileLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.pid === 'number' && Number.isInteger(o.pid) && o.pid > 0) {
        const holder: LockHolder = { pid: o.pid, host: typeof o.host === 'string' ? o.host : 'unknown', since: typeof o.since === 'number' ? o.since : 0 };
        if (typeof o.processStart === 'number') holder.processStart = o.processStart;
        return holder;
      }
    }
  } catch {
    // fall through: unreadable content is treated as stale below
  }
  return undefined;
}

export interface LockOptions {
  host: string;
  pid?: number;
  /** Start time of this process (ms since epoch); default performance.timeOrigin. */
  processStart?: number;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
  onTakeover?: (stale: LockHolder | undefined) => void;
}

/**
 * Takes the lock in `profileDir` or throws ProfileLockedError naming the holder. A lock whose pid is
 * dead (or whose content is unreadable) is stale and taken over.
 */
export function acquireProfileLock(profileDir: string, opts: LockOptions): ProfileLock {
  const file = path.join(profileDir, LOCK_FILE);
  const pid = opts.pid ?? process.pid;
  const isAlive = opts.isAlive ?? isProcessAlive;
  const processStart = opts.processStart ?? Math.round(performance.timeOrigin);
  const mine: LockHolder = { pid, host: opts.host, since: (opts.now ?? Date.now)(), processStart };
  const content = JSON.stringify(mine) + '\n';
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' creates atomically and fails if the file exists: the only race-free test-and-set here.
      fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        path: file,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === content) fs.unlinkSync(file);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: retry
      throw err;
    }
    const holder = parseHolder(text);
    if (holder) {
      // Our own pid is either another engine in this very process, or a crashed earlier process that
      // had the same pid (containers reuse small pids on every start): the start time tells them apart.
      const live = holder.pid === pid ? holder.processStart === undefined || holder.processStart === processStart : isAlive(holder.pid);
      if (live) throw new ProfileLockedError(profileDir, holder);
    }
    opts.onTakeover?.(holder);
    try {
      fs.unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  // Someone else took it between our removal of the stale lock and our retry.
  const holder = parseHolder(fs.readFileSync(file, 'utf8')) ?? { pid: 0, host: 'unknown', since: 0 };
  throw new ProfileLockedError(profileDir, holder);
}
