// Polling our own swarm's config namespaces on a devnet: a config message stored in namespace 3 for our
// account goes through the config inbox into config-apply (merged, dumped, removed from the inbox), a bad
// one in namespace 5 is refused and removed, and after a restart nothing is fetched again.
import path from 'node:path';
import { DATABASE_FILE, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { Contacts, decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk } from './fixture';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const FRIEND = `05${'f1'.repeat(32)}`;

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

  it('merges a retrieved config message at once, stores its dump, and never fetches it again; a bad one is refused and removed', async () => {
    let alice: Backend = await env.open('alice');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const seed = decodeRecoveryPassword((await alice.handlers['account.getRecoveryPassword']({})).mnemonic);
    if (!seed.ok) throw new Error(seed.error.message);
    const me = identityFromRecoverySeed(seed.value);
    const profileDir = alice.profileDir;

    // Another device of ours stored a Contacts config with one contact.
    const other = new Contacts({ identity: me, swarmMerged: true });
    other.setNickname(FRIEND, 'Friend');
    const contactsHash = await storeConfig(me, 3, other.push(Date.now()).messages[0] as Uint8Array);
    await pollOk(alice);
    expect(await alice.handlers['contacts.list']({})).toEqual([expect.objectContaining({ id: FRIEND, nickname: 'Friend' })]);
    await env.close(alice);

    const first = onDisk(profileDir, (db) => ({
      inbox: db.prepare('SELECT hash FROM config_inbox').all(),
      state: db.prepare('SELECT namespace FROM config_state WHERE pubkey = ? ORDER BY namespace').all(me.sessionId) as { namespace: number }[],
      lastHashes: db.prepare('SELECT namespace, hash FROM last_hashes WHERE pubkey = ? AND namespace = 3').all(me.sessionId) as { namespace: number; hash: string }[],
    }));
    // Consumed: merged into the dump (all four configs have one), gone from the inbox.
    expect(first.inbox).toEqual([]);
    expect(first.state.map((r) => r.namespace)).toEqual([2, 3, 4, 5]);
    expect(first.lastHashes.length).toBeGreaterThanOrEqual(1);
    expect(first.lastHashes.every((h) => h.hash === contactsHash)).toBe(true);

    // Garbage in namespace 5 is refused (logged with its reason) and removed; the state stays.
    const groupsHash = await storeConfig(me, 5, new Uint8Array([0x64, 0x65, 1, 2, 3]));
    alice = await env.open('alice');
    await pollOk(alice);
    await pollOk(alice);
    // After the restart the dump is used, nothing is fetched again.
    expect(await alice.handlers['contacts.list']({})).toEqual([expect.objectContaining({ id: FRIEND, nickname: 'Friend' })]);
    await env.close(alice);
    const second = onDisk(profileDir, (db) => ({
      inbox: db.prepare('SELECT hash FROM config_inbox').all(),
      seen: db.prepare('SELECT hash FROM seen_hashes WHERE hash IN (?, ?) ORDER BY hash').all(contactsHash, groupsHash) as { hash: string }[],
    }));
    expect(second.inbox).toEqual([]);
    expect(second.seen.map((r) => r.hash).sort()).toEqual([contactsHash, groupsHash].sort());
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
