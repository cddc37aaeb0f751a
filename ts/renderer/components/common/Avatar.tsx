// Round avatar (spec/ui.md §3.5): the profile picture where one is known (fetched once per id and
// version, shared by every avatar on screen), else initials on a colour picked from the accent list
// by hashing the Account ID.
import { useEffect } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { loadAvatar, selectAvatarUrl, selectAvatarVersion } from '../../state/avatars';
import { colorIndexFor, initialsOf } from '../../theme/format';
import { ACCENT_COLORS, ACCENT_NAMES } from '../../theme/tokens';

const Circle = styled.span<{ $size: number; $color: string }>`
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: ${(p) => p.$size}px;
  height: ${(p) => p.$size}px;
  overflow: hidden;
  border-radius: 50%;
  background: ${(p) => p.$color};
  color: var(--text-on-accent-color);
  font-size: ${(p) => Math.round(p.$size * 0.36)}px;
  font-weight: 700;
  /* The initials are part of the picture, not text of the control around it (a button named "Settings"
     must not seem to read "AL"): drawn as generated content, hidden from assistive technology. */
  &[data-initials]::before {
    content: attr(data-initials);
  }
  img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`;

/**
 * `avatarVersion`: the picture's version when the caller knows it; otherwise it is looked up (ours from
 * the account, a peer's from its conversation). `pictureUrl`: show this image instead (a pending one).
 */
export function Avatar({
  id,
  name,
  size,
  avatarVersion,
  pictureUrl,
}: {
  id: string;
  name?: string | undefined;
  size: number;
  avatarVersion?: string | undefined;
  pictureUrl?: string | undefined;
}) {
  const dispatch = useAppDispatch();
  const known = useAppSelector(selectAvatarVersion(id));
  const version = avatarVersion ?? known;
  const stored = useAppSelector(selectAvatarUrl(id, version));
  useEffect(() => {
    if (version !== undefined) void dispatch(loadAvatar({ id, version }));
  }, [dispatch, id, version]);
  const url = pictureUrl ?? stored;
  const color = ACCENT_COLORS[ACCENT_NAMES[colorIndexFor(id, ACCENT_NAMES.length)]!];
  return (
    <Circle
      $size={size}
      $color={color}
      aria-hidden
      data-initials={url ? undefined : initialsOf(name, id)}
      data-picture={url ? 'true' : undefined}
      data-testid="avatar"
    >
      {url ? <img src={url} alt="" draggable={false} data-testid="avatar-picture" /> : null}
    </Circle>
  );
}
