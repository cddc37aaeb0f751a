// Settings ▸ Recovery Password ▸ "Recovery Password Visibility" (spec/ui.md §6.8): hides the recovery
// password on this device for good, after two confirmations. The backend stores it, refuses to undo it,
// and ends the "save your recovery password" banner; the settings then no longer offer the page.
import { useId, useState } from 'react';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { dismissSettingError, setSetting } from '../../state/settings';
import { showSettingsPage } from '../../state/ui';
import { Modal } from '../common/Modal';
import { Row, Section, TextBlock } from './controls';
import { RecoveryPasswordPage } from './RecoveryPasswordPage';
import { DialogButton, DialogButtons, DialogText, ErrorLine } from './dialogParts';

type Step = 'warn' | 'confirm';

function HideRecoveryPasswordDialog({ onClose }: { onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [step, setStep] = useState<Step>('warn');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hide = async () => {
    setBusy(true);
    setError(null);
    const r = await dispatch(setSetting({ key: 'hideRecoveryPassword', value: true }));
    setBusy(false);
    if (setSetting.rejected.match(r)) {
      // Said here, in the dialog; the general "could not save the setting" toast would repeat it.
      dispatch(dismissSettingError());
      setError(t('hideRecoveryFailed', { message: r.payload ?? r.error.message ?? '' }));
      return;
    }
    onClose();
    // The page it was opened from no longer exists.
    dispatch(showSettingsPage('home'));
  };
  return (
    <Modal title={t('hideRecoveryDialogTitle')} onClose={busy ? () => {} : onClose} width="narrow" testId="hide-recovery-dialog">
      {error ? (
        <ErrorLine role="alert" data-testid="hide-recovery-error">
          {error}
        </ErrorLine>
      ) : null}
      {step === 'warn' ? (
        <>
          <DialogText data-testid="hide-recovery-text">{t('hideRecoveryStep1')}</DialogText>
          <DialogButtons>
            <DialogButton type="button" $tone="danger" onClick={() => setStep('confirm')} data-testid="hide-recovery-continue">
              {t('continue')}
            </DialogButton>
            <DialogButton type="button" onClick={onClose} data-testid="hide-recovery-cancel">
              {t('cancel')}
            </DialogButton>
          </DialogButtons>
        </>
      ) : (
        <>
          <DialogText data-testid="hide-recovery-text">{t('hideRecoveryStep2')}</DialogText>
          <DialogButtons>
            <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="hide-recovery-cancel">
              {t('cancel')}
            </DialogButton>
            <DialogButton type="button" $tone="danger" disabled={busy} onClick={() => void hide()} data-testid="hide-recovery-yes">
              {t('hideRecoveryYes')}
            </DialogButton>
          </DialogButtons>
        </>
      )}
    </Modal>
  );
}

export function HideRecoveryPasswordSection() {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <Section title={t('hideRecoveryHeading')}>
      <Row data-testid="hide-recovery-row">
        <TextBlock id={id} title={t('hideRecoveryRow')} description={t('hideRecoveryRowDesc')} />
        <DialogButton
          type="button"
          $tone="danger"
          aria-describedby={`${id}-title ${id}-desc`}
          onClick={() => setOpen(true)}
          data-testid="hide-recovery-open"
        >
          {t('hideRecoveryButton')}
        </DialogButton>
      </Row>
      {open ? <HideRecoveryPasswordDialog onClose={() => setOpen(false)} /> : null}
    </Section>
  );
}

/** The Recovery Password settings page: the password itself, then its visibility. */
export function RecoveryPasswordSettings() {
  return (
    <>
      <RecoveryPasswordPage />
      <HideRecoveryPasswordSection />
    </>
  );
}
