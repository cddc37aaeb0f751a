// The account service: create (fresh seed from the injected randomness), restore from the 13-word
// recovery password, display name, and the recovery password on request. Holds the derived keys in memory.
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
  setDisplayName(displayName: string): AccountView;
  recoveryPassword(): { mnemonic: string };
  /** Called once when an account becomes available (open with an account, create, restore). */
  onReady(listener: (identity: Identity) => void): void;
}

export function createAccountService(deps: {
  store: AccountStore;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
}): AccountService {
  const { store, events, log, now } = deps;
  const stored = store.loadIdentity();
  let seed = stored?.recoverySeed;
  let identity = seed ? identityFromRecoverySeed(seed) : undefined;
  const listeners: ((identity: Identity) => void)[] = [];

  const view = (): AccountView | null => (identity ? { sessionId: identity.sessionId, displayName: store.loadDisplayName() ?? '' } : null);

  const establish = (newSeed: Uint8Array, displayName: string): Identity => {
    if (identity) throw new IpcError('conflict', 'This profile already has an account.');
    const id = identityFromRecoverySeed(newSeed);
    store.createIdentity({ recoverySeed: newSeed, sessionId: id.sessionId, createdAt: now() }, displayName);
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
      const id = establish(generateRecoverySeed(deps.randomBytes), displayName);
      return { sessionId: id.sessionId, mnemonic: encodeRecoveryPassword(seed as Uint8Array) };
    },
    restore(mnemonic, displayName) {
      const r = decodeRecoveryPassword(mnemonic);
      if (!r.ok) throw new IpcError('invalid_params', r.error.message, r.error.kind);
      return { sessionId: establish(r.value, displayName ?? '').sessionId };
    },
    setDisplayName(displayName) {
      if (!identity) throw new IpcError('not_found', 'Create or restore an account first.');
      store.saveDisplayName(displayName, now());
      const v = view() as AccountView;
      events.emit('account.changed', { account: v });
      return v;
    },
    recoveryPassword() {
      if (!seed) throw new IpcError('not_found', 'Create or restore an account first.');
      return { mnemonic: encodeRecoveryPassword(seed) };
    },
    onReady(listener) {
      listeners.push(listener);
      if (identity) listener(identity);
    },
  };
}
