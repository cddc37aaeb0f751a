// 1:1 "Session protocol" encryption (spec messaging §4.4–4.5, §5.2 steps 4–7): sign
// M || A || Y with the sender's Ed25519 key, then a sealed box to the recipient's X25519 key.
import { assertLength, concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ed25519PublicToX25519, ed25519Sign, ed25519Verify, sealedBoxOpen, x25519KeyAgreement, type KeyPair } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { blake2b, sha512 } from '../primitives/hash';
import type { RandomSource } from '../primitives/random';
import { sodium } from '../primitives/sodium';
import { SessionIdPrefix, formatSessionId } from '../identity/sessionId';

/** Sealed-box overhead: ephemeral key (32) + Poly1305 tag (16). */
export const SEALED_BOX_OVERHEAD = 48;
/** Smallest valid 1:1 ciphertext: overhead + sender key (32) + signature (64). */
export const MIN_1O1_CIPHERTEXT = SEALED_BOX_OVERHEAD + 32 + 64;

const EPHEMERAL_HASH_KEY = utf8ToBytes('SessionBoxEphemeralHashKey');
const HSALSA_ZERO_INPUT = new Uint8Array(16);

/** `M || A || Ed25519_sign(a64, M || A || Y)`: the signed inner payload. */
export function signForRecipient(sender: KeyPair, recipientX25519: Uint8Array, message: Uint8Array): Uint8Array {
  assertLength(recipientX25519, 32, 'Recipient X25519 key');
  const sig = ed25519Sign(sender.secretKey, concatBytes(message, sender.publicKey, recipientX25519));
  return concatBytes(message, sender.publicKey, sig);
}

/** crypto_box_seal with a caller-chosen ephemeral seed: E || crypto_box_easy(m, BLAKE2b-192(E||Y), Y, e). */
export function sealWithEphemeralSeed(plaintext: Uint8Array, recipientX25519: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array {
  assertLength(recipientX25519, 32, 'Recipient X25519 key');
  assertLength(ephemeralSeed, 32, 'Ephemeral seed');
  // crypto_box_seed_keypair: secret = SHA-512(seed)[0..32]. The X25519 step runs natively
  // (node:crypto); crypto_box_easy = HSalsa20(shared, 0) as key + crypto_secretbox_easy.
  let agreement: { ourPublic: Uint8Array; shared: Uint8Array };
  try {
    agreement = x25519KeyAgreement(sha512(ephemeralSeed).subarray(0, 32), recipientX25519);
  } catch {
    throw new ProtocolError('invalid_argument', 'The recipient key is not usable.');
  }
  const s = sodium();
  const nonce = blake2b(concatBytes(agreement.ourPublic, recipientX25519), 24);
  const key = s.crypto_core_hsalsa20(HSALSA_ZERO_INPUT, agreement.shared, null);
  return concatBytes(agreement.ourPublic, s.crypto_secretbox_easy(plaintext, nonce, key));
}

/** Signs and seals `message` (already padded) for a recipient's X25519 key with a fresh random ephemeral key. */
export function encryptForRecipient(sender: KeyPair, recipientX25519: Uint8Array, message: Uint8Array, random: RandomSource): Uint8Array {
  return sealWithEphemeralSeed(signForRecipient(sender, recipientX25519, message), recipientX25519, random(32));
}

/**
 * libsession `encrypt_for_recipient_deterministic`: the ephemeral seed is keyed BLAKE2b-256 over
 * seed32 || Y || message. Only for known-answer tests and self-directed legacy data, never 1:1 sends.
 */
export function encryptForRecipientDeterministic(sender: KeyPair, recipientX25519: Uint8Array, message: Uint8Array): Uint8Array {
  const seed = blake2b(concatBytes(sender.secretKey.subarray(0, 32), recipientX25519, message), 32, EPHEMERAL_HASH_KEY);
  return sealWithEphemeralSeed(signForRecipient(sender, recipientX25519, message), recipientX25519, seed);
}

/** A verified incoming 1:1 payload. */
export interface DecryptedMessage {
  /** The (still padded) plaintext M. */
  plaintext: Uint8Array;
  senderEd25519: Uint8Array;
  /** "05" + hex(X25519 of the sender): the only trusted sender identity. */
  senderSessionId: string;
}

/**
 * The sender's Ed25519 -> X25519 conversion (spec messaging §5.2 step 7). It is a pure function of the key,
 * so a receiver that sees many messages from the same senders may pass a memoized one; it must return what
 * ed25519PublicToX25519 returns and throw where it throws.
 */
export type SenderKeyConversion = (ed25519PublicKey: Uint8Array) => Uint8Array;

/** Opens a sealed box for our X25519 key pair, verifies the inner signature and extracts the sender. Never throws. */
export function decryptFromSender(recipient: KeyPair, ciphertext: Uint8Array, toX25519: SenderKeyConversion = ed25519PublicToX25519): Result<DecryptedMessage> {
  return attempt(() => {
    if (!(ciphertext instanceof Uint8Array) || ciphertext.length < MIN_1O1_CIPHERTEXT) {
      throw new ProtocolError('decrypt_failed', 'Could not decrypt a message.', 'ciphertext too short');
    }
    let inner: Uint8Array;
    try {
      inner = sealedBoxOpen(ciphertext, recipient.publicKey, recipient.secretKey);
    } catch {
      throw new ProtocolError('decrypt_failed', 'Could not decrypt a message.', 'sealed box did not open');
    }
    const n = inner.length;
    const sig = inner.subarray(n - 64);
    const senderEd25519 = inner.slice(n - 96, n - 64);
    const plaintext = inner.slice(0, n - 96);
    if (!ed25519Verify(sig, concatBytes(plaintext, senderEd25519, recipient.publicKey), senderEd25519)) {
      throw new ProtocolError('signature_invalid', 'A message had an invalid signature.', 'Invalid message signature');
    }
    let senderX: Uint8Array;
    try {
      senderX = toX25519(senderEd25519);
    } catch {
      throw new ProtocolError('signature_invalid', 'A message had an invalid sender key.');
    }
    return { plaintext, senderEd25519, senderSessionId: formatSessionId(SessionIdPrefix.Standard, senderX) };
  });
}
