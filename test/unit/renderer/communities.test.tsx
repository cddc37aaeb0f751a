// Communities in the renderer (spec/ui.md §3.7, §4, §5.2, §8.6, §8.7) against the fake API: the Join
// Community overlay (default rooms, URL check, errors, spinner, opening the room), a room's timeline
// (sender names with a short id, first-load spinner, empty text, read-only rooms, member count),
// moderation shown only to moderators and admins, @mention suggestions and mention display, and
// "Message" from a member's profile into a blinded conversation.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { looksLikeCommunityUrl } from '../../../ts/renderer/state/communities';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, OWN_BLINDED, room, roomUrl, ROOM_BASE, TEST_ACCOUNT } from './fakeApi';
import { flush, installTextEncoder } from './appHarness';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

jest.setTimeout(60_000);

const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const ALICE = '15' + 'a7'.repeat(32);
const BOBBY = '15' + 'b8'.repeat(32);
const LOBBY = `${ROOM_BASE}/lobby`;
let store: AppStore | null = null;
const writeText = jest.fn<Promise<void>, [string]>();

beforeAll(() => {
  installTextEncoder();
  installLayout();
  installIntersectionObserver();
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
});
afterAll(uninstallLayout);
beforeEach(() => {
  setWindowSeen(true);
  writeText.mockReset();
  writeText.mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});


function post(i: number, over: Partial<MessageView> = {}): MessageView {
  return {
    id: `r${i}`,
    conversationId: LOBBY,
    sender: ALICE,
    senderName: 'Alice',
    direction: 'incoming',
    text: `post ${i}`,
    timestamp: NOW - 100_000 + i * 1_000,
    receivedAt: NOW - 100_000 + i * 1_000,
    status: 'received',
    serverId: i,
    ...over,
  };
}

async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  await flush(3);
}

async function openRoom(api: FakeApi, name = 'lobby') {
  await mount(api);
  const row = screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes(name));
  fireEvent.click(row!);
  await flush(3);
}

async function openJoinOverlay() {
  fireEvent.click(screen.getByTestId('choose-action-button'));
  fireEvent.click(screen.getByTestId('action-join-community'));
  await flush(3);
  return screen.getByTestId('join-community');
}

function menuOf(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-testid="message"][data-id="${id}"]`)!;
  fireEvent.contextMenu(row, { clientX: 20, clientY: 20 });
  return screen.getByTestId('message-menu');
}
const menuIds = (menu: HTMLElement) => within(menu).getAllByRole('menuitem').map((el) => el.dataset.testid!.replace('message-menu-', ''));

describe('Join Community overlay', () => {
  it('lists the network rooms with Join buttons, marks joined ones, and opens a room it joins', async () => {
    const api = new FakeApi();
    api.defaultRooms = [
      { url: roomUrl('lobby'), room: 'lobby', name: 'Lobby', activeUsers: 12 },
      { url: roomUrl('dev'), room: 'dev', name: 'Developers', joinedId: `${ROOM_BASE}/dev` },
    ];
    api.conversations = [room('dev', {}, { name: 'Developers' })];
    await mount(api);
    const overlay = await openJoinOverlay();
    const rows = within(overlay).getAllByTestId('default-room');
    expect(rows.map((r) => r.querySelector('strong')!.textContent)).toEqual(['Lobby', 'Developers']);
    expect(within(rows[0]!).getByText('12 active members')).toBeTruthy();
    expect(within(rows[1]!).getByTestId('default-room-open').textContent).toBe(en.cmJoined);
    let release!: () => void;
    api.holdJoin = new Promise((r) => (release = r));
    fireEvent.click(within(rows[0]!).getByTestId('default-room-join'));
    await flush(3);
    // A spinner while joining; every Join waits.
    expect(within(rows[0]!).getByTestId('default-room-join').textContent).toBe(en.cmJoining);
    expect((screen.getByTestId('join-community-submit') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    await flush(3);
    expect(api.callsOf('communities.join').map((c) => c.params)).toEqual([{ url: roomUrl('lobby') }]);
    expect(store!.getState().ui.selectedConversationId).toBe(LOBBY);
    expect(store!.getState().ui.leftOverlay).toBeNull();
    expect(screen.getByTestId('conversation-title').textContent).toBe('Lobby');
  });

  it("shows a listed room's image, asked for by the room's conversation id; a room without one shows initials", async () => {
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: (blob: Blob) => `blob:test/${blob.type}-${blob.size}`, revokeObjectURL: () => undefined });
    try {
      const api = new FakeApi();
      api.defaultRooms = [
        { url: roomUrl('Lobby'), room: 'Lobby', name: 'Lobby', imageVersion: 'img1' },
        { url: roomUrl('dev'), room: 'dev', name: 'Developers' },
      ];
      api.avatars.set(LOBBY, { bytes: new Uint8Array([1, 2, 3, 4, 5]), contentType: 'image/webp', version: 'img1' });
      await mount(api);
      const overlay = await openJoinOverlay();
      const rows = within(overlay).getAllByTestId('default-room');
      await waitFor(() => expect(rows[0]!.querySelector('[data-testid="avatar-picture"]')?.getAttribute('src')).toBe('blob:test/image/webp-5'));
      expect(rows[1]!.querySelector('[data-testid="avatar-picture"]')).toBeNull();
      expect(within(rows[1]!).getByTestId('avatar').getAttribute('data-initials')).toBe('DE');
      expect(api.callsOf('avatars.get').map((c) => c.params)).toEqual([{ id: LOBBY }]);
    } finally {
      Object.assign(URL, { createObjectURL: saved.create, revokeObjectURL: saved.revoke });
    }
  });

  it('says "Invalid URL" before asking the backend, and shows the reason a join failed', async () => {
    const api = new FakeApi();
    await mount(api);
    await openJoinOverlay();
    const input = screen.getByTestId('join-community-input');
    fireEvent.change(input, { target: { value: 'http://example.org/lobby' } });
    fireEvent.click(screen.getByTestId('join-community-submit'));
    await flush(3);
    expect(screen.getByTestId('join-community-error').textContent).toContain(en.cmInvalidUrl);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('communities.join')).toHaveLength(0);
    api.failNextCommunity = new IpcError('unavailable', 'The community server did not answer.');
    fireEvent.change(input, { target: { value: roomUrl('lobby') } });
    expect(screen.queryByTestId('join-community-error')).toBeNull();
    fireEvent.click(screen.getByTestId('join-community-submit'));
    await flush(3);
    expect(screen.getByTestId('join-community-error').textContent).toBe(en.cmJoinFailed.replace('{message}', 'The community server did not answer.'));
    expect(store!.getState().ui.selectedConversationId).toBeNull();
  });

  it('opens a room that is already joined instead of joining it again', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'Lobby' })];
    await mount(api);
    await openJoinOverlay();
    fireEvent.change(screen.getByTestId('join-community-input'), { target: { value: roomUrl('Lobby') } });
    fireEvent.click(screen.getByTestId('join-community-submit'));
    await flush(3);
    expect(api.callsOf('communities.join')).toHaveLength(0);
    expect(store!.getState().ui.selectedConversationId).toBe(LOBBY);
    expect(store!.getState().ui.toasts.map((t) => t.message)).toContain(en.cmAlreadyMember);
  });

  it('opens with a link pasted on the "+" overlay', async () => {
    const api = new FakeApi();
    await mount(api);
    fireEvent.click(screen.getByTestId('choose-action-button'));
    fireEvent.paste(screen.getByTestId('action-new-message'), { clipboardData: { getData: () => ` ${roomUrl('lobby')} ` } });
    await flush(3);
    expect((screen.getByTestId('join-community-input') as HTMLInputElement).value).toBe(roomUrl('lobby'));
    // Opened again from the button, it starts empty.
    fireEvent.click(screen.getByTestId('overlay-back'));
    fireEvent.click(screen.getByTestId('action-join-community'));
    await flush(3);
    expect((screen.getByTestId('join-community-input') as HTMLInputElement).value).toBe('');
  });

  it('checks the share-URL shape', () => {
    expect(looksLikeCommunityUrl(roomUrl('lobby'))).toBe(true);
    expect(looksLikeCommunityUrl(`https://open.getsession.org/session?public_key=${'ab'.repeat(32)}`)).toBe(true);
    expect(looksLikeCommunityUrl(`${ROOM_BASE}/lobby`)).toBe(false);
    expect(looksLikeCommunityUrl(`${ROOM_BASE}/lobby?public_key=abc`)).toBe(false);
    expect(looksLikeCommunityUrl(`ftp://x/lobby?public_key=${'ab'.repeat(32)}`)).toBe(false);
    expect(looksLikeCommunityUrl('not a url')).toBe(false);
  });
});

describe('a room', () => {
  it('names incoming senders with a short id above each series, and counts active members in the header', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { activeUsers: 42 }, { name: 'lobby', updatedAt: NOW })];
    api.messages = [
      post(1),
      post(2),
      post(3, { sender: BOBBY, senderName: 'Bobby' }),
      post(4, { sender: OWN_BLINDED, senderName: undefined, direction: 'outgoing', status: 'sent', senderSessionId: TEST_ACCOUNT.sessionId }),
    ];
    await openRoom(api);
    expect(screen.getByTestId('conversation-member-count').textContent).toBe('42 active members');
    expect(screen.queryByTestId('conversation-session-id')).toBeNull();
    expect(screen.getAllByTestId('message-sender').map((el) => el.textContent)).toEqual([`Alice (…${ALICE.slice(-4)})`, `Bobby (…${BOBBY.slice(-4)})`]);
    // Message Info names the member, not the room.
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-info'));
    await flush(3);
    expect(screen.getByTestId('message-info').textContent).toContain(`Alice (…${ALICE.slice(-4)})`);
    fireEvent.click(screen.getByTestId('modal-close'));
    // No disappearing messages in rooms; the settings say so by not offering them.
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    expect(screen.queryByTestId('conversation-settings-disappearing')).toBeNull();
  });

  it('shows a spinner while a new room loads, then the empty-room text', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { loading: true }, { name: 'lobby' })];
    await openRoom(api);
    expect(screen.getByTestId('community-loading')).toBeTruthy();
    await act(async () => api.emit('conversations.updated', { conversations: [room('lobby', {}, { name: 'lobby' })] }));
    await flush(3);
    expect(screen.queryByTestId('community-loading')).toBeNull();
    expect(screen.getByTestId('messages-empty').textContent).toBe('There are no messages in lobby.');
  });

  it('shows no composer in a read-only room, only a notice', async () => {
    const api = new FakeApi();
    api.conversations = [room('news', { canWrite: false, canUpload: false }, { name: 'news' })];
    api.messages = [post(1, { conversationId: `${ROOM_BASE}/news` })];
    await openRoom(api, 'news');
    expect(screen.queryByTestId('composer-input')).toBeNull();
    expect(screen.getByTestId('composer-read-only').textContent).toBe(en.cmReadOnly);
    expect(menuIds(menuOf('r1'))).not.toContain('reply');
    expect(document.querySelector('[data-testid="message"][data-id="r1"] [data-testid="message-reply"]')).toBeNull();
  });

  it('offers no attaching or voice messages where the room refuses our uploads', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { canUpload: false }, { name: 'lobby' })];
    await openRoom(api);
    expect(screen.getByTestId('composer-input')).toBeTruthy();
    expect(screen.queryByTestId('composer-attach')).toBeNull();
    expect(screen.queryByTestId('composer-mic')).toBeNull();
  });

  it('draws mentions as names, ours as "@You", and marks pinned messages', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'lobby' })];
    api.messages = [
      post(1, { sender: BOBBY, senderName: 'Bobby' }),
      post(2, { text: `hi @${BOBBY} and @${OWN_BLINDED}!`, mentionsMe: true, pinned: true }),
      post(3, { text: 'replying', quote: { author: BOBBY, text: 'post 1', messageId: 'r1', timestamp: NOW - 99_000 } }),
    ];
    await openRoom(api);
    const row = document.querySelector<HTMLElement>('[data-testid="message"][data-id="r2"]')!;
    const mentions = within(row).getAllByTestId('mention');
    expect(mentions.map((m) => m.textContent)).toEqual([`@Bobby (…${BOBBY.slice(-4)})`, '@You']);
    expect(mentions[1]!.hasAttribute('data-me')).toBe(true);
    expect(within(row).getByTestId('message-text').textContent).toBe(`hi @Bobby (…${BOBBY.slice(-4)}) and @You!`);
    expect(within(row).getByTestId('message-pinned').textContent).toBe(en.cmPinned);
    // A reply names the quoted member as the room does.
    expect(within(document.querySelector<HTMLElement>('[data-testid="message"][data-id="r3"]')!).getByTestId('message-quote').textContent).toContain(`Bobby (…${BOBBY.slice(-4)})`);
  });
});

describe('reactions and previews in a room', () => {
  it('lists the first reactors by name and says how many others reacted; the list row names the poster', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'lobby', lastMessage: post(1, { text: `hi @${BOBBY}` }) })];
    api.messages = [
      post(1, { text: `hi @${BOBBY}`, reactions: [{ emoji: '👍', count: 30, senders: [OWN_BLINDED, BOBBY], mine: true }] }),
      post(2, { sender: BOBBY, senderName: 'Bobby' }),
    ];
    await openRoom(api);
    const row = screen.getAllByTestId('conversation-row')[0]!;
    expect(row.textContent).toContain(`Alice (…${ALICE.slice(-4)}): hi @15b8b8…b8b8`);
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-reactions'));
    await flush(3);
    const list = screen.getByTestId('reaction-list');
    expect(within(list).getAllByTestId('reaction-list-person').map((p) => p.textContent)).toEqual([en.reactYou, `Bobby (…${BOBBY.slice(-4)})`]);
    expect(within(list).getByTestId('reaction-list-remove')).toBeTruthy();
    expect(within(list).getByTestId('reaction-list-others').textContent).toBe('And 28 others have reacted 👍 to this message.');
    // A member cannot clear everyone's reactions.
    expect(within(list).queryByTestId('reaction-list-clear')).toBeNull();
  });

  it('lets a moderator clear all reactions of one emoji after confirming', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { moderator: true }, { name: 'lobby' })];
    api.messages = [
      post(1, {
        reactions: [
          { emoji: '👍', count: 3, senders: [BOBBY], mine: false },
          { emoji: '🎉', count: 1, senders: [BOBBY], mine: false },
        ],
      }),
    ];
    await openRoom(api);
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-reactions'));
    await flush(3);
    const list = screen.getByTestId('reaction-list');
    const clear = within(list).getByRole('button', { name: en.cmClearAllReactions });
    fireEvent.click(clear);
    await flush(3);
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe('Are you sure you want to clear all 👍?');
    // Cancel does nothing.
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    await flush(3);
    expect(api.callsOf('communities.clearReactions')).toHaveLength(0);
    fireEvent.click(within(screen.getByTestId('reaction-list')).getByTestId('reaction-list-clear'));
    await flush(3);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(3);
    expect(api.callsOf('communities.clearReactions').map((c) => c.params)).toEqual([{ messageId: 'r1', emoji: '👍' }]);
    // The answer updates the message: only 🎉 is left in the list.
    await waitFor(() => expect(within(screen.getByTestId('reaction-list')).getAllByTestId('reaction-list-pill').map((p) => p.dataset.emoji)).toEqual(['🎉']));
  });

  it('says so when clearing reactions fails', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { admin: true, moderator: true }, { name: 'lobby' })];
    api.messages = [post(1, { reactions: [{ emoji: '👍', count: 1, senders: [BOBBY], mine: false }] })];
    await openRoom(api);
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-reactions'));
    await flush(3);
    api.messages = [];
    fireEvent.click(within(screen.getByTestId('reaction-list')).getByTestId('reaction-list-clear'));
    await flush(3);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await waitFor(() => expect(document.body.textContent).toContain('The reactions could not be cleared: No such message.'));
  });
});

describe('moderation', () => {
  const posts = () => [post(1), post(2, { sender: OWN_BLINDED, direction: 'outgoing', status: 'sent', senderName: undefined })];

  it('offers nothing of moderation to a member', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'lobby' })];
    api.messages = posts();
    await openRoom(api);
    const ids = menuIds(menuOf('r1'));
    expect(ids).not.toContain('ban');
    expect(ids).not.toContain('unban');
    expect(ids).not.toContain('pin');
    // Blinded senders have no Account ID to copy.
    expect(ids).not.toContain('copy-id');
    fireEvent.click(screen.getByTestId('message-menu-delete'));
    expect((screen.getByTestId('delete-scope-everyone') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('dialog-cancel'));
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    expect(screen.queryByText(en.cmAdminSettings)).toBeNull();
    expect(screen.queryByTestId('conversation-settings-ban-user')).toBeNull();
    expect(screen.getByTestId('conversation-settings-copy-community-url')).toBeTruthy();
    expect(screen.getByTestId('conversation-settings-leave-community')).toBeTruthy();
  });

  it('lets a moderator delete anyone\'s post for everyone and ban its sender', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { moderator: true, moderators: [OWN_BLINDED] }, { name: 'lobby' })];
    api.messages = posts();
    await openRoom(api);
    const ids = menuIds(menuOf('r1'));
    expect(ids).toEqual(expect.arrayContaining(['ban', 'unban', 'delete']));
    expect(ids).not.toContain('admin');
    expect(ids).not.toContain('pin');
    fireEvent.click(screen.getByTestId('message-menu-delete'));
    const everyone = screen.getByTestId('delete-scope-everyone') as HTMLInputElement;
    expect(everyone.disabled).toBe(false);
    expect(everyone.checked).toBe(true);
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await flush(3);
    expect(api.callsOf('messages.unsend').map((c) => c.params)).toEqual([{ ids: ['r1'] }]);
    fireEvent.click(within(menuOf('r2')).getByTestId('message-menu-info'));
    await flush(3);
    fireEvent.click(screen.getByTestId('modal-close'));
    // Ban asks first, with "Ban and Delete All" beside "Ban User".
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-ban'));
    const dialog = screen.getByTestId('moderation-dialog');
    expect((within(dialog).getByTestId('moderation-user') as HTMLInputElement).value).toBe(ALICE);
    fireEvent.click(within(dialog).getByTestId('moderation-ban-delete-all'));
    await flush(3);
    expect(api.callsOf('communities.moderate').map((c) => c.params)).toEqual([{ id: LOBBY, user: ALICE, action: 'ban-delete-all' }]);
    expect(store!.getState().ui.toasts.map((t) => t.message)).toContain(en.cmUserBanned);
    // The settings' Admin Settings: Ban / Unban for moderators, not the admin-only entries.
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    expect(screen.getByText(en.cmAdminSettings)).toBeTruthy();
    expect(screen.getByTestId('conversation-settings-ban-user')).toBeTruthy();
    expect(screen.getByTestId('conversation-settings-unban-user')).toBeTruthy();
    expect(screen.queryByTestId('conversation-settings-add-admins')).toBeNull();
    fireEvent.click(screen.getByTestId('conversation-settings-unban-user'));
    fireEvent.change(screen.getByTestId('moderation-user'), { target: { value: 'someone' } });
    fireEvent.click(screen.getByTestId('moderation-confirm'));
    await flush(3);
    expect(screen.getByTestId('moderation-error').textContent).toBe(en.cmInvalidAccountId);
    fireEvent.change(screen.getByTestId('moderation-user'), { target: { value: BOBBY } });
    fireEvent.click(screen.getByTestId('moderation-confirm'));
    await flush(3);
    expect(api.callsOf('communities.moderate').at(-1)?.params).toEqual({ id: LOBBY, user: BOBBY, action: 'unban' });
  });

  it('lets an admin pin, promote and remove admins', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { moderator: true, admin: true, admins: [OWN_BLINDED, BOBBY] }, { name: 'lobby' })];
    api.messages = posts();
    await openRoom(api);
    fireEvent.click(within(menuOf('r1')).getByTestId('message-menu-pin'));
    await flush(3);
    expect(api.callsOf('communities.pin').map((c) => c.params)).toEqual([{ messageId: 'r1', pinned: true }]);
    expect(document.querySelector('[data-testid="message"][data-id="r1"] [data-testid="message-pinned"]')).not.toBeNull();
    expect(menuIds(menuOf('r1'))).toEqual(expect.arrayContaining(['unpin', 'admin']));
    fireEvent.keyDown(screen.getByTestId('message-menu'), { key: 'Escape' });
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    fireEvent.click(screen.getByTestId('conversation-settings-remove-admins'));
    const boxes = screen.getAllByTestId('moderation-staff');
    expect(boxes).toHaveLength(2);
    fireEvent.click(boxes[1]!);
    fireEvent.click(screen.getByTestId('moderation-remove'));
    await flush(3);
    expect(api.callsOf('communities.moderate').at(-1)?.params).toEqual({ id: LOBBY, user: BOBBY, action: 'unadmin' });
  });

  it('offers a moderator Ban and Unban in the room\'s list menu', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { moderator: true }, { name: 'Lobby' })];
    await mount(api);
    fireEvent.contextMenu(screen.getAllByTestId('conversation-row')[0]!, { clientX: 40, clientY: 80 });
    const menu = screen.getByRole('menu');
    expect(within(menu).getByTestId('menu-unban-user')).toBeTruthy();
    fireEvent.click(within(menu).getByTestId('menu-ban-user'));
    await flush(3);
    fireEvent.change(screen.getByTestId('moderation-user'), { target: { value: ALICE } });
    fireEvent.click(screen.getByTestId('moderation-ban'));
    await flush(3);
    expect(api.callsOf('communities.moderate').map((c) => c.params)).toEqual([{ id: LOBBY, user: ALICE, action: 'ban' }]);
    expect(screen.queryByTestId('moderation-dialog')).toBeNull();
  });
});

describe('community invitations (spec/ui.md §4.9)', () => {
  const BOB = '05' + 'b0'.repeat(32);
  const invitation = (id: string, direction: 'incoming' | 'outgoing', url: string, name: string): MessageView => ({
    id,
    conversationId: BOB,
    sender: direction === 'incoming' ? BOB : TEST_ACCOUNT.sessionId,
    direction,
    text: '',
    timestamp: NOW - 5_000,
    receivedAt: NOW - 5_000,
    status: direction === 'incoming' ? 'received' : 'sent',
    communityInvitation: { url, name },
  });

  it('shows a card with the name and host; Join asks first, then joins and opens the room; a joined room just opens', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 10 }), room('dev', {}, { name: 'Developers' })];
    api.messages = [invitation('i1', 'incoming', roomUrl('lobby'), 'The Lobby'), { ...invitation('i2', 'outgoing', roomUrl('dev'), 'Developers'), timestamp: NOW - 4_000 }];
    await mount(api);
    fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Bob'))!);
    await flush(3);
    const cards = await screen.findAllByTestId('community-invitation');
    expect(cards.map((c) => within(c).getByTestId('community-invitation-name').textContent)).toEqual(['The Lobby', 'Developers']);
    expect(within(cards[0]!).getByTestId('community-invitation-host').textContent).toBe(new URL(ROOM_BASE).host);
    expect(within(cards[0]!).getByText(en.cmInvitation)).toBeTruthy();
    // No empty text bubble and no "unsupported" placeholder beside the card.
    expect(screen.queryAllByTestId('message-text')).toHaveLength(0);
    expect(screen.queryByTestId('message-unsupported')).toBeNull();
    // Cancel joins nothing.
    fireEvent.click(cards[0]!);
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe('Are you sure you want to join The Lobby?');
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    expect(api.callsOf('communities.join')).toHaveLength(0);
    fireEvent.click(cards[0]!);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(3);
    expect(api.callsOf('communities.join').map((c) => c.params)).toEqual([{ url: roomUrl('lobby') }]);
    expect(store!.getState().ui.selectedConversationId).toBe(LOBBY);
    // Back in Bob's chat, the card of a room already joined opens it without asking.
    fireEvent.click(screen.getAllByTestId('conversation-row').find((r) => r.textContent?.includes('Bob'))!);
    await flush(3);
    fireEvent.click((await screen.findAllByTestId('community-invitation'))[1]!);
    await flush(3);
    expect(screen.queryByTestId('conversation-confirm')).toBeNull();
    expect(store!.getState().ui.selectedConversationId).toBe(`${ROOM_BASE}/dev`);
    expect(api.callsOf('communities.join')).toHaveLength(1);
  });
});

describe('Invite Contacts (spec/ui.md §8.6)', () => {
  it('sends the room to the contacts chosen from a searchable checklist, with the official toast', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c0'.repeat(32);
    const DAVE = '05' + 'd0'.repeat(32);
    const ERIN = '05' + 'e0'.repeat(32);
    api.conversations = [
      room('lobby', {}, { name: 'Lobby' }),
      conversation(DAVE, { name: 'Dave' }),
      conversation(CAROL, { name: 'Carol' }),
      // Not contacts: a message request and a blocked person.
      conversation(ERIN, { name: 'Erin', isApproved: false, isRequest: true }),
      conversation('05' + 'f0'.repeat(32), { name: 'Frank', isBlocked: true }),
    ];
    await openRoom(api, 'Lobby');
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    fireEvent.click(screen.getByTestId('conversation-settings-invite-contacts'));
    const dialog = await screen.findByTestId('invite-contacts');
    const boxes = () => within(dialog).getAllByTestId('invite-contact').map((b) => b.dataset.id);
    expect(boxes()).toEqual([CAROL, DAVE]);
    expect((within(dialog).getByTestId('invite-contacts-invite') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('invite-contacts-search'), { target: { value: 'da' } });
    expect(boxes()).toEqual([DAVE]);
    fireEvent.click(within(dialog).getByTestId('invite-contact'));
    fireEvent.change(within(dialog).getByTestId('invite-contacts-search'), { target: { value: '' } });
    fireEvent.click(within(dialog).getAllByTestId('invite-contact')[0]!);
    fireEvent.click(within(dialog).getByTestId('invite-contacts-invite'));
    await flush(3);
    expect(api.callsOf('communities.invite').map((c) => c.params)).toEqual([{ id: LOBBY, contacts: [CAROL, DAVE] }]);
    expect(screen.getByText('Sending invites')).toBeTruthy();
    expect(screen.queryByTestId('invite-contacts')).toBeNull();
  });
});

describe('mentions and members', () => {
  it('suggests room members after "@" and sends the mention as an id', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'lobby' })];
    api.roomMembers[LOBBY] = [
      { id: ALICE, name: 'Alice', moderator: false, admin: false },
      { id: BOBBY, name: 'Bobby', moderator: true, admin: false },
      { id: OWN_BLINDED, name: 'Tester', moderator: false, admin: false },
    ];
    await openRoom(api);
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: 'hey @bo', selectionStart: 7 } });
    await waitFor(() => expect(screen.getAllByTestId('mention-suggestion').map((el) => el.dataset.id)).toEqual([BOBBY]));
    expect(api.callsOf('communities.members').at(-1)?.params).toEqual({ id: LOBBY, query: 'bo', limit: 20 });
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(input.value).toBe('hey @Bobby ');
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
    fireEvent.change(input, { target: { value: 'hey @Bobby look', selectionStart: 15 } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send').at(-1)?.params).toMatchObject({ to: LOBBY, text: `hey @${BOBBY} look` });
    // "@" alone lists "You" first (under our blinded id, not twice), then the others; Esc closes the list without sending.
    fireEvent.change(input, { target: { value: '@', selectionStart: 1 } });
    await waitFor(() => expect(screen.getAllByTestId('mention-suggestion').map((el) => el.dataset.id)).toEqual([OWN_BLINDED, ALICE, BOBBY]));
    expect(screen.getAllByTestId('mention-suggestion')[0]!.textContent).toBe('You');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
    // "@yo" finds us; chosen, the message carries our blinded id.
    fireEvent.change(input, { target: { value: 'ping @yo', selectionStart: 8 } });
    await waitFor(() => expect(screen.getAllByTestId('mention-suggestion').map((el) => el.dataset.id)).toEqual([OWN_BLINDED]));
    fireEvent.keyDown(input, { key: 'Tab' });
    await flush(3);
    expect(input.value).toBe('ping @You ');
    fireEvent.keyDown(input, { key: 'Enter' });
    await flush(3);
    expect(api.callsOf('messages.send').at(-1)?.params).toMatchObject({ to: LOBBY, text: `ping @${OWN_BLINDED} ` });
  });

  it('opens a blinded conversation from a sender\'s profile, which names its room', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'Lobby' })];
    api.messages = [post(1)];
    await openRoom(api, 'Lobby');
    fireEvent.click(screen.getByTestId('message-sender'));
    const profile = screen.getByTestId('member-profile');
    expect(within(profile).getByTestId('member-profile-id').textContent).toBe(ALICE);
    expect(within(profile).getByText(en.cmBlindedIdPill)).toBeTruthy();
    // Not a moderator: no Ban here either.
    expect(within(profile).queryByTestId('member-profile-ban')).toBeNull();
    fireEvent.click(within(profile).getByTestId('member-profile-message'));
    await flush(3);
    expect(api.callsOf('communities.messageMember').map((c) => c.params)).toEqual([{ id: LOBBY, user: ALICE }]);
    expect(store!.getState().ui.selectedConversationId).toBe(ALICE);
    expect(screen.getByTestId('conversation-blinded-via').textContent).toBe('via Lobby');
    // A blinded id is not an Account ID: nothing offers to copy or block it as one.
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    const settings = screen.getByTestId('conversation-settings');
    expect(within(settings).getByText(en.cmBlindedIdPill)).toBeTruthy();
    expect(within(settings).queryByTestId('conversation-settings-copy-id')).toBeNull();
    expect(within(settings).queryByTestId('conversation-settings-block')).toBeNull();
  });
});

describe('a member who refuses message requests from Community conversations', () => {
  it('disables "Message" in their profile and says why', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'Lobby' })];
    api.messages = [post(1)];
    api.roomMembers[LOBBY] = [{ id: ALICE, name: 'Alice', moderator: false, admin: false, acceptsMessages: false }];
    await openRoom(api, 'Lobby');
    fireEvent.click(screen.getByTestId('message-sender'));
    const profile = screen.getByTestId('member-profile');
    const text = await within(profile).findByTestId('member-profile-requests-off');
    expect(text.textContent).toBe('Alice has message requests from Community conversations turned off, so you cannot send them a message.');
    expect(text.querySelector('strong')!.textContent).toBe('Alice');
    const button = within(profile).getByTestId('member-profile-message') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe(text.id);
    // Asked for this member only (StrictMode may run the effect twice).
    expect(new Set(api.callsOf('communities.members').map((c) => JSON.stringify(c.params)))).toEqual(new Set([JSON.stringify({ id: LOBBY, query: ALICE, limit: 1 })]));
    fireEvent.click(button);
    await flush(3);
    expect(api.callsOf('communities.messageMember')).toHaveLength(0);
  });

  it('leaves "Message" on for a member who accepts them', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'Lobby' })];
    api.messages = [post(1)];
    api.roomMembers[LOBBY] = [{ id: ALICE, name: 'Alice', moderator: false, admin: false }];
    await openRoom(api, 'Lobby');
    fireEvent.click(screen.getByTestId('message-sender'));
    await flush(3);
    const profile = screen.getByTestId('member-profile');
    expect(api.callsOf('communities.members').length).toBeGreaterThan(0);
    expect(within(profile).queryByTestId('member-profile-requests-off')).toBeNull();
    expect((within(profile).getByTestId('member-profile-message') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('the room in the list and its settings', () => {
  it('offers the room\'s actions in the list menu: copy URL, notifications with Mentions Only, Leave', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', {}, { name: 'Lobby' })];
    await mount(api);
    const row = screen.getAllByTestId('conversation-row')[0]!;
    fireEvent.contextMenu(row, { clientX: 40, clientY: 80 });
    const menu = screen.getByRole('menu');
    const ids = within(menu).getAllByRole('menuitem').filter((el) => el.parentElement === menu).map((el) => el.dataset.testid);
    expect(ids).toEqual(['menu-pin', 'menu-copy-community-url', 'menu-notifications', 'menu-mark-unread', 'menu-leave-community', 'menu-clear-messages']);
    fireEvent.click(within(menu).getByTestId('menu-notifications'));
    await flush(3);
    fireEvent.click(screen.getByTestId('menu-notify-mentions'));
    await flush(3);
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([{ id: LOBBY, mode: 'mentions' }]);
  });

  it('copies the room URL, offers Mentions Only, and leaves after confirming', async () => {
    const api = new FakeApi();
    api.conversations = [room('lobby', { activeUsers: 3 }, { name: 'Lobby' })];
    await openRoom(api, 'Lobby');
    fireEvent.click(screen.getByTestId('conversation-title-button'));
    await flush(3);
    fireEvent.click(screen.getByTestId('conversation-settings-pin'));
    await flush(3);
    expect(api.callsOf('conversations.setPinned').map((c) => c.params)).toEqual([{ id: LOBBY, pinned: true }]);
    expect(screen.getByTestId('conversation-settings-unpin')).toBeTruthy();
    fireEvent.click(screen.getByTestId('conversation-settings-copy-community-url'));
    await flush(3);
    expect(writeText).toHaveBeenCalledWith(roomUrl('lobby'));
    fireEvent.click(screen.getByTestId('conversation-settings-qr-toggle'));
    expect(screen.getByTestId('conversation-settings-qr')).toBeTruthy();
    fireEvent.click(screen.getByTestId('conversation-settings-notifications'));
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['all', 'mute', 'mentions']);
    fireEvent.click(radios[2]!);
    fireEvent.click(screen.getByTestId('conversation-settings-set'));
    await flush(3);
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([{ id: LOBBY, mode: 'mentions' }]);
    expect(screen.getByTestId('conversation-member-count').textContent).toBe(`3 active members · ${en.cmHeaderMentionsOnly}`);
    fireEvent.click(screen.getByTestId('conversation-settings-leave-community'));
    expect(screen.getByText('Lobby', { selector: 'strong' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(3);
    expect(api.callsOf('communities.leave').map((c) => c.params)).toEqual([{ id: LOBBY }]);
    expect(store!.getState().conversations.byId[LOBBY]).toBeUndefined();
    expect(store!.getState().ui.selectedConversationId).toBeNull();
  });
});
