// `delete MESSAGE_ID` and `decline ID` run by the CLI against real backends (encrypted databases, an
// in-memory network): the JSON lines of spec/cli.md, the rows really gone, and clear errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { runCli, type CliIo } from '../../../ts/cli/run';
import { FakeSwarms } from '../backend/engine/fakeNetwork';

describe('session-cli delete and decline', () => {
  let root: string;
  let swarms: FakeSwarms;
  const opts = (profile: string): BackendOptions => ({
    dataDir: root,
    profile,
    host: 'cli',
    appVersion: '0.0.0',
    logger: silentLogger,
    engine: { pollIntervalMs: 60_000, createNetwork: () => swarms.network() },
  });

  /** Runs the CLI on `profile`; returns its exit code, JSON lines and stderr. */
  const cli = async (profile: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      // The CLI's own options, plus the in-memory network.
      openBackend: (o) => openBackend({ ...o, logger: silentLogger, engine: opts(profile).engine! }),
      createLogger: () => silentLogger,
      appVersion: '0.0.0',
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      readStdin: async () => '',
      onSignal: () => () => undefined,
    };
    const code = await runCli(['--json', '--data-dir', root, '--profile', profile, ...argv], io);
    return { code, lines: out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown), stderr: err.join('') };
  };
  const withBackend = async <T>(profile: string, fn: (b: Backend) => Promise<T>): Promise<T> => {
    const b = await openBackend(opts(profile));
    try {
      return await fn(b);
    } finally {
      await b.close();
    }
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-delete-'));
    swarms = new FakeSwarms();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('decline deletes a message request and its messages; declining again is not found', async () => {
    const bob = await withBackend('bob', async (b) => (await b.handlers['account.create']({ displayName: 'Bob' })).sessionId);
    const alice = await withBackend('alice', async (a) => {
      const id = (await a.handlers['account.create']({ displayName: 'Alice' })).sessionId;
      await a.handlers['messages.send']({ to: bob, text: 'hello' });
      for (let i = 0; i < 200 && !swarms.inbox.get(bob)?.length; i++) await new Promise((r) => setTimeout(r, 10));
      return id;
    });
    await withBackend('bob', async (b) => {
      await b.handlers['sync.pollNow']({});
      expect(await b.handlers['conversations.list']({ requests: true })).toHaveLength(1);
    });

    expect(await cli('bob', 'decline', alice.toUpperCase())).toMatchObject({ code: 0, lines: [{ id: alice, declined: true }] });
    expect(await cli('bob', 'requests')).toMatchObject({ code: 0, lines: [] });
    expect(await cli('bob', 'messages', alice)).toMatchObject({ code: 0, lines: [] });
    const again = await cli('bob', 'decline', alice);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^session-cli: No such conversation\./);
  });

  it('delete removes one message on this device; an unknown or malformed id is a clear error', async () => {
    const peer = `05${'cd'.repeat(32)}`;
    const [keep, drop] = await withBackend('alice', async (a) => {
      await a.handlers['account.create']({ displayName: 'Alice' });
      return [await a.handlers['messages.send']({ to: peer, text: 'keep' }), await a.handlers['messages.send']({ to: peer, text: 'drop' })];
    });

    expect(await cli('alice', 'delete', drop!.id.toUpperCase())).toMatchObject({ code: 0, lines: [{ id: drop!.id, deleted: true }] });
    const left = await cli('alice', 'messages', peer);
    expect(left.lines).toEqual([expect.objectContaining({ id: keep!.id, text: 'keep' })]);

    const gone = await cli('alice', 'delete', drop!.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(`No message with id ${drop!.id}`);
    const bad = await cli('alice', 'delete', 'm1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid message id "m1"/);
  });
});
