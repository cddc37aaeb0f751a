// The standard confirmation of spec/ui.md §8.10: title, text with the conversation's name in bold,
// a red action button and "Cancel". The action runs on confirm only; the dialog stays (buttons
// disabled) until it settles, so a double click cannot run it twice.
import { Fragment, useState } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';
import { Modal } from '../common/Modal';

const Text = styled.p`
  margin: 0 0 25px;
  font-size: 15px;
  line-height: 1.4;
  text-align: center;
  overflow-wrap: anywhere;
`;

const Buttons = styled.div`
  display: flex;
  justify-content: center;
  gap: 15px;
`;

const Button = styled.button<{ $danger?: boolean }>`
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
    color: ${(p) => (p.$danger ? 'var(--text-on-accent-color)' : 'var(--text-primary-color)')};
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

/** Renders a template with each `{name}` as bold text (React escapes the name). */
export function withBoldName(template: string, name: string) {
  const parts = template.split('{name}');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <strong>{name}</strong> : null}
    </Fragment>
  ));
}

export interface ConfirmDialogProps {
  title: string;
  text: string;
  /** Shown in bold wherever the text says {name}. */
  name?: string;
  confirmLabel: string;
  /** Runs the action; the dialog closes when it settles. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ title, text, name = '', confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = () => {
    setBusy(true);
    void onConfirm().finally(onClose);
  };
  return (
    <Modal title={title} onClose={busy ? () => {} : onClose} width="narrow" testId="conversation-confirm">
      <Text data-testid="conversation-confirm-text">{withBoldName(text, name)}</Text>
      <Buttons>
        <Button type="button" $danger disabled={busy} onClick={confirm} data-testid="conversation-confirm-ok">
          {confirmLabel}
        </Button>
        <Button type="button" disabled={busy} onClick={onClose} data-testid="conversation-confirm-cancel">
          {t('convCancel')}
        </Button>
      </Buttons>
    </Modal>
  );
}
