// What the backend tests on the in-memory network share: a fresh data folder and set of swarms per test,
// backends opened on them the way hosts open them (and closed after each test), and waiting helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../../../ts/backend';
import { silentLogger } from '../../../../ts/backend/log';
import type { EventName, EventPayloads } from '../../../../ts/ipc/contract';
import { FakeSwarms } from './fakeNetwork';
import { waitUntil } from '../../../support/until';

/** Waits (checking every 10 ms) until `fn` gives a truthy value, which it returns; the in-memory network is quick. */
export const until = <T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> =>
  waitUntil(what, fn, timeoutMs, 10);

/** Collects every payload of event `e` that `b` emits from now on. */
export function record<E extends EventName>(b: Backend, e: E): EventPayloads[E][] {
  const out: EventPayloads[E][] = [];
  b.on(e, (p) => out.push(p));
  return out;
}

export interface InMemoryBackends {
  /** This test's data folder. */
  readonly root: string;
  /** This test's network. */
  readonly swarms: FakeSwarms;
  /** Opens `profile` in the data folder on the in-memory network; `o` replaces options whole (an `engine` given replaces the default one). */
  open(profile: string, o?: Partial<BackendOptions>): Promise<Backend>;
  /** Closes one backend before the test ends (the others are closed after it). */
  close(b: Backend): Promise<void>;
}

/**
 * Registers beforeEach/afterEach hooks giving each test a fresh data folder (named from `prefix`) and set of
 * swarms, and closing what it opened. Call it inside a describe block.
 */
export function inMemoryBackends(prefix: string, pollIntervalMs: number): InMemoryBackends {
  let root = '';
  let swarms = new FakeSwarms();
  const opened: Backend[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    swarms = new FakeSwarms();
  });
  afterEach(async () => {
    for (const b of opened.splice(0)) await b.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    get swarms() {
      return swarms;
    },
    async open(profile, o = {}) {
      const b = await openBackend({
        dataDir: root,
        profile,
        host: 'cli',
        appVersion: '0.0.0',
        logger: silentLogger,
        engine: { pollIntervalMs, sendRetry: { attempts: 3, minDelayMs: 10, maxDelayMs: 20 }, createNetwork: () => swarms.network() },
        ...o,
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
