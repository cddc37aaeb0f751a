// Groups v2 in the renderer, member side (spec/ui.md §3.5, §3.7, §3.11, §4.1-4.9, §5.2-5.4, §8.6) against the
// fake API: the header's member count, senders' names and avatars (admin crown), control messages worded as
// the official app words them, invitations (request rows, the bar's sentence, Accept / Delete / Block),
// the removed and deleted states, the member list with roles and statuses, the member settings (Mentions
// Only, read-only disappearing timer, Leave Group with its confirmation and its failure), and mentions.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { GroupControlView, MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { groupControlSentence } from '../../../ts/renderer/components/conversation/group/groupControl';
import { plainText } from '../../../ts/renderer/components/conversation/richText';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { shortenId } from '../../../ts/renderer/theme/format';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, groupConversation, TEST_ACCOUNT } from './fakeApi';
import { flush, installTextEncoder } from './appHarness';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

jest.setTimeout(60_000);

const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const ME = TEST_ACCOUNT.sessionId;
const GROUP = '03' + 'c3'.repeat(32);
const ALICE = '05' + 'a7'.repeat(32);
const BOBBY = '05' + 'b8'.repeat(32);
const CAROL = '05' + 'c9'.repeat(32);
let store: AppStore | null = null;

beforeAll(() => {
  installTextEncoder();
  installLayout();
  installIntersectionObserver();
});
afterAll(uninstallLayout);
beforeEach(() => setWindowSeen(true));
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

function msg(i: number, over: Partial<MessageView> = {}): MessageView {
  return {
    id: `g${i}`,
    conversationId: GROUP,
    sender: ALICE,
    direction: 'incoming',
    text: `message ${i}`,
    timestamp: NOW - 100_000 + i * 1_000,
    receivedAt: NOW - 100_000 + i * 1_000,
    status: 'received',
    ...over,
  };
}

function control(i: number, c: GroupControlView, over: Partial<MessageView> = {}): MessageView {
  return msg(i, { text: '', control: c, ...over });
}

function bookClub(api: FakeApi, over: Parameters<typeof groupConversation>[1] = {}, summary: Parameters<typeof groupConversation>[2] = {}) {
  api.conversations = [...api.conversations, groupConversation(GROUP, { name: 'Book Club', memberCount: 4, ...over }, { name: 'Book Club', ...summary })];
  api.groupMembers[GROUP] = [
    { sessionId: ALICE, name: 'Alice', role: 'admin', status: 'joined' },
    { sessionId: ME, name: 'Tester', role: 'member', status: 'joined' },
    { sessionId: BOBBY, name: 'Bobby', role: 'member', status: 'invite-sent' },
    { sessionId: CAROL, role: 'member', status: 'removed' },
  ];
}

async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  await flush(3);
}

async function openGroup(api: FakeApi) {
  await mount(api);
  const row = screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP);
  fireEvent.click(row!);
  await flush(4);
}

async function openSettings() {
  fireEvent.click(screen.getByTestId('conversation-title-button'));
  await flush(3);
  return screen.getByTestId('conversation-settings');
}

const controlTexts = () => screen.getAllByTestId('control-message-text').map((el) => el.textContent);

describe('a group conversation', () => {
  it('shows its name, member count, senders with names and avatars (crown for admins) and its messages', async () => {
    const api = new FakeApi();
    bookClub(api);
    // Our nickname for Bobby wins over the name the group carries.
    api.conversations.push(conversation(BOBBY, { name: 'Bob (nick)', nickname: 'Bob (nick)' }));
    api.messages = [msg(1), msg(2), msg(3, { sender: BOBBY }), msg(4, { sender: ME, direction: 'outgoing', status: 'sent' })];
    api.conversations[0]!.lastMessage = msg(3, { sender: BOBBY });
    await openGroup(api);
    expect(screen.getByTestId('conversation-title').textContent).toBe('Book Club');
    expect(screen.getByTestId('conversation-member-count').textContent).toBe('4 members');
    expect(api.callsOf('groups.members').map((c) => c.params)).toContainEqual({ id: GROUP });
    const rows = screen.getAllByTestId('message');
    expect(rows.map((r) => r.querySelector('[data-testid="message-text"]')?.textContent)).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
    // The name above the first bubble of each incoming series, the avatar beside the last.
    expect(screen.getAllByTestId('message-sender').map((el) => el.textContent)).toEqual(['Alice', 'Bob (nick)']);
    expect(within(rows[0]!).queryByTestId('message-avatar')).toBeNull();
    expect(within(rows[1]!).getByTestId('message-avatar')).toBeTruthy();
    expect(within(rows[1]!).getByTestId('message-avatar-crown')).toBeTruthy();
    expect(within(rows[2]!).getByTestId('message-avatar')).toBeTruthy();
    expect(within(rows[2]!).queryByTestId('message-avatar-crown')).toBeNull();
    // Our own messages have neither.
    expect(within(rows[3]!).queryByTestId('message-avatar')).toBeNull();
    expect(within(rows[3]!).queryByTestId('message-sender')).toBeNull();
    // The list row names who wrote the last message.
    expect(screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP)!.querySelector('[data-testid="row-preview"]')!.textContent).toBe('Bob (nick): message 3');
  });

  it('words group control messages as the official app does', async () => {
    const api = new FakeApi();
    bookClub(api);
    api.conversations.push(conversation(BOBBY, { name: 'Bob (nick)', nickname: 'Bob (nick)' }));
    api.messages = [
      msg(0),
      control(1, { type: 'member-added', members: [{ sessionId: ME }] }),
      control(2, { type: 'member-added', members: [{ sessionId: BOBBY, name: 'Bobby' }], historyShared: true }),
      control(3, { type: 'member-added', members: [{ sessionId: BOBBY, name: 'Bobby' }, { sessionId: CAROL, name: 'Carol' }] }),
      control(4, { type: 'member-removed', members: [{ sessionId: CAROL, name: 'Carol' }] }),
      control(5, { type: 'member-left' }, { sender: BOBBY }),
      control(6, { type: 'member-promoted', members: [{ sessionId: ME }, { sessionId: BOBBY, name: 'Bobby' }] }),
      control(7, { type: 'name-changed', name: 'Readers' }),
      control(8, { type: 'avatar-changed' }),
      control(9, { type: 'expiration-changed', seconds: 86_400 }),
      control(10, { type: 'expiration-changed', seconds: 0 }),
      control(11, { type: 'invite-accepted' }, { sender: ME, direction: 'outgoing', status: 'sent' }),
      control(12, { type: 'invite-accepted' }, { sender: CAROL }),
      control(13, { type: 'member-left' }, { sender: ME, direction: 'outgoing', status: 'sent' }),
    ];
    await openGroup(api);
    expect(controlTexts()).toEqual([
      'You were invited to join the group.',
      'Bobby was invited to join the group. Chat history was shared.',
      'Bobby and Carol were invited to join the group.',
      'Carol was removed from the group.',
      'Bob (nick) left the group.',
      'You and Bobby were promoted to Admin.',
      'Group name is now Readers.',
      'Group display picture updated.',
      'Alice has set messages to disappear 1 day after they have been sent.',
      'Alice has turned disappearing messages off.',
      'You joined the group.',
      // Carol has no name anywhere: her short id.
      `${shortenId(CAROL)} joined the group.`,
      'You left the group.',
    ]);
    // Names are bold, as in the official strings; the users icon marks a group update.
    const first = screen.getAllByTestId('control-message-text')[3]!;
    expect(first.querySelector('strong')!.textContent).toBe('Carol');
    // A control message ends the series before it (Alice's avatar shows on her bubble); control rows have no avatar.
    expect(screen.getAllByTestId('message-avatar').map((el) => el.closest<HTMLElement>('[data-testid="message"]')!.dataset.id)).toEqual(['g0']);
  });

  it('picks one, two or many names, and "You" first, like the official app', () => {
    const ctx = { outgoing: false, senderName: 'Alice', ownId: ME };
    const m = (...ids: string[]) => ids.map((sessionId, i) => ({ sessionId, name: `N${i}` }));
    const text = (c: GroupControlView) => {
      const s = groupControlSentence(c, ctx);
      return plainText(s.key, s.vars);
    };
    expect(text({ type: 'member-removed', members: m(ALICE, BOBBY, CAROL) })).toBe('N0 and 2 others were removed from the group.');
    expect(text({ type: 'member-removed', members: m(ME) })).toBe('You were removed from the group.');
    expect(text({ type: 'member-removed', members: m(ME, BOBBY, CAROL) })).toBe('You and 2 others were removed from the group.');
    expect(text({ type: 'member-added', members: m(ME, BOBBY) })).toBe('You and N1 were invited to join the group.');
    expect(text({ type: 'member-added', members: m(ALICE, BOBBY, CAROL), historyShared: true })).toBe('N0 and 2 others were invited to join the group. Chat history was shared.');
    expect(text({ type: 'member-promoted', members: m(BOBBY) })).toBe('N0 was promoted to Admin.');
    expect(text({ type: 'member-added', members: [] })).toBe(en.grUpdated);
    expect(text({ type: 'name-changed', name: '' })).toBe('Group name updated.');
  });

  it('lists the members with roles and statuses, and offers the member settings only', async () => {
    const api = new FakeApi();
    bookClub(api, {}, { expiration: { type: 'after-send', seconds: 86_400 } });
    await openGroup(api);
    const settings = await openSettings();
    const items = within(settings)
      .getAllByRole('button')
      .map((b) => b.dataset.testid)
      .filter((id) => id?.startsWith('conversation-settings-') && id !== 'conversation-settings-qr-toggle');
    expect(items).toEqual([
      'conversation-settings-disappearing',
      'conversation-settings-pin',
      'conversation-settings-notifications',
      'conversation-settings-group-members',
      'conversation-settings-attachments',
      'conversation-settings-clear-messages',
      'conversation-settings-leave-group',
    ]);
    // No admin controls, no QR code, no nickname pencil for a group.
    expect(within(settings).queryByText(en.cmAdminSettings)).toBeNull();
    expect(within(settings).queryByTestId('conversation-settings-qr-toggle')).toBeNull();
    fireEvent.click(within(settings).getByTestId('conversation-settings-group-members'));
    await flush(3);
    const list = await screen.findByTestId('group-members');
    const rows = within(list).getAllByTestId('group-member');
    expect(rows.map((r) => within(r).getByTestId('group-member-name').textContent)).toEqual([en.cmYou, 'Alice', 'Bobby', `${shortenId(CAROL)}`]);
    expect(rows.map((r) => r.querySelector('[data-testid="group-member-status"]')?.textContent ?? null)).toEqual([null, null, 'Invite sent', 'Pending removal']);
    expect(rows.map((r) => r.dataset.role)).toEqual(['member', 'admin', 'member', 'member']);
    expect(within(rows[1]!).getByTestId('group-member-admin').textContent).toBe(en.cmAdmin);
    // Clear All Messages in the group's words.
    fireEvent.click(screen.getByTestId('modal-back'));
    await flush(2);
    fireEvent.click(screen.getByTestId('conversation-settings-clear-messages'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe('Are you sure you want to clear all messages from Book Club on this device?');
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    await flush(2);
    fireEvent.click(screen.getByTestId('conversation-settings-group-members'));
    await flush(3);
    // Back, then the disappearing timer: shown, read-only for a member (no "Set").
    fireEvent.click(screen.getByTestId('modal-back'));
    await flush(2);
    fireEvent.click(screen.getByTestId('conversation-settings-disappearing'));
    await flush(2);
    expect(screen.getByTestId('disappearing-group-note').textContent).toBe(`${en.grDisappearingApplies} ${en.grDisappearingReadOnly}`);
    const timer = screen.getByTestId('disappearing-timer-86400') as HTMLInputElement;
    expect(timer.checked).toBe(true);
    expect(timer.disabled).toBe(true);
    expect(screen.queryByTestId('disappearing-set')).toBeNull();
  });

  it('offers Mentions Only, shows it in the header and the list, and leaves after confirming', async () => {
    const api = new FakeApi();
    bookClub(api);
    await openGroup(api);
    let settings = await openSettings();
    fireEvent.click(within(settings).getByTestId('conversation-settings-notifications'));
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['all', 'mute', 'mentions']);
    fireEvent.click(radios[2]!);
    fireEvent.click(screen.getByTestId('conversation-settings-set'));
    await flush(3);
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([{ id: GROUP, mode: 'mentions' }]);
    expect(screen.getByTestId('conversation-member-count').textContent).toBe(`4 members · ${en.cmHeaderMentionsOnly}`);
    expect(screen.getByTestId('row-mentions-only')).toBeTruthy();
    settings = screen.getByTestId('conversation-settings');
    // Leaving fails first: the toast and the list row say so.
    api.failNextGroup = new IpcError('network', 'The network is not reachable.');
    fireEvent.click(within(settings).getByTestId('conversation-settings-leave-group'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe('Are you sure you want to leave Book Club?');
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(4);
    expect(store!.getState().ui.toasts.map((t) => t.message)).toContain('Failed to leave Book Club');
    expect(screen.getAllByTestId('row-preview')[0]!.textContent).toBe('Failed to leave Book Club');
    // Then it works: "Leaving..." meanwhile, and the group is gone.
    let release!: () => void;
    api.holdLeave = new Promise((r) => (release = r));
    fireEvent.click(within(screen.getByTestId('conversation-settings')).getByTestId('conversation-settings-leave-group'));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(3);
    expect(screen.getAllByTestId('row-preview')[0]!.textContent).toBe(en.grLeaving);
    await act(async () => release());
    await flush(4);
    expect(api.callsOf('groups.leave').map((c) => c.params)).toEqual([{ id: GROUP }, { id: GROUP }]);
    expect(store!.getState().conversations.byId[GROUP]).toBeUndefined();
    expect(store!.getState().ui.selectedConversationId).toBeNull();
  });

  it('offers the group actions in the list menu', async () => {
    const api = new FakeApi();
    bookClub(api);
    await mount(api);
    fireEvent.contextMenu(screen.getAllByTestId('conversation-row')[0]!, { clientX: 40, clientY: 80 });
    const menu = screen.getByRole('menu');
    const ids = within(menu).getAllByRole('menuitem').filter((el) => el.parentElement === menu).map((el) => el.dataset.testid);
    // Pin and the read marker (kept in UserGroups / ConvoInfoVolatile `g` by the backend).
    expect(ids).toEqual(['menu-pin', 'menu-notifications', 'menu-mark-unread', 'menu-leave-group', 'menu-clear-messages']);
    const openMenu = (): HTMLElement => {
      fireEvent.contextMenu(screen.getAllByTestId('conversation-row')[0]!, { clientX: 40, clientY: 80 });
      return screen.getByRole('menu');
    };
    fireEvent.click(within(menu).getByTestId('menu-pin'));
    await flush(3);
    expect(api.callsOf('conversations.setPinned').map((c) => c.params)).toEqual([{ id: GROUP, pinned: true }]);
    expect(within(screen.getAllByTestId('conversation-row')[0]!).getByTestId('row-pinned')).toBeTruthy();
    fireEvent.click(within(openMenu()).getByTestId('menu-mark-unread'));
    await flush(3);
    expect(api.callsOf('conversations.markUnread').map((c) => c.params)).toEqual([{ id: GROUP }]);
    const menu2 = openMenu();
    expect(within(menu2).getByTestId('menu-unpin')).toBeTruthy();
    fireEvent.click(within(menu2).getByTestId('menu-mark-read'));
    await flush(3);
    expect(api.callsOf('conversations.markRead').map((c) => c.params)).toEqual([{ id: GROUP }]);
    fireEvent.click(within(openMenu()).getByTestId('menu-notifications'));
    await flush(2);
    expect(screen.getByTestId('menu-notify-mentions')).toBeTruthy();
  });

  it('shows the group’s picture (asked for by the group id) in its row', async () => {
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: (blob: Blob) => `blob:test/${blob.type}-${blob.size}`, revokeObjectURL: () => undefined });
    try {
      const api = new FakeApi();
      bookClub(api, {}, { avatarVersion: 'pic1' });
      api.avatars.set(GROUP, { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', version: 'pic1' });
      await mount(api);
      const row = screen.getAllByTestId('conversation-row')[0]!;
      await waitFor(() => expect(row.querySelector('[data-testid="avatar-picture"]')?.getAttribute('src')).toBe('blob:test/image/png-3'));
      expect(api.callsOf('avatars.get').map((c) => c.params)).toEqual([{ id: GROUP }]);
    } finally {
      Object.assign(URL, { createObjectURL: saved.create, revokeObjectURL: saved.revoke });
    }
  });

  it('offers neither Pin nor Leave for a group we were removed from', async () => {
    const api = new FakeApi();
    bookClub(api, { kicked: true });
    await mount(api);
    fireEvent.contextMenu(screen.getAllByTestId('conversation-row')[0]!, { clientX: 40, clientY: 80 });
    const menu = screen.getByRole('menu');
    const ids = within(menu).getAllByRole('menuitem').filter((el) => el.parentElement === menu).map((el) => el.dataset.testid);
    expect(ids).toEqual(['menu-mark-unread', 'menu-delete-group', 'menu-clear-messages']);
  });

  it('suggests the group members after "@", sends the mention as an id, and draws mentions of us as "@You"', async () => {
    const api = new FakeApi();
    bookClub(api);
    api.messages = [msg(1, { text: `hi @${ME} and @${BOBBY}`, mentionsMe: true })];
    await openGroup(api);
    const mentions = screen.getAllByTestId('mention');
    expect(mentions.map((m) => m.textContent)).toEqual(['@You', '@Bobby']);
    expect(document.querySelector('[data-testid="message"][data-id="g1"]')!.hasAttribute('data-mentions-me')).toBe(true);
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: '@', selectionStart: 1 } });
    // The other members, from the group's member list (no room query).
    await waitFor(() => expect(screen.getAllByTestId('mention-suggestion').map((el) => el.dataset.id).filter((id) => id !== ME)).toEqual([ALICE, BOBBY, CAROL]));
    expect(api.callsOf('communities.members')).toHaveLength(0);
    fireEvent.change(input, { target: { value: 'hey @bo', selectionStart: 7 } });
    await waitFor(() => expect(screen.getAllByTestId('mention-suggestion').map((el) => el.dataset.id)).toEqual([BOBBY]));
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(input.value).toBe('hey @Bobby ');
    fireEvent.change(input, { target: { value: 'hey @Bobby look', selectionStart: 15 } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send').at(-1)?.params).toMatchObject({ to: GROUP, text: `hey @${BOBBY} look` });
  });
});

describe('group invitations', () => {
  it('lists an invitation among the requests, says who invited us, and joins on Accept', async () => {
    const api = new FakeApi();
    api.conversations = [
      groupConversation(GROUP, { name: 'Book Club', invitationPending: true, invitedBy: ALICE, invitedByName: 'Alice' }, { name: 'Book Club', isRequest: true, isApproved: false, updatedAt: 10 }),
    ];
    await mount(api);
    fireEvent.click(await screen.findByTestId('requests-banner'));
    await flush(3);
    const row = screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP)!;
    expect(within(row).getByTestId('row-preview').textContent).toBe('Alice invited you to join Book Club.');
    expect(screen.getByTestId('request-row-actions')).toBeTruthy();
    fireEvent.click(row);
    await flush(4);
    const bar = screen.getByTestId('request-bar');
    expect(within(bar).getByTestId('request-group-invite').textContent).toBe('Alice invited you to join Book Club.');
    expect(bar.textContent).toContain(en.grInviteDescription);
    // No member count before joining.
    expect(screen.queryByTestId('conversation-member-count')).toBeNull();
    expect(screen.getByTestId('messages-empty').textContent).toBe('You have no messages from Book Club. Send a message to start the conversation!');
    // Delete asks with the official text; Cancel keeps the invitation.
    fireEvent.click(within(bar).getByTestId('request-decline'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.grInviteDelete);
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    await flush(2);
    fireEvent.click(within(bar).getByTestId('request-accept'));
    await flush(4);
    expect(api.callsOf('conversations.accept').map((c) => c.params)).toEqual([{ id: GROUP }]);
    expect(screen.queryByTestId('request-bar')).toBeNull();
    expect(screen.getByTestId('conversation-member-count')).toBeTruthy();
  });

  it('shows an invitation from an approved contact in the list, and Block declines it and blocks the inviter', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(ALICE, { name: 'Alice', updatedAt: 1 }),
      groupConversation(GROUP, { name: 'Book Club', invitationPending: true, invitedBy: ALICE, invitedByName: 'Alice' }, { name: 'Book Club', updatedAt: 10 }),
    ];
    await openGroup(api);
    fireEvent.contextMenu(screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP)!, { clientX: 40, clientY: 80 });
    const menu = screen.getByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((el) => el.dataset.testid)).toEqual(['menu-accept', 'menu-delete-request', 'menu-block']);
    fireEvent.keyDown(menu, { key: 'Escape' });
    await flush(2);
    fireEvent.click(within(screen.getByTestId('request-bar')).getByTestId('request-block'));
    const text = screen.getByTestId('conversation-confirm-text');
    expect(text.querySelector('strong')!.textContent).toBe('Alice');
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(4);
    expect(api.callsOf('conversations.decline').map((c) => c.params)).toEqual([{ id: GROUP }]);
    expect(api.callsOf('conversations.setBlocked').map((c) => c.params)).toEqual([{ id: ALICE, blocked: true }]);
  });

  it('accepts the invitation before sending the first message, as the bar says', async () => {
    const api = new FakeApi();
    api.conversations = [groupConversation(GROUP, { name: 'Book Club', invitationPending: true, invitedBy: ALICE }, { name: 'Book Club', updatedAt: 10 })];
    await openGroup(api);
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    // Accepting fails first: nothing is sent, the toast says why.
    api.failNextConversationAction = { method: 'conversations.accept', error: new IpcError('network', 'The network is not reachable.') };
    fireEvent.change(input, { target: { value: 'hello all' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(4);
    expect(api.callsOf('messages.send')).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(4);
    expect(api.calls.filter((c) => c.method === 'conversations.accept' || c.method === 'messages.send').map((c) => c.method)).toEqual([
      'conversations.accept',
      'conversations.accept',
      'messages.send',
    ]);
    expect(api.callsOf('messages.send').at(-1)?.params).toMatchObject({ to: GROUP, text: 'hello all' });
    expect(screen.queryByTestId('request-bar')).toBeNull();
  });

  it('says "You were invited to join the group." when the inviter is not known, and offers no Block', async () => {
    const api = new FakeApi();
    api.conversations = [groupConversation(GROUP, { name: 'Book Club', invitationPending: true }, { name: 'Book Club', updatedAt: 10 })];
    await openGroup(api);
    const bar = screen.getByTestId('request-bar');
    expect(within(bar).getByTestId('request-group-invite').textContent).toBe('You were invited to join the group.');
    expect(within(bar).queryByTestId('request-block')).toBeNull();
  });
});

describe('removed from a group, or the group deleted', () => {
  it('replaces the composer with "You were removed from …" and offers a local Delete Group', async () => {
    const api = new FakeApi();
    bookClub(api, { kicked: true });
    api.messages = [msg(1)];
    await openGroup(api);
    expect(screen.queryByTestId('composer-input')).toBeNull();
    const notice = screen.getByTestId('composer-group-closed');
    expect(notice.textContent).toBe('You were removed from Book Club.');
    expect(notice.querySelector('strong')!.textContent).toBe('Book Club');
    // Nothing offers to reply where we cannot write.
    fireEvent.contextMenu(document.querySelector('[data-testid="message"][data-id="g1"]')!, { clientX: 20, clientY: 20 });
    expect(within(screen.getByTestId('message-menu')).queryByTestId('message-menu-reply')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('message-menu'), { key: 'Escape' });
    const settings = await openSettings();
    expect(within(settings).queryByTestId('conversation-settings-leave-group')).toBeNull();
    expect(within(settings).queryByTestId('conversation-settings-notifications')).toBeNull();
    fireEvent.click(within(settings).getByTestId('conversation-settings-delete-group'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe('Are you sure you want to delete Book Club?');
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(4);
    expect(api.callsOf('conversations.delete').map((c) => c.params)).toEqual([{ id: GROUP }]);
  });

  it('says the group was deleted by an admin, in the composer and the empty timeline', async () => {
    const api = new FakeApi();
    bookClub(api, { destroyed: true });
    await openGroup(api);
    const deleted = 'Book Club has been deleted by a group admin. You will not be able to send any more messages.';
    expect(screen.getByTestId('composer-group-closed').textContent).toBe(deleted);
    expect(screen.getByTestId('messages-empty').textContent).toBe(deleted);
    expect(screen.queryByTestId('composer-input')).toBeNull();
  });
});
