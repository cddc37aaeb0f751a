// The account service: create (fresh seed from the injected randomness), restore from the 13-word
// recovery password, and the recovery password on request. Holds the derived keys in memory. The display
// name lives in the UserProfile config: config sync changes it (account.setDisplayName) and writes it here.
import type { AccountView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { decodeRecoveryPassword, encodeRecoveryPassword, generateRecoverySeed, identityFromRecoverySeed, type Identity } from '../../protocol';
import type { AccountStore } from '../db/accountStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';

export interface AccountService {
  get(): AccountView | null;
  /** The derived keys, or undefined before an account exists. */
  identity(): Identity | undefined;
  create(displayName: string): { sessionId: string; mnemonic: string };
  restore(mnemonic: string, displayName?: string): { sessionId: string };
  /** The recovery password; showing it counts as viewing it (the backup banner goes away). */
  recoveryPassword(): { mnemonic: string };
  /** Ends the "save your recovery password" banner for good without showing the password (it was hidden). */
  dismissRecoveryBanner(): void;
  /**
   * Whether `text` contains our recovery password (its 13 words in order, ignoring case and how the words
   * are separated). False before an account exists. Never logs the text.
   */
  containsRecoveryPassword(text: string): boolean;
  /** Called once when an account becomes available (open with an account, create, restore). */
  onReady(listener: (identity: Identity) => void): void;
}

/**
 * Lower case with every run of whitespace made one space, so the check (does the text contain the words?)
 * does not depend on line breaks or capitals. Punctuation stuck to a word still counts as containing it.
 */
function normaliseWords(text: string): string {
  return text.toLowerCase().split(/\s+/u).filter((w) => w !== '').join(' ');
}

export function createAccountService(deps: {
  store: AccountStore;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Our profile picture's version when it is here (absent: none). */
  avatarVersion?: () => string | undefined;
}): AccountService {
  const { store, events, log, now } = deps;
  const stored = store.loadIdentity();
  let seed = stored?.recoverySeed;
  let identity = seed ? identityFromRecoverySeed(seed) : undefined;
  const listeners: ((identity: Identity) => void)[] = [];

  const view = (): AccountView | null => {
    if (!identity) return null;
    const v: AccountView = { sessionId: identity.sessionId, displayName: store.loadDisplayName() ?? '', showRecoveryBanner: store.recoveryBannerDue() };
    const avatarVersion = deps.avatarVersion?.();
    if (avatarVersion !== undefined) v.avatarVersion = avatarVersion;
    return v;
  };

  const establish = (newSeed: Uint8Array, displayName: string, origin: 'created' | 'restored'): Identity => {
    if (identity) throw new IpcError('conflict', 'This profile already has an account.');
    const id = identityFromRecoverySeed(newSeed);
    // A restored account's recovery password was just typed in: it is backed up already.
    store.createIdentity({ recoverySeed: newSeed, sessionId: id.sessionId, createdAt: now() }, displayName, origin === 'created');
    seed = newSeed;
    identity = id;
    log.info(`account: ready as ${id.sessionId}`);
    events.emit('account.changed', { account: view() });
    for (const l of listeners) l(id);
    return id;
  };

  return {
    get: view,
    identity: () => identity,
    create(displayName) {
      const id = establish(generateRecoverySeed(deps.randomBytes), displayName, 'created');
      return { sessionId: id.sessionId, mnemonic: encodeRecoveryPassword(seed as Uint8Array) };
    },
    restore(mnemonic, displayName) {
      const r = decodeRecoveryPassword(mnemonic);
      if (!r.ok) throw new IpcError('invalid_params', r.error.message, r.error.kind);
      return { sessionId: establish(r.value, displayName ?? '', 'restored').sessionId };
    },
    recoveryPassword() {
      if (!seed) throw new IpcError('not_found', 'Create or restore an account first.');
      const mnemonic = encodeRecoveryPassword(seed);
      if (store.recoveryBannerDue()) {
        store.setRecoveryBannerDue(false);
        events.emit('account.changed', { account: view() });
      }
      return { mnemonic };
    },
    dismissRecoveryBanner() {
      if (!identity || !store.recoveryBannerDue()) return;
      store.setRecoveryBannerDue(false);
      events.emit('account.changed', { account: view() });
    },
    containsRecoveryPassword(text) {
      if (!seed) return false;
      return normaliseWords(text).includes(normaliseWords(encodeRecoveryPassword(seed)));
    },
    onReady(listener) {
      listeners.push(listener);
      if (identity) listener(identity);
    },
  };
}
