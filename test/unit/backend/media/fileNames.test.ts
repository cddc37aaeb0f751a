// Network file names made safe before they touch the disk, and saving that never overwrites.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  MAX_FILE_NAME_BYTES,
  extensionFor,
  fileNameForSave,
  freeFileName,
  numberedFileName,
  safeFileName,
  writeNewFile,
} from '../../../../ts/backend/media/fileNames';

describe('safeFileName', () => {
  it('replaces path separators so a name can never leave its folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('..\\..\\Windows\\system.ini')).toBe('_.._Windows_system.ini');
    expect(safeFileName('dir/sub/photo.jpg')).toBe('dir_sub_photo.jpg');
    expect(safeFileName('C:evil.txt')).toBe('C_evil.txt');
    for (const name of ['../../etc/passwd', 'a/b\\c', '/abs/path.txt']) {
      const safe = safeFileName(name) as string;
      expect(safe).not.toMatch(/[/\\]/);
      expect(path.basename(safe)).toBe(safe);
    }
  });

  it('drops control characters and direction overrides', () => {
    expect(safeFileName('re\u0000port\u0007\n.pdf')).toBe('report.pdf');
    expect(safeFileName('a\u001b[31mred.txt')).toBe('a[31mred.txt');
    // "invoice\u202Efdp.exe" would read as "invoiceexe.pdf".
    expect(safeFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('x\u0085y\u009f.txt')).toBe('xy.txt');
  });

  it('refuses "." and "..", hidden names and names with nothing usable left', () => {
    expect(safeFileName('.')).toBeUndefined();
    expect(safeFileName('..')).toBeUndefined();
    expect(safeFileName('../')).toBeUndefined();
    expect(safeFileName('/')).toBeUndefined();
    expect(safeFileName('')).toBeUndefined();
    expect(safeFileName('   ')).toBeUndefined();
    expect(safeFileName('\u0000\u0001')).toBeUndefined();
    expect(safeFileName(undefined)).toBeUndefined();
    expect(safeFileName(null)).toBeUndefined();
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('...hidden.txt')).toBe('hidden.txt');
    expect(safeFileName('trailing. . ')).toBe('trailing');
  });

  it('prefixes names Windows reserves for devices', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
    expect(safeFileName('com1.jpg')).toBe('_com1.jpg');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it('caps the length in UTF-8 bytes and keeps the extension', () => {
    const long = `${'é'.repeat(300)}.jpeg`;
    const safe = safeFileName(long) as string;
    expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(safe.endsWith('.jpeg')).toBe(true);
    expect(safe.startsWith('é')).toBe(true);
    // Astral characters are never split into lone surrogates.
    const emoji = safeFileName('😀'.repeat(100)) as string;
    expect(Buffer.byteLength(emoji, 'utf8')).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect([...emoji].every((c) => c === '😀')).toBe(true);
  });

  it('keeps ordinary names as they are', () => {
    expect(safeFileName('Holiday photo (2).jpg')).toBe('Holiday photo (2).jpg');
    expect(safeFileName('файл.pdf')).toBe('файл.pdf');
  });
});

describe('fileNameForSave', () => {
  it('uses a generic name with the sniffed type’s extension when the sender gave none', () => {
    expect(fileNameForSave(undefined, 'image/jpeg')).toBe('attachment.jpg');
    expect(fileNameForSave('', 'audio/mpeg')).toBe('attachment.mp3');
    expect(fileNameForSave('..', 'application/pdf')).toBe('attachment.pdf');
    expect(fileNameForSave(undefined, 'application/x-unknown')).toBe('attachment');
    expect(fileNameForSave('notes.txt', 'image/png')).toBe('notes.txt');
    expect(extensionFor('image/JPEG; q=1')).toBe('.jpg');
  });
});

describe('free names and writing without overwriting', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-names-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('numbers a taken name before its extension', () => {
    expect(numberedFileName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedFileName('README', 1)).toBe('README (1)');
    expect(numberedFileName('archive.tar.gz', 1)).toBe('archive.tar (1).gz');
    fs.writeFileSync(path.join(dir, 'report.pdf'), 'a');
    fs.writeFileSync(path.join(dir, 'report (1).pdf'), 'b');
    expect(freeFileName(dir, 'report.pdf')).toBe('report (2).pdf');
    expect(freeFileName(dir, 'other.pdf')).toBe('other.pdf');
  });

  it('writeNewFile never replaces an existing file and sanitises the name it is given', () => {
    const first = writeNewFile(dir, 'photo.jpg', new Uint8Array([1]));
    const second = writeNewFile(dir, 'photo.jpg', new Uint8Array([2]));
    const third = writeNewFile(dir, '../photo.jpg', new Uint8Array([3]));
    const fourth = writeNewFile(dir, '..', new Uint8Array([4]));
    expect(path.basename(first)).toBe('photo.jpg');
    expect(path.basename(second)).toBe('photo (1).jpg');
    expect(path.dirname(third)).toBe(dir);
    expect(path.basename(third)).toBe('_photo.jpg');
    expect(path.basename(fourth)).toBe('attachment');
    expect([...fs.readFileSync(first)]).toEqual([1]);
    expect([...fs.readFileSync(second)]).toEqual([2]);
    expect(fs.readdirSync(dir).sort()).toEqual(['_photo.jpg', 'attachment', 'photo (1).jpg', 'photo.jpg']);
  });
});
