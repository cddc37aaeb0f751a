// The app shell: applies the theme, shows the brand while the first load runs (or a retry when
// the engine cannot be reached), onboarding when the profile has no account yet, then the inbox
// layout of spec/ui.md §1.2 with the modal stack.
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../hooks/redux';
import { useApplyTheme } from '../hooks/useApplyTheme';
import { useFollowSystemTheme } from '../hooks/useFollowSystemTheme';
import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { useHostOpenConversation, useNotifications } from '../hooks/useNotifications';
import { t } from '../locales/i18n';
import { selectAccount, selectAccountStatus, selectRestoring } from '../state/account';
import { fetchAppInfo, selectAppError, selectAppStatus } from '../state/app';
import { fetchSettings, selectSettingsLoadError, selectSettingsStatus } from '../state/settings';
import { BrandMark, BrandWordmark } from './common/BrandMark';
import { Toasts } from './common/Toasts';
import { ActionsStrip } from './layout/ActionsStrip';
import { LeftPane } from './layout/LeftPane';
import { MainPanel } from './layout/MainPanel';
import { ModalHost } from './ModalHost';
import { DisplayNameFallback, Onboarding } from './onboarding/Onboarding';
import { LockScreen } from './lock/LockScreen';
import { selectLocked, selectPasswordLoad } from '../state/password';

const Inbox = styled.div`
  display: flex;
  height: var(--viewport-height, 100vh);
  overflow: hidden;
  background: var(--background-primary-color);
  color: var(--text-primary-color);
`;

const Splash = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 25px;
  height: var(--viewport-height, 100vh);
  background: var(--background-primary-color);
  color: var(--text-primary-color);
  text-align: center;
`;

const ErrorText = styled.p`
  max-width: 460px;
  margin: 0;
  color: var(--danger-text-color);
  font-size: 15px;
`;

const RetryButton = styled.button`
  padding: 8px 24px;
  border-radius: 20px;
  border: 1px solid var(--button-outline-color);
  background: transparent;
  color: var(--button-outline-color);
  font: inherit;
  cursor: pointer;
  &:hover {
    background: var(--primary-color);
    color: var(--text-on-accent-color);
  }
`;

export function App() {
  useApplyTheme();
  useFollowSystemTheme();
  useGlobalShortcuts();
  useNotifications();
  useHostOpenConversation();
  const dispatch = useAppDispatch();
  const appStatus = useAppSelector(selectAppStatus);
  const settingsStatus = useAppSelector(selectSettingsStatus);
  const appError = useAppSelector(selectAppError);
  const settingsError = useAppSelector(selectSettingsLoadError);
  const error = appError ?? settingsError;
  const account = useAppSelector(selectAccount);
  const accountStatus = useAppSelector(selectAccountStatus);
  const restoring = useAppSelector(selectRestoring);
  const locked = useAppSelector(selectLocked);
  const passwordLoad = useAppSelector(selectPasswordLoad);

  if (appStatus === 'error' || settingsStatus === 'error') {
    return (
      <Splash data-testid="load-error">
        <BrandMark height={120} />
        <ErrorText role="alert">{t('loadFailed', { message: error ?? '' })}</ErrorText>
        <RetryButton
          type="button"
          onClick={() => {
            void dispatch(fetchAppInfo());
            void dispatch(fetchSettings());
          }}
        >
          {t('retry')}
        </RetryButton>
      </Splash>
    );
  }
  // An app password is set: the lock screen, themed from the pre-unlock settings (spec/ui.md §1.1 item 2).
  if (locked && appStatus === 'ready' && settingsStatus === 'ready') {
    return (
      <>
        <LockScreen />
        <Toasts />
      </>
    );
  }
  const passwordLoading = passwordLoad === 'idle' || passwordLoad === 'loading';
  // An account fetch that fails (an engine without accounts) still shows the shell.
  const accountLoading = accountStatus === 'idle' || accountStatus === 'loading';
  if (appStatus !== 'ready' || settingsStatus !== 'ready' || accountLoading || passwordLoading || locked) {
    return (
      <Splash data-testid="loading" aria-busy="true" aria-label={t('loading')}>
        <BrandMark height={120} />
        <BrandWordmark text={t('appName')} size={36} />
      </Splash>
    );
  }
  // A restore keeps onboarding (its loading step) up while the profile loads, though the account exists.
  if (accountStatus === 'ready' && (!account || restoring)) {
    return (
      <>
        <Onboarding />
        <ModalHost />
      </>
    );
  }
  if (accountStatus === 'ready' && account && !account.displayName.trim()) return <DisplayNameFallback />;
  return (
    <Inbox data-testid="app-shell">
      <ActionsStrip />
      <LeftPane />
      <MainPanel />
      <ModalHost />
      <Toasts />
    </Inbox>
  );
}
