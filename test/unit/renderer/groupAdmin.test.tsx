// Groups v2 in the renderer, admin side (spec/ui.md §3.8, §5.1-5.4, §8.1, §8.2, §8.6, §8.8) against the fake
// API: the Create Group overlay (its validation with the official sentences, the 99-other-member cap, the
// spinner, the call it makes, the new group opening, a failure that keeps the choice), the admin settings
// (present for admins only), Manage Members (Resend, Promote, Remove with its confirmation and "their
// messages" choice, each calling its method with the right parameters), Invite Contacts, Update Group
// Information, the group picture, Delete Group for everyone, the last admin's missing Leave, and the timer.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IpcError } from '../../../ts/ipc/errors';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi, groupConversation, TEST_ACCOUNT } from './fakeApi';
import { flush, installTextEncoder } from './appHarness';
import { installIntersectionObserver, installLayout, setWindowSeen, uninstallLayout } from './layoutMock';

jest.setTimeout(60_000);

const NOW = new Date(2026, 0, 15, 12, 0, 0).getTime();
const ME = TEST_ACCOUNT.sessionId;
const GROUP = '03' + 'c3'.repeat(32);
const ALICE = '05' + 'a7'.repeat(32);
const BOBBY = '05' + 'b8'.repeat(32);
const CAROL = '05' + 'c9'.repeat(32);
const DORA = '05' + 'd1'.repeat(32);
const ERIN = '05' + 'e2'.repeat(32);
const FRANK = '05' + 'f3'.repeat(32);
let store: AppStore | null = null;

beforeAll(() => {
  installTextEncoder();
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

/** Contacts: four friends, a message request and a blocked contact (neither can be picked). */
function contacts(api: FakeApi) {
  api.conversations.push(
    conversation(ALICE, { name: 'Alice' }),
    conversation(BOBBY, { name: 'Bobby' }),
    conversation(CAROL, { name: 'Carol' }),
    conversation(DORA, { name: 'Dora' }),
    conversation(ERIN, { name: 'Erin', isApproved: false, isRequest: true }),
    conversation(FRANK, { name: 'Frank', isBlocked: true }),
  );
}

/** A group we administer: Alice joined, Bobby's invitation failed, Carol's was sent, Dora is another admin (optional). */
function ourGroup(api: FakeApi, { otherAdmin = false, admin = true } = {}) {
  api.conversations.push(
    groupConversation(
      GROUP,
      { name: 'Book Club', description: 'We read.', memberCount: 4, admin },
      { name: 'Book Club', updatedAt: NOW - 1000 },
    ),
  );
  api.groupMembers[GROUP] = [
    { sessionId: ME, name: 'Tester', role: admin ? 'admin' : 'member', status: 'joined' },
    { sessionId: ALICE, name: 'Alice', role: 'member', status: 'joined' },
    { sessionId: BOBBY, name: 'Bobby', role: 'member', status: 'invite-failed' },
    { sessionId: CAROL, name: 'Carol', role: 'member', status: 'invite-sent' },
    ...(otherAdmin
      ? [{ sessionId: DORA, name: 'Dora', role: 'admin' as const, status: 'joined' as const }]
      : []),
  ];
}

async function mount(api: FakeApi) {
  store = createStore(api);
  render(<Root store={store} now={() => NOW} />);
  await screen.findByTestId('app-shell');
  await flush(3);
}

async function openCreateGroup(api: FakeApi) {
  await mount(api);
  fireEvent.click(screen.getByTestId('choose-action-button'));
  fireEvent.click(screen.getByTestId('action-create-group'));
  return screen.findByTestId('create-group');
}

async function openSettings(api: FakeApi) {
  await mount(api);
  const row = screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP);
  fireEvent.click(row!);
  await flush(3);
  fireEvent.click(screen.getByTestId('conversation-title-button'));
  await flush(3);
  return screen.getByTestId('conversation-settings');
}

async function openManage(api: FakeApi) {
  await openSettings(api);
  fireEvent.click(screen.getByTestId('conversation-settings-manage-members'));
  await flush(3);
  return screen.getByTestId('manage-members');
}

const createButton = () => screen.getByTestId('create-group-submit') as HTMLButtonElement;
const pickable = () => screen.getAllByTestId('create-group-contact') as HTMLInputElement[];
const pick = (id: string) => fireEvent.click(pickable().find((c) => c.dataset.id === id)!);
const memberRow = (id: string) => screen.getAllByTestId('group-member').find((r) => r.dataset.id === id)!;
const settingIds = () =>
  screen
    .getAllByTestId(
      /^conversation-settings-(?!profile|name|description|qr|id|copy|nickname|edit-group|group-picture|last-admin)/,
    )
    .map((b) => b.dataset.testid!.slice('conversation-settings-'.length));

describe('Create Group', () => {
  it('says what is missing with the official sentences, keeps Create disabled until valid, then creates and opens the group', async () => {
    const api = new FakeApi();
    contacts(api);
    const overlay = await openCreateGroup(api);
    expect(screen.getByTestId('left-pane-title').textContent).toBe(en.createGroup);
    const name = within(overlay).getByRole('textbox', { name: en.gaNamePlaceholder }) as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    expect(createButton().disabled).toBe(true);
    // Friends only, A to Z: no request, no blocked contact.
    expect(pickable().map((c) => c.closest('label')!.textContent)).toEqual([
      'Alice',
      'Bobby',
      'Carol',
      'Dora',
    ]);
    expect(within(overlay).getByRole('group', { name: en.gaContactsLegend })).toBeTruthy();
    // Enter with nothing typed: the official error, nothing sent.
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(screen.getByTestId('create-group-name-error').textContent).toBe(en.gaNameEmpty);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(name, { target: { value: '  Readers  ' } });
    expect(screen.queryByTestId('create-group-name-error')).toBeNull();
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(screen.getByTestId('create-group-error').textContent).toBe(en.gaPickMember);
    expect(createButton().disabled).toBe(true);
    // Over 100 bytes (51 two-byte letters): the inline error at once, and no Create.
    fireEvent.change(name, { target: { value: 'é'.repeat(51) } });
    expect(screen.getByTestId('create-group-name-error').textContent).toBe(en.gaNameTooLong);
    fireEvent.change(name, { target: { value: 'é'.repeat(50) } });
    expect(screen.queryByTestId('create-group-name-error')).toBeNull();
    fireEvent.change(name, { target: { value: '  Readers  ' } });
    // Search by name; no match says so.
    const search = within(overlay).getByRole('searchbox', { name: en.gaSearchContacts });
    fireEvent.change(search, { target: { value: 'zz' } });
    expect(screen.getByTestId('create-group-no-results').textContent).toBe('No results found for zz');
    fireEvent.change(search, { target: { value: 'CAR' } });
    expect(pickable().map((c) => c.dataset.id)).toEqual([CAROL]);
    pick(CAROL);
    fireEvent.change(search, { target: { value: '' } });
    pick(ALICE);
    expect(screen.getByTestId('create-group-count').textContent).toBe('2 members selected');
    expect(createButton().disabled).toBe(false);
    // Creating: a spinner, nothing can be changed.
    let release = () => {};
    api.holdCreate = new Promise<void>((r) => (release = r));
    fireEvent.click(createButton());
    await flush();
    expect(screen.getByTestId('create-group-busy').textContent).toBe(en.gaCreating);
    expect(createButton().disabled).toBe(true);
    expect(name.disabled).toBe(true);
    await act(async () => release());
    await flush(4);
    // The call: the trimmed name and the members in list order.
    expect(api.callsOf('groups.create').map((c) => c.params)).toEqual([
      { name: 'Readers', members: [ALICE, CAROL] },
    ]);
    const created = api.conversations.find((c) => c.kind === 'group')!;
    // The new group opens, the overlay is gone.
    expect(store!.getState().ui.selectedConversationId).toBe(created.id);
    expect(store!.getState().ui.leftOverlay).toBeNull();
    expect(screen.queryByTestId('create-group')).toBeNull();
    expect(screen.getByTestId('conversation-title').textContent).toBe('Readers');
  });

  it('refuses a 100th other member with the official sentence', async () => {
    const api = new FakeApi();
    for (let i = 0; i < 100; i++)
      api.conversations.push(
        conversation('05' + i.toString(16).padStart(2, '0').repeat(32), {
          name: `Friend ${String(i).padStart(3, '0')}`,
        }),
      );
    await openCreateGroup(api);
    fireEvent.change(screen.getByTestId('create-group-name'), { target: { value: 'Big' } });
    const boxes = pickable();
    expect(boxes).toHaveLength(100);
    for (const box of boxes.slice(0, 99)) fireEvent.click(box);
    expect(screen.getByTestId('create-group-count').textContent).toBe('99 members selected');
    expect(screen.queryByTestId('create-group-error')).toBeNull();
    fireEvent.click(boxes[99]!);
    expect(boxes[99]!.checked).toBe(false);
    expect(screen.getByTestId('create-group-error').textContent).toBe(en.gaMaxMembers);
    expect(screen.getByTestId('create-group-count').textContent).toBe('99 members selected');
    // Unpicking one makes room again.
    fireEvent.click(boxes[0]!);
    fireEvent.click(boxes[99]!);
    expect(boxes[99]!.checked).toBe(true);
    fireEvent.click(createButton());
    await flush(4);
    const params = api.callsOf('groups.create')[0]!.params as { members: string[] };
    expect(params.members).toHaveLength(99);
    expect(params.members).not.toContain(boxes[0]!.dataset.id);
  });

  it('shows a failure inline and keeps the name and the choice', async () => {
    const api = new FakeApi();
    contacts(api);
    await openCreateGroup(api);
    fireEvent.change(screen.getByTestId('create-group-name'), { target: { value: 'Readers' } });
    pick(BOBBY);
    api.failNextGroup = new IpcError('network', 'No path to the network.');
    fireEvent.click(createButton());
    await flush(4);
    expect(screen.getByTestId('create-group-error').textContent).toBe(
      'The group could not be created: No path to the network.',
    );
    expect((screen.getByTestId('create-group-name') as HTMLInputElement).value).toBe('Readers');
    expect(pickable().find((c) => c.dataset.id === BOBBY)!.checked).toBe(true);
    expect(createButton().disabled).toBe(false);
    expect(api.conversations.some((c) => c.kind === 'group')).toBe(false);
  });

  it('says there is nobody to pick without contacts, and opens with Ctrl+Shift+G', async () => {
    const api = new FakeApi();
    await mount(api);
    fireEvent.keyDown(window, { key: 'G', code: 'KeyG', ctrlKey: true, shiftKey: true });
    await flush();
    expect(store!.getState().ui.leftOverlay).toBe('create-group');
    expect(screen.getByTestId('create-group-empty').textContent).toBe(en.noContacts);
    expect(createButton().disabled).toBe(true);
  });
});

describe('group settings', () => {
  it('gives admins the Admin Settings, the pencil and the picture; Delete Group is for everyone; the last admin has no Leave', async () => {
    const api = new FakeApi();
    contacts(api);
    ourGroup(api);
    const settings = await openSettings(api);
    await flush(2);
    expect(settingIds()).toEqual([
      'pin',
      'notifications',
      'attachments',
      'invite-contacts',
      'manage-members',
      'disappearing',
      'clear-messages',
      'destroy-group',
    ]);
    expect(within(settings).getByText(en.cmAdminSettings)).toBeTruthy();
    expect(screen.getByTestId('conversation-settings-last-admin').textContent).toBe(en.gaLastAdmin);
    expect(within(settings).getByRole('button', { name: en.gaEdit })).toBeTruthy();
    expect(within(settings).getByRole('button', { name: en.gaSetPicture })).toBeTruthy();
    // Delete Group: the official confirmation, then groups.destroy; the group stays, shown as deleted.
    fireEvent.click(screen.getByTestId('conversation-settings-destroy-group'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(
      'Are you sure you want to delete Book Club? This will remove all members and delete all group content.',
    );
    fireEvent.click(screen.getByTestId('conversation-confirm-ok'));
    await flush(4);
    expect(api.callsOf('groups.destroy').map((c) => c.params)).toEqual([{ id: GROUP }]);
    expect(store!.getState().conversations.byId[GROUP]!.group!.destroyed).toBe(true);
  });

  it('lets an admin leave when another admin remains', async () => {
    const api = new FakeApi();
    ourGroup(api, { otherAdmin: true });
    await openSettings(api);
    await flush(2);
    expect(settingIds()).toContain('leave-group');
    expect(settingIds()).toContain('destroy-group');
    expect(screen.queryByTestId('conversation-settings-last-admin')).toBeNull();
  });

  it('gives a member none of it', async () => {
    const api = new FakeApi();
    ourGroup(api, { admin: false });
    const settings = await openSettings(api);
    expect(settingIds()).toEqual([
      'disappearing',
      'pin',
      'notifications',
      'group-members',
      'attachments',
      'clear-messages',
      'leave-group',
    ]);
    expect(within(settings).queryByRole('button', { name: en.gaEdit })).toBeNull();
    expect(within(settings).queryByRole('button', { name: en.gaSetPicture })).toBeNull();
    expect(within(settings).queryByText(en.cmAdminSettings)).toBeNull();
    // The member list has no admin action.
    fireEvent.click(screen.getByTestId('conversation-settings-group-members'));
    await flush(3);
    expect(screen.getAllByTestId('group-member')).toHaveLength(4);
    expect(screen.queryByTestId('group-member-resend')).toBeNull();
    expect(screen.queryByTestId('group-member-promote')).toBeNull();
    expect(screen.queryByTestId('group-member-select')).toBeNull();
    expect(screen.queryByTestId('manage-members-remove')).toBeNull();
    expect(api.callsOf('groups.invite')).toEqual([]);
  });

  it('offers an admin Delete Group in the list menu, and Leave only while another admin remains', async () => {
    const menuIds = async () => {
      fireEvent.contextMenu(
        screen.getAllByTestId('conversation-row').find((r) => r.dataset.conversationId === GROUP)!,
        { clientX: 40, clientY: 80 },
      );
      await flush(3);
      const menu = screen.getByRole('menu');
      return within(menu)
        .getAllByRole('menuitem')
        .filter((el) => el.parentElement === menu)
        .map((el) => el.dataset.testid);
    };
    const api = new FakeApi();
    ourGroup(api);
    await mount(api);
    expect(await menuIds()).toEqual([
      'menu-pin',
      'menu-notifications',
      'menu-mark-unread',
      'menu-destroy-group',
      'menu-clear-messages',
    ]);
    fireEvent.click(screen.getByTestId('menu-destroy-group'));
    expect(screen.getByTestId('conversation-confirm-text').textContent).toBe(
      'Are you sure you want to delete Book Club? This will remove all members and delete all group content.',
    );
    fireEvent.click(screen.getByTestId('conversation-confirm-cancel'));
    expect(api.callsOf('groups.destroy')).toEqual([]);
    cleanup();
    store?.dispose();
    const api2 = new FakeApi();
    ourGroup(api2, { otherAdmin: true });
    await mount(api2);
    expect(await menuIds()).toEqual([
      'menu-pin',
      'menu-notifications',
      'menu-mark-unread',
      'menu-leave-group',
      'menu-destroy-group',
      'menu-clear-messages',
    ]);
  });

  it('edits the name and description with the official errors', async () => {
    const api = new FakeApi();
    ourGroup(api);
    const settings = await openSettings(api);
    fireEvent.click(within(settings).getByRole('button', { name: en.gaEdit }));
    const dialog = screen.getByTestId('update-group');
    expect(within(dialog).getByRole('heading').textContent).toBe(en.gaUpdateTitle);
    const name = screen.getByTestId('update-group-name') as HTMLInputElement;
    const description = screen.getByTestId('update-group-description') as HTMLTextAreaElement;
    expect([name.value, description.value]).toEqual(['Book Club', 'We read.']);
    fireEvent.change(name, { target: { value: ' ' } });
    fireEvent.click(screen.getByTestId('update-group-save'));
    expect(screen.getByTestId('update-group-name-error').textContent).toBe(en.gaNameEmpty);
    fireEvent.change(name, { target: { value: 'x'.repeat(101) } });
    fireEvent.change(description, { target: { value: 'd'.repeat(2001) } });
    fireEvent.click(screen.getByTestId('update-group-save'));
    expect(screen.getByTestId('update-group-name-error').textContent).toBe(en.gaNameTooLong);
    expect(screen.getByTestId('update-group-description-error').textContent).toBe(en.gaDescriptionTooLong);
    expect(api.callsOf('groups.update')).toEqual([]);
    fireEvent.change(name, { target: { value: 'Readers' } });
    fireEvent.change(description, { target: { value: 'We read books.' } });
    fireEvent.click(screen.getByTestId('update-group-save'));
    await flush(4);
    expect(api.callsOf('groups.update').map((c) => c.params)).toEqual([
      { id: GROUP, name: 'Readers', description: 'We read books.' },
    ]);
    expect(screen.queryByTestId('update-group')).toBeNull();
    expect(screen.getByTestId('conversation-settings-name').textContent).toBe('Readers');
    expect(screen.getByTestId('conversation-settings-description').textContent).toBe('We read books.');
    // Only what changed is sent; a refusal stays in the dialog.
    fireEvent.click(
      within(screen.getByTestId('conversation-settings')).getByRole('button', { name: en.gaEdit }),
    );
    fireEvent.change(screen.getByTestId('update-group-description'), { target: { value: '' } });
    api.failNextGroup = new IpcError('forbidden', 'Only the group’s admins can do that.');
    fireEvent.click(screen.getByTestId('update-group-save'));
    await flush(4);
    expect(screen.getByTestId('update-group-error').textContent).toBe(
      'The group could not be updated: Only the group’s admins can do that.',
    );
    expect(api.callsOf('groups.update').map((c) => c.params)[1]).toEqual({ id: GROUP, description: '' });
  });

  it('sets the group picture through the display picture dialog', async () => {
    const api = new FakeApi();
    ourGroup(api);
    const settings = await openSettings(api);
    fireEvent.click(within(settings).getByRole('button', { name: en.gaSetPicture }));
    const dialog = await screen.findByTestId('set-display-picture');
    const input = screen.getByTestId('display-picture-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      configurable: true,
      value: [new File([new Uint8Array(500)], 'club.png', { type: 'image/png' })],
    });
    fireEvent.change(input);
    const save = within(dialog).getByRole('button', { name: en.save }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    const stageId = (api.callsOf('attachments.stageEnd')[0]!.params as { stageId: string }).stageId;
    fireEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId('set-display-picture')).toBeNull());
    expect(api.callsOf('groups.setAvatar').map((c) => c.params)).toEqual([{ id: GROUP, stageId }]);
    expect(api.callsOf('account.setAvatar')).toEqual([]);
    expect(store!.getState().conversations.byId[GROUP]!.avatarVersion).toBe(`v-${stageId}`);
  });

  it('removes the group picture', async () => {
    const api = new FakeApi();
    ourGroup(api);
    api.conversations = api.conversations.map((c) => (c.id === GROUP ? { ...c, avatarVersion: 'v1' } : c));
    const settings = await openSettings(api);
    fireEvent.click(within(settings).getByRole('button', { name: en.gaSetPicture }));
    const dialog = await screen.findByTestId('set-display-picture');
    fireEvent.click(within(dialog).getByRole('button', { name: en.setDisplayPictureRemove }));
    await waitFor(() => expect(screen.queryByTestId('set-display-picture')).toBeNull());
    expect(api.callsOf('groups.setAvatar').map((c) => c.params)).toEqual([{ id: GROUP, stageId: null }]);
    expect(store!.getState().conversations.byId[GROUP]!.avatarVersion).toBeUndefined();
  });

  it('lets an admin set the disappearing timer of the group', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openSettings(api);
    fireEvent.click(screen.getByTestId('conversation-settings-disappearing'));
    await flush();
    expect(screen.getByTestId('disappearing-group-note').textContent!.trim()).toBe(en.grDisappearingApplies);
    fireEvent.click(screen.getByTestId('disappearing-timer-86400'));
    fireEvent.click(screen.getByTestId('disappearing-set'));
    await flush(4);
    expect(api.callsOf('conversations.setExpiration').map((c) => c.params)).toEqual([
      { id: GROUP, mode: 'after-send', seconds: 86400 },
    ]);
  });
});

describe('Manage Members', () => {
  it('shows us as "You" and admin, the statuses, and the actions each member allows', async () => {
    const api = new FakeApi();
    ourGroup(api, { otherAdmin: true });
    await openManage(api);
    expect(
      within(screen.getByTestId('conversation-settings')).getByRole('heading', { level: 2 }).textContent,
    ).toBe(en.gaManageMembers);
    const me = memberRow(ME);
    expect(within(me).getByTestId('group-member-name').textContent).toBe(en.cmYou);
    expect(within(me).getByTestId('group-member-admin').textContent).toBe(en.cmAdmin);
    expect(within(me).queryByRole('button')).toBeNull();
    expect(within(me).queryByRole('checkbox')).toBeNull();
    // Alice joined: Promote, and she can be picked for removal.
    expect(within(memberRow(ALICE)).getByRole('button', { name: 'Promote Alice to admin' })).toBeTruthy();
    expect(within(memberRow(ALICE)).queryByTestId('group-member-resend')).toBeNull();
    // Bobby's invitation failed, Carol's waits: Resend, no Promote.
    expect(within(memberRow(BOBBY)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusInviteFailed,
    );
    expect(
      within(memberRow(BOBBY)).getByRole('button', { name: 'Resend the invitation to Bobby' }),
    ).toBeTruthy();
    expect(within(memberRow(CAROL)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusInviteSent,
    );
    expect(within(memberRow(CAROL)).getByTestId('group-member-resend')).toBeTruthy();
    expect(within(memberRow(CAROL)).queryByTestId('group-member-promote')).toBeNull();
    // Dora is an admin: admins cannot be removed.
    const dora = within(memberRow(DORA)).getByRole('checkbox', { name: 'Select Dora' }) as HTMLInputElement;
    expect(dora.disabled).toBe(true);
    expect(dora.title).toBe(en.gaAdminsCannotBeRemoved);
    expect(within(memberRow(DORA)).queryByTestId('group-member-promote')).toBeNull();
    expect((screen.getByTestId('manage-members-remove') as HTMLButtonElement).disabled).toBe(true);
  });

  it('resends an invitation with groups.invite and shows the new status', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    fireEvent.click(within(memberRow(BOBBY)).getByTestId('group-member-resend'));
    await flush(4);
    expect(api.callsOf('groups.invite').map((c) => c.params)).toEqual([{ id: GROUP, members: [BOBBY] }]);
    expect(within(memberRow(BOBBY)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusInviteSent,
    );
    expect(screen.getByTestId('toast').textContent).toContain('Sending invite');
  });

  it('promotes after confirming, and says so when the promotion fails', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    fireEvent.click(within(memberRow(ALICE)).getByTestId('group-member-promote'));
    expect(screen.getByTestId('group-promote-text').textContent).toBe(
      'Make Alice an admin of this group? Admins can change the group and its members, and cannot be removed.',
    );
    // Cancel does nothing.
    fireEvent.click(screen.getByTestId('group-promote-cancel'));
    expect(api.callsOf('groups.promote')).toEqual([]);
    fireEvent.click(within(memberRow(ALICE)).getByTestId('group-member-promote'));
    fireEvent.click(screen.getByTestId('group-promote-confirm'));
    await flush(4);
    expect(api.callsOf('groups.promote').map((c) => c.params)).toEqual([{ id: GROUP, members: [ALICE] }]);
    expect(memberRow(ALICE).dataset.role).toBe('admin');
    expect(within(memberRow(ALICE)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusPromotionSent,
    );
    // A pending promotion can be sent again (groups.promote), and a failure uses the official toast.
    api.failNextGroup = new IpcError('network', 'No path to the network.');
    fireEvent.click(within(memberRow(ALICE)).getByTestId('group-member-resend'));
    await flush(4);
    expect(api.callsOf('groups.promote')).toHaveLength(2);
    expect(
      screen
        .getAllByTestId('toast')
        .map((t) => t.textContent)
        .join(' '),
    ).toContain(en.gaPromotionFailed);
  });

  it('removes the picked members after confirming, with their messages when chosen', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    fireEvent.click(within(memberRow(ALICE)).getByRole('checkbox'));
    fireEvent.click(within(memberRow(CAROL)).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('manage-members-remove'));
    const dialog = screen.getByTestId('group-remove');
    expect(within(dialog).getByRole('heading').textContent).toBe(en.gaRemove);
    expect(screen.getByTestId('group-remove-text').textContent).toBe(
      'Would you like to remove Alice and Carol from Book Club?',
    );
    expect(screen.getByTestId('group-remove-text').querySelectorAll('strong')).toHaveLength(3);
    expect((screen.getByTestId('group-remove-only') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('group-remove-with-messages').closest('label')!.textContent).toBe(
      'Remove users and their messages',
    );
    fireEvent.click(screen.getByTestId('group-remove-with-messages'));
    fireEvent.click(screen.getByTestId('group-remove-confirm'));
    await flush(4);
    expect(api.callsOf('groups.remove').map((c) => c.params)).toEqual([
      { id: GROUP, members: [ALICE, CAROL], deleteMessages: true },
    ]);
    expect(screen.queryByTestId('group-remove')).toBeNull();
    expect(within(memberRow(ALICE)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusPendingRemoval,
    );
    expect(within(memberRow(ALICE)).queryByRole('checkbox')).toBeNull();
    expect((screen.getByTestId('manage-members-remove') as HTMLButtonElement).disabled).toBe(true);
  });

  it('removes one member without their messages, and keeps the dialog with the error when it fails', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    fireEvent.click(within(memberRow(BOBBY)).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('manage-members-remove'));
    expect(screen.getByTestId('group-remove-text').textContent).toBe(
      'Would you like to remove Bobby from Book Club?',
    );
    expect(screen.getByTestId('group-remove-only').closest('label')!.textContent).toBe('Remove user');
    api.failNextGroup = new IpcError('network', 'No path to the network.');
    fireEvent.click(screen.getByTestId('group-remove-confirm'));
    await flush(4);
    expect(screen.getByTestId('group-remove-error').textContent).toBe(
      'The members could not be removed: No path to the network.',
    );
    fireEvent.click(screen.getByTestId('group-remove-confirm'));
    await flush(4);
    expect(api.callsOf('groups.remove').map((c) => c.params)).toEqual([
      { id: GROUP, members: [BOBBY], deleteMessages: false },
      { id: GROUP, members: [BOBBY], deleteMessages: false },
    ]);
    expect(screen.queryByTestId('group-remove')).toBeNull();
  });

  it('asks for the list again when the group changes (a member accepted), so the statuses follow', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    const fetches = api.callsOf('groups.members').length;
    expect(within(memberRow(CAROL)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusInviteSent,
    );
    // Carol accepts: the backend's member list says joined, and the group's summary changes (her control message).
    api.groupMembers[GROUP] = api.groupMembers[GROUP]!.map((m) =>
      m.sessionId === CAROL ? { ...m, status: 'joined' as const } : m,
    );
    const group = api.conversations.find((c) => c.id === GROUP)!;
    act(() => api.emit('conversations.updated', { conversations: [{ ...group, updatedAt: NOW }] }));
    await waitFor(() => expect(within(memberRow(CAROL)).queryByTestId('group-member-status')).toBeNull());
    expect(api.callsOf('groups.members').length).toBe(fetches + 1);
    expect(within(memberRow(CAROL)).getByTestId('group-member-promote')).toBeTruthy();
  });

  it('keeps the keyboard in the Remove confirmation: focus inside, Tab wraps, Esc closes only it', async () => {
    const api = new FakeApi();
    ourGroup(api);
    await openManage(api);
    fireEvent.click(within(memberRow(ALICE)).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('manage-members-remove'));
    const dialog = screen.getByTestId('group-remove');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.contains(document.activeElement)).toBe(true);
    const cancel = screen.getByTestId('group-remove-cancel');
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(cancel);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('group-remove')).toBeNull();
    expect(screen.getByTestId('manage-members')).toBeTruthy();
    expect(api.callsOf('groups.remove')).toEqual([]);
  });

  it('invites contacts who are not members yet, and lists them as invited', async () => {
    const api = new FakeApi();
    contacts(api);
    ourGroup(api);
    await openSettings(api);
    fireEvent.click(screen.getByTestId('conversation-settings-invite-contacts'));
    const dialog = screen.getByTestId('group-invite');
    expect(within(dialog).getByRole('heading').textContent).toBe(en.gaInviteTitle);
    // Alice, Bobby and Carol are listed already; the request and the blocked contact are no contacts.
    expect(
      (within(dialog).getAllByTestId('group-invite-contact') as HTMLInputElement[]).map((c) => c.dataset.id),
    ).toEqual([DORA]);
    expect((screen.getByTestId('group-invite-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Dora/ }));
    fireEvent.click(screen.getByTestId('group-invite-submit'));
    await flush(4);
    expect(api.callsOf('groups.invite').map((c) => c.params)).toEqual([{ id: GROUP, members: [DORA] }]);
    // Then the members, where the invitation's status shows.
    expect(screen.queryByTestId('group-invite')).toBeNull();
    expect(screen.getByTestId('manage-members')).toBeTruthy();
    expect(within(memberRow(DORA)).getByTestId('group-member-status').textContent).toBe(
      en.grStatusInviteSent,
    );
    // With every contact in the group, there is nobody left to invite.
    fireEvent.click(screen.getByTestId('manage-members-invite'));
    expect(screen.getByTestId('group-invite-empty').textContent).toBe(en.gaInviteNoContacts);
    expect(screen.queryByTestId('group-invite-submit')).toBeNull();
  });
});
