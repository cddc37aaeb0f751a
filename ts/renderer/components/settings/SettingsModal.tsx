// The user settings modal (spec/ui.md §6): a home page listing the sub-pages, each sub-page with a
// back chevron, and an about block with what the backend reported about itself.
import { Bell, ChevronRight, Copy, Lock, MessageSquare, Palette, SlidersHorizontal, type LucideIcon } from 'lucide-react';
import styled from 'styled-components';
import type { AppInfo } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectAppInfo } from '../../state/app';
import { closeTopModal, showSettingsPage, showToast, type SettingsPage } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { Modal } from '../common/Modal';
import { AppearancePage, ConversationsPage, NotificationsPage, PreferencesPage, PrivacyPage } from './pages';
import { Section } from './controls';

type SubPage = Exclude<SettingsPage, 'home'>;

const PAGES: ReadonlyArray<{ page: SubPage; label: LocaleKey; icon: LucideIcon }> = [
  { page: 'privacy', label: 'privacy', icon: Lock },
  { page: 'notifications', label: 'notifications', icon: Bell },
  { page: 'conversations', label: 'conversations', icon: MessageSquare },
  { page: 'appearance', label: 'appearance', icon: Palette },
  { page: 'preferences', label: 'preferences', icon: SlidersHorizontal },
];

const PAGE_BODIES: Record<SubPage, () => React.JSX.Element> = {
  privacy: PrivacyPage,
  notifications: NotificationsPage,
  conversations: ConversationsPage,
  appearance: AppearancePage,
  preferences: PreferencesPage,
};

const NavRow = styled.button`
  display: flex;
  align-items: center;
  gap: 15px;
  width: 100%;
  min-height: 50px;
  padding: 10px 15px;
  border: none;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 15px;
  text-align: left;
  cursor: pointer;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
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
  h3 {
    margin: 0;
    font-size: 20px;
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
  }
`;

function ProfileHeader() {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  if (!account) return null;
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    const done = clipboard ? clipboard.writeText(account.sessionId) : Promise.reject(new Error('no clipboard'));
    done.then(
      () => dispatch(showToast({ kind: 'success', message: t('copied') })),
      () => dispatch(showToast({ kind: 'error', message: t('copyFailed') })),
    );
  };
  return (
    <Profile data-testid="profile">
      <Avatar id={account.sessionId} name={account.displayName} size={90} />
      <h3>{account.displayName}</h3>
      <Pill>{t('accountIdLabel')}</Pill>
      <AccountId type="button" onClick={copy} aria-label={t('copyAccountId')} title={t('copyAccountId')} data-testid="account-id">
        <code>{account.sessionId}</code>
        <Copy size={18} aria-hidden />
      </AccountId>
    </Profile>
  );
}

function HomePage({ onOpen }: { onOpen: (page: SubPage) => void }) {
  return (
    <>
      <ProfileHeader />
      <Section>
        {PAGES.map(({ page, label, icon: Icon }) => (
          <NavRow key={page} type="button" onClick={() => onOpen(page)} data-testid={`settings-nav-${page}`}>
            <Icon size={20} aria-hidden />
            <span>{t(label)}</span>
            <ChevronRight size={18} aria-hidden />
          </NavRow>
        ))}
      </Section>
      <AboutBlock />
    </>
  );
}

export function SettingsModal({ page }: { page: SettingsPage }) {
  const dispatch = useAppDispatch();
  const close = () => dispatch(closeTopModal());
  if (page === 'home') {
    return (
      <Modal title={t('settingsTitle')} onClose={close} testId="settings-modal">
        <HomePage onOpen={(p) => dispatch(showSettingsPage(p))} />
      </Modal>
    );
  }
  const Body = PAGE_BODIES[page];
  const label = PAGES.find((p) => p.page === page)?.label ?? 'settingsTitle';
  return (
    <Modal title={t(label)} onClose={close} onBack={() => dispatch(showSettingsPage('home'))} testId="settings-modal">
      <div data-testid={`settings-page-${page}`}>
        <Body />
      </div>
    </Modal>
  );
}
