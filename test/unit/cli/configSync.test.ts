// The config-sync commands of CLI contract v2 against the fake backend: output shapes, argument errors, the
// backend calls each makes, and the delivery rule (a change waits for its follow-ups before exiting; a
// follow-up that failed or stayed unconfirmed exits 1 after the record).
import type { FollowUpFailure } from '../../../ts/backend/services/followUps';
import { runCli } from '../../../ts/cli/run';
import type { ContactView, ConversationSummary } from '../../../ts/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { ALICE, BOB, account, fakeBackend, io, msg } from './fakeBackend';

const CAROL = '05' + 'c3'.repeat(32);
const GROUP = '03' + 'd4'.repeat(32);

function convo(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id: BOB, kind: 'private', name: 'Bobby', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 5, ...over };
}

const BOB_CONTACT: ContactView = { id: BOB, profileName: 'Bob', nickname: 'Bobby', approved: true, approvedMe: true, blocked: false };
const CAROL_CONTACT: ContactView = { id: CAROL, approved: false, approvedMe: true, blocked: true };

const pushFailure: FollowUpFailure = {
  source: 'config',
  kind: 'config-push',
  id: '1',
  destination: ALICE,
  attempts: 6,
  error: 'The network is unreachable.',
  earlier: false,
};

/** The calls a command made, without the account check every command starts with. */
const trace = (b: ReturnType<typeof fakeBackend>) => b.calls.filter(([m]) => m !== 'account.get');

describe('session-cli config sync: conversation state', () => {
  it.each([
    ['pin', 'conversations.setPinned', { id: BOB, pinned: true }],
    ['unpin', 'conversations.setPinned', { id: BOB, pinned: false }],
    ['read', 'conversations.markRead', { id: BOB }],
    ['mark-unread', 'conversations.markUnread', { id: BOB }],
  ])('%s calls %s between the follow-up mark and settle, then prints the conversation', async (cmd, method, params) => {
    const b = fakeBackend({ ...account, [method]: () => convo({ pinnedPriority: 1, lastReadTimestamp: 4000, markedUnread: cmd === 'mark-unread' }) });
    const t = io(b);
    expect(await runCli(['--json', cmd, BOB.toUpperCase()], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      [method, params],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([
      {
        id: BOB,
        kind: 'private',
        name: 'Bobby',
        isApproved: true,
        isRequest: false,
        isBlocked: false,
        unreadCount: 0,
        updatedAt: 5,
        pinned: true,
        lastReadTimestamp: 4000,
        markedUnread: cmd === 'mark-unread',
      },
    ]);
    expect(t.err).toEqual([]);
  });

  it('accepts a community room URL (made canonical) and a group id as conversation ids', async () => {
    const b = fakeBackend({ ...account, 'conversations.setPinned': (p: { id: string }) => convo({ id: p.id, kind: 'community', pinnedPriority: 1 }) });
    const t = io(b);
    expect(await runCli(['--json', 'pin', 'HTTP://Chat.Example.org:8080/Lobby?public_key=' + 'ab'.repeat(32)], t.value)).toBe(0);
    expect(trace(b)[1]).toEqual(['conversations.setPinned', { id: 'http://chat.example.org:8080/lobby', pinned: true }]);
    const g = io(b);
    expect(await runCli(['--json', 'unpin', GROUP], g.value)).toBe(0);
    expect(b.calls.at(-2)).toEqual(['conversations.setPinned', { id: GROUP, pinned: false }]);
  });

  it('prints the record and exits 1 when the config push failed or was not confirmed in time', async () => {
    const failed = fakeBackend({ ...account, 'conversations.markRead': () => convo({ lastReadTimestamp: 9 }) }, { failed: [pushFailure] });
    const f = io(failed);
    expect(await runCli(['--json', 'read', BOB], f.value)).toBe(1);
    expect(f.lines()).toEqual([expect.objectContaining({ id: BOB, lastReadTimestamp: 9 })]);
    expect(f.err.join('')).toBe(
      'session-cli: Not everything was stored: the settings update for your other devices: The network is unreachable. It is retried the next time this profile is opened.\n',
    );

    const never = fakeBackend({ ...account, 'conversations.setPinned': () => convo({ pinnedPriority: 1 }) }, 'never');
    const n = io(never, { env: { SESSION_CLI_WAIT_MS: '4000' } });
    expect(await runCli(['--json', 'pin', BOB], n.value)).toBe(1);
    expect(n.lines()).toEqual([expect.objectContaining({ pinned: true })]);
    expect(n.err.join('')).toMatch(/^session-cli: 1 follow-up store\(s\) .* were not confirmed in time\. They stay queued/);

    // Only an earlier change still pending: this change is complete (a warning, exit 0).
    const earlier = fakeBackend({ ...account, 'conversations.setPinned': () => convo({ pinnedPriority: 1 }) }, 'never-earlier');
    const e = io(earlier, { env: { SESSION_CLI_WAIT_MS: '4000' } });
    expect(await runCli(['--json', 'pin', BOB], e.value)).toBe(0);
    expect(e.err.join('')).toMatch(/^session-cli: warning: 1 follow-up store\(s\) of earlier changes/);
  });

  it('reports a backend refusal on one line: unknown conversation (exit 1), config sync unavailable (exit 1)', async () => {
    const missing = fakeBackend({ ...account, 'conversations.setPinned': () => { throw new IpcError('not_found', 'No such conversation.'); } });
    const m = io(missing);
    expect(await runCli(['--json', 'pin', CAROL], m.value)).toBe(1);
    expect(m.out).toEqual([]);
    expect(m.err.join('')).toBe('session-cli: No such conversation.\n');
    // The fake backend answers "unavailable" for anything unscripted, as the backend does before config sync.
    const none = fakeBackend(account);
    const u = io(none);
    expect(await runCli(['mark-unread', BOB], u.value)).toBe(1);
    expect(u.err.join('')).toMatch(/^session-cli: conversations\.markUnread is not scripted\n$/);
  });

  it('shows people the state in labelled fields', async () => {
    const b = fakeBackend({ ...account, 'conversations.markUnread': () => convo({ markedUnread: true, unreadCount: 0 }) });
    const t = io(b);
    expect(await runCli(['mark-unread', BOB], t.value)).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(new RegExp(`^Marked unread: +${BOB}$`, 'm'));
    expect(text).toMatch(/^Unread: +0 \(marked unread\)$/m);
    expect(text).toMatch(/^Pinned: +no$/m);
    expect(text).toMatch(/^Read up to: +nothing read yet$/m);
  });

  it.each([
    [['pin'], /Missing argument for "pin": expected a conversation ID/],
    [['pin', BOB, CAROL], /Too many arguments for "pin"/],
    [['read', 'nope'], /Invalid conversation ID "nope": it may contain only hex digits/],
    [['unpin', '05abc'], /Invalid conversation ID "05abc": it has 5 characters instead of 66/],
    [['mark-unread', '07' + 'a'.repeat(64)], /must start with 05 or 03/],
    [['read', '25' + 'a'.repeat(64)], /blinded/],
    [['pin', 'http://host/'], /Invalid community URL "http:\/\/host\/": expected http\(s\):\/\/HOST\[:PORT\]\/ROOM/],
    [['pin', 'https://host/a/b'], /Invalid community URL/],
    [['read', BOB, '--clear'], /--clear does not apply to "read"/],
  ])('rejects %j with exit 2 and no backend', async (argv, message) => {
    const b = fakeBackend(account);
    const t = io(b);
    expect(await runCli(['--json', ...argv], t.value)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toMatch(message);
    expect(t.err.join('')).toMatch(/^session-cli: .*\nRun "session-cli help" for usage\.\n$/);
    expect(b.opened).toEqual([]);
  });
});

describe('session-cli config sync: conversations and requests rows', () => {
  it('carry pinned (from the pin priority), lastReadTimestamp (ms or null) and markedUnread', async () => {
    const list = [
      convo({ pinnedPriority: 2, lastReadTimestamp: 1234, lastMessage: msg({ id: 'm9', direction: 'incoming', sender: BOB, status: 'received', timestamp: 1234 }) }),
      convo({ id: CAROL, name: undefined, markedUnread: true, unreadCount: 3 }),
    ];
    const b = fakeBackend({ ...account, 'conversations.list': (p: { requests?: boolean }) => (p.requests ? [list[1]] : list) });
    const t = io(b);
    expect(await runCli(['--json', 'conversations'], t.value)).toBe(0);
    expect(t.lines()).toEqual([
      expect.objectContaining({ id: BOB, pinned: true, lastReadTimestamp: 1234, markedUnread: false, lastMessage: expect.objectContaining({ id: 'm9' }) }),
      expect.objectContaining({ id: CAROL, pinned: false, lastReadTimestamp: null, markedUnread: true, unreadCount: 3 }),
    ]);
    const r = io(b);
    expect(await runCli(['--json', 'requests'], r.value)).toBe(0);
    expect(r.lines()).toEqual([expect.objectContaining({ id: CAROL, pinned: false, lastReadTimestamp: null })]);
    // Listing changes nothing: no follow-up wait.
    expect(b.calls.map(([m]) => m)).not.toContain('followUps.settle');

    const people = io(b);
    expect(await runCli(['conversations'], people.value)).toBe(0);
    const [header, bobRow, carolRow] = people.out.join('').split('\n');
    expect(header).toMatch(/^Session ID +Name +Kind +Pinned +Unread +Last activity +Last message$/);
    expect(bobRow).toMatch(/ private +yes +0 /);
    expect(carolRow).toMatch(/ private +3 \(marked\) /);
  });
});

describe('session-cli config sync: contacts', () => {
  it('contacts lists each contact in the contract shape (null for unknown names; avatarPath null without a picture)', async () => {
    const b = fakeBackend({ ...account, 'contacts.list': () => [BOB_CONTACT, CAROL_CONTACT] });
    const t = io(b);
    expect(await runCli(['--json', 'contacts'], t.value)).toBe(0);
    expect(t.lines()).toEqual([
      { sessionId: BOB, name: 'Bob', nickname: 'Bobby', approved: true, approvedMe: true, blocked: false, avatarPath: null },
      { sessionId: CAROL, name: null, nickname: null, approved: false, approvedMe: true, blocked: true, avatarPath: null },
    ]);
    const people = io(b);
    expect(await runCli(['contacts'], people.value)).toBe(0);
    const lines = people.out.join('').split('\n');
    expect(lines[0]).toMatch(/^Session ID +Name +Nickname +Approved +Approved me +Blocked +Picture$/);
    expect(lines[2]).toMatch(new RegExp(`^${CAROL} +no +yes +blocked$`));

    const none = fakeBackend({ ...account, 'contacts.list': () => [] });
    const n = io(none);
    expect(await runCli(['contacts'], n.value)).toBe(0);
    expect(n.out.join('')).toBe('No contacts yet.\n');
    const nj = io(none);
    expect(await runCli(['--json', 'contacts'], nj.value)).toBe(0);
    expect(nj.out).toEqual([]);
  });

  it('nickname sets and --clear clears, waiting for the push, then prints the contact', async () => {
    let current: ContactView = { ...BOB_CONTACT, nickname: undefined };
    const b = fakeBackend({
      ...account,
      'conversations.setNickname': (p: { id: string; nickname: string | null }) => {
        current = { ...current, ...(p.nickname === null ? { nickname: undefined } : { nickname: p.nickname }) };
        return convo();
      },
      'contacts.list': () => [CAROL_CONTACT, current],
    });
    const t = io(b);
    expect(await runCli(['--json', 'nickname', BOB, ' Bobby 🐝 '], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      // The contract trims names (as the UI's field does).
      ['conversations.setNickname', { id: BOB, nickname: 'Bobby 🐝' }],
      ['followUps.settle', { outbox: 7 }],
      ['contacts.list', {}],
    ]);
    expect(t.lines()).toEqual([{ sessionId: BOB, name: 'Bob', nickname: 'Bobby 🐝', approved: true, approvedMe: true, blocked: false, avatarPath: null }]);

    const c = io(b);
    expect(await runCli(['--json', 'nickname', BOB, '--clear'], c.value)).toBe(0);
    expect(b.calls.find(([m, p]) => m === 'conversations.setNickname' && (p as { nickname: unknown }).nickname === null)).toBeDefined();
    expect(c.lines()).toEqual([expect.objectContaining({ sessionId: BOB, nickname: null })]);
  });

  it('block and unblock store through setBlocked and print the contact; a failed push exits 1 after it', async () => {
    let blocked = false;
    const b = fakeBackend(
      {
        ...account,
        'conversations.setBlocked': (p: { blocked: boolean }) => {
          blocked = p.blocked;
          return convo({ isBlocked: blocked });
        },
        'contacts.list': () => [{ ...CAROL_CONTACT, blocked }],
      },
      { failed: [pushFailure] },
    );
    const t = io(b);
    expect(await runCli(['--json', 'block', CAROL], t.value)).toBe(1);
    expect(trace(b).slice(0, 3)).toEqual([
      ['followUps.mark', undefined],
      ['conversations.setBlocked', { id: CAROL, blocked: true }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([{ sessionId: CAROL, name: null, nickname: null, approved: false, approvedMe: true, blocked: true, avatarPath: null }]);
    expect(t.err.join('')).toMatch(/Not everything was stored: the settings update for your other devices/);

    const ok = fakeBackend({ ...account, 'conversations.setBlocked': () => convo(), 'contacts.list': () => [{ ...CAROL_CONTACT, blocked: false }] });
    const u = io(ok);
    expect(await runCli(['unblock', CAROL], u.value)).toBe(0);
    expect(ok.calls.find(([m]) => m === 'conversations.setBlocked')![1]).toEqual({ id: CAROL, blocked: false });
    expect(u.out.join('')).toMatch(new RegExp(`^Unblocked: +${CAROL}$`, 'm'));
    expect(u.out.join('')).toMatch(/^Blocked: +no$/m);
  });

  it('refuses to block ourselves (exit 2) without changing anything', async () => {
    const b = fakeBackend(account);
    const t = io(b);
    expect(await runCli(['--json', 'block', ALICE], t.value)).toBe(2);
    expect(t.err.join('')).toBe('session-cli: You cannot block yourself.\n');
    expect(trace(b)).toEqual([]);
  });

  it.each([
    [['contacts', BOB], /Too many arguments for "contacts"/],
    [['nickname', BOB], /Missing argument for "nickname": expected SESSION_ID and NAME, or SESSION_ID --clear/],
    [['nickname', BOB, 'A', 'B'], /Too many arguments for "nickname"/],
    [['nickname', BOB, 'Bobby', '--clear'], /Too many arguments for "nickname": expected SESSION_ID with --clear/],
    [['nickname', BOB, '--clear=yes'], /Option --clear takes no value/],
    [['nickname', BOB, '   '], /The nickname must not be empty/],
    [['nickname', BOB, 'x'.repeat(101)], /The nickname is too long: at most 100 characters/],
    [['nickname', GROUP, 'G'], /Invalid Session ID .*group ID/],
    [['block'], /Missing argument for "block": expected a SESSION_ID/],
    [['unblock', 'nope'], /Invalid Session ID "nope"/],
    [['block', 'http://host/room'], /Invalid Session ID/],
  ])('rejects %j with exit 2', async (argv, message) => {
    const b = fakeBackend(account);
    const t = io(b);
    expect(await runCli(['--json', ...argv], t.value)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(b.opened).toEqual([]);
  });
});

describe('session-cli config sync: profile', () => {
  it('name sets the display name, waits for the profile push, and prints sessionId and displayName', async () => {
    const b = fakeBackend({ ...account, 'account.setDisplayName': (p: { displayName: string }) => ({ sessionId: ALICE, displayName: p.displayName }) });
    const t = io(b);
    expect(await runCli(['--json', 'name', 'Alice Prime'], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['account.setDisplayName', { displayName: 'Alice Prime' }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: 'Alice Prime' }]);

    const bad = fakeBackend({ ...account, 'account.setDisplayName': () => { throw new IpcError('invalid_params', 'Display names are at most 100 characters.'); } });
    const e = io(bad);
    expect(await runCli(['name', 'x'], e.value)).toBe(2);
    expect(e.err.join('')).toBe('session-cli: Display names are at most 100 characters.\n');
  });

  it.each([
    [['name'], /Missing argument for "name"/],
    [['name', 'A', 'B'], /Too many arguments for "name": expected NAME \(quote a name with spaces\)/],
    [['name', ' '], /The display name must not be empty/],
  ])('rejects %j with exit 2', async (argv, message) => {
    const t = io(fakeBackend(account));
    expect(await runCli(argv, t.value)).toBe(2);
    expect(t.err.join('')).toMatch(message);
  });

  it('restore prints the display name the backend found on the network, not --name', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.restore': () => ({ sessionId: ALICE, displayName: 'From the network' }) });
    const t = io(b, { readStdin: async () => 'the words\n' });
    expect(await runCli(['--json', 'restore', '-', '--name', 'Fallback'], t.value)).toBe(0);
    // A new account: everything it queues is the restore's own (no mark, settle from the start).
    expect(trace(b)).toEqual([
      ['account.restore', { mnemonic: 'the words', displayName: 'Fallback' }],
      ['followUps.settle', undefined],
    ]);
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: 'From the network' }]);
    expect(t.err).toEqual([]);

    const people = io(b, { readStdin: async () => 'the words\n' });
    expect(await runCli(['restore', '-', '--name', 'Fallback'], people.value)).toBe(0);
    expect(people.err.join('')).toMatch(/^Using the display name from the network: From the network$/m);
  });

  it('restore falls back to --name; without either it prints null and says how to set one', async () => {
    const fallback = fakeBackend({ 'account.get': () => null, 'account.restore': (p: { displayName?: string }) => ({ sessionId: ALICE, displayName: p.displayName }) });
    const f = io(fallback);
    expect(await runCli(['--json', 'restore', 'w1 w2', '--name', 'Fallback'], f.value)).toBe(0);
    expect(f.lines()).toEqual([{ sessionId: ALICE, displayName: 'Fallback' }]);

    const t = io(fallback);
    expect(await runCli(['--json', 'restore', 'w1 w2'], t.value)).toBe(0);
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: null }]);
    expect(t.err.join('')).toBe('session-cli: warning: no display name arrived from the network; set one with "session-cli name NAME".\n');
  });

  it('restore exits 1 after printing the account when the fallback name push was not stored', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.restore': () => ({ sessionId: ALICE, displayName: 'Fallback' }) }, { failed: [pushFailure] });
    const t = io(b);
    expect(await runCli(['--json', 'restore', 'w1 w2', '--name', 'Fallback'], t.value)).toBe(1);
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: 'Fallback' }]);
    expect(t.err.join('')).toMatch(/Not everything was stored: the settings update for your other devices/);
  });

  it('create waits for its profile push and still prints the recovery password when that push fails', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.create': () => ({ sessionId: ALICE, mnemonic: 'w1 w2' }) }, { failed: [pushFailure] });
    const t = io(b);
    expect(await runCli(['--json', 'create', '--name', 'Alice'], t.value)).toBe(1);
    expect(trace(b)).toEqual([
      ['account.create', { displayName: 'Alice' }],
      ['followUps.settle', undefined],
    ]);
    expect(t.lines()).toEqual([{ sessionId: ALICE, mnemonic: 'w1 w2' }]);
  });
});

describe('session-cli config sync: settings', () => {
  it.each([
    ['read-receipts', 'readReceipts'],
    ['typing-indicators', 'typingIndicators'],
    ['link-previews', 'linkPreviews'],
    ['community-message-requests', 'communityMessageRequests'],
  ] as const)('set %s on|off stores %s and waits for its push; get reads it back', async (cli, key) => {
    let settings = { ...DEFAULT_SETTINGS };
    const b = fakeBackend({
      ...account,
      'settings.set': (p: { key: typeof key; value: boolean }) => (settings = { ...settings, [p.key]: p.value }),
      'settings.getAll': () => settings,
    });
    const g0 = io(b);
    expect(await runCli(['--json', 'get', cli], g0.value)).toBe(0);
    expect(g0.lines()).toEqual([{ key: cli, value: 'off' }]);

    const s = io(b);
    expect(await runCli(['--json', 'set', cli.toUpperCase(), 'ON'], s.value)).toBe(0);
    expect(s.lines()).toEqual([{ key: cli, value: 'on' }]);
    expect(trace(b).slice(1)).toEqual([
      ['followUps.mark', undefined],
      ['settings.set', { key, value: true }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    const g1 = io(b);
    expect(await runCli(['--json', 'get', cli], g1.value)).toBe(0);
    expect(g1.lines()).toEqual([{ key: cli, value: 'on' }]);
    const off = io(b);
    expect(await runCli(['set', cli, 'off'], off.value)).toBe(0);
    expect(off.out.join('')).toBe(`Setting: ${cli}\nValue:   off\n`);
  });

  it.each([
    [['set'], /Missing argument for "set": expected KEY and on\|off \(keys: read-receipts, typing-indicators, link-previews, community-message-requests\)/],
    [['set', 'read-receipts'], /Missing argument for "set"/],
    [['set', 'read-receipts', 'yes'], /Invalid value "yes" for read-receipts: expected on or off/],
    [['set', 'theme', 'on'], /Unknown setting "theme": expected one of read-receipts, typing-indicators, link-previews, community-message-requests/],
    [['get'], /Missing argument for "get": expected a KEY/],
    [['get', 'nope'], /Unknown setting "nope"/],
    [['get', 'read-receipts', 'on'], /Too many arguments for "get"/],
  ])('rejects %j with exit 2', async (argv, message) => {
    const t = io(fakeBackend(account));
    expect(await runCli(argv, t.value)).toBe(2);
    expect(t.err.join('')).toMatch(message);
  });
});

describe('session-cli config sync: decline and receive', () => {
  it('decline takes a group invitation id too, waits for follow-ups, and prints {"id","declined":true}', async () => {
    const b = fakeBackend({ ...account, 'conversations.decline': (p: { id: string }) => ({ id: p.id }) });
    const t = io(b);
    expect(await runCli(['--json', 'decline', GROUP.toUpperCase()], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['conversations.decline', { id: GROUP }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([{ id: GROUP, declined: true }]);
    const url = io(b);
    expect(await runCli(['decline', 'http://host/room'], url.value)).toBe(2);
    expect(url.err.join('')).toMatch(/A community has no requests to decline/);
  });

  it('receive prints what arrived, then waits for the config merge push and exits 1 when it failed', async () => {
    const incoming = msg({ id: 'i1', sender: BOB, conversationId: BOB, direction: 'incoming', status: 'received', text: 'yo' });
    const b = fakeBackend({ ...account, 'sync.pollNow': () => ({ newMessages: 1, dropped: 0 }), 'messages.takeNew': () => [incoming] }, { failed: [pushFailure] });
    const t = io(b);
    expect(await runCli(['--json', 'receive'], t.value)).toBe(1);
    expect(t.lines()).toEqual([{ id: 'i1', conversationId: BOB, sender: BOB, text: 'yo', timestamp: 1000 }]);
    expect(t.err.join('')).toMatch(/^session-cli: Not everything was stored: the settings update for your other devices/);
    const names = trace(b).map(([m]) => m);
    // The mark comes before the poll, so a merge the poll makes counts as this command's own.
    expect(names).toEqual(['followUps.mark', 'sync.pollNow', 'messages.takeNew', 'messages.takeNew', 'followUps.settle']);
  });

  it('receive with nothing new still waits for a pending push before exiting 0, and a push still pending at the deadline exits 1', async () => {
    const quiet = fakeBackend({ ...account, 'sync.pollNow': () => ({ newMessages: 0, dropped: 0 }), 'messages.takeNew': () => [] });
    const q = io(quiet);
    expect(await runCli(['--json', 'receive'], q.value)).toBe(0);
    expect(trace(quiet).map(([m]) => m)).toEqual(['followUps.mark', 'sync.pollNow', 'messages.takeNew', 'followUps.settle']);

    const stuck = fakeBackend({ ...account, 'sync.pollNow': () => ({ newMessages: 0, dropped: 0 }), 'messages.takeNew': () => [] }, 'never');
    const s = io(stuck, { env: { SESSION_CLI_WAIT_MS: '3000' } });
    expect(await runCli(['--json', 'receive'], s.value)).toBe(1);
    expect(s.out).toEqual([]);
    expect(s.err.join('')).toMatch(/not confirmed in time/);
  });

  it('receive whose poll failed with nothing to print exits 1 at once, without waiting on the network', async () => {
    const down = fakeBackend({ ...account, 'sync.pollNow': () => { throw new IpcError('network', 'The network is unreachable.'); }, 'messages.takeNew': () => [] }, 'never');
    const d = io(down);
    expect(await runCli(['receive'], d.value)).toBe(1);
    expect(d.err.join('')).toBe('session-cli: The network is unreachable.\n');
    expect(trace(down).map(([m]) => m)).not.toContain('followUps.settle');
  });
});
