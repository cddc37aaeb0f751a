// "Save your recovery password" (spec/ui.md §3.2): shown under the conversation pane's header for an
// account created here until its recovery password has been viewed; "Continue" opens Settings ▸
// Recovery Password. Only while no overlay replaces the list.
import { ShieldAlert } from 'lucide-react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectShowRecoveryBanner } from '../../state/account';
import { selectConfirmedSetting } from '../../state/settings';
import { openModal, selectLeftOverlay } from '../../state/ui';

const Banner = styled.section`
  flex: none;
  margin: 0 0 8px;
  padding: 10px 20px 12px;
  border-top: 3px solid var(--primary-color);
  border-bottom: 1px solid var(--borders-color);
  background: var(--background-secondary-color);
  h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0 0 6px;
    font-size: 15px;
  }
  p {
    margin: 0 0 10px;
    font-size: 13px;
    line-height: 1.35;
    color: var(--text-secondary-color);
  }
`;

const ContinueButton = styled.button`
  padding: 5px 18px;
  border-radius: 16px;
  border: 1px solid var(--button-outline-color);
  background: transparent;
  color: var(--button-outline-color);
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  &:hover {
    background: var(--primary-color);
    color: var(--text-on-accent-color);
  }
`;

export function RecoveryBanner() {
  const dispatch = useAppDispatch();
  const show = useAppSelector(selectShowRecoveryBanner);
  const overlay = useAppSelector(selectLeftOverlay);
  // The backend ends the banner when the password is hidden; this covers the moment before it says so.
  const recoveryHidden = useAppSelector(selectConfirmedSetting('hideRecoveryPassword')) === true;
  if (!show || recoveryHidden || overlay !== null) return null;
  return (
    <Banner aria-labelledby="recovery-banner-title" data-testid="recovery-banner">
      <h2 id="recovery-banner-title">
        {t('recoveryBannerTitle')}
        <ShieldAlert size={16} aria-hidden />
      </h2>
      <p>{t('recoveryBannerText')}</p>
      <ContinueButton
        type="button"
        onClick={() => dispatch(openModal({ kind: 'settings', page: 'recovery-password' }))}
        data-testid="recovery-banner-continue"
      >
        {t('continue')}
      </ContinueButton>
    </Banner>
  );
}
