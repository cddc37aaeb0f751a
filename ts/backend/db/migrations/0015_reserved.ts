// v15: reserved for the groups admin side (adm-engine's migration, developed in parallel); an empty step here so
// that v16 follows without a gap. When the two branches meet, their real v15 replaces this file.
import type { Migration } from './types';

export const m0015Reserved: Migration = {
  version: 15,
  name: 'reserved',
  up() {
    // Nothing: see above.
  },
};
