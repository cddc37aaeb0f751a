// The receive pipeline's batching: duplicates by hash and by (sender, timestamp) within a batch, across
// batches and across batches handed over before the previous one committed; calls commit in call order
// whatever order their decryption finishes in; one transaction and one event batch per call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createMessageStore, type MessageStore } from '../../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { createReceiver, type IncomingItem, type Receiver } from '../../../../ts/backend/services/receiver';
import type { MessageView } from '../../../../ts/ipc/contract';
import { decode1o1Message, encode1o1Message, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../../ts/protocol';

const T0 = 1_780_000_000_000;
const EXPIRY = 4_000_000_000_000;

describe('receiver batching', () => {
  let dir: string;
  let db: Db;
  let messages: MessageStore;
  let recipient: Identity;
  let senders: Identity[];
  let added: MessageView[][];

  beforeAll(async () => {
    await loadProtocol();
    recipient = identityFromRecoverySeed(new Uint8Array(16).fill(0xb0));
    senders = [1, 2, 3].map((i) => identityFromRecoverySeed(new Uint8Array(16).fill(i)));
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receiver-test-'));
    db = openEncryptedDatabase(path.join(dir, 'session.db'), new Uint8Array(32).fill(7));
    runMigrations(db, MIGRATIONS, silentLogger);
    messages = createMessageStore(db);
    added = [];
  });

  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A receiver on the test database; `decodeAsync` stands in for the pool when given. */
  const receiver = (
    decodeAsync?: (datas: readonly Uint8Array[]) => Promise<ReturnType<typeof decode1o1Message>[]>,
    now: () => number = Date.now,
    commitChunk?: number,
  ): Receiver => {
    const conversations = createConversationStore(db);
    const events = createEventBus(silentLogger);
    events.on('messages.added', (p: { messages: MessageView[] }) => added.push(p.messages));
    const conversationsService = createConversationsService({ store: conversations, messages, events, now: Date.now });
    return createReceiver({
      db,
      identity: recipient,
      messages,
      received: createReceivedContentStore(db),
      conversations,
      conversationsService,
      events,
      log: silentLogger,
      now,
      randomBytes: secureRandom,
      ...(decodeAsync ? { decryptPool: { decodeAsync } } : {}),
      ...(commitChunk !== undefined ? { commitChunk } : {}),
    });
  };

  const envelope = (sender: number, t: number, body = `message ${sender}/${t}`): Uint8Array =>
    encode1o1Message({ sender: senders[sender] as Identity, recipient: recipient.sessionId, content: { dataMessage: { body } }, timestampMs: T0 + t, random: secureRandom })
      .wrapper;
  const item = (hash: string, data: Uint8Array): IncomingItem => ({ hash, data, expiration: EXPIRY });
  const count = (): number => (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;

  test('a hash repeated within a batch or in a later batch is stored once', async () => {
    const r = receiver();
    const a = envelope(0, 1);
    const first = await r.process([item('h1', a), item('h2', envelope(1, 1)), item('h1', a)], []);
    expect(first).toMatchObject({ duplicates: 1, dropped: 0 });
    expect(first.added).toHaveLength(2);
    const second = await r.process([item('h1', a), item('h3', envelope(2, 1))], []);
    expect(second).toMatchObject({ duplicates: 1 });
    expect(second.added.map((m) => m.text)).toEqual(['message 2/1']);
    expect(count()).toBe(3);
    expect(messages.seenAmong(['h1', 'h2', 'h3', 'h4'])).toEqual(new Set(['h1', 'h2', 'h3']));
  });

  test('the same (sender, timestamp) under another hash is a duplicate, within a batch and across batches', async () => {
    const r = receiver();
    const first = await r.process([item('a1', envelope(0, 5)), item('a2', envelope(0, 5, 'again')), item('a3', envelope(1, 5))], []);
    expect(first).toMatchObject({ duplicates: 1 });
    expect(first.added.map((m) => m.text)).toEqual(['message 0/5', 'message 1/5']);
    const second = await r.process([item('b1', envelope(1, 5, 'later')), item('b2', envelope(1, 6))], []);
    expect(second).toMatchObject({ duplicates: 1 });
    expect(second.added.map((m) => m.text)).toEqual(['message 1/6']);
    expect(count()).toBe(3);
    // Both hashes of a duplicate are remembered as seen: a retry of either is dropped before decryption.
    expect(messages.seenAmong(['a2', 'b1']).size).toBe(2);
  });

  test('batches handed over before the previous one committed commit in call order, duplicates included', async () => {
    const gates: (() => void)[] = [];
    // The first call's decryption finishes last.
    const r = receiver(async (datas) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return datas.map((d) => decode1o1Message(recipient, d));
    });
    const one = r.process([item('x1', envelope(0, 10)), item('x2', envelope(1, 10))], [{ node: 'n', pubkey: recipient.sessionId, namespace: 0, hash: 'x2', expiresAt: EXPIRY }]);
    const two = r.process([item('x1', envelope(0, 10)), item('y1', envelope(0, 10, 'same identity')), item('y2', envelope(2, 11))], [
      { node: 'n', pubkey: recipient.sessionId, namespace: 0, hash: 'y2', expiresAt: EXPIRY },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gates).toHaveLength(2);
    gates[1]?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(count()).toBe(0); // the second batch waits for the first
    gates[0]?.();
    const [o1, o2] = await Promise.all([one, two]);
    expect(o1.added.map((m) => m.text)).toEqual(['message 0/10', 'message 1/10']);
    expect(o2).toMatchObject({ duplicates: 2 });
    expect(o2.added.map((m) => m.text)).toEqual(['message 2/11']);
    expect(added.map((batch) => batch.map((m) => m.text))).toEqual([['message 0/10', 'message 1/10'], ['message 2/11']]);
    const order = db.prepare('SELECT body FROM messages ORDER BY seq').all() as { body: string }[];
    expect(order.map((row) => row.body)).toEqual(['message 0/10', 'message 1/10', 'message 2/11']);
    expect(messages.loadLastHashes(recipient.sessionId)).toEqual([{ node: 'n', pubkey: recipient.sessionId, namespace: 0, hash: 'y2', expiresAt: EXPIRY }]);
  });

  test('a batch larger than the commit chunk commits chunk by chunk, its last hashes only with the last chunk', async () => {
    const lastHash = { node: 'n', pubkey: recipient.sessionId, namespace: 0, hash: 'c5', expiresAt: EXPIRY };
    // The third chunk's decryption fails: the first two chunks stay committed, the last hash does not move.
    let calls = 0;
    const r = receiver(
      async (datas) => {
        if (++calls === 3) throw new Error('pool failure');
        return datas.map((d) => decode1o1Message(recipient, d));
      },
      Date.now,
      2,
    );
    const batch = [0, 1, 2, 3, 4].map((i) => item(`c${i + 1}`, envelope(i % 3, 30 + i)));
    await expect(r.process(batch, [lastHash])).rejects.toThrow('pool failure');
    expect(count()).toBe(4);
    expect(added.map((b) => b.length)).toEqual([2, 2]);
    expect(messages.loadLastHashes(recipient.sessionId)).toEqual([]);
    // The next poll brings the batch again: the committed items are duplicates, the rest is stored with the last hash.
    const again = await r.process(batch, [lastHash]);
    expect(again).toMatchObject({ duplicates: 4, dropped: 0 });
    expect(again.added.map((m) => m.text)).toEqual(['message 1/34']);
    expect(count()).toBe(5);
    expect(messages.loadLastHashes(recipient.sessionId)).toEqual([lastHash]);
  });

  test('the chunks of one batch report one outcome', async () => {
    const r = receiver(undefined, Date.now, 2);
    const outcome = await r.process([0, 1, 2, 3, 4].map((i) => item(`d${i}`, envelope(i % 3, 40 + i))), []);
    expect(outcome).toMatchObject({ dropped: 0, duplicates: 0 });
    expect(outcome.added.map((m) => m.text)).toEqual(['message 0/40', 'message 1/41', 'message 2/42', 'message 0/43', 'message 1/44']);
    expect(added.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  test('the chunks of one batch decode one at a time (the pool holds one chunk, never the whole batch)', async () => {
    let inFlight = 0;
    let most = 0;
    const r = receiver(
      async (datas) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return datas.map((d) => decode1o1Message(recipient, d));
      },
      Date.now,
      2,
    );
    const outcome = await r.process([0, 1, 2, 3, 4].map((i) => item(`e${i}`, envelope(i % 3, 50 + i))), []);
    expect(outcome.added).toHaveLength(5);
    expect(most).toBe(1);
  });

  test('a failed batch does not stop later ones, and a closed database fails the batch without writing', async () => {
    const r = receiver(async (datas) => {
      if (datas.length === 1) throw new Error('pool failure');
      return datas.map((d) => decode1o1Message(recipient, d));
    });
    await expect(r.process([item('f1', envelope(0, 20))], [])).rejects.toThrow('pool failure');
    expect((await r.process([item('f1', envelope(0, 20)), item('f2', envelope(1, 20))], [])).added).toHaveLength(2);
    const pending = r.process([item('g1', envelope(0, 21)), item('g2', envelope(1, 21))], []);
    db.close();
    await expect(pending).rejects.toThrow('database closed');
  });

  test('a batch handed over before an earlier one failed is refused without writing; a later call commits both', async () => {
    const gates: (() => void)[] = [];
    let calls = 0;
    // The first call's decryption fails.
    const r = receiver(async (datas) => {
      const call = calls++;
      await new Promise<void>((resolve) => gates.push(resolve));
      if (call === 0) throw new Error('pool failure');
      return datas.map((d) => decode1o1Message(recipient, d));
    });
    const hashOf = (hash: string) => [{ node: 'n', pubkey: recipient.sessionId, namespace: 0, hash, expiresAt: EXPIRY }];
    const one = r.process([item('k1', envelope(0, 30))], hashOf('k1'));
    const two = r.process([item('k2', envelope(1, 30))], hashOf('k2'));
    const oneFailed = expect(one).rejects.toThrow('pool failure');
    const twoRefused = expect(two).rejects.toThrow('an earlier batch failed');
    await new Promise((resolve) => setImmediate(resolve));
    // The second batch decodes first and fine; it still waits for the first, then is refused with it.
    gates[1]?.();
    gates[0]?.();
    await oneFailed;
    await twoRefused;
    expect(count()).toBe(0);
    expect(messages.loadLastHashes(recipient.sessionId)).toEqual([]);
    expect(added).toEqual([]);
    // The next poll retrieves both again (from the old last hash) and commits them.
    const three = r.process([item('k1', envelope(0, 30)), item('k2', envelope(1, 30))], hashOf('k2'));
    await new Promise((resolve) => setImmediate(resolve));
    gates[2]?.();
    expect((await three).added.map((m) => m.text)).toEqual(['message 0/30', 'message 1/30']);
    expect(messages.loadLastHashes(recipient.sessionId)).toEqual(hashOf('k2'));
  });

  test('a later batch failing does not refuse an earlier one still decoding', async () => {
    const gates: (() => void)[] = [];
    const r = receiver(async (datas) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (datas.length === 1) throw new Error('pool failure');
      return datas.map((d) => decode1o1Message(recipient, d));
    });
    const one = r.process([item('l1', envelope(0, 40)), item('l2', envelope(1, 40))], []);
    const two = r.process([item('l3', envelope(2, 40))], []);
    const twoFailed = expect(two).rejects.toThrow('pool failure');
    await new Promise((resolve) => setImmediate(resolve));
    gates[1]?.();
    await new Promise((resolve) => setImmediate(resolve));
    gates[0]?.();
    expect((await one).added).toHaveLength(2);
    await twoFailed;
    expect(count()).toBe(2);
  });

  test("a sender's profile name is stored when new or changed, and a repeated one writes nothing", async () => {
    let clock = 1_000;
    const r = receiver(undefined, () => clock);
    const named = (t: number, name: string): Uint8Array =>
      encode1o1Message({
        sender: senders[0] as Identity,
        recipient: recipient.sessionId,
        content: { dataMessage: { body: `hello ${t}`, profile: { displayName: name } } },
        timestampMs: T0 + t,
        random: secureRandom,
      }).wrapper;
    const contactRow = () =>
      db.prepare<[string], { profile_name: string | null; did_approve_me: number; updated_at: number }>('SELECT profile_name, did_approve_me, updated_at FROM contacts WHERE session_id = ?').get((senders[0] as Identity).sessionId);
    await r.process([item('n1', named(50, 'Alice')), item('n2', named(51, 'Alice'))], []);
    expect(contactRow()).toEqual({ profile_name: 'Alice', did_approve_me: 1, updated_at: 1_000 });
    clock = 2_000;
    await r.process([item('n3', named(52, 'Alice'))], []);
    expect(contactRow()).toEqual({ profile_name: 'Alice', did_approve_me: 1, updated_at: 1_000 });
    clock = 3_000;
    await r.process([item('n4', named(53, 'Alice B.')), item('n5', named(54, 'Alice B.'))], []);
    expect(contactRow()).toEqual({ profile_name: 'Alice B.', did_approve_me: 1, updated_at: 3_000 });
    expect(count()).toBe(5);
  });

  test('message ids are distinct 32-digit hex strings', async () => {
    const r = receiver();
    const out = await r.process(
      Array.from({ length: 20 }, (_, i) => item(`m${i}`, envelope(i % 3, 100 + i))),
      [],
    );
    expect(out.added).toHaveLength(20);
    const ids = out.added.map((m) => m.id);
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
