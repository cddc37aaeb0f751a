// Settings ▸ Recovery Password (spec/ui.md §6.8). The words stay hidden until the user confirms
// nobody is watching; only then is the backend asked for them (which also marks them viewed, ending
// the "save your recovery password" banner). They live in this component's state while it is open,
// never in the store and never in a log.
import { useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { selectPasswordSet } from '../../state/password';
import { PasswordField } from '../common/PasswordField';
import { t } from '../../locales/i18n';
import { fetchRecoveryPassword } from '../../state/account';
import { showToast } from '../../state/ui';
import { copyText } from './copyText';
import { Centered, DialogButton, DialogButtons, DialogText, ErrorLine, Spinner } from './dialogParts';
import { ZoomableQr } from './ZoomableQr';
import { Section } from './controls';

const Block = styled.div`
  padding: 15px;
`;

const Heading = styled.h3`
  margin: 0 0 8px;
  font-size: 16px;
`;

const Explainer = styled.p`
  margin: 0 0 15px;
  font-size: 14px;
  line-height: 1.4;
  color: var(--text-secondary-color);
`;

const Words = styled.p`
  margin: 0 0 15px;
  padding: 12px;
  border: 1px solid var(--borders-color);
  border-radius: 11px;
  color: var(--renderer-span-primary-color);
  font-family: var(--font-mono);
  font-size: 15px;
  line-height: 1.5;
  text-align: center;
  user-select: text;
`;

type Step = { kind: 'hidden' } | { kind: 'confirm' } | { kind: 'loading' } | { kind: 'shown'; words: string } | { kind: 'error'; message: string };

export function RecoveryPasswordPage() {
  const dispatch = useAppDispatch();
  const [step, setStep] = useState<Step>({ kind: 'hidden' });
  const [qr, setQr] = useState(false);
  // With an app password, it is asked for before the words are shown (spec/ui.md §6.8).
  const passwordSet = useAppSelector(selectPasswordSet);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const reveal = async () => {
    if (passwordSet && !password) return;
    setStep({ kind: 'loading' });
    const result = await dispatch(fetchRecoveryPassword(passwordSet ? password : undefined));
    setPassword('');
    if (fetchRecoveryPassword.fulfilled.match(result)) {
      setPasswordError(null);
      setStep({ kind: 'shown', words: result.payload });
    } else if (passwordSet) {
      setPasswordError(result.payload ?? '');
      setStep({ kind: 'confirm' });
    } else setStep({ kind: 'error', message: result.payload ?? '' });
  };
  const copy = (words: string) =>
    copyText(words).then(
      () => dispatch(showToast({ kind: 'success', message: t('copied') })),
      () => dispatch(showToast({ kind: 'error', message: t('copyFailed') })),
    );
  return (
    <Section>
      <Block data-testid="recovery-password">
        <Heading>{t('recoveryPasswordYours')}</Heading>
        <Explainer>{t('recoveryPasswordExplainer')}</Explainer>
        {step.kind === 'hidden' ? (
          <DialogButtons>
            <DialogButton type="button" $tone="primary" onClick={() => setStep({ kind: 'confirm' })} data-testid="recovery-reveal">
              {t('recoveryPasswordRevealButton')}
            </DialogButton>
          </DialogButtons>
        ) : null}
        {step.kind === 'confirm' ? (
          <form
            role="group"
            aria-label={t('recoveryPasswordRevealButton')}
            onSubmit={(e) => {
              e.preventDefault();
              void reveal();
            }}
          >
            <DialogText>{t('recoveryPasswordRevealWarning')}</DialogText>
            {passwordSet ? (
              <>
                <DialogText>{t('recoveryPasswordAskPassword')}</DialogText>
                <PasswordField autoFocus value={password} onChange={setPassword} placeholder={t('lockPlaceholder')} testId="recovery-app-password" invalid={passwordError !== null} />
                {passwordError !== null ? (
                  <ErrorLine role="alert" data-testid="recovery-password-error">
                    {passwordError}
                  </ErrorLine>
                ) : null}
              </>
            ) : null}
            <DialogButtons>
              <DialogButton type="submit" $tone="primary" disabled={passwordSet && !password} data-testid="recovery-reveal-confirm">
                {t('recoveryPasswordReveal')}
              </DialogButton>
              <DialogButton type="button" onClick={() => setStep({ kind: 'hidden' })} data-testid="recovery-reveal-cancel">
                {t('cancel')}
              </DialogButton>
            </DialogButtons>
          </form>
        ) : null}
        {step.kind === 'loading' ? (
          <Centered>
            <Spinner role="status" aria-label={t('loading')} />
          </Centered>
        ) : null}
        {step.kind === 'error' ? (
          <>
            <ErrorLine role="alert">{step.message}</ErrorLine>
            <DialogButtons>
              <DialogButton type="button" onClick={() => void reveal()}>
                {t('retry')}
              </DialogButton>
            </DialogButtons>
          </>
        ) : null}
        {step.kind === 'shown' ? (
          <>
            {qr ? (
              <Centered>
                <ZoomableQr text={step.words} label={t('recoveryPasswordQr')} size={260} testId="recovery-qr" />
              </Centered>
            ) : (
              <Words aria-label={t('recoveryPasswordWords')} data-testid="recovery-words">
                {step.words}
              </Words>
            )}
            <DialogButtons>
              <DialogButton type="button" $tone="primary" onClick={() => void copy(step.words)} data-testid="recovery-copy">
                {t('recoveryPasswordCopy')}
              </DialogButton>
              <DialogButton type="button" onClick={() => setQr(!qr)} data-testid="recovery-qr-toggle">
                {qr ? t('recoveryPasswordViewWords') : t('recoveryPasswordViewQr')}
              </DialogButton>
            </DialogButtons>
          </>
        ) : null}
      </Block>
    </Section>
  );
}
