// The conversations and network ducks: initial lists, event upserts, ordering and filtering,
// and the path status light rules of spec/ui.md §7.
import {
  markConversationRead,
  matchConversations,
  selectConversationCount,
  selectInboxConversations,
  selectShowSearch,
} from '../../../ts/renderer/state/conversations';
import { selectPathStatus } from '../../../ts/renderer/state/network';
import { createStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi } from './fakeApi';

const A = '05' + 'a'.repeat(64);
const B = '05' + 'b'.repeat(64);
const C = '05' + 'c'.repeat(64);
const node = (n: number) => ({ ip: `10.0.0.${n}`, port: 22021, ed25519: String(n).repeat(64).slice(0, 64), country: 'DE' });

async function loaded(api: FakeApi) {
  const store = createStore(api);
  await new Promise((r) => setTimeout(r, 0));
  return store;
}

describe('conversations duck', () => {
  it('lists approved conversations by recency, without requests or blocked ones', async () => {
    const api = new FakeApi();
    api.conversations = [
      conversation(A, { updatedAt: 1 }),
      conversation(B, { updatedAt: 3 }),
      conversation(C, { updatedAt: 2, isRequest: true }),
      conversation('05' + 'd'.repeat(64), { updatedAt: 4, isBlocked: true }),
    ];
    const store = await loaded(api);
    expect(selectInboxConversations(store.getState()).map((c) => c.id)).toEqual([B, A]);
    expect(selectShowSearch(store.getState())).toBe(true);
  });

  it('takes a mark-read answer unless an event about a newer message overtook it', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1, unreadCount: 2 })];
    const store = await loaded(api);
    await store.dispatch(markConversationRead(A));
    expect(store.getState().conversations.byId[A]?.unreadCount).toBe(0);
    // The answer reflects the conversation at updatedAt 1; an event for a message at 5 arrived first.
    api.conversations = [conversation(A, { updatedAt: 1, unreadCount: 0 })];
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 5, unreadCount: 1 })] });
    await store.dispatch(markConversationRead(A));
    expect(store.getState().conversations.byId[A]).toMatchObject({ updatedAt: 5, unreadCount: 1 });
  });

  it('upserts conversations from events', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 })];
    const store = await loaded(api);
    api.emit('conversations.updated', { conversations: [conversation(C, { updatedAt: 5 }), conversation(A, { updatedAt: 1, unreadCount: 2 })] });
    const list = selectInboxConversations(store.getState());
    expect(list.map((c) => [c.id, c.unreadCount])).toEqual([
      [C, 0],
      [A, 2],
    ]);
  });

  it('keeps the shell usable when the backend cannot list conversations yet', async () => {
    const api = new FakeApi();
    api.call = (async (method: string, params: unknown) => {
      if (method === 'conversations.list') throw new Error('Conversations are not available in this build yet.');
      return FakeApi.prototype.call.call(api, method as 'app.getInfo', params as Record<string, never>);
    }) as FakeApi['call'];
    const store = await loaded(api);
    expect(selectConversationCount(store.getState())).toBe(0);
    expect(store.getState().conversations.error).toBe('Conversations are not available in this build yet.');
    expect(store.getState().app.status).toBe('ready');
  });
});

describe('network duck', () => {
  it('is red without paths, orange with one, green with two or more', async () => {
    const api = new FakeApi();
    const store = await loaded(api);
    expect(selectPathStatus(store.getState())).toBe('offline');
    api.emit('network.status', { state: 'online', paths: [{ nodes: [node(1), node(2), node(3)] }] });
    expect(selectPathStatus(store.getState())).toBe('one-path');
    api.emit('network.status', { state: 'online', paths: [{ nodes: [node(1)] }, { nodes: [node(4)] }] });
    expect(selectPathStatus(store.getState())).toBe('connected');
    api.emit('network.status', { state: 'offline', paths: [{ nodes: [node(1)] }, { nodes: [node(4)] }] });
    expect(selectPathStatus(store.getState())).toBe('offline');
  });

  it('loads the current paths at start', async () => {
    const api = new FakeApi();
    api.paths = [{ nodes: [node(1)] }, { nodes: [node(2)] }];
    const store = await loaded(api);
    expect(selectPathStatus(store.getState())).toBe('connected');
  });
});

describe('conversation search', () => {
  const list = [
    conversation(A, { name: 'Alice Baker' }),
    conversation(B, { name: 'Bob' }),
    conversation('05' + '1'.repeat(64), { kind: 'note-to-self' }),
  ];
  const ids = (q: string) => matchConversations(list, q, 'Note to Self').map((c) => c.id);

  it('matches names case-insensitively and IDs ignoring typed punctuation', () => {
    expect(ids('alice')).toEqual([A]);
    expect(ids('BOB')).toEqual([B]);
    expect(ids('05-bb.bb (bb)')).toEqual([B]);
    expect(ids('note to self')).toEqual(['05' + '1'.repeat(64)]);
    expect(ids('zzz')).toEqual([]);
    expect(ids('  ')).toHaveLength(3);
  });
});
