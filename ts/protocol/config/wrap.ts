// The legacy protobuf wrapper of the four user configs (spec advanced B.9): the encrypted config goes
// into Content.sharedConfigMessage, which is sealed to ourselves with the deterministic 1:1 encryption,
// put into an Envelope and a WebSocketMessage. Official clients still emit it, so we emit it too
// (identical bytes let the swarm de-duplicate identical merges) and accept it on receive.
import { concatBytes, equalBytes } from '../primitives/bytes';
import { ProtocolError, attempt, type Result } from '../primitives/errors';
import type { Identity } from '../identity/keys';
import { SignalService, decodeContent, decodeEnvelope, decodeWebSocketMessage, encodeContent, encodeEnvelope, encodeWebSocketMessage } from '../proto/codec';
import { decryptFromSender, encryptForRecipientDeterministic } from '../message/sessionProtocol';
import { configTypeForNamespace } from './configTypes';

/** Envelope timestamp of every wrapper: fixed so the bytes are deterministic (old clients need it > 0). */
const WRAPPER_TIMESTAMP = 1;

function legacyKindFor(namespace: number): SignalService.SharedConfigMessage.Kind {
  const t = configTypeForNamespace(namespace);
  if (t === null || t.legacyKind === null) {
    throw new ProtocolError('invalid_argument', 'This config type has no legacy wrapper.', `namespace ${namespace}`);
  }
  return t.legacyKind;
}

/** Wraps an encrypted user config (B.9 wrap_config): the bytes official clients store. */
export function wrapConfig(identity: Identity, encrypted: Uint8Array, seqno: number, namespace: number): Uint8Array {
  const kind = legacyKindFor(namespace);
  if (!Number.isSafeInteger(seqno) || seqno < 0) throw new ProtocolError('invalid_argument', 'A config seqno is a non-negative integer.');
  if (!(encrypted instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'Encrypted config data must be bytes.');
  const content = encodeContent({ sharedConfigMessage: { kind, seqno, data: encrypted } });
  // A single 0x80 and no zeros: the inner data is already padded (libsession's choice, kept for identical bytes).
  const sealed = encryptForRecipientDeterministic(identity.ed25519, identity.x25519.publicKey, concatBytes(content, new Uint8Array([0x80])));
  const envelope = encodeEnvelope({ type: SignalService.Envelope.Type.SESSION_MESSAGE, timestamp: WRAPPER_TIMESTAMP, content: sealed });
  return encodeWebSocketMessage({
    type: SignalService.WebSocketMessage.Type.REQUEST,
    request: { verb: '', path: '', body: envelope, requestId: 0 },
  });
}

/** An unwrapped user config. */
export interface UnwrappedConfig {
  /** The encrypted config inside (B.8 format). */
  data: Uint8Array;
  /** The seqno the wrapper claims (informational: the config message's own seqno is authoritative). */
  seqno: number;
}

/** True when bytes begin like a wrapper: WebSocketMessage field 1 = REQUEST, then field 2 (request). */
export function looksLikeConfigWrapper(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x08 && data[1] === 0x01 && data[2] === 0x12;
}

function protobufFailure(error: ProtocolError, what: string): ProtocolError {
  // protobufjs reports a length that runs past the end as "index out of range": the data was cut short.
  if ((error.detail ?? '').includes('index out of range')) {
    return new ProtocolError('config_truncated', 'A config message was cut short.', `${what}: ${error.detail ?? ''}`);
  }
  return new ProtocolError('config_wrapper_invalid', 'A config message had an invalid wrapper.', `${what}: ${error.detail ?? error.message}`);
}

/**
 * Undoes wrapConfig (B.9 unwrap_config) for `namespace`. Never throws. Refuses a wrapper that is not
 * sealed to us (`config_wrapper_undecryptable`), not signed by our own Ed25519 key
 * (`config_wrapper_wrong_sender`), without its 0x80 padding, or of another config kind
 * (`config_wrapper_wrong_kind`).
 */
export function unwrapConfig(identity: Identity, data: Uint8Array, namespace: number): Result<UnwrappedConfig> {
  return attempt(() => {
    const kind = legacyKindFor(namespace);
    if (!(data instanceof Uint8Array)) throw new ProtocolError('config_wrapper_invalid', 'A config message had an invalid wrapper.', 'not bytes');
    const ws = decodeWebSocketMessage(data);
    if (!ws.ok) throw protobufFailure(ws.error, 'WebSocketMessage');
    const body = ws.value.request?.body;
    if (ws.value.type !== SignalService.WebSocketMessage.Type.REQUEST || !(body instanceof Uint8Array)) {
      throw new ProtocolError('config_wrapper_invalid', 'A config message had an invalid wrapper.', 'not a request with a body');
    }
    const env = decodeEnvelope(body);
    if (!env.ok) throw protobufFailure(env.error, 'Envelope');
    const sealed = env.value.content;
    if (!(sealed instanceof Uint8Array) || sealed.length === 0) {
      throw new ProtocolError('config_wrapper_invalid', 'A config message had an invalid wrapper.', 'envelope without content');
    }
    const opened = decryptFromSender(identity.x25519, sealed);
    if (!opened.ok) {
      throw new ProtocolError('config_wrapper_undecryptable', 'A config message wrapper could not be opened.', opened.error.detail ?? opened.error.kind);
    }
    if (!equalBytes(opened.value.senderEd25519, identity.ed25519.publicKey)) {
      throw new ProtocolError('config_wrapper_wrong_sender', 'A config message was not from this account.', 'wrapper signed by another key');
    }
    const padded = opened.value.plaintext;
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0x00) end--;
    if (end < 0 || padded[end] !== 0x80) {
      throw new ProtocolError('config_wrapper_bad_padding', 'A config message wrapper had invalid padding.');
    }
    const content = decodeContent(padded.subarray(0, end));
    if (!content.ok) throw protobufFailure(content.error, 'Content');
    const shared = content.value.sharedConfigMessage;
    if (shared === null || shared === undefined) {
      throw new ProtocolError('config_wrapper_invalid', 'A config message had an invalid wrapper.', 'Content without sharedConfigMessage');
    }
    if (shared.kind !== kind) {
      throw new ProtocolError('config_wrapper_wrong_kind', 'A config message was of another kind than its namespace.', `kind ${shared.kind} in namespace ${namespace}`);
    }
    return { data: shared.data, seqno: Number(shared.seqno) };
  });
}
