// The search box's results (jsdom, the fake API modelled on the backend's search, the mocked layout):
// headings with the official strings, conversations at once and messages once typing pauses (one backend
// call), excerpts with the matched words marked and nothing in a message turned into markup, a message hit
// opening its conversation at that message (the page around it loaded, the row flashed and focused),
// keyboard moves between the box and the results, failures, removed messages, and an accessibility audit.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { MessageView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { SEARCH_DEBOUNCE_MS } from '../../../ts/renderer/components/search/SearchResults';
import { highlightParts } from '../../../ts/renderer/components/search/highlight';
import { en } from '../../../ts/renderer/locales/en';
import { formatActivityTime } from '../../../ts/renderer/theme/format';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const ME = TEST_ACCOUNT.sessionId;
const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const DAVE = '05' + 'd4'.repeat(32);
const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const MINUTE = 60_000;
let store: AppStore | null = null;

beforeAll(() => {
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


/** Waits out the search box's debounce and the fake's answer. */
async function settle() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 20));
  });
  await flush(3);
}

function msg(i: number, over: Partial<MessageView> = {}): MessageView {
  const incoming = over.direction !== 'outgoing';
  return {
    id: `m${String(i).padStart(4, '0')}`,
    conversationId: BOB,
    sender: incoming ? (over.conversationId ?? BOB) : ME,
    direction: 'incoming',
    text: `message ${i}`,
    timestamp: NOW - 10_000 * MINUTE + i * MINUTE,
    receivedAt: NOW - 10_000 * MINUTE + i * MINUTE,
    status: incoming ? 'read' : 'sent',
    ...over,
  };
}

async function mount(api: FakeApi) {
  if (!api.conversations.some((c) => c.id === BOB)) api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: NOW }));
  if (!api.conversations.some((c) => c.id === CAROL)) api.conversations.push(conversation(CAROL, { name: 'Carol Panther', updatedAt: NOW - 1 }));
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  return within(await screen.findByTestId('search-box')).getByRole('searchbox', { name: en.search });
}

const headings = () => screen.queryAllByTestId('search-heading').map((h) => h.textContent);
const messageHits = () => screen.queryAllByTestId('search-message');
/** A hit's excerpt as text with its marked words in [brackets]. */
const marked = (hit: HTMLElement) =>
  Array.from(within(hit).getByTestId('search-snippet').querySelectorAll('bdi > *'))
    .map((el) => (el.tagName === 'MARK' ? `[${el.textContent}]` : el.textContent))
    .join('');

describe('search results', () => {
  it('groups conversations, contacts and messages under the official headings; messages come once typing pauses', async () => {
    const api = new FakeApi();
    api.messages = [
      msg(1, { text: 'Let us meet at the panther statue' }),
      msg(2, { text: 'nothing here' }),
      msg(3, { conversationId: CAROL, text: 'Pancakes, then? 🥞', direction: 'outgoing' }),
    ];
    api.searchContacts = [{ id: DAVE, profileName: 'Pandora', approved: true, approvedMe: true, blocked: false }];
    const box = await mount(api);
    fireEvent.change(box, { target: { value: 'p' } });
    fireEvent.change(box, { target: { value: 'pa' } });
    fireEvent.change(box, { target: { value: 'pan' } });
    // Names match at once; messages are loading.
    expect(headings()).toEqual([en.searchHeadingConversations, en.searchHeadingMessages]);
    expect(screen.getAllByTestId('conversation-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Carol Panther')]);
    expect(screen.getByTestId('search-status').textContent).toBe('Loading...');
    await settle();
    // One backend call for the query typing stopped at, asking 50 hits per character.
    expect(api.callsOf('messages.search').map((c) => c.params)).toEqual([{ query: 'pan', limit: 150 }]);
    expect(headings()).toEqual(['Conversations', 'Contacts', 'Messages']);
    expect(screen.getByTestId('search-contact').textContent).toContain('Pandora');
    // Newest first, each with its conversation, time and excerpt.
    const hits = messageHits();
    expect(hits.map((h) => h.dataset.messageId)).toEqual(['m0003', 'm0001']);
    expect(hits[0]!.textContent).toContain('Carol Panther');
    expect(marked(hits[0]!)).toBe('[Pancakes], then? 🥞');
    expect(within(hits[0]!).getByTestId('search-snippet').textContent).toBe('You: Pancakes, then? 🥞');
    expect(marked(hits[1]!)).toBe('Let us meet at the [panther] statue');
    // Its visible text is its name: conversation, time, excerpt.
    expect(hits[1]!.getAttribute('aria-label')).toBeNull();
    expect(hits[1]!.textContent).toBe(`Bob${formatActivityTime(msg(1).timestamp, NOW)}Let us meet at the panther statue`);
    expect(screen.queryByTestId('search-status')).toBeNull();
    // Clearing the box brings the list back.
    fireEvent.click(screen.getByRole('button', { name: en.searchClear }));
    expect(screen.queryByTestId('search-results')).toBeNull();
    expect(screen.getAllByTestId('conversation-row')).toHaveLength(2);
  });

  it('shows a message as text: markup in it stays text, and odd highlight ranges never hide or repeat text', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: '<img src=x onerror="alert(1)"> <b>bold</b> image' })];
    const box = await mount(api);
    fireEvent.change(box, { target: { value: 'img' } });
    await settle();
    const [hit] = messageHits();
    expect(hit!.querySelector('img, b')).toBeNull();
    expect(marked(hit!)).toBe('<[img] src=x onerror="alert(1)"> <b>bold</b> image');
    expect(highlightParts('abcdef', [[4, 2], [1, 3], [2, 4], [5, 99], [-1, 1]]).map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')).toBe('a[bc]def');
  });

  it('opens a hit far back in its conversation at that message: the page around it, flashed and focused', async () => {
    const api = new FakeApi();
    api.messages = Array.from({ length: 300 }, (_, i) => msg(i + 1, i === 4 ? { text: 'the old walrus joke' } : {}));
    const box = await mount(api);
    fireEvent.change(box, { target: { value: 'walrus' } });
    await settle();
    const [hit] = messageHits();
    // The flash lasts a second: record it whenever it happens (a loaded machine may take longer than that here).
    const flashed = new Set<string>();
    const note = (el: Element) => {
      for (const x of [el, ...el.querySelectorAll('[data-flash="true"]')]) if (x instanceof HTMLElement && x.dataset.flash === 'true' && x.dataset.id) flashed.add(x.dataset.id);
    };
    const watcher = new MutationObserver((records) => {
      for (const r of records) {
        if (r.target instanceof Element) note(r.target);
        for (const n of r.addedNodes) if (n instanceof Element) note(n);
      }
    });
    watcher.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-flash'], childList: true });
    fireEvent.click(hit!);
    await flush(6);
    const around = api.callsOf('messages.page').map((c) => c.params as Record<string, unknown>).filter((p) => 'around' in p);
    expect(around).toEqual([{ conversationId: BOB, around: 'm0005', limit: 50 }]);
    const rowOf = (id: string) => screen.getAllByTestId('message').find((x) => x.dataset.id === id);
    // Flashed and focused once the page around it is drawn.
    await waitFor(() => expect(document.activeElement).toBe(rowOf('m0005')));
    watcher.disconnect();
    expect([...flashed]).toEqual(['m0005']);
    // Its context is there too: the messages before and after it.
    expect(rowOf('m0004')).toBeTruthy();
    expect(rowOf('m0006')).toBeTruthy();
    // The results stay for the next hit.
    expect(messageHits()).toHaveLength(1);
  });

  it('moves between the box and the results with the keyboard; Esc goes back to the box, then clears it', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'carrot cake' }), msg(2, { text: 'carrot soup' })];
    const box = await mount(api);
    box.focus();
    fireEvent.change(box, { target: { value: 'car' } });
    await settle();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await flush(3);
    // Carol (a conversation) first, then the two messages.
    expect(document.activeElement?.textContent).toContain('Carol Panther');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await flush(3);
    expect((document.activeElement as HTMLElement).dataset.messageId).toBe('m0002');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await flush(3);
    expect((document.activeElement as HTMLElement).dataset.messageId).toBe('m0001');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await flush(3);
    expect(document.activeElement?.textContent).toContain('Carol Panther');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await flush(3);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('search-results')).toBeNull();
  });

  it('says when the search failed, drops hits whose message is deleted, and says when nothing matched', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'zebra crossing' }), msg(2, { text: 'zebra stripes' })];
    api.failNextSearch = new IpcError('unavailable', 'The database is busy.');
    const box = await mount(api);
    fireEvent.change(box, { target: { value: 'zeb' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Messages could not be searched: The database is busy.');
    fireEvent.change(box, { target: { value: 'zebr' } });
    await settle();
    expect(messageHits()).toHaveLength(2);
    act(() => api.emit('messages.removed', { conversationId: BOB, ids: ['m0002'] }));
    expect(messageHits().map((h) => h.dataset.messageId)).toEqual(['m0001']);
    act(() => api.emit('messages.updated', { messages: [{ ...api.messages[0]!, text: '', deleted: true }] }));
    expect(messageHits()).toEqual([]);
    fireEvent.change(box, { target: { value: 'quokka' } });
    expect((await screen.findByTestId('search-no-results')).textContent).toBe('No results found for quokka');
  });

  it('drops a slower answer to an earlier query', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'apple pie' }), msg(2, { text: 'apricot jam' })];
    const box = await mount(api);
    let release = () => {};
    api.holdSearch = new Promise<void>((r) => (release = r));
    fireEvent.change(box, { target: { value: 'ap' } });
    await settle();
    api.holdSearch = null;
    fireEvent.change(box, { target: { value: 'apr' } });
    await settle();
    expect(messageHits().map((h) => h.dataset.messageId)).toEqual(['m0002']);
    release();
    await flush(3);
    expect(messageHits().map((h) => h.dataset.messageId)).toEqual(['m0002']);
  });

  it('has no serious or critical accessibility violations', async () => {
    const api = new FakeApi();
    api.messages = [msg(1, { text: 'banana bread' }), msg(2, { conversationId: CAROL, text: 'banana split', direction: 'outgoing' })];
    api.searchContacts = [{ id: DAVE, nickname: 'Banana Dave', approved: true, approvedMe: true, blocked: false }];
    const box = await mount(api);
    fireEvent.change(box, { target: { value: 'ban' } });
    await settle();
    expect(messageHits()).toHaveLength(2);
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
