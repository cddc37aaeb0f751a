// Seeded fuzz of the IPC boundary (issue 14, hostile input): random and mutated params for every method of
// the contract, built from its own schema, and unknown methods. The validator accepts or throws a clear
// IpcError; the real dispatcher over a real backend (real SQLite, the in-memory network of the engine
// tests, an account) answers every call with a CallResult, and the WebSocket transport answers hostile
// frames with errors and keeps serving, as the Electron main end does with any invocation. The bench runs
// the same targets longer (tools/bench).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { openBackend, type Backend } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { methodParams } from '../../../ts/ipc/contract';
import { createDispatcher } from '../../../ts/ipc/dispatch';
import { attachElectronMain } from '../../../ts/ipc/transport/electronMain';
import { attachWsServer, type WsServerHandle } from '../../../ts/ipc/transport/wsServer';
import { validateCall } from '../../../ts/ipc/validate';
import { parseWsClientMessage } from '../../../ts/ipc/wire';
import { waitUntil } from '../../support/until';
import { generate, hostileString, randomValue, rng } from '../../support/fuzz/core';
import { METHODS, dispatcherTarget, randomCall, validatorTarget } from '../../support/fuzz/ipcTargets';
import { FakeSwarms } from '../backend/engine/fakeNetwork';

test('the validator accepts or rejects every call cleanly', async () => {
  const r = await validatorTarget(1410, 8_000);
  expect(r.failures).toEqual([]);
  // Every method is reached both ways: the generator makes valid params as well as broken ones. Each method
  // gets its own calls, so adding methods to the contract does not thin out the others' share.
  const seen = new Map<string, { ok: number; bad: number }>();
  for (const method of METHODS) {
    for (const call of generate(1411, 100, (g) => randomCall(g, [method]))) {
      if (typeof call.method !== 'string' || !(call.method in methodParams)) continue;
      const s = seen.get(call.method) ?? { ok: 0, bad: 0 };
      try {
        validateCall(call.method, call.params);
        s.ok++;
      } catch {
        s.bad++;
      }
      seen.set(call.method, s);
    }
  }
  const unreached = METHODS.filter((m) => !(seen.get(m)?.ok && seen.get(m)?.bad));
  expect(unreached).toEqual([]);
});

describe('the dispatcher over a real backend', () => {
  let root: string;
  let backend: Backend;
  const internal: unknown[] = [];
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ipc-fuzz-'));
    const swarms = new FakeSwarms();
    backend = await openBackend({
      dataDir: root,
      host: 'web',
      appVersion: '0.0.0',
      logger: silentLogger,
      geoipDatabase: null,
      engine: { pollIntervalMs: 60_000, sendRetry: { attempts: 1, minDelayMs: 10, maxDelayMs: 20 }, createNetwork: () => swarms.network() },
    });
  });
  afterAll(async () => {
    await backend.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // Methods that end the test's account or profile are left out; everything else is called at random (the
  // run without an account leaves out what would make one).
  const SAFE = METHODS.filter((m) => m !== 'data.clear');
  const NO_ACCOUNT = SAFE.filter((m) => m !== 'account.create' && m !== 'account.restore');

  test.each([
    ['without an account', 1412, 1_500],
    ['with an account', 1413, 3_000],
  ] as const)('answers every call %s', async (when, seed, n) => {
    const dispatch = createDispatcher(backend.handlers, { onInternalError: (_m, err) => internal.push(err) });
    if (when === 'with an account') {
      const created = await dispatch('account.create', { displayName: 'Fuzz' });
      expect(created.ok).toBe(true);
    }
    const r = await dispatcherTarget(dispatch, when === 'with an account' ? SAFE : NO_ACCOUNT, seed, n, () => internal);
    expect(r.failures).toEqual([]);
    expect(r.accepted).toBeGreaterThan(0);
    // Still serving.
    await expect(dispatch('app.getInfo', {})).resolves.toMatchObject({ ok: true });
  });

  test('the Electron main end answers hostile invocations (any arguments, trusted or not)', async () => {
    let handler: ((event: never, ...args: unknown[]) => unknown) | undefined;
    const window = { send: () => {}, isDestroyed: () => false };
    const detach = attachElectronMain({
      ipcMain: { handle: (_channel, listener) => void (handler = listener as never), removeHandler: () => {} },
      dispatcher: createDispatcher(backend.handlers),
      subscribe: (e, l) => backend.on(e, l),
      getTargets: () => [window],
    });
    try {
      const r = rng(1415);
      for (let i = 0; i < 600; i++) {
        const call = randomCall(r, METHODS.filter((m) => m !== 'data.clear' && m !== 'account.create' && m !== 'account.restore'));
        const args = r.chance(0.2) ? Array.from({ length: r.int(4) }, () => randomValue(r)) : [call.method, call.params, ...(r.chance(0.1) ? [randomValue(r)] : [])];
        const trusted = r.chance(0.9);
        const answer = (await handler!({ sender: trusted ? window : {} } as never, ...args)) as { ok: boolean; error?: { code: string; message: string } };
        expect(typeof answer.ok).toBe('boolean');
        if (!trusted) expect(answer.error?.code).toBe('unavailable');
        if (!answer.ok) expect(answer.error?.code).not.toBe('internal');
      }
    } finally {
      detach();
    }
  });

  test('the WebSocket transport answers hostile frames and keeps serving', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = 'cd'.repeat(16);
    const handle: WsServerHandle = attachWsServer({
      server,
      dispatcher: createDispatcher(backend.handlers),
      subscribe: (e, l) => backend.on(e, l),
      token,
      allowedOrigin: [origin],
    });
    const connect = async (): Promise<{ ws: WebSocket; answers: unknown[] }> => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`, { origin });
      const answers: unknown[] = [];
      ws.on('message', (d) => answers.push(JSON.parse(d.toString())));
      ws.on('error', () => {});
      await new Promise((resolve) => ws.once('open', resolve));
      return { ws, answers };
    };
    try {
      const { ws, answers } = await connect();
      const r = rng(1414);
      let expected = 0;
      for (let i = 0; i < 400; i++) {
        const k = r.int(5);
        if (k === 0) {
          ws.send(r.bytes(r.int(100)));
          expected++;
          continue;
        }
        const call = randomCall(r, METHODS.filter((m) => m !== 'data.clear' && m !== 'account.create' && m !== 'account.restore'));
        const frame = k === 1 ? hostileString(r, 2000) : k === 2 ? JSON.stringify(randomValue(r, ['id', 'method', 'params', 'subscribe'])) ?? 'null' : JSON.stringify({ id: i, ...call });
        // A valid subscription is the one frame that gets no answer.
        const parsed = (() => {
          try {
            return JSON.parse(frame) as unknown;
          } catch {
            return undefined;
          }
        })();
        const isSubscription = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'subscribe' in parsed && Array.isArray((parsed as { subscribe: unknown }).subscribe) && ((parsed as { subscribe: unknown[] }).subscribe.length === 0);
        if (!isSubscription) expected++;
        ws.send(frame);
      }
      await waitUntil('every frame answered', () => answers.length >= expected, 20_000, 10);
      expect(answers).toHaveLength(expected);
      for (const a of answers) expect(a).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
      // A frame over the size limit closes that connection only; a new one is served.
      ws.send('x'.repeat(1024 * 1024 + 1));
      await new Promise((resolve) => ws.once('close', resolve));
      const fresh = await connect();
      fresh.ws.send(JSON.stringify({ id: 1, method: 'app.getInfo', params: {} }));
      await waitUntil('a fresh connection served', () => fresh.answers.length === 1, 5_000, 10);
      expect(fresh.answers[0]).toMatchObject({ id: 1, ok: true });
      fresh.ws.close();
    } finally {
      await handle.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

// Found by the fuzz: error messages quoted every bad item and unknown name, so they grew with the input.
test('validation and wire errors stay short however many items are wrong', () => {
  const ids = Array.from({ length: 1000 }, () => '');
  expect(() => validateCall('messages.deleteForMe', { ids })).toThrow(/; and 995 more\.$/);
  let message = '';
  try {
    validateCall('messages.deleteForMe', { ids, ['k'.repeat(100_000)]: 1 });
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message.length).toBeLessThan(2_000);
  const frame = parseWsClientMessage(JSON.stringify({ subscribe: Array.from({ length: 1000 }, (_, i) => `${'e'.repeat(1000)}${i}`) }));
  expect(frame.ok).toBe(false);
  expect(!frame.ok && frame.problem.length).toBeLessThan(1_000);
  expect(!frame.ok && frame.problem).toMatch(/and 995 more$/);
});
