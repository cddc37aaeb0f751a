// App-wide keyboard shortcuts of spec/ui.md §9.3 (Ctrl, or Cmd on macOS). SHORTCUTS is the one list
// both the key handler and the "Keyboard Shortcuts" dialog read, so the dialog lists only what works.
// Navigation shortcuts wait while a modal is open (the modal owns the keyboard then); Ctrl+, and
// Esc still act on the modal stack.
import { useEffect } from 'react';
import { useStore } from 'react-redux';
import type { LocaleKey } from '../locales/en';
import { selectAccount } from '../state/account';
import { selectAppInfo } from '../state/app';
import { selectInboxConversations } from '../state/conversations';
import { selectSettings, setSetting } from '../state/settings';
import type { AppDispatch, RootState } from '../state/store';
import { closeTopModal, openConversation, openModal, selectConversation, setLeftOverlay, toggleSettings } from '../state/ui';
import { useAppDispatch, useAppSelector } from './redux';

/** A key cap: the platform's modifier, a named key, or a literal character. */
export type KeyCap = 'mod' | 'shift' | 'esc' | 'enter' | { text: string } | { range: [string, string] };
export type ShortcutSection = 'general' | 'conversation' | 'view';

export interface Shortcut {
  id: string;
  section: ShortcutSection;
  keys: KeyCap[];
  label: LocaleKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new', section: 'general', keys: ['mod', { text: 'N' }], label: 'shortcutNewConversation' },
  { id: 'note-to-self', section: 'general', keys: ['mod', 'shift', { text: 'N' }], label: 'shortcutNoteToSelf' },
  { id: 'join-community', section: 'general', keys: ['mod', 'shift', { text: 'C' }], label: 'joinCommunity' },
  // --- groups admin (spec/ui.md §3.8, §9.3) ---
  { id: 'create-group', section: 'general', keys: ['mod', 'shift', { text: 'G' }], label: 'createGroup' },
  { id: 'close', section: 'general', keys: ['mod', { text: 'W' }], label: 'shortcutCloseConversation' },
  { id: 'search', section: 'general', keys: ['mod', { text: 'F' }], label: 'shortcutSearch' },
  { id: 'go-to', section: 'general', keys: ['mod', { range: ['1', '9'] }], label: 'shortcutGoTo' },
  { id: 'settings', section: 'general', keys: ['mod', { text: ',' }], label: 'shortcutSettings' },
  { id: 'shortcuts', section: 'general', keys: ['mod', { text: '/' }], label: 'shortcutShortcuts' },
  { id: 'escape', section: 'general', keys: ['esc'], label: 'shortcutCloseDialog' },
  // The composer implements these (per the Enter Key setting); the dialog shows the current choice.
  { id: 'conversation-settings', section: 'conversation', keys: ['mod', { text: '.' }], label: 'shortcutConversationSettings' },
  { id: 'send', section: 'conversation', keys: ['enter'], label: 'shortcutSend' },
  { id: 'new-line', section: 'conversation', keys: ['shift', 'enter'], label: 'shortcutNewLine' },
  // The open conversation's composer handles it (it knows whether attaching is possible there).
  { id: 'attach', section: 'conversation', keys: ['mod', { text: 'U' }], label: 'composeShortcutAttach' },
  // --- reactions and replies: the composer's emoji button and the focused message's hover bar handle these ---
  { id: 'emoji', section: 'conversation', keys: ['mod', { text: 'E' }], label: 'reactShortcutEmoji' },
  { id: 'reaction-bar', section: 'conversation', keys: ['mod', 'shift', { text: 'E' }], label: 'reactShortcutBar' },
  { id: 'reply', section: 'conversation', keys: ['mod', 'shift', { text: 'R' }], label: 'reactShortcutReply' },
  { id: 'zoom-in', section: 'view', keys: ['mod', { text: '+' }], label: 'shortcutZoomIn' },
  { id: 'zoom-out', section: 'view', keys: ['mod', { text: '-' }], label: 'shortcutZoomOut' },
  { id: 'zoom-reset', section: 'view', keys: ['mod', { text: '0' }], label: 'shortcutZoomReset' },
];

/** The id of the shortcut a key event means, or null. `mac`: Cmd is the modifier instead of Ctrl. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): string | null {
  if (e.key === 'Escape') return 'escape';
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (e.shiftKey) return key === 'n' ? 'note-to-self' : key === 'c' ? 'join-community' : key === 'g' ? 'create-group' : null;
  if (/^Digit[1-9]$/.test(e.code) || /^[1-9]$/.test(key)) return `go-to-${/^[1-9]$/.test(key) ? key : e.code.slice(5)}`;
  switch (key) {
    case 'n':
      return 'new';
    case 'w':
      return 'close';
    case 'f':
      return 'search';
    case ',':
      return 'settings';
    case '/':
      return 'shortcuts';
    case '.':
      return 'conversation-settings';
    case '=':
    case '+':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    case '0':
      return 'zoom-reset';
    default:
      return null;
  }
}

const ZOOM_MIN = 0.5;
const ZOOM_MAX = 2;

function zoomTo(dispatch: AppDispatch, factor: number): void {
  const value = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(factor * 10) / 10));
  void dispatch(setSetting({ key: 'zoomFactor', value }));
}

/** Runs a shortcut; returns false when it does not apply now (the key then keeps its default). */
export function runShortcut(id: string, state: RootState, dispatch: AppDispatch, doc: Document): boolean {
  const modalOpen = state.ui.modals.length > 0;
  const host = selectAppInfo(state)?.host;
  if (id === 'escape') {
    if (!modalOpen) return false;
    dispatch(closeTopModal());
    return true;
  }
  if (id === 'settings') {
    dispatch(toggleSettings());
    return true;
  }
  if (id === 'shortcuts') {
    const top = state.ui.modals[state.ui.modals.length - 1];
    if (top?.kind === 'keyboard-shortcuts') dispatch(closeTopModal());
    else dispatch(openModal({ kind: 'keyboard-shortcuts' }));
    return true;
  }
  if (id.startsWith('zoom-')) {
    // Electron's View menu owns the zoom keys; in a browser tab the app zooms itself.
    if (host === 'electron') return false;
    const zoom = selectSettings(state)?.zoomFactor ?? 1;
    zoomTo(dispatch, id === 'zoom-in' ? zoom + 0.1 : id === 'zoom-out' ? zoom - 0.1 : 1);
    return true;
  }
  if (modalOpen) return false;
  if (id === 'new') {
    dispatch(setLeftOverlay(state.ui.leftOverlay === 'choose-action' ? null : 'choose-action'));
    return true;
  }
  if (id === 'join-community') {
    dispatch(setLeftOverlay(state.ui.leftOverlay === 'join-community' ? null : 'join-community'));
    return true;
  }
  // --- groups admin ---
  if (id === 'create-group') {
    dispatch(setLeftOverlay(state.ui.leftOverlay === 'create-group' ? null : 'create-group'));
    return true;
  }
  if (id === 'note-to-self') {
    const me = selectAccount(state);
    if (!me) return false;
    dispatch(openConversation(me.sessionId));
    return true;
  }
  if (id === 'close') {
    if (!state.ui.selectedConversationId) return false;
    dispatch(selectConversation(null));
    return true;
  }
  if (id === 'conversation-settings') {
    // spec/ui.md §4.1: Ctrl/Cmd+. opens the open conversation's settings.
    const conversationId = state.ui.selectedConversationId;
    if (!conversationId) return false;
    dispatch(openModal({ kind: 'conversation-settings', conversationId }));
    return true;
  }
  if (id === 'search') {
    const input = doc.querySelector<HTMLInputElement>('[data-testid="search-box"] input');
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  }
  if (id.startsWith('go-to-')) {
    const target = selectInboxConversations(state)[Number(id.slice(6)) - 1];
    if (!target) return false;
    dispatch(openConversation(target.id));
    return true;
  }
  return false;
}

export function useGlobalShortcuts(target: Window = window): void {
  const dispatch = useAppDispatch();
  const store = useStore<RootState>();
  const platform = useAppSelector(selectAppInfo)?.platform;
  useEffect(() => {
    const mac = platform === 'darwin';
    const onKeyDown = (e: KeyboardEvent) => {
      const id = shortcutFor(e, mac);
      if (!id) return;
      // The state at key time: the handler does not re-subscribe on every store change.
      if (runShortcut(id, store.getState(), dispatch, target.document)) e.preventDefault();
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, [target, dispatch, store, platform]);
}
