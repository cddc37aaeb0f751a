// Storage RPC: signature strings as byte literals from spec network §2.3, builders, message
// hash and swarm vectors (§4.1, §5.2), and response parsers with member-signature checks.
import {
  loadProtocol,
  base64ToBytes,
  buildBatchRequest,
  buildDeleteAllRequest,
  buildDeleteRequest,
  buildExpireRequest,
  buildGetExpiriesRequest,
  buildGetServiceNodesRequest,
  buildGetSwarmRequest,
  buildInfoRequest,
  buildOnsResolveRequest,
  buildRetrieveRequest,
  buildStoreRequest,
  bytesToBase64,
  bytesToUtf8,
  deleteAllSignatureMessage,
  deleteBeforeSignatureMessage,
  deleteSignatureMessage,
  ed25519KeyPairFromSeed,
  ed25519Sign,
  ed25519Verify,
  encodeRpcBody,
  expireAllSignatureMessage,
  expireSignatureMessage,
  extractNodeTime,
  getExpiriesSignatureMessage,
  identityFromRecoverySeed,
  messageHash,
  nearestSwarm,
  Namespace,
  parseBatchResponse,
  parseDeleteAllResponse,
  parseDeleteResponse,
  parseExpireResponse,
  parseGetExpiriesResponse,
  parseGetServiceNodesResponse,
  parseGetSwarmResponse,
  parseOnsResolveResponse,
  parseRetrieveResponse,
  parseStoreResponse,
  retrieveSignatureMessage,
  revokeSubaccountSignatureMessage,
  buildRevokeSubaccountRequest,
  groupKeysFromSeed,
  storeSignatureMessage,
  swarmSpacePosition,
  utf8ToBytes,
  type RpcSigner,
} from '../../../ts/protocol';
import { hex, loadJson, toHex } from './helpers';

const nv = loadJson<Record<string, Record<string, unknown>>>('protocol/network-spec-vectors.json');

beforeAll(loadProtocol);

/** ASCII byte literal helper: the expected bytes are written out as a string from the spec formula. */
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const H1 = 'iCs3aAbPotVlBLCGQu2fn426dT9KM3oUfdrNDhOo+L4';
const H2 = 'o6MnqDP8vsAud9p1eyXjssrEyO7G2wiLSZULJ++TpYw';

describe('signature byte strings (spec §2.3)', () => {
  test('retrieve: worked example', () => {
    for (const c of (nv.retrieve_signature?.cases ?? []) as { namespace: number; timestamp: number; message_ascii: string }[]) {
      expect([...retrieveSignatureMessage(c.namespace, c.timestamp)]).toEqual(ascii(c.message_ascii));
    }
    expect(retrieveSignatureMessage(0, 1700000000000).length).toBe(21);
  });
  test('store', () => {
    expect([...storeSignatureMessage(0, 1700000000000)]).toEqual(ascii('store1700000000000'));
    expect([...storeSignatureMessage(3, 1700000000000)]).toEqual(ascii('store31700000000000'));
    expect([...storeSignatureMessage(-11, 1700000000000)]).toEqual(ascii('store-111700000000000'));
  });
  test('delete (no timestamp)', () => {
    expect([...deleteSignatureMessage([H1, H2])]).toEqual(ascii(`delete${H1}${H2}`));
  });
  test('delete_all', () => {
    expect([...deleteAllSignatureMessage('all', 1700000000000)]).toEqual(ascii('delete_allall1700000000000'));
    expect([...deleteAllSignatureMessage(0, 1700000000000)]).toEqual(ascii('delete_all1700000000000'));
    expect([...deleteAllSignatureMessage(2, 1700000000000)]).toEqual(ascii('delete_all21700000000000'));
  });
  test('delete_before and expire_all', () => {
    expect([...deleteBeforeSignatureMessage(0, 1700000000000)]).toEqual(ascii('delete_before1700000000000'));
    expect([...expireAllSignatureMessage('all', 1700000000000)]).toEqual(ascii('expire_allall1700000000000'));
  });
  test('expire', () => {
    expect([...expireSignatureMessage('shorten', 1700000000000, [H1])]).toEqual(ascii(`expireshorten1700000000000${H1}`));
    expect([...expireSignatureMessage('extend', 1700000000000, [H1, H2])]).toEqual(ascii(`expireextend1700000000000${H1}${H2}`));
    expect([...expireSignatureMessage('', 1700000000000, [H1])]).toEqual(ascii(`expire1700000000000${H1}`));
    expect([...expireSignatureMessage('', [1700000000000, 1700000000001], [H1, H2])]).toEqual(
      ascii(`expire17000000000001700000000001${H1}${H2}`),
    );
  });
  test('get_expiries', () => {
    expect([...getExpiriesSignatureMessage(1700000000000, [H1, H2])]).toEqual(ascii(`get_expiries1700000000000${H1}${H2}`));
  });
  test('revoke_subaccount (binary tokens)', () => {
    const token = new Uint8Array(36).fill(0xab);
    expect([...revokeSubaccountSignatureMessage('revoke_subaccount', 1700000000000, [token])]).toEqual([
      ...ascii('revoke_subaccount1700000000000'),
      ...token,
    ]);
  });
  test('revoke_subaccount / unrevoke_subaccount requests of a group admin (spec advanced C.7)', () => {
    const admin = groupKeysFromSeed(new Uint8Array(32).fill(0x42));
    const signer: RpcSigner = { pubkey: admin.groupId, ed25519: { publicKey: admin.ed25519PublicKey, secretKey: admin.ed25519SecretKey } };
    const t1 = new Uint8Array(36).fill(0xab);
    const t2 = new Uint8Array(36).fill(0x01);
    const r = buildRevokeSubaccountRequest({ signer, method: 'unrevoke_subaccount', tokens: [t1, t2], timestampMs: 1700000000000 });
    expect(r.method).toBe('unrevoke_subaccount');
    expect(Object.keys(r.params).sort()).toEqual(['pubkey', 'signature', 'timestamp', 'unrevoke']);
    expect(r.params.pubkey).toBe(admin.groupId);
    expect(r.params.unrevoke).toEqual(['ab'.repeat(36), '01'.repeat(36)]);
    expect(r.params.timestamp).toBe(1700000000000);
    const signed = new Uint8Array([...ascii('unrevoke_subaccount1700000000000'), ...t1, ...t2]);
    expect(ed25519Verify(new Uint8Array(Buffer.from(r.params.signature as string, 'base64')), signed, admin.ed25519PublicKey)).toBe(true);
    // A member's subaccount cannot revoke; bad tokens and counts are refused.
    expect(() => buildRevokeSubaccountRequest({ signer: { ...signer, subaccount: () => ({ token: t1, subaccountSig: new Uint8Array(64), signature: new Uint8Array(64) }) }, method: 'revoke_subaccount', tokens: [t1], timestampMs: 1700000000000 })).toThrow(/admin/);
    expect(() => buildRevokeSubaccountRequest({ signer, method: 'revoke_subaccount', tokens: [new Uint8Array(35)], timestampMs: 1700000000000 })).toThrow(/36 bytes/);
    expect(() => buildRevokeSubaccountRequest({ signer, method: 'revoke_subaccount', tokens: [], timestampMs: 1700000000000 })).toThrow(/1 to 50/);
  });
});

describe('message hash (spec §4.1)', () => {
  const mh = nv.message_hash as { pubkey_hex: string; data_ascii: string; cases: { namespace: number; hash: string }[] };
  test.each(mh.cases.map((c) => [c.namespace, c.hash]))('namespace %d', (ns, h) => {
    expect(messageHash(mh.pubkey_hex, ns as number, utf8ToBytes(mh.data_ascii))).toBe(h);
  });
});

describe('swarm space (spec §5.2)', () => {
  const sp = nv.swarm_position as { pubkey_hex: string; position_decimal: string; position_hex: string };
  test('position', () => {
    const x = swarmSpacePosition(sp.pubkey_hex);
    expect(x).toBe(BigInt(sp.position_decimal));
    expect(x.toString(16)).toBe(sp.position_hex);
  });
  test('nearest swarm: right, left, ties to left, wrap-around, single', () => {
    expect(nearestSwarm([100n, 200n], 160n)).toBe(200n);
    expect(nearestSwarm([100n, 200n], 140n)).toBe(100n);
    expect(nearestSwarm([100n, 200n], 150n)).toBe(100n);
    expect(nearestSwarm([100n, 2n ** 64n - 100n], 2n ** 64n - 10n)).toBe(2n ** 64n - 100n);
    expect(nearestSwarm([100n, 2n ** 64n - 100n], 5n)).toBe(100n);
    expect(nearestSwarm([10n, 2n ** 64n - 10n], 2n ** 64n - 1n)).toBe(2n ** 64n - 10n);
    expect(nearestSwarm([10n, 2n ** 63n], 2n ** 64n - 1n)).toBe(10n);
    expect(nearestSwarm([42n], 7n)).toBe(42n);
    expect(nearestSwarm([], 7n)).toBeUndefined();
  });
});

describe('request builders', () => {
  let id: ReturnType<typeof identityFromRecoverySeed>;
  let signer: RpcSigner;
  beforeAll(() => {
    id = identityFromRecoverySeed(hex('0123456789abcdef0123456789abcdef'));
    signer = { pubkey: id.sessionId, ed25519: id.ed25519 };
  });
  const T = 1700000000000;
  const sigOk = (params: Record<string, unknown>, message: string): boolean =>
    ed25519Verify(base64ToBytes(params.signature as string), utf8ToBytes(message), id.ed25519.publicKey);

  test('store to namespace 0 is unsigned', () => {
    const r = buildStoreRequest({ pubkey: id.sessionId, namespace: 0, data: utf8ToBytes('hi'), ttlMs: 86400000, timestampMs: T });
    expect(r).toEqual({ method: 'store', params: { pubkey: id.sessionId, namespace: 0, timestamp: T, ttl: 86400000, data: 'aGk=' } });
  });
  test('store to a config namespace is signed', () => {
    const r = buildStoreRequest({ pubkey: id.sessionId, namespace: 2, data: utf8ToBytes('x'), ttlMs: 86400000, timestampMs: T, signer });
    expect(r.params.pubkey_ed25519).toBe(toHex(id.ed25519.publicKey));
    expect(sigOk(r.params, `store2${T}`)).toBe(true);
    expect(() => buildStoreRequest({ pubkey: id.sessionId, namespace: 2, data: new Uint8Array(1), ttlMs: 86400000, timestampMs: T })).toThrow();
    expect(() => buildStoreRequest({ pubkey: id.sessionId, namespace: 0, data: new Uint8Array(1), ttlMs: 5000, timestampMs: T })).toThrow();
    expect(() => buildStoreRequest({ pubkey: id.sessionId, namespace: 0, data: new Uint8Array(76801), ttlMs: 86400000, timestampMs: T })).toThrow();
  });
  test('retrieve', () => {
    const r = buildRetrieveRequest({ signer, namespace: Namespace.Default, timestampMs: T, lastHash: H1, maxSize: -2 });
    expect(r.params).toMatchObject({ pubkey: id.sessionId, namespace: 0, timestamp: T, last_hash: H1, max_size: -2 });
    expect(sigOk(r.params, `retrieve${T}`)).toBe(true);
    expect(sigOk(buildRetrieveRequest({ signer, namespace: 5, timestampMs: T }).params, `retrieve5${T}`)).toBe(true);
  });
  test('delete, delete_all, expire, get_expiries', () => {
    const d = buildDeleteRequest({ signer, hashes: [H1, H2] });
    expect(d.params.messages).toEqual([H1, H2]);
    expect(sigOk(d.params, `delete${H1}${H2}`)).toBe(true);
    const da = buildDeleteAllRequest({ signer, namespace: 'all', timestampMs: T });
    expect(da.params).toMatchObject({ namespace: 'all', timestamp: T });
    expect(sigOk(da.params, `delete_allall${T}`)).toBe(true);
    const e = buildExpireRequest({ signer, hashes: [H1], expiryMs: T + 1000, mode: 'shorten' });
    expect(e.params).toMatchObject({ shorten: true, expiry: T + 1000, messages: [H1] });
    expect(sigOk(e.params, `expireshorten${T + 1000}${H1}`)).toBe(true);
    const ex = buildExpireRequest({ signer, hashes: [H1], expiryMs: T, mode: 'extend' });
    expect(ex.params.extend).toBe(true);
    const ge = buildGetExpiriesRequest({ signer, hashes: [H1], timestampMs: T });
    expect(sigOk(ge.params, `get_expiries${T}${H1}`)).toBe(true);
  });
  test('group (03) signer sends no pubkey_ed25519', () => {
    const g = ed25519KeyPairFromSeed(new Uint8Array(32).fill(3));
    const r = buildDeleteRequest({ signer: { pubkey: `03${toHex(g.publicKey)}`, ed25519: g }, hashes: [H1] });
    expect(r.params.pubkey_ed25519).toBeUndefined();
  });
  test('batch, sequence and body', () => {
    const b = buildBatchRequest([buildGetSwarmRequest(id.sessionId), buildInfoRequest()], 'sequence');
    expect(b.method).toBe('sequence');
    expect(JSON.parse(bytesToUtf8(encodeRpcBody(b)))).toEqual({
      jsonrpc: '2.0',
      method: 'sequence',
      params: { requests: [{ method: 'get_swarm', params: { pubkey: id.sessionId } }, { method: 'info', params: {} }] },
    });
    expect(() => buildBatchRequest([])).toThrow();
    expect(() => buildBatchRequest(Array.from({ length: 21 }, buildInfoRequest))).toThrow();
    expect(() => buildBatchRequest([b])).toThrow();
  });
  test('oxend requests', () => {
    expect(buildGetServiceNodesRequest().params.endpoint).toBe('get_service_nodes');
    const ons = buildOnsResolveRequest(new Uint8Array(32));
    expect(ons.params).toEqual({ endpoint: 'ons_resolve', params: { type: 0, name_hash: bytesToBase64(new Uint8Array(32)) } });
  });
});

describe('response parsers', () => {
  const T = 1700000000000;
  test('batch', () => {
    const r = parseBatchResponse('{"results":[{"code":200,"body":{"t":1700000000123}}]}');
    expect(r.ok && r.value).toEqual([{ code: 200, body: { t: 1700000000123 } }]);
    expect(r.ok && extractNodeTime(r.value[0]?.body)).toBe(1700000000123);
    expect(parseBatchResponse({ results: [] }).ok).toBe(false);
    expect(parseBatchResponse('nope').ok).toBe(false);
  });
  test('store and retrieve', () => {
    expect(parseStoreResponse({ hash: H1, t: T, swarm: {} })).toEqual({ ok: true, value: { hash: H1, t: T } });
    const r = parseRetrieveResponse({ messages: [{ hash: H1, timestamp: T, expiration: T + 1, data: 'aGk=' }], more: true, t: T });
    expect(r.ok && r.value.more).toBe(true);
    expect(r.ok && bytesToUtf8(r.value.messages[0]?.data ?? new Uint8Array())).toBe('hi');
    expect(parseRetrieveResponse({ messages: [{ hash: H1, timestamp: T, expiry: T, data: 'aGk=' }] }).ok).toBe(false);
  });
  test('get_swarm drops 0.0.0.0; get_service_nodes', () => {
    const member = (ip: string) => ({ ip, port: '22021', port_https: 22021, pubkey_ed25519: 'ab'.repeat(32), pubkey_x25519: 'CD'.repeat(32) });
    const s = parseGetSwarmResponse({ snodes: [member('1.2.3.4'), member('0.0.0.0')], swarm: 'ff', t: T });
    expect(s.ok && s.value.snodes).toEqual([{ ip: '1.2.3.4', port: 22021, ed25519: 'ab'.repeat(32), x25519: 'cd'.repeat(32) }]);
    const n = parseGetServiceNodesResponse({
      result: { service_node_states: [{ public_ip: '127.0.1.1', storage_port: 22100, pubkey_ed25519: 'ab'.repeat(32), pubkey_x25519: 'cd'.repeat(32) }] },
    });
    expect(n.ok && n.value[0]?.port).toBe(22100);
  });
  test('get_expiries and ons_resolve', () => {
    expect(parseGetExpiriesResponse({ expiries: { [H1]: T } })).toEqual({ ok: true, value: { [H1]: T } });
    expect(parseOnsResolveResponse({ result: {} })).toEqual({ ok: true, value: null });
    const o = parseOnsResolveResponse({ result: { encrypted_value: 'abcd', nonce: '00'.repeat(24) } });
    expect(o.ok && o.value && toHex(o.value.encryptedValue)).toBe('abcd');
  });

  let member: ReturnType<typeof ed25519KeyPairFromSeed>;
  let memberHex: string;
  beforeAll(() => {
    member = ed25519KeyPairFromSeed(new Uint8Array(32).fill(9));
    memberHex = toHex(member.publicKey);
  });
  const pubkey = '05' + '11'.repeat(32);
  const sign = (msg: string): string => bytesToBase64(ed25519Sign(member.secretKey, utf8ToBytes(msg)));

  test('delete: verifies PUBKEY || requested || deleted', () => {
    const good = { swarm: { [memberHex]: { deleted: [H2], signature: sign(pubkey + H1 + H2 + H2) }, ['ee'.repeat(32)]: { failed: true, timeout: true } } };
    const r = parseDeleteResponse(good, pubkey, [H1, H2]);
    expect(r.ok && r.value).toEqual([
      { ed25519: memberHex, ok: true, value: [H2] },
      { ed25519: 'ee'.repeat(32), ok: false, reason: 'timeout' },
    ]);
    const forged = { swarm: { [memberHex]: { deleted: [H1], signature: sign(pubkey + H1 + H2 + H2) } } };
    const f = parseDeleteResponse(forged, pubkey, [H1, H2]);
    expect(f.ok && f.value[0]).toMatchObject({ ok: false, reason: 'bad signature' });
  });
  test('delete_all: verifies PUBKEY || timestamp || sorted hashes across namespaces', () => {
    const sorted = [H1, H2].sort().join('');
    const body = { swarm: { [memberHex]: { deleted: { '0': [H2], '2': [H1] }, signature: sign(pubkey + T + sorted) } } };
    const r = parseDeleteAllResponse(body, pubkey, T);
    expect(r.ok && r.value[0]?.ok).toBe(true);
  });
  test('expire: verifies PUBKEY || expiry || requested || updated || unchanged', () => {
    const msg = pubkey + String(T + 5) + H1 + H2 + H1 + H2 + String(T + 9);
    const body = { swarm: { [memberHex]: { expiry: T + 5, updated: [H1], unchanged: { [H2]: T + 9 }, signature: sign(msg) } } };
    const r = parseExpireResponse(body, pubkey, [H1, H2]);
    expect(r.ok && r.value[0]).toEqual({ ed25519: memberHex, ok: true, value: { expiry: T + 5, updated: [H1], unchanged: { [H2]: T + 9 } } });
  });
});
