// Round avatar with initials on a colour picked from the accent list by hashing the Account ID
// (spec/ui.md §3.5); photos come later.
import styled from 'styled-components';
import { colorIndexFor, initialsOf } from '../../theme/format';
import { ACCENT_COLORS, ACCENT_NAMES } from '../../theme/tokens';

const Circle = styled.span<{ $size: number; $color: string }>`
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: ${(p) => p.$size}px;
  height: ${(p) => p.$size}px;
  border-radius: 50%;
  background: ${(p) => p.$color};
  color: var(--text-on-accent-color);
  font-size: ${(p) => Math.round(p.$size * 0.36)}px;
  font-weight: 700;
`;

export function Avatar({ id, name, size }: { id: string; name?: string | undefined; size: number }) {
  const color = ACCENT_COLORS[ACCENT_NAMES[colorIndexFor(id, ACCENT_NAMES.length)]!];
  return (
    <Circle $size={size} $color={color} aria-hidden>
      {initialsOf(name, id)}
    </Circle>
  );
}
