// The name a conversation goes by in the list, menus and dialogs (spec/ui.md §3.5): "Note to Self" for
// ourselves, else the name the backend gives (our nickname for them, else their profile name), else the
// shortened Account ID.
import type { ConversationSummary } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import { shortenId } from '../../theme/format';

export function conversationName(c: Pick<ConversationSummary, 'id' | 'kind' | 'name'>): string {
  if (c.kind === 'note-to-self') return t('noteToSelf');
  return c.name?.trim() || shortenId(c.id);
}
