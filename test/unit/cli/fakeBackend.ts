// The fake backend and I/O the CLI's unit tests run against: a scripted handler table that records every
// call (follow-up marks and settles included), an event bus, and virtual time.
import { createEventBus } from '../../../ts/backend/events';
import { silentLogger } from '../../../ts/backend/log';
import type { Backend, BackendOptions } from '../../../ts/backend/types';
import type { FollowUpFailure } from '../../../ts/backend/services/followUps';
import type { CliIo } from '../../../ts/cli/run';
import type { BackendHandlers, MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';

export const ALICE = '05' + 'a1'.repeat(32);
export const BOB = '05' + 'b2'.repeat(32);

export function msg(over: Partial<MessageView>): MessageView {
  return { id: 'm1', conversationId: BOB, sender: ALICE, direction: 'outgoing', text: 'hi', timestamp: 1000, receivedAt: 1001, status: 'sending', ...over };
}

/** How the fake backend's follow-ups settle: at once with these failures, or never (until the wait gives up). */
export type FollowUpScript = { failed: FollowUpFailure[] } | 'never' | 'never-earlier';

/** A fake backend with a scripted handler table; records the calls and the options it was opened with. */
export function fakeBackend(handlers: Partial<Record<keyof BackendHandlers, (p: never) => unknown>>, followUpScript: FollowUpScript = { failed: [] }) {
  const events = createEventBus(silentLogger);
  const calls: Array<[string, unknown]> = [];
  const opened: BackendOptions[] = [];
  let closed = 0;
  const table = new Proxy(
    {},
    {
      get(_t, name: string) {
        return async (p: unknown) => {
          const h = (handlers as Record<string, ((p: unknown) => unknown) | undefined>)[name];
          // Every run asks first whether the profile is locked; unscripted, it is not (and that call is not recorded).
          if (name === 'password.status' && !h) return { set: false, locked: false, protection: 'plain', failedAttempts: 0, retryAfterMs: 0 };
          calls.push([name, p]);
          if (!h) throw new IpcError('unavailable', `${name} is not scripted`);
          return h(p);
        };
      },
    },
  ) as BackendHandlers;
  const followUps: Backend['followUps'] = {
    mark: () => {
      calls.push(['followUps.mark', undefined]);
      return { outbox: 7 };
    },
    settle: async (o = {}) => {
      calls.push(['followUps.settle', o.since]);
      if (followUpScript === 'never' || followUpScript === 'never-earlier') {
        await new Promise<void>((resolve) => (o.signal?.aborted ? resolve() : o.signal?.addEventListener('abort', () => resolve())));
        return { settled: false, pending: 1, pendingEarlier: followUpScript === 'never' ? 0 : 1, failed: [] };
      }
      return { settled: true, pending: 0, pendingEarlier: 0, failed: followUpScript.failed };
    },
  };
  const backend = {
    handlers: table,
    followUps,
    on: events.on,
    network: 'custom',
    profile: 'default',
    profileDir: '/x',
    log: silentLogger,
    close: async () => {
      closed++;
    },
  } as unknown as Backend;
  return { backend, events, calls, opened, closedCount: () => closed };
}

export function io(b: ReturnType<typeof fakeBackend>, over: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let clock = 0;
  let signal: ((s: 'SIGINT' | 'SIGTERM') => void) | undefined;
  const value: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: {},
    openBackend: async (o) => {
      b.opened.push(o);
      return b.backend;
    },
    createLogger: () => silentLogger,
    appVersion: '9.9.9',
    now: () => clock,
    // Virtual time: a sleep passes its whole duration at once unless aborted first.
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = setImmediate(() => {
          clock += ms;
          resolve();
        });
        signal?.addEventListener('abort', () => {
          clearImmediate(timer);
          resolve();
        });
      }),
    readStdin: async () => '',
    onSignal: (h) => {
      signal = h;
      return () => {
        signal = undefined;
      };
    },
    ...over,
  };
  return { value, out, err, fire: (s: 'SIGINT' | 'SIGTERM') => signal?.(s), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
}

/** Real time, for tests where events come from timers. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const account = { 'account.get': () => ({ sessionId: ALICE, displayName: 'Alice' }) };
