// Pieces the settings-area dialogs share: explanatory text, a centred row of pill buttons (accent,
// danger or plain), a small spinner for actions in flight, and the one-line name field (with its error
// under it) of the profile-name and nickname dialogs.
import type { ReactNode } from 'react';
import styled, { keyframes } from 'styled-components';
import { FieldError, inputSurface } from '../common/formStyles';

export const DialogText = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  text-align: center;
  overflow-wrap: anywhere;
`;

export const DialogButtons = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 15px;
`;

export const DialogButton = styled.button<{ $tone?: 'primary' | 'danger' }>`
  min-width: 110px;
  padding: 8px 20px;
  border-radius: 20px;
  border: 1px solid ${(p) => (p.$tone === 'primary' ? 'var(--button-outline-color)' : p.$tone === 'danger' ? 'var(--danger-color)' : 'var(--borders-color)')};
  background: transparent;
  color: ${(p) => (p.$tone === 'primary' ? 'var(--button-outline-color)' : p.$tone === 'danger' ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  cursor: pointer;
  &:hover:not(:disabled) {
    background: ${(p) => (p.$tone === 'primary' ? 'var(--primary-color)' : p.$tone === 'danger' ? 'var(--danger-color)' : 'var(--chat-buttons-background-hover-color)')};
    color: ${(p) => (p.$tone ? 'var(--text-on-accent-color)' : 'var(--text-primary-color)')};
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

const spin = keyframes`
  to { transform: rotate(360deg); }
`;

export const Spinner = styled.span`
  display: inline-block;
  width: 28px;
  height: 28px;
  border-radius: 50%;
  border: 3px solid var(--borders-color);
  border-top-color: var(--primary-color);
  animation: ${spin} 0.9s linear infinite;
`;

export const Centered = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 15px;
  margin: 10px 0;
`;

export const ErrorLine = styled.p`
  margin: 0 0 15px;
  color: var(--danger-text-color);
  font-size: 14px;
  text-align: center;
  overflow-wrap: anywhere;
`;

export const DialogForm = styled.form`
  display: flex;
  flex-direction: column;
  gap: 12px;
`;

const NameInput = styled.input<{ $spaced?: boolean }>`
  width: 100%;
  ${(p) => (p.$spaced ? 'margin: 0 0 8px;' : '')}
  padding: 10px 12px;
  border-radius: 8px;
  ${inputSurface}
`;

/** A text input labelled by its placeholder, with `error` (when set) shown under it, announced and linked
 * to the input. Callers name the error line's id and the test ids their tests look for. */
export function DialogNameField({
  value,
  onChange,
  placeholder,
  error,
  errorId,
  testId,
  errorTestId,
  autoFocus,
  spaced,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  error: ReactNode;
  errorId: string;
  testId: string;
  errorTestId: string;
  autoFocus?: boolean;
  spaced?: boolean;
}) {
  const invalid = Boolean(error);
  return (
    <div>
      <NameInput
        autoFocus={autoFocus}
        $spaced={spaced}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-label={placeholder}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? errorId : undefined}
        data-testid={testId}
      />
      {invalid ? (
        <FieldError id={errorId} role="alert" data-testid={errorTestId}>
          {error}
        </FieldError>
      ) : null}
    </div>
  );
}
