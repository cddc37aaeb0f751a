// The messages duck without a view: windows bounded in size, events beyond a window counted not
// stored, closed conversations kept small, and a page merged with events that overtook it.
import type { MessagePage, MessageView } from '../../../ts/ipc/contract';
import {
  conversationLeft,
  fetchMessages,
  fetchNewer,
  fetchOlder,
  MAX_LOADED,
  messagesAdded,
  messagesReducer,
  messagesRemoved,
  type MessagesState,
} from '../../../ts/renderer/state/messages';

const BOB = '05' + 'b2'.repeat(32);
function m(i: number): MessageView {
  return { id: `m${String(i).padStart(4, '0')}`, conversationId: BOB, sender: BOB, direction: 'incoming', text: `${i}`, timestamp: i * 1000, receivedAt: i * 1000, status: 'received' };
}
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => m(a + i));
const page = (messages: MessageView[], hasOlder: boolean, hasNewer: boolean, firstUnreadId?: string): MessagePage => ({
  messages,
  hasOlder,
  hasNewer,
  ...(firstUnreadId ? { firstUnreadId } : {}),
});

function opened(p: MessagePage): MessagesState {
  return messagesReducer(undefined, fetchMessages.fulfilled(p, 'r1', BOB));
}

it('drops the far end when a window grows past MAX_LOADED, and says so', () => {
  let s = opened(page(range(900, 950), true, false));
  for (let start = 850; start >= 500; start -= 50) {
    s = messagesReducer(s, fetchOlder.fulfilled(page(range(start, start + 50), true, false), 'r', BOB));
  }
  expect(s.byConversation[BOB]).toHaveLength(MAX_LOADED);
  expect(s.byConversation[BOB]![0]!.id).toBe('m0500');
  expect(s.windows[BOB]).toMatchObject({ hasOlder: true, hasNewer: true });
  // Away from the live end, a new message is counted, not stored.
  s = messagesReducer(s, messagesAdded({ messages: [m(2000)] }));
  expect(s.byConversation[BOB]!.some((x) => x.id === 'm2000')).toBe(false);
  expect(s.windows[BOB]!.arrivedBeyond).toBe(1);
  // Loading newer pages trims the old end instead.
  s = messagesReducer(s, fetchNewer.fulfilled(page(range(800, 850), true, true), 'r', BOB));
  expect(s.byConversation[BOB]).toHaveLength(MAX_LOADED);
  expect(s.byConversation[BOB]![0]!.id).toBe('m0550');
  expect(s.windows[BOB]!.hasOlder).toBe(true);
});

it('keeps an event that overtook the page, and drops removed rows', () => {
  let s = messagesReducer(undefined, messagesAdded({ messages: [m(60)] }));
  s = messagesReducer(s, fetchMessages.fulfilled(page(range(10, 60), true, false, 'm0055'), 'r', BOB));
  expect(s.byConversation[BOB]!.map((x) => x.id).slice(-2)).toEqual(['m0059', 'm0060']);
  expect(s.windows[BOB]!.firstUnreadId).toBe('m0055');
  s = messagesReducer(s, messagesRemoved({ conversationId: BOB, ids: ['m0059', 'm0010'] }));
  expect(s.byConversation[BOB]).toHaveLength(49);
});

it('keeps a closed conversation down to its newest row', () => {
  let s = opened(page(range(0, 50), false, false));
  s = messagesReducer(s, conversationLeft(BOB));
  expect(s.byConversation[BOB]).toBeUndefined();
  expect(s.windows[BOB]).toBeUndefined();
  s = messagesReducer(s, messagesAdded({ messages: [m(51), m(52)] }));
  s = messagesReducer(s, messagesAdded({ messages: [m(53)] }));
  expect(s.byConversation[BOB]!.map((x) => x.id)).toEqual(['m0053']);
});

it('keeps every row of an open conversation whose first page failed or has not come yet', () => {
  // Opened (New Message) before the backend knew the conversation: rows that events bring still belong
  // to the open window, not to a closed conversation's single preview row.
  let s = messagesReducer(undefined, fetchMessages.pending('r1', BOB));
  s = messagesReducer(s, fetchMessages.rejected(new Error('No such conversation.'), 'r1', BOB, 'No such conversation.'));
  s = messagesReducer(s, messagesAdded({ messages: [m(1)] }));
  s = messagesReducer(s, messagesAdded({ messages: [m(2)] }));
  expect(s.byConversation[BOB]!.map((x) => x.id)).toEqual(['m0001', 'm0002']);
});
