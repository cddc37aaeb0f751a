// The boundary to ts/protocol's onion layer: builds encrypted onion payloads for a path and decodes
// the replies. Behind an interface so transport logic can be unit-tested without real crypto.
import {
  buildServerOnionRequest,
  buildSnodeOnionRequest,
  decodeSnodeOnionResponse,
  decodeV4Response,
  hexToBytes,
  type OnionNode,
  type V4Request,
  type V4Response,
} from '../protocol';
import type { ServerTarget } from './config';
import { NetworkError } from './errors';
import type { Snode } from './types';

export type { V4Request, V4Response };

/**
 * A reply that could not be read, with who can be blamed: `path` when it does not decrypt (any hop could
 * have cut or garbled it), `destination` when it decrypts but makes no sense (only the destination holds
 * the layer key, so the content is its own), `server` for the same from a non-snode server.
 */
export class OnionReplyError extends NetworkError {
  constructor(
    readonly blame: 'path' | 'destination' | 'server',
    detail: string,
  ) {
    super('bad-response', { detail });
    this.name = 'OnionReplyError';
  }
}

const UNDECRYPTABLE = /^(empty body|ciphertext decode error)/;

/** A destination service node's decrypted reply. */
export interface SnodeReply {
  status: number;
  body: unknown;
}

export interface BuiltOnion<Reply> {
  /** Bytes to POST to the guard's /onion_req/v2. */
  payload: Uint8Array;
  /** Decrypts the guard's HTTP 200 body; throws NetworkError('bad-response') when it cannot. */
  decode(httpBody: Uint8Array): Reply;
}

export interface OnionCodec {
  snodeRequest(path: readonly Snode[], destination: Snode, rpcBody: Uint8Array): BuiltOnion<SnodeReply>;
  serverRequest(path: readonly Snode[], server: ServerTarget, request: V4Request): BuiltOnion<V4Response>;
}

function onionNode(n: Snode): OnionNode {
  return { ed25519: n.ed25519, x25519: hexToBytes(n.x25519) };
}

/** The real codec (aes-gcm layers, as the reference client sends), drawing ephemeral keys from `randomBytes`. */
export function protocolOnionCodec(randomBytes: (n: number) => Uint8Array): OnionCodec {
  return {
    snodeRequest(path, destination, rpcBody) {
      const built = buildSnodeOnionRequest({ path: path.map(onionNode), destination: onionNode(destination), body: rpcBody, random: randomBytes });
      return {
        payload: built.payload,
        decode(httpBody) {
          // The reference client still takes a plain `{"result":…}` (a long-gone reply format): anyone on the path
          // could write one, so only replies encrypted with this request's key are read.
          if (new TextDecoder().decode(httpBody.subarray(0, 16)).trimStart().startsWith('{')) {
            throw new OnionReplyError('path', 'Ciphertext decode error: unencrypted reply refused');
          }
          const r = decodeSnodeOnionResponse(httpBody, built.key, built.encType);
          if (!r.ok) {
            const detail = r.error.detail ?? r.error.message;
            throw new OnionReplyError(UNDECRYPTABLE.test(detail) ? 'path' : 'destination', `Ciphertext decode error: ${detail}`);
          }
          return r.value;
        },
      };
    },
    serverRequest(path, server, request) {
      const url = new URL(server.url);
      const protocol = url.protocol === 'http:' ? 'http' : 'https';
      const built = buildServerOnionRequest({
        path: path.map(onionNode),
        server: {
          host: url.hostname,
          x25519: hexToBytes(server.x25519),
          protocol,
          ...(url.port ? { port: Number(url.port) } : {}),
        },
        request,
        random: randomBytes,
      });
      return {
        payload: built.payload,
        decode(httpBody) {
          const r = decodeV4Response(httpBody, built.key, built.encType);
          if (!r.ok) {
            const detail = r.error.detail ?? r.error.message;
            throw new OnionReplyError(UNDECRYPTABLE.test(detail) ? 'path' : 'server', `v4 decode error: ${detail}`);
          }
          return r.value;
        },
      };
    },
  };
}
