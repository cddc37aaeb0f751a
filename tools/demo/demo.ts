// The offline demo behind `npm run demo`: a devnet on loopback and two web hosts (Alice and Bob) on
// fresh temporary data directories, each with an account already created, so two people can try the
// app side by side without touching the real network. Everything it starts it also stops, and the
// temporary directories are deleted on the way out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../ts/backend/log';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../devnet';

export interface DemoUser {
  /** Display name, also the profile's label in the output. */
  name: string;
  url: string;
  sessionId: string;
  dataDir: string;
  host: WebHost;
}

export interface Demo {
  seedUrl: string;
  users: DemoUser[];
  /** Stops the web hosts and the devnet and deletes the data directories. Idempotent. */
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Display names of the accounts, one web host each (default Alice and Bob). */
  names?: readonly string[];
  /** Service nodes in the devnet (default 9: three swarms of three, quick to start). */
  nodes?: number;
  /** How often each engine polls its swarm; shorter than production's 5 s so replies feel immediate. */
  pollIntervalMs?: number;
  /** Folder with the renderer bundle; default: the build output beside the demo bundle. */
  staticDir?: string;
  logger: Logger;
  /** Progress lines for the person running the demo. */
  progress?: (line: string) => void;
}

/** Starts the devnet, the hosts and the accounts; on any failure everything already started is undone. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const names = options.names ?? ['Alice', 'Bob'];
  const progress = options.progress ?? (() => undefined);
  const dirs: string[] = [];
  const hosts: WebHost[] = [];
  let devnet: Devnet | undefined;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // Hosts first: their engines would otherwise keep polling a network that is going away.
      for (const h of hosts) {
        try {
          await h.stop();
        } catch (err) {
          options.logger.error('demo: stopping a web host failed', err);
        }
      }
      try {
        await devnet?.stop();
      } catch (err) {
        options.logger.error('demo: stopping the devnet failed', err);
      }
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    })());

  try {
    progress('starting a local Session network (devnet) on 127.0.0.1...');
    devnet = await startDevnet({ nodes: options.nodes ?? 9, swarmSize: 3 });
    const seedUrl = devnet.info.seedUrl;
    const users: DemoUser[] = [];
    for (const name of names) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `session-demo-${name.toLowerCase()}-`));
      dirs.push(dataDir);
      progress(`starting ${name}'s web host...`);
      const host = await startWebHost({
        dataDir,
        seedUrl,
        logger: options.logger,
        ...(options.staticDir !== undefined ? { staticDir: options.staticDir } : {}),
        engine: { pollIntervalMs: options.pollIntervalMs ?? 1_000 },
      });
      hosts.push(host);
      // Through the API, as the onboarding screen would: the recovery password stays in the profile.
      const { sessionId } = await host.backend.handlers['account.create']({ displayName: name });
      users.push({ name, url: host.url, sessionId, dataDir, host });
    }
    return { seedUrl, users, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The text printed once everything is up. */
export function demoBanner(demo: Pick<Demo, 'seedUrl' | 'users'>): string {
  const lines = ['', 'Session demo is running on a local network (nothing leaves this machine).', ''];
  for (const u of demo.users) {
    lines.push(
      `  ${u.name}:`,
      `    open       ${u.url}`,
      `    Account ID ${u.sessionId}`,
      `    data       ${u.dataDir}`,
      '',
    );
  }
  lines.push(
    `  devnet seed ${demo.seedUrl}`,
    '',
    'Open each link in its own browser tab or window. To write to the other person, choose',
    '"+" > New Message and paste their Account ID. Press Ctrl+C to stop; the data is deleted.',
    '',
  );
  return lines.join('\n');
}
