// The debug log on disk: bounded and rotated, kept across restarts, recreated after a wipe, and
// scrubbed of secrets and identities before anything is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLineLogger } from '../../../ts/backend/log';
import { MIN_WORD_RUN, REDACTED, redactLogLine } from '../../../ts/backend/logRedact';
import { DEBUG_LOG_FILE, DEBUG_LOG_PREVIOUS_FILE, MAX_LINE_BYTES, openLogStore } from '../../../ts/backend/logStore';

// Thirteen words of the recovery-password list, as a recovery password has.
const MNEMONIC = 'ablaze tipsy egotistic abbey jaws uphill alumni sash wipeout suitcase cupcake pivot suitcase';
const SESSION_ID = `05${'3a'.repeat(32)}`;

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logstore-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (i: number) => `2026-01-01T00:00:00.000Z INFO line ${String(i).padStart(4, '0')} ${'x'.repeat(30)}\n`;

describe('debug log store', () => {
  it('keeps at most two files of maxBytes, rotating the oldest lines out, and reads oldest first', () => {
    const store = openLogStore({ dir, maxBytes: 1000 });
    for (let i = 0; i < 200; i++) store.append(line(i));
    const cur = fs.statSync(path.join(dir, DEBUG_LOG_FILE)).size;
    const prev = fs.statSync(path.join(dir, DEBUG_LOG_PREVIOUS_FILE)).size;
    expect(cur).toBeLessThanOrEqual(1000);
    expect(prev).toBeLessThanOrEqual(1000);
    expect(prev).toBeGreaterThan(900); // rotated when full, not earlier
    expect(fs.readdirSync(dir).sort()).toEqual([DEBUG_LOG_PREVIOUS_FILE, DEBUG_LOG_FILE]);

    const text = store.read();
    const numbers = [...text.matchAll(/line (\d{4})/g)].map((m) => Number(m[1]));
    expect(numbers.at(-1)).toBe(199);
    expect(numbers[0]).toBeGreaterThan(0); // the oldest lines are gone
    // Whole lines, in order, without gaps.
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
    expect(text.split('\n').filter((l) => l.length > 0).every((l) => /^2026-.* line \d{4} x{30}$/.test(l))).toBe(true);
  });

  it('keeps the log across a restart and goes on counting the existing file toward its limit', () => {
    const first = openLogStore({ dir, maxBytes: 1000 });
    for (let i = 0; i < 10; i++) first.append(line(i));
    const again = openLogStore({ dir, maxBytes: 1000 });
    expect(again.read()).toContain('line 0000');
    for (let i = 10; i < 20; i++) again.append(line(i));
    expect(fs.statSync(path.join(dir, DEBUG_LOG_FILE)).size).toBeLessThanOrEqual(1000);
    expect(fs.existsSync(path.join(dir, DEBUG_LOG_PREVIOUS_FILE))).toBe(true);
    expect(again.read()).toContain('line 0019');
  });

  it('starts a new file when the folder was wiped meanwhile, and reports a failing disk once without throwing', () => {
    const onError = jest.fn();
    const store = openLogStore({ dir: path.join(dir, 'profile'), onError });
    store.append('before');
    fs.rmSync(path.join(dir, 'profile'), { recursive: true });
    store.append('after');
    expect(store.read()).toBe('after\n');
    expect(onError).not.toHaveBeenCalled();

    // A folder that cannot be created: a file stands in its way.
    fs.writeFileSync(path.join(dir, 'blocked'), '');
    const broken = openLogStore({ dir: path.join(dir, 'blocked', 'profile'), onError });
    expect(() => {
      broken.append('one');
      broken.append('two');
    }).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('cuts a huge line instead of letting it push every other line out', () => {
    const store = openLogStore({ dir, maxBytes: 100_000 });
    store.append('small one');
    store.append(`huge ${'y'.repeat(200_000)}`);
    const text = store.read();
    expect(text.startsWith('small one\n')).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_LINE_BYTES + 100);
    expect(text).toMatch(/\[line truncated\]\n$/);
  });

  it('never writes a recovery password, key, Account ID, remote IP or the home folder to disk', () => {
    const store = openLogStore({ dir, homeDir: '/home/alice' });
    const log = createLineLogger((l) => store.append(l), 'info');
    log.error('restore failed', new Error(`could not decode "${MNEMONIC}"`));
    log.info('words', { words: MNEMONIC.split(' ') });
    log.info(`restoring with ${MNEMONIC.toUpperCase()}`);
    log.info('seed', { seed: new Uint8Array(32).fill(7), ed25519: Buffer.alloc(64, 9) });
    log.warn(`ready as ${SESSION_ID} with key ${'ab'.repeat(64)}`);
    log.info('guard node 203.0.113.7:22021 failed; devnet at 127.0.0.1:4000');
    log.info('profile folder /home/alice/.config/session/mainnet/default');
    const text = store.read();
    const onDisk = fs.readFileSync(path.join(dir, DEBUG_LOG_FILE), 'utf8');
    expect(onDisk).toBe(text);
    const words = MNEMONIC.split(' ');
    for (let i = 0; i + 3 <= words.length; i++) expect(text.toLowerCase()).not.toContain(words.slice(i, i + 3).join(' '));
    expect(text).not.toContain('"ablaze","tipsy"');
    expect(text).not.toContain(SESSION_ID);
    // Shortened, not removed: the log still tells accounts apart.
    expect(text).toContain('ready as 05…3a3a with key [REDACTED]');
    expect(text).not.toContain('3a3a3a3a');
    expect(text).not.toContain('abababab');
    expect(text).not.toMatch(/7,7,7|"0":7|9,9,9/);
    expect(text).toContain('"seed":"[32 bytes]"');
    expect(text).toContain('"ed25519":"[64 bytes]"');
    expect(text).not.toContain('203.0.113.7');
    expect(text).toContain('127.0.0.1:4000');
    expect(text).not.toContain('/home/alice');
    expect(text).toContain('profile folder ~/.config/session/mainnet/default');
    expect(text.match(/\[REDACTED\]/g)!.length).toBeGreaterThanOrEqual(5);
  });
});

describe('redactLogLine', () => {
  it('leaves ordinary lines alone, even with a few words of the recovery list in them', () => {
    const ordinary = 'poller: request to the custom network opened; error after 3 tries (hash 9f86d081884c7d65)';
    expect(redactLogLine(ordinary)).toBe(ordinary);
    const fewWords = 'abbey ability ablaze abort'; // fewer than MIN_WORD_RUN list words in a row
    expect(fewWords.split(' ')).toHaveLength(MIN_WORD_RUN - 1);
    expect(redactLogLine(fewWords)).toBe(fewWords);
  });

  it('removes a run of list words however it is written, and keeps the text around it', () => {
    expect(redactLogLine(`bad input: ${MNEMONIC} (13 words)`)).toBe(`bad input: ${REDACTED} (13 words)`);
    expect(redactLogLine('["abbey", "abducts", "ability", "ablaze", "abnormal"]')).toBe(`["${REDACTED}"]`);
    expect(redactLogLine('Abbey Abducts Ability Ablaze Abnormal')).toBe(REDACTED);
  });

  it('replaces the home folder, also as a Windows path inside JSON', () => {
    expect(redactLogLine('at /home/bob/x and /home/bobby', { homeDir: '/home/bob' })).toBe('at ~/x and ~by');
    const home = 'C:\\Users\\Bob';
    expect(redactLogLine(`dir ${home}\\AppData ${JSON.stringify({ dir: `${home}\\AppData` })}`, { homeDir: home })).toBe(
      'dir ~\\AppData {"dir":"~\\\\AppData"}',
    );
    expect(redactLogLine('/ stays', { homeDir: '/' })).toBe('/ stays');
  });

  it('removes hex of 64 digits or more and remote IPv4 addresses', () => {
    expect(redactLogLine(`to ${SESSION_ID}.`)).toBe('to 05…3a3a.');
    expect(redactLogLine(`blinded 15${'cd'.repeat(32)}, group 03${'EF'.repeat(32)}`)).toBe('blinded 15…cdcd, group 03…EFEF');
    // Only a whole run of exactly a Session ID's length is shortened: a key with a 05 in front, a longer run, is removed.
    expect(redactLogLine(`x 05${'ab'.repeat(33)}`)).toBe(`x ${REDACTED}`);
    expect(redactLogLine(`seed ${'05'.repeat(32)}`)).toBe(`seed ${REDACTED}`);
    expect(redactLogLine(`x 07${'ab'.repeat(32)}`)).toBe(`x ${REDACTED}`);
    expect(redactLogLine(`key ${'F'.repeat(128)}`)).toBe(`key ${REDACTED}`);
    expect(redactLogLine(`short ${'f'.repeat(63)}`)).toBe(`short ${'f'.repeat(63)}`);
    expect(redactLogLine('nodes 10.1.2.3, 192.168.1.20 and 127.0.0.1')).toBe(`nodes ${REDACTED}, ${REDACTED} and 127.0.0.1`);
  });
});
