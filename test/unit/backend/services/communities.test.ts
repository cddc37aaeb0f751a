// The pure parts of communities: when the next poll of a server runs (idle and failure back-off), what one
// poll asks for (one batch for all rooms), share-URL parsing, mention detection, and which room messages the
// trim setting deletes.
import { SogsError, buildPollBatch } from '../../../../ts/network/sogs';
import { createCommunityStore } from '../../../../ts/backend/db/communityStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { DEFAULT_POLL_TIMING, TRIM_AGE_MS, TRIM_KEEP_MESSAGES, nextPollDelay, pollPlan } from '../../../../ts/backend/services/communityPolling';
import { mentions, mergePages, roomPointerOf } from '../../../../ts/backend/services/communities';
import type { SogsMessage, SogsPollInfo, SogsPollResult } from '../../../../ts/network/sogs';
import { decryptAttachmentBlob, loadProtocol, openRoomMessage, parseAttachmentPointer } from '../../../../ts/protocol';
import { attachmentRowsFromPointers } from '../../../../ts/backend/media/receivedAttachments';
import { encryptedTestDb } from '../db/testDb';

const T = { baseMs: 10_000, idleAfterMs: 60_000, idleMaxMs: 60_000, failMaxMs: 300_000 };

beforeAll(loadProtocol);

describe('nextPollDelay', () => {
  it('polls at the base interval while rooms are active', () => {
    expect(nextPollDelay({ lastActivityAt: 1_000, failures: 0 }, 1_000, T)).toBe(10_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 59_999, T)).toBe(10_000);
  });
  it('backs off while quiet, up to the idle ceiling', () => {
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 60_000, T)).toBe(20_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 120_000, T)).toBe(40_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 10 * 60_000, T)).toBe(60_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 1e12, T)).toBe(60_000);
  });
  it('backs off exponentially on failures, capped, and not below the base', () => {
    expect(nextPollDelay({ lastActivityAt: 0, failures: 1 }, 0, T)).toBe(20_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 3 }, 0, T)).toBe(80_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 50 }, 0, T)).toBe(300_000);
    expect(nextPollDelay({ lastActivityAt: 0, failures: 0 }, 0, { ...T, idleMaxMs: 1 })).toBe(10_000);
  });
  it('defaults to desktop’s 10 s', () => {
    expect(DEFAULT_POLL_TIMING.baseMs).toBe(10_000);
  });
});

describe('pollPlan → one batch per poll (spec advanced A.8)', () => {
  it('asks each room for recent messages first, then for updates since its seqno, with reactions', () => {
    const plan = pollPlan([{ token: 'lobby' }, { token: 'Dev', seqno: 42 }], { blinded: true, inbox: false, inboxCursor: 0, outboxCursor: 0 });
    expect(buildPollBatch(plan)).toEqual([
      { method: 'GET', path: '/capabilities' },
      { method: 'GET', path: '/room/lobby/pollInfo/0' },
      { method: 'GET', path: '/room/lobby/messages/recent?reactors=5' },
      { method: 'GET', path: '/room/Dev/pollInfo/0' },
      { method: 'GET', path: '/room/Dev/messages/since/42?t=r&reactors=5' },
      { method: 'GET', path: '/outbox' },
    ]);
  });
  it('polls the inbox only with community message requests on, and only on blinding servers', () => {
    const on = pollPlan([{ token: 'a', seqno: 1 }], { blinded: true, inbox: true, inboxCursor: 7, outboxCursor: 3 });
    expect(buildPollBatch(on).map((r) => r.path).slice(-2)).toEqual(['/inbox/since/7', '/outbox/since/3']);
    const unblinded = pollPlan([{ token: 'a', seqno: 1 }], { blinded: false, inbox: true, inboxCursor: 0, outboxCursor: 0 });
    expect(buildPollBatch(unblinded).map((r) => r.path)).toEqual(['/capabilities', '/room/a/pollInfo/0', '/room/a/messages/since/1?t=r&reactors=5']);
  });
  it('keeps 20 idle rooms in one request', () => {
    const rooms = Array.from({ length: 20 }, (_, i) => ({ token: `r${i}`, seqno: i }));
    expect(buildPollBatch(pollPlan(rooms, { blinded: true, inbox: false, inboxCursor: 0, outboxCursor: 0 }))).toHaveLength(1 + 40 + 1);
  });
});

describe('mergePages (catch-up pages stored in one transaction)', () => {
  const row = (id: number): SogsMessage => ({ id, seqno: id, deleted: false, whisper: false, whisperMods: false });
  const info = (activeUsers: number): SogsPollInfo => ({ token: 'A', activeUsers, read: true, write: true, upload: true, moderator: false, admin: false, globalModerator: false, globalAdmin: false });
  it("joins each room's rows in page order, keeps the newest room info, the first page's DMs and every error", async () => {
    const first: SogsPollResult = {
      capabilities: { capabilities: ['sogs', 'blind'] },
      rooms: [
        { token: 'A', info: info(1), messages: [row(1), row(2)] },
        { token: 'b', messages: [row(10)] },
      ],
      inbox: [],
      errors: [],
    };
    const failed = new SogsError('server-error', 503, '', 'unavailable');
    const second: SogsPollResult = { rooms: [{ token: 'a', messages: [row(3)] }, { token: 'B', info: { ...info(7), token: 'B' }, messages: [row(11)] }], errors: [failed] };
    const third: SogsPollResult = { rooms: [{ token: 'A', info: info(9), messages: [row(4)] }], errors: [] };
    // What the workers answer for a post that does not verify.
    const refused = openRoomMessage({ senderId: `15${'0'.repeat(64)}`, data: new Uint8Array(1), signature: new Uint8Array(64), postedMs: 0 });
    const opened = (ids: number[]) => Promise.resolve(new Map(ids.map((i) => [row(i), refused])));
    const merged = mergePages([{ result: first, opening: opened([1]) }, { result: second }, { result: third, opening: opened([4]) }]);
    expect(merged.result.capabilities).toEqual(first.capabilities);
    expect(merged.result.inbox).toEqual([]);
    expect(merged.result.errors).toEqual([failed]);
    expect(merged.result.rooms.map((r) => [r.token.toLowerCase(), r.messages?.map((m) => m.id), r.info?.activeUsers])).toEqual([
      ['a', [1, 2, 3, 4], 9],
      ['b', [10, 11], 7],
    ]);
    // The workers' results of every page, in one map.
    expect((await merged.opening)?.size).toBe(2);
    // One page is passed through as it is.
    const alone = { result: first };
    expect(mergePages([alone])).toBe(alone);
  });
});

describe('mentions', () => {
  it('finds mentions of any of our ids', () => {
    const me15 = `15${'1'.repeat(64)}`;
    expect(mentions(`hi @${me15}!`, [me15, `05${'2'.repeat(64)}`])).toBe(true);
    expect(mentions(`hi ${me15}`, [me15])).toBe(false);
  });
});

describe('trimming large rooms (setting trimCommunities)', () => {
  const t = encryptedTestDb('communities-trim-');
  it('lists only messages older than six months of rooms holding more than the limit', () => {
    const store = createCommunityStore(t.db);
    const messages = createMessageStore(t.db);
    const now = 1_800_000_000_000;
    const old = now - TRIM_AGE_MS - 1;
    const addRoom = (id: string): void => {
      t.db.prepare("INSERT INTO conversations (id, kind, created_at, updated_at) VALUES (?, 'community', 0, 0)").run(id);
    };
    addRoom('http://a.example/big');
    addRoom('http://a.example/small');
    const put = (room: string, n: number, at: (i: number) => number): void => {
      for (let i = 0; i < n; i++) {
        messages.insert({ id: `${room.endsWith('big') ? 'b' : 'c'}${i}`.padEnd(32, '0'), conversationId: room, sender: `15${'3'.repeat(64)}`, direction: 'incoming', body: 'x', sentAt: at(i), receivedAt: now, status: 'received', serverId: i + 1 });
      }
    };
    // The limit is a parameter (the app passes TRIM_KEEP_MESSAGES); 20 keeps the test small.
    put('http://a.example/big', 30, (i) => (i < 10 ? old - i : now - i));
    put('http://a.example/small', 10, (i) => old - 100 - i);
    const ids = store.trimCandidates(now - TRIM_AGE_MS, 20, 1000);
    expect(ids).toHaveLength(10);
    expect(ids.every((id) => id.startsWith('b'))).toBe(true);
    expect(TRIM_KEEP_MESSAGES).toBe(2000);
  });
});

describe('room files (spec advanced A.9: stored as is, pointer without key)', () => {
  const row = {
    messageId: 'm', index: 0, fileName: 'a.txt', contentType: 'text/plain', size: 5, width: null, height: null, durationMs: null, flags: 0, caption: null,
    url: 'http://sogs.example/room/lobby/file/42', remoteKey: null, digest: null, state: 'downloaded' as const, error: null, attempts: 0, nextAttemptAt: null,
    fileId: null, fileKey: null, thumbId: null, thumbKey: null, sha256: null,
  };
  it('sends a pointer with the room file URL and no key or digest', () => {
    const p = roomPointerOf(row);
    expect(p).toEqual({ deprecatedId: 42, url: 'http://sogs.example/room/lobby/file/42', size: 5, contentType: 'text/plain', fileName: 'a.txt' });
  });
  it('receives such a pointer as a plain file: downloadable, taken as is when its size matches', () => {
    const p = roomPointerOf(row);
    const parsed = parseAttachmentPointer(p);
    expect(parsed.ok && parsed.value.plain).toBe(true);
    if (!parsed.ok) return;
    const bytes = new TextEncoder().encode('hello');
    expect(decryptAttachmentBlob(parsed.value, bytes)).toEqual({ ok: true, value: bytes });
    expect(decryptAttachmentBlob(parsed.value, bytes.subarray(0, 4)).ok).toBe(false);
    expect(attachmentRowsFromPointers([p], { autoDownload: true, autoDownloadMaxBytes: 100 })[0]).toMatchObject({ state: 'queued', url: p.url });
  });
  it('still refuses a file-server pointer without a key', () => {
    const parsed = parseAttachmentPointer({ deprecatedId: 0, url: 'http://files.example/file/42', size: 5, contentType: 'text/plain' });
    expect(parsed.ok).toBe(false);
  });
});
