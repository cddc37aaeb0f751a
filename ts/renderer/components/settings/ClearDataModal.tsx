// "Clear All Data" (spec/ui.md §6.12): device only (default) or device and network, a second
// confirmation, then a spinner while the backend works. Success needs nothing more here: the backend
// announces that the account is gone and the app returns to onboarding with its state reset. A
// failure is shown in the dialog, and the backend keeps the local data in that case.
import { useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { clearData } from '../../state/account';
import { closeTopModal } from '../../state/ui';
import { Modal } from '../common/Modal';
import { Centered, DialogButton, DialogButtons, DialogText, ErrorLine, Spinner } from './dialogParts';

const Choices = styled.div`
  display: flex;
  flex-direction: column;
  gap: 10px;
  margin: 0 0 25px;
  label {
    display: flex;
    align-items: center;
    gap: 10px;
    cursor: pointer;
  }
  input {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--danger-color);
  }
`;

type Step = 'choose' | 'confirm' | 'busy';

export function ClearDataModal() {
  const dispatch = useAppDispatch();
  const [network, setNetwork] = useState(false);
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (step !== 'busy') dispatch(closeTopModal());
  };
  const run = async () => {
    setStep('busy');
    setError(null);
    const r = await dispatch(clearData({ network }));
    if (clearData.rejected.match(r)) {
      setError(r.payload ?? r.error.message ?? '');
      setStep('choose');
    }
  };
  return (
    <Modal title={t('clearDataTitle')} onClose={close} width="narrow" testId="clear-data">
      {error ? (
        <ErrorLine role="alert" data-testid="clear-data-error">
          {error}
        </ErrorLine>
      ) : null}
      {step === 'choose' ? (
        <>
          <DialogText>{t('clearDataText')}</DialogText>
          <Choices role="radiogroup" aria-label={t('clearDataTitle')}>
            <label>
              <input type="radio" name="clear-data-scope" checked={!network} onChange={() => setNetwork(false)} data-testid="clear-device-only" />
              {t('clearDeviceOnly')}
            </label>
            <label>
              <input type="radio" name="clear-data-scope" checked={network} onChange={() => setNetwork(true)} data-testid="clear-device-and-network" />
              {t('clearDeviceAndNetwork')}
            </label>
          </Choices>
          <DialogButtons>
            <DialogButton type="button" $tone="danger" onClick={() => setStep('confirm')} data-testid="clear-data-clear">
              {t('clearDataClear')}
            </DialogButton>
            <DialogButton type="button" onClick={close} data-testid="clear-data-cancel">
              {t('cancel')}
            </DialogButton>
          </DialogButtons>
        </>
      ) : null}
      {step === 'confirm' ? (
        <>
          <DialogText data-testid="clear-data-confirm-text">{network ? t('clearNetworkConfirm') : t('clearDeviceConfirm')}</DialogText>
          <DialogButtons>
            <DialogButton type="button" $tone="danger" onClick={() => void run()} data-testid="clear-data-confirm">
              {t('clearDataClear')}
            </DialogButton>
            <DialogButton type="button" onClick={() => setStep('choose')} data-testid="clear-data-confirm-cancel">
              {t('cancel')}
            </DialogButton>
          </DialogButtons>
        </>
      ) : null}
      {step === 'busy' ? (
        <Centered>
          <Spinner role="status" aria-label={t('clearDataBusy')} data-testid="clear-data-busy" />
          <DialogText>{t('clearDataBusy')}</DialogText>
        </Centered>
      ) : null}
    </Modal>
  );
}
