// Recovery password: 16-byte seed <-> 13 English words with a CRC-32 checksum word
// (Electrum-style, 3-letter prefixes; spec messaging §2).
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { utf8ToBytes } from '../primitives/bytes';
import WORDS_JSON from './mnemonic-english.json';

const WORDS: readonly string[] = WORDS_JSON as string[];
const N = WORDS.length; // 1626
const PREFIX_LEN = 3;

/** The number of words in a recovery password. */
export const RECOVERY_PASSWORD_WORDS = 13;

// Immutable lookup tables built at load time (constants, not state).
const PREFIX_INDEX: ReadonlyMap<string, number> = new Map(WORDS.map((w, i) => [w.slice(0, PREFIX_LEN), i]));
const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const WORD_SET: ReadonlySet<string> = new Set(WORDS);

/** True for a word of the recovery-password word list (lower case); logs use it to keep recovery passwords out. */
export function isRecoveryWord(word: string): boolean {
  return WORD_SET.has(word);
}

/** Standard IEEE CRC-32 (zlib), unsigned. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of data) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksumIndex(words: readonly string[]): number {
  const s = words.map((w) => w.slice(0, PREFIX_LEN)).join('');
  return crc32(utf8ToBytes(s)) % words.length;
}

/** Encodes bytes (length a multiple of 4) to words, 3 per 4 bytes, without a checksum word. */
export function encodeMnemonicWords(bytes: Uint8Array): string[] {
  if (bytes.length % 4 !== 0) throw new ProtocolError('invalid_argument', 'Mnemonic input must be a multiple of 4 bytes.');
  const out: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; i += 4) {
    const x = view.getUint32(i, true);
    const w1 = x % N;
    const w2 = (Math.floor(x / N) + w1) % N;
    const w3 = (Math.floor(x / (N * N)) + w2) % N;
    out.push(WORDS[w1] as string, WORDS[w2] as string, WORDS[w3] as string);
  }
  return out;
}

/** Encodes bytes to words and appends the checksum word (13 words for a 16-byte seed). */
export function encodeMnemonic(bytes: Uint8Array): string[] {
  const words = encodeMnemonicWords(bytes);
  return [...words, words[checksumIndex(words)] as string];
}

/** Encodes a 16-byte recovery seed as the 13-word recovery password (space separated). */
export function encodeRecoveryPassword(seed16: Uint8Array): string {
  if (!(seed16 instanceof Uint8Array) || seed16.length !== 16) {
    throw new ProtocolError('invalid_argument', 'A recovery seed is 16 bytes.');
  }
  return encodeMnemonic(seed16).join(' ');
}

/** Splits user input into normalised words: NFC, lower case, any whitespace. */
export function normaliseMnemonicInput(input: string): string[] {
  return input.normalize('NFC').toLowerCase().trim().split(/\s+/u).filter((w) => w.length > 0);
}

/**
 * Decodes words (with a trailing checksum word when `withChecksum`) to bytes.
 * Throws ProtocolError for unknown words, overflow triplets or a checksum mismatch.
 */
export function decodeMnemonicWords(words: readonly string[], withChecksum: boolean): Uint8Array {
  const indices = words.map((w, i) => {
    const idx = PREFIX_INDEX.get(w.slice(0, PREFIX_LEN));
    if (idx === undefined || w.length < PREFIX_LEN) {
      throw new ProtocolError(
        'mnemonic_unknown_word',
        `Word ${i + 1} ("${w}") is not in the recovery password word list. Check its spelling.`,
      );
    }
    return idx;
  });
  const dataCount = withChecksum ? words.length - 1 : words.length;
  if (dataCount % 3 !== 0 || dataCount === 0) {
    throw new ProtocolError('invalid_argument', 'Wrong number of mnemonic words.');
  }
  const out = new Uint8Array((dataCount / 3) * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < dataCount; i += 3) {
    const w1 = indices[i] as number;
    const w2 = indices[i + 1] as number;
    const w3 = indices[i + 2] as number;
    const x = w1 + N * ((N - w1 + w2) % N) + N * N * ((N - w2 + w3) % N);
    if (x > 0xffffffff) {
      throw new ProtocolError(
        'mnemonic_invalid_triplet',
        `Words ${i + 1} to ${i + 3} are not a valid combination. Check the recovery password.`,
      );
    }
    view.setUint32((i / 3) * 4, x, true);
  }
  if (withChecksum) {
    const data = words.slice(0, dataCount);
    const expected = data[checksumIndex(data)] as string;
    const given = words[dataCount] as string;
    if (expected.slice(0, PREFIX_LEN) !== given.slice(0, PREFIX_LEN)) {
      throw new ProtocolError(
        'mnemonic_bad_checksum',
        'The recovery password could not be verified: please check every word, especially the last one.',
      );
    }
  }
  return out;
}

/** Decodes a 13-word recovery password (case and whitespace tolerant) to the 16-byte seed. Never throws. */
export function decodeRecoveryPassword(input: unknown): Result<Uint8Array> {
  return attempt(() => {
    if (typeof input !== 'string') {
      throw new ProtocolError('mnemonic_too_few_words', 'Enter your 13-word recovery password.');
    }
    const words = normaliseMnemonicInput(input);
    if (words.length < RECOVERY_PASSWORD_WORDS) {
      throw new ProtocolError(
        'mnemonic_too_few_words',
        `The recovery password has ${words.length} word${words.length === 1 ? '' : 's'}; it needs 13.`,
      );
    }
    if (words.length > RECOVERY_PASSWORD_WORDS) {
      throw new ProtocolError('mnemonic_too_many_words', `The recovery password has ${words.length} words; it needs 13.`);
    }
    return decodeMnemonicWords(words, true);
  });
}
