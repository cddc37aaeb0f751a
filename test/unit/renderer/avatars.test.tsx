// Profile pictures in jsdom against the fake API: every avatar of a contact (conversation row,
// header, conversation settings) shows its picture, fetched once per id and version and shared;
// a new version replaces it and frees the old URL; no picture means initials. Our own picture is
// set, cleared and removed through "Set Display Picture" (spec/ui.md §8.1-8.2), with "Updating..."
// and "Failed to update profile.".
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, room, TEST_ACCOUNT } from './fakeApi';
import { installIntersectionObserver, installLayout, uninstallLayout } from './layoutMock';
import { flush } from './appHarness';

jest.setTimeout(60_000);

const BOB = '05' + 'b2'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
let store: AppStore | null = null;
let urls = 0;
const revoked: string[] = [];

beforeAll(() => {
  installLayout();
  installIntersectionObserver();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => `blob:test/${++urls}-${blob.type}-${blob.size}`,
    revokeObjectURL: (url: string) => revoked.push(url),
  });
});
afterAll(uninstallLayout);
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  revoked.length = 0;
});


async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  await flush(4);
}

const row = (id: string) => document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${id}"]`)!;
const pictureIn = (el: HTMLElement) => el.querySelector<HTMLImageElement>('[data-testid="avatar-picture"]');

describe('avatars', () => {
  it("shows a contact's picture in the list, the header and conversation settings, fetched once", async () => {
    const api = new FakeApi();
    api.avatars.set(BOB, { bytes: new Uint8Array([1, 2, 3, 4]), contentType: 'image/jpeg', version: 'b1' });
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 2, avatarVersion: 'b1' }), conversation(CAROL, { name: 'Carol', updatedAt: 1 }));
    await mount(api);
    await waitFor(() => expect(pictureIn(row(BOB))).not.toBeNull());
    const src = pictureIn(row(BOB))!.getAttribute('src');
    expect(src).toMatch(/^blob:test\/\d+-image\/jpeg-4$/);
    // No picture: initials, and nothing is asked for.
    expect(pictureIn(row(CAROL))).toBeNull();
    expect(within(row(CAROL)).getByTestId('avatar').getAttribute('data-initials')).toBe('CA');
    fireEvent.click(row(BOB));
    await flush(4);
    expect(pictureIn(screen.getByTestId('conversation-header'))!.getAttribute('src')).toBe(src);
    fireEvent.click(screen.getByTestId('conversation-avatar-button'));
    await flush(4);
    const settings = document.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(pictureIn(settings)!.getAttribute('src')).toBe(src);
    expect(api.callsOf('avatars.get').map((c) => c.params)).toEqual([{ id: BOB }]);
  });

  it('a new version replaces the picture and frees the old one; a removed picture goes back to initials', async () => {
    const api = new FakeApi();
    api.avatars.set(BOB, { bytes: new Uint8Array([1]), contentType: 'image/png', version: 'b1' });
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 2, avatarVersion: 'b1' }));
    await mount(api);
    await waitFor(() => expect(pictureIn(row(BOB))).not.toBeNull());
    const first = pictureIn(row(BOB))!.getAttribute('src')!;
    api.avatars.set(BOB, { bytes: new Uint8Array([1, 2]), contentType: 'image/webp', version: 'b2' });
    const c = api.conversations[0]!;
    c.avatarVersion = 'b2';
    act(() => api.emit('conversations.updated', { conversations: [{ ...c }] }));
    await waitFor(() => expect(pictureIn(row(BOB))!.getAttribute('src')).toMatch(/image\/webp-2$/));
    expect(revoked).toContain(first);
    delete c.avatarVersion;
    act(() => api.emit('conversations.updated', { conversations: [{ ...c }] }));
    await flush(4);
    expect(pictureIn(row(BOB))).toBeNull();
    expect(within(row(BOB)).getByTestId('avatar').getAttribute('data-initials')).toBe('BO');
  });

  it("shows a community room's image in the list, the header and the room's settings; a room without one shows initials", async () => {
    const api = new FakeApi();
    const lobby = room('Lobby', {}, { name: 'Lobby', updatedAt: 2, avatarVersion: 'r1' });
    const other = room('History', {}, { name: 'History', updatedAt: 1 });
    api.avatars.set(lobby.id, { bytes: new Uint8Array([7, 7, 7]), contentType: 'image/png', version: 'r1' });
    api.conversations.push(lobby, other);
    await mount(api);
    await waitFor(() => expect(pictureIn(row(lobby.id))).not.toBeNull());
    const src = pictureIn(row(lobby.id))!.getAttribute('src');
    expect(src).toMatch(/^blob:test\/\d+-image\/png-3$/);
    expect(pictureIn(row(other.id))).toBeNull();
    expect(within(row(other.id)).getByTestId('avatar').getAttribute('data-initials')).toBe('HI');
    fireEvent.click(row(lobby.id));
    await flush(4);
    expect(pictureIn(screen.getByTestId('conversation-header'))!.getAttribute('src')).toBe(src);
    fireEvent.click(screen.getByTestId('conversation-avatar-button'));
    await flush(4);
    expect(pictureIn(document.querySelector<HTMLElement>('[role="dialog"]')!)!.getAttribute('src')).toBe(src);
    // Asked for by the room's conversation id, once.
    expect(api.callsOf('avatars.get').map((c) => c.params)).toEqual([{ id: lobby.id }]);
  });

  it('a picture the backend does not have (yet) stays initials', async () => {
    const api = new FakeApi();
    api.conversations.push(conversation(BOB, { name: 'Bob', updatedAt: 2, avatarVersion: 'b9' }));
    await mount(api);
    await waitFor(() => expect(api.callsOf('avatars.get')).toHaveLength(1));
    await flush(4);
    expect(pictureIn(row(BOB))).toBeNull();
  });
});

describe('Set Display Picture', () => {
  async function openDialog(api: FakeApi) {
    await mount(api);
    fireEvent.click(screen.getByTestId('open-settings'));
    fireEvent.click(await screen.findByRole('button', { name: `${api.account!.displayName} ${en.settingsEditProfile}` }));
    const edit = await screen.findByTestId('edit-profile');
    fireEvent.click(within(edit).getByRole('button', { name: en.setDisplayPictureOpen }));
    return screen.findByTestId('set-display-picture');
  }

  function choose(file: File) {
    const input = screen.getByTestId('display-picture-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    fireEvent.change(input);
  }

  it('stages a chosen picture as an avatar, previews it, and saves it as our profile picture', async () => {
    const api = new FakeApi();
    const dialog = await openDialog(api);
    expect(within(dialog).getByRole('heading').textContent).toBe(en.setDisplayPictureTitle);
    const save = within(dialog).getByRole('button', { name: en.save }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    // No picture yet: nothing to remove.
    expect(within(dialog).queryByRole('button', { name: en.setDisplayPictureRemove })).toBeNull();
    // Clicking the picture opens the OS picker.
    const input = screen.getByTestId('display-picture-input') as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('image/*');
    const click = jest.spyOn(input, 'click').mockImplementation(() => {});
    fireEvent.click(within(dialog).getByRole('button', { name: en.setDisplayPictureChoose }));
    expect(click).toHaveBeenCalled();
    choose(new File([new Uint8Array(2000)], 'me.heic.png', { type: 'image/png' }));
    await waitFor(() => expect(save.disabled).toBe(false));
    expect((api.callsOf('attachments.stageEnd')[0]!.params as { purpose?: string }).purpose).toBe('avatar');
    // The preview is what the backend made of it.
    expect(pictureIn(dialog)!.getAttribute('src')).toMatch(/image\/jpeg-2000$/);
    expect(within(dialog).getByRole('button', { name: en.setDisplayPictureClear })).toBeTruthy();
    let release = () => {};
    api.holdSetAvatar = new Promise<void>((r) => (release = r));
    fireEvent.click(save);
    expect(await within(dialog).findByRole('status')).toHaveProperty('textContent', en.setDisplayPictureUpdating);
    const stageId = (api.callsOf('attachments.stageEnd')[0]!.params as { stageId: string }).stageId;
    release();
    await waitFor(() => expect(screen.queryByTestId('set-display-picture')).toBeNull());
    expect(api.callsOf('account.setAvatar').map((c) => c.params)).toEqual([{ stageId }]);
    // Our avatar everywhere now shows the picture (the edit dialog under it, the settings header).
    await waitFor(() => expect(pictureIn(screen.getByTestId('edit-profile'))).not.toBeNull());
    expect(api.callsOf('avatars.get').map((c) => c.params)).toEqual([{ id: TEST_ACCOUNT.sessionId }]);
  });

  it('Clear drops a pending picture; Remove takes ours away', async () => {
    const api = new FakeApi();
    api.avatars.set(TEST_ACCOUNT.sessionId, { bytes: new Uint8Array([9]), contentType: 'image/jpeg', version: 'v0' });
    api.account = { ...TEST_ACCOUNT, avatarVersion: 'v0' };
    const dialog = await openDialog(api);
    await waitFor(() => expect(pictureIn(dialog)).not.toBeNull());
    choose(new File([new Uint8Array(10)], 'new.png', { type: 'image/png' }));
    const clear = await within(dialog).findByRole('button', { name: en.setDisplayPictureClear });
    expect(within(dialog).queryByRole('button', { name: en.setDisplayPictureRemove })).toBeNull();
    fireEvent.click(clear);
    await flush(4);
    expect(api.staged.size).toBe(0);
    expect((within(dialog).getByRole('button', { name: en.save }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: en.setDisplayPictureRemove }));
    await waitFor(() => expect(screen.queryByTestId('set-display-picture')).toBeNull());
    expect(api.callsOf('account.setAvatar').map((c) => c.params)).toEqual([{ stageId: null }]);
    await waitFor(() => expect(pictureIn(screen.getByTestId('edit-profile'))).toBeNull());
  });

  it('says "Failed to update profile." when the backend refuses, and keeps the picture to try again', async () => {
    const api = new FakeApi();
    const dialog = await openDialog(api);
    choose(new File([new Uint8Array(10)], 'me.png', { type: 'image/png' }));
    const save = within(dialog).getByRole('button', { name: en.save }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    api.failNextSetAvatar = new IpcError('network', 'The file server could not be reached.');
    fireEvent.click(save);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(en.setDisplayPictureFailed);
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId('set-display-picture')).toBeNull());
  });

  it('refuses a file that is not an image, and a picture the backend cannot process', async () => {
    const api = new FakeApi();
    const dialog = await openDialog(api);
    choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(en.setDisplayPictureNotImage);
    expect(api.callsOf('attachments.stageBegin')).toHaveLength(0);
    api.failNextStageEnd = new IpcError('invalid_params', 'This image is damaged.');
    choose(new File([new Uint8Array(10)], 'bad.png', { type: 'image/png' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe(en.setDisplayPictureFailed));
    expect((within(dialog).getByRole('button', { name: en.save }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('closing with a pending picture unstages it', async () => {
    const api = new FakeApi();
    const dialog = await openDialog(api);
    choose(new File([new Uint8Array(10)], 'me.png', { type: 'image/png' }));
    await within(dialog).findByRole('button', { name: en.setDisplayPictureClear });
    fireEvent.click(within(dialog).getByTestId('modal-close'));
    await flush(4);
    expect(api.staged.size).toBe(0);
    expect(api.callsOf('account.setAvatar')).toHaveLength(0);
  });
});
