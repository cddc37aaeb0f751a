// session-cli as a user runs it: ./bin/session-cli in separate processes with --json against an in-process
// devnet on loopback, each account in its own temporary data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import vectors from '../../fixtures/vectors/messaging-vectors.json';
import { buildCli, startCli } from './cliProcess';

jest.setTimeout(60_000);

const SESSION_ID = /^05[0-9a-f]{64}$/;
/** Leading/trailing spaces, emoji with skin tone and ZWJ sequence, RTL marks and override, zero-width characters, a tab and a bell. */
const TEXT = '  Hi Bob 👋🏽 \u200fשלום\u200f \u202eabc\u202c 👩\u200d👩\u200d👧 zero\u200bwidth\u2060joiner\tbell\u0007 ✓  ';
/** The identity vector (spec/messaging.md §1.1, §7.1) doubles as an ONS-registered account. */
const CAROL = vectors.identity_from_recovery_seed[0]!;
const CAROL_ONS = 'carol-cli';

describe('session-cli against the devnet', () => {
  let devnet: Devnet;
  let tmp: string;
  const dirs = { alice: '', bob: '', restored: '', carol: '', fresh: '', badWords: '' };
  let alice: { sessionId: string; mnemonic: string };
  let bob: { sessionId: string; mnemonic: string };
  let sent: { id: string; timestamp: number; status: string };

  function start(dataDir: string, args: string[], input?: string, opts: { seedUrl?: string; env?: Record<string, string> } = {}) {
    return startCli(opts.seedUrl ?? devnet.info.seedUrl, dataDir, args, { ...(input === undefined ? {} : { input }), ...(opts.env ? { env: opts.env } : {}) });
  }
  const cli = (dataDir: string, ...args: string[]) => start(dataDir, args).done;

  beforeAll(async () => {
    buildCli();
    devnet = await startDevnet({ nodes: 12, ons: { [CAROL_ONS]: CAROL.session_id } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-'));
    for (const k of Object.keys(dirs) as Array<keyof typeof dirs>) dirs[k] = path.join(tmp, k);
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates two accounts, printing the recovery password only to stdout', async () => {
    const [a, b] = await Promise.all([cli(dirs.alice, 'create', '--name', 'Alice'), cli(dirs.bob, 'create', '--name', 'Bob')]);
    for (const r of [a, b]) {
      expect(r).toMatchObject({ code: 0 });
      expect(r.lines).toHaveLength(1);
      expect(Object.keys(r.lines[0]!).sort()).toEqual(['mnemonic', 'sessionId']);
      expect(r.lines[0]!.sessionId).toMatch(SESSION_ID);
      expect(String(r.lines[0]!.mnemonic).split(' ')).toHaveLength(13);
      expect(r.stderr).not.toContain(String(r.lines[0]!.mnemonic));
    }
    alice = a.lines[0] as typeof alice;
    bob = b.lines[0] as typeof bob;
    expect(alice.sessionId).not.toBe(bob.sessionId);
  });

  it('whoami shows the Session ID and display name, never the mnemonic', async () => {
    const r = await cli(dirs.alice, 'whoami');
    expect(r).toMatchObject({ code: 0 });
    expect(r.lines).toEqual([{ sessionId: alice.sessionId, displayName: 'Alice' }]);
    expect(r.stdout).not.toContain(alice.mnemonic.split(' ')[0]! + ' ' + alice.mnemonic.split(' ')[1]!);
  });

  it('sends and exits 0 once the message is stored on the recipient swarm', async () => {
    const r = await cli(dirs.alice, 'send', bob.sessionId, TEXT);
    expect(r).toMatchObject({ code: 0 });
    expect(r.lines).toHaveLength(1);
    sent = r.lines[0] as typeof sent;
    expect(sent).toEqual({ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' });
  });

  it('receive --wait prints exactly that message byte-exact, and a second receive prints nothing', async () => {
    const r = await cli(dirs.bob, 'receive', '--wait', '20');
    expect(r).toMatchObject({ code: 0 });
    expect(r.lines).toEqual([{ id: expect.any(String), conversationId: alice.sessionId, sender: alice.sessionId, text: TEXT, timestamp: sent.timestamp }]);
    expect(Buffer.from(r.lines[0]!.text as string, 'utf8').equals(Buffer.from(TEXT, 'utf8'))).toBe(true);

    const again = await cli(dirs.bob, 'receive');
    expect(again).toMatchObject({ code: 0, stdout: '' });
  });

  it('lists the sender as a message request until accepted', async () => {
    const requests = await cli(dirs.bob, 'requests');
    expect(requests).toMatchObject({ code: 0 });
    expect(requests.lines).toEqual([expect.objectContaining({ id: alice.sessionId, isRequest: true })]);

    const accepted = await cli(dirs.bob, 'accept', alice.sessionId);
    expect(accepted).toMatchObject({ code: 0 });
    expect(accepted.lines).toEqual([expect.objectContaining({ id: alice.sessionId, isRequest: false, isApproved: true })]);

    const after = await cli(dirs.bob, 'requests');
    expect(after).toMatchObject({ code: 0, stdout: '' });
  });

  it('conversations and messages show the conversation on both sides, oldest first', async () => {
    // One profile runs one engine at a time: Bob's commands run in turn, Alice's beside them.
    const [[bobConvs, bobMsgs], aliceMsgs] = await Promise.all([
      (async () => [await cli(dirs.bob, 'conversations'), await cli(dirs.bob, 'messages', alice.sessionId)])(),
      cli(dirs.alice, 'messages', bob.sessionId.toUpperCase()),
    ]);
    expect(bobConvs).toMatchObject({ code: 0 });
    expect(bobConvs.lines).toEqual(expect.arrayContaining([expect.objectContaining({ id: alice.sessionId, kind: 'private', isRequest: false })]));
    expect(bobMsgs).toMatchObject({ code: 0 });
    expect(bobMsgs.lines).toEqual([
      expect.objectContaining({ id: expect.any(String), sender: alice.sessionId, text: TEXT, timestamp: sent.timestamp, direction: 'incoming' }),
    ]);
    expect(aliceMsgs).toMatchObject({ code: 0 });
    expect(aliceMsgs.lines).toEqual([
      expect.objectContaining({ id: sent.id, sender: alice.sessionId, text: TEXT, timestamp: sent.timestamp, direction: 'outgoing', status: 'sent' }),
    ]);
  });

  it('path lists onion paths through devnet nodes', async () => {
    const r = await cli(dirs.alice, 'path');
    expect(r).toMatchObject({ code: 0 });
    expect(r.lines.length).toBeGreaterThan(0);
    const known = new Set(devnet.info.nodes.map((n) => `${n.ip}:${n.port}:${n.ed25519}`));
    for (const p of r.lines) {
      const nodes = p.nodes as Array<{ ip: string; port: number; ed25519: string }>;
      expect(nodes.length).toBe(3);
      for (const n of nodes) expect(known.has(`${n.ip}:${n.port}:${n.ed25519}`)).toBe(true);
    }
  });

  it('restore gives the same Session ID (and the vector identity), and sends to an ONS name', async () => {
    const [restored, carol] = await Promise.all([
      cli(dirs.restored, 'restore', alice.mnemonic),
      // The recovery password read from stdin keeps it out of the process list.
      start(dirs.carol, ['restore', '-'], CAROL.mnemonic + '\n').done,
    ]);
    expect(restored).toMatchObject({ code: 0 });
    // The display name comes from the account's profile config, which create pushed (cli.md v2).
    expect(restored.lines).toEqual([{ sessionId: alice.sessionId, displayName: 'Alice' }]);
    expect(carol).toMatchObject({ code: 0 });
    // Nothing on the network for this account and no --name: no name (and a warning saying how to set one).
    expect(carol.lines).toEqual([{ sessionId: CAROL.session_id, displayName: null }]);
    expect(carol.stderr).toMatch(/warning: no display name arrived from the network/);

    const toOns = await cli(dirs.bob, 'send', CAROL_ONS, 'hello carol');
    expect(toOns).toMatchObject({ code: 0 });
    expect(toOns.lines).toEqual([{ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' }]);
    const got = await cli(dirs.carol, 'receive', '--wait', '20');
    expect(got.lines).toEqual([{ id: expect.any(String), conversationId: bob.sessionId, sender: bob.sessionId, text: 'hello carol', timestamp: toOns.lines[0]!.timestamp }]);
  });

  it('note-to-self is stored as outgoing, and receive never prints our own messages or their sync copies', async () => {
    const nts = await cli(dirs.alice, 'send', alice.sessionId, 'note to self');
    expect(nts).toMatchObject({ code: 0 });
    expect(nts.lines).toEqual([{ id: expect.any(String), timestamp: expect.any(Number), status: 'sent' }]);
    const own = await cli(dirs.alice, 'receive');
    expect(own).toMatchObject({ code: 0, stdout: '' });
    const notes = await cli(dirs.alice, 'messages', alice.sessionId);
    expect(notes.lines).toEqual([expect.objectContaining({ text: 'note to self', direction: 'outgoing', timestamp: nts.lines[0]!.timestamp })]);
  });

  it('decline deletes a message request and delete removes one message, on this device only', async () => {
    // Carol got "hello carol" from Bob as a request (above).
    const declined = await cli(dirs.carol, 'decline', bob.sessionId);
    expect(declined).toMatchObject({ code: 0 });
    expect(declined.lines).toEqual([{ id: bob.sessionId, declined: true }]);
    expect(await cli(dirs.carol, 'requests')).toMatchObject({ code: 0, stdout: '' });
    expect(await cli(dirs.carol, 'messages', bob.sessionId)).toMatchObject({ code: 0, stdout: '' });
    expect(await cli(dirs.carol, 'receive')).toMatchObject({ code: 0, stdout: '' });

    const [note] = (await cli(dirs.alice, 'messages', alice.sessionId)).lines;
    const deleted = await cli(dirs.alice, 'delete', String(note!.id));
    expect(deleted).toMatchObject({ code: 0 });
    expect(deleted.lines).toEqual([{ id: note!.id, deleted: true }]);
    expect(await cli(dirs.alice, 'messages', alice.sessionId)).toMatchObject({ code: 0, stdout: '' });
    const again = await cli(dirs.alice, 'delete', String(note!.id));
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toMatch(/^session-cli: No message with id/);
  });

  it('rejects bad input with a clear message, the right exit code and no stack trace', async () => {
    const [badId, badWords, unknown, missing, noAccount] = await Promise.all([
      cli(dirs.alice, 'send', '05' + 'z'.repeat(64), 'hi'),
      cli(dirs.badWords, 'restore', 'these are not thirteen valid recovery words at all so no'),
      cli(dirs.alice, 'frobnicate'),
      cli(dirs.alice, 'send', bob.sessionId),
      cli(dirs.fresh, 'whoami'),
    ]);
    for (const r of [badId, badWords, unknown, missing, noAccount]) {
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^session-cli: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/Invalid Session ID/);
    expect(badWords.code).not.toBe(0);
    expect(badWords.stderr).toMatch(/recovery password|mnemonic|word/i);
    expect(badWords.stderr).not.toMatch(/thirteen/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing argument for "send"/);
    expect(noAccount.code).toBe(1);
    expect(noAccount.stderr).toMatch(/no account yet/);
  });

  it('reports an unreachable network: a failed send exits 1 with the reason, an unconfirmed one stays queued', async () => {
    // Port 9 (discard) on loopback: nothing answers there.
    const offline = { seedUrl: 'http://127.0.0.1:9/', env: { SESSION_CLI_WAIT_MS: '3000' } };
    const failing = { seedUrl: offline.seedUrl, env: { SESSION_CLI_WAIT_MS: '30000', SESSION_CLI_SEND_ATTEMPTS: '1' } };
    const created = await Promise.all([
      start(dirs.fresh, ['create', '--name', 'Offline'], undefined, offline).done,
      start(dirs.fresh, ['--profile', 'failing', 'create', '--name', 'Failing'], undefined, offline).done,
    ]);
    // The accounts exist (the recovery password is printed), but their profiles could not be pushed for
    // other devices: exit 1, the push stays queued (the delivery rule of cli.md v2).
    for (const r of created) {
      expect(r.lines).toEqual([{ sessionId: expect.stringMatching(SESSION_ID), mnemonic: expect.any(String) }]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^session-cli: 1 follow-up store\(s\) .* were not confirmed in time/m);
    }
    const [pending, failed] = await Promise.all([
      start(dirs.fresh, ['send', alice.sessionId, 'queued'], undefined, offline).done,
      start(dirs.fresh, ['--profile', 'failing', 'send', alice.sessionId, 'doomed'], undefined, failing).done,
    ]);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toBe('');
    expect(pending.stderr).toMatch(/^session-cli: The message was not confirmed within 3 s\. It stays queued/);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^session-cli: Sending failed: .+/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);

    const listed = await start(dirs.fresh, ['messages', alice.sessionId], undefined, offline).done;
    expect(listed.lines).toEqual([expect.objectContaining({ text: 'queued', direction: 'outgoing' })]);
    expect(listed.lines[0]!.status).not.toBe('sent');
  });

  it('refuses a second CLI on a profile in use, naming the holder; SIGINT releases it with exit 130', async () => {
    const holder = start(dirs.bob, ['receive', '--wait', '60']);
    const lockDir = path.join(dirs.bob, fs.readdirSync(dirs.bob).find((d) => d.startsWith('custom-'))!, 'default');
    const lockFile = path.join(lockDir, 'session.lock');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(lockFile) || !fs.readFileSync(lockFile, 'utf8').includes(`"pid":${holder.child.pid}`)) {
      if (Date.now() > deadline) throw new Error('the first CLI never took the profile lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await cli(dirs.bob, 'whoami');
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(new RegExp(`already in use by the session-cli with pid ${holder.child.pid}`));

    holder.child.kill('SIGINT');
    const first = await holder.done;
    expect(first.code).toBe(130);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect((await cli(dirs.bob, 'whoami')).code).toBe(0);
  });
});
