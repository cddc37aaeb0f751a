// v7: the config inbox. Config messages retrieved from the config namespaces of an account's swarm
// (user configs 2–5, spec advanced B.10) are kept here raw, exactly as retrieved, until config-apply
// merges and clears them; a namespace's last hash advances in the same transaction that stores its
// messages, so nothing retrieved is lost, whether or not this version can apply configs yet.
import type { Migration } from './types';

export const m0007ConfigInbox: Migration = {
  version: 7,
  name: 'config_inbox',
  up(db) {
    db.exec(`
      -- seq orders arrival; (pubkey, namespace, hash) identifies a swarm message, so a repeat is ignored.
      -- data: the message bytes as the swarm returned them (still wrapped and encrypted).
      -- timestamp / expires_at: the swarm's store time and expiry (ms); received_at: when it was stored here.
      CREATE TABLE config_inbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        pubkey      TEXT NOT NULL,
        namespace   INTEGER NOT NULL,
        hash        TEXT NOT NULL,
        data        BLOB NOT NULL,
        timestamp   INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (pubkey, namespace, hash)
      );
    `);
  },
};
