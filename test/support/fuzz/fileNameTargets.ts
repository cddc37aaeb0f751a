// Fuzz targets for file names from the network: whatever a sender puts in an attachment's fileName, the
// name saved is one plain entry of its folder on POSIX and on Windows, and writing it lands in that folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_FILE_NAME_BYTES, fileNameForSave, numberedFileName, safeFileName, writeNewFile } from '../../../ts/backend/media/fileNames';
import { FuzzFailure, generate, hostileString, runFuzz, show, type FuzzReport, type Rng } from './core';

/** A hostile file name: pieces, plausible names with tricks spliced in, or very long ones. */
export function hostileFileName(r: Rng): string {
  const k = r.int(4);
  if (k === 0) return hostileString(r, 600);
  if (k === 1) {
    const base = r.pick(['photo', 'report', 'CON', 'nul', 'a', '..', '', 'x'.repeat(250), 'é'.repeat(120), '\ud83d\ude00'.repeat(70)]);
    const ext = r.pick(['', '.jpg', '.txt', '.exe', '. ', ' .txt', '.' + 'e'.repeat(30), '.tar.gz']);
    const at = r.int(base.length + 1);
    return base.slice(0, at) + hostileString(r, 40) + base.slice(at) + ext;
  }
  return `${hostileString(r, 100)}${hostileString(r, 100)}`;
}

// Windows' reading of a name: trailing dots and spaces dropped; a device if the part before the first dot,
// trailing spaces ignored, is a reserved device name.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
function isWindowsDevice(name: string): boolean {
  const trimmed = name.replace(/[. ]+$/, '');
  const stem = (trimmed.split('.')[0] ?? '').replace(/ +$/, '');
  return WINDOWS_DEVICES.test(stem);
}

/** Every rule a saved name must keep; throws FuzzFailure naming the broken one. */
export function checkSafeName(input: string, name: string): void {
  const fail = (rule: string): never => {
    throw new FuzzFailure(`${rule}: ${show(name)}`);
  };
  if (name === '' || name === '.' || name === '..') fail('empty or a dot entry');
  if (/[/\\:*?"<>|]/.test(name)) fail('separator or Windows-forbidden character');
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) fail('control or direction override');
  if (/\p{Cs}/u.test(name)) fail('lone surrogate');
  if (/^[\s.]/.test(name) || /[\s.]$/.test(name)) fail('leading or trailing dot or space');
  if (isWindowsDevice(name)) fail('Windows device name');
  if (Buffer.byteLength(name, 'utf8') > MAX_FILE_NAME_BYTES) fail('longer than the cap');
  if (Buffer.byteLength(numberedFileName(name, 9999), 'utf8') > 255) fail('numbered copy longer than 255 bytes');
  // Compatibility look-alikes ("／", "＼", "：") must not become separators under NFKC either.
  const compat = name.normalize('NFKC');
  if (/[/\\:]/.test(compat)) fail('separator after NFKC');
  for (const p of [path.posix, path.win32]) {
    if (p.basename(name) !== name || p.isAbsolute(name)) fail(`not a plain entry (${p === path.posix ? 'posix' : 'win32'})`);
    const base = p === path.posix ? '/base/dir' : 'C:\\base\\dir';
    const joined = p.join(base, name);
    if (p.dirname(joined) !== base || p.relative(base, joined) !== name) fail(`escapes its folder (${p === path.posix ? 'posix' : 'win32'})`);
  }
  if (safeFileName(name) !== name) fail(`not stable when made safe again (${show(safeFileName(name))})`);
  void input;
}

/** safeFileName and fileNameForSave over hostile names: never throws, every name kept is safe. */
export function fileNameTarget(seed: number, count: number): Promise<FuzzReport> {
  return runFuzz('file names', generate(seed, count, hostileFileName), (input) => {
    const safe = safeFileName(input);
    const forSave = fileNameForSave(input, 'image/jpeg');
    checkSafeName(input, forSave);
    if (safe === undefined) return false;
    checkSafeName(input, safe);
    return true;
  });
}

/** writeNewFile in a real folder: every file lands directly in it, never elsewhere, never over another. */
export async function fileWriteTarget(seed: number, count: number): Promise<FuzzReport> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-names-'));
  const dir = path.join(root, 'downloads');
  fs.mkdirSync(dir);
  try {
    let written = 0;
    const report = await runFuzz('file writes', generate(seed, count, hostileFileName), (input) => {
      const file = writeNewFile(dir, input, new Uint8Array([1, 2, 3]));
      written++;
      if (path.dirname(file) !== dir) throw new FuzzFailure(`written outside its folder: ${show(file)}`);
      return true;
    });
    // Nothing anywhere but the folder's own entries, one per write.
    const outside = fs.readdirSync(root).filter((e) => e !== 'downloads');
    const inside = fs.readdirSync(dir);
    if (outside.length > 0) report.failures.push(`files outside the folder: ${show(outside)}`);
    if (inside.length !== written) report.failures.push(`${written} writes but ${inside.length} files in the folder`);
    return report;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
