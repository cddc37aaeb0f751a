// The large-profile generator (tools/bench/profile): a small profile opened with the backend's own code, as
// the web host opens it, shows what was generated: every conversation with its messages, newest page first,
// search hits for the chosen words, unread counts from the read positions, an encrypted file, and the same
// rows again for the same seed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, openBackend, silentLogger, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import type { ConversationSummary, MessageView } from '../../../ts/ipc/contract';
import type { GeneratedProfile, ProfileSpec } from '../../../tools/bench/profile/api';
import { parseProfileArgs } from '../../../tools/bench/profile/cli';
import { MARKER_FILE, ensureProfile, profileDirOf } from '../../../tools/bench/profile/generate';
import { conversationSizes, planHistory } from '../../../tools/bench/profile/plan';

const SPEC: ProfileSpec = { messages: 2_000, conversations: 20, seed: 7 };

/** A digest of every message row as stored (order, ids, text, times, statuses, hashes, raw Content). */
function messagesDigest(dataDir: string): string {
  const profileDir = profileDirOf(dataDir);
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
  const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
  try {
    const h = createHash('sha256');
    const rows = db
      .prepare<[], Record<string, unknown>>(
        'SELECT seq, id, conversation_id, sender, direction, body, sent_at, received_at, status, hash, sync_hash, content, quote_author, quote_sent_at FROM messages ORDER BY seq',
      )
      .raw()
      .all() as unknown as unknown[][];
    for (const r of rows) h.update(JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))));
    const others = ['attachments', 'reactions', 'received_content'].map((t) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${t}`).get()?.n);
    h.update(JSON.stringify(others));
    return h.digest('hex');
  } finally {
    db.close();
  }
}

async function allMessages(b: Backend, id: string): Promise<MessageView[]> {
  const out: MessageView[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await b.handlers['messages.page']({ conversationId: id, limit: 200, ...(before !== undefined ? { before } : {}) });
    out.unshift(...page.messages);
    if (!page.hasOlder || page.messages.length === 0) return out;
    before = page.messages[0]?.id;
  }
}

describe('bench profile generator', () => {
  let tmp: string;
  let profile: GeneratedProfile;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
    profile = await ensureProfile(SPEC, { cacheDir: path.join(tmp, 'a') });
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes the profile folder the hosts use, with an encrypted database', () => {
    expect(profile.generated).toBe(true);
    expect(profile.dataDir).toBe(path.join(tmp, 'a'));
    const profileDir = path.join(profile.dataDir, 'mainnet', 'default');
    const file = path.join(profileDir, DATABASE_FILE);
    const header = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    expect(header.toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fs.statSync(path.join(profileDir, 'db.key')).mode & 0o777).toBe(0o600);
    // Handed back in WAL mode with the WAL emptied into the file.
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    expect(profile.messagesPerConversation).toEqual(conversationSizes(SPEC.messages, SPEC.conversations));
    expect(profile.messagesPerConversation.reduce((a, b) => a + b, 0)).toBe(SPEC.messages);
    expect(new Set(profile.conversationIds).size).toBe(SPEC.conversations);
  });

  it('opens with the backend as the web host opens it and shows every conversation, page and search hit', async () => {
    const before = messagesDigest(profile.dataDir);
    const b = await openBackend({ dataDir: profile.dataDir, host: 'web', appVersion: '0.0.0-bench', logger: silentLogger, engine: { startNetwork: false } });
    try {
      const account = await b.handlers['account.get']({});
      expect(account?.sessionId).toBe(profile.sessionId);
      expect(account?.displayName).toBe(`Bench ${SPEC.seed}`);

      const list: ConversationSummary[] = await b.handlers['conversations.list']({});
      expect(list).toHaveLength(SPEC.conversations);
      expect(new Set(list.map((c) => c.id))).toEqual(new Set(profile.conversationIds));
      for (const c of list) {
        expect(c).toMatchObject({ kind: 'private', isApproved: true, isRequest: false, isBlocked: false });
        expect(c.name).toBeTruthy();
        expect(c.lastMessage).toBeDefined();
      }
      // Pinned conversations come first, then the most recent.
      const pinned = list.filter((c) => c.pinnedPriority !== undefined);
      expect(pinned.length).toBeGreaterThanOrEqual(2);
      expect(list.slice(0, pinned.length)).toEqual(pinned);
      const rest = list.slice(pinned.length).map((c) => c.updatedAt);
      expect(rest).toEqual([...rest].sort((x, y) => y - x));

      // Unread counts are what the plan left unread (read positions in ConvoInfoVolatile and message statuses agree).
      const plan = planHistory(SPEC);
      const unreadOf = new Map(profile.conversationIds.map((id, i) => [id, plan.conversations[i]?.unread]));
      for (const c of list) expect(c.unreadCount).toBe(unreadOf.get(c.id));
      expect(list.some((c) => c.unreadCount > 0)).toBe(true);
      expect(list.some((c) => c.unreadCount === 0)).toBe(true);

      // Every conversation holds its generated messages, in time order, from both sides.
      for (const [i, id] of profile.conversationIds.entries()) {
        const all = await allMessages(b, id);
        expect(all).toHaveLength(profile.messagesPerConversation[i] as number);
        const times = all.map((m) => m.timestamp);
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }
      const busiest = profile.conversationIds[0] as string;
      const newest = await b.handlers['messages.page']({ conversationId: busiest, limit: 50 });
      expect(newest.messages).toHaveLength(50);
      expect(newest.hasOlder).toBe(true);
      expect(newest.hasNewer).toBe(false);
      const summary = list.find((c) => c.id === busiest);
      expect(newest.messages[newest.messages.length - 1]?.id).toBe(summary?.lastMessage?.id);
      const directions = new Set((await allMessages(b, busiest)).map((m) => m.direction));
      expect(directions).toEqual(new Set(['incoming', 'outgoing']));

      // Search finds the chosen words, newest first.
      const rare = await b.handlers['messages.search']({ query: profile.searchTerms.rare, limit: 100 });
      expect(rare.messages.length).toBeGreaterThanOrEqual(1);
      for (const hit of rare.messages) expect(hit.message.text.toLowerCase()).toContain(profile.searchTerms.rare);
      const stamps = rare.messages.map((h) => h.message.timestamp);
      expect(stamps).toEqual([...stamps].sort((x, y) => y - x));
      const common = await b.handlers['messages.search']({ query: profile.searchTerms.common, limit: 100 });
      expect(common.messages.length).toBeGreaterThan(rare.messages.length);
      const phrase = await b.handlers['messages.search']({ query: profile.searchTerms.phrase, limit: 100 });
      expect(phrase.messages.some((h) => h.message.text.toLowerCase().includes(profile.searchTerms.phrase))).toBe(true);
      const prefix = await b.handlers['messages.search']({ query: profile.searchTerms.prefix, limit: 100 });
      expect(prefix.messages.length).toBeGreaterThanOrEqual(1);
    } finally {
      await b.close();
    }
    // Opening it (config sync writing its caches, read positions applied) changed no message.
    expect(messagesDigest(profile.dataDir)).toBe(before);
  });

  it('reuses the cached profile, and the same seed writes the same rows', async () => {
    const again = await ensureProfile(SPEC, { cacheDir: profile.dataDir });
    expect(again.generated).toBe(false);
    expect(again.generateMs).toBe(0);
    expect({ ...again, generated: true, generateMs: 0 }).toEqual({ ...profile, generateMs: 0 });

    const twin = await ensureProfile(SPEC, { cacheDir: path.join(tmp, 'b') });
    expect(twin.generated).toBe(true);
    expect({ ...twin, dataDir: '', generateMs: 0 }).toEqual({ ...profile, dataDir: '', generateMs: 0 });
    expect(messagesDigest(twin.dataDir)).toBe(messagesDigest(path.join(tmp, 'a')));

    const other = await ensureProfile({ ...SPEC, seed: SPEC.seed + 1 }, { cacheDir: path.join(tmp, 'c') });
    expect(other.sessionId).not.toBe(profile.sessionId);
    expect(messagesDigest(other.dataDir)).not.toBe(messagesDigest(twin.dataDir));
  });

  it('writes the profile again when forced or when the cached one is of another spec', async () => {
    const dir = path.join(tmp, 'b');
    const forced = await ensureProfile(SPEC, { cacheDir: dir, force: true });
    expect(forced.generated).toBe(true);
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as { spec: ProfileSpec };
    expect(marker.spec).toEqual(SPEC);
    const smaller = await ensureProfile({ ...SPEC, messages: 500 }, { cacheDir: dir });
    expect(smaller.generated).toBe(true);
    expect(smaller.messagesPerConversation.reduce((a, b) => a + b, 0)).toBe(500);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses impossible specs and bad command-line arguments with a clear message', async () => {
    await expect(ensureProfile({ messages: 10, conversations: 20, seed: 1 }, { cacheDir: path.join(tmp, 'x') })).rejects.toThrow(/at least one per conversation/);
    await expect(ensureProfile({ messages: 10, conversations: 0, seed: 1 }, { cacheDir: path.join(tmp, 'x') })).rejects.toThrow(/conversation count/);
    expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
    expect(parseProfileArgs(['--messages', '5000', '--conversations', '50', '--seed', '3', '--out', '/tmp/p', '--force'])).toEqual({
      spec: { messages: 5000, conversations: 50, seed: 3 },
      out: '/tmp/p',
      force: true,
    });
    expect(parseProfileArgs([]).spec).toEqual({ messages: 1_000_000, conversations: 1_000, seed: 1 });
    expect(() => parseProfileArgs(['--messages', 'lots'])).toThrow(/whole number/);
    expect(() => parseProfileArgs(['--seed'])).toThrow(/needs a value/);
    expect(() => parseProfileArgs(['--colour'])).toThrow(/Unknown argument/);
  });
});
