// Onboarding and 1:1 chat in jsdom against the fake API: create and restore (each error kind to
// its spec text), the New Message overlay, sending with optimistic rows and event-driven status,
// incoming messages, request accept/decline, and the Enter-key setting.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { appStore, flush, mountApp, unmountApp } from './appHarness';
import { conversation, FakeApi } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

const BOB = '05' + 'b2'.repeat(32);

function mount(api: FakeApi, waitFor = 'app-shell') {
  return mountApp(api, { now: () => 5_000, waitFor });
}

function incoming(over: Partial<MessageView> = {}): MessageView {
  return {
    id: 'in1',
    conversationId: BOB,
    sender: BOB,
    direction: 'incoming',
    text: 'hi',
    timestamp: 2_000,
    receivedAt: 2_000,
    status: 'received',
    ...over,
  };
}

// The timeline is virtualized: give jsdom a layout so it draws rows.
beforeAll(installLayout);
afterAll(uninstallLayout);

afterEach(() => {
  unmountApp();
});

describe('onboarding', () => {
  it('offers the Terms of Service and Privacy Policy in the browser, each on request', async () => {
    const api = new FakeApi();
    api.account = null;
    await mount(api, 'onboarding-start');
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
    try {
      fireEvent.click(screen.getByTestId('onboarding-terms'));
      expect(screen.getByTestId('terms-dialog').textContent).toContain(en.termsText);
      expect(opened).not.toHaveBeenCalled();
      fireEvent.click(screen.getByRole('button', { name: en.termsOfService }));
      expect(opened).toHaveBeenLastCalledWith('https://getsession.org/terms-of-service', '_blank', 'noopener,noreferrer');
      expect(screen.queryByTestId('terms-dialog')).toBeNull();
      fireEvent.click(screen.getByTestId('onboarding-terms'));
      fireEvent.click(screen.getByRole('button', { name: en.privacyPolicy }));
      expect(opened).toHaveBeenLastCalledWith('https://getsession.org/privacy-policy', '_blank', 'noopener,noreferrer');
      // Esc closes without opening anything.
      fireEvent.click(screen.getByTestId('onboarding-terms'));
      fireEvent.keyDown(screen.getByTestId('terms-dialog'), { key: 'Escape' });
      expect(screen.queryByTestId('terms-dialog')).toBeNull();
      expect(opened).toHaveBeenCalledTimes(2);
    } finally {
      opened.mockRestore();
    }
  });

  it('creates an account and lands in the inbox with the Account Created view', async () => {
    const api = new FakeApi();
    api.account = null;
    await mount(api, 'onboarding-start');
    fireEvent.click(screen.getByRole('button', { name: en.onboardingCreate }));
    const input = await screen.findByLabelText(en.displayNamePlaceholder);
    expect((screen.getByTestId('onboarding-continue') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.submit(screen.getByTestId('onboarding-display-name'));
    expect(screen.getByRole('alert').textContent).toBe(en.displayNameEmpty);
    fireEvent.change(input, { target: { value: 'é'.repeat(51) } });
    expect(screen.getByRole('alert').textContent).toBe(en.displayNameTooLong);
    fireEvent.change(input, { target: { value: ' Alice ' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    await screen.findByTestId('app-shell');
    expect(api.callsOf('account.create')).toEqual([{ method: 'account.create', params: { displayName: 'Alice' } }]);
    expect(screen.getByTestId('account-created').textContent).toBe(en.accountCreated);
    expect(JSON.stringify(appStore().getState())).not.toContain('not a real mnemonic');
  });

  it.each([
    ['mnemonic_too_few_words', en.recoveryPasswordTooShort],
    ['mnemonic_unknown_word', en.recoveryPasswordIncorrect],
    ['mnemonic_bad_checksum', en.recoveryPasswordIncorrect],
    ['something_else', en.recoveryPasswordInvalid],
  ])('maps a restore failure of kind %s to its spec text', async (kind, text) => {
    const api = new FakeApi();
    api.account = null;
    api.failNextRestore = new IpcError('invalid_params', 'backend wording', kind);
    await mount(api, 'onboarding-start');
    fireEvent.click(screen.getByRole('button', { name: en.onboardingRestore }));
    const input = await screen.findByLabelText(en.recoveryPasswordPlaceholder);
    expect(input.getAttribute('type')).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: en.recoveryPasswordShow }));
    expect(input.getAttribute('type')).toBe('text');
    fireEvent.change(input, { target: { value: ' one two three ' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    expect((await screen.findByRole('alert')).textContent).toBe(text);
    expect(api.callsOf('account.restore')[0]?.params).toEqual({ mnemonic: 'one two three' });
    fireEvent.change(screen.getByLabelText(en.recoveryPasswordPlaceholder), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe(en.recoveryPasswordEmpty);
  });

  it('restores, shows progress, and asks for a display name when the account has none', async () => {
    const api = new FakeApi();
    api.account = null;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const call = api.call.bind(api);
    api.call = (async (method, params) => {
      if (method === 'account.restore') await gate;
      return call(method, params);
    }) as FakeApi['call'];
    await mount(api, 'onboarding-start');
    fireEvent.click(screen.getByRole('button', { name: en.onboardingRestore }));
    fireEvent.change(await screen.findByLabelText(en.recoveryPasswordPlaceholder), { target: { value: 'words' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    expect((await screen.findByTestId('onboarding-loading')).textContent).toContain(en.onboardingLoadingTitle);
    await act(async () => release());
    await screen.findByTestId('onboarding-display-name-fallback');
    expect(screen.getByText(en.displayNameFallbackTitle)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(en.displayNamePlaceholder), { target: { value: 'Restored' } });
    fireEvent.click(screen.getByTestId('onboarding-continue'));
    await screen.findByTestId('app-shell');
    expect(api.callsOf('account.setDisplayName')[0]?.params).toEqual({ displayName: 'Restored' });
  });
});

describe('conversation view', () => {
  async function openNewMessage(api: FakeApi, text: string) {
    await mount(api);
    fireEvent.click(screen.getByTestId('choose-action-button'));
    fireEvent.click(screen.getByTestId('action-new-message'));
    fireEvent.change(screen.getByLabelText(en.newMessagePlaceholder), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: en.next }));
    await flush();
  }

  it('opens a conversation from an Account ID, refuses bad input, resolves ONS names', async () => {
    const api = new FakeApi();
    await openNewMessage(api, '05abc');
    expect((await screen.findByRole('alert')).textContent).toBe(en.onsNotFound);
    fireEvent.change(screen.getByLabelText(en.newMessagePlaceholder), { target: { value: '15' + 'a'.repeat(64) } });
    fireEvent.click(screen.getByRole('button', { name: en.next }));
    expect((await screen.findByRole('alert')).textContent).toBe(en.accountIdInvalid);
    api.ons = { bob: BOB, down: new IpcError('network', 'unreachable') };
    fireEvent.change(screen.getByLabelText(en.newMessagePlaceholder), { target: { value: 'down' } });
    fireEvent.click(screen.getByRole('button', { name: en.next }));
    expect((await screen.findByRole('alert')).textContent).toBe(en.onsNetworkError);
    fireEvent.change(screen.getByLabelText(en.newMessagePlaceholder), { target: { value: 'bob' } });
    fireEvent.click(screen.getByRole('button', { name: en.next }));
    expect((await screen.findByTestId('conversation-session-id')).textContent).toBe(BOB);
    expect(screen.getByTestId('messages-empty')).toBeTruthy();
  });

  it('sends with an optimistic row, then follows the status events', async () => {
    const api = new FakeApi();
    let release = () => {};
    api.holdSends = new Promise<void>((r) => (release = r));
    await openNewMessage(api, BOB.toUpperCase());
    const input = await screen.findByLabelText(en.composerLabel);
    // Nothing to send yet: the microphone stands where the send button will be (spec/ui.md §4.7).
    expect(screen.queryByTestId('composer-send')).toBeNull();
    expect(screen.getByTestId('composer-mic')).toBeTruthy();
    const text = '<b>hello</b> from Alice ✓ שלום';
    fireEvent.change(input, { target: { value: text } });
    fireEvent.keyDown(input, { key: 'Enter' });
    const row = await screen.findByTestId('message');
    expect(row.dataset.status).toBe('sending');
    expect(within(row).getByTestId('message-text').textContent).toBe(text);
    expect(within(row).getByTestId('message-text').getAttribute('dir')).toBe('auto');
    expect(row.querySelector('b')).toBeNull();
    expect((input as HTMLTextAreaElement).value).toBe('');
    await act(async () => release());
    await flush();
    expect(api.callsOf('messages.send')[0]?.params).toEqual({ to: BOB, text });
    const sent = { ...api.messages[0]!, status: 'sent' as const };
    await act(async () => api.emit('messages.updated', { messages: [sent] }));
    const rows = screen.getAllByTestId('message');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dataset.status).toBe('sent');
    expect(within(rows[0]!).getByTestId('message-status').textContent).toBe(en.statusSent);
    // The row follows the message's status even when only `messages.updated` reports it.
    const stale = { ...sent, status: 'sending' as const };
    await act(async () => api.emit('conversations.updated', { conversations: [conversation(BOB, { lastMessage: stale, updatedAt: sent.timestamp })] }));
    expect(within(screen.getByTestId('conversation-row')).getByRole('img', { name: en.statusSent })).toBeTruthy();

    // A failed message offers a retry that goes to messages.retry.
    await act(async () => api.emit('messages.updated', { messages: [{ ...sent, status: 'failed', error: 'no path' }] }));
    expect(screen.getByTestId('message-status').textContent).toContain(en.statusFailed);
    fireEvent.click(screen.getByRole('button', { name: en.retrySend }));
    await flush();
    expect(api.callsOf('messages.retry')[0]?.params).toEqual({ id: sent.id });
    expect(screen.getByTestId('message').dataset.status).toBe('sending');
  });

  it('renders incoming messages from events, oldest first, and refetches after a reconnect', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', lastMessage: incoming(), updatedAt: 2_000 })];
    api.messages = [incoming()];
    await mount(api);
    fireEvent.click(screen.getByTestId('conversation-row'));
    expect((await screen.findByTestId('conversation-title')).textContent).toBe('Bob');
    expect((await screen.findByTestId('message-text')).textContent).toBe('hi');
    const second = incoming({ id: 'in2', text: 'second', timestamp: 3_000 });
    api.messages.push(second);
    await act(async () => api.emit('messages.added', { messages: [second] }));
    expect(screen.getAllByTestId('message-text').map((e) => e.textContent)).toEqual(['hi', 'second']);
    api.messages.push(incoming({ id: 'in0', text: 'missed', timestamp: 1_500 }));
    await act(async () => api.reconnect());
    await flush();
    expect(screen.getAllByTestId('message-text').map((e) => e.textContent)).toEqual(['missed', 'hi', 'second']);
  });

  it('reads the open conversation by sight: the badge goes once its message is in view, also for one arriving while it is open', async () => {
    installIntersectionObserver();
    setWindowSeen(true);
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', unreadCount: 1, lastMessage: incoming(), updatedAt: 2_000 })];
    api.messages = [incoming()];
    await mount(api);
    expect(within(screen.getByTestId('conversation-row')).getByLabelText('1 unread')).toBeTruthy();
    fireEvent.click(screen.getByTestId('conversation-row'));
    await waitFor(() => expect(within(screen.getByTestId('conversation-row')).queryByLabelText(/unread/)).toBeNull());
    expect(api.callsOf('conversations.markReadUpTo').map((c) => c.params)).toEqual([{ id: BOB, messageId: 'in1' }]);
    // A new message for the open conversation comes into view at the bottom: read too.
    const second = incoming({ id: 'in2', text: 'second', timestamp: 3_000 });
    api.messages.push(second);
    api.conversations[0]!.unreadCount = 1;
    await act(async () => {
      api.emit('messages.added', { messages: [{ ...second }] });
      api.emit('conversations.updated', { conversations: [{ ...api.conversations[0]!, updatedAt: 3_000 }] });
    });
    expect(within(screen.getByTestId('conversation-row')).getByLabelText('1 unread')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('conversation-row')).queryByLabelText(/unread/)).toBeNull());
    expect(api.callsOf('conversations.markReadUpTo').at(-1)?.params).toEqual({ id: BOB, messageId: 'in2' });
    // Opening never reads the whole conversation at once.
    expect(api.callsOf('conversations.markRead')).toHaveLength(0);
  });

  it('accepts and declines message requests from the banner and the request bar', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c3'.repeat(32);
    api.conversations = [
      conversation(BOB, { isRequest: true, isApproved: false, unreadCount: 1, lastMessage: incoming(), updatedAt: 2_000 }),
      conversation(CAROL, { isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 1_000 }),
    ];
    api.messages = [incoming()];
    await mount(api);
    fireEvent.click(screen.getByTestId('requests-banner'));
    const rows = await screen.findAllByTestId('conversation-row');
    expect(rows).toHaveLength(2);
    fireEvent.click(rows[0]!);
    expect((await screen.findByTestId('message-text')).textContent).toBe('hi');
    fireEvent.click(screen.getByRole('button', { name: en.requestAccept }));
    await flush();
    expect(api.callsOf('conversations.accept')[0]?.params).toEqual({ id: BOB });
    expect(screen.queryByTestId('request-bar')).toBeNull();
    // The accepted conversation is now in the inbox, which the pane shows again.
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.messagesTitle);
    expect(screen.getByTestId('conversation-row').getAttribute('aria-current')).toBe('true');
    fireEvent.click(screen.getByTestId('requests-banner'));
    fireEvent.click(screen.getAllByTestId('conversation-row')[0]!);
    await screen.findByTestId('request-bar');
    fireEvent.click(screen.getByRole('button', { name: en.requestDecline }));
    // Deleting a request deletes its messages too: it asks first.
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.decline')[0]?.params).toEqual({ id: CAROL });
    expect(screen.queryByTestId('conversation-view')).toBeNull();
  });

  it('a blocked chat has an inert composer that offers to unblock (spec/ui.md §4.7)', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(BOB, { name: 'Bob', isBlocked: true, updatedAt: 2_000 })];
    await openNewMessage(api, BOB);
    expect(screen.getByTestId('conversation-session-id').textContent).toBe(BOB);
    // Nothing to type into and nothing to send.
    expect(screen.queryByTestId('composer-input')).toBeNull();
    expect(screen.queryByTestId('composer-send')).toBeNull();
    const box = screen.getByTestId('composer-blocked');
    expect(box.textContent).toBe(en.composerBlockedPlaceholder);
    fireEvent.click(box);
    // The Unblock confirmation, as in conversation settings.
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(en.convUnblockText.replace('{name}', 'Bob'));
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush();
    expect(api.callsOf('conversations.setBlocked')[0]?.params).toEqual({ id: BOB, blocked: false });
    expect(await screen.findByTestId('composer-input')).toBeTruthy();
    expect(screen.queryByTestId('composer-blocked')).toBeNull();
  });

  it('accepts and declines from the requests list itself', async () => {
    const api = new FakeApi();
    const CAROL = '05' + 'c3'.repeat(32);
    api.conversations = [
      conversation(BOB, { name: 'Bob', isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 2_000 }),
      conversation(CAROL, { isRequest: true, isApproved: false, unreadCount: 1, updatedAt: 1_000 }),
    ];
    await mount(api);
    fireEvent.click(screen.getByTestId('requests-banner'));
    fireEvent.click(await screen.findByRole('button', { name: en.requestAcceptFrom.replace('{name}', 'Bob') }));
    await flush();
    expect(api.callsOf('conversations.accept')[0]?.params).toEqual({ id: BOB });
    expect(screen.getAllByTestId('conversation-row')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: en.requestDeclineFrom.replace('{name}', '05c3c3…c3c3') }));
    // Deleting a request deletes its messages too: it asks first.
    expect(screen.getByRole('dialog').textContent).toContain(en.convDeleteRequestText);
    fireEvent.click(screen.getByRole('button', { name: en.convDelete }));
    await flush();
    expect(api.callsOf('conversations.decline')[0]?.params).toEqual({ id: CAROL });
    expect(screen.getByText(en.noMessageRequests)).toBeTruthy();
  });

  it.each([
    ['enter-sends', { shiftKey: false }, { shiftKey: true }],
    ['shift-enter-sends', { shiftKey: true }, { shiftKey: false }],
  ] as const)('respects the %s setting', async (enterKey, sends, newline) => {
    const api = new FakeApi();
    api.settings = { ...api.settings, enterKey };
    await openNewMessage(api, BOB);
    const input = await screen.findByLabelText(en.composerLabel);
    fireEvent.change(input, { target: { value: 'line' } });
    const notSent = fireEvent.keyDown(input, { key: 'Enter', ...newline });
    expect(notSent).toBe(true); // default not prevented: the textarea inserts the newline
    await flush();
    expect(api.callsOf('messages.send')).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Enter', ...sends });
    await flush();
    expect(api.callsOf('messages.send')).toHaveLength(1);
    // Whitespace alone is never sent.
    fireEvent.change(input, { target: { value: ' \n ' } });
    fireEvent.keyDown(input, { key: 'Enter', ...sends });
    await flush();
    expect(api.callsOf('messages.send')).toHaveLength(1);
  });
});
