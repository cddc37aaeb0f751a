// What a quote shows, in the bubble and in the composer's reply preview (spec/ui.md §4.3, §4.7): the
// quoted attachment's thumbnail (or an icon for sound and files), the author's name in bold, and one
// line of the quoted text or the attachment's type ("Image", "Voice Message", the shortened file name…);
// "Original message not found" when we do not have the original.
import { FileText, Mic, Music } from 'lucide-react';
import styled from 'styled-components';
import type { QuoteView } from '../../../../ipc/contract';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { t } from '../../../locales/i18n';
import { shortenFileName } from '../media/mediaRules';
import { usePersonName } from '../reactions/useReactions';

export const THUMBNAIL_SIZE = 54;

const Box = styled.span`
  display: flex;
  align-items: stretch;
  gap: 8px;
  min-width: 0;
  max-width: 100%;
  .q-bar {
    flex: none;
    width: 4px;
    border-radius: 2px;
    background: currentColor;
    opacity: 0.7;
  }
  .q-thumb {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: ${THUMBNAIL_SIZE}px;
    height: ${THUMBNAIL_SIZE}px;
    border-radius: 6px;
    overflow: hidden;
    background: rgba(127, 127, 127, 0.25);
  }
  .q-thumb img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .q-lines {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 2px;
    min-width: 0;
    text-align: start;
  }
  .q-author {
    font-weight: 700;
    font-size: 13px;
  }
  .q-text {
    overflow: hidden;
    font-size: 13px;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .q-text[data-missing] {
    font-style: italic;
  }
`;

type QuotedAttachment = NonNullable<QuoteView['attachment']>;

/** The label of a quoted attachment without text (the official type names). */
export function attachmentLabel(a: QuotedAttachment): string {
  if (a.voice) return t('replyTypeVoice');
  if (/^image\//i.test(a.contentType)) return t('replyTypeImage');
  if (/^video\//i.test(a.contentType)) return t('replyTypeVideo');
  if (/^audio\//i.test(a.contentType)) return t('replyTypeAudio');
  return a.fileName ? shortenFileName(a.fileName) : t('replyTypeDocument');
}

/** The first line of the quoted text (the rest is cut, as in the official bubble). */
export function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function Thumbnail({ messageId, attachment }: { messageId: string; attachment: QuotedAttachment }) {
  // A thumbnail exists only for pictures and videos that are here; the others get an icon.
  const { url } = useAttachmentUrl(messageId, 0, 'thumbnail', attachment.hasThumbnail ? 'downloaded' : 'not-downloaded');
  if (attachment.hasThumbnail) {
    return (
      <span className="q-thumb" data-testid="quote-thumbnail">
        {url ? <img src={url} alt={t('replyThumbnailOf', { type: attachmentLabel(attachment) })} /> : null}
      </span>
    );
  }
  const Icon = attachment.voice ? Mic : /^audio\//i.test(attachment.contentType) ? Music : /^(image|video)\//i.test(attachment.contentType) ? null : FileText;
  return Icon ? (
    <span className="q-thumb" data-testid="quote-icon">
      <Icon size={22} aria-hidden />
    </span>
  ) : (
    <span className="q-bar" aria-hidden />
  );
}

export function QuoteContent({ quote }: { quote: QuoteView }) {
  const { nameOf } = usePersonName();
  const found = quote.messageId !== undefined;
  const attachment = found ? quote.attachment : undefined;
  const line = !found ? t('replyOriginalNotFound') : quote.text ? firstLine(quote.text) : attachment ? attachmentLabel(attachment) : '';
  return (
    <Box>
      {attachment && quote.messageId ? <Thumbnail messageId={quote.messageId} attachment={attachment} /> : <span className="q-bar" aria-hidden />}
      <span className="q-lines">
        <span className="q-author" dir="auto" data-testid="quote-author">
          {nameOf(quote.author)}
        </span>
        <span className="q-text" dir="auto" data-missing={!found || undefined} data-testid="quote-text">
          {line}
        </span>
      </span>
    </Box>
  );
}
