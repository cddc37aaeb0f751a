// On/off switch in the official style (pill with a sliding knob, accent when on).
import styled from 'styled-components';

const Track = styled.button<{ $on: boolean }>`
  position: relative;
  flex: none;
  width: 46px;
  height: 24px;
  padding: 0;
  border: 1px solid ${(p) => (p.$on ? 'var(--primary-color)' : 'var(--borders-color)')};
  border-radius: 12px;
  background: ${(p) => (p.$on ? 'var(--primary-color)' : 'var(--background-tertiary-color)')};
  cursor: pointer;
  transition: background-color 0.25s, border-color 0.25s;
  &::after {
    content: '';
    position: absolute;
    top: 2px;
    inset-inline-start: ${(p) => (p.$on ? '24px' : '2px')};
    width: 18px;
    height: 18px;
    border-radius: 50%;
    background: ${(p) => (p.$on ? 'var(--background-primary-color)' : 'var(--text-secondary-color)')};
    transition: inset-inline-start 0.25s;
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

export interface ToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** id of the element that names this switch (its row title). */
  labelledBy: string;
  describedBy?: string;
  disabled?: boolean;
  testId?: string;
}

export function Toggle({ checked, onChange, labelledBy, describedBy, disabled, testId }: ToggleProps) {
  return (
    <Track
      type="button"
      role="switch"
      aria-checked={checked}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      disabled={disabled}
      data-testid={testId}
      $on={checked}
      onClick={() => onChange(!checked)}
    />
  );
}
