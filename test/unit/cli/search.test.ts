// `search QUERY [--limit N]` run by the CLI against a real backend (encrypted database, in-memory network):
// the JSON lines of spec/cli.md newest first, the limit, a readable table, and usage errors (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type BackendOptions } from '../../../ts/backend';
import { silentLogger } from '../../../ts/backend/log';
import { parseArgs, UsageError } from '../../../ts/cli/args';
import { runCli, type CliIo } from '../../../ts/cli/run';
import { FakeSwarms } from '../backend/engine/fakeNetwork';

describe('session-cli search', () => {
  let root: string;
  let swarms: FakeSwarms;
  const engine = (): NonNullable<BackendOptions['engine']> => ({ pollIntervalMs: 60_000, createNetwork: () => swarms.network() });

  const cli = async (json: boolean, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      openBackend: (o) => openBackend({ ...o, logger: silentLogger, engine: engine() }),
      createLogger: () => silentLogger,
      appVersion: '0.0.0',
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      readStdin: async () => '',
      onSignal: () => () => undefined,
    };
    const code = await runCli([...(json ? ['--json'] : []), '--data-dir', root, '--profile', 'alice', ...argv], io);
    const text = out.join('');
    return { code, text, lines: json ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) : [], stderr: err.join('') };
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-search-'));
    swarms = new FakeSwarms();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints one line per hit, newest first, with the plain-text snippet; --limit bounds them', async () => {
    const peer = `05${'cd'.repeat(32)}`;
    const sent = await (async () => {
      const b = await openBackend({ dataDir: root, profile: 'alice', host: 'cli', appVersion: '0.0.0', logger: silentLogger, engine: engine() });
      try {
        const me = (await b.handlers['account.create']({ displayName: 'Alice' })).sessionId;
        const texts = ['Pancakes for breakfast?', 'no thanks', 'Then <b>pancake</b> dinner, with syrup and a very long tail of words after it to cut'];
        const out = [];
        for (const text of texts) out.push({ me, ...(await b.handlers['messages.send']({ to: peer, text })) });
        return out;
      } finally {
        await b.close();
      }
    })();
    const [first, , third] = sent;

    const r = await cli(true, 'search', 'PANCAKE');
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      {
        id: third!.id,
        conversationId: peer,
        sender: third!.me,
        timestamp: third!.timestamp,
        text: 'Then <b>pancake</b> dinner, with syrup and a very long tail of words after it to cut',
        snippet: 'Then <b>pancake</b> dinner, with syrup and a very long tail of words after…',
      },
      { id: first!.id, conversationId: peer, sender: first!.me, timestamp: first!.timestamp, text: 'Pancakes for breakfast?', snippet: 'Pancakes for breakfast?' },
    ]);
    expect(Object.keys(r.lines[0] as object)).toEqual(['id', 'conversationId', 'sender', 'timestamp', 'text', 'snippet']);

    expect((await cli(true, 'search', 'pancake', '--limit', '1')).lines).toEqual([expect.objectContaining({ id: third!.id })]);
    // Unquoted words are one query (all of them must occur).
    expect((await cli(true, 'search', 'pancake', 'breakfast')).lines).toEqual([expect.objectContaining({ id: first!.id })]);
    // Words that match nothing, or no words at all: no lines, exit 0.
    expect(await cli(true, 'search', 'waffle')).toMatchObject({ code: 0, lines: [] });
    expect(await cli(true, 'search', '--', '"*-NEAR(')).toMatchObject({ code: 0, lines: [] });

    // For people: a table with the matched words marked.
    const human = await cli(false, 'search', 'pancake');
    expect(human.code).toBe(0);
    expect(human.text).toMatch(/\[Pancakes\] for breakfast\?/);
    expect(human.text).toMatch(/Then <b>\[pancake\]<\/b> dinner/);
    expect((await cli(false, 'search', 'waffle')).text).toMatch(/No messages found\./);
  });

  it('refuses a bad --limit or a missing query with a usage error (exit 2)', async () => {
    for (const bad of ['0', '501', 'ten', '1.5', '-3', '']) {
      const r = await cli(true, 'search', 'x', `--limit=${bad}`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^session-cli: Invalid --limit/);
    }
    expect((await cli(true, 'search')).stderr).toMatch(/^session-cli: Missing argument for "search"/);
    expect((await cli(true, 'search', '   ')).code).toBe(2);
    expect((await cli(true, 'search', 'x'.repeat(501))).stderr).toMatch(/too long/);
    expect((await cli(true, 'messages', `05${'cd'.repeat(32)}`, '--limit', '3')).stderr).toMatch(/Option --limit does not apply to "messages"/);
    expect(parseArgs(['search', 'a', 'b', '--limit', '500']).command).toEqual({ name: 'search', query: 'a b', limit: 500 });
    expect(() => parseArgs(['search', 'a', '--limit', '7', '--limit', '8'])).toThrow(UsageError);
  });
});
