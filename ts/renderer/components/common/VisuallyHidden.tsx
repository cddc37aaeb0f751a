// Text for assistive technology only: part of an accessible name or description, not drawn. Used where a
// control shows something else (an Account ID, a display name) and needs words saying what it does, so
// its name contains the visible text and the action both (WCAG 2.5.3, label in name).
import styled, { css } from 'styled-components';

/** The rules themselves, for elements that must keep their own tag (a fieldset's legend). */
export const visuallyHiddenCss = css`
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
`;

export const VisuallyHidden = styled.span`
  ${visuallyHiddenCss}
`;
