// ONS (Session names, spec network §9): name validation, the name hash sent to oxend, and
// decryption of the resolved Session ID.
import { bytesToHex, utf8ToBytes } from '../primitives/bytes';
import { xchachaDecryptDetachedNonce } from '../primitives/aead';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { blake2b } from '../primitives/hash';
import { parseRecipientSessionId } from '../identity/sessionId';

const ONS_RE = /^\w([\w-]*\w)?$/;

/** Validates an ONS name and returns it lowercased. Never throws. */
export function validateOnsName(name: unknown): Result<string> {
  return attempt(() => {
    if (typeof name !== 'string' || name.length === 0 || name.length > 253 || !ONS_RE.test(name)) {
      throw new ProtocolError(
        'ons_invalid_name',
        'Not a valid ONS name: use letters, digits, "_" and "-" (not at the start or end).',
      );
    }
    return name.toLowerCase();
  });
}

/** BLAKE2b-256 of the lowercase name (sent base64 in `ons_resolve`). */
export function onsNameHash(lowercaseName: string): Uint8Array {
  return blake2b(utf8ToBytes(lowercaseName), 32);
}

/** Decrypts an `ons_resolve` value (current scheme, with nonce) into the 05 Session ID. Never throws. */
export function decryptOnsValue(lowercaseName: string, encryptedValue: Uint8Array, nonce: Uint8Array | undefined): Result<string> {
  return attempt(() => {
    if (!nonce || nonce.length !== 24) {
      throw new ProtocolError('ons_decrypt_failed', 'This ONS name uses an unsupported legacy format.', 'no 24-byte nonce');
    }
    const nameBytes = utf8ToBytes(lowercaseName);
    const key = blake2b(nameBytes, 32, blake2b(nameBytes, 32));
    let plain: Uint8Array;
    try {
      plain = xchachaDecryptDetachedNonce(key, nonce, encryptedValue);
    } catch {
      throw new ProtocolError('ons_decrypt_failed', 'Could not read the ONS record.', 'decryption failed');
    }
    const id = parseRecipientSessionId(bytesToHex(plain));
    if (!id.ok) throw new ProtocolError('ons_decrypt_failed', 'The ONS record is not an Account ID.', id.error.message);
    return id.value.hex;
  });
}
