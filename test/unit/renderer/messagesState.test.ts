// The messages duck without a view: windows bounded in size, events beyond a window counted not
// stored, closed conversations kept small, and a page merged with events that overtook it.
import type { MessagePage, MessageView } from '../../../ts/ipc/contract';
import {
  conversationLeft,
  fetchMessages,
  fetchNewer,
  fetchNewest,
  fetchOlder,
  MAX_LOADED,
  messagesAdded,
  messagesReducer,
  messagesRemoved,
  messagesUpdated,
  sendMessage,
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

it('keeps the unread line of the opening through reloads and the jump to the newest page, until reopened', () => {
  let s = opened(page(range(100, 150), true, true, 'm0120'));
  expect(s.windows[BOB]!.firstUnreadId).toBe('m0120');
  // Reading moved the backend's first unread message on; a reload (reconnect) does not move the line.
  s = messagesReducer(s, fetchMessages.fulfilled(page(range(130, 180), true, true, 'm0140'), 'r2', BOB));
  expect(s.windows[BOB]!.firstUnreadId).toBe('m0120');
  s = messagesReducer(s, fetchNewest.fulfilled(page(range(950, 1000), true, false), 'r3', BOB));
  expect(s.windows[BOB]).toMatchObject({ firstUnreadId: 'm0120', hasNewer: false, openSeq: 3 });
  expect(s.byConversation[BOB]![49]!.id).toBe('m0999');
  // Opened again: the line is where the backend says.
  s = messagesReducer(s, conversationLeft(BOB));
  s = messagesReducer(s, fetchMessages.fulfilled(page(range(950, 1000), true, false), 'r4', BOB));
  expect(s.windows[BOB]!.firstUnreadId).toBeUndefined();
});

it('updates of messages outside a window (read older ones, say) are not inserted into it', () => {
  let s = opened(page(range(100, 150), true, true));
  s = messagesReducer(s, messagesUpdated({ messages: [{ ...m(50), status: 'read' }, { ...m(120), status: 'read' }, { ...m(900), status: 'read' }] }));
  const ids = s.byConversation[BOB]!.map((x) => x.id);
  expect(ids).toHaveLength(50);
  expect(ids[0]).toBe('m0100');
  expect(s.byConversation[BOB]!.find((x) => x.id === 'm0120')!.status).toBe('read');
});

it('our own send announced by an event before its reply replaces its pending row: the message never shows twice', () => {
  const ME = '05' + 'a1'.repeat(32);
  let s = opened(page(range(1, 5), false, false));
  const args = { conversationId: BOB, sender: ME, text: 'worth reading', sentAt: 9_000 };
  s = messagesReducer(s, sendMessage.pending('req1', args));
  s = messagesReducer(s, sendMessage.pending('req2', { ...args, text: 'another', sentAt: 9_001 }));
  expect(s.byConversation[BOB]!.filter((x) => x.direction === 'outgoing')).toHaveLength(2);
  // The backend's time differs from the renderer's (network clock): the row is found by what it says.
  const sent: MessageView = { id: 'out1', conversationId: BOB, sender: ME, direction: 'outgoing', text: 'worth reading', timestamp: 9_040, receivedAt: 9_040, status: 'sending' };
  s = messagesReducer(s, messagesAdded({ messages: [sent] }));
  const outgoing = () => s.byConversation[BOB]!.filter((x) => x.direction === 'outgoing');
  expect(outgoing().map((x) => x.id)).toEqual(['pending:req2', 'out1']);
  // Its reply then changes nothing; the other send keeps its pending row until its own answer.
  s = messagesReducer(s, sendMessage.fulfilled(sent, 'req1', args));
  expect(outgoing().map((x) => x.id)).toEqual(['pending:req2', 'out1']);
  // An incoming message with the same text is never taken for ours.
  s = messagesReducer(s, messagesAdded({ messages: [{ ...m(50), text: 'another' }] }));
  expect(outgoing().map((x) => x.id)).toEqual(['pending:req2', 'out1']);
});

it('a slow open that answers after a jump to the newest page is dropped: the jump stays', () => {
  // Opening asks for the page around the first unread message; before it answers, the user jumps to the newest.
  let s = messagesReducer(undefined, fetchMessages.pending('open', BOB));
  s = messagesReducer(s, fetchNewest.pending('jump', BOB));
  s = messagesReducer(s, fetchNewest.fulfilled(page(range(950, 1000), true, false), 'jump', BOB));
  const seq = s.windows[BOB]!.openSeq;
  s = messagesReducer(s, fetchMessages.fulfilled(page(range(100, 150), true, true, 'm0100'), 'open', BOB));
  expect(s.byConversation[BOB]!.map((x) => x.id)).toEqual(range(950, 1000).map((x) => x.id));
  expect(s.windows[BOB]).toMatchObject({ hasNewer: false, openSeq: seq });
  // A later open is answered as usual.
  s = messagesReducer(s, fetchMessages.pending('reopen', BOB));
  s = messagesReducer(s, fetchMessages.fulfilled(page(range(100, 150), true, true), 'reopen', BOB));
  expect(s.byConversation[BOB]![0]!.id).toBe('m0100');
});
