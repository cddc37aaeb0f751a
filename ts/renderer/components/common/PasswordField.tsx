// A masked password input labelled by its placeholder, with a show/hide eye toggle (the lock screen, the
// password pages, the recovery password's check). Never autocompleted or spell-checked.
import { Eye, EyeOff } from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';
import { IconButton } from './IconButton';

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
    height: 42px;
    border: none;
    outline: none;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 15px;
  }
  &:focus-within {
    border-color: var(--primary-color);
  }
`;

export function PasswordField({
  value,
  onChange,
  placeholder,
  testId,
  autoFocus,
  invalid,
  describedBy,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testId: string;
  autoFocus?: boolean;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <Field>
      <input
        autoFocus={autoFocus}
        type={visible ? 'text' : 'password'}
        value={value}
        placeholder={placeholder}
        aria-label={placeholder}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        maxLength={1024}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      <IconButton label={visible ? t('passwordHide') : t('passwordShow')} aria-pressed={visible} onClick={() => setVisible(!visible)} data-testid={`${testId}-toggle`}>
        {visible ? <EyeOff size={18} aria-hidden /> : <Eye size={18} aria-hidden />}
      </IconButton>
    </Field>
  );
}
