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

export const FieldError = styled.p`
  margin: 0;
  font-size: 13px;
  color: var(--danger-text-color);
`;
