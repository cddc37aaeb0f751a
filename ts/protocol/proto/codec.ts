// Protobuf encode/decode helpers over the generated SignalService code: encoding refuses a
// message missing a proto2 required field (receivers would drop it), decoding returns a Result
// and keeps unknown fields aside (preserved, never interpreted).
import { Reader } from 'protobufjs/minimal';
import { signalservice } from '../generated/signalservice';
import { ProtocolError, attempt, type Result } from '../primitives/errors';

export { signalservice as SignalService };

export type ContentProps = signalservice.Content.$Properties;
export type DataMessageProps = signalservice.DataMessage.$Properties;
export type EnvelopeProps = signalservice.Envelope.$Properties;
export type WebSocketMessageProps = signalservice.WebSocketMessage.$Properties;
export type Content = signalservice.Content;
export type Envelope = signalservice.Envelope;
export type WebSocketMessage = signalservice.WebSocketMessage;

/** The static API every generated message type has. */
export interface ProtoType<T, P> {
  encode(message: P): { finish(): Uint8Array };
  decode(data: Uint8Array | Reader): T;
  verify(message: { [k: string]: unknown }): string | null;
}

/** Encodes after verifying required fields and types; throws ProtocolError otherwise. */
export function encodeProto<T, P extends object>(type: ProtoType<T, P>, props: P, what: string): Uint8Array {
  const problem = type.verify(props as { [k: string]: unknown });
  if (problem !== null) {
    const kind = /required|expected/.test(problem) && /missing|expected/.test(problem) ? 'protobuf_missing_required' : 'protobuf_invalid';
    throw new ProtocolError(kind, `Could not build the ${what} message.`, problem);
  }
  return type.encode(props).finish();
}

/** Decodes protobuf bytes; a missing required field anywhere or malformed bytes give a typed error. */
export function decodeProto<T>(type: ProtoType<T, never>, data: Uint8Array, what: string): Result<T> {
  return attempt(() => {
    if (!(data instanceof Uint8Array)) throw new ProtocolError('protobuf_invalid', `Invalid ${what} data.`);
    try {
      // Unknown fields are kept aside (non-enumerable `$unknowns`): protobufjs drops them by default, and the
      // receive pipeline must see that a message carries a part this version does not know.
      const reader = Reader.create(data);
      reader.discardUnknown = false;
      return type.decode(reader);
    } catch (e) {
      // protobufjs throws plain Error/RangeError from its reader: this is the parser boundary.
      const msg = e instanceof Error ? e.message : String(e);
      const kind = msg.includes('missing required') ? 'protobuf_missing_required' : 'protobuf_invalid';
      throw new ProtocolError(kind, `Could not read the ${what} message.`, msg);
    }
  });
}

/** True if an optional field was present on the wire (or explicitly set). */
export function hasField(message: object, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}

/** Encodes a Content. */
export function encodeContent(props: ContentProps): Uint8Array {
  return encodeProto(signalservice.Content, props, 'message content');
}

/** Decodes a Content. */
export function decodeContent(data: Uint8Array): Result<Content> {
  return decodeProto(signalservice.Content, data, 'message content');
}

/** Encodes an Envelope. */
export function encodeEnvelope(props: EnvelopeProps): Uint8Array {
  return encodeProto(signalservice.Envelope, props, 'envelope');
}

/** Decodes an Envelope (type and timestamp required). */
export function decodeEnvelope(data: Uint8Array): Result<Envelope> {
  return decodeProto(signalservice.Envelope, data, 'envelope');
}

/** Encodes a WebSocketMessage. */
export function encodeWebSocketMessage(props: WebSocketMessageProps): Uint8Array {
  return encodeProto(signalservice.WebSocketMessage, props, 'wrapper');
}

/** Decodes a WebSocketMessage. */
export function decodeWebSocketMessage(data: Uint8Array): Result<WebSocketMessage> {
  return decodeProto(signalservice.WebSocketMessage, data, 'wrapper');
}
