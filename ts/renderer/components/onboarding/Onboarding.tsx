// Onboarding (spec/ui.md §2) for a profile without an account: Start, Create (display name),
// Restore (recovery password, then the loading step with its progress while the backend fetches the
// account's profile from the network for up to 15 s), and the display-name step for an account that has
// none yet. Once the account exists (its creation or loading is under way), the back chevron warns that
// going back means quitting, which clears this device's data and starts over.
import { ChevronLeft, Eye, EyeOff, KeyRound } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { FieldError, pillButton } from '../common/formStyles';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { clearData, createAccount, displayNameError, restoreAccount, restoreFinished, setDisplayName } from '../../state/account';
import { openModal, selectOnboardingStep, setOnboardingStep } from '../../state/ui';
import { BrandMark, BrandWordmark } from '../common/BrandMark';
import { IconButton } from '../common/IconButton';
import { Dialog } from '../conversation/Dialog';

/* The page's main landmark: onboarding is the whole window. */
const Screen = styled.main`
  display: flex;
  align-items: center;
  justify-content: center;
  height: var(--viewport-height, 100vh);
  background: var(--background-primary-color);
  color: var(--text-primary-color);
`;

const Column = styled.form`
  display: flex;
  flex-direction: column;
  gap: 18px;
  width: 348px;
  max-width: calc(100vw - 40px);
`;

const Brand = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
  margin: 0 0 20px;
  font: inherit;
`;

const Heading = styled.h1`
  display: flex;
  align-items: center;
  gap: 8px;
  margin: 0;
  font-size: 26px;
  font-weight: 700;
`;

const Text = styled.p`
  margin: 0;
  font-size: 14px;
  line-height: 1.4;
  color: var(--text-secondary-color);
`;

const TermsButton = styled.button`
  margin: 0;
  padding: 0;
  border: none;
  background: none;
  font: inherit;
  font-size: 12px;
  text-align: center;
  color: var(--text-secondary-color);
  cursor: pointer;
  &:hover {
    text-decoration: underline;
  }
`;

const Field = styled.div`
  display: flex;
  align-items: center;
  gap: 4px;
  padding: 0 8px 0 14px;
  border: 1px solid var(--borders-color);
  border-radius: 10px;
  background: var(--background-secondary-color, transparent);
  input {
    flex: 1;
    min-width: 0;
    height: 44px;
    border: none;
    outline: none;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 15px;
  }
`;

const Primary = styled.button`
  ${pillButton}
  height: 44px;
  border-radius: 22px;
  border-color: var(--primary-color);
  background: var(--primary-color);
  color: var(--text-on-accent-color);
`;

const Secondary = styled(Primary)`
  border-color: var(--button-outline-color);
  background: transparent;
  color: var(--button-outline-color);
`;

const Progress = styled.div`
  height: 4px;
  border-radius: 2px;
  background: var(--primary-color);
  animation: onboarding-pulse 1.2s ease-in-out infinite alternate;
  @keyframes onboarding-pulse {
    from {
      opacity: 0.3;
    }
    to {
      opacity: 1;
    }
  }
`;

const Track = styled.div`
  height: 4px;
  border-radius: 2px;
  background: var(--borders-color);
  overflow: hidden;
`;

const Fill = styled.div<{ $fast: boolean }>`
  height: 100%;
  background: var(--primary-color);
  transition: width ${(p) => (p.$fast ? '0.3s' : '0.15s')} linear;
`;

const Percent = styled.span`
  align-self: flex-end;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

/**
 * spec/ui.md §2.3 step 2: the bar advances 1 % every 150 ms (15 s, the profile fetch's limit); when
 * the profile arrives it runs to 100 % in 0.3 s and pauses 0.2 s before the inbox opens. The bar waits
 * at 99 % if the answer is later than that.
 */
export const RESTORE_TICK_MS = 150;
export const RESTORE_FINISH_MS = 300;
export const RESTORE_PAUSE_MS = 200;

function LoadingProgress({ percent }: { percent: number }) {
  return (
    <>
      <Track
        role="progressbar"
        aria-label={t('onboardingLoadingText')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="onboarding-progress"
      >
        <Fill $fast={percent === 100} style={{ width: `${percent}%` }} />
      </Track>
      <Percent aria-hidden data-testid="onboarding-progress-percent">
        {t('cfgLoadingPercent', { percent })}
      </Percent>
    </>
  );
}

type Step = 'start' | 'create' | 'restore';

/** `heading`: the brand is the page's title (the first screen, which has no other heading). */
function BrandRow({ heading = false }: { heading?: boolean }) {
  return (
    <Brand as={heading ? 'h1' : 'div'}>
      <BrandMark height={40} />
      <BrandWordmark text={t('appName')} size={28} />
    </Brand>
  );
}

/** Display name input with the §2.2 validation; `submit` resolves to an error message or null. */
function DisplayNameForm({
  title,
  description,
  onBack,
  submit,
  testId,
  notice,
}: {
  title: string;
  description: string;
  /** `busy`: the name was submitted and the account may exist already. */
  onBack?: (busy: boolean) => void;
  submit: (name: string) => Promise<string | null>;
  testId: string;
  /** An error from outside the form (going back failed). */
  notice?: string;
}) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const invalid = displayNameError(name);
  const shown = notice ?? failure ?? (touched && invalid ? t(invalid) : null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid || busy) return;
    setBusy(true);
    setFailure(await submit(name.trim()));
    setBusy(false);
  };
  return (
    <Column onSubmit={(e) => void onSubmit(e)} data-testid={testId} aria-busy={busy}>
      <BrandRow />
      {onBack ? (
        <IconButton label={t('back')} onClick={() => onBack(busy)} data-testid="onboarding-back">
          <ChevronLeft size={22} aria-hidden className="rtl-flip" />
        </IconButton>
      ) : null}
      <Heading>{title}</Heading>
      <Text>{description}</Text>
      <Field>
        <input
          // Autofocus is the spec'd behaviour of this screen (spec/ui.md §2.2).
          autoFocus
          value={name}
          placeholder={t('displayNamePlaceholder')}
          aria-label={t('displayNamePlaceholder')}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
            setFailure(null);
          }}
          data-testid="display-name-input"
        />
      </Field>
      {shown ? (
        <FieldError role="alert" data-testid="onboarding-error">
          {shown}
        </FieldError>
      ) : null}
      {busy ? <Progress role="progressbar" aria-label={t('onboardingLoadingText')} /> : null}
      <Primary type="submit" disabled={!name || busy} data-testid="onboarding-continue">
        {t('continue')}
      </Primary>
    </Column>
  );
}

function RestoreForm({ onBack, onQuit }: { onBack: () => void; onQuit: () => void }) {
  const dispatch = useAppDispatch();
  const [mnemonic, setMnemonic] = useState('');
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [percent, setPercent] = useState(0);
  const finishTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The loading bar's own clock: it runs while the restore is under way and stops short of the end.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setPercent((p) => (p < 99 ? p + 1 : p)), RESTORE_TICK_MS);
    return () => clearInterval(timer);
  }, [busy]);
  useEffect(
    () => () => {
      if (finishTimer.current) clearTimeout(finishTimer.current);
    },
    [],
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!mnemonic.trim()) {
      setError(t('recoveryPasswordEmpty'));
      return;
    }
    setPercent(0);
    setBusy(true);
    // The backend waits up to 15 s for the account's profile on the network and answers with its name.
    const r = await dispatch(restoreAccount(mnemonic));
    if (restoreAccount.rejected.match(r)) {
      setBusy(false);
      setError(r.payload ?? t('recoveryPasswordInvalid'));
      return;
    }
    if (!r.payload.displayName?.trim()) {
      // No profile arrived in time: the app asks for a new display name (step 3).
      dispatch(restoreFinished());
      return;
    }
    setPercent(100);
    finishTimer.current = setTimeout(() => dispatch(restoreFinished()), RESTORE_FINISH_MS + RESTORE_PAUSE_MS);
  };
  if (busy) {
    return (
      <Column as="div" data-testid="onboarding-loading" aria-busy="true">
        <BrandRow />
        {/* The account exists from here on: going back means quitting (spec/ui.md §2.3 step 2). */}
        <IconButton label={t('back')} onClick={onQuit} data-testid="onboarding-back">
          <ChevronLeft size={22} aria-hidden className="rtl-flip" />
        </IconButton>
        <Heading>{t('onboardingLoadingTitle')}</Heading>
        <Text>{t('onboardingLoadingText')}</Text>
        <LoadingProgress percent={percent} />
      </Column>
    );
  }
  return (
    <Column onSubmit={(e) => void onSubmit(e)} data-testid="onboarding-restore">
      <BrandRow />
      <IconButton label={t('back')} onClick={onBack} data-testid="onboarding-back">
        <ChevronLeft size={22} aria-hidden className="rtl-flip" />
      </IconButton>
      <Heading>
        {t('recoveryPasswordTitle')}
        <KeyRound size={22} aria-hidden />
      </Heading>
      <Text>{t('recoveryPasswordDesc')}</Text>
      <Field>
        <input
          autoFocus
          type={visible ? 'text' : 'password'}
          value={mnemonic}
          placeholder={t('recoveryPasswordPlaceholder')}
          aria-label={t('recoveryPasswordPlaceholder')}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setMnemonic(e.target.value);
            setError(e.target.value.trim() ? null : t('recoveryPasswordEmpty'));
          }}
          data-testid="recovery-password-input"
        />
        <IconButton
          label={visible ? t('recoveryPasswordHide') : t('recoveryPasswordShow')}
          aria-pressed={visible}
          onClick={() => setVisible(!visible)}
          data-testid="recovery-password-toggle"
        >
          {visible ? <EyeOff size={18} aria-hidden /> : <Eye size={18} aria-hidden />}
        </IconButton>
      </Field>
      {error ? (
        <FieldError role="alert" data-testid="onboarding-error">
          {error}
        </FieldError>
      ) : null}
      <Primary type="submit" disabled={!mnemonic.trim() || error !== null} data-testid="onboarding-continue">
        {t('continue')}
      </Primary>
    </Column>
  );
}

type QuitVariant = 'create' | 'loading';

/**
 * The quit warning of spec/ui.md §2.2 / §2.3: once the account exists, onboarding cannot simply step
 * back. "Quit" clears this profile's data on this device (the same path as Settings ▸ Clear Data), so
 * the app starts over at the first screen.
 */
function QuitWarning({ variant, onClose, onQuit }: { variant: QuitVariant; onClose: () => void; onQuit: () => void }) {
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const quit = async () => {
    setBusy(true);
    setError(null);
    const r = await dispatch(clearData({ network: false }));
    setBusy(false);
    // The thunk's message says what failed and that the data was kept.
    if (clearData.rejected.match(r)) setError(r.payload ?? r.error.message ?? '');
    else onQuit();
  };
  return (
    <Dialog
      title={t('quitWarningTitle')}
      text={variant === 'create' ? t('quitWarningCreate') : t('quitWarningLoading')}
      textTestId="quit-warning-text"
      testId="quit-warning"
      confirm={{ label: t('quitWarningQuit'), danger: true, disabled: busy, onClick: () => void quit(), testId: 'quit-warning-quit' }}
      cancel={{ disabled: busy, onClick: onClose, testId: 'quit-warning-cancel' }}
      onClose={busy ? () => {} : onClose}
    >
      {error ? (
        <FieldError role="alert" data-testid="quit-warning-error">
          {error}
        </FieldError>
      ) : null}
    </Dialog>
  );
}

/** The whole onboarding flow for a profile without an account. */
export function Onboarding() {
  const dispatch = useAppDispatch();
  const [step, setStep] = useState<Step>('start');
  const [quitting, setQuitting] = useState<QuitVariant | null>(null);
  // A step asked for from outside (the display-name fallback going back), once.
  const resume = useAppSelector(selectOnboardingStep);
  useEffect(() => {
    if (!resume) return;
    setStep(resume);
    dispatch(setOnboardingStep(null));
  }, [resume, dispatch]);
  const quitDialog = quitting ? (
    <QuitWarning
      variant={quitting}
      onClose={() => setQuitting(null)}
      onQuit={() => {
        setQuitting(null);
        setStep('start');
      }}
    />
  ) : null;
  return (
    <Screen data-testid="onboarding">
      {quitDialog}
      {step === 'start' ? (
        <Column as="div" data-testid="onboarding-start">
          <BrandRow heading />
          <Primary type="button" onClick={() => setStep('create')} data-testid="onboarding-create">
            {t('onboardingCreate')}
          </Primary>
          <Secondary type="button" onClick={() => setStep('restore')} data-testid="onboarding-restore-start">
            {t('onboardingRestore')}
          </Secondary>
          <TermsButton type="button" onClick={() => dispatch(openModal({ kind: 'terms' }))} data-testid="onboarding-terms">
            {t('onboardingTerms')}
          </TermsButton>
        </Column>
      ) : step === 'create' ? (
        <DisplayNameForm
          testId="onboarding-display-name"
          title={t('displayNameTitle')}
          description={t('displayNameDesc')}
          // Before the name is submitted no account exists and Start is one step back; after, it may exist.
          onBack={(busy) => (busy ? setQuitting('create') : setStep('start'))}
          submit={async (name) => {
            const r = await dispatch(createAccount(name));
            return createAccount.rejected.match(r) ? (r.payload ?? null) : null;
          }}
        />
      ) : (
        <RestoreForm onBack={() => setStep('start')} onQuit={() => setQuitting('loading')} />
      )}
    </Screen>
  );
}

/**
 * spec/ui.md §2.3 step 3: a restored account whose display name could not be loaded picks a new one.
 * Its back chevron returns to the recovery-password step: the restored account is cleared from this
 * device first (nothing else is there yet), so another recovery password can be entered.
 */
export function DisplayNameFallback() {
  const dispatch = useAppDispatch();
  const [backError, setBackError] = useState<string | null>(null);
  const back = async () => {
    setBackError(null);
    const r = await dispatch(clearData({ network: false }));
    if (clearData.rejected.match(r)) setBackError(r.payload ?? r.error.message ?? '');
    else dispatch(setOnboardingStep('restore'));
  };
  return (
    <Screen data-testid="onboarding">
      <DisplayNameForm
        testId="onboarding-display-name-fallback"
        title={t('displayNameFallbackTitle')}
        description={t('displayNameFallbackDesc')}
        onBack={() => void back()}
        submit={async (name) => {
          const r = await dispatch(setDisplayName(name));
          return setDisplayName.rejected.match(r) ? (r.payload ?? null) : null;
        }}
        {...(backError !== null ? { notice: backError } : {})}
      />
    </Screen>
  );
}
