// File names that come from the network, made safe before they touch a disk or a dialog: no path
// separators, control or direction-override characters, no leading dots, no names Windows reserves,
// a capped length; a generic name with the sniffed type's extension when none is left. Saving picks a free
// name (" (1)", " (2)", … before the extension) and never overwrites a file.
import fs from 'node:fs';
import path from 'node:path';

/** Longest name kept, in UTF-8 bytes (most file systems allow 255; room is left for " (123)"). */
export const MAX_FILE_NAME_BYTES = 200;
/** The name of a file whose sender gave none (or one with nothing usable left). */
export const GENERIC_FILE_NAME = 'attachment';
/** Extensions longer than this are not treated as an extension when the name is cut or numbered. */
const MAX_EXTENSION_CHARS = 16;

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that can make "exe.jpg" read as
// "gpj.exe" (U+202A-U+202E, U+2066-U+2069), plus the direction marks U+061C/U+200E/U+200F, the line and
// paragraph separators and the BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Half of a UTF-16 surrogate pair without its other half: no file system can store it as sent.
const LONE_SURROGATE = /\p{Cs}/gu;
// Path separators and the characters Windows refuses in a name (":" also opens an NTFS stream).
const FORBIDDEN = /[/\\:*?"<>|]/g;
const FORBIDDEN_ONE = /[/\\:*?"<>|]/;
// Slashes Windows' best-fit code-page mapping turns into "/" or "\\" though Unicode maps them to nothing
// (fraction, division and big slashes, set minus).
const SLASH_LOOKALIKES = /[\u2044\u2215\u2216\u29f5\u29f8\u29f9]/g;
// Device names Windows reserves, also with spaces before an extension ("NUL .txt") and the console's
// CONIN$ and CONOUT$ (Windows matches the part before the first dot, trailing spaces ignored).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$/i;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/tiff': '.tiff',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'image/avif': '.avif',
  'image/svg+xml': '.svg',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'video/x-matroska': '.mkv',
  'video/3gpp': '.3gp',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/aac': '.aac',
  'audio/ogg': '.ogg',
  'audio/opus': '.opus',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
  'audio/flac': '.flac',
  'audio/webm': '.weba',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
};

/** The usual extension (with its dot) of a MIME type, or '' when unknown. */
export function extensionFor(contentType: string | undefined): string {
  if (!contentType) return '';
  return EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? '';
}

/** Splits "name.ext" into ["name", ".ext"]; a leading dot or an overlong tail is not an extension. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > MAX_EXTENSION_CHARS + 1) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/**
 * `s` without its trailing dots and white space. A loop, not `/[\s.]+$/`: that pattern retries from every
 * dot or space of a long run that something else ends, so a hostile name of 50,000 spaces and a letter
 * took seconds (quadratic).
 */
function trimTrailingDotsAndSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s.]/.test(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
export function cutUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * The sender's file name made safe for a disk, or undefined when nothing usable is left (absent, empty,
 * only dots, separators or controls). Keeps the extension when the name is cut to MAX_FILE_NAME_BYTES.
 */
export function safeFileName(name: string | null | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  // Composed after the invisible characters go: a mark they kept from its letter composes now, not when the
  // name is made safe again.
  let s = name.replace(LONE_SURROGATE, '').replace(INVISIBLE, '').normalize('NFC').replace(FORBIDDEN, '_');
  // Look-alikes that a compatibility or code-page mapping turns into a separator (fullwidth "／", "＼", "：",
  // the division slash "∕"): a copy tool or an ANSI file API on Windows would read them as the real thing.
  s = s.replace(SLASH_LOOKALIKES, '_').replace(/[^\u0000-\u007f]/gu, (ch) => (FORBIDDEN_ONE.test(ch.normalize('NFKC')) ? '_' : ch));
  // No hidden files and no "." or ".."; Windows drops trailing dots and spaces, so they go too.
  s = trimTrailingDotsAndSpaces(s.replace(/^[\s.]+/, ''));
  // Only underscores left (e.g. "../../" became "_._") carries nothing of the sender's name.
  if (s === '' || /^[_.\s]*$/.test(s)) return undefined;
  if (RESERVED.test(s)) s = `_${s}`;
  if (Buffer.byteLength(s, 'utf8') > MAX_FILE_NAME_BYTES) {
    const [base, ext] = splitExtension(s);
    s = trimTrailingDotsAndSpaces(cutUtf8(base, MAX_FILE_NAME_BYTES - Buffer.byteLength(ext, 'utf8'))) + ext;
    // The cut may leave only what replaced separators ("／／…／x" cut before the "x"): nothing usable.
    if (/^[_.\s]*$/.test(s)) return undefined;
  }
  return s;
}

/** The name to save a file under: the sender's name made safe, else "attachment" + the type's extension. */
export function fileNameForSave(name: string | null | undefined, contentType: string | undefined): string {
  return safeFileName(name) ?? `${GENERIC_FILE_NAME}${extensionFor(contentType)}`;
}

/** `name` numbered: "report.pdf", n = 2 → "report (2).pdf". */
export function numberedFileName(name: string, n: number): string {
  if (n === 0) return name;
  const [base, ext] = splitExtension(name);
  return `${base} (${n})${ext}`;
}

/** The first of `name`, `name (1)`, `name (2)`, … that does not exist in `dir`. */
export function freeFileName(dir: string, name: string, exists: (file: string) => boolean = fs.existsSync): string {
  for (let n = 0; n < 10_000; n++) {
    const candidate = numberedFileName(name, n);
    if (!exists(path.join(dir, candidate))) return candidate;
  }
  throw new Error(`No free file name for "${name}" in ${dir}.`);
}

/**
 * Writes `bytes` to a new file in `dir` named after `name` (made safe, numbered when taken); never replaces
 * a file, even one created between the check and the write. Returns the file's path.
 */
export function writeNewFile(dir: string, name: string, bytes: Uint8Array, mode = 0o600): string {
  const safe = safeFileName(name) ?? GENERIC_FILE_NAME;
  for (let n = 0; n < 10_000; n++) {
    const file = path.join(dir, numberedFileName(safe, n));
    let fd: number;
    try {
      // 'wx' fails when the file exists: the check and the creation are one step.
      fd = fs.openSync(file, 'wx', mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      fs.writeSync(fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
    return file;
  }
  throw new Error(`No free file name for "${safe}" in ${dir}.`);
}
