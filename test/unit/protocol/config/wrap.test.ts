// The legacy protobuf wrapper of user configs (spec advanced B.9): libsession's 432-byte wrapped empty
// profile with every intermediate value, every oracle push, and each way unwrapping refuses data.
import {
  SignalService,
  concatBytes,
  encodeContent,
  encodeEnvelope,
  encodeWebSocketMessage,
  encryptForRecipientDeterministic,
  identityFromEd25519Seed,
  loadProtocol,
  looksLikeConfigWrapper,
  unwrapConfig,
  utf8ToBytes,
  wrapConfig,
  type Identity,
} from '../../../../ts/protocol';
import { hex, toHex } from '../helpers';
import { advancedVector, oraclePushes } from './pipelineVectors';

beforeAll(loadProtocol);

const SEED = '0123456789abcdef0123456789abcdef00000000000000000000000000000000';
let me: Identity;
let other: Identity;
beforeAll(() => {
  me = identityFromEd25519Seed(hex(SEED));
  other = identityFromEd25519Seed(hex('00112233445566778899aabbccddeeff00000000000000000000000000000000'));
});

/** Builds a wrapper by hand so each layer can be made wrong on purpose. */
function handWrap(a: { sealer: Identity; to: Uint8Array; content: Uint8Array; trailer?: Uint8Array; wsType?: number }): Uint8Array {
  const sealed = encryptForRecipientDeterministic(a.sealer.ed25519, a.to, concatBytes(a.content, a.trailer ?? new Uint8Array([0x80])));
  const env = encodeEnvelope({ type: SignalService.Envelope.Type.SESSION_MESSAGE, timestamp: 1, content: sealed });
  return encodeWebSocketMessage({ type: a.wsType ?? 1, request: { verb: '', path: '', body: env, requestId: 0 } });
}

function reason(r: { ok: boolean; error?: { kind: string } }): string | null {
  return r.ok ? null : (r.error?.kind ?? null);
}

test('encrypt_for_recipient_deterministic (libsession tests/test_session_encrypt.cpp)', () => {
  const v = advancedVector('encrypt_for_recipient_deterministic');
  const sender = identityFromEd25519Seed(hex(v.inputs.sender_seed as string));
  const recipient = identityFromEd25519Seed(hex(v.inputs.recipient_seed as string));
  expect(sender.sessionId).toBe(v.inputs.sender_session_id);
  expect(recipient.sessionId).toBe(v.inputs.recipient_session_id);
  const out = encryptForRecipientDeterministic(sender.ed25519, recipient.x25519.publicKey, utf8ToBytes(v.inputs.message_utf8 as string));
  expect(toHex(out)).toBe(v.outputs.ciphertext);
});

describe('user_profile_empty_wrapped (libsession tests/test_config_userprofile.cpp)', () => {
  const v = advancedVector('user_profile_empty_wrapped');
  const inner = (): Uint8Array => hex(v.outputs.inner_encrypted_config_E as string);

  test('every intermediate layer and the 432-byte result are reproduced exactly', () => {
    const content = encodeContent({ sharedConfigMessage: { kind: SignalService.SharedConfigMessage.Kind.USER_PROFILE, seqno: 0, data: inner() } });
    expect(toHex(concatBytes(content, new Uint8Array([0x80])))).toBe(v.outputs.content_plus_0x80);
    const sealed = encryptForRecipientDeterministic(me.ed25519, me.x25519.publicKey, hex(v.outputs.content_plus_0x80 as string));
    expect(toHex(sealed)).toBe(v.outputs.deterministic_sealed_box);
    const wrapped = wrapConfig(me, inner(), 0, 2);
    expect(toHex(wrapped)).toBe(v.outputs.wrapped);
    expect(wrapped.length).toBe(432);
  });

  test('unwraps to the inner ciphertext and seqno', () => {
    const r = unwrapConfig(me, hex(v.outputs.wrapped as string), 2);
    expect(r.ok && toHex(r.value.data)).toBe(v.outputs.inner_encrypted_config_E);
    expect(r.ok && r.value.seqno).toBe(0);
  });
});

describe('oracle pushes: wrap(inner) == pushed_wrapped and unwrap(pushed_wrapped) == inner', () => {
  test.each(oraclePushes().map(([type, step, push, c]) => [type, step, push, c] as const))('%s %s', (_t, _s, push, c) => {
    const id = identityFromEd25519Seed(hex(c.user_ed25519_seed_hex));
    expect(id.sessionId).toBe(c.user_session_id);
    const wrapped = wrapConfig(id, hex(push.inner_config_ciphertext_hex), push.seqno, c.namespace);
    expect(toHex(wrapped)).toBe(push.pushed_wrapped_hex);
    expect(wrapped.length).toBe(push.pushed_wrapped_len);
    const r = unwrapConfig(id, hex(push.pushed_wrapped_hex), c.namespace);
    expect(r.ok && toHex(r.value.data)).toBe(push.inner_config_ciphertext_hex);
    expect(r.ok && r.value.seqno).toBe(push.seqno);
    expect(looksLikeConfigWrapper(wrapped)).toBe(true);
    expect(looksLikeConfigWrapper(hex(push.inner_config_ciphertext_hex))).toBe(false);
  });
});

describe('unwrap refuses, with a reason per layer', () => {
  const data = new Uint8Array(256).fill(7);
  const kind = SignalService.SharedConfigMessage.Kind;
  const content = (k: number = kind.USER_PROFILE): Uint8Array => encodeContent({ sharedConfigMessage: { kind: k, seqno: 3, data } });

  test('a correct hand-built wrapper unwraps (the reference for the cases below)', () => {
    const r = unwrapConfig(me, handWrap({ sealer: me, to: me.x25519.publicKey, content: content() }), 2);
    expect(r.ok && r.value.data).toEqual(data);
    // Padding of 0x80 followed by zeros is accepted too.
    const padded = handWrap({ sealer: me, to: me.x25519.publicKey, content: content(), trailer: new Uint8Array([0x80, 0, 0, 0]) });
    expect(unwrapConfig(me, padded, 2).ok).toBe(true);
  });

  test('wrong kind for the namespace', () => {
    const w = handWrap({ sealer: me, to: me.x25519.publicKey, content: content(kind.CONTACTS) });
    expect(reason(unwrapConfig(me, w, 2))).toBe('config_wrapper_wrong_kind');
    expect(unwrapConfig(me, w, 3).ok).toBe(true);
    const real = wrapConfig(me, data, 1, 4);
    expect(reason(unwrapConfig(me, real, 5))).toBe('config_wrapper_wrong_kind');
  });

  test('sealed to us but signed by another account', () => {
    const w = handWrap({ sealer: other, to: me.x25519.publicKey, content: content() });
    expect(reason(unwrapConfig(me, w, 2))).toBe('config_wrapper_wrong_sender');
  });

  test('sealed to another account', () => {
    const w = wrapConfig(other, data, 1, 2);
    expect(reason(unwrapConfig(me, w, 2))).toBe('config_wrapper_undecryptable');
  });

  test('missing 0x80 padding', () => {
    const w = handWrap({ sealer: me, to: me.x25519.publicKey, content: content(), trailer: new Uint8Array(0) });
    expect(reason(unwrapConfig(me, w, 2))).toBe('config_wrapper_bad_padding');
    const zerosOnly = handWrap({ sealer: me, to: me.x25519.publicKey, content: content(), trailer: new Uint8Array([0, 0]) });
    expect(reason(unwrapConfig(me, zerosOnly, 2))).toBe('config_wrapper_bad_padding');
  });

  test('layers that are not a config wrapper', () => {
    const notShared = handWrap({ sealer: me, to: me.x25519.publicKey, content: encodeContent({ dataMessage: { body: 'hi' } }) });
    expect(reason(unwrapConfig(me, notShared, 2))).toBe('config_wrapper_invalid');
    const response = handWrap({ sealer: me, to: me.x25519.publicKey, content: content(), wsType: 2 });
    expect(reason(unwrapConfig(me, response, 2))).toBe('config_wrapper_invalid');
    const noContent = encodeWebSocketMessage({ type: 1, request: { body: encodeEnvelope({ type: 6, timestamp: 1 }) } });
    expect(reason(unwrapConfig(me, noContent, 2))).toBe('config_wrapper_invalid');
    expect(reason(unwrapConfig(me, new Uint8Array([0x08, 0x01, 0x12, 0x00]), 2))).toBe('config_wrapper_invalid');
  });

  test('a wrapper cut short is reported as truncated', () => {
    const w = wrapConfig(me, data, 1, 2);
    for (const cut of [5, 40, 200, w.length - 3]) {
      expect(reason(unwrapConfig(me, w.subarray(0, cut), 2))).toBe('config_truncated');
    }
  });

  test('a group namespace has no wrapper', () => {
    expect(() => wrapConfig(me, data, 1, 13)).toThrow('no legacy wrapper');
    expect(reason(unwrapConfig(me, wrapConfig(me, data, 1, 2), 13))).toBe('invalid_argument');
  });
});
