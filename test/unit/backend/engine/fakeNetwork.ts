// An in-memory stand-in for the network client: one node per account swarm, store/retrieve with hashes
// computed as the storage server does, and switches to make stores fail. Lets engine tests run without a devnet.
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { NetworkEvents, RetrieveResult } from '../../../../ts/network';
import { NetworkError } from '../../../../ts/network';
import { Emitter } from '../../../../ts/network/events';
import { messageHash, type RetrievedMessage } from '../../../../ts/protocol';

export class FakeSwarms {
  readonly inbox = new Map<string, RetrievedMessage[]>();
  /** Config namespaces' messages, by `${pubkey}|${namespace}`. */
  readonly configs = new Map<string, RetrievedMessage[]>();
  /** Config pushes stored (each a sequence of stores and a delete). */
  configPushes = 0;
  failStores = false;
  stores = 0;
  /** Makes delete_all fail as a whole ('throw') or have one member not confirm ('member'). */
  failDeleteAll: 'no' | 'throw' | 'member' = 'no';
  // --- unsend (begin) ---
  /** Makes `delete` (unsend's swarm delete) fail. */
  failDeleteMessages = false;
  /** Every `delete` call: the account and its hashes. */
  readonly deletes: { pubkey: string; hashes: string[] }[] = [];
  // --- unsend (end) ---
  // --- disappearing messages (begin) ---
  /** The TTL each message was stored with, by hash. */
  readonly ttls = new Map<string, number>();
  /** Every expire request, in order. */
  readonly expireCalls: { pubkey: string; hashes: string[]; expiryMs: number; mode: string }[] = [];
  // --- disappearing messages (end) ---

  put(pubkey: string, data: Uint8Array, now = Date.now()): string {
    const hash = messageHash(pubkey, 0, data);
    const list = this.inbox.get(pubkey) ?? [];
    if (!list.some((m) => m.hash === hash)) list.push({ hash, data, timestamp: now, expiration: now + 14 * 86_400_000 });
    this.inbox.set(pubkey, list);
    return hash;
  }

  network(): EngineNetwork {
    const events = new Emitter<NetworkEvents>();
    let running = false;
    return {
      events,
      start: () => {
        running = true;
        events.emit('paths', { status: 'ready', paths: [{ nodes: [{ ip: '127.0.0.1', port: 1, ed25519: 'aa'.repeat(32) }] }] });
      },
      stop: () => {
        running = false;
      },
      setOwnPubkey: () => undefined,
      ready: async () => undefined,
      networkNow: () => Date.now(),
      getPaths: () => [{ nodes: [{ ip: '127.0.0.1', port: 1, ed25519: 'aa'.repeat(32) }] }],
      storeMessage: async (pubkey, _ns, data, ttlMs) => {
        if (!running) throw new NetworkError('stopped');
        this.stores++;
        if (this.failStores) throw new NetworkError('unreachable', { detail: 'fake outage' });
        const hash = this.put(pubkey, data);
        this.ttls.set(hash, ttlMs);
        return { hash, node: 'n1' };
      },
      // --- disappearing messages (begin) ---
      expireMessages: async (signer, hashes, expiryMs, mode) => {
        if (!running) throw new NetworkError('stopped');
        this.expireCalls.push({ pubkey: signer.pubkey, hashes: [...hashes], expiryMs, mode });
        const wanted = new Set(hashes);
        const updated: string[] = [];
        for (const m of this.inbox.get(signer.pubkey) ?? []) {
          if (!wanted.has(m.hash) || (mode === 'shorten' && m.expiration <= expiryMs)) continue;
          m.expiration = expiryMs;
          updated.push(m.hash);
        }
        return [{ node: 'n1', ok: true, expiry: expiryMs, updated }];
      },
      // --- disappearing messages (end) ---
      deleteAll: async (signer) => {
        if (!running) throw new NetworkError('stopped');
        if (this.failDeleteAll === 'throw') throw new NetworkError('unreachable', { detail: 'fake outage' });
        const deleted = (this.inbox.get(signer.pubkey) ?? []).map((m) => m.hash);
        if (this.failDeleteAll === 'member') return [{ node: 'n1', ok: true, deleted }, { node: 'n2', ok: false, reason: 'bad signature' }];
        this.inbox.delete(signer.pubkey);
        return [{ node: 'n1', ok: true, deleted }];
      },
      // --- unsend (begin) ---
      deleteMessages: async (signer, hashes) => {
        if (!running) throw new NetworkError('stopped');
        if (this.failDeleteMessages) throw new NetworkError('unreachable', { detail: 'fake outage' });
        this.deletes.push({ pubkey: signer.pubkey, hashes: [...hashes] });
        const gone = new Set(hashes);
        const list = this.inbox.get(signer.pubkey) ?? [];
        const deleted = list.filter((m) => gone.has(m.hash)).map((m) => m.hash);
        this.inbox.set(signer.pubkey, list.filter((m) => !gone.has(m.hash)));
        return [{ node: 'n1', ok: true, deleted }];
      },
      // --- unsend (end) ---
      storeConfig: async (signer, stores, deleteHashes) => {
        if (!running) throw new NetworkError('stopped');
        if (this.failStores) throw new NetworkError('unreachable', { detail: 'fake outage' });
        this.configPushes++;
        const now = Date.now();
        const hashes = stores.map((st) => {
          const key = `${signer.pubkey}|${st.namespace}`;
          const hash = messageHash(signer.pubkey, st.namespace, st.data);
          const list = this.configs.get(key) ?? [];
          if (!list.some((m) => m.hash === hash)) list.push({ hash, data: st.data, timestamp: now, expiration: now + st.ttlMs });
          this.configs.set(key, list);
          return hash;
        });
        const gone = new Set(deleteHashes);
        for (const [key, list] of this.configs) if (key.startsWith(`${signer.pubkey}|`)) this.configs.set(key, list.filter((m) => !gone.has(m.hash)));
        return { hashes, node: 'n1' };
      },
      retrieve: async (pubkey, namespaces, lastHashes): Promise<RetrieveResult> => {
        if (!running) throw new NetworkError('stopped');
        // Every namespace asked for is answered: 0 from the inbox, the config namespaces from their stores.
        const answers = namespaces.map((n) => {
          const namespace = typeof n === 'number' ? n : n.namespace;
          const all = (namespace === 0 ? this.inbox.get(pubkey) : this.configs.get(`${pubkey}|${namespace}`)) ?? [];
          const last = lastHashes('n1', namespace);
          const from = last ? all.findIndex((m) => m.hash === last) + 1 : 0;
          return { namespace, code: 200, messages: all.slice(from), more: false };
        });
        return { perNode: [{ node: 'n1', namespaces: answers }], merged: new Map(answers.map((a) => [a.namespace, a.messages])), failures: [] };
      },
    };
  }
}
