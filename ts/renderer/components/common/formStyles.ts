// Style pieces the app's forms share: the accent-outlined pill button (callers add size and any fill or
// colour), and the small error line under an input.
import styled, { css } from 'styled-components';

export const pillButton = css`
  border: 1px solid var(--button-outline-color);
  background: transparent;
  color: var(--button-outline-color);
  font: inherit;
  font-weight: 700;
  cursor: pointer;
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

/** The border, fill, text colour and font of the app's text inputs and selects; callers add size. */
export const inputSurface = css`
  border: 1px solid var(--borders-color);
  background: var(--background-secondary-color);
  color: var(--text-primary-color);
  font: inherit;
`;

export const FieldError = styled.p`
  margin: 0;
  font-size: 13px;
  color: var(--danger-text-color);
`;

/** On a hovered or selected row, secondary and danger texts switch to their on-hover colours. */
export const onHoverTextColors = css`
  --text-secondary-color: var(--text-secondary-on-hover-color);
  --danger-text-color: var(--danger-text-on-hover-color);
`;

/** A full-width list row button (settings pages, conversation settings): callers add gap, padding and the
 * hover background. Rows in a run are divided by a line; on hover the secondary and danger texts switch
 * to their on-hover colours. */
export const listRowButton = css<{ $danger?: boolean }>`
  display: flex;
  align-items: center;
  width: 100%;
  min-height: 50px;
  border: none;
  background: transparent;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  font-size: 15px;
  text-align: start;
  cursor: pointer;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
  &:hover {
    ${onHoverTextColors}
  }
`;
