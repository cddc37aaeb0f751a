// The brand mark (two interlocking rounded halves of an "S", tinted with the accent) and the
// wordmark, drawn as our own simple SVG/text so no artwork has to be shipped.
import styled from 'styled-components';

export function BrandMark({ height }: { height: number }) {
  return (
    <svg height={height} viewBox="0 0 100 120" aria-hidden="true" focusable="false" data-testid="brand-mark">
      <path
        fill="none"
        stroke="var(--primary-color)"
        strokeWidth="9"
        strokeLinejoin="round"
        d="M66 12H34C21.3 12 11 22.3 11 35s10.3 23 23 23h14M34 108h32c12.7 0 23-10.3 23-23S78.7 62 66 62H52"
      />
      <path fill="var(--primary-color)" d="M48 45h18c7.2 0 13 5.8 13 13v4H48zM52 75H34c-7.2 0-13-5.8-13-13v-4h31z" />
    </svg>
  );
}

const Wordmark = styled.span<{ $size: number }>`
  display: block;
  font-size: ${(p) => p.$size}px;
  font-weight: 300;
  letter-spacing: 0.16em;
  color: var(--text-primary-color);
  line-height: 1;
`;

export function BrandWordmark({ text, size }: { text: string; size: number }) {
  return (
    <Wordmark $size={size} data-testid="brand-wordmark">
      {text}
    </Wordmark>
  );
}
