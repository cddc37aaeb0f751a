// The delete dialog of spec/ui.md §4.6: "Delete Message(s)", the question, and the choice between
// "Delete on this device only" and "Delete for everyone" ("Delete on all my devices" in Note to Self).
// The second option is offered only when every chosen message is one of ours that was sent (not a
// control message, not already deleted), and is then the default; otherwise it is disabled with the
// reason. Deleting here is messages.deleteForMe; for everyone it is messages.unsend.
import { useId, useMemo, useState } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { deleteMessagesForMe, PENDING_PREFIX, selectMessagesOf } from '../../state/messages';
import { showToast } from '../../state/ui';
import { unsendMessages } from '../../state/unsend';
import { Dialog } from './Dialog';
import { visuallyHiddenCss } from '../common/VisuallyHidden';

const Options = styled.fieldset`
  display: flex;
  flex-direction: column;
  gap: 10px;
  margin: 0 auto;
  padding: 0;
  border: none;
  width: fit-content;
  legend {
    ${visuallyHiddenCss}
  }
  label {
    display: flex;
    align-items: center;
    gap: 10px;
    font-size: 14px;
    cursor: pointer;
  }
  label[data-disabled] {
    cursor: default;
    opacity: 0.5;
  }
  input {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--primary-color);
  }
  input:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const Warning = styled.p`
  margin: 12px 0 0;
  text-align: center;
  font-size: 13px;
  color: var(--danger-text-color);
`;

/**
 * Whether a message can be deleted for everyone: ours, on the network, and a real message. Community
 * moderators may delete anyone's (spec/ui.md §4.6).
 */
export function canDeleteForEveryone(m: MessageView, moderator = false): boolean {
  if (m.id.startsWith(PENDING_PREFIX) || m.deleted || m.control) return false;
  if (m.direction === 'incoming') return moderator;
  return m.status !== 'sending' && m.status !== 'failed';
}

export interface DeleteMessagesDialogProps {
  conversationId: string;
  ids: string[];
  noteToSelf: boolean;
  // --- communities: a room moderator may delete anyone's messages for everyone ---
  moderator?: boolean;
  onClose: () => void;
  /** After a successful delete (leave multi-select, move focus). */
  onDeleted: () => void;
}

type Scope = 'me' | 'everyone';

export function DeleteMessagesDialog({ conversationId, ids, noteToSelf, moderator = false, onClose, onDeleted }: DeleteMessagesDialogProps) {
  const dispatch = useAppDispatch();
  const loaded = useAppSelector(selectMessagesOf(conversationId));
  const chosen = useMemo(() => {
    const wanted = new Set(ids);
    return loaded.filter((m) => wanted.has(m.id));
  }, [loaded, ids]);
  // Every chosen message must allow it (a selection the window no longer holds does not).
  const everyoneAllowed = chosen.length === ids.length && chosen.every((m) => canDeleteForEveryone(m, moderator));
  const [scope, setScope] = useState<Scope>(everyoneAllowed ? 'everyone' : 'me');
  const [busy, setBusy] = useState(false);
  const name = useId();
  const count = ids.length;
  const effective: Scope = everyoneAllowed ? scope : 'me';

  const confirm = async () => {
    setBusy(true);
    const r =
      effective === 'everyone'
        ? await dispatch(unsendMessages({ conversationId, ids }))
        : await dispatch(deleteMessagesForMe({ conversationId, ids }));
    setBusy(false);
    onClose();
    if (r.meta.requestStatus === 'fulfilled') {
      onDeleted();
      dispatch(showToast({ kind: 'success', message: count === 1 ? t('tlMessageDeleted') : t('tlMessagesDeleted') }));
    } else {
      dispatch(showToast({ kind: 'error', message: t('tlDeleteFailed') }));
    }
  };

  const everyoneLabel = noteToSelf ? t('cfDeleteOnAllMyDevices') : t('cfDeleteForEveryone');
  return (
    <Dialog
      title={count === 1 ? t('tlDeleteMessageTitle') : t('tlDeleteMessagesTitle')}
      text={count === 1 ? t('tlDeleteMessageText') : t('tlDeleteMessagesText')}
      testId="delete-messages-dialog"
      confirm={{ label: t('tlDelete'), danger: true, disabled: busy, onClick: () => void confirm() }}
      cancel={{ disabled: busy }}
      onClose={busy ? () => {} : onClose}
    >
      <Options>
        <legend>{t('cfDeleteScope')}</legend>
        <label>
          <input type="radio" name={name} checked={effective === 'me'} onChange={() => setScope('me')} data-testid="delete-scope-me" />
          {t('tlDeleteOnThisDevice')}
        </label>
        <label data-disabled={everyoneAllowed ? undefined : ''}>
          <input
            type="radio"
            name={name}
            checked={effective === 'everyone'}
            disabled={!everyoneAllowed}
            onChange={() => setScope('everyone')}
            data-testid="delete-scope-everyone"
          />
          {everyoneLabel}
        </label>
      </Options>
      {everyoneAllowed ? null : (
        <Warning data-testid="delete-everyone-unavailable">
          {noteToSelf ? t('cfCannotDeleteFromAllDevices', { count }) : t('cfCannotDeleteForEveryone', { count })}
        </Warning>
      )}
    </Dialog>
  );
}
