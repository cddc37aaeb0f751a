// The message context menu (spec/ui.md §4.5): a fixed-position menu at the pointer or under the "…"
// button. Arrow keys move, Enter activates, Esc / Tab / a click elsewhere close it; the opener gets
// focus back (the caller decides which element that is).
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';
import { MenuItemButton as Item, MenuPanelBox, moveMenuFocus } from '../common/menu';
// --- conversation features: a live sub-line under an item (begin) ---
import { LabelWithSub } from './ExpiryTimer';
// --- conversation features (end) ---

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
  onSelect: () => void;
  // --- conversation features: e.g. Delete's "Auto-deletes in …" ---
  sub?: ReactNode;
}

// Above the conversation's own overlays, and narrower than the conversation context menu.
const Menu = styled(MenuPanelBox)`
  z-index: 150;
  min-width: 170px;
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
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (moveMenuFocus(e.currentTarget, e.key)) {
      e.preventDefault();
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
          {item.sub ? <LabelWithSub label={item.label} sub={item.sub} /> : item.label}
        </Item>
      ))}
    </Menu>
  );
}
