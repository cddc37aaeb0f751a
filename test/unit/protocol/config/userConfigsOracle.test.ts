// The oracle run of libsession v1.2.0 (oracle-vectors.json `config`) replayed through the typed
// configs and the whole byte pipeline, for all four user configs: the setters each step describes,
// every push (seqno, plaintext, obsolete hashes, padded plaintext, inner ciphertext, wrapped bytes,
// whether zstd was used — our zstd's frames are compared byte for byte), confirmation with the
// vector's hash names, the dumps, merging into a second instance (wrapped and inner forms), the
// concurrent edits of step 3 and the converging seqno-3 pushes of step 4.
import { loadProtocol } from '../../../../ts/protocol/load';
import type { ConfigBase, ConfigPush } from '../../../../ts/protocol/config/configBase';
import { decryptConfig } from '../../../../ts/protocol/config/encrypt';
import { unwrapConfig } from '../../../../ts/protocol/config/wrap';
import { hex, toHex } from '../helpers';
import {
  ORACLE_NOW_MS,
  USER_CONFIG_TYPES,
  applyEdit,
  applySetup,
  fieldsJson,
  makeConfig,
  oracleIdentity,
  scenario,
  type OraclePushJson,
  type OracleScenario,
} from './userConfigFixtures';

beforeAll(loadProtocol);

const now = ORACLE_NOW_MS;

/** Checks one push against the oracle's, layer by layer. */
function expectPush(s: OracleScenario, push: ConfigPush, want: OraclePushJson): void {
  expect(push.seqno).toBe(want.seqno);
  expect(toHex(push.plaintext)).toBe(want.plaintext_bt_hex);
  expect([...push.obsoleteHashes].sort()).toEqual([...want.obsolete_hashes].sort());
  expect(push.messages).toHaveLength(1);
  expect(push.multipart).toBe(false);
  expect(push.wrapped).toBe(true);
  expect(push.compressed).toBe(want.zstd_compressed);
  const wire = push.messages[0] as Uint8Array;
  // The inner layers first, so a mismatch says where it starts.
  const unwrapped = unwrapConfig(oracleIdentity(), wire, s.namespace);
  if (!unwrapped.ok) throw unwrapped.error;
  expect(unwrapped.value.seqno).toBe(want.seqno);
  const padded = decryptConfig(hex(s.user_ed25519_seed_hex), s.encryption_domain, unwrapped.value.data);
  if (!padded.ok) throw padded.error;
  expect(toHex(padded.value)).toBe(want.decrypted_padded_hex);
  expect(toHex(unwrapped.value.data)).toBe(want.inner_config_ciphertext_hex);
  expect(toHex(wire)).toBe(want.pushed_wrapped_hex);
}

describe.each(USER_CONFIG_TYPES)('%s: the oracle run, step by step', (type) => {
  const s = scenario(type);

  /** Steps 0–1 on instance 1; returns it with its step-1 push, confirmed as "hash1". */
  function stepsZeroOne(): { a: ConfigBase; p1: ConfigPush } {
    const a = makeConfig(type);
    expect(a.needsPush).toBe(false);
    const p0 = a.push(now);
    expectPush(s, p0, s.step0_empty_push);
    // A clean seqno-0 config pushes without waiting: the confirmation is ignored.
    expect(a.confirmPushed(0, 'hash0')).toBe(false);
    expect(a.state).toBe('clean');

    applySetup(type, a);
    expect(a.state).toBe('dirty');
    expect(a.needsPush).toBe(true);
    expect(fieldsJson(a)).toEqual(s.step1_fields);
    const p1 = a.push(now);
    expectPush(s, p1, s.step1_push);
    expect(a.state).toBe('waiting');
    expect(a.needsPush).toBe(true);
    expect(a.confirmPushed(1, 'hash1')).toBe(true);
    expect(a.state).toBe('clean');
    expect(a.needsPush).toBe(false);
    expect(a.currentSwarmHashes).toEqual(['hash1']);
    return { a, p1 };
  }

  test('step 0 and 1: empty push, setup push, confirm, dump', () => {
    const { a } = stepsZeroOne();
    expect(a.needsDump).toBe(true);
    expect(toHex(a.dump())).toBe(s.step1_dump_after_confirm_hex);
    expect(a.needsDump).toBe(false);
    expect(fieldsJson(a)).toEqual(s.step1_fields);
  });

  test('step 2: a second instance merges the wrapped push; a third the inner ciphertext', () => {
    const { p1 } = stepsZeroOne();
    const b = makeConfig(type);
    const r = b.merge([{ hash: 'hash1', data: p1.messages[0] as Uint8Array }], now);
    expect(r.accepted).toEqual(s.step2_merge_accepted);
    expect(r.rejected).toEqual([]);
    expect(r.changed).toBe(true);
    expect(b.needsPush).toBe(s.step2_needs_push_after_merge);
    expect(fieldsJson(b)).toEqual(s.step2_fields_after_merge);
    expect(toHex(b.dump())).toBe(s.step2_dump_hex);

    const c = makeConfig(type);
    const inner = c.merge([{ hash: 'hash1', data: hex(s.step1_push.inner_config_ciphertext_hex) }], now);
    expect(inner.accepted).toEqual(s.step2b_merge_inner_ciphertext_accepted);
    expect(toHex(c.dump())).toBe(s.step2_dump_hex);
    // The oracle's own bytes merge the same way as ours.
    const d = makeConfig(type);
    expect(d.merge([{ hash: 'hash1', data: hex(s.step1_push.pushed_wrapped_hex) }], now).accepted).toEqual(['hash1']);
    expect(toHex(d.dump())).toBe(s.step2_dump_hex);
  });

  test('steps 3 and 4: concurrent edits, exchange, identical seqno-3 pushes, dumps and fields', () => {
    const { a, p1 } = stepsZeroOne();
    const b = makeConfig(type);
    b.merge([{ hash: 'hash1', data: p1.messages[0] as Uint8Array }], now);

    applyEdit(a, 1);
    applyEdit(b, 2);
    const p3a = a.push(now);
    const p3b = b.push(now);
    expectPush(s, p3a, s.step3_instance1_push);
    expectPush(s, p3b, s.step3_instance2_push);
    expect(a.confirmPushed(2, 'hash3a')).toBe(true);
    expect(b.confirmPushed(2, 'hash3b')).toBe(true);

    const ra = a.merge([{ hash: 'hash3b', data: p3b.messages[0] as Uint8Array }], now);
    const rb = b.merge([{ hash: 'hash3a', data: p3a.messages[0] as Uint8Array }], now);
    expect(ra.accepted).toEqual(s.step4_instance1_merged);
    expect(rb.accepted).toEqual(s.step4_instance2_merged);
    expect(ra.merged && rb.merged).toBe(true);
    expect(a.needsPush).toBe(s.step4_instance1_needs_push);
    expect(b.needsPush).toBe(s.step4_instance2_needs_push);
    expect(a.seqno).toBe(3);

    const p4a = a.push(now);
    const p4b = b.push(now);
    expectPush(s, p4a, s.step4_instance1_push);
    expectPush(s, p4b, s.step4_instance2_push);
    expect(toHex(p4a.messages[0] as Uint8Array)).toBe(toHex(p4b.messages[0] as Uint8Array));

    expect(fieldsJson(a)).toEqual(s.step4_instance1_fields);
    expect(fieldsJson(b)).toEqual(s.step4_instance2_fields);
    expect(a.confirmPushed(3, 'hash4')).toBe(true);
    expect(b.confirmPushed(3, 'hash4')).toBe(true);
    expect(a.obsoleteSwarmHashes).toEqual([]);
    expect(toHex(a.dump())).toBe(s.step4_instance1_dump_hex);
    expect(toHex(b.dump())).toBe(s.step4_instance2_dump_hex);
  });

  test('the oracle dumps load: same fields, same dump, and a load of step 1 merges step 4', () => {
    for (const [dumpHex, fields] of [
      [s.step1_dump_after_confirm_hex, s.step1_fields],
      [s.step2_dump_hex, s.step2_fields_after_merge],
      [s.step4_instance1_dump_hex, s.step4_instance1_fields],
    ] as const) {
      const c = makeConfig(type, { dump: hex(dumpHex) });
      expect(c.state).toBe('clean');
      expect(c.needsPush).toBe(false);
      expect(c.needsDump).toBe(false);
      expect(fieldsJson(c)).toEqual(fields);
      expect(toHex(c.dump())).toBe(dumpHex);
    }
    // A device resumed from the step-1 dump catches up with the seqno-3 push and adopts it as is.
    const c = makeConfig(type, { dump: hex(s.step1_dump_after_confirm_hex) });
    const r = c.merge([{ hash: 'hash4', data: hex(s.step4_instance1_push.pushed_wrapped_hex) }], now);
    expect(r.accepted).toEqual(['hash4']);
    expect(r.merged).toBe(false);
    // Adopted as is: nothing to push; hash1 is deleted with the next push, as in libsession.
    expect(c.needsPush).toBe(false);
    expect(c.obsoleteSwarmHashes).toEqual(['hash1']);
    expect(c.currentSwarmHashes).toEqual(['hash4']);
    expect(c.seqno).toBe(3);
    expect(fieldsJson(c)).toEqual(s.step4_instance1_fields);
  });
});
