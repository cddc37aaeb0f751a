// The delivery rule of CLI contract v2 against a devnet: `send`, run as its own process, exits only once
// the sync copy for our other devices is stored too, so our own swarm holds it the moment the process is
// gone; `accept` exits once the request response is on the requester's swarm; and `react` exits once the
// reaction is on the peer's swarm and its sync copy on ours (with `send --quote` and the rows' quote and
// row's quote on the way; test/unit/cli/reactQuote.test.ts covers the rows' reactions and unreact).
// The web host keeps the same promise on quit: its process, sent SIGTERM right after a send, waits
// (bounded, logged) for the sync copy before it closes the profile and exits. At the end, the debug logs all these runs wrote are searched
// for the accounts' secrets and message texts (test/support/logHygiene.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { decode1o1Message, decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol, type Identity } from '../../../ts/protocol';
import { WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH } from '../../../ts/ipc/wire';
import { waitUntil } from '../../support/until';
import { buildIfStale, ROOT } from '../build';
import { findLogLeaks, needlesOf, type LoggedAccount } from '../../support/logHygiene';
import { buildCli, startCli, type CliRun } from './cliProcess';

jest.setTimeout(90_000);

const WEB_BUNDLE = path.join(ROOT, 'build', 'web', 'web.js');
const until = <T>(what: string, fn: () => T | undefined | false): Promise<T> => waitUntil(what, fn, 30_000, 25);


describe('session-cli delivery of follow-ups (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  let http: HttpClient;
  let reader: SessionNetwork;

  const cli = (dataDir: string, ...args: string[]): Promise<CliRun> => startCli(devnet.info.seedUrl, dataDir, args).done;

  /** Every account of the file, for the log search at its end. */
  const accounts: LoggedAccount[] = [];
  /** Every message text sent in the file. */
  const texts: string[] = [];

  const create = async (dir: string, name: string): Promise<Identity> => {
    const r = await cli(dir, 'create', '--name', name);
    expect(r).toMatchObject({ code: 0 });
    accounts.push({ name, mnemonic: String(r.lines[0]!.mnemonic), profileDir: dir, texts });
    const seed = decodeRecoveryPassword(r.lines[0]!.mnemonic);
    if (!seed.ok) throw new Error(seed.error.message);
    return identityFromRecoverySeed(seed.value);
  };

  /** Everything in namespace 0 of `who`'s swarm, decrypted with its keys, through a client of our own (signed retrieve). */
  const swarmContents = async (who: Identity) => {
    const result = await reader.retrieve(who.sessionId, [0], () => undefined, { signer: { pubkey: who.sessionId, ed25519: who.ed25519 } });
    return (result.merged.get(0) ?? []).map((m) => {
      const d = decode1o1Message(who, m.data);
      if (!d.ok) throw new Error(d.error.message);
      return d.value;
    });
  };

  beforeAll(async () => {
    await loadProtocol();
    buildCli();
    buildIfStale(WEB_BUNDLE, ['ts']);
    devnet = await startDevnet({ nodes: 12 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-delivery-'));
    http = createHttpClient();
    reader = new SessionNetwork({ config: await loadCustomNetwork(devnet.info.seedUrl, http), store: new MemoryNetworkStore(), http });
    reader.start();
    await reader.ready();
  }, 120_000);

  afterAll(async () => {
    reader?.stop();
    http?.close();
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('send exits only after the sync copy is on our own swarm', async () => {
    const [alice, bob] = await Promise.all([create(path.join(tmp, 'alice'), 'Alice'), create(path.join(tmp, 'bob'), 'Bob')]);
    texts.push('for every device', 'hello Dave', 'react to this', 'reacting', 'sent just before quitting');
    const sent = await cli(path.join(tmp, 'alice'), 'send', bob.sessionId, 'for every device');
    expect(sent).toMatchObject({ code: 0 });
    expect(sent.lines).toEqual([{ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' }]);

    // Read right after the process ended: no waiting, no retries.
    const own = await swarmContents(alice);
    expect(own.map((m) => [m.senderSessionId, m.syncTarget, m.timestampMs, m.content.dataMessage?.body])).toEqual([
      [alice.sessionId, bob.sessionId, sent.lines[0]!.timestamp, 'for every device'],
    ]);
  });

  it('accept exits only after the request response is on the requester\'s swarm', async () => {
    const [carol, dave] = await Promise.all([create(path.join(tmp, 'carol'), 'Carol'), create(path.join(tmp, 'dave'), 'Dave')]);
    expect(await cli(path.join(tmp, 'carol'), 'send', dave.sessionId, 'hello Dave')).toMatchObject({ code: 0 });
    const got = await cli(path.join(tmp, 'dave'), 'receive', '--wait', '20');
    expect(got.lines.map((l) => l.text)).toEqual(['hello Dave']);
    const accepted = await cli(path.join(tmp, 'dave'), 'accept', carol.sessionId);
    expect(accepted).toMatchObject({ code: 0 });
    const atCarol = await swarmContents(carol);
    expect(atCarol.filter((m) => m.senderSessionId === dave.sessionId).map((m) => m.content.messageRequestResponse?.isApproved)).toEqual([true]);
  });

  // --- reactions, quotes (begin) ---
  it('react exits only after the reaction is on the peer\'s swarm and its sync copy on ours; send --quote and the rows', async () => {
    const [erin, frank] = await Promise.all([create(path.join(tmp, 'erin'), 'Erin'), create(path.join(tmp, 'frank'), 'Frank')]);
    const sent = await cli(path.join(tmp, 'erin'), 'send', frank.sessionId, 'react to this');
    expect(sent).toMatchObject({ code: 0 });
    const got = await cli(path.join(tmp, 'frank'), 'receive', '--wait', '20');
    const theirs = got.lines[0]!;
    const reply = await cli(path.join(tmp, 'frank'), 'send', erin.sessionId, 'reacting', '--quote', String(theirs.id));
    expect(reply.lines).toEqual([{ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' }]);

    const reacted = await cli(path.join(tmp, 'frank'), 'react', String(theirs.id), '👍');
    expect(reacted).toMatchObject({ code: 0, lines: [{ id: theirs.id, reactions: [{ emoji: '👍', count: 1, senders: [frank.sessionId] }] }] });
    // Read right after the process ended: the reaction for Erin, and its sync copy for Frank's other devices.
    const reaction = (m: { content: { dataMessage?: { reaction?: unknown } | null } }) => m.content.dataMessage?.reaction;
    const atErin = (await swarmContents(erin)).filter((m) => m.senderSessionId === frank.sessionId && reaction(m));
    expect(atErin.map((m) => reaction(m))).toEqual([expect.objectContaining({ id: sent.lines[0]!.timestamp, author: erin.sessionId, emoji: '👍' })]);
    const own = (await swarmContents(frank)).filter((m) => reaction(m));
    expect(own.map((m) => [m.syncTarget, m.timestampMs])).toEqual([[erin.sessionId, atErin[0]!.timestampMs]]);

    const rows = await cli(path.join(tmp, 'erin'), 'receive');
    expect(rows.lines).toEqual([expect.objectContaining({ text: 'reacting', quote: { timestamp: sent.lines[0]!.timestamp, author: erin.sessionId, text: 'react to this' } })]);
  });
  // --- reactions, quotes (end) ---

  it('the web host process, sent SIGTERM right after a send, exits only once the sync copy is on our own swarm, logging the wait', async () => {
    const bob = await create(path.join(tmp, 'bob-web'), 'Bob');
    const proc = spawn(process.execPath, [WEB_BUNDLE, '--data-dir', path.join(tmp, 'gina'), '--seed', devnet.info.seedUrl], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      const url = new URL(await until('the web host URL', () => /Session web host: (\S+)/.exec(stdout)?.[1]));
      // The page's own channel: the token, and the page's Origin.
      const ws = new WebSocket(`ws://${url.host}${WS_PATH}?${TOKEN_PARAM}=${url.searchParams.get(TOKEN_PARAM)}`, { origin: url.origin });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const answers = new Map<number, (r: { ok: boolean; result?: unknown; error?: unknown }) => void>();
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { id?: number; ok: boolean };
        if (typeof m.id === 'number') answers.get(m.id)?.(m);
      });
      let nextId = 1;
      const call = async <T>(method: string, params: unknown): Promise<T> => {
        const id = nextId++;
        const answer = new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((resolve) => answers.set(id, resolve));
        ws.send(JSON.stringify({ id, method, params }));
        const r = await answer;
        if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
        return r.result as T;
      };
      const { mnemonic } = await call<{ mnemonic: string }>('account.create', { displayName: 'Gina' });
      const seed = decodeRecoveryPassword(mnemonic);
      if (!seed.ok) throw new Error(seed.error.message);
      const gina = identityFromRecoverySeed(seed.value);
      const sent = await call<{ timestamp: number }>('messages.send', { to: bob.sessionId, text: 'sent just before quitting' });
      const profileDir = (await call<{ dataDir: string }>('app.getInfo', {})).dataDir;
      accounts.push({ name: 'Gina', mnemonic, profileDir, texts });
      // As Ctrl-C does: the first paths are still being built, nothing is stored yet.
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      ws.terminate();

      // Read right after the process ended: no waiting, no retries.
      const own = await swarmContents(gina);
      expect(own.filter((m) => m.syncTarget === bob.sessionId).map((m) => [m.timestampMs, m.content.dataMessage?.body])).toEqual([[sent.timestamp, 'sent just before quitting']]);
      expect(stderr).toMatch(/web host: SIGTERM, closing \(queued stores get up to 10 s; a second SIGTERM ends at once\)/);
      expect(stderr).toMatch(/shutdown: waiting up to 10 s for \d+ queued store\(s\)/);
      expect(stderr.indexOf('shutdown: every queued store went out')).toBeGreaterThan(-1);
      expect(stderr.indexOf('shutdown: every queued store went out')).toBeLessThan(stderr.indexOf('backend: closed'));
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });

  it('no debug log of these runs holds a recovery password, seed, key, database key, message text or full Session ID', async () => {
    // The CLI's profiles lie below the data folder it was given: the database key file is found there.
    const profileOf = (dir: string): string => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.name === 'db.key') return e.parentPath;
      return dir;
    };
    const needles = (await Promise.all(accounts.map((a) => needlesOf({ ...a, profileDir: profileOf(a.profileDir) })))).flat();
    expect(needles.filter((n) => n.label === 'database key').length).toBe(accounts.length);
    const { files, bytes, leaks } = findLogLeaks(tmp, needles);
    // Every account's profile wrote its log, and the logs say something (the search is not over empty files).
    expect(files.length).toBeGreaterThanOrEqual(accounts.length);
    expect(bytes).toBeGreaterThan(1000);
    expect(leaks).toEqual([]);

    // The search finds what it looks for: a planted line with a message text and an upper-case key.
    const planted = fs.mkdtempSync(path.join(tmp, 'planted-'));
    const key = needles.find((n) => n.label === 'X25519 secret key (hex)')!.value;
    fs.writeFileSync(path.join(planted, 'debug.log'), `INFO sent "${texts[0]}" with ${key.toUpperCase()}\n`);
    expect(findLogLeaks(planted, needles).leaks.sort()).toEqual(['debug.log: X25519 secret key (hex)', 'debug.log: a message text']);
  });
});
