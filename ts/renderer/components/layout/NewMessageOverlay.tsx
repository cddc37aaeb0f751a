// The New Message overlay (spec/ui.md §3.9): an Account ID opens the conversation at once (the
// backend creates it on the first send); anything else is looked up as an ONS name.
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import type { ThunkExtra } from '../../state/thunk';
import { openConversation } from '../../state/ui';
import { createApiThunk } from '../../state/thunk';

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

const ErrorText = styled.p`
  margin: 0;
  font-size: 13px;
  color: var(--danger-color);
`;

const NextButton = styled.button`
  height: 38px;
  border: 1px solid var(--primary-color);
  border-radius: 19px;
  background: transparent;
  color: var(--primary-color);
  font: inherit;
  font-weight: 700;
  cursor: pointer;
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

const ACCOUNT_ID = /^05[0-9a-f]{64}$/;
const HEXISH = /^[0-9a-f]+$/;

export type RecipientResult = { ok: true; sessionId: string } | { ok: false; error: LocaleKey };

/** Resolves what was typed: an Account ID locally, an ONS name through the backend. */
export async function resolveRecipient(input: string, api: ThunkExtra['api']): Promise<RecipientResult> {
  const text = input.trim();
  if (!text) return { ok: false, error: 'accountIdInvalid' };
  const lower = text.toLowerCase();
  if (ACCOUNT_ID.test(lower)) return { ok: true, sessionId: lower };
  // A long hex string is a mistyped (or non-05) Account ID, not an ONS name.
  if (HEXISH.test(lower) && lower.length >= 60) return { ok: false, error: 'accountIdInvalid' };
  try {
    const { sessionId } = await api.call('ons.resolve', { name: text });
    return { ok: true, sessionId };
  } catch (err) {
    const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
    return { ok: false, error: code === 'network' || code === 'unavailable' ? 'onsNetworkError' : 'onsNotFound' };
  }
}

const openRecipient = createApiThunk('ui/openRecipient', async (input: string, { extra, dispatch }) => {
  const r = await resolveRecipient(input, extra.api);
  if (r.ok) dispatch(openConversation(r.sessionId));
  return r;
});

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
        <ErrorText role="alert" data-testid="new-message-error">
          {t(error)}
        </ErrorText>
      ) : null}
      {text ? (
        <NextButton type="submit" disabled={busy} data-testid="new-message-next">
          {busy ? t('searching') : t('next')}
        </NextButton>
      ) : null}
    </Form>
  );
}
