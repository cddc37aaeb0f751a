// Acceptance: attachments received before media support (schema 8, where the receiver kept the raw Content
// and listed the part as unsupported '["attachments"]') show and download after the upgrade, from the
// stored Content alone, without fetching the message from the swarm again.
//
// The old profile is made the way schema 8 made it: the database created with migrations 1-8 only; the
// account, conversation, contact and message rows written with the statements the schema-8 stores used;
// the Content being the bytes the 1:1 decoder gives for a message Alice really encoded for Bob. The
// message never goes to Bob's swarm, so whatever Bob shows of it comes from his database. Its file is
// really on the devnet's file server, uploaded through Alice's network.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { DATABASE_FILE, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import {
  SignalService,
  decode1o1Message,
  encode1o1Message,
  encryptAttachment,
  generateRecoverySeed,
  identityFromRecoverySeed,
  messageHash,
  type Identity,
} from '../../../ts/protocol';
import { devnetBackends, until } from './fixture';
import { identityOf, pointerOf, readAttachment, sha256Hex, tappedNetwork, uploadBlob } from './mediaHelpers';

jest.setTimeout(120_000);

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** Writes a schema-8 profile database for `bob` holding one received message with `contentBytes`. */
function writeSchema8Profile(profileDir: string, bob: { seed: Uint8Array; sessionId: string }, msg: { id: string; sender: string; sentAt: number; body: string; content: Uint8Array; hash: string }): void {
  for (const f of fs.readdirSync(profileDir)) if (f.startsWith(DATABASE_FILE)) fs.rmSync(path.join(profileDir, f));
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: random });
  const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
  key.fill(0);
  try {
    runMigrations(db, MIGRATIONS.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    const now = Date.now();
    db.transaction(() => {
      // AccountStore (schema 8): identity and display name.
      db.prepare('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, ?)').run(Buffer.from(bob.seed), bob.sessionId, now - 60_000);
      db.prepare('INSERT INTO user_profile (id, display_name, updated_at) VALUES (1, ?, ?)').run('Bob', now - 60_000);
      // ConversationStore (schema 8): the conversation and the contact (Bob had accepted Alice).
      db.prepare('INSERT INTO conversations (id, kind, created_at, updated_at, hidden) VALUES (?, ?, ?, ?, 0)').run(msg.sender, 'private', now - 50_000, msg.sentAt);
      db.prepare('INSERT INTO contacts (session_id, is_approved, did_approve_me, profile_name, updated_at) VALUES (?, 1, 1, ?, ?)').run(msg.sender, 'Alice', now - 50_000);
      // MessageStore.insert (schema 8), as the receiver called it for a message with attachments.
      db.prepare(
        `INSERT OR IGNORE INTO messages
           (id, conversation_id, sender, direction, body, sent_at, received_at, status, hash, content, unsupported, expiration_type, expiration_timer, expires_at)
         VALUES (?, ?, ?, 'incoming', ?, ?, ?, 'received', ?, ?, ?, NULL, NULL, NULL)`,
      ).run(msg.id, msg.sender, msg.sender, msg.body, msg.sentAt, now - 40_000, msg.hash, Buffer.from(msg.content), JSON.stringify(['attachments']));
    })();
  } finally {
    db.close();
  }
}

describe('attachments stored before media support (devnet)', () => {
  const env = devnetBackends('media-backfill-', { nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 200);
  const aliceNet = tappedNetwork();
  let alice: Backend;

  beforeAll(async () => {
    alice = await env.open('alice', { createNetwork: aliceNet.factory });
    await alice.handlers['account.create']({ displayName: 'Alice' });
  });

  it('a schema-8 message with an image pointer shows its attachment and downloads it, from the stored Content', async () => {
    // The picture Alice sent back then: a real JPEG, legacy-encrypted and uploaded to the file server.
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } }).jpeg().toBuffer();
    const enc = encryptAttachment(jpeg, random);
    const net = aliceNet.current;
    if (!net) throw new Error('Alice has no network');
    const uploaded = await uploadBlob(net, enc.blob);

    const aliceIdentity: Identity = await identityOf(alice);
    const bobSeed = generateRecoverySeed(random);
    const bob = identityFromRecoverySeed(bobSeed);
    const sentAt = Date.now() - 30_000;
    const out = encode1o1Message({
      sender: aliceIdentity,
      recipient: bob.sessionId,
      timestampMs: sentAt,
      random,
      content: {
        dataMessage: {
          body: 'the old photo',
          profile: { displayName: 'Alice' },
          attachments: [
            pointerOf(enc, uploaded.url, { contentType: 'image/jpeg', fileName: 'old.jpg', width: 640, height: 480 }),
          ],
        },
        expirationType: SignalService.Content.ExpirationType.UNKNOWN,
        expirationTimer: 0,
      },
    });
    // What the receiver of schema 8 got out of the swarm item: the 1:1 decoder's Content bytes.
    const incoming = decode1o1Message(bob, out.wrapper);
    if (!incoming.ok) throw incoming.error;
    const messageId = randomBytes(16).toString('hex');

    // A profile folder on this devnet, then its database replaced by the schema-8 one.
    const probe = await env.open('bob-v8', { startNetwork: false });
    const profileDir = probe.profileDir;
    await env.close(probe);
    writeSchema8Profile(profileDir, { seed: bobSeed, sessionId: bob.sessionId }, {
      id: messageId,
      sender: aliceIdentity.sessionId,
      sentAt: incoming.value.timestampMs,
      body: 'the old photo',
      content: incoming.value.contentBytes,
      hash: messageHash(bob.sessionId, 0, out.wrapper),
    });

    // This version opens it (migrating it) and shows the attachment from the stored Content.
    const upgraded = await env.open('bob-v8');
    expect((await upgraded.handlers['account.get']({}))?.sessionId).toBe(bob.sessionId);
    const shown = await until('the old message shows its attachment', async () => {
      const m = (await upgraded.handlers['messages.list']({ conversationId: aliceIdentity.sessionId })).find((x) => x.id === messageId);
      return m?.attachments?.length ? m : undefined;
    });
    expect(shown).toMatchObject({ id: messageId, text: 'the old photo', direction: 'incoming', timestamp: sentAt });
    expect(shown.unsupported ?? []).not.toContain('attachments');
    expect(shown.attachments).toEqual([expect.objectContaining({ index: 0, fileName: 'old.jpg', contentType: 'image/jpeg', size: jpeg.length, width: 640, height: 480, voice: false })]);

    // Downloaded (by itself from an accepted contact, or on a click) byte for byte.
    if (shown.attachments?.[0]?.state === 'not-downloaded') await upgraded.handlers['attachments.download']({ messageId });
    const done = await until('the old attachment downloads', async () => {
      const m = (await upgraded.handlers['messages.list']({ conversationId: aliceIdentity.sessionId })).find((x) => x.id === messageId);
      const state = m?.attachments?.[0]?.state;
      if (state === 'failed' || state === 'expired') throw new Error(`the download ended ${state}: ${m?.attachments?.[0]?.error ?? ''}`);
      return state === 'downloaded' ? m : undefined;
    }, 45_000);
    expect(done.id).toBe(messageId);
    expect(sha256Hex((await readAttachment(upgraded, messageId, 0)).bytes)).toBe(sha256Hex(jpeg));
    // Still one message: nothing was fetched again and stored twice.
    const all = await upgraded.handlers['messages.list']({ conversationId: aliceIdentity.sessionId });
    expect(all.filter((m) => m.text === 'the old photo')).toHaveLength(1);
  });
});
