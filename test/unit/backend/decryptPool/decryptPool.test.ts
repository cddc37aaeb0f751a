// The receive pipeline's decrypt pool: worker threads (the real worker, bundled here with esbuild as the
// build does) and the in-thread fallback give the same results in input order, including the upstream
// full-pipeline vector and invalid items; a silent worker falls back in-thread; a closed pool refuses work.
// Community room posts are verified and decoded by the same workers with the same results as openRoomMessage.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { bundledDecryptWorkerFile, createDecryptPool, type DecryptPool } from '../../../../ts/backend/services/decryptPool';
import {
  base64ToBytes,
  blind15Id,
  buildRoomPost,
  decode1o1Message,
  openRoomMessage,
  type OpenedRoomMessage,
  encode1o1Message,
  identityFromEd25519Seed,
  identityFromRecoverySeed,
  loadProtocol,
  secureRandom,
  type Identity,
  type Incoming1o1,
  type Result,
} from '../../../../ts/protocol';
import { hex, loadJson } from '../../protocol/helpers';

type Rec = Record<string, unknown>;
const vector = loadJson<Rec>('vectors/messaging-vectors.json').full_pipeline_decode_vector as Rec;

/** What a caller sees of a result (protobuf objects compared by the fields the pipeline reads). */
function view(r: Result<Incoming1o1>): unknown {
  if (!r.ok) return { error: r.error.kind, name: r.error.name, message: r.error.message };
  const v = r.value;
  return {
    sender: v.senderSessionId,
    senderEd25519: Buffer.from(v.senderEd25519).toString('hex'),
    timestampMs: v.timestampMs,
    conversationId: v.conversationId,
    syncTarget: v.syncTarget,
    body: v.content.dataMessage?.body,
    displayName: v.content.dataMessage?.profile?.displayName,
    contentBytes: Buffer.from(v.contentBytes).toString('hex'),
  };
}

describe('decrypt pool', () => {
  let dir: string;
  let workerFile: string;
  let recipient: Identity;
  let items: Uint8Array[];
  const pools: DecryptPool[] = [];

  beforeAll(async () => {
    await loadProtocol();
    // Inside node_modules/.cache so the bundle's external packages resolve from the repository.
    const cache = path.resolve(__dirname, '../../../../node_modules/.cache');
    fs.mkdirSync(cache, { recursive: true });
    dir = fs.mkdtempSync(path.join(cache, 'decrypt-pool-'));
    workerFile = path.join(dir, 'workers', 'decrypt.js');
    buildSync({
      entryPoints: [path.resolve(__dirname, '../../../../ts/backend/workers/decrypt.ts')],
      outfile: workerFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'error',
      absWorkingDir: path.resolve(__dirname, '../../../..'),
    });
    recipient = identityFromEd25519Seed(hex(vector.recipient_ed25519_seed_hex as string));
    const senders = [1, 2, 3].map((i) => identityFromRecoverySeed(new Uint8Array(16).fill(i)));
    const stranger = identityFromRecoverySeed(new Uint8Array(16).fill(9));
    items = [base64ToBytes(vector.store_data_base64 as string)];
    for (let i = 0; i < 40; i++) {
      const sender = senders[i % 3] as Identity;
      items.push(
        encode1o1Message({ sender, recipient: recipient.sessionId, content: { dataMessage: { body: `message ${i}` } }, timestampMs: 1_700_000_000_000 + i, random: secureRandom })
          .wrapper,
      );
    }
    // Invalid input at known places: garbage, and a message sealed for someone else.
    items.splice(7, 0, new Uint8Array([1, 2, 3, 4]));
    items.splice(20, 0, encode1o1Message({ sender: senders[0] as Identity, recipient: stranger.sessionId, content: { dataMessage: { body: 'x' } }, timestampMs: 1_700_000_000_999, random: secureRandom }).wrapper);
  });

  afterAll(async () => {
    for (const p of pools) await p.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pool = (o: Partial<Parameters<typeof createDecryptPool>[0]> = {}): DecryptPool => {
    const p = createDecryptPool({ identity: recipient, ...o });
    pools.push(p);
    return p;
  };

  test('worker threads return what decode1o1Message returns, in input order', () => {
    const expected = items.map((d) => view(decode1o1Message(recipient, d)));
    const p = pool({ workerFile, size: 2, threshold: 1 });
    expect(p.size).toBe(2);
    expect(p.decode(items).map(view)).toEqual(expected);
    // Again, with the workers' sender-key caches warm (3 senders, 40 messages): still the same.
    expect(p.decode(items).map(view)).toEqual(expected);
  });

  test('the upstream vector decodes through a worker to its sender, timestamp and body', () => {
    const [r] = pool({ workerFile, size: 1, threshold: 1 }).decode(items.slice(0, 1));
    if (!r?.ok) throw new Error('vector did not decode');
    expect(r.value.senderSessionId).toBe(vector.expected_sender_session_id);
    expect(r.value.timestampMs).toBe(vector.timestamp_ms);
    expect(r.value.content.dataMessage?.body).toBe('hello');
  });

  test('invalid items come back as protocol errors at their place', () => {
    const results = pool({ workerFile, size: 2, threshold: 1 }).decode(items);
    expect(results[7]).toMatchObject({ ok: false, error: { kind: 'wrapper_invalid' } });
    expect(results[20]).toMatchObject({ ok: false, error: { kind: 'decrypt_failed' } });
    expect(results.filter((r) => r.ok)).toHaveLength(items.length - 2);
  });

  test('without a worker file (or below the threshold) it decodes in-thread with the same results', () => {
    const expected = items.map((d) => view(decode1o1Message(recipient, d)));
    expect((pool({ workerFile: path.join(dir, 'missing.js') }).decode(items)).map(view)).toEqual(expected);
    expect((pool({ workerFile, threshold: 1000 }).decode(items)).map(view)).toEqual(expected);
  });

  test('a closed pool refuses work', async () => {
    const p = pool({ workerFile, size: 1, threshold: 1 });
    expect(p.decode(items.slice(0, 2))).toHaveLength(2);
    await p.close();
    expect(() => p.decode(items)).toThrow('The decrypt pool is closed.');
  });

  test('a worker that never answers costs a stall, not the batch: its share is decoded in-thread', () => {
    const silent = path.join(dir, 'silent.js');
    fs.writeFileSync(silent, "require('node:worker_threads');\n");
    const expected = items.map((d) => view(decode1o1Message(recipient, d)));
    const p = pool({ workerFile: silent, size: 2, threshold: 1, stallMs: 200 });
    expect(p.decode(items).map(view)).toEqual(expected);
    // Once a worker stalled, later batches skip the pool.
    expect(p.decode(items).map(view)).toEqual(expected);
  });

  test('decodeAsync leaves every share to the workers and returns what decode returns, in input order', async () => {
    const expected = items.map((d) => view(decode1o1Message(recipient, d)));
    const p = pool({ workerFile, size: 2, threshold: 1 });
    expect((await p.decodeAsync(items)).map(view)).toEqual(expected);
    // Overlapping calls (and a synchronous one meanwhile) each get their own answers.
    const [a, b] = await Promise.all([p.decodeAsync(items.slice(0, 10)), p.decodeAsync(items.slice(10)), Promise.resolve(expect(p.decode(items).map(view)).toEqual(expected))]);
    expect([...a, ...b].map(view)).toEqual(expected);
    expect((await pool({ workerFile: path.join(dir, 'missing.js') }).decodeAsync(items)).map(view)).toEqual(expected);
  });

  test('decodeAsync falls back in-thread after a stall, and fails at once when the pool closes meanwhile', async () => {
    const silent = path.join(dir, 'silent-async.js');
    fs.writeFileSync(silent, "require('node:worker_threads');\n");
    const expected = items.map((d) => view(decode1o1Message(recipient, d)));
    expect((await pool({ workerFile: silent, size: 2, threshold: 1, stallMs: 200 }).decodeAsync(items)).map(view)).toEqual(expected);
    const p = pool({ workerFile: silent, size: 1, threshold: 1, stallMs: 60_000 });
    const pending = expect(p.decodeAsync(items)).rejects.toThrow('The decrypt pool is closed.');
    await p.close();
    await pending;
    await expect(p.decodeAsync(items)).rejects.toThrow('The decrypt pool is closed.');
  });

  test('openRoomsAsync verifies and decodes room posts on the workers as openRoomMessage does, in input order', async () => {
    const serverPk = new Uint8Array(32).fill(7);
    const senders = [1, 2].map((i) => identityFromRecoverySeed(new Uint8Array(16).fill(i)));
    const t0 = 1_800_000_000_000;
    const posts = Array.from({ length: 30 }, (_, i) => {
      const who = senders[i % 2] as Identity;
      const p = buildRoomPost({ ed25519SecretKey: who.ed25519.secretKey, serverPubkey: serverPk, blinded: true, random: secureRandom }, { dataMessage: { body: `post ${i}` } }, t0 + i);
      return { senderId: blind15Id(who.ed25519.secretKey, serverPk), data: p.data, signature: p.signature, postedMs: t0 + i + 500 };
    });
    // Invalid at known places: data of another post (signature mismatch), the wrong sender, signed 7 hours before posted.
    posts[4] = { ...(posts[4] as (typeof posts)[number]), data: (posts[5] as (typeof posts)[number]).data };
    posts[11] = { ...(posts[11] as (typeof posts)[number]), senderId: (posts[12] as (typeof posts)[number]).senderId };
    posts[17] = { ...(posts[17] as (typeof posts)[number]), postedMs: t0 + 17 + 7 * 3600 * 1000 };
    const roomView = (r: Result<OpenedRoomMessage>): unknown =>
      r.ok ? { body: r.value.content.dataMessage?.body, sig: r.value.sigTimestampMs, bytes: Buffer.from(r.value.contentBytes).toString('hex') } : { error: r.error.kind, message: r.error.message };
    const expected = posts.map((p) => roomView(openRoomMessage(p)));
    expect(expected.filter((e) => (e as { error?: string }).error !== undefined)).toHaveLength(3);
    expect(expected[4]).toMatchObject({ error: 'signature_invalid' });
    expect(expected[11]).toMatchObject({ error: 'signature_invalid' });
    expect(expected[17]).toMatchObject({ error: 'timestamp_mismatch' });
    const p = pool({ workerFile, size: 2, threshold: 1 });
    // The first batch (a room's first page) is opened in-thread without starting the workers, the second
    // in-thread while they start; the next ones on the workers.
    expect((await p.openRoomsAsync(posts)).map(roomView)).toEqual(expected);
    expect(p.started).toBe(false);
    expect((await p.openRoomsAsync(posts)).map(roomView)).toEqual(expected);
    expect(p.started).toBe(true);
    expect((await p.openRoomsAsync(posts)).map(roomView)).toEqual(expected);
    // Room posts and 1:1 items in flight together each get their own answers.
    const [rooms, decoded] = await Promise.all([p.openRoomsAsync(posts), p.decodeAsync(items)]);
    expect(rooms.map(roomView)).toEqual(expected);
    expect(decoded.map(view)).toEqual(items.map((d) => view(decode1o1Message(recipient, d))));
    // Without workers: the same, in-thread.
    expect((await pool({ workerFile: path.join(dir, 'missing.js') }).openRoomsAsync(posts)).map(roomView)).toEqual(expected);
  });

  test('the bundled worker is found beside the host bundles, and only if it exists', () => {
    expect(bundledDecryptWorkerFile(path.join(dir, 'cli'))).toBe(workerFile);
    expect(bundledDecryptWorkerFile(path.join(dir, 'workers', 'nested', 'x'))).toBeUndefined();
  });

  test('in a packaged app the worker comes from app.asar.unpacked', () => {
    const main = path.join('/opt', 'Session TS', 'resources', 'app.asar', 'build', 'main');
    const unpacked = path.join('/opt', 'Session TS', 'resources', 'app.asar.unpacked', 'build', 'workers', 'decrypt.js');
    expect(bundledDecryptWorkerFile(main, (f) => f === unpacked)).toBe(unpacked);
    // Not unpacked (an older package): the file inside the archive, if it is there.
    const packed = path.join('/opt', 'Session TS', 'resources', 'app.asar', 'build', 'workers', 'decrypt.js');
    expect(bundledDecryptWorkerFile(main, (f) => f === packed)).toBe(packed);
    expect(bundledDecryptWorkerFile(main, () => false)).toBeUndefined();
  });
});
