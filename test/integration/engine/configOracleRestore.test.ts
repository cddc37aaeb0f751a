// A restore over an outage, where the account's existing state was made by the official library: the
// oracle run's four seqno-3 config pushes (oracle-vectors.json `config`, step 4) are stored in the
// account's swarm, the swarm answers nothing but errors for 20 s while a fresh device restores from the
// recovery password with a fallback name, and once the swarm is back the device shows the oracle's name,
// contacts, pin and read state, and the swarm still holds the oracle's state (seqno >= 3): neither the
// fallback name nor an empty config was pushed over it.
import path from 'node:path';
import { DATABASE_FILE, type Backend } from '../../../ts/backend';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import { encodeRecoveryPassword, identityFromRecoverySeed, loadProtocol, secureRandom } from '../../../ts/protocol';
import { hex } from '../../unit/protocol/helpers';
import { USER_CONFIG_TYPES, fieldsJson, makeConfig, scenario, type UserConfigType } from '../../unit/protocol/config/userConfigFixtures';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const OUTAGE_MS = 20_000;
/** The oracle account's recovery seed: its Ed25519 seed is these 16 bytes followed by 16 zero bytes. */
const RECOVERY_SEED = hex('0123456789abcdef0123456789abcdef');

type TapEvent = { kind: 'retrieved'; namespaces: number[] } | { kind: 'push'; namespaces: number[] };

/**
 * The device's real network client, recording the order of what it did: each retrieve of config
 * namespaces that answered (with the namespaces it brought messages of) and each config push it began.
 */
class TappedNetwork extends SessionNetwork {
  constructor(
    args: NetworkFactoryArgs,
    private readonly tap: TapEvent[],
  ) {
    super({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
  }
  override async retrieve(...args: Parameters<SessionNetwork['retrieve']>): ReturnType<SessionNetwork['retrieve']> {
    const r = await super.retrieve(...args);
    const withMessages = [...r.merged].filter(([ns, msgs]) => ns >= 2 && ns <= 5 && msgs.length > 0).map(([ns]) => ns);
    this.tap.push({ kind: 'retrieved', namespaces: withMessages.sort((x, y) => x - y) });
    return r;
  }
  override async storeConfig(...args: Parameters<SessionNetwork['storeConfig']>): ReturnType<SessionNetwork['storeConfig']> {
    this.tap.push({ kind: 'push', namespaces: args[1].map((m) => m.namespace) });
    return super.storeConfig(...args);
  }
}

interface OracleContact {
  session_id: string;
  name: string;
  nickname: string;
  approved: boolean;
  approved_me: boolean;
  blocked: boolean;
  priority: number;
}
interface OracleConvo {
  type: string;
  session_id?: string;
  base_url?: string;
  room?: string;
  last_read: number;
  unread: boolean;
}

describe('restore over an outage keeps the official library’s seqno-3 state (devnet)', () => {
  const env = devnetBackends('config-oracle-restore-', { nodes: 12, swarmSize: 4 }, 60_000);
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

  const settled = async (b: Backend): Promise<void> => {
    const r = await b.followUps.settle({ signal: AbortSignal.timeout(30_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`follow-ups not stored: ${JSON.stringify(r)}`);
  };

  it('restores the oracle’s name, contacts, pin and read state, and the swarm keeps its seqno-3 configs', async () => {
    const me = identityFromRecoverySeed(RECOVERY_SEED);
    const profileFields = scenario('UserProfile').step4_instance1_fields as { name: string };
    const contacts = (scenario('Contacts').step4_instance1_fields as { contacts: OracleContact[] }).contacts;
    // Our read-state cache holds the 1:1 conversations and the community rooms (keyed `{base URL}/{room}`).
    const readStates = (scenario('ConvoInfoVolatile').step4_instance1_fields as { convos: OracleConvo[] }).convos
      .flatMap((c) => {
        const id = c.type === 'one_to_one' ? c.session_id : c.type === 'community' && c.base_url !== undefined && c.room !== undefined ? `${c.base_url}/${c.room}` : undefined;
        return id !== undefined ? [{ id, lastRead: c.last_read, unread: c.unread ? 1 : 0 }] : [];
      })
      .sort((x, y) => x.id.localeCompare(y.id));
    expect(me.sessionId).toBe((scenario('UserProfile') as { user_session_id?: string }).user_session_id);

    // The official library's final pushes, stored in the account's swarm, signed as the account.
    const signer = { pubkey: me.sessionId, ed25519: me.ed25519 };
    for (const type of USER_CONFIG_TYPES) {
      const s = scenario(type);
      expect(s.step4_instance1_push.seqno).toBe(3);
      await writer.storeMessage(me.sessionId, s.namespace, hex(s.step4_instance1_push.pushed_wrapped_hex), 30 * DAY, undefined, signer);
    }

    // The account's swarm answers nothing but errors for 20 s while a fresh device restores.
    for (const n of env.devnet.swarmNodes(me.sessionId)) env.devnet.failNode(n.ed25519, { status: 503, durationMs: OUTAGE_MS });
    const outageEnds = Date.now() + OUTAGE_MS;
    const tap: TapEvent[] = [];
    const b = await env.open('restored', {
      configPushDelayMs: 0, // and the default restore wait: the real 15 s
      createNetwork: (args) => new TappedNetwork(args, tap),
    });
    const restored = await b.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(RECOVERY_SEED), displayName: 'Typed fallback' });
    // Nothing arrived in time: the fallback is shown, and waits unpushed for the merge.
    expect(restored).toEqual({ sessionId: me.sessionId, displayName: 'Typed fallback' });
    // Nothing could be merged, so nothing is pushed: the fallback name is a local change waiting.
    const waiting = await b.followUps.settle({ signal: AbortSignal.timeout(500) });
    expect(waiting).toMatchObject({ settled: false, failed: [] });
    expect(waiting.pending).toBeGreaterThan(0);

    // The swarm comes back: the device merges the oracle's configs, then pushes whatever the merge needs.
    await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())));
    const bob = contacts.find((c) => c.priority > 0) as OracleContact;
    await until('the device merged the account’s configs', async () => {
      await pollOk(b);
      return (await b.handlers['contacts.list']({})).some((c) => c.id === bob.session_id && c.nickname === bob.nickname);
    }, 30_000);
    await settled(b);
    // No config push was even tried before a retrieve had brought the account's four configs.
    const firstPush = tap.findIndex((e) => e.kind === 'push');
    const beforeFirstPush = firstPush === -1 ? tap : tap.slice(0, firstPush);
    expect(beforeFirstPush).toContainEqual({ kind: 'retrieved', namespaces: [2, 3, 4, 5] });

    expect((await b.handlers['account.get']({}))?.displayName).toBe(profileFields.name);
    expect(await b.handlers['contacts.list']({})).toEqual(
      expect.arrayContaining(
        contacts.map((c) =>
          expect.objectContaining({
            id: c.session_id,
            profileName: c.name,
            nickname: c.nickname,
            approved: c.approved,
            approvedMe: c.approved_me,
            blocked: c.blocked,
          }),
        ),
      ),
    );
    expect(await b.handlers['contacts.listBlocked']({})).toEqual([]);
    const profileDir = b.profileDir;
    await env.close(b);

    // The pin and read state caches (no conversation has a message yet, so they are read from the database).
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: secureRandom });
    const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
    try {
      const pins = db.prepare('SELECT session_id AS id, priority FROM contacts ORDER BY session_id').all();
      expect(pins).toEqual(contacts.map((c) => ({ id: c.session_id, priority: c.priority })).sort((x, y) => x.id.localeCompare(y.id)));
      const reads = db.prepare('SELECT conversation_id AS id, last_read_at AS lastRead, marked_unread AS unread FROM conversation_read_state ORDER BY conversation_id').all();
      expect(reads).toEqual(readStates);
      expect(readStates).toHaveLength(3);
    } finally {
      db.close();
    }

    // What the swarm holds now, decoded by the real config pipeline: the oracle's state at seqno >= 3.
    const onSwarm = await writer.retrieve(me.sessionId, [2, 3, 4, 5], () => undefined, { signer });
    for (const type of USER_CONFIG_TYPES) {
      const s = scenario(type);
      const fresh = makeConfig(type as UserConfigType);
      const stored = onSwarm.merged.get(s.namespace) ?? [];
      expect(stored.length).toBeGreaterThan(0);
      const r = fresh.merge(stored.map((m) => ({ hash: m.hash, data: m.data })), Date.now());
      expect(r.rejected).toEqual([]);
      expect(fresh.seqno).toBeGreaterThanOrEqual(3);
      expect([type, fieldsJson(fresh)]).toEqual([type, s.step4_instance1_fields]);
    }
  });
});
