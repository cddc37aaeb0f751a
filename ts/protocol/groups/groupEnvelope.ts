// What a group message (ns 11) carries inside its encryption (spec advanced.md C.6 "What the
// plaintext is"): a serialized Envelope of type CLOSED_GROUP_MESSAGE whose content is the
// unpadded Content. The author is the one GroupKeys.decryptMessage verified, never an Envelope field.
import { ProtocolError, type Result } from '../primitives/errors';
import type { Content } from '../proto/codec';

/** The Envelope bytes to pass to GroupKeys.encryptMessage: type 7, timestamp, sourceDevice 1, content. */
export function wrapGroupEnvelope(a: { content: Uint8Array; timestampMs: number }): Uint8Array {
  void a;
  throw new ProtocolError('not_ready', 'not implemented');
}

/** An opened group Envelope. */
export interface GroupEnvelope {
  timestampMs: number;
  /** The Content bytes with any padding removed. */
  contentBytes: Uint8Array;
  content: Content;
}

/**
 * Reads the plaintext of a decrypted group message: Envelope, tolerant unpadding, Content, and the
 * Envelope/Content timestamp match. Never throws (`envelope_invalid`, `protobuf_invalid`, `timestamp_mismatch`).
 */
export function unwrapGroupEnvelope(plaintext: Uint8Array): Result<GroupEnvelope> {
  void plaintext;
  throw new ProtocolError('not_ready', 'not implemented');
}
