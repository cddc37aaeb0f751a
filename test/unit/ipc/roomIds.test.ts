// A community room's conversation id is its URL (spec advanced.md A.1: a base URL of up to 267 characters and
// a room token of up to 64), longer than the 200 characters Session and group ids fit in: every method that
// takes a conversation id accepts one.
import { CONVERSATION_ID_MAX, methodParams } from '../../../ts/ipc/contract';

const LONG_ROOM = `https://${'a'.repeat(240)}.example:44300/${'r'.repeat(64)}`;

describe('conversation ids of community rooms', () => {
  it('is long enough for the longest room URL', () => {
    expect(LONG_ROOM.length).toBeGreaterThan(300);
    expect(CONVERSATION_ID_MAX).toBeGreaterThanOrEqual(267 + 1 + 64);
  });
  it.each([
    ['conversations.markRead', { id: LONG_ROOM }],
    ['conversations.markReadUpTo', { id: LONG_ROOM, messageId: 'a'.repeat(32) }],
    ['conversations.markUnread', { id: LONG_ROOM }],
    ['conversations.setPinned', { id: LONG_ROOM, pinned: true }],
    ['conversations.setNotificationMode', { id: LONG_ROOM, mode: 'mentions' }],
    ['conversations.delete', { id: LONG_ROOM }],
    ['conversations.setDraft', { id: LONG_ROOM, text: 'draft' }],
    ['conversations.typing', { id: LONG_ROOM, typing: true }],
    ['messages.list', { conversationId: LONG_ROOM }],
    ['messages.page', { conversationId: LONG_ROOM }],
    ['messages.send', { to: LONG_ROOM, text: 'hi' }],
    ['messages.search', { query: 'x', conversationId: LONG_ROOM }],
    ['communities.leave', { id: LONG_ROOM }],
    ['communities.members', { id: LONG_ROOM }],
  ] as const)('%s takes a room id', (method, params) => {
    expect(methodParams[method].safeParse(params).success).toBe(true);
  });
});
