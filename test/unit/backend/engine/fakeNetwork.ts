// An in-memory stand-in for the network client: one node per account swarm, store/retrieve with hashes
// computed as the storage server does, and switches to make stores fail. Lets engine tests run without a devnet.
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { NetworkEvents, RetrieveResult } from '../../../../ts/network';
import { NetworkError } from '../../../../ts/network';
import { Emitter } from '../../../../ts/network/events';
import { messageHash, type RetrievedMessage } from '../../../../ts/protocol';

export class FakeSwarms {
  readonly inbox = new Map<string, RetrievedMessage[]>();
  failStores = false;
  stores = 0;
  /** Makes delete_all fail as a whole ('throw') or have one member not confirm ('member'). */
  failDeleteAll: 'no' | 'throw' | 'member' = 'no';

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
      storeMessage: async (pubkey, _ns, data) => {
        if (!running) throw new NetworkError('stopped');
        this.stores++;
        if (this.failStores) throw new NetworkError('unreachable', { detail: 'fake outage' });
        return { hash: this.put(pubkey, data), node: 'n1' };
      },
      deleteAll: async (signer) => {
        if (!running) throw new NetworkError('stopped');
        if (this.failDeleteAll === 'throw') throw new NetworkError('unreachable', { detail: 'fake outage' });
        const deleted = (this.inbox.get(signer.pubkey) ?? []).map((m) => m.hash);
        if (this.failDeleteAll === 'member') return [{ node: 'n1', ok: true, deleted }, { node: 'n2', ok: false, reason: 'bad signature' }];
        this.inbox.delete(signer.pubkey);
        return [{ node: 'n1', ok: true, deleted }];
      },
      retrieve: async (pubkey, _namespaces, lastHashes): Promise<RetrieveResult> => {
        if (!running) throw new NetworkError('stopped');
        const all = this.inbox.get(pubkey) ?? [];
        const last = lastHashes('n1', 0);
        const from = last ? all.findIndex((m) => m.hash === last) + 1 : 0;
        const messages = all.slice(from);
        return { perNode: [{ node: 'n1', namespaces: [{ namespace: 0, code: 200, messages, more: false }] }], merged: new Map([[0, messages]]), failures: [] };
      },
    };
  }
}
