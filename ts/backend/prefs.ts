// prefs.json: the settings needed before the database is unlocked (theme, accent, zoom, menu bar,
// window bounds), in plain JSON beside the database. Never anything secret. Written atomically; a
// corrupt file falls back to defaults, with a warning and a `.bad` copy kept for inspection.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { DEFAULT_SETTINGS, settingSchemas } from '../ipc/contract';
import type { Logger } from './log';

export const PREFS_FILE = 'prefs.json';

const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().optional(),
  fullScreen: z.boolean().optional(),
});
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

const prefsFields = {
  theme: settingSchemas.theme,
  accent: settingSchemas.accent,
  zoomFactor: settingSchemas.zoomFactor,
  hideMenuBar: settingSchemas.hideMenuBar,
  windowBounds: windowBoundsSchema.optional(),
};

export interface Prefs {
  theme: (typeof DEFAULT_SETTINGS)['theme'];
  accent: (typeof DEFAULT_SETTINGS)['accent'];
  zoomFactor: number;
  hideMenuBar: boolean;
  windowBounds?: WindowBounds;
}

export const DEFAULT_PREFS: Prefs = {
  theme: DEFAULT_SETTINGS.theme,
  accent: DEFAULT_SETTINGS.accent,
  zoomFactor: DEFAULT_SETTINGS.zoomFactor,
  hideMenuBar: DEFAULT_SETTINGS.hideMenuBar,
};

function keepBadCopy(file: string, log: Logger, why: string): void {
  const bad = `${file}.bad`;
  try {
    fs.copyFileSync(file, bad);
    log.warn(`prefs: ${why}; using defaults for what could not be read (a copy is kept at ${bad})`);
  } catch (err) {
    log.warn(`prefs: ${why}; using defaults for what could not be read (could not keep a copy)`, err);
  }
}

/**
 * Reads prefs.json from `profileDir`. A missing file gives the defaults; an unparseable file gives the
 * defaults; an invalid field falls back to its default and keeps the rest.
 */
export function readPrefs(profileDir: string, log: Logger): Prefs {
  const file = path.join(profileDir, PREFS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_PREFS };
    log.warn(`prefs: ${file} cannot be read; using defaults`, err);
    return { ...DEFAULT_PREFS };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    keepBadCopy(file, log, `${file} is not valid JSON`);
    return { ...DEFAULT_PREFS };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    keepBadCopy(file, log, `${file} does not hold a JSON object`);
    return { ...DEFAULT_PREFS };
  }
  const obj = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...DEFAULT_PREFS };
  const invalid: string[] = [];
  for (const [k, schema] of Object.entries(prefsFields)) {
    if (!(k in obj)) continue;
    const r = (schema as z.ZodType).safeParse(obj[k]);
    if (r.success) out[k] = r.data;
    else invalid.push(k);
  }
  if (invalid.length > 0) keepBadCopy(file, log, `${file} has invalid values for ${invalid.join(', ')}`);
  return out as unknown as Prefs;
}

/** Writes prefs.json atomically (temp file + rename), so a crash never leaves half a file. */
export function writePrefs(profileDir: string, prefs: Prefs): void {
  const file = path.join(profileDir, PREFS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(prefs, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** prefs.json as a small store: current values in memory, every update written through. */
export interface PrefsStore {
  get(): Prefs;
  update(patch: Partial<Prefs>): Prefs;
}

export function createPrefsStore(profileDir: string, log: Logger): PrefsStore {
  let current = readPrefs(profileDir, log);
  // Write the first update even when unchanged, so a new profile gets its file.
  let written = fs.existsSync(path.join(profileDir, PREFS_FILE));
  return {
    get: () => ({ ...current }),
    update(patch) {
      const next = { ...current, ...patch };
      if (!written || JSON.stringify(next) !== JSON.stringify(current)) {
        written = true;
        writePrefs(profileDir, next);
        current = next;
      }
      return { ...current };
    },
  };
}
