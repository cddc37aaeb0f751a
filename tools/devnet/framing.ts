// Wire framings a node or server parses: the onion "ciphertext plus JSON" frame (spec §6.3)
// and the bencoded list used by onion v4 requests and responses (spec §6.5).
import { concatBytes, utf8 } from './crypto';

export interface OnionFrame {
  readonly blob: Uint8Array;
  readonly json: Record<string, unknown>;
}

/** LE32(len) || blob || UTF-8 JSON object. Returns an error string when malformed. */
export function parseOnionFrame(data: Uint8Array): OnionFrame | string {
  if (data.length < 4) return 'too short';
  const n = (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0;
  if (4 + n > data.length) return 'encrypted payload size is larger than the request';
  const blob = data.subarray(4, 4 + n);
  const jsonText = Buffer.from(data.subarray(4 + n)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch {
    return 'invalid json';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'json is not an object';
  return { blob, json: json as Record<string, unknown> };
}

/** Parses a bencoded list of byte strings `l<len>:<bytes>...e`; null when malformed. */
export function parseBencodedByteList(data: Uint8Array): Uint8Array[] | null {
  if (data.length < 2 || data[0] !== 0x6c || data[data.length - 1] !== 0x65) return null;
  const items: Uint8Array[] = [];
  let i = 1;
  while (i < data.length - 1) {
    let len = 0;
    let digits = 0;
    while (i < data.length && data[i]! >= 0x30 && data[i]! <= 0x39) {
      len = len * 10 + (data[i]! - 0x30);
      digits++;
      i++;
      if (digits > 9) return null;
    }
    if (digits === 0 || data[i] !== 0x3a) return null;
    i++;
    if (i + len > data.length - 1) return null;
    items.push(data.subarray(i, i + len));
    i += len;
  }
  return items;
}

export function buildBencodedByteList(items: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [utf8('l')];
  for (const item of items) parts.push(utf8(`${item.length}:`), item);
  parts.push(utf8('e'));
  return concatBytes(...parts);
}
