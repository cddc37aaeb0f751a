// The brand mark (two interlocking rounded halves of an "S", tinted with the accent) and the
// wordmark, drawn as our own simple SVG/text so no artwork has to be shipped.
import styled from 'styled-components';

export function BrandMark({ height }: { height: number }) {
  return (
    <svg height={height} viewBox="0 0 100 120" aria-hidden="true" focusable="false" data-testid="brand-mark">
      <g fill="none" stroke="var(--primary-color)" strokeWidth="9">
        <path d="M78 14.5H36a18.5 18.5 0 0 0 0 37h14" />
        <path d="M22 105.5h42a18.5 18.5 0 0 0 0-37H50" />
      </g>
      <g fill="var(--primary-color)">
        <rect x="44" y="44" width="38" height="15" rx="7.5" />
        <rect x="18" y="61" width="38" height="15" rx="7.5" />
      </g>
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
