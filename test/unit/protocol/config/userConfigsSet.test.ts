// The four user configs as a set: created from per-namespace dumps, found by namespace, and the
// cases of the typed fields not covered by the scenario tests (unknown keys inside conversation
// entries, clearing an avatar with an empty URL).
import { loadProtocol } from '../../../../ts/protocol/load';
import { USER_CONFIG_NAMESPACES, allUserConfigs, createUserConfigs, userConfigForNamespace } from '../../../../ts/protocol/config/userConfigs';
import { parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { encodeOutgoingConfig } from '../../../../ts/protocol/config/pipeline';
import { binaryFromHex } from '../../../../ts/protocol/config/data';
import { hex, toHex } from '../helpers';
import { KEY_0_TO_31, SESSION_B, oracleIdentity, scenario } from './userConfigFixtures';

beforeAll(loadProtocol);

const NOW = Date.UTC(2025, 0, 15);

test('created from per-namespace dumps, looked up by namespace, pushing only once merged', () => {
  expect(USER_CONFIG_NAMESPACES).toEqual([2, 3, 5, 4]);
  const dumps = { 2: hex(scenario('UserProfile').step4_instance1_dump_hex), 3: hex(scenario('Contacts').step1_dump_after_confirm_hex) };
  const set = createUserConfigs({ identity: oracleIdentity(), dumps });
  expect(set.userProfile.name).toBe('Alice Cooper');
  expect(set.contacts.all().map((c) => c.name)).toEqual(['Carol', 'Bob']);
  expect(set.convoInfoVolatile.seqno).toBe(0);
  expect(allUserConfigs(set).map((c) => c.type.namespace)).toEqual([2, 3, 5, 4]);
  for (const ns of [2, 3, 4, 5]) expect(userConfigForNamespace(set, ns)?.type.namespace).toBe(ns);
  expect(userConfigForNamespace(set, 0)).toBeNull();
  set.userProfile.setName('Local');
  expect(() => set.userProfile.push(NOW)).toThrow(expect.objectContaining({ kind: 'not_ready' }));
  for (const c of allUserConfigs(set)) c.markSwarmMerged();
  expect(set.userProfile.push(NOW).seqno).toBe(4);
  expect(() => createUserConfigs({ identity: oracleIdentity(), dumps: { 4: new Uint8Array([1, 2, 3]) } })).toThrow(expect.objectContaining({ detail: expect.stringContaining('namespace 4') }));
});

test('unknown keys inside a conversation entry survive its setters; an empty avatar URL clears the avatar', () => {
  const set = createUserConfigs({ identity: oracleIdentity(), swarmMerged: true });
  const civ = set.convoInfoVolatile;
  civ.set1to1(SESSION_B, { lastRead: NOW - 1000, unread: false }, NOW);
  civ.push(NOW);
  civ.confirmPushed(1, 'h1');
  // Another client adds a key of its own to the entry.
  const cur = parseConfigMessage(civ.serializedMessage());
  if (!cur.ok) throw cur.error;
  const next = cur.value.increment();
  next.edit().setBinary(['1', binaryFromHex(SESSION_B), 'x'], 'future');
  const wire = encodeOutgoingConfig({ namespace: 4, plaintext: next.serialize(), seqno: next.seqno, identity: oracleIdentity() }).messages[0] as Uint8Array;
  expect(civ.merge([{ hash: 'h2', data: wire }], NOW).accepted).toEqual(['h2']);
  civ.set1to1(SESSION_B, { lastRead: NOW, unread: true }, NOW);
  const after = parseConfigMessage(civ.push(NOW).plaintext);
  if (!after.ok) throw after.error;
  expect(after.value.data.keys(['1', binaryFromHex(SESSION_B)])).toEqual(['r', 'u', 'x']);
  expect(civ.get1to1(SESSION_B)).toEqual({ lastRead: NOW, unread: true });

  const p = set.userProfile;
  p.setProfilePic({ url: 'http://example.org/a.png', key: KEY_0_TO_31 });
  expect(toHex(p.profilePic?.key ?? new Uint8Array())).toBe(toHex(KEY_0_TO_31));
  p.setProfilePic({ url: '', key: KEY_0_TO_31 });
  expect(p.profilePic).toBeNull();
  expect(() => p.setProfilePic({ url: `http://example.org/${'a'.repeat(220)}`, key: KEY_0_TO_31 })).toThrow(/223/);
  expect(() => p.setProfilePic({ url: 'http://example.org/a.png', key: new Uint8Array(5) })).toThrow(/32 bytes/);
});
