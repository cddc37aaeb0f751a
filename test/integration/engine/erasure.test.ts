// Acceptance: after an unsend, a delete for me or a disappearing timer, a message's text is nowhere in either
// party's database (issue: conversation features, acceptance item 2). Both profiles run on databases opened
// without the key (the Jest-only seam of ts/backend/db/database.ts), so the test can read the raw file and its
// WAL: the unique token must be gone from the full-text index (read through fts5vocab, as FTS5 stores terms
// prefix-compressed), from message bodies and stored raw Content, from outbox rows and received content, and
// from the bytes of the file and WAL after a TRUNCATE checkpoint (secure_delete overwrites freed content).
// Every check is first made to find the token while the message exists, so none of them can pass by looking
// in the wrong place.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE, type Backend } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { decode1o1Message, decodeRecoveryPassword, encode1o1Message, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { devnetBackends, until } from './fixture';

jest.setTimeout(120_000);

// Before any backend opens: profile databases of this file are plaintext SQLite files.
const savedSeam = process.env.SESSION_TEST_PLAINTEXT_DATABASE;
process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
afterAll(() => {
  if (savedSeam === undefined) delete process.env.SESSION_TEST_PLAINTEXT_DATABASE;
  else process.env.SESSION_TEST_PLAINTEXT_DATABASE = savedSeam;
});

const env = devnetBackends('erasure-', { nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 100);

/** A word no message would contain by chance: one FTS5 term (letters and digits only). */
const newToken = (): string => `zqx${randomBytes(8).toString('hex')}`;

interface Party {
  backend: Backend;
  id: string;
  identity: Identity;
}

let alice: Party;
let bob: Party;

async function party(profile: string, name: string): Promise<Party> {
  const backend = await env.open(profile, { expiryIntervalMs: 100 });
  const id = (await backend.handlers['account.create']({ displayName: name })).sessionId;
  const seed = decodeRecoveryPassword((await backend.handlers['account.getRecoveryPassword']({})).mnemonic);
  if (!seed.ok) throw new Error(seed.error.message);
  return { backend, id, identity: identityFromRecoverySeed(seed.value) };
}

/**
 * Runs `read` on a second connection to the party's live database file, after checkpointing the WAL into
 * the file and truncating it (retried while the engine's own connection holds a read snapshot).
 */
async function inspect<T>(p: Party, read: (db: Database.Database, files: { main: Buffer; wal: Buffer; walBefore: Buffer }) => T): Promise<T> {
  const file = path.join(p.backend.profileDir, DATABASE_FILE);
  const readWal = (): Buffer => (fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0));
  // What the WAL held before this checkpoint: recent writes live there first (so the positive checks can see
  // the WAL is really read), and a plain checkpoint would leave old frames in it.
  const walBefore = readWal();
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    await until('a complete WAL checkpoint', () => {
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      return r !== undefined && r.busy === 0;
    });
    return read(db, { main: fs.readFileSync(file), wal: readWal(), walBefore });
  } finally {
    db.close();
  }
}

/** Where the token is found in one database; each entry is a place that must end up false. */
interface Findings {
  /** Not a place it must leave (old WAL frames stay until a TRUNCATE checkpoint): shows the WAL is read. */
  walBeforeCheckpoint?: boolean;
  ftsVocabulary: boolean;
  ftsMatch: boolean;
  messageBody: boolean;
  messageContent: boolean;
  outbox: boolean;
  receivedContent: boolean;
  rawFile: boolean;
  rawWal: boolean;
}

interface OutboxBytes {
  destination: string;
  data: Buffer | null;
}

/** Whether an outbox row holds the token: in its bytes as stored, or inside them once opened (rows sealed to us). */
function outboxRowHolds(p: Party, r: OutboxBytes, token: string): boolean {
  if (!r.data) return false;
  if (r.data.includes(token)) return true;
  if (r.destination !== p.id) return false;
  const opened = decode1o1Message(p.identity, new Uint8Array(r.data));
  return opened.ok && Buffer.from(opened.value.contentBytes).includes(token);
}

function findToken(p: Party, token: string, { withWalBefore = false } = {}): Promise<Findings> {
  return inspect(p, (db, files) => {
    // fts5vocab reads the index itself (every term of every live segment), not the content table.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab('main', 'messages_fts', 'row')");
    const count = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
    const tokenBytes = Buffer.from(token, 'utf8');
    // Outbox rows hold the sealed message: rows to ourselves (sync copies, unsend to our devices) are
    // opened with our own keys; every row's bytes are searched as they are too.
    const outboxRows = db.prepare('SELECT destination, data FROM outbox').all() as OutboxBytes[];
    const outbox = outboxRows.some((r) => outboxRowHolds(p, r, token));
    return {
      ftsVocabulary: count('SELECT count(*) AS n FROM temp.fts_terms WHERE term = ?', token) > 0,
      ftsMatch: count('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?', `"${token}"`) > 0,
      messageBody: count('SELECT count(*) AS n FROM messages WHERE instr(body, ?) > 0', token) > 0,
      messageContent: count('SELECT count(*) AS n FROM messages WHERE content IS NOT NULL AND instr(content, ?) > 0', tokenBytes) > 0,
      outbox,
      receivedContent: count('SELECT count(*) AS n FROM received_content WHERE instr(content, ?) > 0', tokenBytes) > 0,
      rawFile: files.main.includes(tokenBytes),
      rawWal: files.wal.includes(tokenBytes),
      ...(withWalBefore ? { walBeforeCheckpoint: files.walBefore.includes(tokenBytes) } : {}),
    };
  });
}

const NOWHERE: Findings = {
  ftsVocabulary: false,
  ftsMatch: false,
  messageBody: false,
  messageContent: false,
  outbox: false,
  receivedContent: false,
  rawFile: false,
  rawWal: false,
};

/** Every file of the profile folder other than the database (attachments, logs, preferences) holding the token. */
function otherFilesHolding(p: Party, token: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.startsWith(DATABASE_FILE) && fs.readFileSync(full).includes(token)) hits.push(path.relative(p.backend.profileDir, full));
    }
  };
  walk(p.backend.profileDir);
  return hits;
}

const listed = async (p: Party, conversationId: string): Promise<MessageView[]> => p.backend.handlers['messages.list']({ conversationId, limit: 200 });
const holding = (token: string) => (m: MessageView) => m.text.includes(token);

/** Sends `text` from Alice to Bob and waits until Bob's timeline shows it. */
async function deliver(text: string, token: string): Promise<{ alice: MessageView; bob: MessageView }> {
  const sent = await alice.backend.handlers['messages.send']({ to: bob.id, text });
  const got = await until(`Bob receives ${token}`, async () => (await listed(bob, alice.id)).find(holding(token)));
  return { alice: sent, bob: got };
}

beforeAll(async () => {
  await loadProtocol();
  alice = await party('alice', 'Alice');
  bob = await party('bob', 'Bob');
  // A first exchange, so the conversation is an accepted one on both sides (as it would be in daily use).
  await deliver('hello Bob', 'hello Bob');
  await bob.backend.handlers['conversations.accept']({ id: alice.id });
  await bob.backend.handlers['messages.send']({ to: alice.id, text: 'hello Alice' });
  await until('Alice receives the reply', async () => (await listed(alice, bob.id)).some(holding('hello Alice')));
});

it('the profile databases are plaintext SQLite files (the test seam), so their bytes can be searched', async () => {
  for (const p of [alice, bob]) {
    const file = path.join(p.backend.profileDir, DATABASE_FILE);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  }
  // The outbox check sees through the sealing of a row to ourselves (as a sync copy is queued).
  const token = newToken();
  const sealed = encode1o1Message({ sender: alice.identity, recipient: alice.id, content: { dataMessage: { body: token, syncTarget: bob.id } }, timestampMs: Date.now(), random: secureRandom });
  expect(Buffer.from(sealed.wrapper).includes(token)).toBe(false);
  expect(outboxRowHolds(alice, { destination: alice.id, data: Buffer.from(sealed.wrapper) }, token)).toBe(true);
  expect(outboxRowHolds(alice, { destination: alice.id, data: Buffer.from(sealed.wrapper) }, newToken())).toBe(false);
});

it('an unsent message leaves no trace in either database, its index, raw file or WAL', async () => {
  const token = newToken();
  const { alice: sent } = await deliver(`unsend this ${token} please`, token);
  // While it exists, every place that holds it is found (the checks look where the text really goes).
  for (const p of [alice, bob]) {
    const found = await findToken(p, token, { withWalBefore: true });
    expect({ who: p === alice ? 'alice' : 'bob', ...found }).toMatchObject({ walBeforeCheckpoint: true, ftsVocabulary: true, ftsMatch: true, messageBody: true, rawFile: true });
  }
  expect((await findToken(bob, token)).messageContent).toBe(true);

  await alice.backend.handlers['messages.unsend']({ ids: [sent.id] });
  await until('Bob applies the unsend request', async () => !(await listed(bob, alice.id)).some(holding(token)));
  await until('Alice outbox has sent the unsend requests', async () => (await inspect(alice, (db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'control'").get() as { n: number })).n === 0);

  for (const p of [alice, bob]) {
    expect({ who: p === alice ? 'alice' : 'bob', ...(await findToken(p, token)) }).toEqual({ who: p === alice ? 'alice' : 'bob', ...NOWHERE });
    expect(otherFilesHolding(p, token)).toEqual([]);
  }
});

it('a message deleted for me on each side leaves no trace either', async () => {
  const token = newToken();
  const { alice: sent, bob: got } = await deliver(`delete ${token} here`, token);
  for (const p of [alice, bob]) expect((await findToken(p, token)).messageBody).toBe(true);
  expect(await alice.backend.handlers['messages.deleteForMe']({ ids: [sent.id] })).toEqual({ deleted: [sent.id] });
  expect(await bob.backend.handlers['messages.deleteForMe']({ ids: [got.id] })).toEqual({ deleted: [got.id] });
  for (const p of [alice, bob]) {
    expect({ who: p === alice ? 'alice' : 'bob', ...(await findToken(p, token)) }).toEqual({ who: p === alice ? 'alice' : 'bob', ...NOWHERE });
  }
});

it('a 10 s after-send message, once expired, leaves no trace in either database, its index, raw file or WAL', async () => {
  await alice.backend.handlers['conversations.setExpiration']({ id: bob.id, mode: 'after-send', seconds: 10 });
  const token = newToken();
  const { alice: sent, bob: got } = await deliver(`vanishing ${token} soon`, token);
  expect(sent.expiration).toEqual({ type: 'after-send', seconds: 10 });
  expect(got.expiration).toEqual({ type: 'after-send', seconds: 10 });
  for (const p of [alice, bob]) {
    expect({ who: p === alice ? 'alice' : 'bob', ...(await findToken(p, token)) }).toMatchObject({ ftsVocabulary: true, messageBody: true, rawFile: true });
  }

  // Gone from both timelines 10-15 s after it was sent (the sweeper runs every 100 ms here).
  await until('both copies expire', async () => !(await listed(alice, bob.id)).some(holding(token)) && !(await listed(bob, alice.id)).some(holding(token)), 30_000);
  expect(Date.now()).toBeGreaterThanOrEqual(sent.timestamp + 10_000);
  expect(Date.now()).toBeLessThan(sent.timestamp + 15_000);

  for (const p of [alice, bob]) {
    expect({ who: p === alice ? 'alice' : 'bob', ...(await findToken(p, token)) }).toEqual({ who: p === alice ? 'alice' : 'bob', ...NOWHERE });
    expect(otherFilesHolding(p, token)).toEqual([]);
  }
});
