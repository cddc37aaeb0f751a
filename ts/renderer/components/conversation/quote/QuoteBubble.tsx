// The quote at the top of a reply's bubble (spec/ui.md §4.3). A click shows the original (loading its
// page if needed, see useMessageJump); a quote whose original we do not have says so, and a click on
// it gives the official toast.
import { useContext } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../../ipc/contract';
import { useAppDispatch } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { showToast } from '../../../state/ui';
import { usePersonName } from '../reactions/useReactions';
import { MessageJumpContext } from './useMessageJump';
import { QuoteContent } from './QuoteContent';

const Button = styled.button`
  display: block;
  align-self: stretch;
  min-width: 160px;
  max-width: 100%;
  margin: 2px 0 6px;
  padding: 6px 8px;
  border: none;
  border-radius: 8px;
  background: rgba(0, 0, 0, 0.12);
  color: inherit;
  font: inherit;
  cursor: pointer;
  &:hover {
    background: rgba(0, 0, 0, 0.2);
  }
  &:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 1px;
  }
  /* In multi-select a click selects the message. */
  [data-selecting] & {
    pointer-events: none;
  }
`;

export function QuoteBubble({ m }: { m: MessageView }) {
  const quote = m.quote;
  const jumpTo = useContext(MessageJumpContext);
  const dispatch = useAppDispatch();
  const { nameOf } = usePersonName();
  if (!quote) return null;
  const found = quote.messageId !== undefined;
  return (
    <Button
      type="button"
      // The visible author and text are its name; the title says what a click does.
      title={found ? t('replyJumpTo', { name: nameOf(quote.author) }) : t('replyOriginalNotFound')}
      onClick={(e) => {
        e.stopPropagation();
        if (quote.messageId) jumpTo(quote.messageId);
        else dispatch(showToast({ kind: 'info', message: t('replyOriginalNotFound') }));
      }}
      data-testid="message-quote"
      data-found={found}
    >
      <QuoteContent quote={quote} />
    </Button>
  );
}
