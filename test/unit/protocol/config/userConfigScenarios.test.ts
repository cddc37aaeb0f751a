// The scenarios of libsession's own tests (tests/test_config_userprofile.cpp, test_config_contacts.cpp,
// test_config_convo_info_volatile.cpp, test_config_user_groups.cpp) through our typed configs: the
// same steps and the same expected values, plus the upstream UserProfile push vector.
import { loadProtocol } from '../../../../ts/protocol/load';
import { parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import type { ConfigBase } from '../../../../ts/protocol/config/configBase';
import { encodeOutgoingConfig } from '../../../../ts/protocol/config/pipeline';
import type { ConfigData } from '../../../../ts/protocol/config/data';
import { binaryFromHex } from '../../../../ts/protocol/config/data';
import { UserProfile } from '../../../../ts/protocol/config/userProfile';
import { Contacts } from '../../../../ts/protocol/config/contacts';
import { ConvoInfoVolatile } from '../../../../ts/protocol/config/convoInfoVolatile';
import { UserGroups } from '../../../../ts/protocol/config/userGroups';
import { decryptConfig } from '../../../../ts/protocol/config/encrypt';
import { unwrapConfig } from '../../../../ts/protocol/config/wrap';
import { ed25519KeyPairFromSeed } from '../../../../ts/protocol/primitives/curve';
import { hex, loadJson, toHex } from '../helpers';
import { oracleIdentity } from './userConfigFixtures';

beforeAll(loadProtocol);

const NOW_MS = Date.UTC(2025, 5, 1, 12);
const opts = () => ({ identity: oracleIdentity(), swarmMerged: true });
const DAY = 24 * 3600 * 1000;

/** Stores `edit` of a config's data as another client would: a seqno+1 message merged in. */
function injectRaw(c: ConfigBase, edit: (d: ConfigData) => void, hash = `raw${c.seqno + 1}`): void {
  const cur = parseConfigMessage(c.serializedMessage());
  if (!cur.ok) throw cur.error;
  const next = cur.value.increment();
  edit(next.edit());
  const out = encodeOutgoingConfig({ namespace: c.type.namespace, plaintext: next.serialize(), seqno: next.seqno, identity: oracleIdentity() });
  const r = c.merge([{ hash, data: out.messages[0] as Uint8Array }], NOW_MS);
  expect(r.accepted).toEqual([hash]);
}

const A_100 = '1234567890'.repeat(10);

describe('UserProfile (libsession test_config_userprofile.cpp)', () => {
  test('names: more than 100 bytes throws; truncation keeps whole characters', () => {
    const p = new UserProfile(opts());
    expect(() => p.setName(`${A_100}A`)).toThrow(/100 bytes/);
    p.setNameTruncated(`${A_100}A`);
    expect(p.name).toBe(A_100);
    p.setNameTruncated(`${A_100.slice(0, 97)}🎂`);
    expect(p.name).toBe(A_100.slice(0, 97)); // 97 + 4 bytes: the cake does not fit
    p.setNameTruncated(`${A_100.slice(0, 95)}🎂🎂`);
    expect(p.name).toBe(`${A_100.slice(0, 95)}🎂`);
    p.setName('');
    expect(p.name).toBeNull();
  });

  test('the upstream push: plaintext, padded plaintext and inner ciphertext; dumps before and after confirm', () => {
    const v = loadJson<{ vectors: Array<{ name: string; inputs: Record<string, string>; outputs: Record<string, string> }> }>('vectors/advanced-vectors.json').vectors.find(
      (x) => x.name === 'user_profile_push1',
    );
    if (!v) throw new Error('vector missing');
    const p = new UserProfile(opts());
    expect(p.needsPush).toBe(false);
    expect(p.needsDump).toBe(false);
    expect(p.name).toBeNull();
    expect(p.profilePic).toBeNull();
    expect(p.ntsPriority).toBe(0);
    expect(p.ntsExpirySeconds).toBeNull();
    expect(p.push(NOW_MS).messages[0]).toHaveLength(256 + 176);
    p.setName('Kallie');
    p.setProfilePic({ url: 'http://example.org/omg-pic-123.bmp', key: new TextEncoder().encode('secret78901234567890123456789012') });
    p.setNtsPriority(9);
    expect(p.name).toBe('Kallie');
    expect(p.ntsPriority).toBe(9);
    expect(p.needsPush && p.needsDump).toBe(true);
    const push = p.push(NOW_MS);
    expect(push.seqno).toBe(1);
    expect(toHex(push.plaintext)).toBe(v.inputs.plaintext_hex);
    const inner = unwrapConfig(oracleIdentity(), push.messages[0] as Uint8Array, 2);
    if (!inner.ok) throw inner.error;
    expect(toHex(inner.value.data)).toBe(v.outputs.ciphertext);
    const padded = decryptConfig(oracleIdentity().ed25519Seed, 'UserProfile', inner.value.data);
    expect(padded.ok && toHex(padded.value)).toBe(v.inputs.padded_plaintext_hex);
    expect(p.needsPush).toBe(true); // pushed, not confirmed yet
    const msgLen = `${push.plaintext.length}:`;
    const body = Buffer.from(push.plaintext).toString('latin1');
    expect(Buffer.from(p.dump()).toString('latin1')).toBe(`d1:!i2e1:$${msgLen}${body}1:(0:1:)le1:+dee`);
    expect(p.needsDump).toBe(false);
    p.confirmPushed(push.seqno, 'fakehash1');
    expect(p.needsPush).toBe(false);
    expect(p.needsDump).toBe(true);
    expect(Buffer.from(p.dump()).toString('latin1')).toBe(`d1:!i0e1:$${msgLen}${body}1:(9:fakehash11:)le1:+dee`);

    // A second client merges the upstream inner ciphertext: same data, nothing to push.
    const p2 = new UserProfile(opts());
    const r = p2.merge([{ hash: 'fakehash1', data: hex(v.outputs.ciphertext as string) }], NOW_MS);
    expect(r.accepted).toEqual(['fakehash1']);
    expect(p2.needsDump).toBe(true);
    p2.dump();
    expect(p2.needsPush).toBe(false);
    expect(p2.name).toBe('Kallie');

    // Conflicting edits on both.
    p.setName('Nibbler');
    p2.setName('Raz');
    const key2 = new TextEncoder().encode('qwert\0yuio1234567890123456789012');
    p2.setProfilePic({ url: 'http://new.example.com/pic', key: key2 });
    p2.setNtsExpiry(86400);
    expect(p2.ntsExpirySeconds).toBe(86400);
    expect(p2.blindedMessageRequests).toBeNull();
    p2.setBlindedMessageRequests(false);
    expect(p2.blindedMessageRequests).toBe(false);
    p2.setBlindedMessageRequests(null);
    expect(p2.blindedMessageRequests).toBeNull();
    p2.setBlindedMessageRequests(true);
    expect(p2.blindedMessageRequests).toBe(true);
    const a = p.push(NOW_MS);
    const b = p2.push(NOW_MS);
    expect([a.seqno, b.seqno]).toEqual([2, 2]);
    expect(toHex(a.messages[0] as Uint8Array)).not.toBe(toHex(b.messages[0] as Uint8Array));
    p.confirmPushed(2, 'fakehash2');
    p2.confirmPushed(2, 'fakehash3');
    expect(p2.merge([{ hash: 'fakehash2', data: a.messages[0] as Uint8Array }], NOW_MS).accepted).toEqual(['fakehash2']);
    expect(p.merge([{ hash: 'fakehash3', data: b.messages[0] as Uint8Array }], NOW_MS).accepted).toEqual(['fakehash3']);
    const a3 = p.push(NOW_MS);
    const b3 = p2.push(NOW_MS);
    expect([a3.seqno, b3.seqno]).toEqual([3, 3]);
    expect(toHex(a3.messages[0] as Uint8Array)).toBe(toHex(b3.messages[0] as Uint8Array));
    // The higher message hash wins the name, as upstream; fields set on one side only survive.
    for (const x of [p, p2]) {
      expect(x.name).toBe('Nibbler');
      expect(x.profilePic?.url).toBe('http://new.example.com/pic');
      expect(toHex(x.profilePic?.key ?? new Uint8Array())).toBe('7177657274007975696f31323334353637383930313233343536373839303132');
      expect(x.ntsPriority).toBe(9);
      expect(x.ntsExpirySeconds).toBe(86400);
      expect(x.blindedMessageRequests).toBe(true);
    }
    p.confirmPushed(3, 'fakehash4');
    p2.confirmPushed(3, 'fakehash4');
    expect(toHex(p.dump())).toBe(toHex(p2.dump()));
    expect(p.needsPush || p2.needsPush || p.needsDump || p2.needsDump).toBe(false);
  });

  test('keys of newer clients (pro fields) survive edits and merges byte for byte', () => {
    const p = new UserProfile(opts());
    p.setName('Pro');
    p.push(NOW_MS);
    p.confirmPushed(1, 'h1');
    injectRaw(p, (d) => {
      d.setInt(['t'], 1700000000);
      d.setBinary(['P'], 'http://x.example/re-upload');
      d.setInt(['f'], 0x7fffffffffffffffn);
    });
    p.setName('Pro 2');
    const out = parseConfigMessage(p.push(NOW_MS).plaintext);
    if (!out.ok) throw out.error;
    expect(out.value.data.getBigInt(['f'])).toBe(0x7fffffffffffffffn);
    expect(out.value.data.getString(['P'])).toBe('http://x.example/re-upload');
    expect(out.value.data.getInt(['t'])).toBe(1700000000);
    expect(p.name).toBe('Pro 2');
  });
});

const REAL_ID = '05' + '00'.repeat(32);
const ANOTHER_ID = '05' + '11'.repeat(32);
const THIRD_ID = '05' + '22'.repeat(32);

describe('Contacts (libsession test_config_contacts.cpp)', () => {
  test('set, dump/load, merge, conflicting erase and add, iteration, nickname limits', () => {
    const contacts = new Contacts(opts());
    const nowS = Math.floor(NOW_MS / 1000);
    expect(contacts.get(REAL_ID)).toBeNull();
    expect(contacts.size).toBe(0);
    const c = contacts.getOrConstruct(REAL_ID);
    expect([c.name, c.nickname, c.approved, c.approvedMe, c.blocked, c.profilePic, c.created, c.notifications, c.muteUntil]).toEqual([
      '',
      '',
      false,
      false,
      false,
      null,
      0,
      'default',
      0,
    ]);
    expect(contacts.needsPush || contacts.needsDump).toBe(false);
    expect(contacts.push(NOW_MS).seqno).toBe(0);
    contacts.set({ ...c, name: 'Joe', nickname: 'Joey', approved: true, approvedMe: true, created: 1680064059, notifications: 'all', muteUntil: nowS + 1800 });
    const got = contacts.get(REAL_ID);
    expect(got).toMatchObject({ name: 'Joe', nickname: 'Joey', approved: true, approvedMe: true, profilePic: null, blocked: false, sessionId: REAL_ID });
    expect(contacts.needsPush && contacts.needsDump).toBe(true);
    const p1 = contacts.push(NOW_MS);
    expect(p1.seqno).toBe(1);
    contacts.confirmPushed(1, 'fakehash1');
    expect(contacts.needsDump).toBe(true);
    expect(contacts.needsPush).toBe(false);

    const contacts2 = new Contacts({ ...opts(), dump: contacts.dump() });
    expect(contacts2.needsPush || contacts2.needsDump || contacts.needsDump).toBe(false);
    expect(contacts2.push(NOW_MS).seqno).toBe(1);
    expect(contacts2.get(REAL_ID)).toMatchObject({ name: 'Joe', nickname: 'Joey', created: 1680064059, notifications: 'all', muteUntil: nowS + 1800 });

    // A contact with no fields set is still recorded (its `n` is always written).
    contacts2.set(contacts2.getOrConstruct(ANOTHER_ID));
    expect(contacts2.needsPush).toBe(true);
    const p2 = contacts2.push(NOW_MS);
    expect(p2.seqno).toBe(2);
    contacts.merge([{ hash: 'fakehash2', data: p2.messages[0] as Uint8Array }], NOW_MS);
    contacts2.confirmPushed(2, 'fakehash2');
    expect(contacts.needsPush).toBe(false);
    const again = contacts.push(NOW_MS);
    expect(again.seqno).toBe(2);
    expect(again.obsoleteHashes).toEqual(['fakehash1']);
    // Deliberate difference from libsession, which forgets obsolete hashes as soon as push() hands
    // them out: ours stay until that push is confirmed, so a failed push retries the deletion.
    contacts.confirmPushed(2, 'fakehash2');
    expect(contacts.obsoleteSwarmHashes).toEqual([]);
    expect(contacts.all().map((x) => [x.sessionId, x.nickname || '(N/A)'])).toEqual([
      [REAL_ID, 'Joey'],
      [ANOTHER_ID, '(N/A)'],
    ]);

    // Conflict: one client deletes a contact, the other adds one.
    expect(contacts.erase(REAL_ID)).toBe(true);
    contacts2.setNickname(THIRD_ID, 'Nickname 3');
    contacts2.setApproved(THIRD_ID, true);
    contacts2.setBlocked(THIRD_ID, true);
    contacts2.setProfilePic(THIRD_ID, { url: 'http://example.com/huge.bmp', key: new TextEncoder().encode('qwerty78901234567890123456789012') });
    expect(contacts.needsPush && contacts2.needsPush).toBe(true);
    const a = contacts.push(NOW_MS);
    const b = contacts2.push(NOW_MS);
    expect(a.seqno).toBe(b.seqno);
    expect(toHex(a.plaintext)).not.toBe(toHex(b.plaintext));
    expect(a.obsoleteHashes).toEqual(['fakehash2']);
    expect(b.obsoleteHashes).toEqual(['fakehash2']);
    contacts.confirmPushed(a.seqno, 'fakehash3a');
    contacts2.confirmPushed(b.seqno, 'fakehash3b');
    contacts.merge([{ hash: 'fakehash3b', data: b.messages[0] as Uint8Array }], NOW_MS);
    expect(contacts.needsPush).toBe(true);
    contacts2.merge([{ hash: 'fakehash3a', data: a.messages[0] as Uint8Array }], NOW_MS);
    expect(contacts2.needsPush).toBe(true);
    const a4 = contacts.push(NOW_MS);
    const b4 = contacts2.push(NOW_MS);
    expect(a4.seqno).toBe(b.seqno + 1);
    expect(b4.seqno).toBe(a4.seqno);
    expect(toHex(a4.messages[0] as Uint8Array)).toBe(toHex(b4.messages[0] as Uint8Array));
    expect(new Set(a4.obsoleteHashes)).toEqual(new Set(['fakehash3a', 'fakehash3b']));
    expect(new Set(b4.obsoleteHashes)).toEqual(new Set(['fakehash3a', 'fakehash3b']));
    contacts.confirmPushed(a4.seqno, 'fakehash4');
    contacts2.confirmPushed(b4.seqno, 'fakehash4');
    expect(contacts.needsPush || contacts2.needsPush).toBe(false);
    expect(contacts.all().map((x) => [x.sessionId, x.nickname || '(N/A)'])).toEqual([
      [ANOTHER_ID, '(N/A)'],
      [THIRD_ID, 'Nickname 3'],
    ]);

    expect(() => contacts.setNickname(ANOTHER_ID, `${A_100}A`)).toThrow(/100 bytes/);
    contacts.setNicknameTruncated(ANOTHER_ID, `${A_100.slice(0, 95)}🎂🎂`);
    expect(contacts.get(ANOTHER_ID)?.nickname).toBe(`${A_100.slice(0, 95)}🎂`);
  });

  test('setters normalize what they rewrite, keep unknown keys, and erase removes everything', () => {
    const contacts = new Contacts(opts());
    contacts.setName(REAL_ID, 'Joe');
    contacts.push(NOW_MS);
    contacts.confirmPushed(1, 'h1');
    const key = binaryFromHex(REAL_ID);
    injectRaw(contacts, (d) => {
      d.setInt(['c', key, '@'], 3); // mentions-only: contacts read it as all
      d.setInt(['c', key, 'e'], 1); // a mode without its timer reads as off
      d.setBinary(['c', key, 'p'], 'http://half.example/pic'); // a URL without its key reads as no picture
      d.setInt(['c', key, 'Z'], 42); // a key of a newer client
      d.setBinary(['c', key, 'n'], '\xff\xfeJoe'); // a name that is not valid UTF-8
    });
    const c = contacts.get(REAL_ID);
    expect(c).toMatchObject({ notifications: 'all', expirationMode: 'none', expirationTimerSeconds: 0, profilePic: null });
    expect(contacts.setBlocked(REAL_ID, true)).toBe(true);
    const d = parseConfigMessage(contacts.serializedMessage());
    if (!d.ok) throw d.error;
    const entry = d.value.data;
    expect(entry.getInt(['c', key, '@'])).toBe(1);
    expect(entry.has(['c', key, 'e'])).toBe(false);
    expect(entry.has(['c', key, 'p'])).toBe(false);
    expect(entry.getInt(['c', key, 'Z'])).toBe(42);
    expect(entry.getBinary(['c', key, 'n'])).toBe('\xff\xfeJoe'); // not rewritten by an unrelated setter
    expect(entry.getInt(['c', key, 'b'])).toBe(1);
    // A setter that changes nothing does not dirty a clean config.
    contacts.push(NOW_MS);
    contacts.confirmPushed(contacts.seqno, 'h3');
    expect(contacts.setBlocked(REAL_ID, true)).toBe(false);
    expect(contacts.state).toBe('clean');
    expect(contacts.erase(REAL_ID)).toBe(true);
    expect(contacts.get(REAL_ID)).toBeNull();
    expect(contacts.size).toBe(0);
    expect(contacts.erase(REAL_ID)).toBe(false);
    expect(() => contacts.get('05abc')).toThrow();
    expect(() => contacts.setBlocked(`03${'00'.repeat(32)}`, true)).toThrow();
  });

  test('disappearing settings, priority, mute and notification modes', () => {
    const contacts = new Contacts(opts());
    contacts.setExpiry(REAL_ID, 'after_read', 3600);
    contacts.setPriority(REAL_ID, -1);
    contacts.setNotifications(REAL_ID, 'mentions_only', 1_800_000_000);
    expect(contacts.get(REAL_ID)).toMatchObject({ expirationMode: 'after_read', expirationTimerSeconds: 3600, priority: -1, notifications: 'all', muteUntil: 1_800_000_000 });
    contacts.setExpiry(REAL_ID, 'none', 3600);
    contacts.setMuteUntil(REAL_ID, 0);
    expect(contacts.get(REAL_ID)).toMatchObject({ expirationMode: 'none', expirationTimerSeconds: 0, muteUntil: 0 });
    const m = parseConfigMessage(contacts.serializedMessage());
    if (!m.ok) throw m.error;
    expect(m.value.data.keys(['c', binaryFromHex(REAL_ID)])).toEqual(['+', '@', 'n']);
  });
});

const GROUP_ID = '030111101001001000101010011011010010101010111010000110100001210000';
const OG_PUBKEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const LGROUP = '05' + 'cc'.repeat(32);

describe('ConvoInfoVolatile (libsession test_config_convo_info_volatile.cpp)', () => {
  test('1:1, community, group and legacy entries; dump/load; merge; iteration order; erase', () => {
    const REAL = '055000000000000000000000000000000000000000000000000000000000000000';
    const convos = new ConvoInfoVolatile(opts());
    expect(convos.get1to1(REAL)).toBeNull();
    expect(convos.size).toBe(0);
    expect(convos.needsPush || convos.needsDump).toBe(false);
    expect(convos.push(NOW_MS).seqno).toBe(0);
    convos.set1to1(REAL, { lastRead: NOW_MS, unread: false }, NOW_MS);
    expect(convos.getLegacyGroup(REAL)).toBeNull();
    expect(convos.get1to1(REAL)?.lastRead).toBe(NOW_MS);
    expect(convos.needsPush && convos.needsDump).toBe(true);
    convos.setCommunity('http://Example.ORG:5678', 'SudokuRoom', hex(OG_PUBKEY), { lastRead: 0, unread: true }, NOW_MS);
    expect(convos.getGroup(GROUP_ID)).toBeNull();
    convos.setGroup(GROUP_ID, { lastRead: NOW_MS, unread: true }, NOW_MS);
    const p1 = convos.push(NOW_MS);
    expect(p1.seqno).toBe(1);
    convos.confirmPushed(1, 'hash1');
    expect(convos.needsDump).toBe(true);
    expect(convos.needsPush).toBe(false);

    const convos2 = new ConvoInfoVolatile({ ...opts(), dump: convos.dump() });
    expect(convos.needsPush || convos.needsDump).toBe(false);
    expect(convos.push(NOW_MS).seqno).toBe(1);
    expect(convos2.get1to1(REAL)).toEqual({ lastRead: NOW_MS, unread: false });
    const x2 = convos2.getCommunity('http://EXAMPLE.org:5678', 'sudokuRoom');
    expect(x2 && { ...x2, pubkey: toHex(x2.pubkey as Uint8Array) }).toEqual({ lastRead: 0, unread: true, pubkey: OG_PUBKEY });
    expect(convos2.getGroup(GROUP_ID)).toEqual({ lastRead: NOW_MS, unread: true });

    convos2.set1to1(ANOTHER_ID, { lastRead: 0, unread: true }, NOW_MS);
    convos2.setLegacyGroup(LGROUP, { lastRead: NOW_MS - 50, unread: false }, NOW_MS);
    expect(convos2.needsPush).toBe(true);
    const p2 = convos2.push(NOW_MS);
    expect(p2.seqno).toBe(2);
    convos.merge([{ hash: 'hash2', data: p2.messages[0] as Uint8Array }], NOW_MS);
    convos2.confirmPushed(2, 'hash2');
    expect(convos.needsPush).toBe(false);
    expect(convos.push(NOW_MS).seqno).toBe(2);
    const label = (c: ReturnType<ConvoInfoVolatile['all']>[number]): string =>
      c.type === 'one_to_one' ? `1-to-1: ${c.sessionId}` : c.type === 'group' ? `gr: ${c.groupId}` : c.type === 'community' ? `comm: ${c.baseUrl}/r/${c.room}` : `lgr: ${c.groupId}`;
    for (const conv of [convos, convos2]) {
      expect(conv.all().map(label)).toEqual([`1-to-1: ${ANOTHER_ID}`, `1-to-1: ${REAL}`, `gr: ${GROUP_ID}`, 'comm: http://example.org:5678/r/sudokuroom', `lgr: ${LGROUP}`]);
    }
    expect(convos.needsPush).toBe(false);
    expect(convos.erase1to1('052000000000000000000000000000000000000000000000000000000000000000')).toBe(false);
    expect(convos.needsPush).toBe(false);
    expect(convos.erase1to1(REAL)).toBe(true);
    expect(convos.needsPush).toBe(true);
    expect(convos.size).toBe(4);
    expect(convos.eraseCommunity('http://example.org:5678', 'SUDOKUROOM')).toBe(true);
    const m = parseConfigMessage(convos.serializedMessage());
    expect(m.ok && m.value.data.has(['o'])).toBe(false); // the server went with its last room
  });

  test('dirty, then merge, then dirty again without a push (the upstream dump/load state bug)', () => {
    const conf = new ConvoInfoVolatile(opts());
    conf.set1to1(`05${'0123456789abcdef'.repeat(4)}`, { lastRead: NOW_MS, unread: false }, NOW_MS);
    expect(conf.push(NOW_MS).seqno).toBe(1);
    conf.confirmPushed(1, 'somehash');
    expect(conf.needsDump).toBe(true);
    const conf2 = new ConvoInfoVolatile({ ...opts(), dump: conf.dump() });
    conf.set1to1(ANOTHER_ID, { lastRead: NOW_MS, unread: false }, NOW_MS);
    const p2 = conf.push(NOW_MS);
    expect(p2.seqno).toBe(2);
    conf.confirmPushed(2, 'hash5235');
    conf2.set1to1(`0522221${'1'.repeat(59)}`, { lastRead: NOW_MS, unread: false }, NOW_MS);
    expect(conf2.merge([{ hash: 'hash5235', data: p2.messages[0] as Uint8Array }], NOW_MS).accepted).toEqual(['hash5235']);
    expect(conf2.needsPush).toBe(true);
    const c1 = conf2.get1to1(ANOTHER_ID);
    expect(c1).not.toBeNull();
    expect(() => conf2.set1to1(ANOTHER_ID, { ...(c1 as NonNullable<typeof c1>), lastRead: (c1?.lastRead ?? 0) + 10 }, NOW_MS)).not.toThrow();
    expect(conf2.needsPush).toBe(true);
    expect(conf2.push(NOW_MS).seqno).toBe(3);
    expect(conf2.get1to1(ANOTHER_ID)?.lastRead).toBe(NOW_MS + 10);
  });

  test('pruning: old last-reads are not stored, stale entries go at push, unread ones stay', () => {
    const convos = new ConvoInfoVolatile(opts());
    const now = NOW_MS;
    const pk = (x: number): Uint8Array => {
      const b = new Uint8Array(32);
      b[31] = x;
      return b;
    };
    const sid = (x: number): string => `05${toHex(pk(x))}`;
    const daysAgo = (d: number): number => now - 1 - d * DAY;
    for (let i = 0; i <= 65; i++) {
      const s = { lastRead: daysAgo(i), unread: i % 5 === 0 };
      if (i % 3 === 0) convos.set1to1(sid(i), s, now);
      else if (i % 3 === 1) convos.setLegacyGroup(sid(i), s, now);
      else convos.setCommunity('https://example.org', `room${i}`, pk(i), s, now);
    }
    const count = (t: string): number => convos.all().filter((c) => c.type === t).length;
    expect(count('one_to_one')).toBe(10 + 3); // 0…27 by last-read (30 is 1 ms too old); 30, 45, 60 unread
    expect(count('legacy_group')).toBe(10 + 2);
    expect(count('community')).toBe(10 + 3);
    expect(convos.size).toBe(38);
    // Entries another client stored directly: too old to be set, but pruned only beyond 45 days.
    injectRaw(convos, (d) => {
      for (const [x, days] of [
        [80, 33],
        [81, 40],
        [82, 44],
        [83, 45],
        [84, 46],
        [85, 1000],
      ] as const) {
        d.setInt(['1', binaryFromHex(sid(x)), 'r'], daysAgo(days));
      }
    });
    expect(count('one_to_one')).toBe(19);
    expect(convos.size).toBe(44);
    convos.push(now);
    expect(convos.size).toBe(41);
    // Lowering an existing last-read is always stored, even below the 30-day floor.
    const first = convos.all().find((c) => c.type === 'one_to_one' && c.lastRead > 0);
    if (first?.type !== 'one_to_one') throw new Error('no 1:1');
    convos.set1to1(first.sessionId, { lastRead: daysAgo(40), unread: false }, now);
    expect(convos.get1to1(first.sessionId)?.lastRead).toBe(daysAgo(40));
  });
});

describe('UserGroups (libsession test_config_user_groups.cpp)', () => {
  test('the upstream sequence: legacy group, community, empty v2 group; dump/load; case change; stale pushes obsoleted', () => {
    const users = Array.from({ length: 7 }, (_, i) => `05${String(i).repeat(64)}`);
    const groups = new UserGroups(opts());
    expect(groups.getLegacyGroup(LGROUP)).toBeNull();
    expect(groups.size).toBe(0);
    const c = groups.getOrConstructLegacyGroup(LGROUP);
    expect([c.disappearingTimerSeconds, c.encPubkey, c.encSeckey, c.priority, c.name, c.members.size, c.joinedAt, c.notifications, c.muteUntil]).toEqual([0, null, null, 0, '', 0, 0, 'default', 0]);
    expect(groups.needsPush || groups.needsDump).toBe(false);
    expect(groups.push(NOW_MS).seqno).toBe(0);
    const lg = ed25519KeyPairFromSeed(hex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'));
    const nowS = Math.floor(NOW_MS / 1000);
    Object.assign(c, { name: 'Englishmen', disappearingTimerSeconds: 3600, joinedAt: 1680064059, notifications: 'mentions_only', muteUntil: nowS + 3600, priority: 3 });
    c.encPubkey = lg.publicKey;
    c.encSeckey = lg.secretKey.subarray(0, 32);
    c.members = new Map([
      [users[0] as string, false],
      [users[1] as string, false],
      [users[2] as string, true],
    ]);
    groups.setLegacyGroup(c);
    expect(groups.needsPush && groups.needsDump).toBe(true);
    const og = groups.getOrConstructCommunity('http://Example.ORG:5678', 'SudokuRoom', hex(OG_PUBKEY));
    expect([og.baseUrl, og.room, toHex(og.pubkey)]).toEqual(['http://example.org:5678', 'SudokuRoom', OG_PUBKEY]);
    groups.setCommunity({ ...og, priority: 14 });
    const fakeGroup = `03${'01'.repeat(32)}`;
    groups.setGroup(groups.getOrConstructGroup(fakeGroup));
    const push1 = groups.push(NOW_MS);
    expect(push1.seqno).toBe(1);
    expect(push1.obsoleteHashes).toEqual([]);
    groups.confirmPushed(1, 'fakehash1');

    const g2 = new UserGroups({ ...opts(), dump: groups.dump() });
    expect(groups.needsPush || groups.needsDump || g2.needsPush || g2.needsDump).toBe(false);
    expect(g2.currentSwarmHashes).toEqual(['fakehash1']);
    expect(g2.size).toBe(3);
    const c1 = g2.getLegacyGroup(LGROUP);
    expect(c1 && { ...c1, encPubkey: toHex(c1.encPubkey as Uint8Array), encSeckey: toHex(c1.encSeckey as Uint8Array), members: [...c1.members] }).toEqual({
      ...c,
      encPubkey: toHex(lg.publicKey),
      encSeckey: toHex(lg.secretKey.subarray(0, 32)),
      members: [...c.members],
    });
    const x2 = g2.getCommunity('http://example.org:5678', 'SudokuRoom');
    expect([x2?.room, x2?.priority]).toEqual(['SudokuRoom', 14]);
    // A capitalization change of the room token is a change.
    g2.setCommunity({ ...(x2 as NonNullable<typeof x2>), room: 'sudokuRoom' });
    expect(g2.needsPush && g2.needsDump).toBe(true);
    expect(g2.currentSwarmHashes).toEqual([]);
    const push2 = g2.push(NOW_MS);
    expect(push2.seqno).toBe(2);
    expect(push2.obsoleteHashes).toEqual(['fakehash1']);
    g2.confirmPushed(2, 'fakehash2');
    expect(g2.currentSwarmHashes).toEqual(['fakehash2']);
    groups.merge([{ hash: 'fakehash2', data: push2.messages[0] as Uint8Array }], NOW_MS);
    expect(groups.getCommunity('http://example.org:5678', 'SudokuRoom')?.room).toBe('sudokuRoom');

    const members = new Map(c.members);
    members.delete(users[1] as string);
    members.set(users[4] as string, false).set(users[5] as string, true).set(users[6] as string, true);
    g2.setLegacyGroup({ ...c, members });
    g2.eraseCommunity('http://exAMple.ORG:5678/', 'sudokuROOM');
    const push3 = g2.push(NOW_MS);
    g2.confirmPushed(3, 'fakehash3');
    expect(push3.seqno).toBe(3);
    expect(push3.obsoleteHashes).toEqual(['fakehash2']);
    groups.merge([{ hash: 'fakehash3', data: push3.messages[0] as Uint8Array }], NOW_MS);
    expect([groups.size, groups.communities().length, groups.legacyGroups().length, groups.groups().length]).toEqual([2, 0, 1, 1]);

    ['fee', 'fi', 'fo', 'fum'].forEach((room, prio) => {
      groups.setCommunity({ ...groups.getOrConstructCommunity('http://jacksbeanstalk.org', room, '0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff'), priority: prio });
    });
    expect(groups.size).toBe(6);
    const push4 = groups.push(NOW_MS);
    groups.confirmPushed(4, 'fakehash4');
    expect(push4.seqno).toBe(4);
    expect(new Set(push4.obsoleteHashes)).toEqual(new Set(['fakehash1', 'fakehash2', 'fakehash3']));
    // Old pushes arriving with the new one are obsoleted at once.
    g2.merge(
      [
        { hash: 'fakehash10', data: push3.messages[0] as Uint8Array },
        { hash: 'fakehash11', data: push1.messages[0] as Uint8Array },
        { hash: 'fakehash12', data: push2.messages[0] as Uint8Array },
        { hash: 'fakehash4', data: push4.messages[0] as Uint8Array },
      ],
      NOW_MS,
    );
    expect(g2.needsDump).toBe(true);
    expect(g2.needsPush).toBe(false);
    expect(g2.currentSwarmHashes).toEqual(['fakehash4']);
    const again = g2.push(NOW_MS);
    expect(again.seqno).toBe(4);
    expect(new Set(again.obsoleteHashes)).toEqual(new Set(['fakehash10', 'fakehash11', 'fakehash12', 'fakehash3']));
    for (const g of [groups, g2]) {
      const seen = [
        ...g.groups().map((x) => `group: ${x.groupId}`),
        ...g.communities().map((x) => `community: ${x.baseUrl}/r/${x.room}`),
        ...g.legacyGroups().map((x) => {
          const admins = [...x.members.values()].filter(Boolean).length;
          return `legacy: ${x.name}, ${admins} admins, ${x.members.size - admins} members`;
        }),
      ];
      expect(seen).toEqual([
        `group: ${fakeGroup}`,
        'community: http://jacksbeanstalk.org/r/fee',
        'community: http://jacksbeanstalk.org/r/fi',
        'community: http://jacksbeanstalk.org/r/fo',
        'community: http://jacksbeanstalk.org/r/fum',
        'legacy: Englishmen, 3 admins, 2 members',
      ]);
    }
  });

  test('communities: canonical URL and room key, case-preserved token, erase with the server', () => {
    const g = new UserGroups(opts());
    expect(() => g.getOrConstructCommunity('example.org', 'room', OG_PUBKEY)).toThrow(/http/);
    expect(() => g.getOrConstructCommunity('http://example.org/path', 'room', OG_PUBKEY)).toThrow(/path/);
    expect(() => g.getOrConstructCommunity('http://example.org', 'bad room', OG_PUBKEY)).toThrow(/room/);
    const c = g.getOrConstructCommunity('HTTPS://Example.ORG:443/', 'SudokuRoom', OG_PUBKEY);
    expect([c.baseUrl, c.room]).toEqual(['https://example.org', 'SudokuRoom']);
    g.setCommunity({ ...c, priority: 14, notifications: 'mentions_only', muteUntil: 123, invited: true });
    const back = g.getCommunity('https://EXAMPLE.org', 'sudokuroom');
    expect(back && { ...back, pubkey: toHex(back.pubkey) }).toEqual({ ...c, pubkey: OG_PUBKEY, priority: 14, notifications: 'mentions_only', muteUntil: 123, invited: true });
    expect(g.communities().map((x) => x.room)).toEqual(['SudokuRoom']);
    expect(g.eraseCommunity('https://example.org', 'SUDOKUROOM')).toBe(true);
    expect(g.size).toBe(0);
    expect(g.eraseCommunity('https://example.org', 'sudokuroom')).toBe(false);
  });

  test('legacy groups: name, key pair together, members and admins, timer', () => {
    const g = new UserGroups(opts());
    const lg = g.getOrConstructLegacyGroup(LGROUP);
    lg.name = 'Englishmen';
    lg.encPubkey = new Uint8Array(32).fill(1);
    lg.encSeckey = new Uint8Array(31); // not a pair: both are left out
    for (let i = 0; i < 10; i++) lg.members.set(`05${`${i}`.repeat(64)}`, i < 2);
    lg.disappearingTimerSeconds = 60;
    g.setLegacyGroup(lg);
    const back = g.getLegacyGroup(LGROUP);
    expect(back?.encPubkey).toBeNull();
    expect([...(back?.members ?? new Map())].filter(([, admin]) => admin)).toHaveLength(2);
    expect(back?.members.size).toBe(10);
    expect(back?.disappearingTimerSeconds).toBe(60);
    lg.members.clear();
    g.setLegacyGroup(lg);
    const m = parseConfigMessage(g.serializedMessage());
    if (!m.ok) throw m.error;
    expect(m.value.data.keys(['C', binaryFromHex(LGROUP)])).toEqual(['E', 'n']); // empty sets are not stored
    expect(g.legacyGroups().map((x) => x.name)).toEqual(['Englishmen']);
  });

  test('groups v2: admin seed only when it matches, auth data otherwise, removal status, unknown entries kept', () => {
    const seed = hex('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
    const kp = ed25519KeyPairFromSeed(seed);
    const gid = `03${toHex(kp.publicKey)}`;
    const g = new UserGroups(opts());
    g.setGroup({ ...g.getOrConstructGroup(gid), name: 'Invite name', secretKey: kp.secretKey, invited: true });
    expect(toHex(g.getGroup(gid)?.secretKey ?? new Uint8Array())).toBe(toHex(kp.secretKey));
    const other = `03${'ab'.repeat(32)}`;
    const auth = new Uint8Array(100).fill(7);
    g.setGroup({ ...g.getOrConstructGroup(other), secretKey: kp.secretKey, authData: auth, removedStatus: 'kicked' });
    const o = g.getGroup(other);
    expect(o?.secretKey).toBeNull(); // the key belongs to another group
    expect(o?.authData && toHex(o.authData)).toBe(toHex(auth));
    expect(o?.removedStatus).toBe('kicked');
    const m = parseConfigMessage(g.serializedMessage());
    if (!m.ok) throw m.error;
    expect(m.value.data.getBinary(['g', binaryFromHex(other), 'K'])).toBe('');
    expect(m.value.data.getBinary(['g', binaryFromHex(gid), 'K'])?.length).toBe(32);
    expect(g.groups().map((x) => x.groupId)).toEqual([gid, other].sort());

    // Entries and keys this version does not act on stay through edits of other entries.
    g.push(NOW_MS);
    g.confirmPushed(g.seqno, 'h1');
    injectRaw(g, (d) => {
      d.setInt(['g', binaryFromHex(gid), 'Y'], 5);
      d.setBinary(['x', 'future'], 'kind of entry');
    });
    g.setCommunity(g.getOrConstructCommunity('https://example.org', 'r', OG_PUBKEY));
    const after = parseConfigMessage(g.push(NOW_MS).plaintext);
    if (!after.ok) throw after.error;
    expect(after.value.data.getInt(['g', binaryFromHex(gid), 'Y'])).toBe(5);
    expect(after.value.data.getBinary(['x', 'future'])).toBe('kind of entry');
  });
});
