// A message's link preview (spec/ui.md §4.3): above the text inside the bubble, a 100 px square image (or a
// link icon while it is not here), the title (two lines at most) and the domain. A click opens the link
// through the "Open URL" confirmation, never directly (in Electron the main process confirms every window
// the page opens). Nothing is fetched from the link: the image is the message's own attachment.
import { Link2 } from 'lucide-react';
import type { MouseEvent } from 'react';
import styled from 'styled-components';
import type { MessageView } from '../../../../ipc/contract';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { useOpenExternalLink } from '../../../hooks/useOpenExternalLink';
import { t } from '../../../locales/i18n';
import { domainOf } from './domain';

const Card = styled.a`
  display: flex;
  align-items: center;
  gap: 10px;
  max-width: 100%;
  margin: 0 0 6px;
  padding: 0 10px 0 0;
  border-radius: 8px;
  overflow: hidden;
  background: rgba(0, 0, 0, 0.06);
  color: inherit;
  text-decoration: none;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 1px;
  }
`;

const Thumb = styled.div`
  flex: none;
  width: 100px;
  height: 100px;
  display: flex;
  align-items: center;
  justify-content: center;
  background: rgba(0, 0, 0, 0.06);
  img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`;

const Texts = styled.div`
  min-width: 0;
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding: 8px 0;
`;

const Title = styled.div`
  font-size: 16px;
  font-weight: 700;
  line-height: 1.25;
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  overflow: hidden;
  overflow-wrap: anywhere;
`;

const Domain = styled.div`
  font-size: 12px;
  opacity: 0.8;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`;

export function LinkPreviewCard({ m }: { m: MessageView }) {
  const openLink = useOpenExternalLink();
  const preview = m.preview;
  const image = preview?.image;
  const { url: imageUrl } = useAttachmentUrl(m.id, 0, 'preview', image?.state ?? 'not-downloaded');
  if (!preview) return null;
  const open = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    openLink(preview.url);
  };
  const domain = domainOf(preview.url);
  return (
    <Card
      href={preview.url}
      rel="noopener noreferrer"
      target="_blank"
      onClick={open}
      aria-label={t('lpOpen', { url: preview.url })}
      data-testid="message-link-preview"
    >
      <Thumb>
        {image && imageUrl !== undefined ? (
          <img src={imageUrl} alt={t('lpImageAlt')} data-testid="message-link-preview-image" />
        ) : (
          <Link2 size={32} aria-hidden />
        )}
      </Thumb>
      <Texts>
        {preview.title !== undefined ? (
          <Title dir="auto" data-testid="message-link-preview-title">
            {preview.title}
          </Title>
        ) : null}
        <Domain dir="ltr" data-testid="message-link-preview-domain">
          {domain}
        </Domain>
      </Texts>
    </Card>
  );
}
