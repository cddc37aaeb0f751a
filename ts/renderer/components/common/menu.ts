// What the app's menus share (the conversation context menu and the message menu): the floating
// panel, the item button, and arrow-key movement between items, so every menu looks and moves alike.
import styled from 'styled-components';

export const MenuPanelBox = styled.div`
  position: fixed;
  z-index: 90;
  min-width: 190px;
  padding: 5px 0;
  border: 1px solid var(--borders-color);
  border-radius: 8px;
  background: var(--modal-background-content-color, var(--background-primary-color));
  box-shadow: var(--modal-drop-shadow);
`;

export const MenuItemButton = styled.button<{ $danger?: boolean }>`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 12px;
  width: 100%;
  padding: 8px 16px;
  border: none;
  background: transparent;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  font-size: 14px;
  text-align: start;
  cursor: pointer;
  &:hover:not(:disabled),
  &:focus-visible {
    background: var(--conversation-tab-background-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
    outline: none;
  }
  &:focus-visible {
    box-shadow: inset 0 0 0 2px var(--primary-color);
  }
  &:disabled {
    color: var(--disabled-color);
    cursor: default;
  }
  [dir='rtl'] & svg {
    transform: scaleX(-1);
  }
`;

/** The enabled items of a menu panel (not those of a nested submenu). */
export function enabledMenuItems(menu: HTMLElement): HTMLElement[] {
  return Array.from(menu.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]:not(:disabled)'));
}

/** Moves focus for ArrowDown/ArrowUp (wrapping), Home and End; false when the key is none of these. */
export function moveMenuFocus(menu: HTMLElement, key: string): boolean {
  const items = enabledMenuItems(menu);
  if (items.length === 0) return false;
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next =
    key === 'ArrowDown' ? (i + 1) % items.length : key === 'ArrowUp' ? (i - 1 + items.length) % items.length : key === 'Home' ? 0 : key === 'End' ? items.length - 1 : -1;
  if (next < 0) return false;
  items[next]!.focus();
  return true;
}
