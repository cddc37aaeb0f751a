// The devnet's storage: one SQLite database (in memory, or a file under --state-dir) holding every node's
// own copy of its messages (each node keeps its own insertion order), subaccount revocations, the deletions
// a stopped node missed, file metadata and the persisted network identity. All SQL of the devnet lives here.
import Database from 'better-sqlite3-multiple-ciphers';

export interface StoredMessage {
  readonly hash: string;
  readonly timestamp: number;
  readonly expiry: number;
  readonly data: Uint8Array;
  readonly namespace: number;
}

export interface FileMeta {
  readonly id: string;
  readonly size: number;
  readonly uploaded: number;
  readonly expires: number;
}

interface MessageRow {
  seq: number;
  hash: string;
  ts: number;
  expiry: number;
  data: Buffer;
  ns: number;
}

export class DevnetDb {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly storeTx: (node: string, pubkey: string, m: StoredMessage, replaceNamespace: boolean) => { already: boolean; expiry: number };

  constructor(file: string | null) {
    this.db = new Database(file ?? ':memory:');
    if (file) this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, node TEXT NOT NULL, pubkey TEXT NOT NULL, ns INTEGER NOT NULL,
        hash TEXT NOT NULL, ts INTEGER NOT NULL, expiry INTEGER NOT NULL, data BLOB NOT NULL,
        UNIQUE (node, hash));
      CREATE INDEX IF NOT EXISTS messages_owner ON messages (node, pubkey, ns, seq);
      CREATE INDEX IF NOT EXISTS messages_expiry ON messages (expiry);
      CREATE TABLE IF NOT EXISTS revoked (
        node TEXT NOT NULL, pubkey TEXT NOT NULL, token TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (node, pubkey, token));
      CREATE TABLE IF NOT EXISTS missed (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, node TEXT NOT NULL, method TEXT NOT NULL, params TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, size INTEGER NOT NULL, uploaded REAL NOT NULL, expires REAL NOT NULL);
    `);
    const db = this.db;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      findByHash: db.prepare<[string, string], { seq: number; expiry: number; pubkey: string; ns: number }>(
        'SELECT seq, expiry, pubkey, ns FROM messages WHERE node = ? AND hash = ?',
      ),
      insert: db.prepare('INSERT INTO messages (node, pubkey, ns, hash, ts, expiry, data) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      setExpiry: db.prepare('UPDATE messages SET expiry = ? WHERE node = ? AND hash = ?'),
      listNs: db.prepare<[string, string, number, number], MessageRow>(
        'SELECT seq, hash, ts, expiry, data, ns FROM messages WHERE node = ? AND pubkey = ? AND ns = ? AND seq > ? ORDER BY seq',
      ),
      listAll: db.prepare<[string, string], MessageRow>(
        'SELECT seq, hash, ts, expiry, data, ns FROM messages WHERE node = ? AND pubkey = ? ORDER BY seq',
      ),
      deleteOne: db.prepare('DELETE FROM messages WHERE node = ? AND hash = ?'),
      cleanup: db.prepare('DELETE FROM messages WHERE expiry < ?'),
      isRevoked: db.prepare<[string, string, string], { token: string }>(
        'SELECT token FROM revoked WHERE node = ? AND pubkey = ? AND token = ?',
      ),
      revoke: db.prepare('INSERT OR REPLACE INTO revoked (node, pubkey, token, at) VALUES (?, ?, ?, ?)'),
      unrevoke: db.prepare('DELETE FROM revoked WHERE node = ? AND pubkey = ? AND token = ?'),
      trimRevoked: db.prepare(
        'DELETE FROM revoked WHERE node = ? AND pubkey = ? AND token NOT IN (SELECT token FROM revoked WHERE node = ? AND pubkey = ? ORDER BY at DESC LIMIT 50)',
      ),
      addMissed: db.prepare('INSERT INTO missed (node, method, params) VALUES (?, ?, ?)'),
      listMissed: db.prepare<[string], { method: string; params: string }>('SELECT method, params FROM missed WHERE node = ? ORDER BY seq'),
      clearMissed: db.prepare('DELETE FROM missed WHERE node = ?'),
      accounts: db.prepare<[], { pubkey: string }>('SELECT pubkey FROM messages UNION SELECT pubkey FROM revoked'),
      dropMessages: db.prepare('DELETE FROM messages WHERE node = ? AND pubkey = ?'),
      dropRevoked: db.prepare('DELETE FROM revoked WHERE node = ? AND pubkey = ?'),
      getFile: db.prepare<[string], FileMeta>('SELECT id, size, uploaded, expires FROM files WHERE id = ?'),
      putFile: db.prepare('INSERT OR REPLACE INTO files (id, size, uploaded, expires) VALUES (?, ?, ?, ?)'),
      expiredFiles: db.prepare<[number], { id: string }>('SELECT id FROM files WHERE expires < ?'),
      deleteFile: db.prepare('DELETE FROM files WHERE id = ?'),
    };
    // Made once: wrapping a function in a transaction is not free, and every store and replica runs it.
    this.storeTx = db.transaction((node: string, pubkey: string, m: StoredMessage, replaceNamespace: boolean) => {
      const existing = this.stmts.findByHash.get(node, m.hash);
      if (existing) {
        if (m.expiry > existing.expiry) this.stmts.setExpiry.run(m.expiry, node, m.hash);
        return { already: true, expiry: Math.max(m.expiry, existing.expiry) };
      }
      if (replaceNamespace) db.prepare('DELETE FROM messages WHERE node = ? AND pubkey = ? AND ns = ?').run(node, pubkey, m.namespace);
      this.stmts.insert.run(node, pubkey, m.namespace, m.hash, m.timestamp, m.expiry, Buffer.from(m.data));
      return { already: false, expiry: m.expiry };
    });
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | null {
    return this.stmts.getMeta.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  /**
   * Gives `node` every unexpired message its swarm peers hold and it lacks (a node rejoining its swarm is brought
   * up to date by its peers), in the order the first peer stored them. Returns how many were added.
   */
  resync(node: string, peers: readonly string[], now: number): number {
    if (peers.length === 0) return 0;
    const marks = peers.map(() => '?').join(', ');
    return this.db
      .prepare(
        `INSERT OR IGNORE INTO messages (node, pubkey, ns, hash, ts, expiry, data)
         SELECT ?, pubkey, ns, hash, ts, MAX(expiry), data FROM messages
         WHERE node IN (${marks}) AND expiry >= ? AND hash NOT IN (SELECT hash FROM messages WHERE node = ?)
         GROUP BY hash ORDER BY MIN(seq)`,
      )
      .run(node, ...peers, now, node).changes;
  }

  /** Remembers a deletion, expiry change or (un)revocation that `node` missed because it was stopped. */
  addMissed(node: string, method: string, paramsJson: string): void {
    this.stmts.addMissed.run(node, method, paramsJson);
  }

  /** The operations `node` missed, oldest first; they are forgotten as they are returned. */
  takeMissed(node: string): Array<{ method: string; params: string }> {
    return this.db.transaction(() => {
      const rows = this.stmts.listMissed.all(node);
      this.stmts.clearMissed.run(node);
      return rows;
    })();
  }

  /** Every account some node holds messages or revocations for. */
  accounts(): string[] {
    return this.stmts.accounts.all().map((r) => r.pubkey);
  }

  /**
   * Hands an account over to a node that newly belongs to its swarm: `to` gets every unexpired message of
   * the account that `from` hold and it lacks (in the order the first of them stored it), and their
   * revocations. Returns how many messages were added.
   */
  copyAccount(pubkey: string, from: readonly string[], to: string, now: number): number {
    if (from.length === 0) return 0;
    const marks = from.map(() => '?').join(', ');
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO revoked (node, pubkey, token, at)
           SELECT ?, pubkey, token, MAX(at) FROM revoked WHERE pubkey = ? AND node IN (${marks}) GROUP BY token`,
        )
        .run(to, pubkey, ...from);
      return this.db
        .prepare(
          `INSERT OR IGNORE INTO messages (node, pubkey, ns, hash, ts, expiry, data)
           SELECT ?, pubkey, ns, hash, ts, MAX(expiry), data FROM messages
           WHERE pubkey = ? AND node IN (${marks}) AND expiry >= ? AND hash NOT IN (SELECT hash FROM messages WHERE node = ?)
           GROUP BY hash ORDER BY MIN(seq)`,
        )
        .run(to, pubkey, ...from, now, to).changes;
    })();
  }

  /** Forgets everything `node` holds for an account (it no longer belongs to the account's swarm). */
  dropAccount(node: string, pubkey: string): void {
    this.db.transaction(() => {
      this.stmts.dropMessages.run(node, pubkey);
      this.stmts.dropRevoked.run(node, pubkey);
    })();
  }

  /** Stores a message on one node; an existing hash only ever gets its expiry raised. */
  store(node: string, pubkey: string, m: StoredMessage, replaceNamespace: boolean): { already: boolean; expiry: number } {
    return this.storeTx(node, pubkey, m, replaceNamespace);
  }

  /**
   * Messages inserted on `node` after `lastHash` (from the start when it is unknown there), in insertion
   * order, while `take` accepts them; `more` tells whether messages were left behind.
   */
  retrieve(
    node: string,
    pubkey: string,
    namespace: number,
    lastHash: string | null,
    take: (m: StoredMessage, taken: number) => boolean,
  ): { messages: StoredMessage[]; more: boolean } {
    let after = 0;
    if (lastHash) {
      const found = this.stmts.findByHash.get(node, lastHash);
      if (found && found.pubkey === pubkey && found.ns === namespace) after = found.seq;
    }
    const messages: StoredMessage[] = [];
    const rows = this.stmts.listNs.iterate(node, pubkey, namespace, after);
    try {
      for (const row of rows) {
        const m = toMessage(row);
        if (!take(m, messages.length)) return { messages, more: true };
        messages.push(m);
      }
    } finally {
      rows.return?.();
    }
    return { messages, more: false };
  }

  listAll(node: string, pubkey: string): StoredMessage[] {
    return this.stmts.listAll.all(node, pubkey).map(toMessage);
  }

  find(node: string, pubkey: string, hash: string): { expiry: number; namespace: number } | null {
    const row = this.stmts.findByHash.get(node, hash);
    return row && row.pubkey === pubkey ? { expiry: row.expiry, namespace: row.ns } : null;
  }

  deleteHashes(node: string, hashes: readonly string[]): void {
    this.db.transaction(() => {
      for (const h of hashes) this.stmts.deleteOne.run(node, h);
    })();
  }

  setExpiries(node: string, updates: ReadonlyArray<readonly [string, number]>): void {
    this.db.transaction(() => {
      for (const [h, e] of updates) this.stmts.setExpiry.run(e, node, h);
    })();
  }

  cleanupExpired(now: number): number {
    return this.stmts.cleanup.run(now).changes;
  }

  isRevoked(node: string, pubkey: string, tokenHex: string): boolean {
    return this.stmts.isRevoked.get(node, pubkey, tokenHex) !== undefined;
  }

  revoke(node: string, pubkey: string, tokensHex: readonly string[], now: number): void {
    this.db.transaction(() => {
      for (const t of tokensHex) this.stmts.revoke.run(node, pubkey, t, now);
      this.stmts.trimRevoked.run(node, pubkey, node, pubkey);
    })();
  }

  unrevoke(node: string, pubkey: string, tokensHex: readonly string[]): number {
    let count = 0;
    this.db.transaction(() => {
      for (const t of tokensHex) count += this.stmts.unrevoke.run(node, pubkey, t).changes;
    })();
    return count;
  }

  getFile(id: string): FileMeta | null {
    return this.stmts.getFile.get(id) ?? null;
  }

  putFile(meta: FileMeta): void {
    this.stmts.putFile.run(meta.id, meta.size, meta.uploaded, meta.expires);
  }

  /** Forgets a file's metadata; false when there was none. */
  deleteFile(id: string): boolean {
    return this.stmts.deleteFile.run(id).changes > 0;
  }

  takeExpiredFiles(nowSeconds: number): string[] {
    const ids = this.stmts.expiredFiles.all(nowSeconds).map((r) => r.id);
    for (const id of ids) this.stmts.deleteFile.run(id);
    return ids;
  }
}

function toMessage(r: MessageRow): StoredMessage {
  return { hash: r.hash, timestamp: r.ts, expiry: r.expiry, data: new Uint8Array(r.data), namespace: r.ns };
}
