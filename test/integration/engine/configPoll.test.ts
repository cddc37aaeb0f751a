// Polling our own swarm's config namespaces on a devnet: a config message stored in namespace 3 (and later 5)
// for our account lands raw in the config inbox of the database on disk, with its namespace's last hashes,
// and once config-apply has consumed it, the next poll (after a restart) does not fetch it again.
import path from 'node:path';
import { DATABASE_FILE, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk } from './fixture';

jest.setTimeout(90_000);

const DAY = 86_400_000;

describe('config namespaces polled with namespace 0 (devnet)', () => {
  const env = devnetBackends('config-poll-', { nodes: 12, swarmSize: 4 }, 60_000);
  let http: HttpClient;
  let writer: SessionNetwork;

  beforeAll(async () => {
    await loadProtocol();
    http = createHttpClient();
    writer = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, http), store: new MemoryNetworkStore(), http });
    writer.start();
    await writer.ready();
  });
  afterAll(() => {
    writer?.stop();
    http?.close();
  });

  /** Reads the closed profile's database from disk. */
  const onDisk = <T>(profileDir: string, read: (db: ReturnType<typeof openEncryptedDatabase>) => T): T => {
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: secureRandom });
    const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
    try {
      return read(db);
    } finally {
      db.close();
    }
  };

  /** Stores `data` in `namespace` of our own swarm (a signed store, as another device of ours would). */
  const storeConfig = async (me: Identity, namespace: number, data: Uint8Array): Promise<string> =>
    (await writer.storeMessage(me.sessionId, namespace, data, 30 * DAY, undefined, { pubkey: me.sessionId, ed25519: me.ed25519 })).hash;

  it('stores retrieved config messages in the inbox once: what config-apply consumed never comes back', async () => {
    let alice: Backend = await env.open('alice');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const seed = decodeRecoveryPassword((await alice.handlers['account.getRecoveryPassword']({})).mnemonic);
    if (!seed.ok) throw new Error(seed.error.message);
    const me = identityFromRecoverySeed(seed.value);
    const profileDir = alice.profileDir;

    const contacts = new Uint8Array(300).map((_, i) => (i * 7) & 0xff);
    const contactsHash = await storeConfig(me, 3, contacts);
    await pollOk(alice);
    await env.close(alice);

    const first = onDisk(profileDir, (db) => ({
      inbox: db.prepare('SELECT pubkey, namespace, hash, data, expires_at FROM config_inbox').all() as { pubkey: string; namespace: number; hash: string; data: Buffer; expires_at: number }[],
      lastHashes: db.prepare('SELECT namespace, hash FROM last_hashes WHERE pubkey = ? AND namespace <> 0').all(me.sessionId) as { namespace: number; hash: string }[],
    }));
    expect(first.inbox.map((r) => [r.pubkey, r.namespace, r.hash])).toEqual([[me.sessionId, 3, contactsHash]]);
    expect(Buffer.compare(first.inbox[0]!.data, Buffer.from(contacts))).toBe(0);
    expect(first.inbox[0]!.expires_at).toBeGreaterThan(Date.now() + 29 * DAY);
    // Both polled nodes' last hash of namespace 3 is that message.
    expect(first.lastHashes.length).toBeGreaterThanOrEqual(1);
    expect(first.lastHashes.every((h) => h.namespace === 3 && h.hash === contactsHash)).toBe(true);

    // Config-apply consumed it; a new message arrives in namespace 5.
    onDisk(profileDir, (db) => db.prepare('DELETE FROM config_inbox').run());
    const groups = new Uint8Array([0x64, 0x65, 1, 2, 3]);
    const groupsHash = await storeConfig(me, 5, groups);

    alice = await env.open('alice');
    await pollOk(alice);
    await pollOk(alice);
    await env.close(alice);
    const second = onDisk(profileDir, (db) => db.prepare('SELECT namespace, hash, data FROM config_inbox').all() as { namespace: number; hash: string; data: Buffer }[]);
    expect(second.map((r) => [r.namespace, r.hash, [...r.data]])).toEqual([[5, groupsHash, [...groups]]]);
  });

  it('extends the expiry of live config messages in the same batch as the retrieve', async () => {
    const seed = new Uint8Array(16).fill(0x3c);
    const me = identityFromRecoverySeed(seed);
    const signer = { pubkey: me.sessionId, ed25519: me.ed25519 };
    const { hash } = await writer.storeMessage(me.sessionId, 2, new Uint8Array([1, 2, 3]), DAY, undefined, signer);
    const expiryMs = writer.networkNow() + 30 * DAY;
    const bumped = await writer.retrieve(me.sessionId, [0, 2, 3, 5, 4], () => undefined, { signer, bumpExpiry: { hashes: [hash], expiryMs } });
    expect(bumped.perNode.map((n) => n.expireCode)).toEqual(bumped.perNode.map(() => 200));
    const after = await writer.retrieve(me.sessionId, [2], () => undefined, { signer });
    expect(after.merged.get(2)!.map((m) => [m.hash, m.expiration])).toEqual([[hash, expiryMs]]);
  });
});
