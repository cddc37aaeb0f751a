// Session IDs ("account IDs"): 1-byte prefix + 32-byte key as 66 lowercase hex (spec messaging §1.2).
import { bytesToHex, hexToBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';

/** Known prefixes and what the 32 key bytes after them are. */
export const SessionIdPrefix = {
  /** Standard account; key = X25519 public key. The only 1:1 recipient type. */
  Standard: '05',
  /** Groups v2; key = group Ed25519 public key. */
  Group: '03',
  /** Community-blinded (legacy blind15). */
  Blinded15: '15',
  /** Community-blinded (blind25). */
  Blinded25: '25',
  /** Unblinded Ed25519 key (SOGS auth headers only). */
  Unblinded: '00',
} as const;

export type SessionIdPrefix = (typeof SessionIdPrefix)[keyof typeof SessionIdPrefix];

const ALL_PREFIXES: readonly SessionIdPrefix[] = Object.values(SessionIdPrefix);

/** A validated Session ID. */
export interface SessionId {
  /** 66 lowercase hex characters. */
  hex: string;
  prefix: SessionIdPrefix;
  /** The 32 key bytes after the prefix. */
  key: Uint8Array;
}

/**
 * Parses and validates a Session ID for the given prefixes (default: all known prefixes).
 * Accepts surrounding whitespace and upper case. Never throws.
 */
export function parseSessionId(input: unknown, allowed: readonly SessionIdPrefix[] = ALL_PREFIXES): Result<SessionId> {
  return attempt(() => {
    if (typeof input !== 'string') {
      throw new ProtocolError('session_id_length', 'An Account ID must be text.');
    }
    const s = input.trim().toLowerCase();
    if (s.length !== 66) {
      throw new ProtocolError(
        'session_id_length',
        `An Account ID is 66 characters long; this one has ${s.length}.`,
      );
    }
    if (!/^[0-9a-f]{66}$/.test(s)) {
      throw new ProtocolError('session_id_hex', 'An Account ID may only contain the characters 0-9 and a-f.');
    }
    const prefix = s.slice(0, 2);
    if (!(allowed as readonly string[]).includes(prefix)) {
      const expected = allowed.join(', ');
      throw new ProtocolError(
        'session_id_prefix',
        allowed.length === 1 && allowed[0] === SessionIdPrefix.Standard
          ? 'This is not an Account ID: Account IDs start with 05.'
          : `Unexpected Account ID prefix ${prefix} (expected ${expected}).`,
      );
    }
    return { hex: s, prefix: prefix as SessionIdPrefix, key: hexToBytes(s.slice(2)) };
  });
}

/** Parses a 1:1 recipient: only `05` IDs are accepted (blinded and group IDs are rejected). */
export function parseRecipientSessionId(input: unknown): Result<SessionId> {
  return parseSessionId(input, [SessionIdPrefix.Standard]);
}

/** Formats a prefix and 32-byte key as a Session ID string. */
export function formatSessionId(prefix: SessionIdPrefix, key: Uint8Array): string {
  if (key.length !== 32) throw new ProtocolError('invalid_argument', 'Session ID key must be 32 bytes.');
  return prefix + bytesToHex(key);
}

/** The 33 raw bytes (prefix byte + key) of a Session ID. */
export function sessionIdBytes(id: SessionId): Uint8Array {
  return hexToBytes(id.hex);
}
