// What a group message (ns 11) carries inside its encryption (spec advanced.md C.6 "What the
// plaintext is"): a serialized Envelope of type CLOSED_GROUP_MESSAGE whose content is the unpadded
// Content. The author is the one GroupKeys.decryptMessage verified, never an Envelope field.
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import { decodeContent, decodeEnvelope, encodeEnvelope, hasField, type Content } from '../proto/codec';
import { SignalService } from '../proto/codec';
import { unpadMessage } from '../message/padding';

/**
 * The Envelope bytes to pass to GroupKeys.encryptMessage: type 7, timestamp, sourceDevice 1, the
 * Content bytes (unpadded; their sigTimestamp must equal `timestampMs`), and `proSig` when given
 * (newer clients put 64 random bytes there when the user has no Pro).
 */
export function wrapGroupEnvelope(a: { content: Uint8Array; timestampMs: number; proSig?: Uint8Array | null }): Uint8Array {
  if (!(a.content instanceof Uint8Array) || a.content.length === 0) throw new ProtocolError('invalid_argument', 'A group message needs its Content.');
  if (!Number.isSafeInteger(a.timestampMs) || a.timestampMs <= 0) throw new ProtocolError('invalid_argument', 'A group message needs its timestamp (ms).');
  if (a.proSig != null && a.proSig.length !== 64) throw new ProtocolError('invalid_argument', 'A Pro signature is 64 bytes.');
  return encodeEnvelope({
    type: SignalService.Envelope.Type.CLOSED_GROUP_MESSAGE,
    timestamp: a.timestampMs,
    sourceDevice: 1,
    content: a.content,
    ...(a.proSig != null ? { proSig: a.proSig } : {}),
  });
}

/** An opened group Envelope. */
export interface GroupEnvelope {
  timestampMs: number;
  /** The Content bytes with any padding removed. */
  contentBytes: Uint8Array;
  content: Content;
}

/**
 * Reads the plaintext of a decrypted group message: Envelope (type 7), tolerant unpadding, Content,
 * and the Envelope/Content timestamp match. Never throws (`envelope_invalid`, `protobuf_invalid`,
 * `timestamp_mismatch`).
 */
export function unwrapGroupEnvelope(plaintext: Uint8Array): Result<GroupEnvelope> {
  return attempt(() => {
    const env = decodeEnvelope(plaintext);
    if (!env.ok) throw new ProtocolError('envelope_invalid', 'Received an unreadable group message.', env.error.detail);
    const e = env.value;
    if (e.type !== SignalService.Envelope.Type.CLOSED_GROUP_MESSAGE) {
      throw new ProtocolError('envelope_invalid', 'Received an unreadable group message.', `envelope type ${e.type}`);
    }
    if (hasField(e, 'proSig') && e.proSig.length !== 64) throw new ProtocolError('envelope_invalid', 'Received an unreadable group message.', 'proSig is not 64 bytes');
    if (!hasField(e, 'content') || e.content.length === 0) throw new ProtocolError('envelope_invalid', 'Received an unreadable group message.', 'no content');
    const contentBytes = unpadMessage(e.content);
    if (contentBytes.length === 0) throw new ProtocolError('protobuf_invalid', 'Received an empty group message.');
    const c = decodeContent(contentBytes);
    if (!c.ok) throw c.error;
    const timestampMs = Number(e.timestamp);
    if (timestampMs !== 0 && Number(c.value.sigTimestamp) !== 0 && timestampMs !== Number(c.value.sigTimestamp)) {
      throw new ProtocolError('timestamp_mismatch', 'Received a group message with inconsistent timestamps.', 'sigTimestamp != envelope timestamp');
    }
    return { timestampMs, contentBytes, content: c.value };
  });
}
