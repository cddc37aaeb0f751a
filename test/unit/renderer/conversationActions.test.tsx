// The conversation list and conversation-level actions in jsdom against the fake API: virtualisation of a
// long list, row details, the row context menu (mouse and keyboard) with each action's confirmation, the
// conversation settings modal, message requests (Clear All, Delete, Block, the request bar) and the
// removal events.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { Provider } from 'react-redux';
import type { ConversationSummary, MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { RequestBar } from '../../../ts/renderer/components/conversation/RequestBar';
import { en } from '../../../ts/renderer/locales/en';
import { createStore } from '../../../ts/renderer/state/store';
import { openModal } from '../../../ts/renderer/state/ui';
import { adoptStore, appStore, flush, installTextEncoder, menuLabels, mountApp, openMenu, row, unmountApp } from './appHarness';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';

// Some tests render hundreds of rows or run a full audit; a shared CI core can be slow.
jest.setTimeout(20_000);

installTextEncoder();

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const DAVE = '05' + 'd4'.repeat(32);

async function mount(api: FakeApi) {
  await mountApp(api, { now: () => 10_000_000 });
  await flush();
  return api;
}

function message(conversationId: string, over: Partial<MessageView> = {}): MessageView {
  return {
    id: `m-${conversationId.slice(2, 6)}`,
    conversationId,
    sender: conversationId,
    direction: 'incoming',
    text: 'hello',
    timestamp: 9_000_000,
    receivedAt: 9_000_000,
    status: 'received',
    ...over,
  };
}

const confirmDialog = () => screen.getByTestId('conversation-confirm');

afterEach(() => {
  unmountApp();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('conversation list', () => {
  it('keeps only the visible rows (plus overscan) of 1,000 conversations in the DOM, and follows the scroll', async () => {
    const api = new FakeApi();
    api.conversations = Array.from({ length: 1000 }, (_, i) =>
      conversation('05' + i.toString(16).padStart(64, '0'), { name: `Contact ${String(i).padStart(4, '0')}`, updatedAt: 1_000_000 + i }),
    );
    const height = window.innerHeight;
    await mount(api);
    const rows = screen.getAllByTestId('conversation-row');
    // jsdom has no layout: the list assumes the window's height (768 px = 12 rows) plus 8 rows of overscan.
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(height / 64) + 8 + 1);
    expect(rows.length).toBeGreaterThanOrEqual(Math.floor(height / 64));
    // Most recent first.
    expect(rows[0]!.textContent).toContain('Contact 0999');
    const list = screen.getByTestId('conversation-list');
    expect(list.style.height).toBe(`${1000 * 64}px`);
    expect(list.querySelector('li')!.getAttribute('aria-setsize')).toBe('1000');

    const scroller = screen.getByTestId('conversation-list-scroller');
    await act(async () => {
      scroller.scrollTop = 500 * 64;
      fireEvent.scroll(scroller);
    });
    const after = screen.getAllByTestId('conversation-row').map((r) => r.textContent ?? '');
    expect(after.length).toBeLessThan(40);
    expect(after.some((t) => t.includes('Contact 0499'))).toBe(true);
    expect(after.some((t) => t.includes('Contact 0999'))).toBe(false);
  });

  it('shows the muted icon, caps the unread badge, previews unsupported parts and hides blocked conversations', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(BOB, { name: 'Bob', updatedAt: 5, notificationMode: 'mute', unreadCount: 1500, lastMessage: message(BOB, { text: '', unsupported: ['attachments'] }) }),
      conversation(CAROL, { name: 'Carol', updatedAt: 4, lastMessage: message(CAROL, { text: '', unsupported: ['quote'] }) }),
      conversation(DAVE, { name: 'Dave', updatedAt: 3, isBlocked: true }),
    ];
    await mount(api);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.dataset.conversationId)).toEqual([BOB, CAROL]);
    expect(within(row(BOB)).getByRole('img', { name: en.convMuted })).toBeTruthy();
    expect(within(row(CAROL)).queryByRole('img', { name: en.convMuted })).toBeNull();
    expect(within(row(BOB)).getByTestId('row-unread').textContent).toBe('999+');
    expect(within(row(BOB)).getByTestId('row-preview').textContent).toBe(en.convPreviewMedia);
    expect(within(row(CAROL)).getByTestId('row-preview').textContent).toBe(en.convPreviewUnsupported);
  });

  it('orders equal activity by name', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(CAROL, { name: 'carol', updatedAt: 7 }), conversation(BOB, { name: 'Bob', updatedAt: 7 }), conversation(DAVE, { name: 'Dave', updatedAt: 8 })];
    await mount(api);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.dataset.conversationId)).toEqual([DAVE, BOB, CAROL]);
  });

  it('shows search results with names only and a reduced menu', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(BOB, { name: 'Bob', updatedAt: 2, unreadCount: 3, notificationMode: 'mute', lastMessage: message(BOB) }),
      conversation(CAROL, { name: 'Carol', updatedAt: 1 }),
    ];
    await mount(api);
    fireEvent.change(screen.getByRole('searchbox', { name: en.search }), { target: { value: 'bo' } });
    expect(screen.getAllByTestId('conversation-row')).toHaveLength(1);
    expect(row(BOB).textContent).toBe('Bob');
    expect(within(row(BOB)).getByTestId('avatar').dataset.initials).toBe('BO');
    expect(menuLabels(openMenu(BOB))).toEqual([en.cfgPin, en.convCopyAccountId, en.convBlock, en.convDeleteConversation, en.convDeleteContact, en.convClearAllMessages]);
  });

  it('moves focus between rows with the arrow keys', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 2 }), conversation(CAROL, { name: 'Carol', updatedAt: 1 })];
    await mount(api);
    row(BOB).focus();
    fireEvent.keyDown(row(BOB), { key: 'ArrowDown' });
    await flush();
    expect(document.activeElement).toBe(row(CAROL));
    fireEvent.keyDown(row(CAROL), { key: 'Home' });
    await flush();
    expect(document.activeElement).toBe(row(BOB));
  });
});

describe('conversation context menu', () => {
  function withBob(over: Partial<ConversationSummary> = {}) {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 2, unreadCount: 2, ...over }), conversation(CAROL, { name: 'Carol', updatedAt: 1 })];
    return api;
  }

  it('lists the applicable items in the official order', async () => {
    await mount(withBob());
    expect(menuLabels(openMenu(BOB))).toEqual([
      en.cfgPin,
      en.convCopyAccountId,
      en.convNotifications,
      en.convMarkRead,
      en.cfgSetNickname,
      en.cfUserDetails,
      en.convBlock,
      en.convDeleteConversation,
      en.convDeleteContact,
      en.convClearAllMessages,
    ]);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    // No unread: no "Mark read"; Note to Self: no notifications, block or delete.
    expect(menuLabels(openMenu(CAROL))).not.toContain(en.convMarkRead);
  });

  it('offers Pin, Copy Account ID, Mark unread, Hide Note to Self and Clear All Messages for Note to Self', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(TEST_ACCOUNT.sessionId, { kind: 'note-to-self', updatedAt: 1 })];
    await mount(api);
    expect(menuLabels(openMenu(TEST_ACCOUNT.sessionId))).toEqual([
      en.cfgPin,
      en.convCopyAccountId,
      en.cfgMarkUnread,
      en.cfgHideNoteToSelf,
      en.convClearAllMessages,
    ]);
  });

  it('opens from the keyboard (Shift+F10 and the context-menu key), moves with arrows, and Esc gives focus back', async () => {
    await mount(withBob());
    row(BOB).focus();
    fireEvent.keyDown(row(BOB), { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: en.convMenuFor.replace('{name}', 'Bob') });
    expect(document.activeElement?.textContent).toBe(en.cfgPin);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe(en.convCopyAccountId);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe(en.convClearAllMessages);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(row(BOB));
    fireEvent.keyDown(row(BOB), { key: 'ContextMenu' });
    expect(screen.getByRole('menu')).toBeTruthy();
    // A press outside closes it.
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('copies the Account ID', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await mount(withBob());
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: en.convCopyAccountId }));
    await flush();
    expect(writeText).toHaveBeenCalledWith(BOB);
    expect(screen.getByTestId('toast').textContent).toContain(en.copied);
  });

  it('mutes and unmutes from the Notifications submenu, the current mode disabled', async () => {
    const api = await mount(withBob());
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: en.convNotifications }));
    const sub = screen.getByRole('menu', { name: en.convNotifications });
    expect((within(sub).getByRole('menuitem', { name: en.convNotificationsAll }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(sub).getByRole('menuitem', { name: en.convNotificationsMute }));
    await flush();
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([{ id: BOB, mode: 'mute' }]);
    expect(within(row(BOB)).getByRole('img', { name: en.convMuted })).toBeTruthy();
    // Keyboard: ArrowRight opens the submenu, the enabled item is focused.
    row(BOB).focus();
    fireEvent.keyDown(row(BOB), { key: 'F10', shiftKey: true });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe(en.convNotificationsAll);
    fireEvent.click(document.activeElement!);
    await flush();
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([
      { id: BOB, mode: 'mute' },
      { id: BOB, mode: 'all' },
    ]);
    expect(within(row(BOB)).queryByRole('img', { name: en.convMuted })).toBeNull();
  });

  it('marks the conversation read', async () => {
    const api = await mount(withBob());
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: en.convMarkRead }));
    await flush();
    expect(api.callsOf('conversations.markRead').map((c) => c.params)).toEqual([{ id: BOB }]);
    expect(within(row(BOB)).queryByTestId('row-unread')).toBeNull();
  });

  it.each([
    [en.convBlock, en.convBlockText, en.convBlock, 'conversations.setBlocked', { id: BOB, blocked: true }],
    [en.convDeleteConversation, en.convDeleteConversationText, en.convDelete, 'conversations.delete', { id: BOB }],
    [en.convDeleteContact, en.convDeleteContactText, en.convDelete, 'contacts.delete', { id: BOB }],
    [en.convClearAllMessages, en.convClearMessagesText, en.convClear, 'conversations.clearMessages', { id: BOB }],
  ] as const)('"%s" asks first with the official text, does nothing on Cancel, calls the backend on confirm', async (item, text, button, method, params) => {
    const api = withBob({ lastMessage: message(BOB) });
    api.messages = [message(BOB)];
    await mount(api);
    fireEvent.click(row(BOB));
    await screen.findByTestId('conversation-view');
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: item }));
    const dialog = confirmDialog();
    expect(within(dialog).getByRole('heading').textContent).toBe(item === en.convBlock ? en.convBlock : item);
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(text.replaceAll('{name}', 'Bob'));
    expect(within(screen.getByTestId('conversation-confirm-text')).getAllByText('Bob')[0]!.tagName).toBe('STRONG');
    expect(screen.getByTestId('conversation-confirm-ok').textContent).toBe(button);
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    await flush();
    expect(screen.queryByTestId('conversation-confirm')).toBeNull();
    expect(api.callsOf(method)).toEqual([]);

    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: item }));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf(method).map((c) => c.params)).toEqual([params]);
    expect(screen.queryByTestId('conversation-confirm')).toBeNull();
    if (method === 'conversations.clearMessages') {
      // The conversation stays, without its preview; a toast says so.
      expect(within(row(BOB)).getByTestId('row-preview').textContent).toBe('');
      expect(screen.getByTestId('toast').textContent).toContain(en.convMessagesDeleted);
      expect(screen.getByTestId('conversation-view')).toBeTruthy();
    } else {
      // Blocked conversations leave the list; deleted ones are gone, and the open one closes.
      expect(document.querySelector(`[data-conversation-id="${BOB}"]`)).toBeNull();
      if (method !== 'conversations.setBlocked') expect(screen.queryByTestId('conversation-view')).toBeNull();
    }
  });

  it('shows the reason when the backend refuses an action', async () => {
    const api = withBob();
    api.failNextConversationAction = { method: 'conversations.delete', error: new IpcError('unavailable', 'Not now.') };
    await mount(api);
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: en.convDeleteConversation }));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(screen.getByTestId('toast').textContent).toContain(en.convActionFailed.replace('{message}', 'Not now.'));
    expect(row(BOB)).toBeTruthy();
  });
});

describe('conversation settings modal', () => {
  async function openSettings(api: FakeApi, id: string) {
    await mount(api);
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: id }));
    });
    return screen.queryByTestId('conversation-settings')!;
  }

  function itemIds(dialog: HTMLElement): string[] {
    return Array.from(dialog.querySelectorAll<HTMLElement>('[data-testid^="conversation-settings-"]'))
      .filter((el) => el.tagName === 'BUTTON' && !el.dataset.testid!.endsWith('-inline') && !el.dataset.testid!.endsWith('-toggle'))
      .map((el) => el.dataset.testid!.replace('conversation-settings-', ''));
  }

  it('shows the profile header with the Account ID, its copy button and its QR code', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    const dialog = await openSettings(api, BOB);
    expect(within(dialog).getByRole('heading', { name: en.convSettingsTitle })).toBeTruthy();
    const profile = screen.getByTestId('conversation-settings-profile');
    expect(profile.textContent).toContain('Bob');
    expect(profile.textContent).toContain(en.convAccountIdPill);
    expect(screen.getByTestId('conversation-settings-id').textContent).toBe(BOB);
    expect(document.activeElement && dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(screen.getByTestId('conversation-settings-copy-id-inline'));
    await flush();
    expect(writeText).toHaveBeenCalledWith(BOB);

    fireEvent.click(within(dialog).getByRole('button', { name: en.convShowQr }));
    const qr = await screen.findByTestId('conversation-settings-qr');
    expect(qr.getAttribute('aria-label')).toBe(en.convQrAlt);
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    fireEvent.click(within(dialog).getByRole('button', { name: en.convHideQr }));
    expect(screen.queryByTestId('conversation-settings-qr')).toBeNull();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('conversation-settings')).toBeNull();
  });

  it('offers the 1:1 items, and Copy Account ID, Pin, Attachments, Hide Note to Self and Clear All Messages for Note to Self', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 2 }), conversation(TEST_ACCOUNT.sessionId, { kind: 'note-to-self', updatedAt: 1 })];
    const dialog = await openSettings(api, BOB);
    expect(itemIds(dialog)).toEqual(['copy-id', 'disappearing', 'pin', 'notifications', 'attachments', 'block', 'clear-messages', 'delete-conversation', 'delete-contact']);
    fireEvent.click(screen.getByTestId('modal-close'));
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: TEST_ACCOUNT.sessionId }));
    });
    const nts = screen.getByTestId('conversation-settings');
    expect(itemIds(nts)).toEqual(['copy-id', 'disappearing', 'pin', 'attachments', 'hide-note-to-self', 'clear-messages']);
    expect(within(nts).queryByRole('button', { name: en.convShowQr })).toBeNull();
    fireEvent.click(screen.getByTestId('conversation-settings-clear-messages'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convClearNoteToSelfText);
  });

  it('sets the notification mode on its page; Set stays disabled until the choice changes', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    await openSettings(api, BOB);
    expect(screen.getByTestId('conversation-settings-notifications').textContent).toContain(en.convNotificationsAll);
    fireEvent.click(screen.getByTestId('conversation-settings-notifications'));
    const page = screen.getByTestId('conversation-settings-notifications-page');
    const set = screen.getByTestId('conversation-settings-set') as HTMLButtonElement;
    expect(set.disabled).toBe(true);
    fireEvent.click(within(page).getByRole('radio', { name: en.convNotificationsMute }));
    expect(set.disabled).toBe(false);
    fireEvent.click(set);
    await flush();
    expect(api.callsOf('conversations.setNotificationMode').map((c) => c.params)).toEqual([{ id: BOB, mode: 'mute' }]);
    expect(screen.getByTestId('conversation-settings-notifications').textContent).toContain(en.convNotificationsMuted);
    // Back without a change sends nothing.
    fireEvent.click(screen.getByTestId('conversation-settings-notifications'));
    fireEvent.click(screen.getByTestId('modal-back'));
    expect(api.callsOf('conversations.setNotificationMode')).toHaveLength(1);
  });

  it.each([
    ['block', en.convBlockText, 'conversations.setBlocked', { id: BOB, blocked: true }],
    ['clear-messages', en.convClearMessagesText, 'conversations.clearMessages', { id: BOB }],
    ['delete-conversation', en.convDeleteConversationText, 'conversations.delete', { id: BOB }],
    ['delete-contact', en.convDeleteContactText, 'contacts.delete', { id: BOB }],
  ] as const)('"%s" confirms first; Cancel keeps everything', async (item, text, method, params) => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1 })];
    await openSettings(api, BOB);
    fireEvent.click(screen.getByTestId(`conversation-settings-${item}`));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(text.replaceAll('{name}', 'Bob'));
    fireEvent.keyDown(screen.getByTestId('conversation-confirm-ok'), { key: 'Escape' });
    expect(screen.queryByTestId('conversation-confirm')).toBeNull();
    expect(screen.getByTestId('conversation-settings')).toBeTruthy();
    expect(api.callsOf(method)).toEqual([]);
    fireEvent.click(screen.getByTestId(`conversation-settings-${item}`));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf(method).map((c) => c.params)).toEqual([params]);
    if (method === 'conversations.delete' || method === 'contacts.delete') {
      // The conversation is gone: so is its settings modal.
      expect(screen.queryByTestId('conversation-settings')).toBeNull();
    } else if (method === 'conversations.setBlocked') {
      expect(screen.getByTestId('conversation-settings-unblock')).toBeTruthy();
    }
  });

  it('closes at once for a conversation the backend does not know', async () => {
    const api = new FakeApi();
    await openSettings(api, BOB);
    await flush();
    expect(screen.queryByTestId('conversation-settings')).toBeNull();
    expect(appStore().getState().ui.modals).toEqual([]);
  });

  it('unblocks a blocked contact with the Unblock confirmation', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 1, isBlocked: true })];
    const dialog = await openSettings(api, BOB);
    expect(itemIds(dialog)).not.toContain('notifications');
    fireEvent.click(screen.getByTestId('conversation-settings-unblock'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convUnblockText.replace('{name}', 'Bob'));
    expect(screen.getByTestId('conversation-confirm-ok').textContent).toBe(en.convUnblock);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setBlocked').map((c) => c.params)).toEqual([{ id: BOB, blocked: false }]);
    // Unblocked, the conversation is back in the list.
    expect(row(BOB)).toBeTruthy();
  });
});

describe('message requests', () => {
  function withRequests() {
    const api = new FakeApi();
    api.conversations = [
      conversation(DAVE, { name: 'Dave', updatedAt: 3 }),
      conversation(BOB, { name: 'Bob', isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 2 }),
      conversation(CAROL, { name: 'Carol', isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 1 }),
    ];
    return api;
  }

  it('clears all requests after the confirmation, and not on Cancel', async () => {
    const api = await mount(withRequests());
    fireEvent.click(screen.getByTestId('requests-banner'));
    fireEvent.click(screen.getByTestId('requests-clear-all'));
    expect(within(confirmDialog()).getByRole('heading').textContent).toBe(en.convClearRequestsTitle);
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convClearRequestsText);
    expect(screen.getByTestId('conversation-confirm-ok').textContent).toBe(en.convClear);
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    expect(api.callsOf('conversations.clearRequests')).toEqual([]);
    expect(screen.getAllByTestId('conversation-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('requests-clear-all'));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.clearRequests').map((c) => c.params)).toEqual([{}]);
    expect(screen.getByText(en.noMessageRequests)).toBeTruthy();
    // The inbox keeps its conversation.
    fireEvent.click(screen.getByTestId('overlay-back'));
    expect(screen.getAllByTestId('conversation-row').map((r) => r.dataset.conversationId)).toEqual([DAVE]);
  });

  it('blocks a request from its row, and offers Accept, Copy Account ID, Delete, Block in its menu', async () => {
    const api = await mount(withRequests());
    fireEvent.click(screen.getByTestId('requests-banner'));
    expect(menuLabels(openMenu(BOB))).toEqual([en.convAccept, en.convCopyAccountId, en.convDelete, en.convBlock]);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: en.convRequestBlockFrom.replace('{name}', 'Carol') }));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convBlockText.replace('{name}', 'Carol'));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setBlocked').map((c) => c.params)).toEqual([{ id: CAROL, blocked: true }]);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.dataset.conversationId)).toEqual([BOB]);
    // Delete from the menu really deletes (conversations.decline), after its confirmation.
    fireEvent.click(within(openMenu(BOB)).getByRole('menuitem', { name: en.convDelete }));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convDeleteRequestText);
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.decline').map((c) => c.params)).toEqual([{ id: BOB }]);
    expect(screen.getByText(en.noMessageRequests)).toBeTruthy();
  });

  describe('request bar', () => {
    async function mountBar(api: FakeApi, id: string) {
      const store = adoptStore(createStore(api));
      render(
        <Provider store={store}>
          <RequestBar id={id} />
        </Provider>,
      );
      await flush();
    }

    it('accepts', async () => {
      const api = withRequests();
      await mountBar(api, BOB);
      const bar = screen.getByTestId('request-bar');
      expect(bar.textContent).toContain(en.requestExplainer);
      fireEvent.click(screen.getByTestId('request-accept'));
      await flush();
      expect(api.callsOf('conversations.accept').map((c) => c.params)).toEqual([{ id: BOB }]);
      expect(screen.queryByTestId('request-bar')).toBeNull();
    });

    it('deletes and blocks after their confirmations, and does nothing on Cancel', async () => {
      const api = withRequests();
      await mountBar(api, BOB);
      fireEvent.click(screen.getByTestId('request-decline'));
      expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convDeleteRequestText);
      fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
      fireEvent.click(screen.getByRole('button', { name: en.convBlock }));
      expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convBlockText.replace('{name}', 'Bob'));
      fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
      expect(api.callsOf('conversations.decline')).toEqual([]);
      expect(api.callsOf('conversations.setBlocked')).toEqual([]);
      fireEvent.click(screen.getByTestId('request-block'));
      fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
      await flush();
      expect(api.callsOf('conversations.setBlocked').map((c) => c.params)).toEqual([{ id: BOB, blocked: true }]);
      unmountApp();
      await mountBar(api, CAROL);
      fireEvent.click(screen.getByTestId('request-decline'));
      fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
      await flush();
      expect(api.callsOf('conversations.decline').map((c) => c.params)).toEqual([{ id: CAROL }]);
      expect(screen.queryByTestId('request-bar')).toBeNull();
      expect(screen.queryByTestId('conversation-confirm')).toBeNull();
    });

    it('renders nothing for a conversation that is not a request', async () => {
      await mountBar(withRequests(), DAVE);
      expect(screen.queryByTestId('request-bar')).toBeNull();
    });
  });
});

describe('accessibility', () => {
  async function audit(): Promise<string[]> {
    // Colour contrast needs layout, which jsdom does not have; the Chromium audit covers it.
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('has no serious or critical violations in the list, its menu, a confirmation and the settings modal', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(BOB, { name: 'Bob', updatedAt: 3, unreadCount: 2, notificationMode: 'mute', lastMessage: message(BOB) }),
      conversation(CAROL, { name: 'Carol', updatedAt: 2 }),
      conversation(DAVE, { name: 'Dave', updatedAt: 1, isRequest: true, isApproved: false, unreadCount: 1 }),
    ];
    await mount(api);
    expect(await audit()).toEqual([]);
    openMenu(BOB);
    expect(await audit()).toEqual([]);
    fireEvent.click(screen.getByRole('menuitem', { name: en.convBlock }));
    expect(await audit()).toEqual([]);
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: BOB }));
    });
    expect(await audit()).toEqual([]);
    fireEvent.click(screen.getByTestId('conversation-settings-notifications'));
    expect(await audit()).toEqual([]);
    fireEvent.click(screen.getByTestId('modal-close'));
    fireEvent.click(screen.getByTestId('requests-banner'));
    expect(await audit()).toEqual([]);
  }, 60_000);
});

describe('removal events', () => {
  it('conversations.removed drops the rows and closes the open conversation and its settings', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 2 }), conversation(CAROL, { name: 'Carol', updatedAt: 1 })];
    await mount(api);
    fireEvent.click(row(BOB));
    await screen.findByTestId('conversation-view');
    await act(async () => {
      appStore().dispatch(openModal({ kind: 'conversation-settings', conversationId: BOB }));
    });
    await act(async () => api.emit('conversations.removed', { ids: [BOB] }));
    expect(screen.getAllByTestId('conversation-row').map((r) => r.dataset.conversationId)).toEqual([CAROL]);
    expect(screen.queryByTestId('conversation-view')).toBeNull();
    expect(screen.queryByTestId('conversation-settings')).toBeNull();
    expect(appStore().getState().ui.selectedConversationId).toBeNull();
    // Removing a conversation that is not open leaves the open one alone.
    fireEvent.click(row(CAROL));
    await act(async () => api.emit('conversations.removed', { ids: [BOB] }));
    expect(appStore().getState().ui.selectedConversationId).toBe(CAROL);
  });

  it('messages.removed takes a removed last message out of the preview', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', updatedAt: 2, lastMessage: message(BOB, { id: 'last', text: 'secret plan' }) })];
    await mount(api);
    expect(within(row(BOB)).getByTestId('row-preview').textContent).toBe('secret plan');
    await act(async () => api.emit('messages.removed', { conversationId: BOB, ids: ['other'] }));
    expect(within(row(BOB)).getByTestId('row-preview').textContent).toBe('secret plan');
    await act(async () => api.emit('messages.removed', { conversationId: BOB, ids: ['last'] }));
    expect(within(row(BOB)).getByTestId('row-preview').textContent).toBe('');
  });
});
