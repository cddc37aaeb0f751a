// The New Message overlay (spec/ui.md §3.9): an Account ID opens the conversation at once (the
// backend creates it on the first send); anything else is looked up as an ONS name.
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { FieldError, pillButton } from '../common/formStyles';
import { useAppDispatch } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { openRecipient } from '../../state/recipient';

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 10px 20px;
  input {
    height: 40px;
    padding: 0 12px;
    border: 1px solid var(--borders-color);
    border-radius: 10px;
    outline: none;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 14px;
  }
`;

const Help = styled.p`
  margin: 0;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

const NextButton = styled.button`
  ${pillButton}
  height: 38px;
  border-radius: 19px;
`;

export function NewMessageOverlay() {
  const dispatch = useAppDispatch();
  const [text, setText] = useState('');
  const [error, setError] = useState<LocaleKey | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await dispatch(openRecipient(text));
    setBusy(false);
    if (openRecipient.fulfilled.match(r) && !r.payload.ok) setError(r.payload.error);
  };
  return (
    <Form onSubmit={(e) => void onSubmit(e)} data-testid="new-message" aria-busy={busy}>
      <input
        autoFocus
        value={text}
        placeholder={t('newMessagePlaceholder')}
        aria-label={t('newMessagePlaceholder')}
        aria-invalid={error ? true : undefined}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        data-testid="new-message-input"
      />
      <Help>{t('newMessageHelp')}</Help>
      {error ? (
        <FieldError role="alert" data-testid="new-message-error">
          {t(error)}
        </FieldError>
      ) : null}
      {text ? (
        <NextButton type="submit" disabled={busy} data-testid="new-message-next">
          {busy ? t('searching') : t('next')}
        </NextButton>
      ) : null}
    </Form>
  );
}
