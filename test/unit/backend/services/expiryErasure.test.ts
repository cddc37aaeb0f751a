// The expiry sweeper's two erasure paths (row by row, and a large batch's single full-text merge) leave nothing
// of an expired message in the database file or its WAL: checked on a plaintext database (the Jest-only seam of
// ts/backend/db/database.ts) by searching the raw bytes after a TRUNCATE checkpoint, and the index's vocabulary.
// Before the sweep the same searches find every token, so they look where the text really is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createExpirationStore } from '../../../../ts/backend/db/expirationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { createReceivedContentStore } from '../../../../ts/backend/db/receivedContentStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { BULK_ERASE_FROM, createExpirySweeper } from '../../../../ts/backend/services/expiry';
import { encodeContent } from '../../../../ts/protocol';

const NOW = 1_800_000_000_000;
const PEER = `05${'c3'.repeat(32)}`;

let dir = '';
let file = '';
let db: Db;
const savedSeam = process.env.SESSION_TEST_PLAINTEXT_DATABASE;
beforeEach(() => {
  process.env.SESSION_TEST_PLAINTEXT_DATABASE = '1';
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expiry-erasure-'));
  file = path.join(dir, 'session.db');
  db = openEncryptedDatabase(file, new Uint8Array(32).fill(8));
  runMigrations(db, MIGRATIONS, silentLogger);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (savedSeam === undefined) delete process.env.SESSION_TEST_PLAINTEXT_DATABASE;
  else process.env.SESSION_TEST_PLAINTEXT_DATABASE = savedSeam;
});

/** Stores `expired` messages already past their expiry and `kept` ones that are not; returns their tokens. */
function seed(expired: number, kept: number): { gone: string[]; staying: string[] } {
  const messages = createMessageStore(db);
  const conversations = createConversationStore(db);
  const gone: string[] = [];
  const staying: string[] = [];
  db.transaction(() => {
    conversations.touch(PEER, 'private', NOW);
    for (let i = 0; i < expired + kept; i++) {
      const expiring = i < expired;
      const token = `zqx${expiring ? 'gone' : 'kept'}${i.toString().padStart(4, '0')}`;
      (expiring ? gone : staying).push(token);
      const body = `note ${token} end`;
      messages.insert({
        id: `m${i}`,
        conversationId: PEER,
        sender: PEER,
        direction: 'incoming',
        body,
        content: encodeContent({ dataMessage: { body }, expirationType: 2, expirationTimer: 60 }),
        sentAt: NOW - 100_000 + i,
        receivedAt: NOW - 90_000,
        status: 'read',
        expirationType: 'after-send',
        expirationTimer: 60,
        expiresAt: expiring ? NOW - 1 : NOW + 3_600_000,
      });
    }
  })();
  return { gone, staying };
}

/** The sweeper as the backend builds it; `bulkRuns` counts the batches erased with one full-text merge. */
function sweeper(): { sweep: () => string[]; bulkRuns: () => number } {
  const messages = createMessageStore(db);
  const store = createExpirationStore(db);
  let bulk = 0;
  const events = createEventBus(silentLogger);
  const conversationsService = createConversationsService({ store: createConversationStore(db), messages, events, now: () => NOW, db });
  const s = createExpirySweeper({
    db,
    messages,
    received: createReceivedContentStore(db),
    conversationsService,
    events,
    log: silentLogger,
    now: () => NOW,
    store: {
      worthBulkFtsErase: (rows) => store.worthBulkFtsErase(rows),
      withBulkFtsErase: (deleteRows) => {
        bulk++;
        return store.withBulkFtsErase(deleteRows);
      },
    },
  });
  return { sweep: () => s.sweep(), bulkRuns: () => bulk };
}

/** The file's and WAL's bytes after checkpointing everything into the file and truncating the WAL. */
function rawBytes(): Buffer {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  expect(r?.busy).toBe(0);
  const wal = fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0);
  return Buffer.concat([fs.readFileSync(file), wal]);
}

function inVocabulary(term: string): boolean {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab('main', 'messages_fts', 'row')");
  return (db.prepare('SELECT count(*) AS n FROM temp.fts_terms WHERE term = ?').get(term) as { n: number }).n > 0;
}

describe.each([
  ['a large batch (one full-text merge)', BULK_ERASE_FROM * 2, 1],
  ['a small batch (row by row)', 3, 0],
])('expired messages swept in %s', (_label, expired, merges) => {
  it('are gone from the index, the rows, the raw file and the WAL; the rest stays', () => {
    const { gone, staying } = seed(expired, 20);
    const before = rawBytes();
    for (const t of [gone[0], gone[gone.length - 1], staying[0]] as string[]) {
      expect(before.includes(t)).toBe(true);
      expect(inVocabulary(t)).toBe(true);
    }

    const s = sweeper();
    expect(s.sweep()).toHaveLength(expired);
    expect(s.bulkRuns()).toBe(merges);

    const after = rawBytes();
    expect(gone.filter((t) => after.includes(t))).toEqual([]);
    expect(gone.filter((t) => inVocabulary(t))).toEqual([]);
    expect(staying.every((t) => after.includes(t) && inVocabulary(t))).toBe(true);
    expect((db.prepare("SELECT count(*) AS n FROM messages WHERE instr(body, 'zqxgone') > 0 OR instr(content, 'zqxgone') > 0").get() as { n: number }).n).toBe(0);
  });
});
