// The 80 px actions strip (spec/ui.md §1.2): own avatar with a gear (opens Settings), flexible
// space, the onion path status light and the light/dark theme toggle.
import { Moon, Settings as Gear, Sun, User } from 'lucide-react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import type { LocaleKey } from '../../locales/en';
import { selectAccount } from '../../state/account';
import { selectPathStatus, type PathStatus } from '../../state/network';
import { selectSetting, setSetting } from '../../state/settings';
import { openModal, toggleSettings } from '../../state/ui';
import { isDarkTheme, oppositeTheme } from '../../theme/tokens';
import { Avatar } from '../common/Avatar';
import { IconButton } from '../common/IconButton';

const Strip = styled.nav`
  display: flex;
  flex-direction: column;
  align-items: center;
  width: 80px;
  flex: none;
  padding: 16px 0 20px;
  gap: 16px;
  border-inline-end: 1px solid var(--borders-color);
  background: var(--background-primary-color);
`;

const Spacer = styled.div`
  flex: 1;
`;

const AvatarButton = styled.button`
  position: relative;
  width: 36px;
  height: 36px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
  cursor: pointer;
  display: flex;
  align-items: center;
  justify-content: center;
`;

const GearBadge = styled.span`
  position: absolute;
  inset-inline-end: -5px;
  bottom: -5px;
  display: flex;
  align-items: center;
  justify-content: center;
  width: 18px;
  height: 18px;
  border-radius: 50%;
  background: var(--background-tertiary-color);
  border: 1px solid var(--borders-color);
  color: var(--text-primary-color);
`;

const Dot = styled.span<{ $status: PathStatus }>`
  display: block;
  width: 12px;
  height: 12px;
  border-radius: 50%;
  background: var(--path-color-${(p) => p.$status});
  box-shadow: 0 0 6px var(--path-color-${(p) => p.$status});
`;

const PATH_LABELS: Record<PathStatus, LocaleKey> = {
  offline: 'pathStatusOffline',
  'one-path': 'pathStatusOnePath',
  connected: 'pathStatusConnected',
};

export function ActionsStrip() {
  const dispatch = useAppDispatch();
  const theme = useAppSelector(selectSetting('theme'));
  const pathStatus = useAppSelector(selectPathStatus);
  const account = useAppSelector(selectAccount);
  const dark = theme === undefined || isDarkTheme(theme);
  return (
    <Strip data-testid="actions-strip">
      <AvatarButton
        type="button"
        aria-label={t('openSettings')}
        title={t('openSettings')}
        onClick={() => dispatch(toggleSettings())}
        data-testid="open-settings"
      >
        {account ? <Avatar id={account.sessionId} name={account.displayName} size={36} /> : <User size={20} aria-hidden />}
        <GearBadge>
          <Gear size={11} aria-hidden />
        </GearBadge>
      </AvatarButton>
      <Spacer />
      <IconButton
        label={t('pathStatus', { status: t(PATH_LABELS[pathStatus]) })}
        onClick={() => dispatch(openModal({ kind: 'path' }))}
        data-testid="path-status"
        data-status={pathStatus}
      >
        <Dot $status={pathStatus} />
      </IconButton>
      <IconButton
        label={dark ? t('switchToLight') : t('switchToDark')}
        disabled={theme === undefined}
        onClick={() => theme && void dispatch(setSetting({ key: 'theme', value: oppositeTheme(theme) }))}
        data-testid="theme-toggle"
      >
        {dark ? <Moon size={22} aria-hidden /> : <Sun size={22} aria-hidden />}
      </IconButton>
    </Strip>
  );
}
