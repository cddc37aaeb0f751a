// SQL for the config inbox (migration 7): config messages retrieved from an account's config namespaces,
// kept raw until config-apply merges them. The poller adds a batch together with the namespace's last
// hashes in one transaction; config-apply reads a namespace's messages in arrival order and removes what
// it merged (or rejected), in the same transaction as what it wrote.
import type { Db } from './database';

export interface ConfigInboxEntry {
  /** The account whose swarm it came from (our `05…` id for user configs). */
  pubkey: string;
  namespace: number;
  /** Swarm message hash. */
  hash: string;
  /** The message bytes exactly as retrieved. */
  data: Uint8Array;
  /** The swarm's store timestamp (ms). */
  timestamp: number;
  /** The swarm's expiry (ms). */
  expiresAt: number;
}

export interface StoredConfigMessage extends ConfigInboxEntry {
  /** Arrival order in the inbox. */
  seq: number;
  receivedAt: number;
}

export interface ConfigInboxStore {
  /** Stores the messages not stored yet (a repeat of a hash is ignored); returns how many were new. Call inside the poll's transaction. */
  add(entries: readonly ConfigInboxEntry[], receivedAt: number): number;
  /** The stored messages of one account, oldest first; of one namespace when given. */
  list(pubkey: string, namespace?: number): StoredConfigMessage[];
  /** Removes stored messages by seq (config-apply, once merged); returns how many. */
  remove(seqs: readonly number[]): number;
  /** Messages waiting, per namespace. */
  counts(pubkey: string): Map<number, number>;
}

interface Row {
  seq: number;
  pubkey: string;
  namespace: number;
  hash: string;
  data: Buffer;
  timestamp: number;
  expires_at: number;
  received_at: number;
}

const toStored = (r: Row): StoredConfigMessage => ({
  seq: r.seq,
  pubkey: r.pubkey,
  namespace: r.namespace,
  hash: r.hash,
  data: new Uint8Array(r.data),
  timestamp: r.timestamp,
  expiresAt: r.expires_at,
  receivedAt: r.received_at,
});

export function createConfigInboxStore(db: Db): ConfigInboxStore {
  const insert = db.prepare<[string, number, string, Buffer, number, number, number]>(
    `INSERT INTO config_inbox (pubkey, namespace, hash, data, timestamp, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (pubkey, namespace, hash) DO NOTHING`,
  );
  const COLUMNS = 'seq, pubkey, namespace, hash, data, timestamp, expires_at, received_at';
  const selectAll = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM config_inbox WHERE pubkey = ? ORDER BY seq`);
  const selectNs = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM config_inbox WHERE pubkey = ? AND namespace = ? ORDER BY seq`);
  const deleteMany = db.prepare<[string]>('DELETE FROM config_inbox WHERE seq IN (SELECT value FROM json_each(?))');
  const selectCounts = db.prepare<[string], { namespace: number; n: number }>(
    'SELECT namespace, count(*) AS n FROM config_inbox WHERE pubkey = ? GROUP BY namespace',
  );
  return {
    add(entries, receivedAt) {
      let added = 0;
      for (const e of entries) {
        const bytes = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
        added += insert.run(e.pubkey, e.namespace, e.hash, bytes, e.timestamp, e.expiresAt, receivedAt).changes;
      }
      return added;
    },
    list: (pubkey, namespace) => (namespace === undefined ? selectAll.all(pubkey) : selectNs.all(pubkey, namespace)).map(toStored),
    remove: (seqs) => (seqs.length === 0 ? 0 : deleteMany.run(JSON.stringify(seqs)).changes),
    counts: (pubkey) => new Map(selectCounts.all(pubkey).map((r) => [r.namespace, r.n] as const)),
  };
}
