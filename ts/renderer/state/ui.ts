// UI duck: what the user is looking at — left-pane section and overlay, the selected conversation,
// and the stack of open modals (settings -> sub-dialog -> confirm).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AttachmentView } from '../../ipc/contract';
import { createAccount } from './account';
import { acceptRequest, clearRequests, conversationsRemoved, declineRequest, deleteContact, deleteConversation } from './conversations';

export type LeftPaneSection = 'conversations' | 'settings';
export type LeftOverlay =
  | 'choose-action'
  | 'new-message'
  | 'create-group'
  | 'join-community'
  | 'invite-friend'
  | 'message-requests';
export type SettingsPage =
  | 'home'
  | 'privacy'
  | 'notifications'
  | 'conversations'
  | 'appearance'
  | 'preferences'
  | 'recovery-password'
  | 'blocked-contacts'
  | 'help'
  // --- app password (spec/ui.md §6.3) ---
  | 'password-set'
  | 'password-change'
  | 'password-remove';

export type Modal =
  | { kind: 'settings'; page: SettingsPage }
  | { kind: 'path' }
  /** The conversation settings modal (spec/ui.md §5), from the conversation header, Ctrl+. or list menus. */
  | {
      kind: 'conversation-settings';
      conversationId: string;
      // --- conversation features: opened standalone on a page (the header's disappearing state opens that page) ---
      page?: 'disappearing';
    }
  /** Message Info (spec/ui.md §4.5) for one message. */
  | { kind: 'message-info'; messageId: string }
  /** The "Open URL" confirmation (spec/ui.md §8.10) for a link the user clicked. */
  | { kind: 'open-url'; url: string }
  /** Onboarding's Terms of Service / Privacy Policy chooser (spec/ui.md §2.1). */
  | { kind: 'terms' }
  /** Settings area: edit profile (§8.1), Clear All Data (§6.12), the shortcuts list (§9.3), unblock confirmation (§6.9). */
  | { kind: 'edit-profile' }
  /** "Set Display Picture" (spec/ui.md §8.2), over Edit profile. */
  // --- groups admin: `groupId` sets a group's picture (its admins) instead of ours ---
  | { kind: 'set-display-picture'; groupId?: string }
  | { kind: 'clear-data' }
  | { kind: 'keyboard-shortcuts' }
  | { kind: 'confirm-unblock'; contacts: Array<{ id: string; name: string }> }
  /** About (spec/ui.md §1.1 item 3) as a dialog, from Settings ▸ Help. */
  | { kind: 'about' }
  // --- media: begin ---
  /** The lightbox (spec/ui.md §4.10) over a conversation's media, at `start`. */
  | { kind: 'media-lightbox'; conversationId: string; items: LightboxItem[]; start: number }
  /** The media & files gallery (spec/ui.md §5.5). */
  | { kind: 'media-gallery'; conversationId: string }
  /** "Auto Download" (spec/ui.md §4.3): trust an unapproved sender's files before downloading one. */
  | { kind: 'auto-download'; messageId: string; index: number; name: string }
  // --- reactions ---
  /** The reaction list (spec/ui.md §4.4) of a message, at `emoji` (else its first). */
  | { kind: 'reaction-list'; messageId: string; emoji?: string };

/** One picture or video the lightbox can show; the attachment as last known (the live message wins when loaded). */
export interface LightboxItem {
  messageId: string;
  attachment: AttachmentView;
}
// --- media: end ---

export type ToastKind = 'info' | 'success' | 'warning' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}
/** spec/ui.md §1.2: at most five toasts are visible; older ones make room. */
export const MAX_TOASTS = 5;

export interface UiState {
  section: LeftPaneSection;
  leftOverlay: LeftOverlay | null;
  /** The open conversation's id (a peer's Session ID; it may have no summary yet before the first send). */
  selectedConversationId: string | null;
  /** Right after creating an account the empty view says so (spec/ui.md §1.2). */
  accountJustCreated: boolean;
  modals: Modal[];
  /** The conversation search box's text (spec/ui.md §3.3). */
  searchQuery: string;
  toasts: Toast[];
  /** Toast ids count up in state, so reducers stay deterministic. */
  nextToastId: number;
  /** A step onboarding should show next: the display-name fallback's back chevron returns to the recovery password (spec/ui.md §2.3). */
  onboardingStep: 'restore' | null;
}

const initialState: UiState = {
  section: 'conversations',
  leftOverlay: null,
  selectedConversationId: null,
  accountJustCreated: false,
  modals: [],
  searchQuery: '',
  toasts: [],
  nextToastId: 1,
  onboardingStep: null,
};

/** A removed conversation closes, with its settings modal (what it showed no longer exists). */
function closeRemoved(s: UiState, ids: readonly string[]): void {
  if (s.selectedConversationId !== null && ids.includes(s.selectedConversationId)) s.selectedConversationId = null;
  s.modals = s.modals.filter((m) => m.kind !== 'conversation-settings' || !ids.includes(m.conversationId));
}

const uiSlice = createSlice({
  name: 'ui',
  initialState,
  reducers: {
    openModal(s, a: PayloadAction<Modal>) {
      s.modals.push(a.payload);
      if (a.payload.kind === 'settings') s.section = 'settings';
    },
    closeTopModal(s) {
      s.modals.pop();
      if (!s.modals.some((m) => m.kind === 'settings')) s.section = 'conversations';
    },
    /** Opens the settings modal, or closes it when it is on top (Ctrl+, toggles). */
    toggleSettings(s) {
      const top = s.modals[s.modals.length - 1];
      if (top?.kind === 'settings') {
        s.modals.pop();
        s.section = 'conversations';
      } else {
        s.modals.push({ kind: 'settings', page: 'home' });
        s.section = 'settings';
      }
    },
    showSettingsPage(s, a: PayloadAction<SettingsPage>) {
      const top = s.modals[s.modals.length - 1];
      if (top?.kind === 'settings') top.page = a.payload;
    },
    setLeftOverlay(s, a: PayloadAction<LeftOverlay | null>) {
      s.leftOverlay = a.payload;
    },
    selectConversation(s, a: PayloadAction<string | null>) {
      s.selectedConversationId = a.payload;
    },
    /** Opens a conversation from an overlay (New Message, requests): the overlay closes. */
    openConversation(s, a: PayloadAction<string>) {
      s.selectedConversationId = a.payload;
      s.leftOverlay = null;
    },
    setSearchQuery(s, a: PayloadAction<string>) {
      s.searchQuery = a.payload;
    },
    showToast(s, a: PayloadAction<{ kind: ToastKind; message: string }>) {
      s.toasts.push({ id: s.nextToastId++, ...a.payload });
      if (s.toasts.length > MAX_TOASTS) s.toasts.splice(0, s.toasts.length - MAX_TOASTS);
    },
    dismissToast(s, a: PayloadAction<number>) {
      s.toasts = s.toasts.filter((t) => t.id !== a.payload);
    },
    setOnboardingStep(s, a: PayloadAction<'restore' | null>) {
      s.onboardingStep = a.payload;
    },
  },
  extraReducers: (b) => {
    b.addCase(createAccount.fulfilled, (s) => {
      s.accountJustCreated = true;
    });
    // Accepting the open request moves it to the inbox: show it there.
    b.addCase(acceptRequest.fulfilled, (s, a) => {
      if (s.leftOverlay === 'message-requests' && s.selectedConversationId === a.payload.id) s.leftOverlay = null;
    });
    b.addCase(declineRequest.fulfilled, (s, a) => closeRemoved(s, [a.payload.id]));
    b.addCase(deleteConversation.fulfilled, (s, a) => closeRemoved(s, [a.payload.id]));
    b.addCase(deleteContact.fulfilled, (s, a) => closeRemoved(s, [a.payload.id]));
    b.addCase(clearRequests.fulfilled, (s, a) => closeRemoved(s, a.payload.ids));
    b.addCase(conversationsRemoved, (s, a) => closeRemoved(s, a.payload.ids));
  },
});

export const {
  openModal,
  closeTopModal,
  toggleSettings,
  showSettingsPage,
  setLeftOverlay,
  selectConversation,
  openConversation,
  setSearchQuery,
  showToast,
  dismissToast,
  setOnboardingStep,
} = uiSlice.actions;
export const uiReducer = uiSlice.reducer;

interface WithUi {
  ui: UiState;
}
export const selectSection = (s: WithUi) => s.ui.section;
export const selectLeftOverlay = (s: WithUi) => s.ui.leftOverlay;
export const selectSelectedConversationId = (s: WithUi) => s.ui.selectedConversationId;
export const selectModals = (s: WithUi) => s.ui.modals;
export const selectSearchQuery = (s: WithUi) => s.ui.searchQuery;
export const selectToasts = (s: WithUi) => s.ui.toasts;
export const selectTopModal = (s: WithUi): Modal | undefined => s.ui.modals[s.ui.modals.length - 1];
export const selectAccountJustCreated = (s: WithUi) => s.ui.accountJustCreated;
export const selectOnboardingStep = (s: WithUi) => s.ui.onboardingStep;
