// The full emoji picker (spec/ui.md §4.4, §4.7): emoji-mart's picker element (categories, search,
// skin tone in the preview bar, frequently used) with its data bundled, shown in a floating panel next
// to the control that opened it. It wears the app's theme and accent and speaks the app's locale; Esc,
// a click elsewhere or focus leaving it closes it, and focus goes back to the opener.
import { Picker } from 'emoji-mart';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectSettings } from '../../state/settings';
import { isDarkTheme, themeVariables } from '../../theme/tokens';
import { emojiData, emojiPickerI18n } from './emojiData';

/** The picker's size with its default layout (9 emoji per line): used to place it before it has drawn. */
export const PICKER_WIDTH = 352;
export const PICKER_HEIGHT = 435;
const MARGIN = 8;

const Panel = styled.div`
  position: fixed;
  z-index: 160;
  border-radius: 10px;
  box-shadow: var(--modal-drop-shadow);
  em-emoji-picker {
    height: ${PICKER_HEIGHT}px;
  }
`;

/** "#31F196" -> "49, 241, 150", the form emoji-mart's colour variables take. */
function rgbTriplet(hex: string): string | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? m.slice(1, 4).map((h) => parseInt(h, 16)).join(', ') : undefined;
}

/**
 * emoji-mart marks its current emoji, category and skin-tone button with `aria-selected` (and the emoji
 * with `aria-posinset` / `aria-setsize`), which buttons do not take: screen readers ignore them and the
 * audit fails. They are translated into what buttons do take: the current category is `aria-current`,
 * the open skin-tone menu `aria-expanded`; the emoji keep their names only (the highlighted one follows
 * the pointer or the arrow keys while focus stays in the search box).
 */
export function repairPickerAria(root: ParentNode): void {
  for (const b of Array.from(root.querySelectorAll<HTMLElement>('button[aria-selected], button[aria-posinset], button[aria-setsize]'))) {
    const selected = b.hasAttribute('aria-selected');
    if (b.closest('#nav')) b.setAttribute('aria-current', String(selected));
    else if (b.classList.contains('skin-tone-button')) b.setAttribute('aria-expanded', String(selected));
    b.removeAttribute('aria-selected');
    b.removeAttribute('aria-posinset');
    b.removeAttribute('aria-setsize');
  }
}

/** Keeps `repairPickerAria` applied to a picker element's shadow root as it draws; returns the stop function. */
function watchPickerAria(picker: HTMLElement): () => void {
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The shadow root exists at once; its content comes once the picker has initialised.
  const attach = () => {
    const root = picker.shadowRoot;
    if (!root) {
      timer = setTimeout(attach, 20);
      return;
    }
    repairPickerAria(root);
    observer = new MutationObserver(() => repairPickerAria(root));
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected', 'aria-posinset', 'aria-setsize'] });
  };
  attach();
  return () => {
    observer?.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };
}

export interface PickerPlacement {
  left: number;
  top: number;
}

/**
 * Where the panel goes: above the anchor (below when there is no room above), opening towards the middle
 * of the window: from the anchor's left edge when the anchor is in the left half, else ending at its right
 * edge; always inside the window.
 */
export function placePicker(anchor: Pick<DOMRect, 'left' | 'right' | 'top' | 'bottom'>, viewport: { width: number; height: number }): PickerPlacement {
  const left = (anchor.left + anchor.right) / 2 < viewport.width / 2 ? anchor.left : anchor.right - PICKER_WIDTH;
  const above = anchor.top - PICKER_HEIGHT - MARGIN;
  const top = above >= MARGIN ? above : Math.min(anchor.bottom + MARGIN, viewport.height - PICKER_HEIGHT - MARGIN);
  return {
    left: Math.max(MARGIN, Math.min(left, viewport.width - PICKER_WIDTH - MARGIN)),
    top: Math.max(MARGIN, Math.min(top, viewport.height - PICKER_HEIGHT - MARGIN)),
  };
}

export interface EmojiPickerProps {
  /** The control that opened the picker: it is placed next to it, a click on it does not count as "outside", and it gets focus back. */
  anchor: HTMLElement;
  /** An emoji was chosen (its native form, with the chosen skin tone). The picker stays open unless the caller closes it. */
  onSelect: (emoji: string) => void;
  onClose: () => void;
  testId?: string;
}

export function EmojiPicker({ anchor, onSelect, onClose, testId = 'emoji-picker' }: EmojiPickerProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const settings = useAppSelector(selectSettings);
  const theme = settings?.theme ?? 'classic-dark';
  const accent = settings?.accent ?? 'green';
  const [pos, setPos] = useState<PickerPlacement>(() =>
    placePicker(anchor.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }),
  );
  // The latest callbacks, read when the picker calls back (the element is built once per theme).
  const latest = useRef({ onSelect, onClose });
  latest.current = { onSelect, onClose };

  useLayoutEffect(() => {
    setPos(placePicker(anchor.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }));
  }, [anchor]);

  // The picker element: built with the bundled data and texts (so it never downloads either), rebuilt when the theme changes.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const vars = themeVariables(theme, accent);
    const picker = new Picker({
      data: emojiData,
      i18n: emojiPickerI18n(),
      set: 'native',
      theme: isDarkTheme(theme) ? 'dark' : 'light',
      autoFocus: true,
      previewPosition: 'bottom',
      skinTonePosition: 'preview',
      onEmojiSelect: (e: { native?: unknown }) => {
        if (typeof e.native === 'string' && e.native !== '') latest.current.onSelect(e.native);
      },
    }) as unknown as HTMLElement;
    const colours: Record<string, string | undefined> = {
      '--rgb-accent': rgbTriplet(vars['--primary-color'] ?? ''),
      '--rgb-background': rgbTriplet(vars['--modal-background-content-color'] ?? ''),
      '--rgb-color': rgbTriplet(vars['--text-primary-color'] ?? ''),
    };
    for (const [name, value] of Object.entries(colours)) if (value) picker.style.setProperty(name, value);
    picker.dataset.testid = `${testId}-element`;
    panel.appendChild(picker);
    const stopAria = watchPickerAria(picker);
    return () => {
      stopAria();
      picker.remove();
    };
  }, [theme, accent, testId]);

  // A press outside closes it (the opener toggles it itself); so does focus moving elsewhere.
  useEffect(() => {
    const onPointer = (e: MouseEvent) => {
      const target = e.target as Node | null;
      if (!target || panelRef.current?.contains(target) || anchor.contains(target)) return;
      latest.current.onClose();
    };
    const onFocus = (e: FocusEvent) => {
      const target = e.target as Node | null;
      if (!target || target === document.body || panelRef.current?.contains(target) || anchor.contains(target)) return;
      latest.current.onClose();
    };
    // Another window taking focus, or a resize moving the anchor, closes it as well.
    const close = () => latest.current.onClose();
    document.addEventListener('mousedown', onPointer, true);
    document.addEventListener('focusin', onFocus);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('mousedown', onPointer, true);
      document.removeEventListener('focusin', onFocus);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
    };
  }, [anchor]);

  // Focus goes back to the opener when the picker goes (if focus was inside it, or nowhere).
  useEffect(
    () => () => {
      const active = document.activeElement;
      if (anchor.isConnected && (active === null || active === document.body || panelRef.current?.contains(active) || !active.isConnected)) anchor.focus();
    },
    [anchor],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    // Esc belongs to the picker: the conversation's own Esc (focus the composer) must not run too.
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };

  return createPortal(
    <Panel ref={panelRef} role="dialog" aria-label={t('emojiPicker')} style={pos} onKeyDown={onKeyDown} data-testid={testId} />,
    document.body,
  );
}
