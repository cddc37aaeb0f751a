// Content padding (spec messaging §4.3): `0x80` then zeros. We produce the current libsession
// variant (multiple of 160, at least one zero) and accept any trailing `0x80 0x00*`.

/** Padding block size for 1:1 and community messages. */
export const MESSAGE_PADDING_BLOCK = 160;

/** libsession `pad_message`: P || 0x80 || 0x00×k, total the smallest multiple of 160 > len(P)+1. */
export function padMessage(plaintext: Uint8Array): Uint8Array {
  const base = plaintext.length + 1;
  const total = base + (MESSAGE_PADDING_BLOCK - (base % MESSAGE_PADDING_BLOCK));
  const out = new Uint8Array(total);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/** Pre-2025 desktop padding: total length 160·ceil((len+2)/160) − 1 (kept for tests and compatibility). */
export function padMessageLegacy(plaintext: Uint8Array): Uint8Array {
  const total = MESSAGE_PADDING_BLOCK * Math.ceil((plaintext.length + 2) / MESSAGE_PADDING_BLOCK) - 1;
  const out = new Uint8Array(total);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/** Removes trailing `0x00*` then one `0x80`; if another byte is found first the input is returned unpadded. */
export function unpadMessage(padded: Uint8Array): Uint8Array {
  for (let i = padded.length - 1; i >= 0; i--) {
    const b = padded[i];
    if (b === 0x00) continue;
    if (b === 0x80) return padded.subarray(0, i);
    break;
  }
  return padded;
}
