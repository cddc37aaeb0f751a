// The whole 1:1 pipeline (spec messaging §4, §5.2–5.4): Content -> pad -> sign+seal -> Envelope
// -> WebSocketMessage -> base64 for `store.data`, and the reverse with every receive-side check.
// Also sync copies (`syncTarget`) for our own swarm and note-to-self.
import { base64ToBytes, bytesToBase64 } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import type { RandomSource } from '../primitives/random';
import type { Identity } from '../identity/keys';
import { parseRecipientSessionId } from '../identity/sessionId';
import {
  SignalService,
  decodeContent,
  decodeEnvelope,
  decodeWebSocketMessage,
  encodeContent,
  encodeEnvelope,
  encodeWebSocketMessage,
  hasField,
  type Content,
  type ContentProps,
  type DataMessageProps,
} from '../proto/codec';
import { padMessage, unpadMessage } from './padding';
import { decryptFromSender, encryptForRecipient, type SenderKeyConversion } from './sessionProtocol';

/** What to store for one outgoing 1:1 message. */
export interface Outgoing1o1 {
  /** Serialized Content (before padding). */
  contentBytes: Uint8Array;
  envelope: Uint8Array;
  /** Serialized WebSocketMessage. */
  wrapper: Uint8Array;
  /** base64(wrapper): the `data` of the `store` request. */
  data: string;
}

function checkTimestamp(t: number): number {
  if (!Number.isSafeInteger(t) || t <= 0) throw new ProtocolError('invalid_argument', 'Message timestamp must be positive integer milliseconds.');
  return t;
}

/** Whether a Content is a sync message (its DataMessage has a non-empty `syncTarget`). */
export function isSyncContent(content: ContentProps): boolean {
  const target = content.dataMessage?.syncTarget;
  return typeof target === 'string' && target !== '';
}

/**
 * Encodes a Content for a `05` recipient at timestamp T (sets `sigTimestamp = T`; refuses a
 * different one). A plain (non-sync, non-unsend) message to ourselves is refused.
 */
export function encode1o1Message(a: {
  sender: Identity;
  recipient: string;
  content: ContentProps;
  timestampMs: number;
  random: RandomSource;
}): Outgoing1o1 {
  const recipient = parseRecipientSessionId(a.recipient);
  if (!recipient.ok) throw recipient.error;
  const t = checkTimestamp(a.timestampMs);
  if (a.content.sigTimestamp != null && a.content.sigTimestamp !== 0 && a.content.sigTimestamp !== t) {
    throw new ProtocolError('timestamp_mismatch', 'Could not build the message.', 'sigTimestamp differs from the envelope timestamp');
  }
  if (recipient.value.hex === a.sender.sessionId && !isSyncContent(a.content) && a.content.unsendRequest == null) {
    throw new ProtocolError('invalid_argument', 'Messages to yourself must be sync messages.', 'set dataMessage.syncTarget');
  }
  const contentBytes = encodeContent({ ...a.content, sigTimestamp: t });
  const ciphertext = encryptForRecipient(a.sender.ed25519, recipient.value.key, padMessage(contentBytes), a.random);
  const envelope = encodeEnvelope({
    type: SignalService.Envelope.Type.SESSION_MESSAGE,
    timestamp: t,
    sourceDevice: 1,
    content: ciphertext,
  });
  const wrapper = encodeWebSocketMessage({
    type: SignalService.WebSocketMessage.Type.REQUEST,
    request: { verb: '', path: '', body: envelope, requestId: 0 },
  });
  return { contentBytes, envelope, wrapper, data: bytesToBase64(wrapper) };
}

/** Whether desktop sends a sync copy of this Content to our own swarm (§4.10). */
export function needsSyncCopy(content: ContentProps): boolean {
  const dm = content.dataMessage;
  if (!dm) return false;
  return (
    (typeof dm.body === 'string' && dm.body !== '') ||
    (dm.attachments?.length ?? 0) > 0 ||
    ((dm.flags ?? 0) & SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE) !== 0 ||
    dm.communityInvitation != null ||
    dm.reaction != null
  );
}

/** The sync copy of a sent Content: same DataMessage plus `syncTarget = recipient`, without the profile. */
export function buildSyncContent(content: ContentProps, recipient: string): ContentProps {
  const r = parseRecipientSessionId(recipient);
  if (!r.ok) throw r.error;
  if (!content.dataMessage) throw new ProtocolError('invalid_argument', 'Only data messages have sync copies.');
  const dataMessage: DataMessageProps = { ...content.dataMessage, syncTarget: r.value.hex };
  delete dataMessage.profile;
  delete dataMessage.profileKey;
  return { ...content, dataMessage };
}

/** Encodes a note-to-self message: a sync message to our own ID with `syncTarget` = our ID. */
export function encodeNoteToSelf(a: { sender: Identity; content: ContentProps; timestampMs: number; random: RandomSource }): Outgoing1o1 {
  return encode1o1Message({
    sender: a.sender,
    recipient: a.sender.sessionId,
    content: buildSyncContent(a.content, a.sender.sessionId),
    timestampMs: a.timestampMs,
    random: a.random,
  });
}

/** A decoded, verified incoming 1:1 message. */
export interface Incoming1o1 {
  senderSessionId: string;
  senderEd25519: Uint8Array;
  /** Envelope timestamp T (the message's identity with the sender). */
  timestampMs: number;
  content: Content;
  /** Unpadded Content bytes. */
  contentBytes: Uint8Array;
  /** Set for sync messages (always from ourselves). */
  syncTarget?: string;
  /** The conversation: `syncTarget` for sync messages, else the sender. */
  conversationId: string;
}

const HEX66 = /^[0-9a-fA-F]{66}$/;

/**
 * Decodes one retrieved item (raw bytes or base64 `data`) for our identity: wrapper, envelope,
 * decryption, signature, sender, unpadding, Content, the sigTimestamp rule and sync rules. Never throws.
 * `senderKeyConversion` may replace the sender's Ed25519 -> X25519 conversion with an equivalent one (a cache).
 */
export function decode1o1Message(recipient: Identity, data: Uint8Array | string, senderKeyConversion?: SenderKeyConversion): Result<Incoming1o1> {
  return attempt(() => {
    const bytes = typeof data === 'string' ? base64ToBytes(data) : data;
    const ws = decodeWebSocketMessage(bytes);
    if (!ws.ok) throw new ProtocolError('wrapper_invalid', 'Received an unreadable message.', ws.error.detail);
    const body = ws.value.request?.body;
    if (!body || body.length === 0) throw new ProtocolError('wrapper_invalid', 'Received an unreadable message.', 'no request body');
    const env = decodeEnvelope(body);
    if (!env.ok) throw new ProtocolError('envelope_invalid', 'Received an unreadable message.', env.error.detail);
    const e = env.value;
    if (hasField(e, 'source') && e.source !== '' && !HEX66.test(e.source)) {
      throw new ProtocolError('envelope_invalid', 'Received an unreadable message.', 'bad envelope source');
    }
    if (hasField(e, 'proSig') && e.proSig.length !== 64) {
      throw new ProtocolError('envelope_invalid', 'Received an unreadable message.', 'proSig is not 64 bytes');
    }
    if (!hasField(e, 'content') || e.content.length === 0) {
      throw new ProtocolError('envelope_invalid', 'Received an unreadable message.', 'no content');
    }
    const dec = decryptFromSender(recipient.x25519, e.content, senderKeyConversion);
    if (!dec.ok) throw dec.error;
    const contentBytes = unpadMessage(dec.value.plaintext);
    if (contentBytes.length === 0) throw new ProtocolError('protobuf_invalid', 'Received an empty message.');
    const c = decodeContent(contentBytes);
    if (!c.ok) throw c.error;
    const content = c.value;
    if (e.timestamp !== 0 && content.sigTimestamp !== 0 && e.timestamp !== content.sigTimestamp) {
      throw new ProtocolError('timestamp_mismatch', 'Received a message with inconsistent timestamps.', 'sigTimestamp != envelope timestamp');
    }
    if (hasField(e, 'proSig') && content.proMessage != null && content.sigTimestamp === 0) {
      throw new ProtocolError('envelope_invalid', 'Received an unreadable message.', 'Pro message without sigTimestamp');
    }
    const sender = dec.value.senderSessionId;
    const out: Incoming1o1 = {
      senderSessionId: sender,
      senderEd25519: dec.value.senderEd25519,
      timestampMs: e.timestamp,
      content,
      contentBytes,
      conversationId: sender,
    };
    const syncTarget = content.dataMessage?.syncTarget ?? '';
    if (syncTarget !== '') {
      if (sender !== recipient.sessionId) {
        throw new ProtocolError('sync_invalid', 'Received a sync message from someone else.', 'syncTarget from a foreign sender');
      }
      const target = parseRecipientSessionId(syncTarget);
      if (!target.ok) throw new ProtocolError('sync_invalid', 'Received a sync message for an unsupported conversation.', target.error.message);
      out.syncTarget = target.value.hex;
      out.conversationId = target.value.hex;
    }
    return out;
  });
}
