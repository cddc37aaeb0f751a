// v5 is taken by the receive-pipeline change (stored Content, unsupported parts, expiry columns), made on
// another branch. This empty stand-in keeps the version list gap-free on this branch only: when the
// branches merge, the real 0005 replaces this file in MIGRATIONS.
import type { Migration } from './types';

export const m0005Reserved: Migration = {
  version: 5,
  name: 'reserved',
  up() {
    // Intentionally empty (see above).
  },
};
