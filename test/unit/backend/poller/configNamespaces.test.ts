// The poller asks our swarm for namespaces 0, 2, 3, 5, 4 in one retrieve per poll and keeps config
// messages raw in the config inbox, together with their namespaces' last hashes: what was stored is never
// asked for again, and a config batch that could not be stored leaves its last hash where it was.
import { createPoller } from '../../../../ts/backend/services/poller';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { Receiver } from '../../../../ts/backend/services/receiver';
import { createMessageStore, type LastHash } from '../../../../ts/backend/db/messageStore';
import { createConfigInboxStore, type ConfigInboxStore } from '../../../../ts/backend/db/configInboxStore';
import { silentLogger } from '../../../../ts/backend/log';
import type { RetrieveOptions, RetrieveResult } from '../../../../ts/network';
import { identityFromRecoverySeed, loadProtocol, type Identity, type RetrievedMessage } from '../../../../ts/protocol';
import { encryptedTestDb } from '../db/testDb';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;

let identity: Identity;
beforeAll(async () => {
  await loadProtocol();
  identity = identityFromRecoverySeed(new Uint8Array(16).fill(5));
});

/** Two nodes holding the same messages per namespace; records each retrieve's namespaces, last hashes and options. */
function twoNodeSwarm() {
  const stored = new Map<number, RetrievedMessage[]>();
  const calls: { namespaces: number[]; last: Record<string, string | undefined>; options: RetrieveOptions }[] = [];
  /** The members asked (a poll asks two random members; a new one has no last hash for us). */
  const nodes = ['n1', 'n2'];
  const put = (namespace: number, hash: string, byte: number) => {
    const list = stored.get(namespace) ?? [];
    list.push({ hash, data: new Uint8Array([byte, byte + 1]), timestamp: NOW + list.length, expiration: NOW + 30 * DAY });
    stored.set(namespace, list);
  };
  const retrieve = async (_pk: string, namespaces: readonly unknown[], lastHash: (node: string, ns: number) => string | undefined, options: RetrieveOptions): Promise<RetrieveResult> => {
    const nss = namespaces as number[];
    const last: Record<string, string | undefined> = {};
    for (const node of nodes) for (const ns of nss) last[`${node}|${ns}`] = lastHash(node, ns);
    calls.push({ namespaces: [...nss], last, options });
    const perNode = nodes.map((node) => ({
      node,
      namespaces: nss.map((ns) => {
        const all = stored.get(ns) ?? [];
        const from = last[`${node}|${ns}`] === undefined ? 0 : all.findIndex((m) => m.hash === last[`${node}|${ns}`]) + 1;
        return { namespace: ns, code: 200, messages: all.slice(from), more: false };
      }),
    }));
    const merged = new Map(nss.map((ns) => [ns, perNode[0]!.namespaces.find((x) => x.namespace === ns)!.messages]));
    return { perNode, merged, failures: [] };
  };
  const network = { retrieve, networkNow: () => NOW } as unknown as EngineNetwork;
  return { network, put, calls, nodes };
}

/** A receiver that commits namespace 0's last hashes as the real one does, and counts what it got. */
function recordingReceiver(save: (h: LastHash) => void): Receiver & { got: string[] } {
  const got: string[] = [];
  return {
    got,
    stats: { processed: 0, added: 0, dropped: 0, duplicates: 0, ignored: 0, dropReasons: {} },
    async process(items, lastHashes) {
      got.push(...items.map((i) => i.hash));
      for (const h of lastHashes) save(h);
      return { added: [], removed: [], dropped: 0, duplicates: 0, ignored: 0 };
    },
  } as Receiver & { got: string[] };
}

describe('poller: config namespaces', () => {
  const testDb = encryptedTestDb('poll-config-');

  const setup = (opts: { inbox?: ConfigInboxStore; activeConfigHashes?: () => string[] } = {}) => {
    const swarm = twoNodeSwarm();
    const messages = createMessageStore(testDb.db);
    const inbox = opts.inbox ?? createConfigInboxStore(testDb.db);
    const receiver = recordingReceiver((h) => messages.saveLastHash(h));
    const cued: number[][] = [];
    const make = () =>
      createPoller({
        network: swarm.network,
        receiver,
        messages,
        db: testDb.db,
        configInbox: inbox,
        identity,
        log: silentLogger,
        now: () => NOW + 5,
        intervalMs: 60_000,
        onConfigMessages: (ns) => cued.push([...ns]),
        ...(opts.activeConfigHashes ? { activeConfigHashes: opts.activeConfigHashes } : {}),
      });
    return { swarm, messages, inbox: createConfigInboxStore(testDb.db), receiver, cued, make };
  };

  it('retrieves 0, 2, 3, 5, 4 in one request and stores config messages raw, once', async () => {
    const t = setup();
    t.swarm.put(0, 'm0', 1);
    t.swarm.put(3, 'c3', 10);
    t.swarm.put(2, 'p2', 20);
    t.swarm.put(4, 'v4', 30);
    const poller = t.make();
    expect(await poller.pollNow()).toEqual({ newMessages: 0, dropped: 0, configMessages: 3 });
    expect(t.swarm.calls).toHaveLength(1);
    expect(t.swarm.calls[0]!.namespaces).toEqual([0, 2, 3, 5, 4]);
    expect(t.receiver.got).toEqual(['m0']); // namespace 0 alone goes to the receive pipeline
    const me = identity.sessionId;
    expect(t.inbox.list(me).map((m) => [m.namespace, m.hash, [...m.data], m.timestamp, m.expiresAt, m.receivedAt])).toEqual([
      [2, 'p2', [20, 21], NOW, NOW + 30 * DAY, NOW + 5],
      [3, 'c3', [10, 11], NOW, NOW + 30 * DAY, NOW + 5],
      [4, 'v4', [30, 31], NOW, NOW + 30 * DAY, NOW + 5],
    ]);
    expect(t.cued).toEqual([[2, 3, 4]]);
    // Each node's last hash per namespace is stored.
    const saved = t.messages.loadLastHashes(me).map((h) => `${h.node}|${h.namespace}|${h.hash}`).sort();
    expect(saved).toEqual(['n1|0|m0', 'n1|2|p2', 'n1|3|c3', 'n1|4|v4', 'n2|0|m0', 'n2|2|p2', 'n2|3|c3', 'n2|4|v4']);

    // config-apply consumed them; the next poll (a new poller, as after a restart) asks after the stored hashes.
    t.inbox.remove(t.inbox.list(me).map((m) => m.seq));
    t.swarm.put(3, 'c3b', 40);
    expect(await t.make().pollNow()).toEqual({ newMessages: 0, dropped: 0, configMessages: 1 });
    expect(t.swarm.calls[1]!.last).toMatchObject({ 'n1|3': 'c3', 'n2|2': 'p2', 'n1|5': undefined });
    expect(t.inbox.list(me).map((m) => m.hash)).toEqual(['c3b']);
    expect(t.cued[1]).toEqual([3]);

    // A member we never asked returns every namespace from its start: what was stored before is not stored again.
    t.inbox.remove(t.inbox.list(me).map((m) => m.seq));
    t.swarm.nodes.splice(0, 2, 'n3');
    expect(await t.make().pollNow()).toEqual({ newMessages: 0, dropped: 0, configMessages: 0 });
    expect(t.swarm.calls[2]!.last['n3|3']).toBeUndefined();
    expect(t.inbox.list(me)).toEqual([]);
    expect(t.cued).toHaveLength(2);
  });

  it('keeps a config namespace\'s last hash where it was when its messages could not be stored', async () => {
    const real = createConfigInboxStore(testDb.db);
    let failNext = true;
    const flaky: ConfigInboxStore = {
      ...real,
      add(entries, at) {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return real.add(entries, at);
      },
    };
    const t = setup({ inbox: flaky });
    t.swarm.put(5, 'g5', 7);
    const poller = t.make();
    await expect(poller.pollNow()).rejects.toThrow('disk full');
    expect(t.messages.loadLastHashes(identity.sessionId)).toEqual([]);
    expect(await poller.pollNow()).toMatchObject({ configMessages: 1 });
    expect(t.swarm.calls[1]!.last['n1|5']).toBeUndefined();
    expect(t.inbox.list(identity.sessionId).map((m) => m.hash)).toEqual(['g5']);
  });

  it('extends the expiry of the live config messages in the same request', async () => {
    const t = setup({ activeConfigHashes: () => ['live1', 'live2'] });
    await t.make().pollNow();
    expect(t.swarm.calls[0]!.options.bumpExpiry).toEqual({ hashes: ['live1', 'live2'], expiryMs: NOW + 30 * DAY });
    const none = setup();
    await none.make().pollNow();
    expect(none.swarm.calls[0]!.options.bumpExpiry).toBeUndefined();
  });
});
