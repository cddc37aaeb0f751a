// Attachment details in Message Info (spec/ui.md §4.5): File ID, File Type, File Size, Resolution and
// Duration ("N/A" when unknown), with a carousel (previous/next) when the message has several.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import styled from 'styled-components';
import type { AttachmentView } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { IconButton } from '../../common/IconButton';
import { formatDuration, formatFileSize } from './mediaRules';

const Box = styled.section`
  margin-bottom: 16px;
  .ad-nav {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    margin-bottom: 8px;
    font-size: 13px;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 12px;
    margin: 0;
    font-size: 14px;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
`;

export interface AttachmentDetailsProps {
  attachments: AttachmentView[];
  /** The shown attachment changed (the Save button saves that one). */
  onShow?: (index: number) => void;
}

export function AttachmentDetails({ attachments, onShow }: AttachmentDetailsProps) {
  const [at, setAt] = useState(0);
  const a = attachments[Math.min(at, attachments.length - 1)];
  if (!a) return null;
  const na = t('mediaNotAvailable');
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(attachments.length - 1, at + delta));
    setAt(next);
    onShow?.(attachments[next]!.index);
  };
  return (
    <Box
      data-testid="attachment-details"
      aria-label={t('mediaInfoAttachment', { index: at + 1, count: attachments.length })}
    >
      {attachments.length > 1 ? (
        <div className="ad-nav">
          <IconButton
            label={t('mediaPreviousAttachment')}
            size={28}
            disabled={at === 0}
            onClick={() => move(-1)}
            data-testid="attachment-details-previous"
          >
            <ChevronLeft size={18} aria-hidden className="rtl-flip" />
          </IconButton>
          <span data-testid="attachment-details-position">
            {t('mediaInfoAttachment', { index: at + 1, count: attachments.length })}
          </span>
          <IconButton
            label={t('mediaNextAttachment')}
            size={28}
            disabled={at === attachments.length - 1}
            onClick={() => move(1)}
            data-testid="attachment-details-next"
          >
            <ChevronRight size={18} aria-hidden className="rtl-flip" />
          </IconButton>
        </div>
      ) : null}
      <dl>
        <dt>{t('mediaInfoFileId')}</dt>
        <dd data-testid="attachment-file-id">{a.fileId || na}</dd>
        <dt>{t('mediaInfoFileType')}</dt>
        <dd data-testid="attachment-file-type">{a.contentType || na}</dd>
        <dt>{t('mediaInfoFileSize')}</dt>
        <dd data-testid="attachment-file-size-info">{a.size > 0 ? formatFileSize(a.size) : na}</dd>
        <dt>{t('mediaInfoResolution')}</dt>
        <dd data-testid="attachment-resolution">
          {a.width && a.height ? t('mediaResolution', { width: a.width, height: a.height }) : na}
        </dd>
        <dt>{t('mediaInfoDuration')}</dt>
        <dd data-testid="attachment-duration">{a.durationMs ? formatDuration(a.durationMs) : na}</dd>
      </dl>
    </Box>
  );
}
