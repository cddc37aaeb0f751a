// What the backend tests against a local devnet share: one devnet and data folder for the file, backends
// opened on them the way hosts open them (all closed when the file ends), and waiting helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend } from '../../../ts/backend';
import type { EngineOptions } from '../../../ts/backend/types';
import { silentLogger, type Logger } from '../../../ts/backend/log';
import { startDevnet, type Devnet, type DevnetOptions } from '../../../tools/devnet';
import { waitUntil } from '../../support/until';

/** Waits (checking every 25 ms) until `fn` gives a truthy value, which it returns; paths and swarms of a devnet take seconds. */
export const until = <T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> =>
  waitUntil(what, fn, timeoutMs, 25);

/** One poll that succeeded (a poll may fail while paths are built, or rebuilt after a fault). */
export async function pollOk(b: Backend): Promise<{ newMessages: number; dropped: number }> {
  return until('a successful poll', async () => {
    try {
      return await b.handlers['sync.pollNow']({});
    } catch {
      return undefined;
    }
  });
}

export interface DevnetBackends {
  /** The running devnet (set once the file's beforeAll hooks ran). */
  readonly devnet: Devnet;
  /** Opens `profile` in the shared data folder, on the devnet (`engine`: options over the defaults). */
  open(profile: string, engine?: EngineOptions, logger?: Logger): Promise<Backend>;
  /** Closes one backend before the file ends (the others are closed after it). */
  close(b: Backend): Promise<void>;
}

/**
 * Registers beforeAll/afterAll hooks that start a devnet with `options` and a data folder named from `prefix`,
 * and afterwards close every backend opened, stop the devnet and remove the folder. Call it at the top of a
 * test file, before its own beforeAll hooks (which then find the devnet running).
 */
export function devnetBackends(prefix: string, options: DevnetOptions, pollIntervalMs: number): DevnetBackends {
  let devnet: Devnet | undefined;
  let root = '';
  const opened: Backend[] = [];
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    devnet = await startDevnet(options);
  });
  afterAll(async () => {
    for (const b of opened.splice(0)) await b.close();
    await devnet?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  const running = (): Devnet => {
    if (!devnet) throw new Error('the devnet is not running yet');
    return devnet;
  };
  return {
    get devnet() {
      return running();
    },
    async open(profile, engine = {}, logger = silentLogger) {
      const b = await openBackend({
        dataDir: root,
        seedUrl: running().info.seedUrl,
        profile,
        host: 'cli',
        appVersion: '0.0.0',
        logger,
        engine: { pollIntervalMs, sendRetry: { attempts: 100, minDelayMs: 100, maxDelayMs: 500 }, ...engine },
      });
      opened.push(b);
      return b;
    },
    async close(b) {
      opened.splice(opened.indexOf(b), 1);
      await b.close();
    },
  };
}
