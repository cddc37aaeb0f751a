// `unsend MESSAGE_ID` run by the CLI against real backends (encrypted databases, an in-memory network): the JSON
// line of spec/cli.md, our swarm's copy deleted and both unsend requests stored before it exits, the
// placeholder row in `messages` (JSON and for people), and clear errors for someone else's or an unknown message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { DELETED_TEXT } from '../../../ts/cli/commands/unsend';
import { runCli, type CliIo } from '../../../ts/cli/run';
import { FakeSwarms } from '../backend/engine/fakeNetwork';

describe('session-cli unsend', () => {
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

  const cli = async (profile: string, json: boolean, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      openBackend: (o) => openBackend({ ...o, logger: silentLogger, engine: opts(profile).engine! }),
      createLogger: () => silentLogger,
      appVersion: '0.0.0',
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      readStdin: async () => '',
      onSignal: () => () => undefined,
    };
    const code = await runCli([...(json ? ['--json'] : []), '--data-dir', root, '--profile', profile, ...argv], io);
    const stdout = out.join('');
    return { code, stdout, lines: json ? stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [], stderr: err.join('') };
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
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-unsend-'));
    swarms = new FakeSwarms();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('unsends our message, waits for the requests, and lists the placeholder; refuses what is not ours', async () => {
    const bob = await withBackend('bob', async (b) => (await b.handlers['account.create']({ displayName: 'Bob' })).sessionId);
    const alice = await withBackend('alice', async (a) => (await a.handlers['account.create']({ displayName: 'Alice' })).sessionId);
    const sent = await cli('alice', true, 'send', bob, 'india-secret');
    expect(sent.code).toBe(0);
    const id = sent.lines[0]?.id as string;
    // `send` exited after its sync copy was stored: that copy is what unsend deletes from our swarm.
    const syncCopy = swarms.inbox.get(alice)?.map((m) => m.hash);
    expect(syncCopy).toHaveLength(1);
    const poll = (): Promise<unknown> => withBackend('bob', async (b) => b.handlers['sync.pollNow']({}));
    await poll();

    expect(await cli('alice', true, 'unsend', id)).toMatchObject({ code: 0, lines: [{ id, deleted: true }] });
    expect(swarms.deletes).toEqual([{ pubkey: alice, hashes: syncCopy }]);
    // Both requests were stored before the command exited: Bob's swarm has the message and the request, ours the request.
    expect(swarms.inbox.get(bob)).toHaveLength(2);
    expect(swarms.inbox.get(alice)).toHaveLength(1);

    const rows = await cli('alice', true, 'messages', bob);
    expect(rows.lines).toEqual([expect.objectContaining({ id, text: '', deleted: true, direction: 'outgoing' })]);
    const forPeople = await cli('alice', false, 'messages', bob);
    expect(forPeople.stdout).toContain(DELETED_TEXT);
    expect(forPeople.stdout).not.toContain('india-secret');

    // Bob's copy: a placeholder too once he polls; he cannot unsend Alice's message.
    await poll();
    const theirs = await withBackend('bob', async (b) => (await b.handlers['messages.list']({ conversationId: alice }))[0]);
    expect(theirs).toMatchObject({ text: '', deleted: true });
    const refused = await cli('bob', true, 'unsend', theirs?.id as string);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^session-cli: Only your own messages can be deleted for everyone\./);
    const unknown = await cli('alice', true, 'unsend', 'ab'.repeat(16));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^session-cli: No such message\./);
    const usage = await cli('alice', true, 'unsend');
    expect(usage.code).toBe(2);

    // Delete for me prints the same line and sends nothing.
    const other = (await cli('alice', true, 'send', bob, 'juliet')).lines[0]?.id as string;
    const stores = swarms.stores;
    expect(await cli('alice', true, 'delete', other)).toMatchObject({ code: 0, lines: [{ id: other, deleted: true }] });
    expect(swarms.stores).toBe(stores);
    expect((await cli('alice', true, 'messages', bob)).lines.map((r) => r.id)).toEqual([id]);
  });
});
