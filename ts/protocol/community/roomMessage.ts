// Community room messages (spec advanced.md A.9): the posted `data` is a 160-padded Content carrying
// sigTimestamp; its `signature` is blind-15 (blinded servers) or XEd25519 (unblinded), checked on
// receipt against the sender id before the Content is decoded and its timestamp compared to `posted`.
import { assertLength } from '../primitives/bytes';
import { ed25519SecretToX25519, ed25519Verify } from '../primitives/curve';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';
import { parseSessionId, SessionIdPrefix } from '../identity/sessionId';
import { decodeContent, encodeContent, type Content, type ContentProps } from '../proto/codec';
import { padMessage, unpadMessage } from '../message/padding';
import { blind15Sign } from './blindedKeys';
import { xed25519Sign, xed25519Verify } from './xed25519';

/** Largest accepted distance between the server's `posted` and the sender's sigTimestamp (desktop: 6 h). */
export const ROOM_MESSAGE_MAX_SKEW_MS = 6 * 60 * 60 * 1000;

/** The padded Content bytes of a room post, with sigTimestamp = `sentAtMs` (no expiry fields: rooms have none). */
export function encodeRoomContent(content: ContentProps, sentAtMs: number): Uint8Array {
  if (!Number.isSafeInteger(sentAtMs) || sentAtMs <= 0) throw new ProtocolError('invalid_argument', 'Invalid send time.');
  const { expirationType: _type, expirationTimer: _timer, ...rest } = content;
  return padMessage(encodeContent({ ...rest, sigTimestamp: sentAtMs }));
}

export interface RoomSigner {
  /** Our 64-byte Ed25519 secret key. */
  ed25519SecretKey: Uint8Array;
  /** The server's X25519 key (32 bytes). */
  serverPubkey: Uint8Array;
  /** Blind-15 signature (servers with the `blind` capability) or XEd25519 with our X25519 key. */
  blinded: boolean;
  /** Randomness for XEd25519 (unused when blinded). */
  random: RandomSource;
}

/** The signature of posted `data` (A.9 step 3). */
export function signRoomMessage(signer: RoomSigner, data: Uint8Array): Uint8Array {
  assertLength(signer.ed25519SecretKey, 64, 'Ed25519 secret key');
  if (signer.blinded) return blind15Sign(signer.ed25519SecretKey, signer.serverPubkey, data, 'seed');
  return xed25519Sign(ed25519SecretToX25519(signer.ed25519SecretKey), data, signer.random(64));
}

export interface RoomPost {
  /** Padded Content (base64 it into the `data` field). */
  data: Uint8Array;
  signature: Uint8Array;
}

/** Everything `POST /room/{t}/message` needs: padded Content with sigTimestamp, and its signature. */
export function buildRoomPost(signer: RoomSigner, content: ContentProps, sentAtMs: number): RoomPost {
  const data = encodeRoomContent(content, sentAtMs);
  return { data, signature: signRoomMessage(signer, data) };
}

/**
 * Whether `signature` over `data` was made by `senderId`: `15`/`25` ids verify as Ed25519 with the key after
 * the prefix, `05` ids as XEd25519 of the X25519 key. False for any other or malformed input.
 */
export function verifyRoomMessageSignature(senderId: string, data: Uint8Array, signature: Uint8Array): boolean {
  const id = parseSessionId(senderId, [SessionIdPrefix.Standard, SessionIdPrefix.Blinded15, SessionIdPrefix.Blinded25]);
  if (!id.ok) return false;
  return id.value.prefix === SessionIdPrefix.Standard ? xed25519Verify(signature, data, id.value.key) : ed25519Verify(signature, data, id.value.key);
}

/** The A.9 rule: a sigTimestamp (when set) within 6 h of the server's `posted` time. */
export function roomMessageTimeOk(postedMs: number, sigTimestampMs: number | undefined): boolean {
  if (sigTimestampMs === undefined || sigTimestampMs === 0) return true;
  return Math.abs(postedMs - sigTimestampMs) <= ROOM_MESSAGE_MAX_SKEW_MS;
}

export interface OpenedRoomMessage {
  content: Content;
  /** The unpadded Content bytes (kept so content this version cannot show is never lost). */
  contentBytes: Uint8Array;
  /** 0 when the sender did not set it. */
  sigTimestampMs: number;
}

/**
 * Opens a received room row: verifies the signature against the sender id, unpads tolerantly, decodes
 * Content and applies the 6-hour rule. Never throws: `signature_invalid`, `protobuf_*` or `timestamp_mismatch`.
 */
export function openRoomMessage(row: { senderId: string; data: Uint8Array; signature: Uint8Array; postedMs: number }): Result<OpenedRoomMessage> {
  return attempt(() => {
    if (!verifyRoomMessageSignature(row.senderId, row.data, row.signature)) {
      throw new ProtocolError('signature_invalid', 'A community message had an invalid signature.', 'room message signature does not verify');
    }
    const contentBytes = unpadMessage(row.data);
    const decoded = decodeContent(contentBytes);
    if (!decoded.ok) throw decoded.error;
    const sig = Number(decoded.value.sigTimestamp ?? 0);
    if (!roomMessageTimeOk(row.postedMs, sig)) {
      throw new ProtocolError('timestamp_mismatch', 'A community message had an implausible time.', 'sigTimestamp more than 6 h from posted');
    }
    return { content: decoded.value, contentBytes, sigTimestampMs: sig };
  });
}
