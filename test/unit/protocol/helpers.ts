// Shared test helpers: vector loading, hex, and a tiny seeded PRNG for fuzzing.
import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** Loads a JSON fixture file from test/fixtures/<rel>. */
export function loadJson<T = unknown>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, rel), 'utf8')) as T;
}

/** Hex decode for tests. */
export function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** Hex encode for tests. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** mulberry32: a tiny seeded PRNG (not for crypto). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded fuzz input generator: random bytes or mutations of the given valid samples. */
export function fuzzInputs(seed: number, count: number, samples: Uint8Array[], maxLen = 512): Uint8Array[] {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (samples.length === 0 || i % 4 === 0) {
      const b = new Uint8Array(int(maxLen));
      for (let j = 0; j < b.length; j++) b[j] = int(256);
      out.push(b);
      continue;
    }
    const base = samples[int(samples.length)] as Uint8Array;
    let b = base.slice();
    const ops = 1 + int(4);
    for (let k = 0; k < ops; k++) {
      const op = int(5);
      if (op === 0 && b.length > 0) b[int(b.length)] = int(256);
      else if (op === 1 && b.length > 0) b = b.slice(0, int(b.length));
      else if (op === 2) {
        const ins = new Uint8Array(1 + int(8));
        for (let j = 0; j < ins.length; j++) ins[j] = int(256);
        const at = int(b.length + 1);
        b = new Uint8Array([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
      } else if (op === 3 && b.length > 1) {
        const at = int(b.length);
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + 1 + int(4))]);
      } else if (b.length > 0) b[int(b.length)] ^= 1 << int(8);
    }
    out.push(b);
  }
  return out;
}

/** Seeded random strings built from an alphabet plus mutations of samples. */
export function fuzzStrings(seed: number, count: number, samples: string[], alphabet: string, maxLen = 120): string[] {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (samples.length === 0 || i % 3 === 0) {
      let s = '';
      const len = int(maxLen);
      for (let j = 0; j < len; j++) s += alphabet[int(alphabet.length)];
      out.push(s);
    } else {
      const chars = [...(samples[int(samples.length)] as string)];
      const ops = 1 + int(3);
      for (let k = 0; k < ops; k++) {
        const at = int(chars.length + 1);
        const op = int(3);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, alphabet[int(alphabet.length)] as string);
        else if (chars.length > 0) chars[int(chars.length)] = alphabet[int(alphabet.length)] as string;
      }
      out.push(chars.join(''));
    }
  }
  return out;
}
