// Shared test helpers: vector loading, hex, and a tiny seeded PRNG for fuzzing.
import fs from 'node:fs';
import path from 'node:path';
import { prng } from '../../support/prng';

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

/** mulberry32 (test/support/prng.ts). */
export { prng };

/** Fills `b` from the PRNG, 4 bytes per draw. */
function fill(rnd: () => number, b: Uint8Array): Uint8Array {
  for (let j = 0; j < b.length; j += 4) {
    const x = (rnd() * 4294967296) >>> 0;
    b[j] = x & 0xff;
    if (j + 1 < b.length) b[j + 1] = (x >>> 8) & 0xff;
    if (j + 2 < b.length) b[j + 2] = (x >>> 16) & 0xff;
    if (j + 3 < b.length) b[j + 3] = x >>> 24;
  }
  return b;
}

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** Seeded fuzz input generator: random bytes or mutations of the given valid samples. */
export function fuzzInputs(seed: number, count: number, samples: Uint8Array[], maxLen = 512): Uint8Array[] {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (samples.length === 0 || i % 4 === 0) {
      out.push(fill(rnd, new Uint8Array(int(maxLen))));
      continue;
    }
    let b: Uint8Array = (samples[int(samples.length)] as Uint8Array).slice();
    const ops = 1 + int(4);
    for (let k = 0; k < ops; k++) {
      const op = int(5);
      if (op === 0 && b.length > 0) b[int(b.length)] = int(256);
      else if (op === 1 && b.length > 0) b = b.slice(0, int(b.length));
      else if (op === 2) b = splice(b, int(b.length + 1), 0, fill(rnd, new Uint8Array(1 + int(8))));
      else if (op === 3 && b.length > 1) {
        const at = int(b.length);
        b = splice(b, at, Math.min(1 + int(4), b.length - at), new Uint8Array(0));
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
      const len = int(maxLen);
      const chars = new Array<string>(len);
      for (let j = 0; j < len; j++) chars[j] = alphabet[int(alphabet.length)] as string;
      out.push(chars.join(''));
    } else {
      let s = samples[int(samples.length)] as string;
      const ops = 1 + int(3);
      for (let k = 0; k < ops; k++) {
        const at = int(s.length + 1);
        const op = int(3);
        const c = alphabet[int(alphabet.length)] as string;
        if (op === 0) s = s.slice(0, at) + s.slice(at + 1);
        else if (op === 1) s = s.slice(0, at) + c + s.slice(at);
        else if (s.length > 0) s = s.slice(0, at) + c + s.slice(at + 1);
      }
      out.push(s);
    }
  }
  return out;
}
