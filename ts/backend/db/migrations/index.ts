// The ordered list of schema migrations. Append only: never edit or reorder a released migration.
import { m0001Settings } from './0001_settings';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [m0001Settings];
