// Settings ▸ Privacy ▸ Set / Change / Remove Password (spec/ui.md §6.3): the fields of each action, the
// advisory strength checklist, the rules (checked by the backend's schema too) and the result toasts.
// Setting, changing or removing the password rewraps only the database key: nothing is re-encrypted.
import { Check, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { PASSWORD_CHARACTERS_ERROR, PASSWORD_LENGTH_ERROR, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import type { LocaleKey } from '../../locales/en';
import { passwordAction } from '../../state/password';
import { showSettingsPage, showToast } from '../../state/ui';
import { PasswordField } from '../common/PasswordField';
import { Section } from './controls';
import { Centered, DialogButton, DialogButtons, DialogForm, DialogText, ErrorLine, Spinner } from './dialogParts';

export type PasswordMode = 'set' | 'change' | 'remove';

const Block = styled.div`
  padding: 15px;
`;

const Checklist = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  display: flex;
  flex-direction: column;
  gap: 6px;
  font-size: 14px;
`;

const Item = styled.li<{ $met: boolean }>`
  display: flex;
  align-items: center;
  gap: 8px;
  color: ${(p) => (p.$met ? 'var(--text-primary-color)' : 'var(--text-secondary-color)')};
  svg {
    color: ${(p) => (p.$met ? 'var(--primary-color)' : 'var(--danger-text-color)')};
  }
`;

const STRENGTH: Array<[LocaleKey, (p: string) => boolean]> = [
  ['passwordRuleLength', (p) => p.length > 12],
  ['passwordRuleNumber', (p) => /[0-9]/.test(p)],
  ['passwordRuleSymbol', (p) => /[^A-Za-z0-9\s]/.test(p)],
  ['passwordRuleUpper', (p) => /[A-Z]/.test(p)],
  ['passwordRuleLower', (p) => /[a-z]/.test(p)],
];

/** The rule a new password breaks, as the official app words it; undefined when it is fine. */
export function newPasswordProblem(p: string): string | undefined {
  if (p.length < PASSWORD_MIN_LENGTH || p.length > PASSWORD_MAX_LENGTH) return PASSWORD_LENGTH_ERROR;
  if (!/^[\x20-\x7E]*$/.test(p)) return PASSWORD_CHARACTERS_ERROR;
  return undefined;
}

const TEXT: Record<PasswordMode, { desc: LocaleKey; done: LocaleKey; failed: LocaleKey }> = {
  set: { desc: 'passwordSetDesc', done: 'passwordSetDone', failed: 'passwordSetFailed' },
  change: { desc: 'passwordChangeDesc', done: 'passwordChangeDone', failed: 'passwordChangeFailed' },
  remove: { desc: 'passwordRemoveDesc', done: 'passwordRemoveDone', failed: 'passwordRemoveFailed' },
};

export function PasswordPage({ mode }: { mode: PasswordMode }) {
  const dispatch = useAppDispatch();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsNew = mode !== 'remove';
  const needsCurrent = mode !== 'set';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (needsNew) {
      const problem = newPasswordProblem(next);
      if (problem) return setError(problem);
      if (next !== confirm) return setError(t('passwordMismatch'));
    }
    setBusy(true);
    setError(null);
    const result = await dispatch(
      passwordAction(
        mode === 'set'
          ? { method: 'password.set', params: { password: next } }
          : mode === 'change'
            ? { method: 'password.change', params: { currentPassword: current, newPassword: next } }
            : { method: 'password.remove', params: { currentPassword: current } },
      ),
    );
    setBusy(false);
    if (passwordAction.rejected.match(result)) {
      setError(result.payload || t(TEXT[mode].failed));
      return;
    }
    dispatch(showToast({ kind: mode === 'remove' ? 'warning' : 'success', message: t(TEXT[mode].done) }));
    dispatch(showSettingsPage('privacy'));
  };

  return (
    <>
      <Section>
        <Block>
          <DialogText>{t(TEXT[mode].desc)}</DialogText>
          <DialogForm onSubmit={(e) => void submit(e)} data-testid={`password-form-${mode}`}>
            {needsCurrent ? (
              <PasswordField autoFocus value={current} onChange={setCurrent} placeholder={t('passwordCurrent')} testId="password-current" />
            ) : null}
            {needsNew ? (
              <>
                <PasswordField
                  autoFocus={!needsCurrent}
                  value={next}
                  onChange={setNext}
                  placeholder={mode === 'set' ? t('passwordCreate') : t('passwordNew')}
                  testId="password-new"
                />
                <PasswordField value={confirm} onChange={setConfirm} placeholder={t('passwordConfirm')} testId="password-confirm" />
              </>
            ) : null}
            {error !== null ? (
              <ErrorLine role="alert" data-testid="password-error">
                {error}
              </ErrorLine>
            ) : null}
            {busy ? (
              <Centered>
                <Spinner role="status" aria-label={t('loading')} />
              </Centered>
            ) : (
              <DialogButtons>
                <DialogButton type="submit" $tone={mode === 'remove' ? 'danger' : 'primary'} disabled={(needsCurrent && !current) || (needsNew && !next)} data-testid="password-submit">
                  {t(mode === 'set' ? 'passwordSetButton' : mode === 'change' ? 'passwordChangeButton' : 'passwordRemoveButton')}
                </DialogButton>
              </DialogButtons>
            )}
          </DialogForm>
        </Block>
      </Section>
      {needsNew ? (
        <Section title={t('passwordStrength')}>
          <Block>
            <DialogText>{t('passwordStrengthDesc')}</DialogText>
            <Checklist aria-label={t('passwordStrength')}>
              {STRENGTH.map(([key, met]) => {
                const ok = met(next);
                return (
                  <Item key={key} $met={ok}>
                    {ok ? <Check size={16} aria-label={t('passwordRuleMet')} /> : <X size={16} aria-label={t('passwordRuleNotMet')} />}
                    {t(key)}
                  </Item>
                );
              })}
            </Checklist>
          </Block>
        </Section>
      ) : null}
    </>
  );
}

export const SetPasswordPage = () => <PasswordPage mode="set" />;
export const ChangePasswordPage = () => <PasswordPage mode="change" />;
export const RemovePasswordPage = () => <PasswordPage mode="remove" />;
