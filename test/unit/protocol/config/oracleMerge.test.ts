// The oracle's config scenario (oracle-vectors.json `config`, produced by libsession v1.2.0) replayed
// through the message and state merge: each push's plaintext, the merge results, seqnos, obsolete
// hashes and the `$` of every dump, for all four user configs. The typed setters are not ours, so
// each edit is applied as the data change it made (read from the oracle's next push).
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { ConfigMessage, parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { mergeIntoConfigState, messageFromDump, type ConfigMergeState } from '../../../../ts/protocol/config/merge';
import { btDecodeDict } from '../../../../ts/protocol/config/bt';
import { ConfigData, binaryFromBytes, sortedKeys, type ConfigValue } from '../../../../ts/protocol/config/data';
import { hex, loadJson, toHex } from '../helpers';

beforeAll(loadProtocol);

interface Push {
  seqno: number;
  obsolete_hashes: string[];
  plaintext_bt_hex: string;
}
interface Scenario {
  step0_empty_push: Push;
  step1_push: Push;
  step1_dump_after_confirm_hex: string;
  step2_merge_accepted: string[];
  step2_needs_push_after_merge: boolean;
  step2_dump_hex: string;
  step3_instance1_push: Push;
  step3_instance2_push: Push;
  step4_instance1_merged: string[];
  step4_instance2_merged: string[];
  step4_instance1_needs_push: boolean;
  step4_instance2_needs_push: boolean;
  step4_instance1_push: Push;
  step4_instance2_push: Push;
  step4_instance1_dump_hex: string;
  step4_instance2_dump_hex: string;
}
const oracle = loadJson<{ config: Record<string, Scenario> }>('vectors/oracle-vectors.json').config;
const types = ['UserProfile', 'Contacts', 'ConvoInfoVolatile', 'UserGroups'];

function parse(h: string): ConfigMessage {
  const r = parseConfigMessage(hex(h));
  if (!r.ok) throw r.error;
  return r.value;
}

/** Makes `target` hold exactly `wanted`'s data, key by key (as a typed config's setters would). */
function editTo(target: ConfigData, wanted: ConfigData): void {
  const keys = new Set([...sortedKeys(target.root), ...sortedKeys(wanted.root)]);
  for (const k of keys) {
    const v = wanted.get([k]);
    if (v === undefined) target.erase([k]);
    else target.set([k], v as ConfigValue);
  }
}

/** The `$`, `!`, `(` and `)` of a libsession dump. */
function dumpParts(h: string): { state: bigint; message: string; currentHash: string; old: string[] } {
  const d = btDecodeDict(hex(h));
  if (!d.ok) throw d.error;
  return {
    state: d.value.get('!') as bigint,
    message: d.value.get('$') as string,
    currentHash: d.value.get('(') as string,
    old: d.value.get(')') as string[],
  };
}

describe.each(types)('%s oracle scenario', (type) => {
  const s = oracle[type] as Scenario;

  test('step 0/1: the empty push, then the first edit pushed at seqno 1', () => {
    const empty = ConfigMessage.empty();
    expect(toHex(empty.serialize())).toBe(s.step0_empty_push.plaintext_bt_hex);
    const m1 = empty.increment();
    editTo(m1.edit(), parse(s.step1_push.plaintext_bt_hex).data);
    expect(m1.seqno).toBe(s.step1_push.seqno);
    expect(toHex(m1.serialize())).toBe(s.step1_push.plaintext_bt_hex);
    const dump = dumpParts(s.step1_dump_after_confirm_hex);
    expect(binaryFromBytes(m1.serialize({ sign: false }))).toBe(dump.message);
  });

  test('step 2: a second device merges the push as-is and has nothing to push', () => {
    const fresh: ConfigMergeState = { message: ConfigMessage.empty(), state: 'clean', currentHash: null };
    const r = mergeIntoConfigState(fresh, [{ hash: 'hash1', plaintext: hex(s.step1_push.plaintext_bt_hex) }]);
    expect(r.acceptedHashes).toEqual(s.step2_merge_accepted);
    expect(r.state !== 'clean').toBe(s.step2_needs_push_after_merge);
    expect(r.merged).toBe(false);
    expect(r.changed).toBe(true);
    expect(r.currentHash).toBe('hash1');
    expect(r.obsoleteHashes).toEqual([]);
    const dump = dumpParts(s.step2_dump_hex);
    expect(binaryFromBytes(r.message.serialize({ sign: false }))).toBe(dump.message);
    expect(dump.currentHash).toBe(r.currentHash);
    expect(dump.state).toBe(0n);
  });

  test('step 3: concurrent edits on both devices at seqno 2', () => {
    const base = parse(s.step1_push.plaintext_bt_hex);
    for (const push of [s.step3_instance1_push, s.step3_instance2_push]) {
      const m = base.increment();
      editTo(m.edit(), parse(push.plaintext_bt_hex).data);
      expect(m.seqno).toBe(push.seqno);
      expect(toHex(m.serialize())).toBe(push.plaintext_bt_hex);
    }
    expect(s.step3_instance1_push.obsolete_hashes).toEqual(['hash1']);
  });

  test('step 4: each device merges the other push; both push identical seqno-3 bytes with the whole-data own diff', () => {
    const devices = [
      { mine: s.step3_instance1_push, mineHash: 'hash3a', theirs: s.step3_instance2_push, theirHash: 'hash3b', merged: s.step4_instance1_merged, push: s.step4_instance1_push, dump: s.step4_instance1_dump_hex, needs: s.step4_instance1_needs_push },
      { mine: s.step3_instance2_push, mineHash: 'hash3b', theirs: s.step3_instance1_push, theirHash: 'hash3a', merged: s.step4_instance2_merged, push: s.step4_instance2_push, dump: s.step4_instance2_dump_hex, needs: s.step4_instance2_needs_push },
    ];
    const pushed: string[] = [];
    for (const d of devices) {
      // The device's own push was confirmed: it holds that message, clean, with its swarm hash.
      const state: ConfigMergeState = { message: parse(d.mine.plaintext_bt_hex), state: 'clean', currentHash: d.mineHash };
      const r = mergeIntoConfigState(state, [{ hash: d.theirHash, plaintext: hex(d.theirs.plaintext_bt_hex) }]);
      expect(r.acceptedHashes).toEqual(d.merged);
      expect(r.merged).toBe(true);
      expect(r.state !== 'clean').toBe(d.needs);
      expect(r.message.seqno).toBe(d.push.seqno);
      expect(r.message.isMutable).toBe(true);
      expect(toHex(r.message.serialize())).toBe(d.push.plaintext_bt_hex);
      expect(new Set(r.obsoleteHashes)).toEqual(new Set(d.push.obsolete_hashes));
      // The own diff of the merged push covers every top-level key of the data.
      expect([...r.message.diff().keys()].sort()).toEqual(sortedKeys(r.message.data.root));
      const dump = dumpParts(d.dump);
      expect(binaryFromBytes(r.message.serialize({ sign: false }))).toBe(dump.message);
      pushed.push(toHex(r.message.serialize()));
    }
    expect(pushed[0]).toBe(pushed[1]);
  });

  test('dumps load back to the same message (clean: as-is; dirty: re-incremented)', () => {
    const dump = dumpParts(s.step4_instance1_dump_hex);
    const bytes = new Uint8Array(Buffer.from(dump.message, 'latin1'));
    const clean = messageFromDump(bytes, 'clean');
    if (!clean.ok) throw clean.error;
    expect(binaryFromBytes(clean.value.serialize())).toBe(dump.message);
    expect(clean.value.isMutable).toBe(false);
    const dirty = messageFromDump(bytes, 'dirty');
    if (!dirty.ok) throw dirty.error;
    expect(dirty.value.seqno).toBe(clean.value.seqno + 1);
    expect(dirty.value.isMutable).toBe(true);
    expect(dirty.value.data.equals(clean.value.data)).toBe(true);
    expect(messageFromDump(bytes.subarray(1), 'clean').ok).toBe(false);
  });
});
