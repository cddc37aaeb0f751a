// A 12-node devnet in its own process (`./bin/session-devnet`), for workloads whose measured engine must
// not share its process with the devnet: started, and ready once it prints its seed URL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The workloads' own root expression, so this resolves alike wherever they are bundled or run from.
const ROOT = path.resolve(__dirname, '..', '..');

/** What its ready line says (the fields the workloads use). */
export interface ChildDevnetInfo {
  seedUrl: string;
  controlUrl?: string;
  sogs?: { url: string; pubkey: string; rooms: string[] };
}

/**
 * Starts it; `stateDir` keeps its swarms in that folder (default: the devnet's own choice); `extraArgs` go
 * to session-devnet as given (e.g. `--sogs-room TOKEN`).
 */
export function startChildDevnet(stateDir?: string, extraArgs: readonly string[] = []): Promise<{ child: ChildProcess; seedUrl: string; info: ChildDevnetInfo }> {
  return new Promise((resolve, reject) => {
    const args = [path.join(ROOT, 'bin', 'session-devnet'), '--nodes', '12', ...(stateDir !== undefined ? ['--state-dir', stateDir] : []), ...extraArgs];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`bench: session-devnet exited (${code}) before it was ready`)));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const info: unknown = JSON.parse(out.slice(0, nl));
      const seedUrl = typeof info === 'object' && info !== null && 'seedUrl' in info && typeof info.seedUrl === 'string' ? info.seedUrl : undefined;
      if (!seedUrl) reject(new Error('bench: session-devnet ready line has no seedUrl'));
      else resolve({ child, seedUrl, info: info as ChildDevnetInfo });
    });
  });
}
