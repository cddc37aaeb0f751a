// zstd for config messages (spec advanced B.6 step 2, B.7 step 4). The zstd frames are compared EXACTLY,
// byte for byte, with libsession's (its test vectors and every compressed oracle push): this zstd build
// (@bokuweb/zstd-wasm at level 1) produces the same frames as the oracle's zstd 1.5.4. Decompression is
// bounded: a frame declaring or producing more than the cap is refused before or while decoding.
import {
  MAX_CONFIG_PLAINTEXT,
  compressConfigMessage,
  concatBytes,
  decodeConfigPayload,
  isZstdLoaded,
  loadProtocol,
  padConfigMessage,
  readZstdFrameHeader,
  stripConfigPadding,
  zstdCompress,
  zstdDecompress,
} from '../../../../ts/protocol';
import { hex, toHex } from '../helpers';
import { advancedVector, oraclePushes } from './pipelineVectors';

beforeAll(loadProtocol);

/** A frame of `size` zero bytes: tiny compressed, huge decompressed. */
function zeroFrame(size: number): Uint8Array {
  return zstdCompress(new Uint8Array(size), 1);
}

/** Rewrites a frame's header to "no declared size" (FCS flag 0, not single-segment, 8 MiB window), same blocks. */
function withoutDeclaredSize(frame: Uint8Array): Uint8Array {
  const h = readZstdFrameHeader(frame);
  if (!h.ok) throw h.error;
  // Window descriptor 0x68: exponent 13 -> 2^23 bytes, enough for any block reference in these frames.
  return concatBytes(frame.subarray(0, 4), new Uint8Array([0x00, 0x68]), frame.subarray(h.value.headerBytes));
}

test('loadProtocol loads zstd', () => {
  expect(isZstdLoaded()).toBe(true);
});

test('before loading, zstd reports not_ready; concurrent loads share one load', async () => {
  await jest.isolateModulesAsync(async () => {
    const fresh = await import('../../../../ts/protocol/config/compress');
    expect(fresh.isZstdLoaded()).toBe(false);
    expect(() => fresh.zstdCompress(new Uint8Array(10))).toThrow(expect.objectContaining({ kind: 'not_ready' }));
    const r = fresh.zstdDecompress(zeroFrame(10));
    expect(!r.ok && r.error.kind).toBe('not_ready');
    const a = fresh.loadZstd();
    const b = fresh.loadZstd();
    expect(a).toBe(b);
    await Promise.all([a, b]);
    expect(fresh.isZstdLoaded()).toBe(true);
    const back = fresh.zstdDecompress(fresh.zstdCompress(new Uint8Array(10)));
    expect(back.ok && back.value.length).toBe(10);
  });
});

describe('zstd_compress_message (libsession tests/test_compression.cpp)', () => {
  const v = advancedVector('zstd_compress_message');
  test.each([
    ['plain1_hex', 'compressed1_level1'],
    ['plain2_hex', 'compressed2_level1'],
  ])('%s: "z" + level-1 frame equals libsession\'s exactly, and decompresses back', (plainKey, compKey) => {
    const plain = hex(v.inputs[plainKey] as string);
    expect(toHex(compressConfigMessage(plain, 1))).toBe(v.outputs[compKey]);
    const back = zstdDecompress(hex(v.outputs[compKey] as string).subarray(1));
    expect(back.ok && toHex(back.value)).toBe(v.inputs[plainKey]);
  });
});

describe('oracle pushes: pad(compress?(plaintext)) == decrypted_padded (zstd frames compared exactly)', () => {
  test.each(oraclePushes().map(([type, step, push]) => [type, step, push] as const))('%s %s', (_t, _s, push) => {
    const plain = hex(push.plaintext_bt_hex);
    const payload = compressConfigMessage(plain, 1);
    expect(payload[0] === 0x7a).toBe(push.zstd_compressed);
    expect(toHex(padConfigMessage(payload))).toBe(push.decrypted_padded_hex);
    // And back: strip, decompress, the bt dict again.
    const back = decodeConfigPayload(stripConfigPadding(hex(push.decrypted_padded_hex)));
    expect(back.ok && toHex(back.value)).toBe(push.plaintext_bt_hex);
  });

  test('the oracle compresses whenever "z" + frame is shorter, and only then', () => {
    let compressed = 0;
    for (const [, , push] of oraclePushes()) {
      const plain = hex(push.plaintext_bt_hex);
      const z = 1 + zstdCompress(plain, 1).length;
      expect(push.zstd_compressed).toBe(z < plain.length);
      if (push.zstd_compressed) compressed++;
    }
    expect(compressed).toBeGreaterThan(10);
  });
});

describe('frame header', () => {
  test('reads the declared size of single-segment and windowed frames', () => {
    const small = readZstdFrameHeader(zeroFrame(100));
    expect(small.ok && small.value.contentSize).toBe(100);
    const big = readZstdFrameHeader(zeroFrame(300_000));
    expect(big.ok && big.value.contentSize).toBe(300_000);
    const none = readZstdFrameHeader(withoutDeclaredSize(zeroFrame(1000)));
    expect(none.ok && none.value.contentSize).toBe(null);
  });

  test('refuses what is not a frame header', () => {
    const f = zeroFrame(1000);
    const cases: Uint8Array[] = [
      new Uint8Array(0),
      f.subarray(0, 5),
      concatBytes(new Uint8Array([0x28, 0xb5, 0x2f, 0xfe]), f.subarray(4)), // wrong magic
      concatBytes(new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0]), new Uint8Array(4)), // skippable frame
      concatBytes(f.subarray(0, 4), new Uint8Array([f[4]! | 0x08]), f.subarray(5)), // reserved bit
      concatBytes(f.subarray(0, 4), new Uint8Array([0x00, 0xf8]), f.subarray(6)), // window 2^41
    ];
    for (const c of cases) {
      const r = readZstdFrameHeader(c);
      expect(!r.ok && r.error.kind).toBe('config_decompress_failed');
    }
  });
});

describe('bounded decompression', () => {
  test('a frame declaring more than the cap is refused before decompressing (decompression bomb)', () => {
    const bomb = zeroFrame(MAX_CONFIG_PLAINTEXT + 1);
    expect(bomb.length).toBeLessThan(2000);
    const r = zstdDecompress(bomb);
    expect(!r.ok && r.error.kind).toBe('config_decompressed_too_large');
    const lower = zstdDecompress(zeroFrame(5000), 4999);
    expect(!lower.ok && lower.error.kind).toBe('config_decompressed_too_large');
    const fits = zstdDecompress(zeroFrame(5000), 5000);
    expect(fits.ok && fits.value.length).toBe(5000);
  });

  test('a frame that hides its size is stopped at the cap', () => {
    const hidden = withoutDeclaredSize(zeroFrame(200_000));
    const within = zstdDecompress(hidden, 300_000);
    expect(within.ok && within.value.length).toBe(200_000);
    const over = zstdDecompress(hidden, 100_000);
    expect(!over.ok && over.error.kind).toBe('config_decompressed_too_large');
  });

  test('corrupt or truncated frames are refused, never thrown', () => {
    const plain = hex(advancedVector('zstd_compress_message').inputs.plain2_hex as string);
    const f = zstdCompress(plain, 1);
    for (let cut = 0; cut < f.length; cut += 7) {
      const r = zstdDecompress(f.subarray(0, cut));
      expect(!r.ok && r.error.kind).toBe('config_decompress_failed');
    }
    const flipped = f.slice();
    flipped[f.length - 5] ^= 0xff;
    const r = zstdDecompress(flipped);
    expect(r.ok ? toHex(r.value) !== toHex(plain) : r.error.kind === 'config_decompress_failed').toBe(true);
  });

  test('a payload decodes to a bt dict or is refused with its reason', () => {
    const dict = new TextEncoder().encode('d1:#i0e1:&de1:<le1:=dee');
    expect(decodeConfigPayload(dict)).toEqual({ ok: true, value: dict });
    const z = compressConfigMessage(new TextEncoder().encode(`d1:#i0e1:&d1:n${'300:'}${'a'.repeat(300)}e1:<le1:=dee`));
    expect(z[0]).toBe(0x7a);
    expect(decodeConfigPayload(z).ok).toBe(true);
    const kinds = (p: Uint8Array, cap?: number): string | null => {
      const r = decodeConfigPayload(p, cap);
      return r.ok ? null : r.error.kind;
    };
    expect(kinds(new Uint8Array(0))).toBe('config_empty');
    expect(kinds(new TextEncoder().encode('l1:ae'))).toBe('config_unknown_format');
    expect(kinds(concatBytes(new Uint8Array([0x7a]), zstdCompress(new TextEncoder().encode('le'))))).toBe('config_unknown_format');
    expect(kinds(concatBytes(new Uint8Array([0x7a]), zstdCompress(new Uint8Array(0))))).toBe('config_decompress_failed');
    expect(kinds(new Uint8Array([0x7a, 1, 2, 3]))).toBe('config_decompress_failed');
    expect(kinds(z, 100)).toBe('config_decompressed_too_large');
    expect(kinds(dict, 10)).toBe('config_too_large');
  });
});
