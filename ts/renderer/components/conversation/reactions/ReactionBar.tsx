// The reaction bar (spec/ui.md §4.4): the six recent emoji in round buttons and "+" for the full picker,
// floating above the control that opened it. A toolbar: arrow keys move, Esc or a click elsewhere
// closes it and focus goes back to the opener.
import { Plus } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';
import type { MessageView } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { useRecentEmoji } from '../../emoji/recentEmoji';

const BAR_WIDTH = 7 * 40 + 6 * 4 + 12;
const BAR_HEIGHT = 52;

const Bar = styled.div`
  position: fixed;
  z-index: 155;
  display: flex;
  gap: 4px;
  padding: 6px;
  border: 1px solid var(--borders-color);
  border-radius: 26px;
  background: var(--modal-background-content-color, var(--background-primary-color));
  box-shadow: var(--modal-drop-shadow);
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    background: transparent;
    color: var(--text-primary-color);
    font-size: 22px;
    line-height: 1;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    border-color: var(--primary-color);
  }
  button:hover {
    background: var(--chat-buttons-background-hover-color);
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: -2px;
  }
`;

export interface ReactionBarProps {
  m: MessageView;
  anchor: HTMLElement;
  onPick: (emoji: string) => void;
  onMore: () => void;
  onClose: () => void;
}

function place(anchor: HTMLElement): { left: number; top: number } {
  const r = anchor.getBoundingClientRect();
  const rtl = getComputedStyle(anchor).direction === 'rtl';
  const left = rtl ? r.right - BAR_WIDTH : r.left + r.width / 2 - BAR_WIDTH / 2;
  const top = r.top - BAR_HEIGHT - 6 >= 4 ? r.top - BAR_HEIGHT - 6 : r.bottom + 6;
  return { left: Math.max(4, Math.min(left, window.innerWidth - BAR_WIDTH - 4)), top };
}

export function ReactionBar({ m, anchor, onPick, onMore, onClose }: ReactionBarProps) {
  const recent = useRecentEmoji();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(() => place(anchor));
  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  useLayoutEffect(() => {
    setPos(place(anchor));
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [anchor]);
  // Focus goes back to the opener when the bar goes, unless the user put it somewhere else.
  useEffect(
    () => () => {
      const active = document.activeElement;
      if (anchor.isConnected && (active === null || active === document.body || !active.isConnected)) anchor.focus();
    },
    [anchor],
  );
  useEffect(() => {
    const onPointer = (e: MouseEvent) => {
      const target = e.target as Node | null;
      if (!target || ref.current?.contains(target) || anchor.contains(target)) return;
      latestClose.current();
    };
    const close = () => latestClose.current();
    document.addEventListener('mousedown', onPointer, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
    };
  }, [anchor]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    const step = e.key === 'ArrowRight' ? (rtl ? -1 : 1) : e.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (step !== 0) {
      e.preventDefault();
      buttons[(i + step + buttons.length) % buttons.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    }
  };
  const mine = new Set((m.reactions ?? []).filter((r) => r.mine).map((r) => r.emoji));
  return createPortal(
    <Bar ref={ref} role="toolbar" aria-label={t('reactReactionBar')} style={pos} onKeyDown={onKeyDown} data-testid="reaction-bar">
      {recent.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={t('reactWith', { emoji })}
          aria-pressed={mine.has(emoji)}
          onClick={() => onPick(emoji)}
          data-testid="reaction-bar-emoji"
          data-emoji={emoji}
        >
          {emoji}
        </button>
      ))}
      <button type="button" aria-label={t('reactMoreEmoji')} title={t('reactMoreEmoji')} aria-haspopup="dialog" onClick={onMore} data-testid="reaction-bar-more">
        <Plus size={20} aria-hidden />
      </button>
    </Bar>,
    document.body,
  );
}
