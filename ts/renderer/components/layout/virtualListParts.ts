// The parts of a virtualised list in the left pane shared by the conversation list and the search results:
// the scroller, the list and its absolutely placed items, and the size the virtualiser assumes before layout.
import { observeElementRect, type Virtualizer } from '@tanstack/react-virtual';
import styled from 'styled-components';

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
