// Disappearing messages between two accounts on a devnet, through the backend's handlers (spec messaging
// §6.12): a timer set by Alice changes Bob's setting and shows him the control message, and reaches Alice's
// other device (restored from the recovery password) through her config; a 10 s after-send message is gone
// from both databases and from the full-text index 10-15 s after sending, although Bob's backend is closed
// and reopened in the middle; an after-read message starts its timer when Bob reads it, and Bob's swarm copy
// is shortened to the same end.
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import path from 'node:path';
import type { Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import type { EngineNetwork } from '../../../ts/backend/services/engineNetwork';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { ConversationSummary, MessageView } from '../../../ts/ipc/contract';
import { SessionNetwork } from '../../../ts/network';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(240_000);

const FAST = { configPushDelayMs: 0, restoreWaitMs: 20_000, expiryIntervalMs: 200 };

/** Expire requests Bob's backends make, with each swarm member's (signature-checked) answer. */
const expireCalls: { hashes: string[]; expiryMs: number; mode: string; results: { ok: boolean; updated?: string[] }[] }[] = [];
function tappedFactory(args: NetworkFactoryArgs): EngineNetwork {
  const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
  const engineNet: EngineNetwork = net;
  const expire = engineNet.expireMessages;
  if (expire) {
    engineNet.expireMessages = async function (this: unknown, signer, hashes, expiryMs, mode, options) {
      const results = await expire.call(this, signer, hashes, expiryMs, mode, options);
      expireCalls.push({ hashes: [...hashes], expiryMs, mode, results });
      return results;
    };
  }
  return engineNet;
}

describe('disappearing messages (devnet)', () => {
  const env = devnetBackends('disappearing-', { nodes: 12, swarmSize: 4 }, 60_000);

  const settled = async (b: Backend): Promise<void> => {
    const r = await b.followUps.settle({ signal: AbortSignal.timeout(60_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`follow-ups not stored: ${JSON.stringify(r)}`);
  };
  const conversation = async (b: Backend, id: string): Promise<ConversationSummary | undefined> =>
    (await b.handlers['conversations.list']({ requests: false })).concat(await b.handlers['conversations.list']({ requests: true })).find((c) => c.id === id);
  const page = async (b: Backend, id: string): Promise<MessageView[]> => (await b.handlers['messages.page']({ conversationId: id, limit: 200 })).messages;
  /** A second connection to a backend's database: what is really stored, the full-text index included. */
  const rawCounts = (b: Backend, token: string) => {
    const key = loadOrCreateDatabaseKey(b.profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
    const db = openEncryptedDatabase(path.join(b.profileDir, 'session.db'), key);
    try {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'messages_fts', 'row')");
      const n = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
      return {
        rows: n("SELECT count(*) AS n FROM messages WHERE instr(body, ?) > 0 OR instr(content, ?) > 0", token, token),
        ftsHits: n('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?', `"${token}"`),
        vocab: n('SELECT count(*) AS n FROM temp.vocab WHERE term = ?', token),
        outbox: n('SELECT count(*) AS n FROM outbox WHERE instr(data, ?) > 0', token),
      };
    } finally {
      db.close();
    }
  };

  let alice: Backend;
  let bob: Backend;
  let aliceId = '';
  let bobId = '';

  beforeAll(async () => {
    alice = await env.open('alice', FAST);
    bob = await env.open('bob', { ...FAST, createNetwork: tappedFactory });
    aliceId = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
    bobId = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
    // A new account's first complete poll merges its configs: pushing them is allowed from then on.
    await pollOk(alice);
    await pollOk(bob);
    await alice.handlers['messages.send']({ to: bobId, text: 'hello Bob' });
    await settled(alice);
    await until('Bob gets the first message', async () => {
      await pollOk(bob);
      return (await conversation(bob, aliceId))?.lastMessage !== undefined;
    });
  });

  it('a timer change reaches the peer (setting and control message) and our restored device; a 10 s message is gone from both databases 10-15 s after sending, across a restart', async () => {
    const summary = await alice.handlers['conversations.setExpiration']({ id: bobId, mode: 'after-send', seconds: 10 });
    expect(summary.expiration).toEqual({ type: 'after-send', seconds: 10 });
    await settled(alice);
    const onBob = await until('Bob’s setting follows', async () => {
      await pollOk(bob);
      const c = await conversation(bob, aliceId);
      return c?.expiration?.seconds === 10 ? c : undefined;
    });
    expect(onBob.expiration).toEqual({ type: 'after-send', seconds: 10 });
    const control = (await page(bob, aliceId)).find((m) => m.control !== undefined);
    expect(control).toMatchObject({ direction: 'incoming', sender: aliceId, text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 10 } });

    // Alice's other device: the setting arrives through her Contacts config.
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    const alice2 = await env.open('alice-2', FAST);
    await alice2.handlers['account.restore']({ mnemonic });
    const onAlice2 = await until('the restored device has the setting', async () => {
      await pollOk(alice2);
      const c = await conversation(alice2, bobId);
      return c?.expiration ? c : undefined;
    });
    expect(onAlice2.expiration).toEqual({ type: 'after-send', seconds: 10 });
    await env.close(alice2);

    // A 10 s after-send message.
    const token = `vanish${Date.now().toString(36)}`;
    const sentFrom = Date.now();
    const sent = await alice.handlers['messages.send']({ to: bobId, text: `secret ${token}` });
    expect(sent.expiration).toEqual({ type: 'after-send', seconds: 10 });
    await settled(alice);
    const received = await until('Bob gets it', async () => {
      await pollOk(bob);
      return (await page(bob, aliceId)).find((m) => m.text.includes(token));
    });
    expect(received.expiration).toEqual({ type: 'after-send', seconds: 10 });
    expect(received.expiresAt).toBeGreaterThanOrEqual(sent.timestamp + 9_000);
    expect(received.expiresAt).toBeLessThanOrEqual(sent.timestamp + 10_000);
    const ours = (await page(alice, bobId)).find((m) => m.id === sent.id);
    expect(ours?.expiresAt).toBeGreaterThanOrEqual(sent.timestamp + 10_000 - 1_000);
    expect(rawCounts(bob, token).ftsHits).toBe(1);

    // Bob's backend closes in the middle of the timer and opens again.
    await env.close(bob);
    bob = await env.open('bob', { ...FAST, createNetwork: tappedFactory });
    if (Date.now() < sent.timestamp + 9_000) expect((await page(bob, aliceId)).some((m) => m.text.includes(token))).toBe(true);

    const gone: { alice?: number; bob?: number } = {};
    await until(
      'the message is gone on both sides',
      async () => {
        if (gone.alice === undefined && !(await page(alice, bobId)).some((m) => m.id === sent.id)) gone.alice = Date.now();
        if (gone.bob === undefined && !(await page(bob, aliceId)).some((m) => m.text.includes(token))) gone.bob = Date.now();
        return gone.alice !== undefined && gone.bob !== undefined;
      },
      20_000,
    );
    for (const at of [gone.alice as number, gone.bob as number]) {
      expect(at - sentFrom).toBeGreaterThanOrEqual(9_000);
      expect(at - sentFrom).toBeLessThanOrEqual(15_000);
    }
    // Deleted, not hidden: no row, no full-text entry, no term in the index, no outbox bytes.
    expect(rawCounts(alice, token)).toEqual({ rows: 0, ftsHits: 0, vocab: 0, outbox: 0 });
    expect(rawCounts(bob, token)).toEqual({ rows: 0, ftsHits: 0, vocab: 0, outbox: 0 });
  });

  it('an after-read message starts its timer when read, and the reader’s swarm copy is shortened to the same end', async () => {
    await alice.handlers['conversations.setExpiration']({ id: bobId, mode: 'after-read', seconds: 60 });
    await settled(alice);
    const sent = await alice.handlers['messages.send']({ to: bobId, text: 'read me, then I go' });
    await settled(alice);
    // Alice read her own message: its timer runs from when it was stored.
    const ours = (await page(alice, bobId)).find((m) => m.id === sent.id);
    expect(ours).toMatchObject({ expiration: { type: 'after-read', seconds: 60 } });
    expect(ours?.expiresAt).toBeGreaterThan(Date.now() + 40_000);

    const unread = await until('Bob gets it', async () => {
      await pollOk(bob);
      return (await page(bob, aliceId)).find((m) => m.text === 'read me, then I go');
    });
    expect((await conversation(bob, aliceId))?.expiration).toEqual({ type: 'after-read', seconds: 60 });
    expect(unread.expiration).toEqual({ type: 'after-read', seconds: 60 });
    expect(unread.expiresAt).toBeUndefined();

    const readFrom = Date.now();
    await bob.handlers['conversations.markRead']({ id: aliceId });
    const read = (await page(bob, aliceId)).find((m) => m.id === unread.id) as MessageView;
    expect(read.expiresAt).toBeGreaterThanOrEqual(readFrom + 60_000 - 100);
    expect(read.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);

    const call = await until('Bob’s swarm copy is shortened', () => expireCalls.find((c) => c.expiryMs === read.expiresAt));
    expect(call.mode).toBe('shorten');
    // One request for everything read at once with the same end: the message and the control message
    // before it (which carries the after-read setting too).
    expect(call.hashes).toHaveLength(2);
    // A swarm member confirmed (its answer signed and checked) that it shortened them.
    expect(call.results.some((r) => r.ok && call.hashes.every((h) => (r.updated ?? []).includes(h)))).toBe(true);
  });
});
