// The "+" overlay (spec/ui.md §3.8, §3.10): only actions that work are offered; its contact list is
// Note to Self then accepted, unblocked contacts A to Z, each opening the chat; Invite a Friend copies
// our Account ID.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const DAVE = '05' + 'd4'.repeat(32);
const ERIN = '05' + 'e5'.repeat(32);
let store: AppStore | null = null;
const writeText = jest.fn<Promise<void>, [string]>();

beforeAll(() => Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } }));
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  writeText.mockReset();
});

async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} now={() => 10_000_000} />);
  await screen.findByTestId('app-shell');
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  fireEvent.click(screen.getByTestId('choose-action-button'));
}

it('offers New Message, Create Group, Join Community and Invite a Friend in the official order, and lists Note to Self then contacts A to Z', async () => {
  const api = new FakeApi();
  api.conversations = [
    conversation(BOB, { name: 'bob' }),
    conversation(CAROL, { name: 'Alma' }),
    conversation(DAVE, { name: 'Dave', isApproved: false, isRequest: true }),
    conversation(ERIN, { name: 'Erin', isBlocked: true }),
  ];
  await mount(api);
  const overlay = screen.getByTestId('choose-action');
  expect(within(overlay).getAllByRole('button').slice(0, 4).map((b) => b.textContent)).toEqual([en.newMessage, en.createGroup, en.joinCommunity, en.inviteFriend]);
  // Requests and blocked contacts are not contacts to start a chat with.
  expect(screen.getAllByTestId('contact-row').map((r) => r.textContent)).toEqual([en.noteToSelf, 'Alma', 'bob']);
  fireEvent.click(screen.getAllByTestId('contact-row')[2]!);
  expect(store!.getState().ui.selectedConversationId).toBe(BOB);
  expect(store!.getState().ui.leftOverlay).toBeNull();
});

it('says there are no contacts yet when there are none, still offering Note to Self', async () => {
  const api = new FakeApi();
  await mount(api);
  expect(screen.getAllByTestId('contact-row').map((r) => r.textContent)).toEqual([en.noteToSelf]);
  expect(screen.getByText(en.noContacts)).toBeTruthy();
  fireEvent.click(screen.getByTestId('contact-row'));
  expect(store!.getState().ui.selectedConversationId).toBe(TEST_ACCOUNT.sessionId);
});

it('Invite a Friend shows our Account ID and copies it', async () => {
  writeText.mockResolvedValue(undefined);
  await mount(new FakeApi());
  fireEvent.click(screen.getByTestId('action-invite-friend'));
  expect(screen.getByTestId('invite-account-id').textContent).toBe(TEST_ACCOUNT.sessionId);
  await act(async () => {
    fireEvent.click(screen.getByTestId('invite-copy'));
  });
  expect(writeText).toHaveBeenCalledWith(TEST_ACCOUNT.sessionId);
  expect(screen.getByRole('status').textContent).toBe(en.inviteCopied);
});
