// The admin group commands (spec/cli.md "Communities and groups") against the fake backend: the backend calls
// each makes between the follow-up mark and settle (the delivery rule), the exact --json rows, our own
// Session ID refused before anything is sent, the backend's refusals mapped to exit codes, and a failed
// invitation or promotion printed and then exit 1. The devnet scenario is test/integration/cli/groupAdmin.test.ts.
import type { FollowUpFailure } from '../../../ts/backend/services/followUps';
import { runCli } from '../../../ts/cli/run';
import type { ConversationSummary, GroupMemberView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { ALICE, BOB, account, fakeBackend, io, msg } from './fakeBackend';

const CAROL = '05' + 'c3'.repeat(32);
const GROUP = '03' + 'd4'.repeat(32);

const trace = (b: ReturnType<typeof fakeBackend>) => b.calls.filter(([m]) => m !== 'account.get');

function groupConvo(over: Partial<NonNullable<ConversationSummary['group']>> = {}, name = 'Team'): ConversationSummary {
  return {
    id: GROUP,
    kind: 'group',
    name,
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount: 0,
    updatedAt: 5,
    group: { name, memberCount: 3, admin: true, invitationPending: false, kicked: false, destroyed: false, ...over },
  };
}

const member = (sessionId: string, role: GroupMemberView['role'], status: GroupMemberView['status'], name?: string): GroupMemberView => ({
  sessionId,
  role,
  status,
  ...(name !== undefined ? { name } : {}),
});

const pushFailure: FollowUpFailure = { source: 'config', kind: 'config-push', id: '1', destination: ALICE, attempts: 6, error: 'The network is unreachable.', earlier: false };

describe('session-cli group admin commands', () => {
  it('group create calls groups.create under the delivery rule and prints the group with every member, us as admin', async () => {
    const members = [member(ALICE, 'admin', 'joined', 'Alice'), member(BOB, 'member', 'invite-sent', 'Bob'), member(CAROL, 'member', 'invite-sent')];
    const b = fakeBackend({ ...account, 'groups.create': () => groupConvo(), 'groups.members': () => members });
    const t = io(b);
    expect(await runCli(['--json', 'group', 'create', ' Team ', BOB, CAROL.toUpperCase()], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['groups.create', { name: 'Team', members: [BOB, CAROL] }],
      ['followUps.settle', { outbox: 7 }],
      ['groups.members', { id: GROUP }],
    ]);
    expect(t.lines()).toEqual([
      {
        id: GROUP,
        name: 'Team',
        members: [
          { sessionId: ALICE, name: 'Alice', role: 'admin', status: 'joined' },
          { sessionId: BOB, name: 'Bob', role: 'member', status: 'invite-sent' },
          { sessionId: CAROL, name: '', role: 'member', status: 'invite-sent' },
        ],
      },
    ]);
  });

  it('group create prints a failed invitation, then exits 1 saying how to resend it', async () => {
    const members = [member(ALICE, 'admin', 'joined'), member(BOB, 'member', 'invite-failed')];
    const t = io(fakeBackend({ ...account, 'groups.create': () => groupConvo(), 'groups.members': () => members }));
    expect(await runCli(['--json', 'group', 'create', 'Team', BOB], t.value)).toBe(1);
    expect(t.lines()).toEqual([{ id: GROUP, name: 'Team', members: [expect.objectContaining({ sessionId: ALICE }), expect.objectContaining({ sessionId: BOB, status: 'invite-failed' })] }]);
    expect(t.err.join('')).toBe(`session-cli: The invitation could not be stored for ${BOB}. Resend it with: session-cli group invite ${GROUP} ${BOB}\n`);
  });

  it('group create for people: the group, then a member table', async () => {
    const t = io(fakeBackend({ ...account, 'groups.create': () => groupConvo(), 'groups.members': () => [member(ALICE, 'admin', 'joined', 'Alice')] }));
    expect(await runCli(['group', 'create', 'Team', BOB], t.value)).toBe(0);
    expect(t.out.join('')).toMatch(new RegExp(`^Group: ${GROUP}\nName:  Team\nSession ID +Name +Role +Status\n${ALICE} +Alice +admin +joined\n$`));
  });

  it.each([
    ['invite', 'groups.invite'],
    ['remove', 'groups.remove'],
  ])('group %s calls %s under the delivery rule and prints {"id","members":[{"sessionId","role","status"}]}', async (sub, method) => {
    const after = [member(ALICE, 'admin', 'joined', 'Alice'), member(BOB, 'member', sub === 'invite' ? 'invite-sent' : 'removed', 'Bob')];
    const b = fakeBackend({ ...account, [method]: () => after });
    const t = io(b);
    expect(await runCli(['--json', 'group', sub, GROUP.toUpperCase(), BOB], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      [method, { id: GROUP, members: [BOB] }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([
      {
        id: GROUP,
        members: [
          { sessionId: ALICE, role: 'admin', status: 'joined' },
          { sessionId: BOB, role: 'member', status: sub === 'invite' ? 'invite-sent' : 'removed' },
        ],
      },
    ]);
  });

  it('group invite exits 1 after the record when an invitation failed; a config push that failed exits 1 too', async () => {
    const failed = io(fakeBackend({ ...account, 'groups.invite': () => [member(ALICE, 'admin', 'joined'), member(BOB, 'member', 'invite-failed'), member(CAROL, 'member', 'invite-sent')] }));
    expect(await runCli(['--json', 'group', 'invite', GROUP, BOB, CAROL], failed.value)).toBe(1);
    expect(failed.lines()).toHaveLength(1);
    expect(failed.err.join('')).toMatch(new RegExp(`invitation could not be stored for ${BOB}\\. Resend it with: session-cli group invite ${GROUP} ${BOB}\n$`));
    const push = io(fakeBackend({ ...account, 'groups.remove': () => [member(ALICE, 'admin', 'joined')] }, { failed: [pushFailure] }));
    expect(await runCli(['--json', 'group', 'remove', GROUP, BOB], push.value)).toBe(1);
    expect(push.lines()).toEqual([{ id: GROUP, members: [{ sessionId: ALICE, role: 'admin', status: 'joined' }] }]);
    expect(push.err.join('')).toMatch(/^session-cli: Not everything was stored: the settings update for your other devices/);
  });

  it('group promote calls groups.promote with the one member and prints the member list as group members', async () => {
    const after = [member(ALICE, 'admin', 'joined', 'Alice'), member(BOB, 'admin', 'promotion-sent', 'Bob')];
    const b = fakeBackend({ ...account, 'groups.promote': () => after });
    const t = io(b);
    expect(await runCli(['--json', 'group', 'promote', GROUP, BOB], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['groups.promote', { id: GROUP, members: [BOB] }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([
      { sessionId: ALICE, name: 'Alice', role: 'admin', status: 'joined' },
      { sessionId: BOB, name: 'Bob', role: 'admin', status: 'promotion-sent' },
    ]);
    const failed = io(fakeBackend({ ...account, 'groups.promote': () => [member(BOB, 'member', 'promotion-failed')] }));
    expect(await runCli(['--json', 'group', 'promote', GROUP, BOB], failed.value)).toBe(1);
    expect(failed.err.join('')).toMatch(/The promotion could not be stored for 05b2.*group promote 03d4/);
  });

  it('group rename calls groups.update with the name and prints {"id","name"}; group delete prints {"id","deleted":true}', async () => {
    const b = fakeBackend({ ...account, 'groups.update': () => groupConvo({}, 'Reading circle'), 'groups.destroy': (p: { id: string }) => ({ id: p.id, deleted: true }) });
    const t = io(b);
    expect(await runCli(['--json', 'group', 'rename', GROUP, 'Reading circle'], t.value)).toBe(0);
    expect(await runCli(['--json', 'group', 'delete', GROUP], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['groups.update', { id: GROUP, name: 'Reading circle' }],
      ['followUps.settle', { outbox: 7 }],
      ['followUps.mark', undefined],
      ['groups.destroy', { id: GROUP }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([
      { id: GROUP, name: 'Reading circle' },
      { id: GROUP, deleted: true },
    ]);
  });

  it.each([
    [['group', 'create', 'Team', BOB, ALICE], /Your own Session ID cannot be given to "group create": you are the new group's admin already/],
    [['group', 'invite', GROUP, ALICE], /"group invite": you are in the group already/],
    [['group', 'remove', GROUP, BOB, ALICE.toUpperCase()], /"group remove": to leave a group use: session-cli leave ID/],
    [['group', 'promote', GROUP, ALICE], /"group promote": you are an admin already/],
  ])('%j: our own Session ID exits 2 before anything is sent', async (argv, message) => {
    const b = fakeBackend(account);
    const t = io(b);
    expect(await runCli(argv, t.value)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(trace(b)).toEqual([]);
  });

  it.each([
    ['forbidden', 1],
    ['not_found', 1],
    ['network', 1],
    ['invalid_params', 2],
  ] as const)('a backend refusal (%s) exits %d with its message on one line', async (code, exit) => {
    const refuse = () => {
      throw new IpcError(code, `Refused: ${code}.`);
    };
    for (const [argv, method] of [
      [['group', 'invite', GROUP, BOB], 'groups.invite'],
      [['group', 'remove', GROUP, BOB], 'groups.remove'],
      [['group', 'promote', GROUP, BOB], 'groups.promote'],
      [['group', 'rename', GROUP, 'x'], 'groups.update'],
      [['group', 'delete', GROUP], 'groups.destroy'],
      [['group', 'create', 'x', BOB], 'groups.create'],
    ] as const) {
      const t = io(fakeBackend({ ...account, [method]: refuse }));
      expect(await runCli(['--json', ...argv], t.value)).toBe(exit);
      expect(t.out).toEqual([]);
      expect(t.err.join('')).toBe(`session-cli: Refused: ${code}.\n`);
    }
  });

  it('messages and receive rows of control messages carry control (JSON) or a sentence (people)', async () => {
    const added = msg({ id: 'c1', conversationId: GROUP, sender: ALICE, direction: 'incoming', status: 'received', text: '', control: { type: 'member-added', members: [{ sessionId: BOB, name: 'Bob' }, { sessionId: CAROL }] } });
    const renamed = msg({ id: 'c2', conversationId: GROUP, sender: BOB, direction: 'incoming', status: 'received', text: '', timestamp: 2000, control: { type: 'name-changed', name: 'Reading circle' } });
    const b = fakeBackend({ ...account, 'messages.list': () => [added, renamed], 'sync.pollNow': () => ({ newMessages: 2, dropped: 0 }), 'messages.takeNew': (p: { through?: string }) => (p.through ? [] : [added, renamed]) });
    const json = io(b);
    expect(await runCli(['--json', 'messages', GROUP], json.value)).toBe(0);
    expect((json.lines() as Array<{ text: string; control: unknown }>).map((r) => [r.text, r.control])).toEqual([
      ['', { type: 'member-added', members: [{ sessionId: BOB, name: 'Bob' }, { sessionId: CAROL }] }],
      ['', { type: 'name-changed', name: 'Reading circle' }],
    ]);
    const rx = io(b);
    expect(await runCli(['--json', 'receive'], rx.value)).toBe(0);
    expect((rx.lines() as Array<{ control: unknown }>).map((r) => r.control)).toEqual([added.control, renamed.control]);
    const people = io(b);
    expect(await runCli(['messages', GROUP], people.value)).toBe(0);
    expect(people.out.join('')).toMatch(/\[added Bob, 05c3c3c3…\]\n.*\[renamed the group to Reading circle\]\n$/);
  });

  it('conversations rows of groups carry the group fields; for people the kind says admin, removed or deleted', async () => {
    const rows = [groupConvo(), { ...groupConvo({ admin: false, kicked: true }), id: '03' + 'e5'.repeat(32) }, { ...groupConvo({ admin: false, destroyed: true }), id: '03' + 'f6'.repeat(32) }];
    const b = fakeBackend({ ...account, 'conversations.list': () => rows });
    const json = io(b);
    expect(await runCli(['--json', 'conversations'], json.value)).toBe(0);
    expect((json.lines() as Array<{ group: unknown }>).map((r) => r.group)).toEqual([
      { admin: true, kicked: false, destroyed: false, invitationPending: false, memberCount: 3 },
      { admin: false, kicked: true, destroyed: false, invitationPending: false, memberCount: 3 },
      { admin: false, kicked: false, destroyed: true, invitationPending: false, memberCount: 3 },
    ]);
    const people = io(b);
    expect(await runCli(['conversations'], people.value)).toBe(0);
    const text = people.out.join('');
    expect(text).toMatch(/group \(admin\)/);
    expect(text).toMatch(/group \(removed\)/);
    expect(text).toMatch(/group \(deleted\)/);
  });
});
