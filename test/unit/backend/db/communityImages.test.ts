// Room images on a real (encrypted) database and file store: a downloaded image is checked by its bytes and
// kept sealed at rest with the room; bytes that are not an image are kept out and not fetched again for the same
// image id; a network failure is retried; a removed image and a left room take their copy off the disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCommunityImageStore } from '../../../../ts/backend/db/communityImageStore';
import { createCommunityStore } from '../../../../ts/backend/db/communityStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createLineLogger } from '../../../../ts/backend/log';
import { createFileStore, type FileStore } from '../../../../ts/backend/media/fileStore';
import { createCommunityImagesService, roomImageVersion, type CommunityImagesService } from '../../../../ts/backend/services/communityImages';
import { NetworkError } from '../../../../ts/network';
import { encryptedTestDb } from './testDb';

const BASE = 'http://127.0.0.1:40123';
const ROOM = `${BASE}/lobby`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('room images', () => {
  const testDb = encryptedTestDb('community-images-');
  let dir = '';
  let files: FileStore;
  let service: CommunityImagesService | undefined;
  const lines: string[] = [];
  const changed: string[][] = [];
  let answers: Map<number, () => Promise<Uint8Array>>;
  const asked: number[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-images-files-'));
    files = createFileStore({ profileDir: dir, db: testDb.db, randomBytes: (n) => new Uint8Array(randomBytes(n)), log: createLineLogger(() => undefined) });
    lines.length = 0;
    changed.length = 0;
    asked.length = 0;
    answers = new Map();
  });
  afterEach(() => {
    service?.stop();
    service = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const setup = (retryBaseMs = 60_000, now: () => number = Date.now) => {
    const rooms = createCommunityStore(testDb.db);
    createConversationStore(testDb.db).touch(ROOM, 'community', 1);
    rooms.upsertServer(BASE, 'a0'.repeat(32));
    rooms.addRoom({ conversationId: ROOM, baseUrl: BASE, token: 'lobby', joinedAt: 1 });
    const store = createCommunityImageStore(testDb.db);
    service = createCommunityImagesService({
      store,
      files,
      download: (base, token, fileId) => {
        expect([base, token]).toEqual([BASE, 'lobby']);
        asked.push(fileId);
        const a = answers.get(fileId);
        return a ? a() : Promise.reject(new NetworkError('not-found'));
      },
      changed: (ids) => changed.push(ids),
      log: createLineLogger((l) => lines.push(l), 'debug'),
      now,
      retryBaseMs,
    });
    service.start();
    return { rooms, store, service };
  };
  const onDisk = () => (fs.existsSync(path.join(dir, 'attachments')) ? fs.readdirSync(path.join(dir, 'attachments')).filter((f) => /^[0-9a-f]{32}$/.test(f)) : []);

  it('keeps a downloaded image sealed at rest and serves it under a version of the image id', async () => {
    const { rooms, store, service: s } = setup();
    answers.set(7, async () => PNG);
    rooms.updateRoom(ROOM, { imageId: '7' });
    s.kick();
    await s.idle();
    expect(changed).toEqual([[ROOM]]);
    expect(s.version(ROOM)).toBe(roomImageVersion(ROOM, '7'));
    const got = s.get(ROOM)!;
    expect(got.contentType).toBe('image/png');
    expect(Buffer.from(got.dataBase64, 'base64').equals(PNG)).toBe(true);
    // On disk the bytes are sealed: no PNG signature anywhere in the file.
    const [file] = onDisk();
    expect(fs.readFileSync(path.join(dir, 'attachments', file!)).includes(PNG.subarray(0, 8))).toBe(false);
    // Nothing more to do until the image id changes.
    expect(store.work()).toEqual([]);
    s.kick();
    await s.idle();
    expect(asked).toEqual([7]);

    // The image is removed: the copy goes, from the database and the disk.
    rooms.updateRoom(ROOM, { imageId: null });
    s.kick();
    await s.idle();
    expect(s.get(ROOM)).toBeNull();
    expect(s.version(ROOM)).toBeUndefined();
    expect(onDisk()).toEqual([]);
  });

  it('keeps bytes that are not an image out, says so, and does not fetch them again', async () => {
    const { rooms, service: s } = setup();
    answers.set(8, async () => new TextEncoder().encode('<html>not a picture</html>'));
    rooms.updateRoom(ROOM, { imageId: '8' });
    s.kick();
    await s.idle();
    s.kick();
    await s.idle();
    expect(asked).toEqual([8]);
    expect(s.get(ROOM)).toBeNull();
    expect(s.version(ROOM)).toBeUndefined();
    expect(changed).toEqual([]);
    expect(onDisk()).toEqual([]);
    expect(lines.some((l) => l.includes('is not an image') && l.includes('not retried') && l.includes('initials'))).toBe(true);
  });

  /** Image 9 fails once (a network error), then arrives; the room is given it and the service kicked. */
  const failingOnce = async (s: CommunityImagesService, rooms: ReturnType<typeof setup>['rooms']): Promise<void> => {
    let calls = 0;
    answers.set(9, async () => {
      calls++;
      if (calls === 1) throw new NetworkError('timeout');
      return PNG;
    });
    rooms.updateRoom(ROOM, { imageId: '9' });
    s.kick();
    await s.idle();
  };
  /** Waits for the retry (up to 5 s: it comes 20 ms later, but a loaded machine may take far longer to run it). */
  const retried = async (s: CommunityImagesService): Promise<void> => {
    for (let i = 0; i < 500 && s.version(ROOM) === undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await s.idle();
    }
    expect(asked).toEqual([9, 9]);
    expect(s.version(ROOM)).toBe(roomImageVersion(ROOM, '9'));
  };

  it('retries after a network failure', async () => {
    const { rooms, service: s } = setup(20);
    await failingOnce(s, rooms);
    expect(s.get(ROOM)).toBeNull();
    await retried(s);
  });

  it('times a retry again when its timer fires before the retry is due by the service clock', async () => {
    // The service's clock stands still: its 20 ms retry timer fires while the retry is not due by that clock.
    let clock = 1_000_000;
    const { rooms, service: s } = setup(20, () => clock);
    await failingOnce(s, rooms);
    await new Promise((r) => setTimeout(r, 60));
    await s.idle();
    expect(asked).toEqual([9]);
    // Once the clock reaches the retry's time, the timer set again brings it (no poll kicks the service here).
    clock += 20;
    await retried(s);
  });

  it('keeps the copy through the sweep at start, and takes it off the disk when the room is left', async () => {
    const { rooms, service: s } = setup();
    answers.set(7, async () => PNG);
    rooms.updateRoom(ROOM, { imageId: '7' });
    s.kick();
    await s.idle();
    expect(onDisk()).toHaveLength(1);
    // The sweep at start knows the room's copy is referenced.
    files.sweepAtStart();
    expect(onDisk()).toHaveLength(1);
    testDb.db.prepare('DELETE FROM conversations WHERE id = ?').run(ROOM);
    expect(testDb.db.prepare('SELECT count(*) AS n FROM community_rooms').get()).toEqual({ n: 0 });
    files.sweep();
    expect(onDisk()).toEqual([]);
  });
});
