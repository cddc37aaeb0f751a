// The network client's persistence (ts/network NetworkStore) over the profile's SQLite database.
import type { NetworkStore, Snode } from '../../network';
import type { NetworkStateStore } from '../db/networkStateStore';

export function createSqliteNetworkStore(store: NetworkStateStore): NetworkStore {
  return {
    loadPool: async (): Promise<Snode[]> => store.loadPool(),
    savePool: async (nodes) => store.savePool(nodes),
    loadSwarm: async (pubkey) => store.loadSwarm(pubkey),
    saveSwarm: async (pubkey, keys) => store.saveSwarm(pubkey, keys),
    clearSwarms: async () => store.clearSwarms(),
    loadGuards: async () => store.loadGuards(),
    saveGuards: async (keys) => store.saveGuards(keys),
  };
}
