import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../../ts/backend/log';
import { DEFAULT_PREFS, PREFS_FILE, createPrefsStore, readPrefs, writePrefs } from '../../../ts/backend/prefs';

function capture(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
}

describe('prefs.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives defaults when missing and round-trips what is written', () => {
    const log = capture();
    expect(readPrefs(dir, log)).toEqual(DEFAULT_PREFS);
    const prefs = { ...DEFAULT_PREFS, theme: 'ocean-light' as const, windowBounds: { x: 1, y: 2, width: 800, height: 600, maximized: true } };
    writePrefs(dir, prefs);
    expect(readPrefs(dir, log)).toEqual(prefs);
    expect(fs.readdirSync(dir)).toEqual([PREFS_FILE]); // no temp file left behind
    expect(log.warnings).toEqual([]);
  });

  it('falls back to defaults on a corrupt file, warns and keeps a .bad copy', () => {
    const log = capture();
    fs.writeFileSync(path.join(dir, PREFS_FILE), '{"theme": "ocean-li');
    expect(readPrefs(dir, log)).toEqual(DEFAULT_PREFS);
    expect(log.warnings.join('\n')).toMatch(/not valid JSON/);
    expect(fs.readFileSync(path.join(dir, `${PREFS_FILE}.bad`), 'utf8')).toBe('{"theme": "ocean-li');
  });

  it('keeps valid fields and defaults invalid ones', () => {
    const log = capture();
    fs.writeFileSync(path.join(dir, PREFS_FILE), JSON.stringify({ theme: 'ocean-light', zoomFactor: 99 }));
    expect(readPrefs(dir, log)).toEqual({ ...DEFAULT_PREFS, theme: 'ocean-light' });
    expect(log.warnings.join('\n')).toMatch(/invalid values for zoomFactor/);
    expect(fs.existsSync(path.join(dir, `${PREFS_FILE}.bad`))).toBe(true);
  });

  it('the store writes updates through', () => {
    const store = createPrefsStore(dir, capture());
    store.update({ hideMenuBar: false });
    expect(readPrefs(dir, capture()).hideMenuBar).toBe(false);
    expect(store.get().hideMenuBar).toBe(false);
  });
});
