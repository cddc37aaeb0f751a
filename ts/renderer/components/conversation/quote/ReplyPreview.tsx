// The reply preview above the composer (spec/ui.md §4.7): the quoted message (thumbnail or icon, author,
// first line or type) and ✕ to drop the reply; Esc in the composer drops it too.
import { X } from 'lucide-react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { replyCleared, selectReplyTo } from '../../../state/compose';
import { IconButton } from '../../common/IconButton';
import { usePersonName } from '../reactions/useReactions';
import { QuoteContent } from './QuoteContent';

const Bar = styled.div`
  display: flex;
  align-items: center;
  gap: 10px;
  margin: 8px 16px 0;
  padding: 8px 8px 8px 12px;
  border-radius: 10px;
  background: var(--search-bar-background-color);
  color: var(--text-primary-color);
  & > :first-child {
    flex: 1;
    min-width: 0;
  }
`;

export function ReplyPreview({ conversationId, onClosed }: { conversationId: string; onClosed: () => void }) {
  const dispatch = useAppDispatch();
  const quote = useAppSelector(selectReplyTo(conversationId));
  const { nameOf } = usePersonName();
  if (!quote) return null;
  return (
    <Bar role="group" aria-label={t('replyingTo', { name: nameOf(quote.author) })} data-testid="reply-preview">
      <div>
        <QuoteContent quote={quote} />
      </div>
      <IconButton
        label={t('replyCancel')}
        size={30}
        onClick={() => {
          dispatch(replyCleared(conversationId));
          onClosed();
        }}
        data-testid="reply-preview-close"
      >
        <X size={18} aria-hidden />
      </IconButton>
    </Bar>
  );
}
