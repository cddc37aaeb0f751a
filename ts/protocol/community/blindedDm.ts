// Community direct messages to blinded ids (spec advanced.md A.10): XChaCha20-Poly1305 under
// H32(shared point ‖ sender blinded key ‖ recipient blinded key), the sender's real Ed25519 key inside,
// framed as 0x00 ‖ ciphertext ‖ nonce. 15-blinded ids are the deployed kind; 25 is supported for parity.
import { assertLength, concatBytes, equalBytes } from '../primitives/bytes';
import { ed25519PublicToX25519, ed25519SecretToX25519 } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { sodium } from '../primitives/sodium';
import { XCHACHA_NONCE_BYTES, xchachaDecryptDetachedNonce, xchachaEncrypt } from '../primitives/aead';
import { blind15Factor, blind25Factor } from '../identity/blinding';
import { formatSessionId, parseSessionId, SessionIdPrefix } from '../identity/sessionId';
import { decodeContent, encodeContent, type Content, type ContentProps } from '../proto/codec';
import { padMessage, unpadMessage } from '../message/padding';
import { blind15KeyPair, blind25KeyPair, type BlindedKeyPair } from './blindedKeys';

const VERSION = 0x00;
const TAG_BYTES = 16;

type BlindKind = '15' | '25';

function parseBlinded(id: string, what: string): { kind: BlindKind; key: Uint8Array } {
  const r = parseSessionId(id, [SessionIdPrefix.Blinded15, SessionIdPrefix.Blinded25]);
  if (!r.ok) throw new ProtocolError('invalid_argument', `The ${what} is not a blinded id.`, r.error.message);
  return { kind: r.value.prefix as BlindKind, key: r.value.key };
}

function pointMul(scalar: Uint8Array, point: Uint8Array): Uint8Array {
  try {
    return sodium().crypto_scalarmult_ed25519_noclamp(scalar, point);
  } catch {
    throw new ProtocolError('decrypt_failed', 'Could not read a community message.', 'invalid blinded key');
  }
}

function ownPair(kind: BlindKind, ed25519SecretKey: Uint8Array, serverPubkey: Uint8Array): BlindedKeyPair {
  return kind === '15' ? blind15KeyPair(ed25519SecretKey, serverPubkey) : blind25KeyPair(ed25519SecretKey, serverPubkey);
}

/**
 * Our side of the shared point with another blinded key: 15 uses our unblinded scalar (a·kB = b·kA since
 * both share k), 25 our blinded scalar (per-user factors differ).
 */
function sharedPoint(kind: BlindKind, ed25519SecretKey: Uint8Array, own: BlindedKeyPair, other: Uint8Array): Uint8Array {
  return pointMul(kind === '15' ? ed25519SecretToX25519(ed25519SecretKey) : own.secretScalar, other);
}

function dmKey(shared: Uint8Array, senderBlinded: Uint8Array, recipientBlinded: Uint8Array): Uint8Array {
  return blake2b(concatBytes(shared, senderBlinded, recipientBlinded), 32);
}

export interface BlindedDmEncryptInput {
  /** Our 64-byte Ed25519 secret key. */
  ed25519SecretKey: Uint8Array;
  /** The server's X25519 key (32 bytes). */
  serverPubkey: Uint8Array;
  /** `15…` (or `25…`) id of the recipient on that server. */
  recipientBlindedId: string;
  /** What to send: a padded Content (encodeBlindedDmContent). */
  plaintext: Uint8Array;
  /** 24 random bytes. */
  nonce: Uint8Array;
}

/** The padded Content of a blinded DM, with sigTimestamp = `sentAtMs`. */
export function encodeBlindedDmContent(content: ContentProps, sentAtMs: number): Uint8Array {
  if (!Number.isSafeInteger(sentAtMs) || sentAtMs <= 0) throw new ProtocolError('invalid_argument', 'Invalid send time.');
  return padMessage(encodeContent({ ...content, sigTimestamp: sentAtMs }));
}

/** Encrypts for a blinded recipient: 0x00 ‖ XChaCha20-Poly1305(plaintext ‖ our Ed25519 pk) ‖ nonce (the `message` of POST /inbox). */
export function encryptBlindedDm(a: BlindedDmEncryptInput): Uint8Array {
  assertLength(a.ed25519SecretKey, 64, 'Ed25519 secret key');
  assertLength(a.nonce, XCHACHA_NONCE_BYTES, 'Message nonce');
  const recipient = parseBlinded(a.recipientBlindedId, 'recipient');
  const own = ownPair(recipient.kind, a.ed25519SecretKey, a.serverPubkey);
  const key = dmKey(sharedPoint(recipient.kind, a.ed25519SecretKey, own, recipient.key), own.publicKey, recipient.key);
  const sealed = xchachaEncrypt(key, a.nonce, concatBytes(a.plaintext, a.ed25519SecretKey.subarray(32))).subarray(XCHACHA_NONCE_BYTES);
  return concatBytes(new Uint8Array([VERSION]), sealed, a.nonce);
}

export interface OpenedBlindedDm {
  /** What the sender encrypted (a padded Content for community DMs). */
  plaintext: Uint8Array;
  /** The sender's real Ed25519 key, as embedded in the message. */
  senderEd25519: Uint8Array;
  /** The sender's real Session ID (`05…`). */
  senderSessionId: string;
}

function split(ciphertext: Uint8Array): { sealed: Uint8Array; nonce: Uint8Array } {
  if (ciphertext.length < 1 + TAG_BYTES + 32 + XCHACHA_NONCE_BYTES) {
    throw new ProtocolError('decrypt_failed', 'Could not read a community message.', 'blinded DM too short');
  }
  if (ciphertext[0] !== VERSION) throw new ProtocolError('decrypt_failed', 'Could not read a community message.', `unknown blinded DM version ${ciphertext[0]}`);
  return { sealed: ciphertext.subarray(1, ciphertext.length - XCHACHA_NONCE_BYTES), nonce: ciphertext.subarray(ciphertext.length - XCHACHA_NONCE_BYTES) };
}

function open(key: Uint8Array, ciphertext: Uint8Array): { plaintext: Uint8Array; senderEd25519: Uint8Array } {
  const { sealed, nonce } = split(ciphertext);
  let inner: Uint8Array;
  try {
    inner = xchachaDecryptDetachedNonce(key, nonce, sealed);
  } catch {
    throw new ProtocolError('decrypt_failed', 'Could not read a community message.', 'blinded DM does not decrypt');
  }
  return { plaintext: inner.subarray(0, inner.length - 32), senderEd25519: inner.subarray(inner.length - 32) };
}

/** Whether `ed25519` blinds to `blinded` on this server (15: either sign of k·A; 25: k'·|A|). */
function blindsTo(kind: BlindKind, ed25519: Uint8Array, blinded: Uint8Array, serverPubkey: Uint8Array): boolean {
  let candidate: Uint8Array;
  if (kind === '15') {
    candidate = pointMul(blind15Factor(serverPubkey), ed25519);
  } else {
    const abs = ed25519.slice();
    abs[31] = (abs[31] as number) & 0x7f;
    candidate = pointMul(blind25Factor(concatBytes(new Uint8Array([0x05]), ed25519PublicToX25519(ed25519)), serverPubkey), abs);
  }
  if (equalBytes(candidate, blinded)) return true;
  if (kind === '25') return false;
  const flipped = candidate.slice();
  flipped[31] = (flipped[31] as number) ^ 0x80;
  return equalBytes(flipped, blinded);
}

/**
 * Decrypts a message from our inbox. Checks that the Ed25519 key inside blinds to the sender's id (either
 * sign for 15) and returns the sender's real Session ID. Never throws: `decrypt_failed` or `invalid_argument`.
 */
export function decryptBlindedDm(a: { ed25519SecretKey: Uint8Array; serverPubkey: Uint8Array; senderBlindedId: string; ciphertext: Uint8Array }): Result<OpenedBlindedDm> {
  return attempt(() => {
    assertLength(a.ed25519SecretKey, 64, 'Ed25519 secret key');
    const sender = parseBlinded(a.senderBlindedId, 'sender');
    const own = ownPair(sender.kind, a.ed25519SecretKey, a.serverPubkey);
    const key = dmKey(sharedPoint(sender.kind, a.ed25519SecretKey, own, sender.key), sender.key, own.publicKey);
    const opened = open(key, a.ciphertext);
    let senderSessionId: string;
    try {
      if (!blindsTo(sender.kind, opened.senderEd25519, sender.key, a.serverPubkey)) throw new Error('mismatch');
      senderSessionId = formatSessionId(SessionIdPrefix.Standard, ed25519PublicToX25519(opened.senderEd25519));
    } catch {
      throw new ProtocolError('decrypt_failed', 'Could not read a community message.', 'sender key does not match the sender blinded id');
    }
    return { ...opened, senderSessionId };
  });
}

/** Decrypts a message from our outbox (one we sent to `recipientBlindedId`, maybe from another device). */
export function decryptBlindedDmOutbox(a: { ed25519SecretKey: Uint8Array; serverPubkey: Uint8Array; recipientBlindedId: string; ciphertext: Uint8Array }): Result<OpenedBlindedDm> {
  return attempt(() => {
    assertLength(a.ed25519SecretKey, 64, 'Ed25519 secret key');
    const recipient = parseBlinded(a.recipientBlindedId, 'recipient');
    const own = ownPair(recipient.kind, a.ed25519SecretKey, a.serverPubkey);
    const key = dmKey(sharedPoint(recipient.kind, a.ed25519SecretKey, own, recipient.key), own.publicKey, recipient.key);
    const opened = open(key, a.ciphertext);
    if (!equalBytes(opened.senderEd25519, a.ed25519SecretKey.subarray(32))) {
      throw new ProtocolError('decrypt_failed', 'Could not read a community message.', 'outbox message not sent by us');
    }
    return { ...opened, senderSessionId: formatSessionId(SessionIdPrefix.Standard, ed25519PublicToX25519(opened.senderEd25519)) };
  });
}

/** Unpads (tolerantly) and decodes the Content of an opened blinded DM. */
export function decodeBlindedDmContent(plaintext: Uint8Array): Result<Content> {
  return decodeContent(unpadMessage(plaintext));
}
