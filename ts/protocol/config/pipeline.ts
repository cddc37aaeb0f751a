// The byte pipeline around config messages (spec advanced B.6 push, B.7 receive): from a serialized
// config message to what is stored on the swarm, and from swarm data back to the config message, a
// multipart part to collect, or a typed refusal. Merging is not done here.
import { ProtocolError, attempt, type ProtocolErrorKind, type Result } from '../primitives/errors';
import type { Identity } from '../identity/keys';
import { configTypeForNamespace, type ConfigTypeInfo } from './configTypes';
import { CONFIG_ZSTD_LEVEL, MAX_CONFIG_PLAINTEXT, compressConfigMessage, decodeConfigPayload } from './compress';
import { CONFIG_ENCRYPT_OVERHEAD, decryptConfig, encryptConfig, padConfigMessage, stripConfigPadding } from './encrypt';
import { MAX_CONFIG_MESSAGE_SIZE, decodeMultipartPart, splitMultipart, type ConfigPart } from './multipart';
import { looksLikeConfigWrapper, unwrapConfig, wrapConfig } from './wrap';

/** What to store for one config push. */
export interface OutgoingConfig {
  seqno: number;
  /** One message, or the encrypted parts of a multipart config in index order (store them all). */
  messages: Uint8Array[];
  multipart: boolean;
  /** Whether the single message carries the legacy protobuf wrapper (user configs, when it fits). */
  wrapped: boolean;
  /** Whether the payload was zstd-compressed (`z`). */
  compressed: boolean;
}

function typeOf(namespace: number): ConfigTypeInfo {
  const t = configTypeForNamespace(namespace);
  if (t === null) throw new ProtocolError('invalid_argument', 'This namespace holds no config.', `namespace ${namespace}`);
  return t;
}

/**
 * B.6: compress with zstd when shorter (`z`), pad with leading zeros, encrypt, wrap (user configs), and
 * split into parts only when the padded config plus encryption exceeds one swarm message.
 * `key` defaults to the user's Ed25519 seed (user configs); group configs pass their encryption key.
 * `compressionLevel: null` turns compression off. Throws ProtocolError for invalid arguments and
 * `config_too_large` for a config beyond 255 parts.
 */
export function encodeOutgoingConfig(a: {
  namespace: number;
  plaintext: Uint8Array;
  seqno: number;
  identity: Identity;
  key?: Uint8Array;
  compressionLevel?: number | null;
}): OutgoingConfig {
  const type = typeOf(a.namespace);
  if (!(a.plaintext instanceof Uint8Array) || a.plaintext[0] !== 0x64) {
    throw new ProtocolError('invalid_argument', 'A config message is a bt dict.', 'plaintext must start with "d"');
  }
  if (!Number.isSafeInteger(a.seqno) || a.seqno < 0) throw new ProtocolError('invalid_argument', 'A config seqno is a non-negative integer.');
  const key = a.key ?? a.identity.ed25519Seed;
  const level = a.compressionLevel === undefined ? CONFIG_ZSTD_LEVEL : a.compressionLevel;
  const payload = level === null ? a.plaintext : compressConfigMessage(a.plaintext, level);
  const compressed = payload !== a.plaintext;
  const padded = padConfigMessage(payload);

  if (padded.length + CONFIG_ENCRYPT_OVERHEAD > MAX_CONFIG_MESSAGE_SIZE) {
    const messages = splitMultipart(padded).map((part) => encryptConfig(key, type.domain, part));
    return { seqno: a.seqno, messages, multipart: true, wrapped: false, compressed };
  }
  const encrypted = encryptConfig(key, type.domain, padded);
  if (type.legacyKind !== null) {
    const wrapped = wrapConfig(a.identity, encrypted, a.seqno, type.namespace);
    // Like newer libsession: a wrapper that would not fit is left off (clients that need it predate large configs).
    if (wrapped.length <= MAX_CONFIG_MESSAGE_SIZE) return { seqno: a.seqno, messages: [wrapped], multipart: false, wrapped: true, compressed };
  }
  return { seqno: a.seqno, messages: [encrypted], multipart: false, wrapped: false, compressed };
}

/** What one piece of swarm data turned out to be. */
export type IncomingConfig =
  | {
      kind: 'message';
      /** The serialized config message (`d…`), ready for parsing and merging. */
      plaintext: Uint8Array;
      /** How many legacy wrappers were removed (0, 1, or 2 for old double-wrapped pushes). */
      unwrapped: number;
      /** Index in `keys` of the key that decrypted it. */
      keyIndex: number;
      compressed: boolean;
    }
  | {
      kind: 'part';
      /** A multipart part: feed it to the type's MultipartCollector with its swarm hash. */
      part: ConfigPart;
      unwrapped: number;
      keyIndex: number;
    };

/** Every reason config data can be refused for (the `error.kind` of a failed Result here or in MultipartCollector). */
export type ConfigRejectReason = Extract<ProtocolErrorKind, `config_${string}`>;

/**
 * B.7 for one `(namespace, data)` of our swarm. Never throws. User configs: data that unwraps as the
 * legacy wrapper is unwrapped (twice if double-wrapped), anything else is used as-is, as libsession
 * does. Then each key is tried, leading zeros are stripped, and the payload must be a part (`m`), a
 * zstd frame (`z`, bounded by `maxPlaintextBytes`) or a bt dict (`d`).
 *
 * Refusal reasons name the step that failed. An inner ciphertext that does not authenticate is
 * `config_decrypt_failed` (corruption and a foreign key look the same to an AEAD) unless it came in a
 * valid wrapper: our own signature on the wrapper rules out corruption, so that is `config_wrong_key`.
 * Data that begins like a wrapper but fails both ways reports why the wrapper failed.
 */
export function decodeIncomingConfig(a: {
  namespace: number;
  data: Uint8Array;
  keys: readonly Uint8Array[];
  identity: Identity;
  maxPlaintextBytes?: number;
}): Result<IncomingConfig> {
  return attempt(() => {
    const type = typeOf(a.namespace);
    const data = a.data;
    if (!(data instanceof Uint8Array) || data.length === 0) throw new ProtocolError('config_too_short', 'A config message was empty.');
    if (data.length > MAX_CONFIG_MESSAGE_SIZE) {
      throw new ProtocolError('config_too_large', 'A config message was larger than the swarm allows.', `${data.length} bytes`);
    }
    if (a.keys.length === 0) throw new ProtocolError('invalid_argument', 'No config key to decrypt with.');

    let candidate = data;
    let unwrapped = 0;
    let wrapperError: ProtocolError | null = null;
    if (type.legacyKind !== null) {
      const first = unwrapConfig(a.identity, data, type.namespace);
      if (first.ok) {
        candidate = first.value.data;
        unwrapped = 1;
        const second = unwrapConfig(a.identity, candidate, type.namespace);
        if (second.ok) {
          candidate = second.value.data;
          unwrapped = 2;
        }
      } else {
        wrapperError = first.error;
      }
    }

    let padded: Uint8Array | null = null;
    let keyIndex = -1;
    let lastError: ProtocolError | null = null;
    for (let i = 0; i < a.keys.length && padded === null; i++) {
      const r = decryptConfig(a.keys[i] as Uint8Array, type.domain, candidate);
      if (r.ok) {
        padded = r.value;
        keyIndex = i;
      } else {
        lastError = r.error;
      }
    }
    if (padded === null) {
      if (wrapperError !== null && looksLikeConfigWrapper(data)) throw wrapperError;
      if (unwrapped > 0 && lastError?.kind === 'config_decrypt_failed') {
        throw new ProtocolError('config_wrong_key', 'A config message was encrypted with another key.', 'valid wrapper, inner data does not decrypt');
      }
      throw lastError ?? new ProtocolError('config_decrypt_failed', 'A config message could not be decrypted.');
    }

    const payload = stripConfigPadding(padded);
    if (payload.length === 0) throw new ProtocolError('config_empty', 'A config message was empty.');
    if (payload[0] === 0x6d) {
      const part = decodeMultipartPart(payload);
      if (!part.ok) throw part.error;
      return { kind: 'part', part: part.value, unwrapped, keyIndex } satisfies IncomingConfig;
    }
    const plain = decodeConfigPayload(payload, a.maxPlaintextBytes ?? MAX_CONFIG_PLAINTEXT);
    if (!plain.ok) throw plain.error;
    return { kind: 'message', plaintext: plain.value, unwrapped, keyIndex, compressed: payload[0] === 0x7a } satisfies IncomingConfig;
  });
}
