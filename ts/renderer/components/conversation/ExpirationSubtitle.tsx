// The conversation header's disappearing state (spec/ui.md §4.1): under the title, a timer icon and
// "Disappear After Send - 1d"; a click opens the Disappearing Messages page on its own. Shown while the
// setting is on, not for requests or blocked chats.
import { Timer } from 'lucide-react';
import styled from 'styled-components';
import type { ConversationSummary } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { openModal } from '../../state/ui';
import { expirationSummary } from './expiration';

/** The header's centre column: the title button, then this line. */
export const HeaderCenter = styled.div`
  display: flex;
  flex: 1;
  min-width: 0;
  flex-direction: column;
  align-items: stretch;
`;

const Line = styled.button`
  display: inline-flex;
  align-self: center;
  align-items: center;
  gap: 4px;
  max-width: 100%;
  padding: 0 6px;
  border: none;
  border-radius: 6px;
  background: transparent;
  color: var(--text-secondary-color);
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  &:hover {
    color: var(--text-primary-color);
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

export function ExpirationSubtitle({ c }: { c: ConversationSummary | undefined }) {
  const dispatch = useAppDispatch();
  if (!c?.expiration || c.isRequest || c.isBlocked) return null;
  const text = expirationSummary(c.expiration);
  return (
    <Line
      type="button"
      title={t('cfOpenDisappearing')}
      onClick={() => dispatch(openModal({ kind: 'conversation-settings', conversationId: c.id, page: 'disappearing' }))}
      data-testid="conversation-expiration"
    >
      <Timer size={13} aria-hidden />
      <span>{text}</span>
    </Line>
  );
}
