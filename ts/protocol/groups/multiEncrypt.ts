// Encryption of one payload for several recipients (LIBSESSION multi_encrypt, spec advanced.md C.5
// member key entries and C.9 kicked notices) and the kicked notice an admin stores to ns −11 for
// removed members. Every recipient's entry uses the same nonce; its key is
// H_32(X25519(sk, their pk) || sender_xpk || recipient_xpk; key=domain).
import type { Identity } from '../identity/keys';
import { parseSessionId, SessionIdPrefix } from '../identity/sessionId';
import { XCHACHA_NONCE_BYTES, xchachaDecryptDetachedNonce } from '../primitives/aead';
import { bytesToHex, concatBytes, equalBytes, utf8ToBytes } from '../primitives/bytes';
import { x25519 } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import type { RandomSource } from '../primitives/random';
import { sodium } from '../primitives/sodium';
import { BtReader } from '../config/bt';
import { binaryFromBytes, bytesFromBinary } from '../config/data';
import type { GroupAdminKeys } from './groupIdentity';

/** Domain of the kicked-notice keys (C.9). */
export const KICKED_NOTICE_DOMAIN = 'SessionGroupKickedMessage';

/** The per-recipient key: H_32(X25519(secretKey, theirPublicKey) || senderPublicKey || recipientPublicKey; key=domain). */
export function multiEncryptKey(a: { secretKey: Uint8Array; theirPublicKey: Uint8Array; senderPublicKey: Uint8Array; recipientPublicKey: Uint8Array; domain: string }): Uint8Array {
  const shared = x25519(a.secretKey, a.theirPublicKey);
  return blake2b(concatBytes(shared, a.senderPublicKey, a.recipientPublicKey), 32, utf8ToBytes(a.domain));
}

/** XChaCha20-Poly1305 with a given nonce, without prepending it (the multi-encrypt entries carry no nonce). */
export function xchachaSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, null, null, nonce, key);
}

/**
 * `encrypt_for_multiple`: `messages[i]` for `recipients[i]` (or the one message for all), one nonce.
 * Recipients that are not valid X25519 keys are skipped when `ignoreInvalid` (the rekey does so),
 * else throw `invalid_argument`.
 */
export function encryptForMultiple(a: {
  messages: readonly Uint8Array[];
  recipients: readonly Uint8Array[];
  nonce: Uint8Array;
  senderX25519SecretKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
  ignoreInvalid?: boolean;
}): Uint8Array[] {
  if (a.messages.length !== 1 && a.messages.length !== a.recipients.length) {
    throw new ProtocolError('invalid_argument', 'One message, or one per recipient.');
  }
  if (a.nonce.length !== XCHACHA_NONCE_BYTES) throw new ProtocolError('invalid_argument', 'The nonce is 24 bytes.');
  const out: Uint8Array[] = [];
  a.recipients.forEach((recipient, i) => {
    let key: Uint8Array;
    try {
      key = multiEncryptKey({
        secretKey: a.senderX25519SecretKey,
        theirPublicKey: recipient,
        senderPublicKey: a.senderX25519PublicKey,
        recipientPublicKey: recipient,
        domain: a.domain,
      });
    } catch (e) {
      if (a.ignoreInvalid === true) return;
      throw e instanceof ProtocolError ? new ProtocolError('invalid_argument', 'A recipient key is not a valid X25519 key.', e.detail) : e;
    }
    out.push(xchachaSeal(key, a.nonce, (a.messages.length === 1 ? a.messages[0] : a.messages[i]) as Uint8Array));
  });
  return out;
}

/** `decrypt_for_multiple`: the first entry that opens with our key, or null. Never throws for bad entries. */
export function decryptForMultiple(a: {
  ciphertexts: Iterable<Uint8Array>;
  nonce: Uint8Array;
  recipientX25519SecretKey: Uint8Array;
  recipientX25519PublicKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
}): Uint8Array | null {
  let key: Uint8Array;
  try {
    key = multiEncryptKey({
      secretKey: a.recipientX25519SecretKey,
      theirPublicKey: a.senderX25519PublicKey,
      senderPublicKey: a.senderX25519PublicKey,
      recipientPublicKey: a.recipientX25519PublicKey,
      domain: a.domain,
    });
  } catch {
    return null;
  }
  for (const c of a.ciphertexts) {
    try {
      return xchachaDecryptDetachedNonce(key, a.nonce, c);
    } catch {
      // not ours: try the next entry
    }
  }
  return null;
}

/** `encrypt_for_multiple_simple`: bencode{"#": nonce, "e": [entries]}; the nonce is 24 bytes from `random`. */
export function encryptForMultipleSimple(a: {
  messages: readonly Uint8Array[];
  recipients: readonly Uint8Array[];
  senderX25519SecretKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
  random: RandomSource;
}): Uint8Array {
  const nonce = a.random(XCHACHA_NONCE_BYTES);
  if (!(nonce instanceof Uint8Array) || nonce.length !== XCHACHA_NONCE_BYTES) throw new ProtocolError('invalid_argument', 'The random source gave no 24-byte nonce.');
  const entries = encryptForMultiple({ ...a, nonce });
  const parts: Uint8Array[] = [utf8ToBytes(`d1:#24:`), nonce, utf8ToBytes('1:el')];
  for (const e of entries) parts.push(utf8ToBytes(`${e.length}:`), e);
  parts.push(utf8ToBytes('ee'));
  return concatBytes(...parts);
}

/** Reads bencode{"#": nonce, "e": [entries]} (other keys ignored). Throws ProtocolError. */
function parseSimple(data: Uint8Array): { nonce: Uint8Array; entries: Uint8Array[] } {
  const r = new BtReader(data);
  let nonce: Uint8Array | null = null;
  let entries: Uint8Array[] | null = null;
  try {
    r.expect(0x64, 'a dict');
    let prev: string | null = null;
    while (!r.endOfContainer()) {
      const k = r.readDictKey(prev);
      prev = k;
      if (k === '#') nonce = bytesFromBinary(r.readString());
      else if (k === 'e') {
        if (!r.isList()) throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', '"e" is not a list');
        r.expect(0x6c, 'a list');
        entries = [];
        while (!r.endOfContainer()) entries.push(bytesFromBinary(r.readString()));
      } else r.skipValue();
    }
    if (!r.atEnd) throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', 'data after the dict');
  } catch (e) {
    if (e instanceof ProtocolError && e.kind === 'group_kicked_invalid') throw e;
    throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', e instanceof ProtocolError ? e.detail : 'not bt');
  }
  if (nonce === null || nonce.length !== XCHACHA_NONCE_BYTES) throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', 'no 24-byte "#"');
  if (entries === null) throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', 'no "e"');
  return { nonce, entries };
}

/**
 * `decrypt_for_multiple_simple`: the payload meant for us, or null when no entry opens with our key.
 * Never throws (`group_kicked_invalid` for a malformed dict).
 */
export function decryptForMultipleSimple(a: {
  data: Uint8Array;
  recipientX25519SecretKey: Uint8Array;
  recipientX25519PublicKey: Uint8Array;
  senderX25519PublicKey: Uint8Array;
  domain: string;
}): Result<Uint8Array | null> {
  return attempt(() => {
    if (!(a.data instanceof Uint8Array)) throw new ProtocolError('group_kicked_invalid', 'Invalid multi-encrypted message.', 'not bytes');
    const { nonce, entries } = parseSimple(a.data);
    return decryptForMultiple({ ...a, ciphertexts: entries, nonce });
  });
}

function x25519OfSessionId(sessionId: string): Uint8Array {
  const id = parseSessionId(sessionId, [SessionIdPrefix.Standard]);
  if (!id.ok) throw new ProtocolError('invalid_argument', 'A member is a 05 Session ID.', id.error.detail);
  return id.value.key;
}

/**
 * Admin: the ns −11 kicked notice for removed members (C.9): each entry holds the member's X25519 key
 * followed by the current key generation in decimal. `random` gives the 24-byte nonce.
 */
export function makeKickedNotice(a: { admin: GroupAdminKeys; removedSessionIds: readonly string[]; generation: number; random: RandomSource }): Uint8Array {
  if (!Number.isSafeInteger(a.generation) || a.generation < 0) throw new ProtocolError('invalid_argument', 'A key generation is a non-negative integer.');
  if (a.removedSessionIds.length === 0) throw new ProtocolError('invalid_argument', 'A kicked notice names at least one member.');
  const recipients = a.removedSessionIds.map(x25519OfSessionId);
  return encryptForMultipleSimple({
    messages: recipients.map((x) => concatBytes(x, utf8ToBytes(String(a.generation)))),
    recipients,
    senderX25519SecretKey: a.admin.x25519SecretKey,
    senderX25519PublicKey: a.admin.x25519PublicKey,
    domain: KICKED_NOTICE_DOMAIN,
    random: a.random,
  });
}

/**
 * Member: reads one ns −11 message. `kicked` is true when it names us at a generation ≥
 * `currentGeneration` (the caller then marks the group kicked and stops polling); a notice not for
 * us, or for an older generation (we were re-added since), gives false. Never throws:
 * `group_kicked_invalid` for a malformed notice or payload.
 */
export function decryptKickedNotice(a: {
  data: Uint8Array;
  identity: Identity;
  groupX25519PublicKey: Uint8Array;
  currentGeneration: number;
}): Result<{ kicked: boolean; generation: number | null }> {
  return attempt(() => {
    const r = decryptForMultipleSimple({
      data: a.data,
      recipientX25519SecretKey: a.identity.x25519.secretKey,
      recipientX25519PublicKey: a.identity.x25519.publicKey,
      senderX25519PublicKey: a.groupX25519PublicKey,
      domain: KICKED_NOTICE_DOMAIN,
    });
    if (!r.ok) throw r.error;
    if (r.value === null) return { kicked: false, generation: null };
    const plain = r.value;
    const genText = binaryFromBytes(plain.subarray(32));
    if (plain.length < 33 || !/^(0|[1-9][0-9]{0,15})$/.test(genText)) {
      throw new ProtocolError('group_kicked_invalid', 'Invalid kicked notice.', 'payload is not pubkey || generation');
    }
    if (!equalBytes(plain.subarray(0, 32), a.identity.x25519.publicKey)) {
      throw new ProtocolError('group_kicked_invalid', 'Invalid kicked notice.', `names another key ${bytesToHex(plain.subarray(0, 4))}…`);
    }
    const generation = Number(genText);
    return { kicked: generation >= a.currentGeneration, generation };
  });
}
