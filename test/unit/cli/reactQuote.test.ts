// `react`, `unreact` and `send --quote` run by the CLI against real backends (encrypted databases, an in-memory
// network): the JSON lines of spec/cli.md ("Rich messages"), the rows' `quote` and `reactions` fields, and clear
// errors for what cannot be reacted to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type BackendOptions } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { withQuoteAndReactions } from '../../../ts/cli/commands/richRows';
import { runCli, type CliIo } from '../../../ts/cli/run';
import { FakeSwarms } from '../backend/engine/fakeNetwork';

describe('session-cli react, unreact and send --quote', () => {
  let root: string;
  let swarms: FakeSwarms;
  const engine: BackendOptions['engine'] = { pollIntervalMs: 60_000, createNetwork: () => swarms.network() };

  /** Runs the CLI on `profile`; returns its exit code, JSON lines and stderr. */
  const cli = async (profile: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      openBackend: (o) => openBackend({ ...o, logger: silentLogger, engine: engine! }),
      createLogger: () => silentLogger,
      appVersion: '0.0.0',
      now: Date.now,
      sleep: (ms, signal) =>
        new Promise((r) => {
          const t = setTimeout(r, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(t);
            r(undefined);
          });
        }),
      readStdin: async () => '',
      onSignal: () => () => undefined,
    };
    const code = await runCli(['--json', '--data-dir', root, '--profile', profile, ...argv], io);
    return { code, lines: out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: err.join('') };
  };
  const ok = async (profile: string, ...argv: string[]) => {
    const r = await cli(profile, ...argv);
    expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: '' });
    return r.lines;
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-react-'));
    swarms = new FakeSwarms();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('replies with a quote, reacts and unreacts; rows carry quote and reactions', async () => {
    const [{ sessionId: alice }] = (await ok('alice', 'create', '--name', 'Alice')) as [{ sessionId: string }];
    const [{ sessionId: bob }] = (await ok('bob', 'create', '--name', 'Bob')) as [{ sessionId: string }];
    const [sent] = await ok('alice', 'send', bob as string, 'hello');
    const [received] = await ok('bob', 'receive');
    expect(received).toMatchObject({ sender: alice, text: 'hello', timestamp: sent?.timestamp });
    expect(received).not.toHaveProperty('quote');
    expect(received).not.toHaveProperty('reactions');

    // The reply quotes Alice's message; it waits for the message, its sync copy and (replying accepts Alice's
    // request) the request response, like any send.
    const before = swarms.stores;
    const [reply] = await ok('bob', 'send', alice as string, 'hello to you', '--quote', received?.id as string);
    expect(Object.keys(reply ?? {}).sort()).toEqual(['id', 'status', 'timestamp']);
    expect(swarms.stores).toBe(before + 3);

    // react: exits once the reaction and its sync copy are stored; prints the message's reactions.
    const beforeReact = swarms.stores;
    expect(await ok('bob', 'react', received?.id as string, '👍')).toEqual([{ id: received?.id, reactions: [{ emoji: '👍', count: 1, senders: [bob] }] }]);
    expect(swarms.stores).toBe(beforeReact + 2);

    const [quoted] = await ok('alice', 'receive');
    expect(quoted).toMatchObject({ text: 'hello to you', quote: { timestamp: sent?.timestamp, author: alice, text: 'hello' } });
    const rows = await ok('alice', 'messages', bob as string);
    expect(rows.find((r) => r.id === sent?.id)).toMatchObject({ text: 'hello', reactions: [{ emoji: '👍', count: 1, senders: [bob] }] });

    // unreact: the list is empty after; the row has no reactions field any more.
    expect(await ok('bob', 'unreact', received?.id as string, '👍')).toEqual([{ id: received?.id, reactions: [] }]);
    await ok('alice', 'receive');
    expect((await ok('alice', 'messages', bob as string)).find((r) => r.id === sent?.id)).not.toHaveProperty('reactions');

    // A quote of a message we no longer have: text null.
    await ok('alice', 'delete', sent?.id as string);
    expect((await ok('alice', 'messages', bob as string)).find((r) => r.text === 'hello to you')).toMatchObject({
      quote: { timestamp: sent?.timestamp, author: alice, text: null },
    });
  });

  it('refuses a bad emoji (usage), an unknown message, and reacting to a message request not accepted', async () => {
    const [{ sessionId: bob }] = (await ok('bob', 'create', '--name', 'Bob')) as [{ sessionId: string }];
    await ok('alice', 'create', '--name', 'Alice');
    await ok('alice', 'send', bob as string, 'a request');
    const [request] = await ok('bob', 'receive');

    const bad = await cli('bob', 'react', request?.id as string, 'ok');
    expect(bad).toMatchObject({ code: 2, lines: [] });
    expect(bad.stderr).toMatch(/^session-cli: Choose one emoji to react with\./);
    const unknown = await cli('bob', 'react', 'ab'.repeat(16), '👍');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^session-cli: No such message\./);
    const notAccepted = await cli('bob', 'react', request?.id as string, '👍');
    expect(notAccepted.code).toBe(2);
    expect(notAccepted.stderr).toMatch(/^session-cli: Accept this message request to react to its messages\./);
  });

  it('shows people the quote before the text and the reactions after it', () => {
    const base = { id: 'm', conversationId: `05${'a'.repeat(64)}`, sender: `05${'b'.repeat(64)}`, direction: 'incoming' as const, text: 'sure', timestamp: 2, receivedAt: 3, status: 'received' as const };
    const quote = { author: `05${'c'.repeat(64)}`, timestamp: 1 };
    const reactions = [
      { emoji: '👍', count: 2, senders: ['x', 'y'], mine: false },
      { emoji: '❤️', count: 1, senders: ['x'], mine: true },
    ];
    expect(withQuoteAndReactions({ ...base, quote: { ...quote, messageId: 'q', text: 'shall we meet at the station at nine tomorrow morning?' }, reactions }, 'sure')).toBe(
      '[reply to 05cccccc…: "shall we meet at the station at nine to…"] sure [👍 2  ❤️ 1]',
    );
    expect(withQuoteAndReactions({ ...base, quote }, 'sure')).toBe('[reply to a message not found] sure');
    expect(withQuoteAndReactions(base, 'sure')).toBe('sure');
  });
});
