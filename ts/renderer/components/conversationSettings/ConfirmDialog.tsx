// The standard confirmation of spec/ui.md §8.10: title, text with the conversation's name in bold,
// a red action button and "Cancel". The action runs on confirm only; the dialog stays (buttons
// disabled) until it settles, so a double click cannot run it twice.
import { Fragment, useState } from 'react';
import { t } from '../../locales/i18n';
import { Dialog } from '../conversation/Dialog';

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
  /** The confirming button is red (default: true). */
  danger?: boolean;
  /** Runs the action; the dialog closes when it settles. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ title, text, name = '', confirmLabel, danger = true, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = () => {
    setBusy(true);
    void onConfirm().finally(onClose);
  };
  return (
    <Dialog
      title={title}
      text={withBoldName(text, name)}
      textTestId="conversation-confirm-text"
      testId="conversation-confirm"
      confirm={{ label: confirmLabel, danger, disabled: busy, onClick: confirm, testId: 'conversation-confirm-ok' }}
      cancel={{ label: t('convCancel'), disabled: busy, onClick: onClose, testId: 'conversation-confirm-cancel' }}
      onClose={busy ? () => {} : onClose}
    />
  );
}
