// The onion-request frame: LE32(len blob) || blob || UTF-8 JSON object (spec network §6.3).
import { bytesToUtf8, concatBytes, le32, readLe32, utf8ToBytes } from './bytes';
import { ProtocolError, attempt, type Result } from './errors';

/** A decoded frame: the binary blob and the routing JSON object. */
export interface OnionFrame {
  blob: Uint8Array;
  json: Record<string, unknown>;
}

/** Builds LE32(len blob) || blob || JSON.stringify(json). */
export function encodeOnionFrame(blob: Uint8Array, json: Record<string, unknown>): Uint8Array {
  return concatBytes(le32(blob.length), blob, utf8ToBytes(JSON.stringify(json)));
}

/** Parses a frame; the JSON part must be an object. Never throws. */
export function decodeOnionFrame(data: Uint8Array): Result<OnionFrame> {
  return attempt(() => {
    if (!(data instanceof Uint8Array) || data.length < 4) {
      throw new ProtocolError('frame_invalid', 'Invalid onion frame.', 'shorter than 4 bytes');
    }
    const n = readLe32(data, 0);
    if (n > data.length - 4) {
      throw new ProtocolError('frame_invalid', 'Invalid onion frame.', 'blob length exceeds data');
    }
    const blob = data.slice(4, 4 + n);
    const text = bytesToUtf8(data.subarray(4 + n));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProtocolError('frame_invalid', 'Invalid onion frame.', 'metadata is not JSON');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new ProtocolError('frame_invalid', 'Invalid onion frame.', 'metadata is not a JSON object');
    }
    return { blob, json: json as Record<string, unknown> };
  });
}
