// A context menu (role="menu") at a screen point, drawn in a portal so no transformed ancestor (the
// virtualised list moves its rows with transforms) can misplace it. Arrow keys, Home/End move between
// items; Enter/Space choose; a submenu opens with Enter/Space/ArrowRight and closes with ArrowLeft (mirrored
// in right-to-left text); Esc, Tab or a click outside close it and focus goes back to where it was.
import { ChevronRight } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { enabledMenuItems, MenuItemButton as Item, MenuPanelBox as MenuList, moveMenuFocus } from '../common/menu';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect?: () => void;
  submenu?: MenuItem[];
}

interface MenuPanelProps {
  items: MenuItem[];
  label: string;
  x: number;
  y: number;
  testId: string;
  onClose: (restoreFocus: boolean) => void;
  /** For a submenu: go back to the parent item. */
  onBack?: () => void;
}

function MenuPanel({ items, label, x, y, testId, onClose, onBack }: MenuPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x, y });
  const [open, setOpen] = useState<{ id: string; x: number; y: number } | null>(null);
  // Keep the menu on screen and focus its first item.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    // `x` is where the menu starts in the reading direction: its left edge, or its right edge in RTL.
    const left = getComputedStyle(el).direction === 'rtl' ? x - r.width : x;
    setPos({ x: Math.max(0, Math.min(left, window.innerWidth - r.width)), y: Math.max(0, Math.min(y, window.innerHeight - r.height)) });
    enabledMenuItems(el)[0]?.focus();
  }, [x, y]);
  const openSub = (item: MenuItem, el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    // Beside the item, on the side the text flows to; the panel then keeps itself on screen.
    const rtl = getComputedStyle(el).direction === 'rtl';
    setOpen({ id: item.id, x: rtl ? r.left : r.right, y: r.top });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys of an open submenu are its own.
    if (e.target instanceof HTMLElement && e.target.closest('[role="menu"]') !== ref.current) return;
    // Submenus open towards the reading direction.
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    const openKey = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backKey = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (moveMenuFocus(e.currentTarget, e.key)) {
      e.preventDefault();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (onBack) onBack();
      else onClose(true);
    } else if (e.key === backKey && onBack) {
      e.preventDefault();
      onBack();
    } else if (e.key === openKey && e.target instanceof HTMLElement) {
      const item = items.find((i) => i.id === (e.target as HTMLElement).dataset.itemId);
      if (item?.submenu) {
        e.preventDefault();
        openSub(item, e.target);
      }
    } else if (e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    }
  };
  const sub = open ? items.find((i) => i.id === open.id) : undefined;
  return (
    <MenuList ref={ref} role="menu" aria-label={label} style={{ left: pos.x, top: pos.y }} onKeyDown={onKeyDown} data-testid={testId}>
      {items.map((item) => (
        <Item
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          $danger={item.danger}
          disabled={item.disabled}
          aria-haspopup={item.submenu ? 'menu' : undefined}
          aria-expanded={item.submenu ? open?.id === item.id : undefined}
          data-item-id={item.id}
          data-testid={`menu-${item.id}`}
          onClick={(e) => {
            if (item.submenu) openSub(item, e.currentTarget);
            else {
              onClose(true);
              item.onSelect?.();
            }
          }}
        >
          <span>{item.label}</span>
          {item.submenu ? <ChevronRight size={14} aria-hidden /> : null}
        </Item>
      ))}
      {sub?.submenu && open ? (
        <MenuPanel
          items={sub.submenu}
          label={sub.label}
          x={open.x}
          y={open.y}
          testId={`submenu-${sub.id}`}
          onClose={onClose}
          onBack={() => {
            setOpen(null);
            ref.current?.querySelector<HTMLElement>(`[data-item-id="${sub.id}"]`)?.focus();
          }}
        />
      ) : null}
    </MenuList>
  );
}

export interface ContextMenuProps {
  items: MenuItem[];
  /** The menu's accessible name. */
  label: string;
  x: number;
  y: number;
  onClose: () => void;
}

export function ContextMenu({ items, label, x, y, onClose }: ContextMenuProps) {
  const root = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(typeof document !== 'undefined' ? document.activeElement : null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const close = (restoreFocus: boolean) => {
    closeRef.current();
    const el = opener.current;
    if (restoreFocus && el instanceof HTMLElement && document.contains(el)) el.focus();
  };
  // A press anywhere outside closes the menu (without stealing focus from what was clicked).
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) closeRef.current();
    };
    const onBlurWindow = () => closeRef.current();
    document.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onBlurWindow);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onBlurWindow);
    };
  }, []);
  return createPortal(
    <div ref={root}>
      <MenuPanel items={items} label={label} x={x} y={y} testId="context-menu" onClose={close} />
    </div>,
    document.body,
  );
}
