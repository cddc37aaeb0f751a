// Storage-RPC request builders (spec network §2): sub-requests, batch/sequence wrappers and
// the JSON body. Time (`timestampMs`) is always a parameter (network-offset time).
import { bytesToBase64, bytesToHex, utf8ToBytes } from '../primitives/bytes';
import { ed25519Sign, type KeyPair } from '../primitives/curve';
import { ProtocolError } from '../primitives/errors';
import { isPublicInboxNamespace, isValidNamespace, retrieveNeedsAuth } from './namespaces';
import {
  deleteAllSignatureMessage,
  deleteSignatureMessage,
  expireSignatureMessage,
  getExpiriesSignatureMessage,
  retrieveSignatureMessage,
  revokeSubaccountSignatureMessage,
  storeSignatureMessage,
  type ExpireMode,
} from './signatures';

/** JSON-serialisable params. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** One storage-RPC call. */
export interface RpcRequest {
  method: string;
  params: { [k: string]: JsonValue };
}

/** Who signs account requests: the account pubkey (05/03 hex) and the Ed25519 key that signs for it. */
export interface RpcSigner {
  /** 66-hex account id the request is about. */
  pubkey: string;
  /** Signs for the account; for a `03` group account an admin's group key pair (spec advanced C.7). */
  ed25519: KeyPair;
  /**
   * A group member's subaccount (spec advanced C.7): signs each request's string instead of `ed25519`
   * and gives the token and the admin's signature of it (`subaccount`, `subaccount_sig`).
   */
  subaccount?: SubaccountSigner;
}

/** Signs a request string with a subaccount (ts/protocol/groups subaccountSign bound to our auth data). */
export type SubaccountSigner = (message: Uint8Array) => { token: Uint8Array; subaccountSig: Uint8Array; signature: Uint8Array };

/** Max sub-requests in a batch/sequence. */
export const MAX_SUBREQUESTS = 20;
/** Max decoded `data` size of one stored message. */
export const MAX_MESSAGE_DATA_BYTES = 76_800;
/** TTL bounds (ms). */
export const TTL_MIN_MS = 10_000;
export const TTL_MAX_PUBLIC_MS = 14 * 24 * 3600 * 1000;
export const TTL_MAX_PRIVATE_MS = 30 * 24 * 3600 * 1000;

function checkPubkey(pubkey: string): string {
  if (typeof pubkey !== 'string' || !/^[0-9a-fA-F]{66}$/.test(pubkey)) {
    throw new ProtocolError('invalid_argument', 'Account pubkey must be 66 hex characters.');
  }
  return pubkey.toLowerCase();
}

function checkNamespace(ns: number): number {
  if (!isValidNamespace(ns)) throw new ProtocolError('invalid_argument', 'Namespace must be a 16-bit integer.');
  return ns;
}

function checkTimestamp(t: number, what = 'timestamp'): number {
  if (!Number.isSafeInteger(t) || t < 1_000_000_000) {
    throw new ProtocolError('invalid_argument', `${what} must be integer milliseconds.`);
  }
  return t;
}

function checkHashes(hashes: readonly string[]): string[] {
  if (hashes.length === 0) throw new ProtocolError('invalid_argument', 'At least one message hash is needed.');
  for (const h of hashes) {
    if (typeof h !== 'string' || !/^[A-Za-z0-9+/]{43}$/.test(h)) {
      throw new ProtocolError('invalid_argument', 'Message hashes are 43 base64 characters.');
    }
  }
  return [...hashes];
}

/** The auth fields: `pubkey_ed25519` (05 accounts only) and a base64 signature of `message`. */
function auth(signer: RpcSigner, message: Uint8Array): { [k: string]: JsonValue } {
  const pubkey = checkPubkey(signer.pubkey);
  const fields: { [k: string]: JsonValue } = { pubkey };
  if (signer.subaccount) {
    const s = signer.subaccount(message);
    fields.subaccount = bytesToBase64(s.token);
    fields.subaccount_sig = bytesToBase64(s.subaccountSig);
    fields.signature = bytesToBase64(s.signature);
    return fields;
  }
  if (pubkey.startsWith('05')) fields.pubkey_ed25519 = bytesToHex(signer.ed25519.publicKey);
  fields.signature = bytesToBase64(ed25519Sign(signer.ed25519.secretKey, message));
  return fields;
}

/** Parameters of a `store`. */
export interface StoreArgs {
  /** Recipient account (66 hex). */
  pubkey: string;
  namespace: number;
  /** Raw message bytes (sent base64). */
  data: Uint8Array;
  ttlMs: number;
  timestampMs: number;
  /** Required for namespaces not divisible by 10; must own `pubkey`. */
  signer?: RpcSigner;
}

/** Builds a `store` (unsigned for public-inbox namespaces without a signer, signed otherwise). */
export function buildStoreRequest(a: StoreArgs): RpcRequest {
  const ns = checkNamespace(a.namespace);
  const ts = checkTimestamp(a.timestampMs);
  if (a.data.length > MAX_MESSAGE_DATA_BYTES) {
    throw new ProtocolError('invalid_argument', 'Message too large to store.');
  }
  const maxTtl = isPublicInboxNamespace(ns) ? TTL_MAX_PUBLIC_MS : TTL_MAX_PRIVATE_MS;
  if (!Number.isSafeInteger(a.ttlMs) || a.ttlMs < TTL_MIN_MS || a.ttlMs > maxTtl) {
    throw new ProtocolError('invalid_argument', 'Message TTL out of range.');
  }
  const pubkey = checkPubkey(a.pubkey);
  if (!a.signer && !isPublicInboxNamespace(ns)) {
    throw new ProtocolError('invalid_argument', `Storing to namespace ${ns} needs a signature.`);
  }
  const params: { [k: string]: JsonValue } = { pubkey, namespace: ns, timestamp: ts, ttl: a.ttlMs, data: bytesToBase64(a.data) };
  if (a.signer) {
    if (checkPubkey(a.signer.pubkey) !== pubkey) throw new ProtocolError('invalid_argument', 'Signer does not own the account.');
    Object.assign(params, auth(a.signer, storeSignatureMessage(ns, ts)));
  }
  return { method: 'store', params };
}

/** Parameters of a `retrieve`. */
export interface RetrieveArgs {
  signer: RpcSigner;
  namespace: number;
  timestampMs: number;
  /** Last hash seen from this node for this namespace ("" or undefined = from the start). */
  lastHash?: string;
  maxSize?: number;
  maxCount?: number;
}

/** Builds a signed `retrieve` (unsigned for the namespaces that need no auth). */
export function buildRetrieveRequest(a: RetrieveArgs): RpcRequest {
  const ns = checkNamespace(a.namespace);
  const ts = checkTimestamp(a.timestampMs);
  const params: { [k: string]: JsonValue } = { pubkey: checkPubkey(a.signer.pubkey), namespace: ns };
  if (retrieveNeedsAuth(ns)) {
    Object.assign(params, auth(a.signer, retrieveSignatureMessage(ns, ts)));
    params.timestamp = ts;
  }
  if (a.lastHash !== undefined && a.lastHash !== '') params.last_hash = checkHashes([a.lastHash])[0] as string;
  if (a.maxSize !== undefined) params.max_size = a.maxSize;
  if (a.maxCount !== undefined) params.max_count = a.maxCount;
  return { method: 'retrieve', params };
}

/** Builds a signed `delete` of the given hashes from the signer's swarm. */
export function buildDeleteRequest(a: { signer: RpcSigner; hashes: readonly string[]; required?: boolean }): RpcRequest {
  const hashes = checkHashes(a.hashes);
  const params: { [k: string]: JsonValue } = { ...auth(a.signer, deleteSignatureMessage(hashes)), messages: hashes };
  if (a.required !== undefined) params.required = a.required;
  return { method: 'delete', params };
}

/** Builds a signed `delete_all` for one namespace or "all". */
export function buildDeleteAllRequest(a: { signer: RpcSigner; namespace: number | 'all'; timestampMs: number }): RpcRequest {
  const ns = a.namespace === 'all' ? 'all' : checkNamespace(a.namespace);
  const ts = checkTimestamp(a.timestampMs);
  return { method: 'delete_all', params: { ...auth(a.signer, deleteAllSignatureMessage(ns, ts)), namespace: ns, timestamp: ts } };
}

/** Builds a signed `expire` (mode "" = set either way, "shorten" or "extend" only). */
export function buildExpireRequest(a: { signer: RpcSigner; hashes: readonly string[]; expiryMs: number; mode: ExpireMode }): RpcRequest {
  const hashes = checkHashes(a.hashes);
  const expiry = checkTimestamp(a.expiryMs, 'expiry');
  const params: { [k: string]: JsonValue } = {
    ...auth(a.signer, expireSignatureMessage(a.mode, expiry, hashes)),
    messages: hashes,
    expiry,
  };
  if (a.mode === 'shorten') params.shorten = true;
  if (a.mode === 'extend') params.extend = true;
  return { method: 'expire', params };
}

/** Builds a signed `get_expiries`. */
export function buildGetExpiriesRequest(a: { signer: RpcSigner; hashes: readonly string[]; timestampMs: number }): RpcRequest {
  const hashes = checkHashes(a.hashes);
  const ts = checkTimestamp(a.timestampMs);
  return {
    method: 'get_expiries',
    params: { ...auth(a.signer, getExpiriesSignatureMessage(ts, hashes)), messages: hashes, timestamp: ts },
  };
}

/** Most tokens one `revoke_subaccount` may carry (the storage server keeps at most 50 revoked). */
export const MAX_REVOKE_TOKENS = 50;

/**
 * Builds a signed `revoke_subaccount` / `unrevoke_subaccount` of group member tokens (spec advanced C.7):
 * `{pubkey: "03…", revoke|unrevoke: [hex token…], timestamp, signature}`, signed by a group admin over
 * `method || timestamp || token bytes…`.
 */
export function buildRevokeSubaccountRequest(a: {
  signer: RpcSigner;
  method: 'revoke_subaccount' | 'unrevoke_subaccount';
  tokens: readonly Uint8Array[];
  timestampMs: number;
}): RpcRequest {
  const ts = checkTimestamp(a.timestampMs);
  if (a.signer.subaccount) throw new ProtocolError('invalid_argument', 'Only a group admin can revoke member access.');
  if (a.tokens.length === 0 || a.tokens.length > MAX_REVOKE_TOKENS) throw new ProtocolError('invalid_argument', `A revoke carries 1 to ${MAX_REVOKE_TOKENS} tokens.`);
  for (const t of a.tokens) if (!(t instanceof Uint8Array) || t.length !== 36) throw new ProtocolError('invalid_argument', 'A subaccount token is 36 bytes.');
  const key = a.method === 'revoke_subaccount' ? 'revoke' : 'unrevoke';
  return {
    method: a.method,
    params: { ...auth(a.signer, revokeSubaccountSignatureMessage(a.method, ts, a.tokens)), [key]: a.tokens.map((t) => bytesToHex(t)), timestamp: ts },
  };
}

/** Builds `get_swarm` for an account (no auth). */
export function buildGetSwarmRequest(pubkey: string): RpcRequest {
  return { method: 'get_swarm', params: { pubkey: checkPubkey(pubkey) } };
}

/** Builds `info` (no params). */
export function buildInfoRequest(): RpcRequest {
  return { method: 'info', params: {} };
}

/** Builds `oxend_request` → `get_service_nodes` with the fields the client reads. */
export function buildGetServiceNodesRequest(): RpcRequest {
  return {
    method: 'oxend_request',
    params: {
      endpoint: 'get_service_nodes',
      params: { active_only: true, fields: { public_ip: true, storage_port: true, pubkey_x25519: true, pubkey_ed25519: true } },
    },
  };
}

/** Builds `oxend_request` → `ons_resolve` for a 32-byte name hash (type 0 = Session). */
export function buildOnsResolveRequest(nameHash: Uint8Array): RpcRequest {
  if (nameHash.length !== 32) throw new ProtocolError('invalid_argument', 'ONS name hash must be 32 bytes.');
  return { method: 'oxend_request', params: { endpoint: 'ons_resolve', params: { type: 0, name_hash: bytesToBase64(nameHash) } } };
}

/** Wraps 1–20 sub-requests in `batch` (parallel) or `sequence` (stops at first failure). */
export function buildBatchRequest(requests: readonly RpcRequest[], kind: 'batch' | 'sequence' = 'batch'): RpcRequest {
  if (requests.length < 1 || requests.length > MAX_SUBREQUESTS) {
    throw new ProtocolError('invalid_argument', `A batch holds 1 to ${MAX_SUBREQUESTS} requests.`);
  }
  for (const r of requests) {
    if (r.method === 'batch' || r.method === 'sequence' || r.method === 'ifelse') {
      throw new ProtocolError('invalid_argument', 'Batches cannot be nested.');
    }
  }
  return { method: kind, params: { requests: requests.map((r) => ({ method: r.method, params: r.params })) } };
}

/** The UTF-8 JSON body `{"jsonrpc":"2.0","method":…,"params":…}` sent to a service node. */
export function encodeRpcBody(request: RpcRequest): Uint8Array {
  return utf8ToBytes(JSON.stringify({ jsonrpc: '2.0', method: request.method, params: request.params }));
}
