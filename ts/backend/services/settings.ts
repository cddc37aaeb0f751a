// The settings service: values validated against the contract, persisted in SQLite, pre-unlock keys
// mirrored into prefs.json, and a `settings.changed` event per change.
import { DEFAULT_SETTINGS, PRE_UNLOCK_SETTINGS, settingSchemas } from '../../ipc/contract';
import type { SettingKey, Settings } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { SettingsStore } from '../db/settingsStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { Prefs, PrefsStore } from '../prefs';

export interface SettingsService {
  getAll(): Settings;
  /** Validates and stores one setting; returns all settings. */
  set(key: SettingKey, value: unknown): Settings;
}

function isSettingKey(k: string): k is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingSchemas, k);
}

function preUnlockPatch(s: Settings): Partial<Prefs> {
  const patch: Record<string, unknown> = {};
  for (const k of PRE_UNLOCK_SETTINGS) patch[k] = s[k];
  return patch as Partial<Prefs>;
}

export function createSettingsService(deps: { store: SettingsStore; prefs: PrefsStore; events: EventBus; log: Logger }): SettingsService {
  const { store, prefs, events, log } = deps;
  const current: Settings = { ...DEFAULT_SETTINGS };
  for (const [k, v] of store.loadAll()) {
    if (!isSettingKey(k)) {
      log.warn(`settings: ignoring unknown stored key "${k}"`);
      continue;
    }
    const r = settingSchemas[k].safeParse(v);
    if (r.success) (current as Record<SettingKey, unknown>)[k] = r.data;
    else log.warn(`settings: stored value for "${k}" is invalid; using the default`);
  }
  // SQLite is the source of truth; bring prefs.json in line in case a crash split them.
  prefs.update(preUnlockPatch(current));

  return {
    getAll: () => ({ ...current }),
    set(key, value) {
      if (!isSettingKey(key)) throw new IpcError('invalid_params', `Unknown setting "${String(key)}".`);
      const r = settingSchemas[key].safeParse(value);
      if (!r.success) throw new IpcError('invalid_params', `Invalid value for setting "${key}".`);
      const parsed = r.data as Settings[SettingKey];
      if (current[key] === parsed) return { ...current };
      // Hiding the recovery password cannot be undone (spec/ui.md §6.8); only clearing the data starts over.
      if (key === 'hideRecoveryPassword' && current.hideRecoveryPassword) {
        throw new IpcError('conflict', 'The recovery password stays hidden on this device.');
      }
      store.save(key, parsed);
      (current as Record<SettingKey, unknown>)[key] = parsed;
      if (PRE_UNLOCK_SETTINGS.includes(key)) prefs.update({ [key]: parsed } as Partial<Prefs>);
      const snapshot = { ...current };
      events.emit('settings.changed', { key, value: parsed, settings: snapshot });
      return { ...current };
    },
  };
}
