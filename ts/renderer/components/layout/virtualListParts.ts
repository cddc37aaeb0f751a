// The parts of a virtualised list in the left pane shared by the conversation list and the search results:
// the scroller, the list and its absolutely placed items, and the size the virtualiser assumes before layout.
import { observeElementRect, type Virtualizer } from '@tanstack/react-virtual';
import styled from 'styled-components';
import { onHoverTextColors } from '../common/formStyles';

/** The height of a conversation row and of a search result. */
export const ROW_HEIGHT = 64;

/**
 * The scroller's size as the virtualiser sees it. Before layout (or where there is none, as in jsdom) an
 * element reports a height of 0, which would render no rows at all: assume a window's height of rows then.
 */
export function observeListRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: window.innerHeight }));
}

export const Scroller = styled.div`
  flex: 1;
  min-height: 0;
  overflow-y: auto;
`;

export const List = styled.ul`
  position: relative;
  margin: 0;
  padding: 0;
  list-style: none;
`;

export const RowItem = styled.li`
  position: absolute;
  top: 0;
  inset-inline-start: 0;
  width: 100%;
`;

/** A row's button: conversation rows mark unread with a logical-side edge (RTL locales), search results never do. */
export const RowButton = styled.button<{ $unread?: boolean; $selected: boolean }>`
  display: flex;
  align-items: center;
  gap: 10px;
  width: 100%;
  height: ${ROW_HEIGHT}px;
  padding-block: 0;
  padding-inline: ${(p) => (p.$unread ? '12px' : '16px')} 16px;
  border: none;
  border-inline-start: ${(p) => (p.$unread ? '4px solid var(--primary-color)' : 'none')};
  background: ${(p) =>
    p.$selected
      ? 'var(--conversation-tab-background-selected-color)'
      : p.$unread
        ? 'var(--conversation-tab-background-unread-color)'
        : 'var(--conversation-tab-background-color)'};
  color: var(--text-primary-color);
  font: inherit;
  text-align: start;
  cursor: pointer;
  ${(p) => (p.$selected ? onHoverTextColors : '')}
  &:hover {
    background: var(--conversation-tab-background-hover-color);
    ${onHoverTextColors}
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: -2px;
  }
`;

/** A row's two lines of text beside its avatar. */
export const Lines = styled.span`
  display: flex;
  flex: 1;
  min-width: 0;
  flex-direction: column;
  gap: 4px;
`;

export const Line = styled.span`
  display: flex;
  align-items: center;
  gap: 6px;
  min-width: 0;
`;

export const Name = styled.span<{ $unread?: boolean }>`
  flex: 1;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 14px;
  font-weight: ${(p) => (p.$unread ? 700 : 500)};
`;

export const Time = styled.span`
  flex: none;
  font-size: 11px;
  color: var(--text-secondary-color);
`;
