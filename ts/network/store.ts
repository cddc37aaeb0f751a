// Persistence the network client needs, as a small interface the backend implements over SQLite;
// plus an in-memory implementation for tests and hosts without a database.
import type { Snode } from './types';

export interface NetworkStore {
  loadPool(): Promise<Snode[]>;
  savePool(nodes: readonly Snode[]): Promise<void>;
  /** Ed25519 keys (hex) of the persisted swarm of `pubkey`, empty when unknown. */
  loadSwarm(pubkey: string): Promise<string[]>;
  saveSwarm(pubkey: string, ed25519Keys: readonly string[]): Promise<void>;
  /** Forget every persisted swarm (after a consensus refresh invalidates them). */
  clearSwarms(): Promise<void>;
  /** Ed25519 keys (hex) of the persisted guard nodes. */
  loadGuards(): Promise<string[]>;
  saveGuards(ed25519Keys: readonly string[]): Promise<void>;
}

/** NetworkStore kept in memory (copies in and out, so callers cannot alias internal arrays). */
export class MemoryNetworkStore implements NetworkStore {
  pool: Snode[] = [];
  swarms = new Map<string, string[]>();
  guards: string[] = [];

  async loadPool(): Promise<Snode[]> {
    return this.pool.map((n) => ({ ...n }));
  }
  async savePool(nodes: readonly Snode[]): Promise<void> {
    this.pool = nodes.map((n) => ({ ...n }));
  }
  async loadSwarm(pubkey: string): Promise<string[]> {
    return [...(this.swarms.get(pubkey) ?? [])];
  }
  async saveSwarm(pubkey: string, ed25519Keys: readonly string[]): Promise<void> {
    this.swarms.set(pubkey, [...ed25519Keys]);
  }
  async clearSwarms(): Promise<void> {
    this.swarms.clear();
  }
  async loadGuards(): Promise<string[]> {
    return [...this.guards];
  }
  async saveGuards(ed25519Keys: readonly string[]): Promise<void> {
    this.guards = [...ed25519Keys];
  }
}
