// Timeline rows that are not bubbles: control messages (spec/ui.md §4.9: centred secondary text with
// an icon — disappearing-timer changes and media saved) and the placeholder of a message its author
// deleted for everyone (§4.3: trash icon + "This message was deleted"). Group updates (users icon) are
// worded in group/groupControl.ts.
import { Download, Timer, Trash2, UsersRound } from 'lucide-react';
import styled from 'styled-components';
import type { ControlView, MessageView } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import { formatTimer } from './expiration';
import { plainText, richText } from './richText';
// --- groups ---
import { groupControlSentence, isGroupControl } from './group/groupControl';

const Centred = styled.div`
  display: flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  max-width: 520px;
  margin: 0 auto;
  padding: 4px 12px;
  font-size: 13px;
  line-height: 1.4;
  text-align: center;
  color: var(--text-secondary-color);
  overflow-wrap: anywhere;
  svg {
    flex: none;
  }
`;

const DeletedBubble = styled.div`
  display: flex;
  align-items: center;
  gap: 6px;
  font-size: 14px;
  font-style: italic;
  opacity: 0.85;
`;

/** The text of a control message: who did what ("You" for our own; `ownId` finds us among a group update's members). */
export function controlText(control: ControlView, outgoing: boolean, senderName: string, ownId?: string) {
  // --- groups ---
  if (isGroupControl(control)) {
    const s = groupControlSentence(control, { outgoing, senderName, ownId });
    return richText(s.key, s.vars);
  }
  if (control.type === 'media-saved') return richText('cfMediaSaved', { name: outgoing ? t('cfYou') : senderName });
  if (control.mode === 'off' || control.seconds <= 0) {
    return outgoing ? richText('cfTimerOffYou') : richText('cfTimerOff', { name: senderName });
  }
  const vars = { time: formatTimer(control.seconds), type: control.mode === 'after-read' ? t('cfTypeRead') : t('cfTypeSent') };
  return outgoing ? richText('cfTimerSetYou', vars) : richText('cfTimerSet', { ...vars, name: senderName });
}

/** The same text without markup (the row's accessible name). */
export function controlPlainText(control: ControlView, outgoing: boolean, senderName: string, ownId?: string): string {
  // --- groups ---
  if (isGroupControl(control)) {
    const s = groupControlSentence(control, { outgoing, senderName, ownId });
    return plainText(s.key, s.vars);
  }
  if (control.type === 'media-saved') return plainText('cfMediaSaved', { name: outgoing ? t('cfYou') : senderName });
  if (control.mode === 'off' || control.seconds <= 0) {
    return outgoing ? plainText('cfTimerOffYou') : plainText('cfTimerOff', { name: senderName });
  }
  const vars = { time: formatTimer(control.seconds), type: control.mode === 'after-read' ? t('cfTypeRead') : t('cfTypeSent') };
  return outgoing ? plainText('cfTimerSetYou', vars) : plainText('cfTimerSet', { ...vars, name: senderName });
}

export function ControlMessage({ m, control, senderName, ownId }: { m: MessageView; control: ControlView; senderName: string; ownId?: string }) {
  const Icon = control.type === 'media-saved' ? Download : control.type === 'expiration-timer' || control.type === 'expiration-changed' ? Timer : UsersRound;
  return (
    <Centred data-testid="control-message" data-control-type={control.type}>
      <Icon size={14} aria-hidden />
      <span data-testid="control-message-text">{controlText(control, m.direction === 'outgoing', senderName, ownId)}</span>
    </Centred>
  );
}

/** The bubble of a message deleted for everyone. */
export function DeletedMessage() {
  return (
    <div className="tl-bubble" data-testid="message-bubble">
      <DeletedBubble data-testid="message-deleted">
        <Trash2 size={14} aria-hidden />
        {t('cfMessageDeleted')}
      </DeletedBubble>
    </div>
  );
}
