// The small confirm / info dialog of spec/ui.md §8.10: title, text, optional body, then one or two
// buttons (the first can be red). Built on the common modal card (Esc, focus trap). Every confirmation
// in the app uses it, so they all look and behave alike.
import type { ReactNode } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';
import { Modal } from '../common/Modal';

const Text = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  text-align: center;
  overflow-wrap: anywhere;
`;

const Buttons = styled.div`
  display: flex;
  justify-content: center;
  gap: 15px;
  margin-top: 20px;
`;

export const DialogButton = styled.button<{ $danger?: boolean }>`
  min-width: 110px;
  padding: 8px 20px;
  border-radius: 20px;
  border: 1px solid ${(p) => (p.$danger ? 'var(--danger-color)' : 'var(--borders-color)')};
  background: transparent;
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  font-weight: 700;
  cursor: pointer;
  &:hover:not(:disabled) {
    background: ${(p) => (p.$danger ? 'var(--danger-color)' : 'var(--chat-buttons-background-hover-color)')};
    color: ${(p) => (p.$danger ? 'var(--text-on-accent-color, #fff)' : 'var(--text-primary-color)')};
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

interface DialogAction {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** Default "dialog-confirm" / "dialog-cancel". */
  testId?: string;
}

export interface DialogProps {
  title: string;
  /** Plain text or rich text (e.g. a name in bold). */
  text: ReactNode;
  textTestId?: string;
  testId: string;
  /** The confirming button; absent for an information dialog (only OK). */
  confirm?: DialogAction & { danger?: boolean };
  /** The second button; default "Cancel", which closes. */
  cancel?: Partial<DialogAction>;
  onClose: () => void;
  children?: ReactNode;
}

export function Dialog({ title, text, textTestId, testId, confirm, cancel, onClose, children }: DialogProps) {
  return (
    <Modal title={title} onClose={onClose} width="narrow" testId={testId}>
      <Text data-testid={textTestId}>{text}</Text>
      {children}
      <Buttons>
        {confirm ? (
          <>
            <DialogButton
              type="button"
              $danger={confirm.danger}
              disabled={confirm.disabled}
              onClick={confirm.onClick}
              data-testid={confirm.testId ?? 'dialog-confirm'}
            >
              {confirm.label}
            </DialogButton>
            <DialogButton
              type="button"
              disabled={cancel?.disabled}
              onClick={cancel?.onClick ?? onClose}
              data-testid={cancel?.testId ?? 'dialog-cancel'}
            >
              {cancel?.label ?? t('cancel')}
            </DialogButton>
          </>
        ) : (
          <DialogButton type="button" onClick={onClose} data-testid="dialog-ok">
            {t('tlOk')}
          </DialogButton>
        )}
      </Buttons>
    </Modal>
  );
}
