// Profile pictures through whole backends on the in-memory network with an in-memory file server: ours
// set from a staged file (encrypted, uploaded, in the UserProfile config and in every outgoing profile,
// decoded field by field), removed, re-uploaded before the server forgets it; contacts' pictures from
// their profiles (newer-only, removal, bad pointers) downloaded, decrypted and served by avatars.get.
import sharp from 'sharp';
import type { Backend } from '../../../../ts/backend';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import { NetworkError } from '../../../../ts/network';
import {
  GroupInfoConfig,
  GroupKeys,
  SignalService,
  decode1o1Message,
  decryptAvatar,
  encode1o1Message,
  encryptAvatar,
  identityFromRecoverySeed,
  loadProtocol,
  parseGroupId,
  secureRandom,
  type Identity,
  type Incoming1o1,
} from '../../../../ts/protocol';
import { inMemoryBackends, record, until } from './fixture';

/** The file server: blobs by URL; a switch to make downloads fail. */
class FakeFileServer {
  readonly blobs = new Map<string, Uint8Array>();
  uploads = 0;
  downloads = 0;
  failDownloads: 'no' | 'unreachable' = 'no';

  wrap(n: EngineNetwork): EngineNetwork {
    return {
      ...n,
      uploadFile: async (blob) => {
        this.uploads++;
        const id = `f${this.uploads}x${Math.floor(Math.random() * 1e9)}`;
        const url = `http://files.test/file/${id}`;
        this.blobs.set(url, blob.slice());
        return { id, url, expires: Date.now() / 1000 + 14 * 86_400 };
      },
      downloadFile: async (url) => {
        this.downloads++;
        if (this.failDownloads === 'unreachable') throw new NetworkError('unreachable', { detail: 'fake outage' });
        const blob = this.blobs.get(url.split('#')[0] as string);
        if (!blob) throw new NetworkError('not-found');
        return blob.slice();
      },
    };
  }
}

const seedOf = (b: number) => new Uint8Array(16).fill(b);
const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A 900 x 600 photo with EXIF GPS: staging squares it to 600 x 600 and strips the metadata. */
async function photo(): Promise<Uint8Array> {
  const raw = Buffer.alloc(900 * 600 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) & 0xff;
  return u8(
    await sharp(raw, { raw: { width: 900, height: 600, channels: 3 } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .toBuffer(),
  );
}

async function stageAvatar(b: Backend, bytes: Uint8Array): Promise<string> {
  const { stageId } = await b.handlers['attachments.stageBegin']({ fileName: 'me.jpg', contentType: 'image/jpeg', size: bytes.length });
  await b.handlers['attachments.stageChunk']({ stageId, offset: 0, dataBase64: Buffer.from(bytes).toString('base64') });
  await b.handlers['attachments.stageEnd']({ stageId, purpose: 'avatar' });
  return stageId;
}

describe('profile pictures (in-memory network and file server)', () => {
  const env = inMemoryBackends('avatars-', 20);
  let server: FakeFileServer;
  /** The backends' clock runs with the real one, moved forward by this much. */
  let offset: number;
  let aliceId: Identity;
  let bobId: Identity;
  let carolId: Identity;

  beforeAll(async () => {
    await loadProtocol();
    aliceId = identityFromRecoverySeed(seedOf(0xa1));
    bobId = identityFromRecoverySeed(seedOf(0xb0));
    carolId = identityFromRecoverySeed(seedOf(0xc0));
  });
  beforeEach(() => {
    server = new FakeFileServer();
    offset = 0;
  });

  const open = (profile: string, seed: number, avatars: { reuploadAfterMs?: number; checkIntervalMs?: number; retryBaseMs?: number } = {}) => {
    // The account's seed is the first 16 random bytes asked for; file ids (16 bytes too) stay random.
    let seeded = false;
    return env.open(profile, {
      now: () => Date.now() + offset,
      randomBytes: (n) => {
        if (n !== 16 || seeded) return secureRandom(n);
        seeded = true;
        return seedOf(seed);
      },
      engine: {
        pollIntervalMs: 20,
        sendRetry: { attempts: 3, minDelayMs: 10, maxDelayMs: 20 },
        configPushDelayMs: 0,
        createNetwork: () => server.wrap(env.swarms.network()),
        avatars: { retryBaseMs: 20, ...avatars },
      },
    });
  };

  /** Every message in `to`'s swarm from `from`, decoded with `to`'s keys. */
  const messagesIn = (to: Identity, from: string): Incoming1o1[] =>
    (env.swarms.inbox.get(to.sessionId) ?? []).flatMap((m) => {
      const r = decode1o1Message(to, m.data);
      return r.ok && r.value.senderSessionId === from ? [r.value] : [];
    });

  it('sets our picture: encrypted upload, config, outgoing profile field by field, and the contact sees it', async () => {
    const alice = await open('alice', 0xa1);
    const bob = await open('bob', 0xb0);
    const updates = record(bob, 'conversations.updated');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    await bob.handlers['account.create']({ displayName: 'Bob' });

    const stageId = await stageAvatar(alice, await photo());
    // Taken before the picture is set: setting it stamps the profile's update time.
    const before = Math.floor(Date.now() / 1000);
    const account = await alice.handlers['account.setAvatar']({ stageId });
    expect(account.avatarVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(server.uploads).toBe(1);
    // The staged file is ours now: it cannot be used twice.
    await expect(alice.handlers['account.setAvatar']({ stageId })).rejects.toMatchObject({ code: 'not_found' });

    const mine = await alice.handlers['avatars.get']({ id: aliceId.sessionId });
    expect(mine).not.toBeNull();
    const processed = Buffer.from(mine?.dataBase64 ?? '', 'base64');
    const meta = await sharp(processed).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([600, 600, undefined]);
    expect(mine?.contentType).toBe('image/jpeg');
    expect(mine?.version).toBe(account.avatarVersion);

    await alice.handlers['messages.send']({ to: bobId.sessionId, text: 'hello with a picture' });
    const [sent] = await until('the message in Bob’s swarm', () => {
      const m = messagesIn(bobId, aliceId.sessionId);
      return m.length > 0 && m;
    });
    const dm = sent?.content.dataMessage;
    expect(dm?.body).toBe('hello with a picture');
    expect(dm?.profile?.displayName).toBe('Alice');
    expect(Number(dm?.profile?.lastProfileUpdateSeconds)).toBeGreaterThanOrEqual(before);
    const url = dm?.profile?.profilePicture ?? '';
    expect(url).toMatch(/^http:\/\/files\.test\/file\//);
    expect(dm?.profileKey).toHaveLength(32);
    // The blob on the server is AES-256-GCM of the processed image under that key.
    const blob = server.blobs.get(url) as Uint8Array;
    expect(blob.length).toBe(processed.length + 12 + 16);
    const opened = decryptAvatar(blob, dm?.profileKey as Uint8Array);
    expect(opened.ok && Buffer.from(opened.value).equals(processed)).toBe(true);

    // The sync copy in our own swarm carries no profile.
    const syncCopy = await until('the sync copy', () => messagesIn(aliceId, aliceId.sessionId).find((m) => m.content.dataMessage?.body === 'hello with a picture'));
    expect(syncCopy.content.dataMessage?.profile ?? undefined).toBeUndefined();
    expect(syncCopy.content.dataMessage?.profileKey ?? []).toHaveLength(0);

    // Bob receives the message and the picture.
    const theirs = await until('Alice’s picture at Bob', async () => (await bob.handlers['avatars.get']({ id: aliceId.sessionId })) ?? undefined);
    expect(Buffer.from(theirs.dataBase64, 'base64').equals(processed)).toBe(true);
    expect(theirs.version).toBe(account.avatarVersion);
    await until('an update with the picture', () => updates.some((u) => u.conversations.some((c) => c.id === aliceId.sessionId && c.avatarVersion === account.avatarVersion)));
    const list = await bob.handlers['conversations.list']({});
    expect(list.find((c) => c.id === aliceId.sessionId)?.avatarVersion).toBe(account.avatarVersion);
    const contacts = await bob.handlers['contacts.list']({});
    expect(contacts.find((c) => c.id === aliceId.sessionId)?.avatarVersion).toBe(account.avatarVersion);
    // Asked again, nothing is fetched again: the copy is keyed by its URL.
    const downloads = server.downloads;
    await bob.handlers['messages.send']({ to: aliceId.sessionId, text: 'nice picture' });
    await alice.handlers['messages.send']({ to: bobId.sessionId, text: 'thanks' });
    await until('the second message', async () => (await bob.handlers['conversations.list']({})).find((c) => c.id === aliceId.sessionId)?.lastMessage?.text === 'thanks');
    expect(server.downloads).toBe(downloads);
  });

  it('shows a picture set on another device of the account (UserProfile config from the swarm)', async () => {
    const alice = await open('alice', 0xa1);
    const { mnemonic } = await alice.handlers['account.create']({ displayName: 'Alice' });
    const set = await alice.handlers['account.setAvatar']({ stageId: await stageAvatar(alice, await photo()) });
    const mine = await alice.handlers['avatars.get']({ id: aliceId.sessionId });
    await until('the profile config pushed', () => env.swarms.configPushes > 0 && [...env.swarms.configs.keys()].some((k) => k.startsWith(`${aliceId.sessionId}|2`)));

    const other = await env.open('alice-laptop', {
      now: () => Date.now() + offset,
      engine: { pollIntervalMs: 20, configPushDelayMs: 0, createNetwork: () => server.wrap(env.swarms.network()), avatars: { retryBaseMs: 20 } },
    });
    const changes = record(other, 'account.changed');
    await other.handlers['account.restore']({ mnemonic });
    const there = await until('the picture on the other device', async () => (await other.handlers['avatars.get']({ id: aliceId.sessionId })) ?? undefined);
    expect(there.dataBase64).toBe(mine?.dataBase64);
    expect(there.version).toBe(set.avatarVersion);
    await until('account.changed with the picture', () => changes.some((c) => c.account?.avatarVersion === set.avatarVersion));
  });

  it('removes our picture: config cleared, nothing served, the profile goes without picture and key', async () => {
    const alice = await open('alice', 0xa1);
    await alice.handlers['account.create']({ displayName: 'Alice' });
    await alice.handlers['account.setAvatar']({ stageId: await stageAvatar(alice, await photo()) });
    await alice.handlers['messages.send']({ to: bobId.sessionId, text: 'with picture' });
    const withPic = await until('the first message', () => messagesIn(bobId, aliceId.sessionId).find((m) => m.content.dataMessage?.body === 'with picture'));
    const removed = await alice.handlers['account.setAvatar']({ stageId: null });
    expect(removed.avatarVersion).toBeUndefined();
    expect(await alice.handlers['avatars.get']({ id: aliceId.sessionId })).toBeNull();
    await alice.handlers['messages.send']({ to: bobId.sessionId, text: 'no picture' });
    const m = await until('the message', () => messagesIn(bobId, aliceId.sessionId).find((x) => x.content.dataMessage?.body === 'no picture'));
    // Even within the same second, the removal is a strictly newer profile (receivers apply only those).
    expect(Number(m.content.dataMessage?.profile?.lastProfileUpdateSeconds)).toBeGreaterThan(Number(withPic.content.dataMessage?.profile?.lastProfileUpdateSeconds));
    expect(m.content.dataMessage?.profile?.displayName).toBe('Alice');
    expect(m.content.dataMessage?.profile?.profilePicture ?? '').toBe('');
    expect(m.content.dataMessage?.profileKey ?? new Uint8Array(0)).toHaveLength(0);
  });

  it('refuses a staged file that is not a picture, and a missing stage, keeping the account as it was', async () => {
    const alice = await open('alice', 0xa1);
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const text = new TextEncoder().encode('not a picture at all');
    const { stageId } = await alice.handlers['attachments.stageBegin']({ fileName: 'a.txt', size: text.length });
    await alice.handlers['attachments.stageChunk']({ stageId, offset: 0, dataBase64: Buffer.from(text).toString('base64') });
    await expect(alice.handlers['attachments.stageEnd']({ stageId, purpose: 'avatar' })).rejects.toBeDefined();
    await expect(alice.handlers['account.setAvatar']({ stageId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect(server.uploads).toBe(0);
    expect((await alice.handlers['account.get']({}))?.avatarVersion).toBeUndefined();
  });

  it('uploads our picture again with the same key after 12 days, not before', async () => {
    const alice = await open('alice', 0xa1, { checkIntervalMs: 20 });
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const set = await alice.handlers['account.setAvatar']({ stageId: await stageAvatar(alice, await photo()) });
    expect(server.uploads).toBe(1);
    const firstUrl = [...server.blobs.keys()][0] as string;
    const firstKeyMsg = async (text: string) => {
      await alice.handlers['messages.send']({ to: bobId.sessionId, text });
      return until(`message ${text}`, () => messagesIn(bobId, aliceId.sessionId).find((m) => m.content.dataMessage?.body === text));
    };
    const m1 = await firstKeyMsg('one');
    expect(m1.content.dataMessage?.profile?.profilePicture).toBe(firstUrl);

    offset += 11 * 86_400_000;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.uploads).toBe(1);

    offset += 2 * 86_400_000;
    await until('the re-upload', () => server.uploads === 2);
    const renewed = await until('the new version', async () => {
      const a = await alice.handlers['account.get']({});
      return a?.avatarVersion !== set.avatarVersion && a?.avatarVersion;
    });
    expect(renewed).toMatch(/^[0-9a-f]{16}$/);
    const m2 = await firstKeyMsg('two');
    const secondUrl = m2.content.dataMessage?.profile?.profilePicture ?? '';
    expect(secondUrl).not.toBe(firstUrl);
    // Same picture, same key: the new blob opens with the key sent before.
    expect(Buffer.from(m2.content.dataMessage?.profileKey ?? []).equals(Buffer.from(m1.content.dataMessage?.profileKey ?? []))).toBe(true);
    const a = decryptAvatar(server.blobs.get(secondUrl) as Uint8Array, m1.content.dataMessage?.profileKey as Uint8Array);
    const b = decryptAvatar(server.blobs.get(firstUrl) as Uint8Array, m1.content.dataMessage?.profileKey as Uint8Array);
    expect(a.ok && b.ok && Buffer.from(a.value).equals(Buffer.from(b.value))).toBe(true);
    // The local copy was kept across the new URL.
    expect(await alice.handlers['avatars.get']({ id: aliceId.sessionId })).not.toBeNull();
    // Not again right after.
    await new Promise((r) => setTimeout(r, 200));
    expect(server.uploads).toBe(2);
  });

  it('a group admin uploads the group’s picture again with the same key on the same schedule (Info p changes, q stays)', async () => {
    const alice = await open('alice', 0xa1, { checkIntervalMs: 20 });
    await alice.handlers['account.create']({ displayName: 'Alice' });
    await alice.handlers['sync.pollNow']({});
    const g = await alice.handlers['groups.create']({ name: 'Pictured', members: [bobId.sessionId] });
    await alice.handlers['groups.setAvatar']({ id: g.id, stageId: await stageAvatar(alice, await photo()) });
    expect(server.uploads).toBe(1);
    const firstUrl = [...server.blobs.keys()][0] as string;
    const version = await until('the group’s copy', async () => (await alice.handlers['conversations.list']({ requests: false })).find((c) => c.id === g.id)?.avatarVersion);
    // Bob's view of Info (he is a member: the keys open it).
    const parsed = parseGroupId(g.id);
    if (!parsed.ok) throw parsed.error;
    const pictureForBob = () => {
      const keys = new GroupKeys({ identity: bobId, group: parsed.value });
      for (const m of env.swarms.configs.get(`${g.id}|12`) ?? []) keys.loadKeyMessage(m.hash, m.data, m.timestamp);
      const info = new GroupInfoConfig({ identity: bobId, group: parsed.value, keys: keys.keysNewestFirst() });
      info.merge((env.swarms.configs.get(`${g.id}|13`) ?? []).map((m) => ({ hash: m.hash, data: m.data })), Date.now());
      return info.picture;
    };
    const first = pictureForBob();
    expect(first?.url).toBe(firstUrl);
    await new Promise((r) => setTimeout(r, 200));

    offset += 11 * 86_400_000;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.uploads).toBe(1);

    offset += 2 * 86_400_000;
    await until('the re-upload', () => server.uploads === 2);
    const second = await until('the new pointer in Info', () => {
      const p = pictureForBob();
      return p && p.url !== firstUrl ? p : undefined;
    });
    expect(Buffer.from(second.key).equals(Buffer.from(first?.key ?? []))).toBe(true);
    const a = decryptAvatar(server.blobs.get(second.url) as Uint8Array, second.key);
    const b = decryptAvatar(server.blobs.get(firstUrl) as Uint8Array, second.key);
    expect(a.ok && b.ok && Buffer.from(a.value).equals(Buffer.from(b.value))).toBe(true);
    // The copy here follows the new URL without a download; no control message for the same picture.
    await until('the new version', async () => {
      const v = (await alice.handlers['conversations.list']({ requests: false })).find((c) => c.id === g.id)?.avatarVersion;
      return v !== undefined && v !== version;
    });
    const controls = (await alice.handlers['messages.list']({ conversationId: g.id, limit: 50 })).filter((m) => m.control?.type === 'avatar-changed');
    expect(controls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.uploads).toBe(2);
  });

  describe('a contact’s profile', () => {
    const pictureBytes = async (color: string) => u8(await sharp({ create: { width: 64, height: 64, channels: 3, background: color } }).png().toBuffer());
    /** Uploads a picture as Carol's device would and returns its pointer. */
    const carolUploads = async (bytes: Uint8Array) => {
      const key = secureRandom(32);
      const url = `http://files.test/file/carol${server.blobs.size}`;
      server.blobs.set(url, encryptAvatar(bytes, key, secureRandom));
      return { url, key };
    };
    let sentAt = 1_700_000_000_000;
    const carolSays = (text: string, profile: SignalService.LokiProfile.$Properties, profileKey?: Uint8Array) => {
      sentAt += 1000;
      const out = encode1o1Message({
        sender: carolId,
        recipient: bobId.sessionId,
        content: { dataMessage: { body: text, profile, ...(profileKey ? { profileKey } : {}) } },
        timestampMs: sentAt,
        random: secureRandom,
      });
      env.swarms.put(bobId.sessionId, out.wrapper);
    };
    const textAtBob = (bob: Backend, text: string) =>
      until(`"${text}" at Bob`, async () => (await bob.handlers['conversations.list']({})).find((c) => c.id === carolId.sessionId)?.lastMessage?.text === text);

    it('follows newer profiles only, downloads the picture, and a profile without picture removes it', async () => {
      const bob = await open('bob', 0xb0);
      await bob.handlers['account.create']({ displayName: 'Bob' });
      const red = await pictureBytes('#ff0000');
      const blue = await pictureBytes('#0000ff');
      const p1 = await carolUploads(red);
      const p2 = await carolUploads(blue);

      carolSays('first', { displayName: 'Carol', lastProfileUpdateSeconds: 100, profilePicture: p1.url }, p1.key);
      const got = await until('the red picture', async () => (await bob.handlers['avatars.get']({ id: carolId.sessionId })) ?? undefined);
      expect(Buffer.from(got.dataBase64, 'base64').equals(Buffer.from(red))).toBe(true);
      expect(got.contentType).toBe('image/png');

      // An older profile (50 < 100) with another picture changes nothing.
      carolSays('older', { displayName: 'Carol', lastProfileUpdateSeconds: 50, profilePicture: p2.url }, p2.key);
      await textAtBob(bob, 'older');
      await new Promise((r) => setTimeout(r, 100));
      const still = await bob.handlers['avatars.get']({ id: carolId.sessionId });
      expect(still?.version).toBe(got.version);
      expect(server.blobs.has(p2.url) && server.downloads).toBe(1);

      // A newer one switches to it.
      carolSays('newer', { displayName: 'Carol', lastProfileUpdateSeconds: 200, profilePicture: p2.url }, p2.key);
      const switched = await until('the blue picture', async () => {
        const a = await bob.handlers['avatars.get']({ id: carolId.sessionId });
        return a !== null && a.version !== got.version && a;
      });
      expect(Buffer.from(switched.dataBase64, 'base64').equals(Buffer.from(blue))).toBe(true);

      // A newer profile without picture removes it.
      carolSays('no picture', { displayName: 'Carol', lastProfileUpdateSeconds: 300 });
      await until('the picture removed', async () => (await bob.handlers['avatars.get']({ id: carolId.sessionId })) === null);
      const summary = (await bob.handlers['conversations.list']({})).find((c) => c.id === carolId.sessionId);
      expect(summary?.avatarVersion).toBeUndefined();
    });

    it('reaches our other device through the Contacts config, without a message there', async () => {
      const bob = await open('bob', 0xb0);
      const { mnemonic } = await bob.handlers['account.create']({ displayName: 'Bob' });
      const red = await pictureBytes('#ff0000');
      const p = await carolUploads(red);
      carolSays('hello', { displayName: 'Carol', lastProfileUpdateSeconds: 100, profilePicture: p.url }, p.key);
      const got = await until('the picture on Bob’s first device', async () => (await bob.handlers['avatars.get']({ id: carolId.sessionId })) ?? undefined);
      await until('the contacts config pushed', () => [...env.swarms.configs.keys()].some((k) => k === `${bobId.sessionId}|3`));
      // Carol's message is gone from the swarm: the second device learns her picture from the config only.
      env.swarms.inbox.set(bobId.sessionId, []);
      const laptop = await env.open('bob-laptop', {
        now: () => Date.now() + offset,
        engine: { pollIntervalMs: 20, configPushDelayMs: 0, createNetwork: () => server.wrap(env.swarms.network()), avatars: { retryBaseMs: 20 } },
      });
      await laptop.handlers['account.restore']({ mnemonic });
      const there = await until('the picture on the laptop', async () => (await laptop.handlers['avatars.get']({ id: carolId.sessionId })) ?? undefined);
      expect(there.dataBase64).toBe(got.dataBase64);
      expect((await laptop.handlers['contacts.list']({})).find((c) => c.id === carolId.sessionId)?.avatarVersion).toBe(got.version);
    });

    it('gives up on an expired picture and retries a network failure with back-off, without a loop', async () => {
      const bob = await open('bob', 0xb0);
      await bob.handlers['account.create']({ displayName: 'Bob' });
      carolSays('expired', { displayName: 'Carol', lastProfileUpdateSeconds: 10, profilePicture: 'http://files.test/file/gone' }, secureRandom(32));
      await textAtBob(bob, 'expired');
      await until('one download attempt', () => server.downloads >= 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(server.downloads).toBe(1);
      expect(await bob.handlers['avatars.get']({ id: carolId.sessionId })).toBeNull();

      server.failDownloads = 'unreachable';
      const p = await carolUploads(await pictureBytes('#00ff00'));
      carolSays('outage', { displayName: 'Carol', lastProfileUpdateSeconds: 20, profilePicture: p.url }, p.key);
      await until('a few failed attempts', () => server.downloads >= 3);
      server.failDownloads = 'no';
      const got = await until('the picture after the outage', async () => (await bob.handlers['avatars.get']({ id: carolId.sessionId })) ?? undefined, 10_000);
      expect(got.contentType).toBe('image/png');
      const n = server.downloads;
      await new Promise((r) => setTimeout(r, 300));
      expect(server.downloads).toBe(n);
    });

    it('ignores a malformed pointer (a key of the wrong size) without losing the message', async () => {
      const bob = await open('bob', 0xb0);
      await bob.handlers['account.create']({ displayName: 'Bob' });
      const p = await carolUploads(await pictureBytes('#00ff00'));
      carolSays('bad key', { displayName: 'Carol', lastProfileUpdateSeconds: 10, profilePicture: p.url }, secureRandom(16));
      await textAtBob(bob, 'bad key');
      await new Promise((r) => setTimeout(r, 100));
      expect(server.downloads).toBe(0);
      expect(await bob.handlers['avatars.get']({ id: carolId.sessionId })).toBeNull();
    });
  });
});
