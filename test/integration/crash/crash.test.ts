// Crash safety (issue 14): the engine (session-cli, its own process) is killed with SIGKILL at named crash
// points (ts/backend/crashPoint.ts) while it receives, sends, pushes a config change and downloads an
// attachment, then started again on the same profile. Each point runs a fixed number of seeded iterations
// (CRASH_ITERATIONS, 1 by default in CI; more for a soak) and checks, against the devnet over real sockets:
// nothing lost, nothing duplicated (the database's messages and the swarms' copies), the outbox drained
// (what was queued before the kill is stored after the restart), PRAGMA integrity_check, and no half-written
// or unreferenced file in the attachment store; a downloaded file matches what was sent.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import type { CrashPointName } from '../../../ts/backend/crashPoint';
import { textContent, NO_PROFILE } from '../../../ts/backend/services/outbox';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import {
  decode1o1Message,
  decodeRecoveryPassword,
  encode1o1Message,
  identityFromEd25519Seed,
  identityFromRecoverySeed,
  loadProtocol,
  type Identity,
} from '../../../ts/protocol';
import { ATTACHMENTS_DIR } from '../../../ts/backend/media/fileStore';
import { buildCrashCli, inspectProfile, openProfileDb, profileDirOf, runCli, seeded, seededText, type CrashRun } from './crashCli';

jest.setTimeout(240_000);

/** Seeded iterations per crash point (CRASH_ITERATIONS=n for a longer run; CRASH_SEED moves the seeds). */
const ITERATIONS = Math.max(1, Number(process.env.CRASH_ITERATIONS ?? '1'));
const BASE_SEED = Number(process.env.CRASH_SEED ?? '1414');
const TTL_MS = 24 * 3600 * 1000;
const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

describe('crash safety: SIGKILL at named points, then restart (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  let http: HttpClient;
  let net: SessionNetwork;

  const cli = (dir: string, args: readonly string[], crashAt?: `${CrashPointName}:${number}`, input?: string): Promise<CrashRun> =>
    runCli(devnet.info.seedUrl, dir, args, { ...(crashAt ? { crashAt } : {}), ...(input !== undefined ? { input } : {}) });

  /** A run that must end normally. */
  const ok = async (dir: string, args: readonly string[], input?: string): Promise<CrashRun> => {
    const r = await cli(dir, args, undefined, input);
    if (r.code !== 0) throw new Error(`session-cli ${args[0]} exited ${r.code ?? r.signal}: ${r.stderr}`);
    return r;
  };

  /** A run that must die at the `nth` pass of `point` (and nowhere else). */
  const crash = async (dir: string, args: readonly string[], point: CrashPointName, nth = 1): Promise<CrashRun> => {
    const r = await cli(dir, args, `${point}:${nth}`);
    expect({ signal: r.signal, crashedAt: r.crashedAt }).toEqual({ signal: 'SIGKILL', crashedAt: point });
    return r;
  };

  const create = async (dir: string, name: string): Promise<{ identity: Identity; mnemonic: string }> => {
    const r = await ok(dir, ['create', '--name', name]);
    const mnemonic = String(r.lines[0]!.mnemonic);
    const seed = decodeRecoveryPassword(mnemonic);
    if (!seed.ok) throw new Error(seed.error.message);
    return { identity: identityFromRecoverySeed(seed.value), mnemonic };
  };

  /** Namespace `ns` of `who`'s swarm as stored on the devnet, read through a client of our own (signed retrieve). */
  const swarm = async (who: Identity, ns: number) => {
    const r = await net.retrieve(who.sessionId, [ns], () => undefined, { signer: { pubkey: who.sessionId, ed25519: who.ed25519 } });
    return r.merged.get(ns) ?? [];
  };
  /** `who`'s namespace 0, decrypted: [sender, sync target or '', timestamp, body]. */
  const inbox = async (who: Identity) =>
    (await swarm(who, 0)).map((m) => {
      const d = decode1o1Message(who, m.data);
      if (!d.ok) throw new Error(d.error.message);
      return [d.value.senderSessionId, d.value.syncTarget ?? '', d.value.timestampMs, d.value.content.dataMessage?.body ?? ''] as const;
    });

  /** A peer that is only keys: its messages are built and stored by the test itself. */
  const peer = (): Identity => identityFromEd25519Seed(random(32));
  let clock = Date.now();
  /** Stores text messages from `from` on `to`'s swarm; returns [timestamp, text] of each. */
  const storeFrom = async (from: Identity, to: string, texts: readonly string[]): Promise<Array<[number, string]>> => {
    const out: Array<[number, string]> = [];
    for (const text of texts) {
      const timestampMs = (clock = Math.max(clock + 1, Date.now()));
      const { wrapper } = encode1o1Message({ sender: from, recipient: to, content: textContent(text, NO_PROFILE), timestampMs, random });
      await net.storeMessage(to, 0, wrapper, TTL_MS);
      out.push([timestampMs, text]);
    }
    return out;
  };

  /** The messages a profile's database holds: [conversation, direction, sender, timestamp, text, status], by timestamp. */
  const storedMessages = (dir: string) => {
    const db = openProfileDb(dir);
    try {
      return db
        .prepare<[], { conversation_id: string; direction: string; sender: string; sent_at: number; body: string; status: string }>(
          'SELECT conversation_id, direction, sender, sent_at, body, status FROM messages ORDER BY sent_at, sender',
        )
        .all();
    } finally {
      db.close();
    }
  };

  /** A message's local id, by its sender's timestamp. */
  const messageIdOf = (dir: string, sentAt: number): string => {
    const db = openProfileDb(dir);
    try {
      const rows = db.prepare<[number], { id: string }>('SELECT id FROM messages WHERE sent_at = ?').all(sentAt);
      if (rows.length !== 1) throw new Error(`expected one message sent at ${sentAt}, found ${rows.length}`);
      return rows[0]!.id;
    } finally {
      db.close();
    }
  };
  const attachmentStates = (dir: string, sentAt: number, sender: string): string[] => {
    const db = openProfileDb(dir);
    try {
      return db
        .prepare<[number, string], { state: string }>('SELECT a.state FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.sent_at = ? AND m.sender = ? ORDER BY a.idx')
        .all(sentAt, sender)
        .map((r) => r.state);
    } finally {
      db.close();
    }
  };

  /** The profile is whole: integrity_check ok, nothing left in the outbox, no half or stray file. */
  const expectClean = (dir: string): void => {
    expect(inspectProfile(dir)).toEqual({ integrity: 'ok', outbox: [], tempFiles: [], unreferenced: [], missingFiles: [] });
  };

  beforeAll(async () => {
    await loadProtocol();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-crash-'));
    const [d] = await Promise.all([startDevnet({ nodes: 12 }), buildCrashCli()]);
    devnet = d;
    http = createHttpClient();
    net = new SessionNetwork({ config: await loadCustomNetwork(devnet.info.seedUrl, http), store: new MemoryNetworkStore(), http });
    net.start();
    await net.ready();
  }, 180_000);

  afterAll(async () => {
    net?.stop();
    http?.close();
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // --- receive ---
  describe('receive', () => {
    let bobDir: string;
    let bob: Identity;
    /** Every message stored on Bob's swarm so far, as [sender, timestamp, text]. */
    const expected: Array<[string, number, string]> = [];

    beforeAll(async () => {
      bobDir = path.join(tmp, 'receive-bob');
      bob = (await create(bobDir, 'Bob')).identity;
    });

    const points: CrashPointName[] = ['receive.fetched', 'receive.inCommit', 'receive.committed'];
    const cases = points.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + p * 1000 + i] as const));

    it.each(cases)('killed at %s (seed %d): every message once after the restart', async (point, seed) => {
      const rng = seeded(seed);
      // One or two senders, a few messages each, all on the swarm before the engine starts.
      for (let s = rng.int(1, 2); s > 0; s--) {
        const from = peer();
        const texts = Array.from({ length: rng.int(1, 4) }, (_, k) => seededText(rng, `${point} ${seed} ${s}.${k}`));
        for (const [t, text] of await storeFrom(from, bob.sessionId, texts)) expected.push([from.sessionId, t, text]);
      }
      await crash(bobDir, ['receive'], point);
      await ok(bobDir, ['receive']);

      const got = storedMessages(bobDir).map((m) => [m.sender, m.sent_at, m.body]);
      expect(got).toEqual([...expected].sort((a, b) => (a[1] as number) - (b[1] as number)));
      expectClean(bobDir);
    });

    const cliPoints: CrashPointName[] = ['receive.listed', 'receive.printed'];
    const cliCases = cliPoints.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + 5000 + p * 1000 + i] as const));

    it.each(cliCases)(
      'session-cli receive killed at %s (seed %d): the next receive prints the new messages (at least once, never lost)',
      async (point, seed) => {
        const rng = seeded(seed);
        const from = peer();
        const texts = Array.from({ length: rng.int(1, 4) }, (_, k) => seededText(rng, `${point} ${seed}.${k}`));
        const stored = await storeFrom(from, bob.sessionId, texts);
        for (const [t, text] of stored) expected.push([from.sessionId, t, text]);
        const rows = stored.map(([t, text]) => [from.sessionId, t, text]);
        const killed = await crash(bobDir, ['receive'], point);
        // Printed before the kill only when it came after printing.
        expect(killed.lines.map((l) => [l.sender, l.timestamp, l.text])).toEqual(point === 'receive.printed' ? rows : []);
        const again = await ok(bobDir, ['receive']);
        expect(again.lines.map((l) => [l.sender, l.timestamp, l.text])).toEqual(rows);
        expect((await ok(bobDir, ['receive'])).lines).toEqual([]);
        expectClean(bobDir);
      },
    );
  });

  // --- send ---
  describe('send', () => {
    let bobDir: string;
    let bob: Identity;

    beforeAll(async () => {
      bobDir = path.join(tmp, 'send-bob');
      bob = (await create(bobDir, 'Bob')).identity;
    });

    const points: CrashPointName[] = ['send.encoded', 'send.stored', 'send.marked'];
    // Each point is passed at least twice by a send (for the message, then for its sync copy): the seed picks which pass.
    const cases = points.flatMap((point, p) =>
      Array.from({ length: ITERATIONS }, (_, i) => BASE_SEED + 10_000 + p * 1000 + i).map((seed) => [point, seed, seeded(~seed).int(1, 2)] as const),
    );

    it.each(cases)('killed at %s (seed %d, pass %d): the queued message is stored once after the restart', async (point, seed, nth) => {
      const rng = seeded(seed);
      const alice = peer();
      // Sometimes Alice wrote first: Bob's reply then also queues the request response.
      const wroteFirst = rng.next() < 0.5;
      if (wroteFirst) await storeFrom(alice, bob.sessionId, [seededText(rng, `hello Bob ${seed}`)]);
      if (wroteFirst) await ok(bobDir, ['receive']);
      const text = seededText(rng, `${point} ${seed}`);
      await crash(bobDir, ['send', alice.sessionId, text], point, nth);
      // The restart: any command that waits for the follow-ups (here `receive`) also sends what was queued.
      await ok(bobDir, ['receive']);

      const mine = storedMessages(bobDir).filter((m) => m.direction === 'outgoing' && m.conversation_id === alice.sessionId);
      expect(mine.map((m) => [m.body, m.status])).toEqual([[text, 'sent']]);
      const sentAt = mine[0]!.sent_at;
      // Alice's swarm: the message once (and the request response when she wrote first); Bob's: one sync copy.
      const atAlice = await inbox(alice);
      expect(atAlice.filter((m) => m[3] !== '')).toEqual([[bob.sessionId, '', sentAt, text]]);
      expect(atAlice.filter((m) => m[3] === '').length).toBe(wroteFirst ? 1 : 0);
      const own = (await inbox(bob)).filter((m) => m[1] === alice.sessionId);
      expect(own).toEqual([[bob.sessionId, alice.sessionId, sentAt, text]]);
      expectClean(bobDir);
    });
  });

  // --- delete for everyone ---
  it('unsend killed at unsend.swarmDeleted (our copy gone, nothing local yet): unsend again completes it, one request each', async () => {
    const dir = path.join(tmp, 'unsend-bob');
    const bob = (await create(dir, 'Bob')).identity;
    const alice = peer();
    const sent = await ok(dir, ['send', alice.sessionId, 'take this back']);
    const { id, timestamp } = sent.lines[0] as { id: string; timestamp: number };
    await crash(dir, ['unsend', id], 'unsend.swarmDeleted');
    expect((await ok(dir, ['unsend', id])).lines).toEqual([{ id, deleted: true }]);

    expect((await ok(dir, ['messages', alice.sessionId])).lines).toEqual([expect.objectContaining({ id, deleted: true, text: '' })]);
    const unsends = async (who: Identity) =>
      (await swarm(who, 0)).flatMap((m) => {
        const d = decode1o1Message(who, m.data);
        if (!d.ok) throw new Error(d.error.message);
        const u = d.value.content.unsendRequest;
        return u ? [[d.value.senderSessionId, Number(u.timestamp), u.author]] : [];
      });
    expect(await unsends(alice)).toEqual([[bob.sessionId, timestamp, bob.sessionId]]);
    expect(await unsends(bob)).toEqual([[bob.sessionId, timestamp, bob.sessionId]]);
    // Our swarm's sync copy is gone; Alice's copy expires by its TTL (we cannot delete it).
    expect((await inbox(bob)).filter((m) => m[2] === timestamp && m[3] !== '')).toEqual([]);
    expectClean(dir);
  });

  // --- config push ---
  describe('config push', () => {
    let bobDir: string;
    let bob: Identity;
    let mnemonic: string;

    beforeAll(async () => {
      bobDir = path.join(tmp, 'config-bob');
      ({ identity: bob, mnemonic } = await create(bobDir, 'Bob'));
    });

    const points: CrashPointName[] = ['config.beforeStore', 'config.stored'];
    const cases = points.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + 20_000 + p * 1000 + i] as const));

    it.each(cases)('killed at %s (seed %d): the change is pushed once after the restart', async (point, seed) => {
      const rng = seeded(seed);
      const name = `Bob ${rng.pick(['🦊', 'Zürich', 'ok', '日本'])} ${seed}`;
      await crash(bobDir, ['name', name], point);
      // The restart: `receive` waits for every pending follow-up, the config push left by the kill too.
      await ok(bobDir, ['receive']);

      // One profile config message on the swarm (the replaced one deleted, no second copy of the push).
      expect((await swarm(bob, 2)).length).toBe(1);
      expect((await ok(bobDir, ['whoami'])).lines).toEqual([{ sessionId: bob.sessionId, displayName: name }]);
      // A new device of the account gets the name from the swarm.
      const fresh = path.join(tmp, `config-restore-${seed}`);
      expect((await ok(fresh, ['restore', '-'], mnemonic)).lines).toEqual([{ sessionId: bob.sessionId, displayName: name }]);
      expectClean(bobDir);
    });

    it.each(['config.beforeStore'] as const)('create killed at %s: the recovery password was printed first, the profile goes out after the restart', async (point) => {
      const dir = path.join(tmp, `config-create-${point}`);
      const killed = await crash(dir, ['create', '--name', `Dana ${point}`], point);
      // The account exists from here on: its recovery password must not be lost with the process.
      expect(killed.lines).toEqual([{ sessionId: expect.any(String), mnemonic: expect.any(String) }]);
      const words = String(killed.lines[0]!.mnemonic);
      const seed = decodeRecoveryPassword(words);
      if (!seed.ok) throw new Error(seed.error.message);
      const dana = identityFromRecoverySeed(seed.value);
      expect(dana.sessionId).toBe(killed.lines[0]!.sessionId);
      await ok(dir, ['receive']);
      expect((await swarm(dana, 2)).length).toBe(1);
      expect((await ok(path.join(tmp, `config-create-restore-${point}`), ['restore', '-'], words)).lines).toEqual([{ sessionId: dana.sessionId, displayName: `Dana ${point}` }]);
      expectClean(dir);
    });

    const receivePoints: CrashPointName[] = ['receive.configStored', 'config.inApply'];
    const receiveCases = receivePoints.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + 25_000 + p * 1000 + i] as const));

    it.each(receiveCases)('receiving another device\'s change, killed at %s (seed %d): applied once after the restart', async (point, seed) => {
      const rng = seeded(seed);
      const other = path.join(tmp, `config-other-${seed}`);
      await ok(other, ['restore', '-'], mnemonic);
      const name = `Bob ${rng.pick(['laptop', 'phone', '📱', 'Ärger'])} ${seed}`;
      await ok(other, ['name', name]);
      await crash(bobDir, ['receive'], point);
      await ok(bobDir, ['receive']);

      expect((await ok(bobDir, ['whoami'])).lines).toEqual([{ sessionId: bob.sessionId, displayName: name }]);
      expect((await swarm(bob, 2)).length).toBe(1);
      expectClean(bobDir);
      const db = openProfileDb(bobDir);
      try {
        expect(db.prepare('SELECT count(*) AS n FROM config_inbox').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    });
  });

  // --- attachment download ---
  describe('attachments', () => {
    let bobDir: string;
    let carolDir: string;
    let bob: Identity;
    let carol: Identity;

    beforeAll(async () => {
      bobDir = path.join(tmp, 'download-bob');
      carolDir = path.join(tmp, 'download-carol');
      [bob, carol] = (await Promise.all([create(bobDir, 'Bob'), create(carolDir, 'Carol')])).map((x) => x.identity) as [Identity, Identity];
      // Carol writes first, Bob replies: Bob may then attach files.
      await ok(carolDir, ['send', bob.sessionId, 'hi Bob']);
      await ok(bobDir, ['receive']);
    });

    const points: CrashPointName[] = ['download.fetched', 'files.halfWritten', 'download.fileWritten'];
    const cases = points.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + 30_000 + p * 1000 + i] as const));

    it.each(cases)('downloading, killed at %s (seed %d): the file is downloaded whole after the restart', async (point, seed) => {
      const rng = seeded(seed);
      const bytes = Uint8Array.from({ length: rng.int(2_000, 200_000) }, () => rng.int(0, 255));
      const file = path.join(tmp, `report-${seed}.bin`);
      fs.writeFileSync(file, bytes);
      const sent = await ok(bobDir, ['send', carol.sessionId, `file ${seed}`, '--attach', file]);
      const sentAt = Number(sent.lines[0]!.timestamp);

      // The kill comes in `receive` when the backend downloads it by itself, else in `download`.
      const received = await cli(carolDir, ['receive'], `${point}:1`);
      const idOf = () => storedMessages(carolDir).filter((m) => m.sender === bob.sessionId && m.sent_at === sentAt);
      if (received.signal === null) {
        expect(received.code).toBe(0);
        const [row] = idOf();
        await crash(carolDir, ['download', messageIdOf(carolDir, sentAt), '--out', path.join(tmp, `first-${seed}`)], point);
        expect(row).toBeDefined();
      } else {
        expect({ signal: received.signal, crashedAt: received.crashedAt }).toEqual({ signal: 'SIGKILL', crashedAt: point });
      }
      const out = path.join(tmp, `out-${seed}`);
      fs.mkdirSync(out);
      const got = await ok(carolDir, ['download', messageIdOf(carolDir, sentAt), '--out', out]);
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(got.lines).toEqual([expect.objectContaining({ index: 0, size: bytes.length, sha256: sha })]);
      expect(createHash('sha256').update(fs.readFileSync(String(got.lines[0]!.path))).digest('hex')).toBe(sha);
      expect(idOf().map((m) => m.body)).toEqual([`file ${seed}`]);
      expect(attachmentStates(carolDir, sentAt, bob.sessionId)).toEqual(['downloaded']);
      expectClean(carolDir);
    });

    it.each(['stage.chunk', 'stage.fileWritten'] as const)('staging a file, killed at %s: nothing half staged or sent after the restart', async (point) => {
      // Over one 512 KiB chunk, so staging takes several.
      const bytes = new Uint8Array(randomBytes(700_000));
      const file = path.join(tmp, `staged-${point}.bin`);
      fs.writeFileSync(file, bytes);
      const text = `staged ${point}`;
      await crash(bobDir, ['send', carol.sessionId, text, '--attach', file], point, point === 'stage.chunk' ? 2 : 1);
      await ok(bobDir, ['receive']);
      expect(storedMessages(bobDir).filter((m) => m.body === text)).toEqual([]);
      expectClean(bobDir);
      const db = openProfileDb(bobDir);
      try {
        expect(db.prepare('SELECT count(*) AS n FROM staged_files').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      const store = path.join(profileDirOf(bobDir), ATTACHMENTS_DIR);
      expect(fs.existsSync(store) ? fs.readdirSync(store).filter((f) => f === 'staging' || f.endsWith('.tmp')) : []).toEqual([]);
      // Sending it again works.
      await ok(bobDir, ['send', carol.sessionId, text, '--attach', file]);
      expect(storedMessages(bobDir).filter((m) => m.body === text).map((m) => m.status)).toEqual(['sent']);
    });

    const sendPoints: CrashPointName[] = ['send.queued', 'upload.stored'];
    const sendCases = sendPoints.flatMap((point, p) => Array.from({ length: ITERATIONS }, (_, i) => [point, BASE_SEED + 40_000 + p * 1000 + i] as const));

    it.each(sendCases)('sending, killed at %s (seed %d): the message and its file go out once after the restart', async (point, seed) => {
      const rng = seeded(seed);
      const bytes = Uint8Array.from({ length: rng.int(2_000, 200_000) }, () => rng.int(0, 255));
      const file = path.join(tmp, `upload-${seed}.bin`);
      fs.writeFileSync(file, bytes);
      const text = seededText(rng, `${point} ${seed}`);
      await crash(bobDir, ['send', carol.sessionId, text, '--attach', file], point);
      await ok(bobDir, ['receive']);

      const mine = storedMessages(bobDir).filter((m) => m.direction === 'outgoing' && m.body === text);
      expect(mine.map((m) => m.status)).toEqual(['sent']);
      const sentAt = mine[0]!.sent_at;
      expect((await inbox(carol)).filter((m) => m[2] === sentAt)).toEqual([[bob.sessionId, '', sentAt, text]]);
      expect((await inbox(bob)).filter((m) => m[2] === sentAt)).toEqual([[bob.sessionId, carol.sessionId, sentAt, text]]);
      expectClean(bobDir);

      await ok(carolDir, ['receive']);
      const out = path.join(tmp, `sent-out-${seed}`);
      fs.mkdirSync(out);
      const got = await ok(carolDir, ['download', messageIdOf(carolDir, sentAt), '--out', out]);
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(got.lines).toEqual([expect.objectContaining({ index: 0, size: bytes.length, sha256: sha })]);
      expectClean(carolDir);
    });
  });
});
