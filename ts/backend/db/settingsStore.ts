// SQL for the settings domain: raw JSON values per key. Validation against the contract happens in
// the settings service; this module only stores and loads.
import type { Db } from './database';

export interface SettingsStore {
  /** Every stored key with its parsed JSON value (unparseable rows are reported as `undefined`). */
  loadAll(): Map<string, unknown>;
  save(key: string, value: unknown): void;
}

export function createSettingsStore(db: Db): SettingsStore {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    loadAll() {
      const out = new Map<string, unknown>();
      for (const row of selectAll.all()) {
        let v: unknown;
        try {
          v = JSON.parse(row.value);
        } catch {
          v = undefined;
        }
        out.set(row.key, v);
      }
      return out;
    },
    save(key, value) {
      upsert.run(key, JSON.stringify(value));
    },
  };
}
