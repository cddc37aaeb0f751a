// The conversation actions of spec/ui.md §3.7 and §5, shared by the list's context menu, the
// conversation settings modal, the requests overlay and the request bar. Each destructive action asks
// first with its official confirmation; every change is a backend call (the state only mirrors answers
// and events), and a failure is shown as a toast.
import { useState, type ReactNode } from 'react';
import type { ConversationSummary, NotificationMode } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import {
  acceptRequest,
  clearConversationMessages,
  clearRequests,
  declineRequest,
  deleteContact,
  deleteConversation,
  markConversationRead,
  markConversationUnread,
  setConversationBlocked,
  setConversationPinned,
  setNoteToSelfHidden,
  setNotificationMode,
} from '../../state/conversations';
import { showToast } from '../../state/ui';
// --- communities ---
import { leaveCommunity } from '../../state/communities';
// --- groups ---
import { destroyGroup, leaveGroup } from '../../state/groups';
import { shortenId } from '../../theme/format';
import { ModerationDialog, type ModerationKind } from '../conversation/community/ModerationDialog';
import type { AppDispatch } from '../../state/store';
import { attempt } from './attempt';
import { ConfirmDialog } from './ConfirmDialog';
import { conversationName } from './conversationName';
import { NicknameDialog } from './NicknameDialog';
// --- conversation features: User Details (begin) ---
import { UserDetailsDialog } from './UserDetailsDialog';
// --- conversation features: User Details (end) ---

/** The actions that need the user's confirmation first. */
export type ConfirmedAction =
  | 'block'
  | 'unblock'
  | 'clear-messages'
  | 'delete-conversation'
  | 'delete-contact'
  | 'delete-request'
  | 'clear-requests'
  | 'hide-note-to-self'
  | 'show-note-to-self'
  // --- communities ---
  | 'leave-community'
  // --- groups ---
  | 'leave-group'
  | 'delete-group-invite'
  | 'block-group-inviter'
  | 'delete-group'
  // --- groups admin: delete the group for everyone ---
  | 'destroy-group';

interface ConfirmSpec {
  title: LocaleKey;
  text: (c: ConversationSummary | null) => LocaleKey;
  confirm: LocaleKey;
  /** The confirming button is red (default); showing Note to Self again destroys nothing. */
  danger?: boolean;
  /** The name in bold (default: the conversation's name). */
  nameOf?: (c: ConversationSummary) => string;
}

// --- groups: who invited us to a group, as the invitation names them ---
export function inviterName(c: ConversationSummary): string {
  const g = c.group;
  return g?.invitedByName?.trim() || (g?.invitedBy ? shortenId(g.invitedBy) : '');
}

export const CONFIRMS: Record<ConfirmedAction, ConfirmSpec> = {
  block: { title: 'convBlock', text: () => 'convBlockText', confirm: 'convBlock' },
  unblock: { title: 'convUnblock', text: () => 'convUnblockText', confirm: 'convUnblock' },
  'clear-messages': {
    title: 'convClearAllMessages',
    // --- groups: a group's own wording ---
    text: (c) => (c?.kind === 'note-to-self' ? 'convClearNoteToSelfText' : c?.kind === 'group' ? 'grClearMessagesText' : 'convClearMessagesText'),
    confirm: 'convClear',
  },
  'delete-conversation': { title: 'convDeleteConversation', text: () => 'convDeleteConversationText', confirm: 'convDelete' },
  'delete-contact': { title: 'convDeleteContact', text: () => 'convDeleteContactText', confirm: 'convDelete' },
  'delete-request': { title: 'convDelete', text: () => 'convDeleteRequestText', confirm: 'convDelete' },
  'clear-requests': { title: 'convClearRequestsTitle', text: () => 'convClearRequestsText', confirm: 'convClear' },
  'hide-note-to-self': { title: 'cfgHideNoteToSelf', text: () => 'cfgHideNoteToSelfText', confirm: 'cfgHide' },
  'show-note-to-self': { title: 'cfgShowNoteToSelf', text: () => 'cfgShowNoteToSelfText', confirm: 'cfgShow', danger: false },
  // --- communities (spec/ui.md §5.2) ---
  'leave-community': { title: 'cmLeave', text: () => 'cmLeaveText', confirm: 'cmLeaveConfirm' },
  // --- groups (spec/ui.md §4.8, §5.2, §5.4) ---
  'leave-group': { title: 'grLeave', text: () => 'grLeaveText', confirm: 'grLeave' },
  'delete-group-invite': { title: 'convDelete', text: () => 'grInviteDelete', confirm: 'convDelete' },
  'block-group-inviter': { title: 'convBlock', text: () => 'convBlockText', confirm: 'convBlock', nameOf: inviterName },
  'delete-group': { title: 'grDelete', text: () => 'grDeleteText', confirm: 'grDelete' },
  // --- groups admin (spec/ui.md §5.2) ---
  'destroy-group': { title: 'grDelete', text: () => 'gaDeleteText', confirm: 'convDelete' },
};

async function perform(dispatch: AppDispatch, action: ConfirmedAction, c: ConversationSummary | null): Promise<boolean> {
  if (action === 'clear-requests') return attempt(dispatch, () => dispatch(clearRequests()));
  if (!c) return false;
  const id = c.id;
  switch (action) {
    case 'block':
      return attempt(dispatch, () => dispatch(setConversationBlocked({ id, blocked: true })));
    case 'unblock':
      return attempt(dispatch, () => dispatch(setConversationBlocked({ id, blocked: false })));
    case 'clear-messages': {
      const ok = await attempt(dispatch, () => dispatch(clearConversationMessages(id)));
      if (ok) dispatch(showToast({ kind: 'success', message: t('convMessagesDeleted') }));
      return ok;
    }
    case 'delete-conversation':
      return attempt(dispatch, () => dispatch(deleteConversation(id)));
    case 'delete-contact':
      return attempt(dispatch, () => dispatch(deleteContact(id)));
    case 'delete-request':
      return attempt(dispatch, () => dispatch(declineRequest(id)));
    case 'hide-note-to-self':
      return attempt(dispatch, () => dispatch(setNoteToSelfHidden(true)));
    case 'show-note-to-self':
      return attempt(dispatch, () => dispatch(setNoteToSelfHidden(false)));
    // --- communities ---
    case 'leave-community':
      return attempt(dispatch, () => dispatch(leaveCommunity(id)));
    // --- groups ---
    case 'leave-group':
      return leaveWithToast(dispatch, c);
    case 'delete-group-invite':
    case 'delete-group':
      return attempt(dispatch, () => dispatch(action === 'delete-group' ? deleteConversation(id) : declineRequest(id)));
    // --- groups admin ---
    case 'destroy-group':
      return attempt(dispatch, () => dispatch(destroyGroup(id)));
    case 'block-group-inviter': {
      // The invitation goes, and its sender is blocked (spec/ui.md §4.8 "Block").
      const inviter = c.group?.invitedBy;
      if (!(await attempt(dispatch, () => dispatch(declineRequest(id))))) return false;
      return inviter ? attempt(dispatch, () => dispatch(setConversationBlocked({ id: inviter, blocked: true }))) : true;
    }
  }
}

/** Leaves a group; a failure reads "Failed to leave {group_name}" (spec/ui.md §4.9). */
async function leaveWithToast(dispatch: AppDispatch, c: ConversationSummary): Promise<boolean> {
  const r = await dispatch(leaveGroup(c.id));
  if (leaveGroup.rejected.match(r)) {
    dispatch(showToast({ kind: 'error', message: t('grLeaveFailed', { group_name: conversationName(c) }) }));
    return false;
  }
  return true;
}

export function copyAccountId(dispatch: AppDispatch, id: string): void {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  const done = clipboard ? clipboard.writeText(id) : Promise.reject(new Error('no clipboard'));
  done.then(
    () => dispatch(showToast({ kind: 'success', message: t('copied') })),
    () => dispatch(showToast({ kind: 'error', message: t('copyFailed') })),
  );
}

export interface ConversationActions {
  /** Opens the confirmation for a destructive action; it runs on confirm only. */
  ask(action: ConfirmedAction, c: ConversationSummary | null): void;
  /** The open confirmation, to render wherever the caller renders. */
  dialog: ReactNode;
  accept(id: string): Promise<boolean>;
  markRead(id: string): Promise<boolean>;
  setMode(id: string, mode: NotificationMode): Promise<boolean>;
  copyId(id: string): void;
  /** Pins or unpins; the backend gives the new pin its priority and the list re-sorts from its answer. */
  setPinned(id: string, pinned: boolean): Promise<boolean>;
  markUnread(id: string): Promise<boolean>;
  /** Opens the Nickname dialog (spec/ui.md §8.4) for a 1:1 conversation. */
  editNickname(c: ConversationSummary): void;
  // --- conversation features: User Details ---
  /** Opens the contact's profile (spec/ui.md §8.3). */
  showDetails(c: ConversationSummary): void;
  // --- communities ---
  /** Opens a room's moderation dialog (spec/ui.md §8.6): Ban User, Unban User, Add / Remove Admins. */
  moderate(c: ConversationSummary, kind: ModerationKind): void;
}

export function useConversationActions(): ConversationActions {
  const dispatch = useAppDispatch();
  const [pending, setPending] = useState<{ action: ConfirmedAction; c: ConversationSummary | null } | null>(null);
  const [nicknameFor, setNicknameFor] = useState<ConversationSummary | null>(null);
  // --- conversation features: User Details ---
  const [detailsFor, setDetailsFor] = useState<ConversationSummary | null>(null);
  // --- communities ---
  const [moderating, setModerating] = useState<{ c: ConversationSummary; kind: ModerationKind } | null>(null);
  const spec = pending ? CONFIRMS[pending.action] : null;
  const dialog = (
    <>
      {pending && spec ? (
        <ConfirmDialog
          title={t(spec.title)}
          text={t(spec.text(pending.c))}
          name={pending.c ? (spec.nameOf ?? conversationName)(pending.c) : ''}
          confirmLabel={t(spec.confirm)}
          danger={spec.danger ?? true}
          onConfirm={async () => {
            await perform(dispatch, pending.action, pending.c);
          }}
          onClose={() => setPending(null)}
        />
      ) : null}
      {nicknameFor ? <NicknameDialog c={nicknameFor} onClose={() => setNicknameFor(null)} /> : null}
      {/* --- conversation features: User Details --- */}
      {detailsFor ? <UserDetailsDialog c={detailsFor} onClose={() => setDetailsFor(null)} /> : null}
      {/* --- communities --- */}
      {moderating ? (
        <ModerationDialog roomId={moderating.c.id} kind={moderating.kind} community={moderating.c.community} onClose={() => setModerating(null)} />
      ) : null}
    </>
  );
  return {
    ask: (action, c) => setPending({ action, c }),
    dialog,
    accept: (id) => attempt(dispatch, () => dispatch(acceptRequest(id))),
    markRead: (id) => attempt(dispatch, () => dispatch(markConversationRead(id))),
    setMode: (id, mode) => attempt(dispatch, () => dispatch(setNotificationMode({ id, mode }))),
    copyId: (id) => copyAccountId(dispatch, id),
    setPinned: (id, pinned) => attempt(dispatch, () => dispatch(setConversationPinned({ id, pinned }))),
    markUnread: (id) => attempt(dispatch, () => dispatch(markConversationUnread(id))),
    editNickname: (c) => setNicknameFor(c),
    // --- conversation features: User Details ---
    showDetails: (c) => setDetailsFor(c),
    // --- communities ---
    moderate: (c, kind) => setModerating({ c, kind }),
  };
}
