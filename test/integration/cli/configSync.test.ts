// Config sync through session-cli (contract v2, "Profile, contacts and multi-device"), every command its own
// process on one devnet. Device A creates the account, sets its name, writes to a contact, reads the reply,
// pins the conversation and blocks someone; device B restores from the same recovery password (its own
// data dir) and `whoami`, `contacts` and `conversations` show the same name, contacts, pin, block and read
// state; changes on B (nickname, unpin, mark unread, a synced setting) reach A with one `receive`. Each
// command exits only once its config push is stored (the delivery rule), so no step waits or retries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import vectors from '../../fixtures/vectors/messaging-vectors.json';
import { buildCli, startCli, type CliRun } from './cliProcess';

jest.setTimeout(240_000);

/** An account nobody created on this devnet: its swarm holds no configs. */
const UNKNOWN = vectors.identity_from_recovery_seed[0]!;

type Row = Record<string, unknown>;

describe('session-cli config sync between two devices (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  const dir = (name: string) => path.join(tmp, name);

  const cli = (dataDir: string, args: string[], input?: string): Promise<CliRun> =>
    startCli(devnet.info.seedUrl, dataDir, args, input === undefined ? {} : { input }).done;

  /** Runs a command that must succeed; its JSON lines. */
  const ok = async (dataDir: string, ...args: string[]): Promise<Row[]> => {
    const r = await cli(dataDir, args);
    if (r.code !== 0) throw new Error(`session-cli ${args[0]} exited ${r.code}: ${r.stderr.trim()}`);
    return r.lines;
  };
  const one = async (dataDir: string, ...args: string[]): Promise<Row> => {
    const lines = await ok(dataDir, ...args);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };
  const rowOf = (rows: Row[], key: string, id: string): Row | undefined => rows.find((r) => r[key] === id);

  beforeAll(async () => {
    buildCli();
    devnet = await startDevnet({ nodes: 12 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-config-'));
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('A’s name, contacts, pin, block and read state reach a restored B; B’s changes reach A', async () => {
    const [a, x, s] = await Promise.all([
      one(dir('a'), 'create', '--name', 'Alice'),
      one(dir('x'), 'create', '--name', 'Xavier'),
      one(dir('s'), 'create', '--name', 'Stranger'),
    ]);
    const A = String(a.sessionId);
    const X = String(x.sessionId);
    const S = String(s.sessionId);

    // --- device A ---
    expect(await one(dir('a'), 'name', 'Alice Two')).toEqual({ sessionId: A, displayName: 'Alice Two' });
    await one(dir('a'), 'send', X, 'hello Xavier');
    expect((await ok(dir('x'), 'receive', '--wait', '20')).map((m) => m.text)).toEqual(['hello Xavier']);
    const reply = await one(dir('x'), 'send', A, 'hi Alice');
    const got = await ok(dir('a'), 'receive', '--wait', '20');
    expect(got).toEqual([expect.objectContaining({ conversationId: X, sender: X, text: 'hi Alice', timestamp: reply.timestamp })]);
    expect(rowOf(await ok(dir('a'), 'conversations'), 'id', X)).toMatchObject({ unreadCount: 1, pinned: false });

    const read = await one(dir('a'), 'read', X);
    expect(read).toMatchObject({ id: X, unreadCount: 0, lastReadTimestamp: expect.any(Number) });
    expect(read.lastReadTimestamp as number).toBeGreaterThanOrEqual(reply.timestamp as number);
    expect(await one(dir('a'), 'pin', X)).toMatchObject({ id: X, pinned: true, unreadCount: 0, lastReadTimestamp: read.lastReadTimestamp });
    expect(await one(dir('a'), 'block', S)).toEqual({ sessionId: S, name: null, nickname: null, approved: false, approvedMe: false, blocked: true, avatarPath: null });

    // A blocked sender's message is stored on A's swarm but dropped on receipt.
    await one(dir('s'), 'send', A, 'let me in');
    expect(await cli(dir('a'), ['receive', '--wait', '3'])).toMatchObject({ code: 0, stdout: '' });

    const contactsA = await ok(dir('a'), 'contacts');
    expect(rowOf(contactsA, 'sessionId', X)).toEqual({ sessionId: X, name: 'Xavier', nickname: null, approved: true, approvedMe: true, blocked: false, avatarPath: null });
    expect(rowOf(contactsA, 'sessionId', S)).toMatchObject({ blocked: true });
    const convA = rowOf(await ok(dir('a'), 'conversations'), 'id', X)!;
    expect(convA).toMatchObject({ name: 'Xavier', pinned: true, unreadCount: 0, lastReadTimestamp: read.lastReadTimestamp, markedUnread: false });

    // --- device B: the same account from its recovery password (through stdin, kept out of argv) ---
    const mnemonic = String(a.mnemonic);
    const restored = await cli(dir('b'), ['restore', '-', '--name', 'Typed fallback'], mnemonic + '\n');
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.lines).toEqual([{ sessionId: A, displayName: 'Alice Two' }]);
    expect(restored.stderr).not.toContain(mnemonic.split(' ').slice(0, 3).join(' '));
    expect(await one(dir('b'), 'whoami')).toEqual({ sessionId: A, displayName: 'Alice Two' });

    // B fetches the account's messages too: Xavier's reply, never the blocked sender's.
    const onB = await ok(dir('b'), 'receive', '--wait', '20');
    expect(onB.map((m) => [m.sender, m.text])).toEqual([[X, 'hi Alice']]);

    const contactsB = await ok(dir('b'), 'contacts');
    expect(rowOf(contactsB, 'sessionId', X)).toEqual(rowOf(contactsA, 'sessionId', X));
    expect(rowOf(contactsB, 'sessionId', S)).toMatchObject({ sessionId: S, blocked: true });
    const convB = rowOf(await ok(dir('b'), 'conversations'), 'id', X);
    expect(convB).toMatchObject({ name: 'Xavier', pinned: true, unreadCount: 0, lastReadTimestamp: read.lastReadTimestamp, markedUnread: false, isApproved: true });

    // --- changes on B reach A ---
    expect(await one(dir('b'), 'nickname', X, 'Buddy')).toMatchObject({ sessionId: X, name: 'Xavier', nickname: 'Buddy' });
    expect(await one(dir('b'), 'unpin', X)).toMatchObject({ id: X, pinned: false });
    expect(await one(dir('b'), 'mark-unread', X)).toMatchObject({ id: X, markedUnread: true });
    expect(await one(dir('b'), 'set', 'community-message-requests', 'on')).toEqual({ key: 'community-message-requests', value: 'on' });

    expect(await cli(dir('a'), ['receive'])).toMatchObject({ code: 0 });
    expect(rowOf(await ok(dir('a'), 'contacts'), 'sessionId', X)).toMatchObject({ name: 'Xavier', nickname: 'Buddy', blocked: false });
    expect(rowOf(await ok(dir('a'), 'conversations'), 'id', X)).toMatchObject({ name: 'Buddy', pinned: false, markedUnread: true });
    expect(await one(dir('a'), 'get', 'community-message-requests')).toEqual({ key: 'community-message-requests', value: 'on' });
    // B's restore pushed no fallback name over the one A set.
    expect(await one(dir('a'), 'whoami')).toEqual({ sessionId: A, displayName: 'Alice Two' });

    // --- and back: unblock and nickname --clear on A reach B ---
    expect(await one(dir('a'), 'unblock', S)).toMatchObject({ sessionId: S, blocked: false });
    expect(await one(dir('a'), 'nickname', X, '--clear')).toMatchObject({ sessionId: X, nickname: null });
    expect(await cli(dir('b'), ['receive'])).toMatchObject({ code: 0 });
    const contactsB2 = await ok(dir('b'), 'contacts');
    expect(rowOf(contactsB2, 'sessionId', X)).toMatchObject({ nickname: null, name: 'Xavier' });
    expect(rowOf(contactsB2, 'sessionId', S)?.blocked ?? false).toBe(false);
  });

  it('restore of an account with no profile on the network takes --name, and pushes it for the next device', async () => {
    // The swarm answers (with no configs at all), so the restore need not wait the full 15 s to know.
    const r = await cli(dir('unknown'), ['restore', UNKNOWN.mnemonic, '--name', 'Fallback']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.lines).toEqual([{ sessionId: UNKNOWN.session_id, displayName: 'Fallback' }]);
    expect(await one(dir('unknown'), 'whoami')).toEqual({ sessionId: UNKNOWN.session_id, displayName: 'Fallback' });
    // The fallback was pushed once the (empty) swarm was merged: a second device now finds it.
    const second = await cli(dir('unknown-2'), ['restore', UNKNOWN.mnemonic]);
    expect(second).toMatchObject({ code: 0 });
    expect(second.lines).toEqual([{ sessionId: UNKNOWN.session_id, displayName: 'Fallback' }]);
  });
});
