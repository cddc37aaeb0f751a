// Pieces the Chromium workloads share (renderer, app): where the renderer bundle and Chromium are, the
// browser flags, a profile made through the web host (network off) and its encrypted database opened
// directly with the backend's own stores, and the CPU time of processes read from /proc.
import fs from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../../ts/backend';
import { DATABASE_FILE } from '../../../ts/backend/index';
import { openEncryptedDatabase, type Db } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { startWebHost, type WebHostOptions } from '../../../ts/web/host';

// The workloads' own root expression, so this resolves alike wherever they are bundled or run from.
const ROOT = path.resolve(__dirname, '..', '..');
export const STATIC_DIR = path.join(ROOT, 'build', 'renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with what to do when the renderer bundle or Chromium is missing. */
export function requireBundleAndChromium(): void {
  if (!fs.existsSync(path.join(STATIC_DIR, 'renderer.js')))
    throw new Error(`bench: no renderer bundle in ${STATIC_DIR} (npm run bench builds it)`);
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`bench: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)`);
}

/** Creates an account in a new profile through the web host with the network off; returns its ID and folder. */
export async function createBenchProfile(
  dataDir: string,
  displayName: string,
  network: Pick<WebHostOptions, 'network' | 'seedUrl'> = { network: 'testnet' },
): Promise<{ me: string; profileDir: string }> {
  const host = await startWebHost({ dataDir, ...network, staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
  try {
    const me = (await host.backend.handlers['account.create']({ displayName })).sessionId;
    return { me, profileDir: host.backend.profileDir };
  } finally {
    await host.stop();
  }
}

/** Opens a stopped profile's encrypted database (with its key file, as the backend does), runs `fn`, closes it. */
export function withProfileDb<T>(profileDir: string, fn: (db: Db) => T): T {
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
  const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
  key.fill(0);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** CPU time (user + system) of a process so far, in ms, from /proc/<pid>/stat; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the parenthesised command name (which may hold spaces): utime and stime are 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(rest[11]) + Number(rest[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux the suite runs on (the kernel's ABI value, not the scheduler's HZ). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Parent pid and command line of every process, from /proc. */
function processTable(): Map<number, { ppid: number; cmdline: string }> {
  const out = new Map<number, { ppid: number; cmdline: string }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.set(Number(name), { ppid, cmdline });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Direct children of this process that are Chromium browsers (the processes playwright launched). */
export function chromiumChildren(): Set<number> {
  const out = new Set<number>();
  for (const [pid, p] of processTable()) if (p.ppid === process.pid && !p.cmdline.includes('--type=') && /chrom/i.test(p.cmdline)) out.add(pid);
  return out;
}

/** The processes under a Chromium browser process, split into its renderers and the rest (itself included). */
export function chromiumTree(browserPid: number): { renderers: number[]; others: number[] } {
  const table = processTable();
  const tree = new Set<number>([browserPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of table)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  const renderers: number[] = [];
  const others: number[] = [];
  for (const pid of tree) (table.get(pid)?.cmdline.includes('--type=renderer') ? renderers : others).push(pid);
  return { renderers, others };
}
