// The receive pipeline's memo of senders' Ed25519 -> X25519 conversions: the same bytes as the uncached
// conversion (and the same failures), one conversion per remembered key, least recently used evicted first,
// and decode1o1Message gives the same result with it as without it.
import { createSenderKeyCache } from '../../../../ts/backend/workers/senderKeyCache';
import {
  decode1o1Message,
  ed25519PublicToX25519,
  encode1o1Message,
  identityFromRecoverySeed,
  loadProtocol,
  secureRandom,
  type Identity,
} from '../../../../ts/protocol';

describe('sender key cache', () => {
  let ids: Identity[];

  beforeAll(async () => {
    await loadProtocol();
    ids = [1, 2, 3, 4].map((i) => identityFromRecoverySeed(new Uint8Array(16).fill(i)));
  });

  /** A conversion that counts its calls per key. */
  const counting = (): { convert: (pk: Uint8Array) => Uint8Array; calls: Map<string, number> } => {
    const calls = new Map<string, number>();
    return {
      calls,
      convert: (pk) => {
        const k = Buffer.from(pk).toString('hex');
        calls.set(k, (calls.get(k) ?? 0) + 1);
        return ed25519PublicToX25519(pk);
      },
    };
  };
  const key = (i: number): Uint8Array => (ids[i] as Identity).ed25519.publicKey;
  const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

  test('returns what the uncached conversion returns (the Session ID key), converting each key once', () => {
    const c = counting();
    const cache = createSenderKeyCache({ convert: c.convert });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        const x = cache.convert(key(i));
        expect(hexOf(x)).toBe(hexOf(ed25519PublicToX25519(key(i))));
        expect(`05${hexOf(x)}`).toBe((ids[i] as Identity).sessionId);
      }
    }
    expect([...c.calls.values()]).toEqual([1, 1, 1, 1]);
    expect(cache.size).toBe(4);
    // A key in a larger buffer (as the decrypted payload holds it) is the same key.
    const padded = new Uint8Array(40);
    padded.set(key(2), 5);
    expect(hexOf(cache.convert(padded.subarray(5, 37)))).toBe(hexOf(ed25519PublicToX25519(key(2))));
    expect(c.calls.get(hexOf(key(2)))).toBe(1);
  });

  test('hands out copies: a caller changing its result does not change later results', () => {
    const cache = createSenderKeyCache();
    const first = cache.convert(key(0));
    first.fill(0);
    expect(hexOf(cache.convert(key(0)))).toBe(hexOf(ed25519PublicToX25519(key(0))));
  });

  test('evicts the least recently used key beyond its limit', () => {
    const c = counting();
    const cache = createSenderKeyCache({ limit: 2, convert: c.convert });
    cache.convert(key(0));
    cache.convert(key(1));
    cache.convert(key(0)); // 0 is now more recent than 1
    cache.convert(key(2)); // evicts 1
    expect(cache.size).toBe(2);
    cache.convert(key(0));
    cache.convert(key(2));
    expect(c.calls.get(hexOf(key(0)))).toBe(1);
    expect(c.calls.get(hexOf(key(2)))).toBe(1);
    cache.convert(key(1)); // converted again, evicting 0 (least recently used)
    expect(c.calls.get(hexOf(key(1)))).toBe(2);
    cache.convert(key(0));
    expect(c.calls.get(hexOf(key(0)))).toBe(2);
    expect(cache.size).toBe(2);
  });

  test('a key that does not convert throws as the uncached conversion does, and is not remembered', () => {
    const c = counting();
    const cache = createSenderKeyCache({ convert: c.convert });
    // y = 2 is not the y coordinate of a curve point.
    const bad = new Uint8Array(32);
    bad[0] = 2;
    expect(() => ed25519PublicToX25519(bad)).toThrow('Not a valid Ed25519 public key.');
    expect(() => cache.convert(bad)).toThrow('Not a valid Ed25519 public key.');
    expect(() => cache.convert(bad)).toThrow('Not a valid Ed25519 public key.');
    expect(c.calls.get(hexOf(bad))).toBe(2);
    expect(cache.size).toBe(0);
  });

  test('decode1o1Message uses the given conversion and decodes the same message with it', () => {
    const recipient = ids[3] as Identity;
    const wrapper = encode1o1Message({ sender: ids[0] as Identity, recipient: recipient.sessionId, content: { dataMessage: { body: 'hi' } }, timestampMs: 1_780_000_000_000, random: secureRandom }).wrapper;
    const c = counting();
    const cache = createSenderKeyCache({ convert: c.convert });
    const plain = decode1o1Message(recipient, wrapper);
    const a = decode1o1Message(recipient, wrapper, cache.convert);
    const b = decode1o1Message(recipient, wrapper, cache.convert);
    for (const r of [plain, a, b]) {
      if (!r.ok) throw r.error;
      expect(r.value.senderSessionId).toBe((ids[0] as Identity).sessionId);
      expect(r.value.content.dataMessage?.body).toBe('hi');
    }
    expect(c.calls.get(hexOf(key(0)))).toBe(1);
  });
});
