// SQL for the account: the identity row (the secret recovery seed) and our profile (display name), the
// latter kept apart because it moves to the UserProfile config later.
import type { Db } from './database';

export interface StoredIdentity {
  recoverySeed: Uint8Array;
  sessionId: string;
  createdAt: number;
}

export interface AccountStore {
  loadIdentity(): StoredIdentity | undefined;
  /** Inserts the identity and the display name together; fails if an identity already exists. */
  createIdentity(identity: StoredIdentity, displayName: string): void;
  loadDisplayName(): string | undefined;
  saveDisplayName(displayName: string, now: number): void;
}

export function createAccountStore(db: Db): AccountStore {
  const selectIdentity = db.prepare<[], { recovery_seed: Buffer; session_id: string; created_at: number }>(
    'SELECT recovery_seed, session_id, created_at FROM identity WHERE id = 1',
  );
  const insertIdentity = db.prepare<[Buffer, string, number]>('INSERT INTO identity (id, recovery_seed, session_id, created_at) VALUES (1, ?, ?, ?)');
  const selectName = db.prepare<[], { display_name: string }>('SELECT display_name FROM user_profile WHERE id = 1');
  const upsertName = db.prepare<[string, number]>(
    'INSERT INTO user_profile (id, display_name, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, updated_at = excluded.updated_at',
  );
  const create = db.transaction((identity: StoredIdentity, displayName: string) => {
    insertIdentity.run(Buffer.from(identity.recoverySeed), identity.sessionId, identity.createdAt);
    upsertName.run(displayName, identity.createdAt);
  });
  return {
    loadIdentity() {
      const row = selectIdentity.get();
      if (!row) return undefined;
      return { recoverySeed: new Uint8Array(row.recovery_seed), sessionId: row.session_id, createdAt: row.created_at };
    },
    createIdentity(identity, displayName) {
      create(identity, displayName);
    },
    loadDisplayName: () => selectName.get()?.display_name,
    saveDisplayName(displayName, now) {
      upsertName.run(displayName, now);
    },
  };
}
