// Attachments stored before this version (acceptance 2 of issue 11): a database made the way version 8
// made it (migrations 1-8, then the exact statements its receiver ran: the raw Content with 'attachments'
// listed as unsupported, no attachment rows) opened by this version gets its attachment rows from the stored
// Content, without refetching anything, in batches, once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend } from '../../../../ts/backend';
import { createAttachmentQueue } from '../../../../ts/backend/db/attachmentQueue';
import { createTransferProgress } from '../../../../ts/backend/db/attachmentStore';
import { openEncryptedDatabase, type Db } from '../../../../ts/backend/db/database';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../../ts/backend/db/migrations';
import { resolveProfileDir } from '../../../../ts/backend/dataDir';
import { createEventBus } from '../../../../ts/backend/events';
import { loadOrCreateDatabaseKey } from '../../../../ts/backend/keyFile';
import { silentLogger } from '../../../../ts/backend/log';
import { createAttachmentBackfill } from '../../../../ts/backend/services/attachmentBackfill';
import type { MessageView } from '../../../../ts/ipc/contract';
import { encodeContent, secureRandom, type ContentProps } from '../../../../ts/protocol';
import { waitUntil } from '../../../support/until';

const ME = `05${'11'.repeat(32)}`;
const ALICE = `05${'aa'.repeat(32)}`;
const STRANGER = `05${'cc'.repeat(32)}`;
const NOW = 1_780_000_000_000;
const DAY = 24 * 60 * 60 * 1000;

const pointer = (id: number, extra: Record<string, unknown> = {}) => ({
  deprecatedId: id,
  contentType: 'image/jpeg',
  key: new Uint8Array(64).fill(id),
  size: 1_000 + id,
  digest: new Uint8Array(32).fill(id),
  fileName: `photo${id}.jpg`,
  url: `http://filev2.getsession.org/file/${id}`,
  ...extra,
});

/** The statements the version-8 stores ran for a received message (ts/backend/db at migration 8). */
function v8Statements(db: Db) {
  const conversation = db.prepare<[string, string, number, number]>(
    `INSERT INTO conversations (id, kind, created_at, updated_at, hidden) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT(id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at), hidden = 0`,
  );
  const contact = db.prepare<{ id: string; approved: number | null; approvedMe: number | null; name: string | null; now: number }>(
    `INSERT INTO contacts (session_id, is_approved, did_approve_me, profile_name, updated_at)
       VALUES (@id, coalesce(@approved, 0), coalesce(@approvedMe, 0), @name, @now)
     ON CONFLICT(session_id) DO UPDATE SET is_approved = coalesce(@approved, is_approved), did_approve_me = coalesce(@approvedMe, did_approve_me)`,
  );
  const message = db.prepare<Record<string, string | number | Buffer | null>>(
    `INSERT OR IGNORE INTO messages
       (id, conversation_id, sender, direction, body, sent_at, received_at, status, hash, content, unsupported, expiration_type, expiration_timer, expires_at)
     VALUES (@id, @conversationId, @sender, @direction, @body, @sentAt, @receivedAt, @status, @hash, @content, @unsupported, @expirationType, @expirationTimer, @expiresAt)`,
  );
  return {
    conversation: (id: string, at: number) => conversation.run(id, 'private', at, at),
    contact: (id: string, approved: boolean) => contact.run({ id, approved: approved ? 1 : null, approvedMe: 1, name: null, now: NOW }),
    /** A received message as the v8 receiver stored it: body, raw Content, unsupported parts as JSON. */
    message(m: { id: string; conversationId: string; sender: string; direction: 'incoming' | 'outgoing'; body: string; sentAt: number; content: Uint8Array; unsupported: string[] }) {
      message.run({
        id: m.id,
        conversationId: m.conversationId,
        sender: m.sender,
        direction: m.direction,
        body: m.body,
        sentAt: m.sentAt,
        receivedAt: m.sentAt + 10,
        status: m.direction === 'outgoing' ? 'sent' : 'received',
        hash: `hash-${m.id}`,
        content: Buffer.from(m.content),
        unsupported: m.unsupported.length > 0 ? JSON.stringify(m.unsupported) : null,
        expirationType: null,
        expirationTimer: null,
        expiresAt: null,
      });
    },
  };
}

/** What version 8 listed as unsupported for a DataMessage (its receiver's classify). */
function v8Unsupported(c: ContentProps): string[] {
  const dm = c.dataMessage;
  const out: string[] = [];
  if ((dm?.attachments?.length ?? 0) > 0) out.push('attachments');
  if (dm?.quote) out.push('quote');
  return out;
}

describe('attachments stored before this version', () => {
  let root: string;
  let profileDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'backfill-'));
    profileDir = resolveProfileDir(root, 'mainnet', 'old');
    fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A version-8 profile with `messages`, closed again. */
  function makeV8Profile(messages: { id: string; sender: string; direction: 'incoming' | 'outgoing'; sentAt: number; content: ContentProps | Uint8Array; conversationId?: string }[]) {
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: false, randomBytes: secureRandom });
    const db = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
    runMigrations(db, MIGRATIONS.filter((m) => m.version <= 8), silentLogger);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'attachments'").get()).toEqual({ n: 0 });
    const v8 = v8Statements(db);
    v8.conversation(ALICE, NOW - 40 * DAY);
    v8.contact(ALICE, true);
    v8.conversation(STRANGER, NOW - DAY);
    v8.contact(STRANGER, false);
    for (const m of messages) {
      const raw = m.content instanceof Uint8Array ? m.content : encodeContent(m.content);
      const c = m.content instanceof Uint8Array ? {} : m.content;
      v8.message({
        id: m.id,
        conversationId: m.conversationId ?? (m.direction === 'outgoing' ? ALICE : m.sender),
        sender: m.sender,
        direction: m.direction,
        body: c.dataMessage?.body ?? '',
        sentAt: m.sentAt,
        content: raw,
        unsupported: m.content instanceof Uint8Array ? ['attachments'] : v8Unsupported(c),
      });
    }
    db.close();
  }

  const open = (): Promise<Backend> =>
    openBackend({ dataDir: root, profile: 'old', host: 'cli', appVersion: '0.0.0', logger: silentLogger, now: () => NOW, engine: { startNetwork: false } });

  it('renders the old messages’ attachments from their stored Content after the upgrade, once', async () => {
    makeV8Profile([
      { id: 'only-files', sender: ALICE, direction: 'incoming', sentAt: NOW - 2 * DAY, content: { dataMessage: { attachments: [pointer(1), pointer(2, { contentType: 'application/pdf', fileName: 'a/b.pdf' })] } } },
      { id: 'with-quote', sender: ALICE, direction: 'incoming', sentAt: NOW - 2 * DAY + 1, content: { dataMessage: { body: 'look', quote: { id: 1, author: ME }, attachments: [pointer(3)] } } },
      { id: 'request', sender: STRANGER, direction: 'incoming', sentAt: NOW - DAY, content: { dataMessage: { attachments: [pointer(4)] } } },
      { id: 'mine', sender: ME, direction: 'outgoing', sentAt: NOW - DAY + 1, content: { dataMessage: { body: 'sent from my phone', syncTarget: ALICE, attachments: [pointer(5, { flags: 1, contentType: 'audio/mpeg' })] } } },
      { id: 'too-old', sender: ALICE, direction: 'incoming', sentAt: NOW - 30 * DAY, content: { dataMessage: { attachments: [pointer(6)] } } },
      { id: 'no-key', sender: ALICE, direction: 'incoming', sentAt: NOW - DAY + 2, content: { dataMessage: { attachments: [pointer(7, { key: new Uint8Array(0) })] } } },
      { id: 'unreadable', sender: ALICE, direction: 'incoming', sentAt: NOW - DAY + 3, content: new Uint8Array([0xff, 0xff, 0xff]) },
      { id: 'text', sender: ALICE, direction: 'incoming', sentAt: NOW - DAY + 4, content: { dataMessage: { body: 'just text' } } },
    ]);
    const b = await open();
    const list = async (id: string): Promise<MessageView[]> => b.handlers['messages.list']({ conversationId: id, limit: 100 });
    await waitUntil('the backfill made the rows', async () => (await list(ALICE)).find((m) => m.id === 'mine')?.attachments !== undefined, 5_000, 10);
    const byId = new Map([...(await list(ALICE)), ...(await list(STRANGER))].map((m) => [m.id, m]));
    const shown = (id: string) => {
      const m = byId.get(id);
      return { text: m?.text, unsupported: m?.unsupported, attachments: m?.attachments?.map((a) => [a.index, a.contentType, a.fileName, a.state, a.voice]) };
    };
    expect(shown('only-files')).toEqual({
      text: '',
      unsupported: undefined,
      attachments: [
        [0, 'image/jpeg', 'photo1.jpg', 'queued', false],
        [1, 'application/pdf', 'a_b.pdf', 'queued', false],
      ],
    });
    expect(shown('with-quote')).toEqual({ text: 'look', unsupported: ['quote'], attachments: [[0, 'image/jpeg', 'photo3.jpg', 'queued', false]] });
    // A message request's and a file older than the server keeps them wait for a click.
    expect(shown('request').attachments).toEqual([[0, 'image/jpeg', 'photo4.jpg', 'not-downloaded', false]]);
    expect(shown('too-old').attachments).toEqual([[0, 'image/jpeg', 'photo6.jpg', 'not-downloaded', false]]);
    expect(shown('mine')).toEqual({ text: 'sent from my phone', unsupported: undefined, attachments: [[0, 'audio/mpeg', 'photo5.jpg', 'queued', true]] });
    expect(byId.get('no-key')?.attachments?.[0]).toMatchObject({ state: 'failed', error: 'This attachment cannot be opened: it has no key.' });
    // Content that cannot be read keeps its placeholder: nothing is lost.
    expect(shown('unreadable')).toEqual({ text: '', unsupported: ['attachments'], attachments: undefined });
    expect(shown('text')).toEqual({ text: 'just text', unsupported: undefined, attachments: undefined });
    // The pointers came from the stored Content, byte for byte.
    const gallery = await b.handlers['attachments.gallery']({ conversationId: ALICE, kind: 'files' });
    expect(gallery.items.map((i) => [i.messageId, i.attachment.index])).toEqual([['mine', 0], ['only-files', 1]]);
    await b.close();

    // Opening again changes nothing.
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: secureRandom });
    const before = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
    const snapshot = () => before.prepare('SELECT message_id, idx, state, url, hex(remote_key) AS k FROM attachments ORDER BY message_id, idx').all();
    const rows = snapshot();
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => (r as { message_id: string }).message_id === 'only-files')).toMatchObject({ url: 'http://filev2.getsession.org/file/1', k: '01'.repeat(64) });
    before.close();
    const again = await open();
    const events: unknown[] = [];
    again.on('messages.updated', (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 50));
    await again.close();
    const after = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
    expect(after.prepare('SELECT message_id, idx, state, url, hex(remote_key) AS k FROM attachments ORDER BY message_id, idx').all()).toEqual(rows);
    after.close();
    expect(events).toEqual([]);
  });

  it('works in batches, resumes where it stopped, and never makes a row twice', async () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      id: `m${i}`,
      sender: ALICE,
      direction: 'incoming' as const,
      sentAt: NOW - DAY + i,
      content: { dataMessage: { body: `m${i}`, attachments: [pointer(10 + i), pointer(20 + i)] } },
    }));
    makeV8Profile(many);
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: secureRandom });
    const db = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
    runMigrations(db, MIGRATIONS, silentLogger);
    const queue = createAttachmentQueue(db);
    const messages = createMessageStore(db, createTransferProgress());
    const events = createEventBus(silentLogger);
    const batches: number[] = [];
    events.on('messages.updated', (e) => batches.push(e.messages.length));
    let queued = 0;
    const make = (pauses: { n: number }, stopAfter?: number) => {
      const backfill = createAttachmentBackfill({
        db,
        queue,
        messages,
        events,
        log: silentLogger,
        now: () => NOW,
        autoDownloadMaxBytes: 1_000_000,
        batchSize: 3,
        onQueued: () => queued++,
        pause: async () => {
          pauses.n++;
          if (stopAfter !== undefined && pauses.n >= stopAfter) backfill.stop();
        },
      });
      return backfill;
    };
    // Stopped after its first batch (the app closed): three messages done.
    const first = await make({ n: 0 }, 1).run();
    expect(first).toEqual({ messages: 3, attachments: 6, unreadable: 0 });
    expect(batches).toEqual([3]);
    // The next start goes on from there.
    const second = await make({ n: 0 }).run();
    expect(second).toEqual({ messages: 4, attachments: 8, unreadable: 0 });
    expect(batches).toEqual([3, 3, 1]);
    expect(queued).toBe(3);
    const third = await make({ n: 0 }).run();
    expect(third).toEqual({ messages: 0, attachments: 0, unreadable: 0 });
    expect((db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n).toBe(14);
    expect((db.prepare("SELECT count(*) AS n FROM messages WHERE unsupported IS NOT NULL").get() as { n: number }).n).toBe(0);
    db.close();
  });
});
