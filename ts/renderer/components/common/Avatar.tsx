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
  /* The initials are part of the picture, not text of the control around it (a button named "Settings"
     must not seem to read "AL"): drawn as generated content, hidden from assistive technology. */
  &::before {
    content: attr(data-initials);
  }
`;

export function Avatar({ id, name, size }: { id: string; name?: string | undefined; size: number }) {
  const color = ACCENT_COLORS[ACCENT_NAMES[colorIndexFor(id, ACCENT_NAMES.length)]!];
  return (
    <Circle $size={size} $color={color} aria-hidden data-initials={initialsOf(name, id)} data-testid="avatar" />
  );
}
