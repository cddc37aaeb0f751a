// Link previews in jsdom against the fake API (spec/ui.md §4.3, §4.7): the "Enable Link Previews" prompt when
// a link is first typed with the setting off (once; Enable turns the setting on, Cancel leaves it off); with
// the setting on, the first link is fetched once typing pauses, shown with a loading state then image, title
// and domain, removable with ✕ (its staged image dropped), sent with the message; a message's preview card
// in the bubble opens the link only through the "Open URL" confirmation.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MethodParams } from '../../../ts/ipc/contract';
import {
  CONSENT_ASKED_KEY,
  LINK_PREVIEW_DEBOUNCE_MS,
} from '../../../ts/renderer/components/conversation/linkPreview/useComposerLinkPreview';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi } from './fakeApi';
import { installIntersectionObserver, installLayout, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(30_000);

const BOB = '05' + 'b2'.repeat(32);
const URL_A = 'https://example.org/article';
const URL_B = 'https://news.example.com/story';
let store: AppStore | null = null;
let urls = 0;
const revoked: string[] = [];

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => `blob:test/${++urls}-${blob.type}`,
    revokeObjectURL: (url: string) => revoked.push(url),
  });
});
afterAll(uninstallLayout);
beforeEach(() => window.sessionStorage.clear());
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  revoked.length = 0;
});


async function open(api: FakeApi) {
  if (!api.conversations.some((c) => c.id === BOB))
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 1 }));
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  fireEvent.click(
    document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${BOB}"]`)!,
  );
  await flush(4);
}

const type = (text: string) =>
  fireEvent.change(screen.getByTestId('composer-input'), { target: { value: text } });
const fetches = (api: FakeApi) =>
  api.calls.filter((c) => c.method === 'linkPreviews.fetch').map((c) => (c.params as { url: string }).url);
const waitDebounce = () => act(async () => new Promise((r) => setTimeout(r, LINK_PREVIEW_DEBOUNCE_MS + 50)));

describe('the consent prompt', () => {
  it('asks once when a link is typed with previews off; Enable turns the setting on', async () => {
    const api = new FakeApi();
    await open(api);
    type('hello');
    expect(screen.queryByTestId('link-preview-consent')).toBeNull();
    type(`see ${URL_A}`);
    const dialog = await screen.findByTestId('link-preview-consent');
    expect(dialog.textContent).toContain(en.lpEnableTitle);
    expect(dialog.textContent).toContain(en.lpEnableText);
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await waitFor(() => expect(api.settings.linkPreviews).toBe(true));
    expect(screen.queryByTestId('link-preview-consent')).toBeNull();
    // Now on: the link is fetched once typing pauses.
    await waitDebounce();
    await flush(4);
    expect(fetches(api)).toEqual([URL_A]);
  });

  it('Cancel leaves previews off, fetches nothing, and the prompt does not come back', async () => {
    const api = new FakeApi();
    await open(api);
    type(`see ${URL_A}`);
    await screen.findByTestId('link-preview-consent');
    fireEvent.click(screen.getByTestId('dialog-cancel'));
    expect(api.settings.linkPreviews).toBe(false);
    expect(window.sessionStorage.getItem(CONSENT_ASKED_KEY)).toBe('1');
    type('');
    type(`again ${URL_B}`);
    await waitDebounce();
    await flush(4);
    expect(screen.queryByTestId('link-preview-consent')).toBeNull();
    expect(screen.queryByTestId('composer-link-preview')).toBeNull();
    expect(fetches(api)).toEqual([]);
  });

  it('does not ask for links that are never previewed (http, look-alike hosts)', async () => {
    const api = new FakeApi();
    await open(api);
    type('see http://example.org/page and https://gеtsession.org/');
    await flush(4);
    expect(screen.queryByTestId('link-preview-consent')).toBeNull();
  });
});

describe('the composer preview', () => {
  it('shows loading, then image, title and domain for the first link; sends it with the message', async () => {
    const api = new FakeApi();
    api.settings.linkPreviews = true;
    api.linkPages.set(URL_A, { title: 'An article', image: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]) });
    let release = () => {};
    api.holdLinkPreviews = new Promise<void>((r) => (release = r));
    await open(api);
    type(`first ${URL_A} then ${URL_B}`);
    // Nothing until typing pauses.
    await flush(4);
    expect(fetches(api)).toEqual([]);
    await waitDebounce();
    expect((await screen.findByTestId('composer-link-preview')).getAttribute('data-status')).toBe('loading');
    expect(screen.getByTestId('composer-link-preview-loading')).toBeTruthy();
    release();
    await waitFor(() =>
      expect(screen.getByTestId('composer-link-preview').getAttribute('data-status')).toBe('ready'),
    );
    expect(screen.getByTestId('composer-link-preview-title').textContent).toBe('An article');
    expect(screen.getByTestId('composer-link-preview-domain').textContent).toBe('example.org');
    expect(screen.getByTestId('composer-link-preview-image').getAttribute('src')).toMatch(
      /^blob:test\/\d+-image\/jpeg$/,
    );
    expect(fetches(api)).toEqual([URL_A]);
    const stageId = [...api.staged.keys()][0];

    fireEvent.click(screen.getByTestId('composer-send'));
    await flush(4);
    const send = api.calls.find((c) => c.method === 'messages.send')?.params as MethodParams<'messages.send'>;
    expect(send.preview).toEqual({ url: URL_A, title: 'An article', imageStageId: stageId });
    expect(screen.queryByTestId('composer-link-preview')).toBeNull();
    // The staged image went with the message, not dropped.
    expect(api.calls.some((c) => c.method === 'attachments.unstage')).toBe(false);
    // The sent message shows its card.
    await waitFor(() =>
      expect(screen.getByTestId('message-link-preview-title').textContent).toBe('An article'),
    );
  });

  it('✕ removes the preview for that link (its staged image dropped); the message goes without it', async () => {
    const api = new FakeApi();
    api.settings.linkPreviews = true;
    api.linkPages.set(URL_A, { title: 'An article', image: new Uint8Array([1, 2, 3]) });
    await open(api);
    type(`see ${URL_A}`);
    await waitDebounce();
    await waitFor(() =>
      expect(screen.getByTestId('composer-link-preview').getAttribute('data-status')).toBe('ready'),
    );
    const stageId = [...api.staged.keys()][0];
    fireEvent.click(screen.getByTestId('composer-link-preview-remove'));
    expect(screen.queryByTestId('composer-link-preview')).toBeNull();
    await flush(4);
    expect(api.calls.filter((c) => c.method === 'attachments.unstage').map((c) => c.params)).toEqual([
      { stageId },
    ]);
    // Typing more keeps it dismissed for that link.
    type(`see ${URL_A} !`);
    await waitDebounce();
    await flush(4);
    expect(screen.queryByTestId('composer-link-preview')).toBeNull();
    expect(fetches(api)).toEqual([URL_A]);
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush(4);
    const send = api.calls.find((c) => c.method === 'messages.send')?.params as MethodParams<'messages.send'>;
    expect(send.preview).toBeUndefined();
  });

  it('shows nothing when the page has no preview, and replaces the preview when the link changes', async () => {
    const api = new FakeApi();
    api.settings.linkPreviews = true;
    api.linkPages.set(URL_B, { title: 'Story' });
    await open(api);
    type(`see ${URL_A}`);
    await waitDebounce();
    await flush(4);
    expect(fetches(api)).toEqual([URL_A]);
    expect(screen.queryByTestId('composer-link-preview')).toBeNull();
    type(`see ${URL_B}`);
    await waitDebounce();
    await waitFor(() => expect(screen.getByTestId('composer-link-preview-title').textContent).toBe('Story'));
    expect(screen.queryByTestId('composer-link-preview-image')).toBeNull();
  });
});

describe('the bubble', () => {
  it('shows a received preview with its image, title and domain; a click asks before opening', async () => {
    const api = new FakeApi();
    api.messages.push({
      id: 'in1',
      conversationId: BOB,
      sender: BOB,
      direction: 'incoming',
      text: `look ${URL_B}`,
      timestamp: 500,
      receivedAt: 500,
      status: 'received',
      preview: {
        url: URL_B,
        title: 'Big story',
        image: {
          index: 0,
          contentType: 'image/png',
          size: 4,
          voice: false,
          state: 'downloaded',
          hasThumbnail: false,
        },
      },
    });
    api.media.set('in1#preview', {
      full: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      contentType: 'image/png',
    });
    const opened: string[] = [];
    const original = window.open;
    window.open = ((u?: string | URL) => {
      opened.push(String(u));
      return null;
    }) as typeof window.open;
    try {
      await open(api);
      const card = await screen.findByTestId('message-link-preview');
      expect(screen.getByTestId('message-link-preview-title').textContent).toBe('Big story');
      expect(screen.getByTestId('message-link-preview-domain').textContent).toBe('news.example.com');
      await waitFor(() =>
        expect(screen.getByTestId('message-link-preview-image').getAttribute('src')).toMatch(/image\/png$/),
      );
      expect(
        api.calls.some(
          (c) =>
            c.method === 'attachments.read' &&
            (c.params as MethodParams<'attachments.read'>).variant === 'preview',
        ),
      ).toBe(true);
      fireEvent.click(card);
      expect(opened).toEqual([]);
      expect((await screen.findByTestId('open-url-target')).textContent).toBe(URL_B);
      fireEvent.click(screen.getByTestId('dialog-confirm'));
      expect(opened).toEqual([URL_B]);
    } finally {
      window.open = original;
    }
  });
});
