// The read-only hook of the config state object (spec advanced.md B.5), exercised with a signed
// config in the group Info namespace: an admin signs its pushes; a member that can verify but not
// sign reads them, cannot edit, adopts the highest of conflicting messages instead of merging, and
// never deletes anything. (The group configs themselves come later; this is the base they need.)
import { loadProtocol } from '../../../../ts/protocol/load';
import { ConfigBase, type ConfigBaseOptions } from '../../../../ts/protocol/config/configBase';
import { CONFIG_TYPES } from '../../../../ts/protocol/config/configTypes';
import { encryptConfig, padConfigMessage } from '../../../../ts/protocol/config/encrypt';
import { ed25519KeyPairFromSeed, ed25519Sign, ed25519Verify } from '../../../../ts/protocol/primitives/curve';
import { blake2b } from '../../../../ts/protocol/primitives/hash';
import { identityFromEd25519Seed } from '../../../../ts/protocol/identity/keys';
import { hex, toHex } from '../helpers';

beforeAll(loadProtocol);

class SignedProbe extends ConfigBase {
  constructor(opts: ConfigBaseOptions) {
    super(CONFIG_TYPES.GroupInfo, opts);
  }
  setValue(v: number): boolean {
    return this.edit((d) => d.setInt(['v'], v));
  }
  setOther(v: string): boolean {
    return this.edit((d) => d.setString(['o'], v));
  }
  get value(): number | undefined {
    return this.data.getInt(['v']);
  }
  get other(): string | undefined {
    return this.data.getString(['o']);
  }
}

const NOW = Date.UTC(2025, 0, 15);
const groupKeys = () => ed25519KeyPairFromSeed(hex('c0ffee00'.repeat(8)));
const encKey = hex('11'.repeat(32));
const signer = (d: Uint8Array): Uint8Array => ed25519Sign(groupKeys().secretKey, d);
const verifier = (d: Uint8Array, sig: Uint8Array): boolean => ed25519Verify(sig, d, groupKeys().publicKey);
const admin = (seed: string): SignedProbe => new SignedProbe({ identity: identityFromEd25519Seed(hex(seed.repeat(64))), keys: [encKey], signer, verifier, swarmMerged: true });
const member = (): SignedProbe => new SignedProbe({ identity: identityFromEd25519Seed(hex('3'.repeat(64))), keys: [encKey], verifier, swarmMerged: true });

test('an admin signs; a member reads, cannot edit, and refuses a forged message', () => {
  const a = admin('1');
  expect(a.isReadOnly).toBe(false);
  a.setValue(1);
  const p = a.push(NOW);
  expect(p.wrapped).toBe(false); // group configs carry no legacy wrapper
  const sigAt = Buffer.from(p.plaintext).toString('latin1').lastIndexOf('1:~64:');
  expect(sigAt).toBe(p.plaintext.length - 64 - 7);
  a.confirmPushed(p.seqno, 'g1');

  const m = member();
  expect(m.isReadOnly).toBe(true);
  expect(m.merge([{ hash: 'g1', data: p.messages[0] as Uint8Array }], NOW).accepted).toEqual(['g1']);
  expect(m.value).toBe(1);
  expect(() => m.setValue(2)).toThrow(/read-only/);

  // The same message with its value changed and re-encrypted: the signature no longer verifies.
  const forged = Buffer.from(p.plaintext).toString('latin1').replace('1:vi1e', '1:vi9e');
  const data = encryptConfig(encKey, 'groups::Info', padConfigMessage(new Uint8Array(Buffer.from(forged, 'latin1'))));
  const r = m.merge([{ hash: 'forged', data }], NOW);
  expect(r.rejected.map((x) => [x.hash, x.reason])).toEqual([['forged', 'signature_invalid']]);
  expect(m.value).toBe(1);
});

test('conflicting admin pushes: admins merge them, a member adopts the highest and never deletes', () => {
  const a = admin('1');
  a.setValue(1);
  const p1 = a.push(NOW);
  a.confirmPushed(1, 'g1');
  const b = admin('2');
  b.merge([{ hash: 'g1', data: p1.messages[0] as Uint8Array }], NOW);
  a.setValue(2);
  b.setOther('from b');
  const pa = a.push(NOW);
  const pb = b.push(NOW);
  a.confirmPushed(2, 'ga');
  b.confirmPushed(2, 'gb');

  const m = member();
  const r = m.merge(
    [
      { hash: 'ga', data: pa.messages[0] as Uint8Array },
      { hash: 'gb', data: pb.messages[0] as Uint8Array },
    ],
    NOW,
  );
  expect(r.accepted).toEqual(['ga', 'gb']);
  expect(r.merged).toBe(false);
  expect(m.seqno).toBe(2);
  expect(m.needsPush).toBe(false);
  // Same seqno: the higher message hash wins, kept byte for byte (signature included).
  const highest = toHex(blake2b(pa.plaintext, 32)) > toHex(blake2b(pb.plaintext, 32)) ? pa : pb;
  expect(toHex(m.serializedMessage())).toBe(toHex(highest.plaintext));
  expect(m.currentSwarmHashes).toEqual([highest === pa ? 'ga' : 'gb']);
  // Admins resolve the conflict into seqno 3 with both edits.
  a.merge([{ hash: 'gb', data: pb.messages[0] as Uint8Array }], NOW);
  expect(a.seqno).toBe(3);
  expect([a.value, a.other]).toEqual([2, 'from b']);
  const p3 = a.push(NOW);
  expect(new Set(p3.obsoleteHashes)).toEqual(new Set(['ga', 'gb']));
  // The member catches up with the merge; it never hands out hashes to delete.
  m.merge([{ hash: 'g3', data: p3.messages[0] as Uint8Array }], NOW);
  expect([m.value, m.other, m.seqno]).toEqual([2, 'from b', 3]);
  expect(m.obsoleteSwarmHashes.length).toBeGreaterThan(0);
  m.dump();
  expect(m.obsoleteSwarmHashes).toEqual([]);
});
