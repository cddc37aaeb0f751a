// SQL for what the network client persists: the service-node pool, swarms per account and guard nodes.
import type { Db } from './database';

export interface StoredSnode {
  ip: string;
  port: number;
  ed25519: string;
  x25519: string;
}

export interface NetworkStateStore {
  loadPool(): StoredSnode[];
  savePool(nodes: readonly StoredSnode[]): void;
  loadSwarm(pubkey: string): string[];
  saveSwarm(pubkey: string, ed25519Keys: readonly string[]): void;
  clearSwarms(): void;
  loadGuards(): string[];
  saveGuards(ed25519Keys: readonly string[]): void;
}

export function createNetworkStateStore(db: Db): NetworkStateStore {
  const selectPool = db.prepare<[], StoredSnode>('SELECT ip, port, ed25519, x25519 FROM snode_pool ORDER BY ed25519');
  const clearPool = db.prepare('DELETE FROM snode_pool');
  const insertNode = db.prepare<[string, string, number, string]>('INSERT OR REPLACE INTO snode_pool (ed25519, ip, port, x25519) VALUES (?, ?, ?, ?)');
  const selectSwarm = db.prepare<[string], { ed25519: string }>('SELECT ed25519 FROM swarms WHERE pubkey = ? ORDER BY position');
  const deleteSwarm = db.prepare<[string]>('DELETE FROM swarms WHERE pubkey = ?');
  const insertSwarm = db.prepare<[string, number, string]>('INSERT INTO swarms (pubkey, position, ed25519) VALUES (?, ?, ?)');
  const clearAllSwarms = db.prepare('DELETE FROM swarms');
  const selectGuards = db.prepare<[], { ed25519: string }>('SELECT ed25519 FROM guards ORDER BY position');
  const clearGuards = db.prepare('DELETE FROM guards');
  const insertGuard = db.prepare<[number, string]>('INSERT INTO guards (position, ed25519) VALUES (?, ?)');

  const savePool = db.transaction((nodes: readonly StoredSnode[]) => {
    clearPool.run();
    for (const n of nodes) insertNode.run(n.ed25519, n.ip, n.port, n.x25519);
  });
  const saveSwarm = db.transaction((pubkey: string, keys: readonly string[]) => {
    deleteSwarm.run(pubkey);
    keys.forEach((k, i) => insertSwarm.run(pubkey, i, k));
  });
  const saveGuards = db.transaction((keys: readonly string[]) => {
    clearGuards.run();
    keys.forEach((k, i) => insertGuard.run(i, k));
  });
  return {
    loadPool: () => selectPool.all().map((n) => ({ ...n })),
    savePool: (nodes) => savePool(nodes),
    loadSwarm: (pubkey) => selectSwarm.all(pubkey).map((r) => r.ed25519),
    saveSwarm: (pubkey, keys) => saveSwarm(pubkey, keys),
    clearSwarms: () => {
      clearAllSwarms.run();
    },
    loadGuards: () => selectGuards.all().map((r) => r.ed25519),
    saveGuards: (keys) => saveGuards(keys),
  };
}
