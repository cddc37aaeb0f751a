// zstd for config messages (spec advanced B.6 step 2, B.7 step 4): a payload is `d…` (plain bt dict)
// or `z` + one zstd frame of it. zstd runs as WASM that must be loaded once, like libsodium: hosts
// await loadProtocol() (which awaits loadZstd()); until then these functions report `not_ready`.
// Decompression is bounded before any memory is allocated: the frame header is checked here and a
// declared size above the cap is refused, so a tiny frame cannot expand into gigabytes.
import { compress as zstdWasmCompress, decompress as zstdWasmDecompress, init as zstdWasmInit } from '@bokuweb/zstd-wasm';
import { concatBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';

/** The level libsession uses for user configs; its frames match this build's byte for byte. */
export const CONFIG_ZSTD_LEVEL = 1;
/** Largest plaintext a config payload may expand to (a 10,000-contact Contacts config is about 1 MB). */
export const MAX_CONFIG_PLAINTEXT = 16 * 1024 * 1024;

const PREFIX_DICT = 0x64; // 'd'
const PREFIX_ZSTD = 0x7a; // 'z'
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
// zstd's own limit for 32-bit builds (ZSTD_WINDOWLOG_MAX_32); a larger window is refused by the header parser.
const ZSTD_WINDOWLOG_MAX = 30;
const ZSTD_ERROR_DST_TOO_SMALL = -70;

let loading: Promise<void> | null = null;
let loaded = false;

/** Loads the zstd WASM module once; concurrent and repeated calls share one load. */
export function loadZstd(): Promise<void> {
  if (loading === null) {
    loading = zstdWasmInit().then(
      () => {
        loaded = true;
      },
      (e: unknown) => {
        loading = null; // a later call may retry
        throw new ProtocolError('not_ready', 'Compression library could not be loaded.', e instanceof Error ? e.message : String(e));
      },
    );
  }
  return loading;
}

/** True once loadZstd() has finished. */
export function isZstdLoaded(): boolean {
  return loaded;
}

function requireZstd(): void {
  if (!loaded) throw new ProtocolError('not_ready', 'Compression library not loaded yet.', 'await loadProtocol() first');
}

/** One zstd frame of `data` at `level` (throws ProtocolError('not_ready') before loading). */
export function zstdCompress(data: Uint8Array, level: number = CONFIG_ZSTD_LEVEL): Uint8Array {
  requireZstd();
  if (!(data instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'Only bytes can be compressed.');
  if (!Number.isInteger(level) || level < 1 || level > 22) throw new ProtocolError('invalid_argument', 'zstd level must be 1-22.');
  return zstdWasmCompress(data, level);
}

/** What a zstd frame header declares. */
export interface ZstdFrameHeader {
  /** Declared decompressed size, or null when the frame does not say. */
  contentSize: number | null;
  headerBytes: number;
}

/** Parses and checks the header of a zstd frame (RFC 8878 §3.1.1.1) without decompressing anything. */
export function readZstdFrameHeader(frame: Uint8Array): Result<ZstdFrameHeader> {
  return attempt(() => {
    const bad = (detail: string): never => {
      throw new ProtocolError('config_decompress_failed', 'A compressed config message was invalid.', detail);
    };
    if (!(frame instanceof Uint8Array) || frame.length < 6) bad('frame too short');
    for (let i = 0; i < 4; i++) if (frame[i] !== ZSTD_MAGIC[i]) bad('not a zstd frame');
    const fhd = frame[4] as number;
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd & 0x20) !== 0;
    if ((fhd & 0x08) !== 0) bad('reserved header bit set');
    const dictIdBytes = [0, 1, 2, 4][fhd & 0x03] as number;
    const fcsBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : ([0, 2, 4, 8][fcsFlag] as number);
    let pos = 5;
    if (!singleSegment) {
      if (pos >= frame.length) bad('truncated header');
      if (((frame[pos] as number) >> 3) + 10 > ZSTD_WINDOWLOG_MAX) bad('window too large');
      pos += 1;
    }
    pos += dictIdBytes;
    if (pos + fcsBytes > frame.length) bad('truncated header');
    let contentSize: number | null = null;
    if (fcsBytes > 0) {
      let v = 0n;
      for (let i = fcsBytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(frame[pos + i] as number);
      if (fcsBytes === 2) v += 256n;
      // Sizes past the safe-integer range are certainly over any cap; keep them comparable.
      contentSize = v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
    }
    pos += fcsBytes;
    return { contentSize, headerBytes: pos };
  });
}

/**
 * Decompresses one zstd frame into at most `maxOutput` bytes. Never throws. A declared size over the
 * cap is refused before decompressing (`config_decompressed_too_large`); a frame without a declared
 * size gets a buffer of exactly the cap and fails the same way if it would overflow it.
 */
export function zstdDecompress(frame: Uint8Array, maxOutput: number = MAX_CONFIG_PLAINTEXT): Result<Uint8Array> {
  return attempt(() => {
    requireZstd();
    if (!Number.isSafeInteger(maxOutput) || maxOutput < 1) throw new ProtocolError('invalid_argument', 'Invalid decompression limit.');
    const header = readZstdFrameHeader(frame);
    if (!header.ok) throw header.error;
    const declared = header.value.contentSize;
    if (declared !== null && declared > maxOutput) {
      throw new ProtocolError('config_decompressed_too_large', 'A compressed config message was too large.', `declares ${declared} bytes, limit ${maxOutput}`);
    }
    try {
      // The library sizes its output buffer from the declared size, else from defaultHeapSize.
      return zstdWasmDecompress(frame, { defaultHeapSize: maxOutput });
    } catch (e) {
      // The library throws a plain Error carrying zstd's negated error code: this is the parser boundary.
      const msg = e instanceof Error ? e.message : String(e);
      if (declared === null && msg.endsWith(`code ${ZSTD_ERROR_DST_TOO_SMALL}`)) {
        throw new ProtocolError('config_decompressed_too_large', 'A compressed config message was too large.', `expands past ${maxOutput} bytes`);
      }
      throw new ProtocolError('config_decompress_failed', 'A compressed config message was invalid.', msg);
    }
  });
}

/** B.6 step 2: `z` + zstd(message) when that is shorter than the message, else the message itself. */
export function compressConfigMessage(message: Uint8Array, level: number = CONFIG_ZSTD_LEVEL): Uint8Array {
  const z = concatBytes(new Uint8Array([PREFIX_ZSTD]), zstdCompress(message, level));
  return z.length < message.length ? z : message;
}

/**
 * B.7 step 4 for an unpadded single payload: `z…` is decompressed (bounded), and the result must be a
 * bt dict (`d…`). Never throws.
 */
export function decodeConfigPayload(payload: Uint8Array, maxPlaintext: number = MAX_CONFIG_PLAINTEXT): Result<Uint8Array> {
  return attempt(() => {
    if (payload.length === 0) throw new ProtocolError('config_empty', 'A config message was empty.');
    let plain = payload;
    if (payload[0] === PREFIX_ZSTD) {
      const d = zstdDecompress(payload.subarray(1), maxPlaintext);
      if (!d.ok) throw d.error;
      if (d.value.length === 0) throw new ProtocolError('config_decompress_failed', 'A compressed config message was invalid.', 'decompressed to nothing');
      plain = d.value;
    } else if (payload.length > maxPlaintext) {
      throw new ProtocolError('config_too_large', 'A config message was too large.', `${payload.length} bytes`);
    }
    if (plain[0] !== PREFIX_DICT) {
      throw new ProtocolError('config_unknown_format', 'A config message had an unknown format.', `type byte 0x${(plain[0] as number).toString(16).padStart(2, '0')}`);
    }
    return plain;
  });
}
