// A bounded LRU memo of the sender's Ed25519 -> X25519 conversion for the receive pipeline: the
// conversion is a pure function of the key and costs about as much as the signature check, while a
// busy mailbox holds many messages from the same few senders. Each decrypting thread keeps its own.
import { ed25519PublicToX25519, type SenderKeyConversion } from '../../protocol';

/** Senders remembered per thread: 10,000 x ~150 bytes. */
export const DEFAULT_SENDER_KEY_CACHE_SIZE = 10_000;

export interface SenderKeyCache {
  /** Same result as `ed25519PublicToX25519` (a fresh copy each call), and throws where it throws. */
  readonly convert: SenderKeyConversion;
  /** Keys currently remembered. */
  readonly size: number;
}

export function createSenderKeyCache(o: { limit?: number; convert?: SenderKeyConversion } = {}): SenderKeyCache {
  const limit = Math.max(1, o.limit ?? DEFAULT_SENDER_KEY_CACHE_SIZE);
  const uncached = o.convert ?? ed25519PublicToX25519;
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const entries = new Map<string, Uint8Array>();
  return {
    convert(ed25519PublicKey) {
      const key = Buffer.from(ed25519PublicKey.buffer, ed25519PublicKey.byteOffset, ed25519PublicKey.byteLength).toString('hex');
      let x = entries.get(key);
      if (x !== undefined) {
        entries.delete(key);
      } else {
        // Invalid keys throw here and are not remembered.
        x = uncached(ed25519PublicKey);
        if (entries.size >= limit) entries.delete(entries.keys().next().value as string);
      }
      entries.set(key, x);
      // Callers own what they get: the remembered bytes stay unchanged.
      return x.slice();
    },
    get size() {
      return entries.size;
    },
  };
}
