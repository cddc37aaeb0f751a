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
  /**
   * Inserts the identity and the display name together; fails if an identity already exists. `bannerDue`:
   * the account was created here, so its recovery password has never been shown anywhere.
   */
  createIdentity(identity: StoredIdentity, displayName: string, bannerDue?: boolean): void;
  loadDisplayName(): string | undefined;
  saveDisplayName(displayName: string, now: number): void;
  /** Whether the "save your recovery password" banner is still due (set at create, cleared when viewed). */
  recoveryBannerDue(): boolean;
  setRecoveryBannerDue(due: boolean): void;
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
  const selectBanner = db.prepare<[], { recovery_banner: number }>('SELECT recovery_banner FROM identity WHERE id = 1');
  const updateBanner = db.prepare<[number]>('UPDATE identity SET recovery_banner = ? WHERE id = 1');
  const create = db.transaction((identity: StoredIdentity, displayName: string, bannerDue: boolean) => {
    insertIdentity.run(Buffer.from(identity.recoverySeed), identity.sessionId, identity.createdAt);
    if (bannerDue) updateBanner.run(1);
    upsertName.run(displayName, identity.createdAt);
  });
  return {
    loadIdentity() {
      const row = selectIdentity.get();
      if (!row) return undefined;
      return { recoverySeed: new Uint8Array(row.recovery_seed), sessionId: row.session_id, createdAt: row.created_at };
    },
    createIdentity(identity, displayName, bannerDue = false) {
      create(identity, displayName, bannerDue);
    },
    loadDisplayName: () => selectName.get()?.display_name,
    saveDisplayName(displayName, now) {
      upsertName.run(displayName, now);
    },
    recoveryBannerDue: () => selectBanner.get()?.recovery_banner === 1,
    setRecoveryBannerDue(due) {
      updateBanner.run(due ? 1 : 0);
    },
  };
}
