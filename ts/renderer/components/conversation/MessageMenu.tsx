// The message context menu (spec/ui.md §4.5): a fixed-position menu at the pointer or under the "…"
// button. Arrow keys move, Enter activates, Esc / Tab / a click elsewhere close it; the opener gets
// focus back (the caller decides which element that is).
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
  onSelect: () => void;
}

const Menu = styled.div`
  position: fixed;
  z-index: 150;
  min-width: 170px;
  padding: 6px 0;
  border-radius: 8px;
  border: 1px solid var(--borders-color);
  background: var(--modal-background-content-color, var(--background-primary-color));
  box-shadow: var(--modal-drop-shadow);
`;

const Item = styled.button<{ $danger?: boolean }>`
  display: block;
  width: 100%;
  padding: 8px 16px;
  border: none;
  background: transparent;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  font-size: 14px;
  text-align: start;
  cursor: pointer;
  &:hover,
  &:focus-visible {
    background: var(--chat-buttons-background-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
    outline: none;
  }
`;

export function MessageMenu({ x, y, items, onClose }: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  // `x` is where the menu starts in the reading direction: it opens rightwards from there, or leftwards
  // in RTL. Keep it inside the window: flip to the other side (or upwards) when it would overflow.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const rtl = getComputedStyle(el).direction === 'rtl';
    const left = rtl ? (x - w < 0 ? x : x - w) : x + w > window.innerWidth ? x - w : x;
    setPos({
      left: Math.max(0, Math.min(left, window.innerWidth - w)),
      top: y + h > window.innerHeight ? Math.max(0, y - h) : y,
    });
    el.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [x, y]);
  useEffect(() => {
    const onPointer = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onPointer);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      buttons[(at + step + buttons.length) % buttons.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    }
  };
  return (
    <Menu ref={ref} role="menu" aria-label={t('tlMessageActions')} style={pos} onKeyDown={onKeyDown} data-testid="message-menu">
      {items.map((item) => (
        <Item
          key={item.id}
          type="button"
          role="menuitem"
          $danger={item.danger}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
          data-testid={`message-menu-${item.id}`}
        >
          {item.label}
        </Item>
      ))}
    </Menu>
  );
}
