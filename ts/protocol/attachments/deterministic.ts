// Deterministic "S" attachment encryption (spec messaging §6.6): the key and stream header come from a
// personalised BLAKE2b of the plaintext keyed with the uploader's seed, and the data goes through
// libsodium's secretstream xchacha20poly1305 started *as if* init_push had drawn that header. libsodium
// offers no init_push with a chosen header, so the push side is built here from its primitives
// (HChaCha20, ChaCha20-IETF with a block counter, Poly1305); the pull side stays libsodium's own, which
// is what proves this construction right (test/unit/protocol/attachments.test.ts).
// We send with the legacy scheme (spec: "send with the legacy scheme"); this exists so tests and the
// devnet can produce S blobs that other clients may send us.
import { concatBytes } from '../primitives/bytes';
import { ProtocolError } from '../primitives/errors';
import { sodium } from '../primitives/sodium';
import { deterministicPadding, deterministicEncryptedSize } from './attachment';

/** libsession's MAX_REGULAR_SIZE: the largest plaintext it encrypts without `allow_large`. */
export const MAX_DETERMINISTIC_PLAINTEXT_BYTES = 10_218_286;

/** BLAKE2b personalisation per domain (16 bytes each). */
export const DETERMINISTIC_DOMAINS = {
  attachment: 'SessionAttachmnt',
  profilePicture: 'Session_Prof_Pic',
} as const;
export type DeterministicDomain = keyof typeof DETERMINISTIC_DOMAINS;

const HEADER_BYTES = 24;
const KEY_BYTES = 32;
const CHUNK = 32768;
const TAG_MESSAGE = 0;
const TAG_FINAL = 3; // PUSH | REKEY, as libsodium defines TAG_FINAL

/** The raw libsodium module under the wrappers (for the one call the wrappers do not expose). */
interface RawSodium {
  _malloc(n: number): number;
  _free(ptr: number): void;
  HEAPU8: Uint8Array;
  _crypto_generichash_blake2b_salt_personal(
    out: number,
    outlen: number,
    input: number,
    inlenLow: number,
    inlenHigh: number,
    key: number,
    keylen: number,
    salt: number,
    personal: number,
  ): number;
}

/**
 * BLAKE2b with a key and a 16-byte personalisation (no salt). The wrappers' own
 * `crypto_generichash_blake2b_salt_personal` hashes an empty message only, so this calls the raw
 * function with the input copied into the WASM heap.
 */
export function blake2bPersonal(input: Uint8Array, key: Uint8Array, personal: Uint8Array, outLen: number): Uint8Array {
  if (personal.length !== 16) throw new ProtocolError('invalid_argument', 'BLAKE2b personalisation must be 16 bytes.');
  if (outLen < 16 || outLen > 64 || key.length > 64) throw new ProtocolError('invalid_argument', 'Invalid BLAKE2b output or key length.');
  const raw = (sodium() as unknown as { libsodium: RawSodium }).libsodium;
  const ptrs: number[] = [];
  const put = (bytes: Uint8Array): number => {
    const p = raw._malloc(Math.max(1, bytes.length));
    ptrs.push(p);
    raw.HEAPU8.set(bytes, p);
    return p;
  };
  try {
    const inPtr = put(input);
    const keyPtr = put(key);
    const persPtr = put(personal);
    const outPtr = put(new Uint8Array(outLen));
    // The 64-bit input length is passed as two 32-bit halves (the WASM build's calling convention).
    const rc = raw._crypto_generichash_blake2b_salt_personal(outPtr, outLen, inPtr, input.length >>> 0, Math.floor(input.length / 2 ** 32), keyPtr, key.length, 0, persPtr);
    if (rc !== 0) throw new ProtocolError('invalid_argument', 'BLAKE2b failed.', `rc ${rc}`);
    return raw.HEAPU8.slice(outPtr, outPtr + outLen); // HEAPU8 re-read: the heap may have grown
  } finally {
    for (const p of ptrs) raw._free(p);
  }
}

/** One secretstream push state: the subkey and the 12-byte nonce (4-byte LE counter || 8-byte inonce). */
interface PushState {
  k: Uint8Array;
  nonce: Uint8Array;
}

/** What init_push sets up from `header` and `key` (libsodium: HChaCha20 subkey, counter 1, inonce = header[16..24]). */
function initPushWithHeader(header: Uint8Array, key: Uint8Array): PushState {
  const k = sodium().crypto_core_hchacha20(header.subarray(0, 16), key, null);
  const nonce = new Uint8Array(12);
  nonce[0] = 1;
  nonce.set(header.subarray(16, 24), 4);
  return { k, nonce };
}

function le64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/** secretstream push without additional data: tag byte || ciphertext || Poly1305 MAC (17 bytes more than `m`). */
function push(state: PushState, m: Uint8Array, tag: number): Uint8Array {
  const s = sodium();
  const polyKey = s.crypto_stream_chacha20_ietf_xor_ic(new Uint8Array(64), state.nonce, 0, state.k).subarray(0, 32);
  const tagBlock = new Uint8Array(64);
  tagBlock[0] = tag;
  const encTagBlock = s.crypto_stream_chacha20_ietf_xor_ic(tagBlock, state.nonce, 1, state.k);
  const c = s.crypto_stream_chacha20_ietf_xor_ic(m, state.nonce, 2, state.k);
  // Poly1305 over: (no AD, no AD padding) encrypted tag block || c || zeros || LE64(adlen = 0) || LE64(64 + mlen).
  // libsodium writes `(0x10 - 64 + mlen) & 0xf` zeros there, i.e. mlen mod 16 (not a pad to a 16-byte
  // boundary); the stream format is defined by that code, so it is reproduced as is.
  const padLen = m.length % 16;
  const mac = s.crypto_onetimeauth(concatBytes(encTagBlock, c, new Uint8Array(padLen), le64(0), le64(64 + m.length)), polyKey);
  for (let i = 0; i < 8; i++) state.nonce[4 + i] = (state.nonce[4 + i] as number) ^ (mac[i] as number);
  // Counter increment (little endian, 4 bytes). A wrap or a REKEY tag would rekey; neither happens here:
  // a stream of at most a few hundred chunks, REKEY only in the FINAL tag of the last chunk.
  for (let i = 0; i < 4; i++) {
    state.nonce[i] = ((state.nonce[i] as number) + 1) & 0xff;
    if (state.nonce[i] !== 0) break;
  }
  return concatBytes(Uint8Array.of(encTagBlock[0] as number), c, mac);
}

/**
 * Pushes `stream` in 32 KiB chunks (the last one tagged FINAL) after `S || header`. Exported for tests that
 * compare it, byte for byte, with libsodium's own push from the same header and key.
 */
export function secretstreamPushWithHeader(stream: Uint8Array, header: Uint8Array, key: Uint8Array): Uint8Array {
  if (header.length !== HEADER_BYTES || key.length !== KEY_BYTES) throw new ProtocolError('invalid_argument', 'Invalid stream header or key length.');
  const state = initPushWithHeader(header, key);
  const parts: Uint8Array[] = [];
  for (let off = 0; off < stream.length || off === 0; off += CHUNK) {
    const last = off + CHUNK >= stream.length;
    parts.push(push(state, stream.subarray(off, off + CHUNK), last ? TAG_FINAL : TAG_MESSAGE));
    if (last) break;
  }
  return concatBytes(...parts);
}

/** An S-format blob and its 32-byte key (the pointer's `key`; S blobs carry no digest). */
export interface DeterministicAttachment {
  blob: Uint8Array;
  key: Uint8Array;
}

/**
 * Deterministic S-format encryption (libsession `attachment::encrypt`): `nk = BLAKE2b-56(key = seed[0:32],
 * personal = domain, plaintext)`, header = nk[0:24], key = nk[24:56]; output `S || header || chunks` of the
 * stream `0x00 × (pad − 1) || 0x01 || plaintext`. The same seed and plaintext always give the same blob.
 */
export function encryptDeterministicAttachment(plaintext: Uint8Array, seed: Uint8Array, domain: DeterministicDomain = 'attachment'): DeterministicAttachment {
  if (seed.length < 32) throw new ProtocolError('invalid_argument', 'Deterministic encryption needs the 32-byte uploader seed.');
  if (plaintext.length > MAX_DETERMINISTIC_PLAINTEXT_BYTES) {
    throw new ProtocolError('attachment_invalid', `This file is too large (${MAX_DETERMINISTIC_PLAINTEXT_BYTES.toLocaleString('en-US')} bytes at most).`);
  }
  const nk = blake2bPersonal(plaintext, seed.subarray(0, 32), new TextEncoder().encode(DETERMINISTIC_DOMAINS[domain]), HEADER_BYTES + KEY_BYTES);
  const header = nk.slice(0, HEADER_BYTES);
  const key = nk.slice(HEADER_BYTES);
  const pad = deterministicPadding(plaintext.length);
  const stream = new Uint8Array(pad + plaintext.length);
  stream[pad - 1] = 0x01;
  stream.set(plaintext, pad);
  const blob = concatBytes(Uint8Array.of(0x53), header, secretstreamPushWithHeader(stream, header, key));
  if (blob.length !== deterministicEncryptedSize(plaintext.length)) {
    // The size rule and the stream must agree; a mismatch is a bug here, never the input's fault.
    throw new Error(`S-format size mismatch: ${blob.length} != ${deterministicEncryptedSize(plaintext.length)}`);
  }
  return { blob, key };
}
