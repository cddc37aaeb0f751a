// The lock screen (spec/ui.md §1.1 item 2): shown instead of the app while the profile waits for its app
// password, themed from the pre-unlock settings. A wrong password shows "Incorrect password" and the wait
// before the next try (it doubles with each wrong one, kept across restarts by the backend); after three
// wrong ones "Clear Device" is offered, which wipes this device's data as Clear Data does (§6.12).
import { useEffect, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { clearData } from '../../state/account';
import { passwordAction, selectPasswordReceivedAt, selectPasswordStatus } from '../../state/password';
import { BrandMark } from '../common/BrandMark';
import { PasswordField } from '../common/PasswordField';
import { Centered, DialogButton, DialogButtons, DialogText, ErrorLine, Spinner } from '../settings/dialogParts';

/** Wrong passwords after which Clear Device is offered (spec/ui.md §1.1). */
export const CLEAR_DEVICE_AFTER = 3;
/** The checking state stays at least this long, so a fast answer does not flicker (spec/ui.md §1.1). */
const MIN_CHECK_MS = 500;

const Screen = styled.main`
  display: flex;
  align-items: center;
  justify-content: center;
  height: var(--viewport-height, 100vh);
  background: var(--background-primary-color);
  color: var(--text-primary-color);
`;

const Card = styled.form`
  display: flex;
  flex-direction: column;
  gap: 18px;
  width: 380px;
  max-width: calc(100vw - 40px);
  padding: 30px;
  border: 1px solid var(--borders-color);
  border-radius: 16px;
  background: var(--modal-background-content-color, var(--background-secondary-color));
`;

const Title = styled.h1`
  margin: 0;
  font-size: 22px;
  text-align: center;
`;

/** Milliseconds left of the wait the backend reported, ticking down. */
function useRemainingWait(retryAfterMs: number, receivedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, retryAfterMs - (now - receivedAt));
  const waiting = left > 0;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [waiting, retryAfterMs, receivedAt]);
  return left;
}

export function LockScreen() {
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectPasswordStatus);
  const receivedAt = useAppSelector(selectPasswordReceivedAt);
  const [password, setPassword] = useState('');
  const [phase, setPhase] = useState<'enter' | 'checking' | 'confirm-clear' | 'clearing'>('enter');
  const [error, setError] = useState<string | null>(null);
  const waitMs = useRemainingWait(status?.retryAfterMs ?? 0, receivedAt);
  const failures = status?.failedAttempts ?? 0;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!password || phase !== 'enter' || waitMs > 0) return;
    setPhase('checking');
    setError(null);
    const started = Date.now();
    const result = await dispatch(passwordAction({ method: 'password.unlock', params: { password } }));
    const rest = MIN_CHECK_MS - (Date.now() - started);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    // On success the backend's password.changed event replaces this screen with the app.
    if (passwordAction.rejected.match(result)) {
      setError(result.payload ?? t('loadFailed', { message: '' }));
      setPassword('');
      setPhase('enter');
    }
  };
  const clearDevice = async () => {
    setPhase('clearing');
    const result = await dispatch(clearData({ network: false }));
    if (clearData.rejected.match(result)) {
      setError(t('lockClearFailed', { message: result.payload ?? '' }));
      setPhase('enter');
    }
  };

  if (phase === 'confirm-clear' || phase === 'clearing') {
    return (
      <Screen>
        <Card as="div" role="dialog" aria-labelledby="lock-clear-title" data-testid="lock-clear-confirm">
          <BrandMark height={60} />
          <Title id="lock-clear-title">{t('lockClearDevice')}</Title>
          <DialogText>{t('lockClearDeviceText')}</DialogText>
          {phase === 'clearing' ? (
            <Centered>
              <Spinner role="status" aria-label={t('loading')} />
            </Centered>
          ) : (
            <DialogButtons>
              <DialogButton type="button" $tone="danger" onClick={() => void clearDevice()} data-testid="lock-clear-confirm-button">
                {t('lockClearDevice')}
              </DialogButton>
              <DialogButton type="button" onClick={() => setPhase('enter')} data-testid="lock-clear-cancel">
                {t('cancel')}
              </DialogButton>
            </DialogButtons>
          )}
        </Card>
      </Screen>
    );
  }
  const seconds = Math.ceil(waitMs / 1000);
  return (
    <Screen>
      <Card onSubmit={(e) => void submit(e)} aria-labelledby="lock-title" data-testid="lock-screen">
        <BrandMark height={60} />
        <Title id="lock-title">{t('lockTitle')}</Title>
        <PasswordField
          autoFocus
          value={password}
          onChange={setPassword}
          placeholder={t('lockPlaceholder')}
          testId="lock-password"
          disabled={phase === 'checking'}
          invalid={error !== null}
          {...(error !== null ? { describedBy: 'lock-error' } : {})}
        />
        {error !== null ? (
          <ErrorLine id="lock-error" role="alert" data-testid="lock-error">
            {error}
          </ErrorLine>
        ) : null}
        {waitMs > 0 ? (
          <DialogText role="status" data-testid="lock-wait">
            {t('lockWait', { seconds })}
          </DialogText>
        ) : null}
        {phase === 'checking' ? (
          <Centered role="status" data-testid="lock-checking">
            <Spinner aria-hidden />
            {t('lockChecking')}
          </Centered>
        ) : failures >= CLEAR_DEVICE_AFTER ? (
          <DialogButtons>
            <DialogButton type="button" $tone="danger" onClick={() => setPhase('confirm-clear')} data-testid="lock-clear-device">
              {t('lockClearDevice')}
            </DialogButton>
            <DialogButton type="submit" $tone="primary" disabled={!password || waitMs > 0} data-testid="lock-submit">
              {t('lockTryAgain')}
            </DialogButton>
          </DialogButtons>
        ) : (
          <DialogButtons>
            <DialogButton type="submit" $tone="primary" disabled={!password || waitMs > 0} data-testid="lock-submit">
              {t('lockDone')}
            </DialogButton>
          </DialogButtons>
        )}
      </Card>
    </Screen>
  );
}
