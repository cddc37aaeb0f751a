// Attachment blobs for the receive-side tests: legacy blobs from the protocol's encryptor, and "S"-format
// blobs made with libsodium's secretstream the way spec messaging §6.6 lays them out (0x53, header, chunks
// of 32,768 plaintext bytes over the padded stream 0x00… 0x01 data). The header here is random (a
// receiver only needs header and key), so these are round trips: the spec's size table is checked too.
import { deterministicPadding, encryptAttachment, secureRandom, sha256, type EncryptedAttachment } from '../../../../ts/protocol';
import { sodium } from '../../../../ts/protocol/primitives/sodium';

export function legacyBlob(plaintext: Uint8Array): EncryptedAttachment {
  return encryptAttachment(plaintext, secureRandom);
}

export function sFormatBlob(plaintext: Uint8Array, key: Uint8Array = secureRandom(32)): { blob: Uint8Array; key: Uint8Array } {
  const s = sodium();
  const pad = deterministicPadding(plaintext.length);
  const stream = new Uint8Array(pad + plaintext.length);
  stream[pad - 1] = 0x01;
  stream.set(plaintext, pad);
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  const parts: Uint8Array[] = [new Uint8Array([0x53]), header];
  for (let pos = 0; pos < stream.length; pos += 32768) {
    const end = Math.min(stream.length, pos + 32768);
    const tag = end === stream.length ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    parts.push(s.crypto_secretstream_xchacha20poly1305_push(state, stream.subarray(pos, end), null, tag));
  }
  const blob = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    blob.set(p, o);
    o += p.length;
  }
  return { blob, key };
}

export const digestOf = (blob: Uint8Array): Uint8Array => sha256(blob);
