// Recovery password encoding/decoding against the upstream vectors and each error kind.
import { createHash } from 'node:crypto';
import {
  decodeMnemonicWords,
  decodeRecoveryPassword,
  encodeMnemonic,
  encodeMnemonicWords,
  encodeRecoveryPassword,
  loadProtocol,
} from '../../../ts/protocol';
import WORDS from '../../../ts/protocol/mnemonic/mnemonic-english.json';
import { hex, loadJson, toHex } from './helpers';

interface Rec { [k: string]: unknown }
const mv = loadJson<{ identity_from_recovery_seed: Rec[]; mnemonic: { wordlist: Rec; vectors: Rec[] } }>(
  'vectors/messaging-vectors.json',
);

beforeAll(loadProtocol);

test('word list matches the pinned SHA-256', () => {
  expect(WORDS.length).toBe(mv.mnemonic.wordlist.count);
  const sha = createHash('sha256').update(WORDS.join('\n')).digest('hex');
  expect(sha).toBe(mv.mnemonic.wordlist.sha256_of_words_joined_by_LF_no_trailing_newline);
});

describe('identity_from_recovery_seed mnemonics', () => {
  test.each(mv.identity_from_recovery_seed.map((v) => [v.seed16_hex as string, v]))('%s', (seed, v) => {
    expect(encodeRecoveryPassword(hex(seed))).toBe(v.mnemonic);
    const r = decodeRecoveryPassword(v.mnemonic);
    expect(r.ok && toHex(r.value)).toBe(seed);
  });
});

describe('mnemonic.vectors', () => {
  for (const v of mv.mnemonic.vectors) {
    if (typeof v.words === 'string') {
      test(`with checksum: ${String(v.seed_hex).slice(0, 16)}`, () => {
        const words = encodeMnemonic(hex(v.seed_hex as string));
        expect(words.join(' ')).toBe(v.words);
        expect(toHex(decodeMnemonicWords((v.words as string).split(' '), true))).toBe(v.seed_hex);
      });
    } else if (typeof v.words_no_checksum === 'string') {
      test(`without checksum: ${String(v.seed_hex).slice(0, 16)}`, () => {
        expect(encodeMnemonicWords(hex(v.seed_hex as string)).join(' ')).toBe(v.words_no_checksum);
        expect(toHex(decodeMnemonicWords((v.words_no_checksum as string).split(' '), false))).toBe(v.seed_hex);
        if (Array.isArray(v.word_indices)) {
          expect(encodeMnemonicWords(hex(v.seed_hex as string))).toEqual(v.word_indices.map((i: number) => WORDS[i]));
        }
      });
    } else if (Array.isArray(v.invalid)) {
      test.each(v.invalid as string[])('checksum failure: %s', (phrase) => {
        const r = decodeRecoveryPassword(phrase);
        expect(!r.ok && r.error.kind).toBe('mnemonic_bad_checksum');
      });
    }
  }
});

describe('decodeRecoveryPassword errors and tolerance', () => {
  const good = 'amaze buffet cake entrance symptoms tiger lamb maze nestle python dusted faxed faxed';
  test('case, whitespace and suffix typos are tolerated', () => {
    const r = decodeRecoveryPassword(`  AMAZE\tbuffet  cake entrance symptoms tiger lamb maze nestle python dusted faxed\nfaxxxx `);
    expect(r.ok && toHex(r.value)).toBe('000102030405060708090a0b0c0d0e0f');
  });
  test.each([
    ['', 'mnemonic_too_few_words'],
    [good.split(' ').slice(0, 12).join(' '), 'mnemonic_too_few_words'],
    [`${good} abbey`, 'mnemonic_too_many_words'],
    [good.replace('cake', 'qqqq'), 'mnemonic_unknown_word'],
    [good.replace('faxed faxed', 'faxed amaze'), 'mnemonic_bad_checksum'],
    ['abbey abbey zoom abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey', 'mnemonic_invalid_triplet'],
  ])('%s -> %s', (input, kind) => {
    const r = decodeRecoveryPassword(input);
    expect(!r.ok && r.error.kind).toBe(kind);
    if (!r.ok) expect(r.error.message).not.toBe('');
  });
  test('unknown word message names the word', () => {
    const r = decodeRecoveryPassword(good.replace('cake', 'qqqq'));
    expect(!r.ok && r.error.message).toContain('qqqq');
  });
});
