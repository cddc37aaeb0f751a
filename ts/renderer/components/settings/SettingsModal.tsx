// The user settings modal (spec/ui.md §6): a home page with the profile (Account ID copy and QR,
// display name editing) and rows to the sub-pages, each sub-page with a back chevron, and an about
// block with what the backend reported about itself. Only rows that lead somewhere are shown.
import {
  Bell,
  ChevronRight,
  CircleHelp,
  Copy,
  KeyRound,
  MessageSquare,
  MessageSquareWarning,
  Palette,
  Pencil,
  QrCode as QrIcon,
  Route,
  Shield,
  SlidersHorizontal,
  Trash2,
  type LucideIcon,
} from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import type { AppInfo } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectAppInfo } from '../../state/app';
import { selectConfirmedSetting } from '../../state/settings';
import { closeTopModal, openModal, setLeftOverlay, showSettingsPage, showToast, type SettingsPage } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { listRowButton } from '../common/formStyles';
import { IconButton } from '../common/IconButton';
import { Modal } from '../common/Modal';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { BlockedContactsPage } from './BlockedContactsPage';
import { HelpPage } from './HelpPage';
import { Section } from './controls';
import { copyText } from './copyText';
import { AppearancePage, ConversationsPage, NotificationsPage, PreferencesPage, PrivacyPage } from './pages';
import { ZoomableQr } from './ZoomableQr';
import { ChangePasswordPage, RemovePasswordPage, SetPasswordPage } from './PasswordPage';
import { RecoveryPasswordSettings } from './HideRecoveryPassword';

type SubPage = Exclude<SettingsPage, 'home'>;

const PAGE_TITLES: Record<SubPage, LocaleKey> = {
  privacy: 'privacy',
  notifications: 'notifications',
  conversations: 'conversations',
  appearance: 'appearance',
  preferences: 'preferences',
  'recovery-password': 'recoveryPasswordTitle',
  'blocked-contacts': 'blockedContacts',
  help: 'helpTitle',
  'password-set': 'passwordSetTitle',
  'password-change': 'passwordChangeTitle',
  'password-remove': 'passwordRemoveTitle',
};

const PAGE_BODIES: Record<SubPage, () => React.JSX.Element> = {
  privacy: PrivacyPage,
  notifications: NotificationsPage,
  conversations: ConversationsPage,
  appearance: AppearancePage,
  preferences: PreferencesPage,
  'recovery-password': RecoveryPasswordSettings,
  'blocked-contacts': BlockedContactsPage,
  help: HelpPage,
  'password-set': SetPasswordPage,
  'password-change': ChangePasswordPage,
  'password-remove': RemovePasswordPage,
};

/** Where a sub-page's back chevron leads. */
const PARENT: Partial<Record<SubPage, SettingsPage>> = {
  'blocked-contacts': 'conversations',
  'password-set': 'privacy',
  'password-change': 'privacy',
  'password-remove': 'privacy',
};

const NavRow = styled.button<{ $danger?: boolean }>`
  ${listRowButton}
  gap: 15px;
  padding: 10px 15px;
  &:hover {
    background: var(--chat-buttons-background-hover-color);
  }
  span {
    flex: 1;
  }
`;

const About = styled.div`
  margin: 25px 0 0;
  font-size: 13px;
  color: var(--text-secondary-color);
  text-align: center;
  p {
    margin: 4px 0;
    overflow-wrap: anywhere;
    user-select: text;
  }
`;

function networkLabel(info: AppInfo): string {
  switch (info.network) {
    case 'mainnet':
      return t('networkMainnet');
    case 'testnet':
      return t('networkTestnet');
    case 'custom':
      return t('networkCustom', { seedUrl: info.seedUrl ?? '' });
  }
}

function AboutBlock() {
  const info = useAppSelector(selectAppInfo);
  if (!info) return null;
  return (
    <About data-testid="about">
      <p data-testid="about-version">{t('aboutVersion', { version: info.version })}</p>
      <p data-testid="about-network">{t('aboutNetwork', { network: networkLabel(info) })}</p>
      <p data-testid="about-data-dir">{t('aboutDataDir', { dataDir: info.dataDir })}</p>
      <p data-testid="about-host">{t('aboutHost', { host: info.host })}</p>
    </About>
  );
}

const Profile = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 12px;
  margin-bottom: 20px;
`;

const Picture = styled.div`
  position: relative;
`;

const QrToggle = styled.div`
  position: absolute;
  inset-inline-end: -40px;
  top: 0;
`;

const NameButton = styled.button`
  display: flex;
  align-items: center;
  gap: 8px;
  max-width: 100%;
  padding: 4px 10px;
  border: none;
  border-radius: 5px;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 20px;
  font-weight: 700;
  cursor: pointer;
  span {
    overflow-wrap: anywhere;
  }
  &:hover {
    background: var(--chat-buttons-background-hover-color);
    --text-secondary-color: var(--text-secondary-on-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
  }
`;

const Pill = styled.span`
  padding: 4px 12px;
  border-radius: 14px;
  border: 1px solid var(--borders-color);
  font-size: 13px;
  color: var(--text-secondary-color);
`;

const AccountId = styled.button`
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 6px 10px;
  border: none;
  border-radius: 5px;
  background: transparent;
  color: var(--text-primary-color);
  cursor: pointer;
  code {
    display: block;
    width: 22ch;
    font-size: 14px;
    line-height: 1.4;
    overflow-wrap: anywhere;
    text-align: center;
    user-select: text;
  }
  &:hover {
    background: var(--chat-buttons-background-hover-color);
    --text-secondary-color: var(--text-secondary-on-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
  }
`;

function ProfileHeader() {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const [qr, setQr] = useState(false);
  if (!account) return null;
  const copy = () =>
    copyText(account.sessionId).then(
      () => dispatch(showToast({ kind: 'success', message: t('copied') })),
      () => dispatch(showToast({ kind: 'error', message: t('copyFailed') })),
    );
  return (
    <Profile data-testid="profile">
      <Picture>
        {qr ? (
          <ZoomableQr text={account.sessionId} size={180} label={t('settingsAccountQr')} testId="account-qr" saveAs={`session-account-id-${account.sessionId.slice(0, 8)}.png`} />
        ) : (
          <Avatar id={account.sessionId} name={account.displayName} size={90} />
        )}
        <QrToggle>
          <IconButton label={qr ? t('settingsHideQr') : t('settingsShowQr')} onClick={() => setQr(!qr)} aria-pressed={qr} data-testid="account-qr-toggle">
            <QrIcon size={20} aria-hidden />
          </IconButton>
        </QrToggle>
      </Picture>
      <NameButton type="button" onClick={() => dispatch(openModal({ kind: 'edit-profile' }))} title={t('settingsEditProfile')} data-testid="profile-name">
        <span>{account.displayName}</span>
        <VisuallyHidden>{t('settingsEditProfile')}</VisuallyHidden>
        <Pencil size={16} aria-hidden />
      </NameButton>
      <Pill>{t('accountIdLabel')}</Pill>
      <AccountId type="button" onClick={() => void copy()} title={t('copyAccountId')} data-testid="account-id">
        <code>{account.sessionId}</code>
        <VisuallyHidden>{t('copyAccountId')}</VisuallyHidden>
        <Copy size={18} aria-hidden />
      </AccountId>
    </Profile>
  );
}

interface HomeRow {
  id: string;
  label: LocaleKey;
  icon: LucideIcon;
  danger?: boolean;
  onClick: () => void;
}

function HomePage() {
  const dispatch = useAppDispatch();
  // Hidden for good on this device (spec/ui.md §6.1, §6.8).
  const recoveryHidden = useAppSelector(selectConfirmedSetting('hideRecoveryPassword')) === true;
  const page = (p: SubPage) => () => dispatch(showSettingsPage(p));
  const groups: HomeRow[][] = [
    [{ id: 'path', label: 'pathTitle', icon: Route, onClick: () => dispatch(openModal({ kind: 'path' })) }],
    [
      { id: 'privacy', label: 'privacy', icon: Shield, onClick: page('privacy') },
      { id: 'notifications', label: 'notifications', icon: Bell, onClick: page('notifications') },
      { id: 'conversations', label: 'conversations', icon: MessageSquare, onClick: page('conversations') },
      { id: 'appearance', label: 'appearance', icon: Palette, onClick: page('appearance') },
      {
        id: 'message-requests',
        label: 'messageRequests',
        icon: MessageSquareWarning,
        onClick: () => {
          dispatch(closeTopModal());
          dispatch(setLeftOverlay('message-requests'));
        },
      },
      { id: 'preferences', label: 'preferences', icon: SlidersHorizontal, onClick: page('preferences') },
    ],
    [
      ...(recoveryHidden ? [] : [{ id: 'recovery-password', label: 'recoveryPasswordTitle' as const, icon: KeyRound, onClick: page('recovery-password') }]),
      { id: 'help', label: 'helpTitle', icon: CircleHelp, onClick: page('help') },
      { id: 'clear-data', label: 'settingsClearData', icon: Trash2, danger: true, onClick: () => dispatch(openModal({ kind: 'clear-data' })) },
    ],
  ];
  return (
    <>
      <ProfileHeader />
      {groups.map((rows) => (
        <Section key={rows[0]!.id}>
          {rows.map(({ id, label, icon: Icon, danger, onClick }) => (
            <NavRow key={id} type="button" onClick={onClick} $danger={danger} data-testid={`settings-nav-${id}`}>
              <Icon size={20} aria-hidden />
              <span>{t(label)}</span>
              <ChevronRight size={18} aria-hidden className="rtl-flip" />
            </NavRow>
          ))}
        </Section>
      ))}
      <AboutBlock />
    </>
  );
}

export function SettingsModal({ page: requested }: { page: SettingsPage }) {
  const dispatch = useAppDispatch();
  const recoveryHidden = useAppSelector(selectConfirmedSetting('hideRecoveryPassword')) === true;
  // A hidden recovery password has no page left (a stale link to it shows the home page).
  const page = requested === 'recovery-password' && recoveryHidden ? 'home' : requested;
  const close = () => dispatch(closeTopModal());
  if (page === 'home') {
    return (
      <Modal title={t('settingsTitle')} onClose={close} testId="settings-modal">
        <HomePage />
      </Modal>
    );
  }
  const Body = PAGE_BODIES[page];
  return (
    <Modal title={t(PAGE_TITLES[page])} onClose={close} onBack={() => dispatch(showSettingsPage(PARENT[page] ?? 'home'))} testId="settings-modal">
      <div data-testid={`settings-page-${page}`}>
        <Body />
      </div>
    </Modal>
  );
}
