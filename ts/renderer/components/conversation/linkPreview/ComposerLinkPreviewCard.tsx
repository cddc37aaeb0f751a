// The link preview above the composer (spec/ui.md §4.7): a spinner while the backend fetches it, then the
// image (or a link icon), the title and the domain, and ✕ to remove it.
import { Link2, X } from 'lucide-react';
import styled, { keyframes } from 'styled-components';
import { t } from '../../../locales/i18n';
import { IconButton } from '../../common/IconButton';
import type { ComposerPreview } from './useComposerLinkPreview';
import { domainOf } from './domain';

const spin = keyframes`to { transform: rotate(360deg); }`;

const Card = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
  margin: 10px 16px 0;
  padding: 8px;
  border-radius: 8px;
  background: rgba(0, 0, 0, 0.06);
  min-height: 56px;
`;

const Thumb = styled.div`
  flex: none;
  width: 56px;
  height: 56px;
  border-radius: 6px;
  overflow: hidden;
  display: flex;
  align-items: center;
  justify-content: center;
  background: var(--background-secondary-color, rgba(0, 0, 0, 0.1));
  img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`;

const Spinner = styled.div`
  width: 22px;
  height: 22px;
  margin: 0 auto;
  border: 3px solid var(--borders-color);
  border-top-color: var(--primary-color);
  border-radius: 50%;
  animation: ${spin} 0.8s linear infinite;
`;

const Texts = styled.div`
  flex: 1;
  min-width: 0;
  display: flex;
  flex-direction: column;
  gap: 2px;
`;

const Title = styled.div`
  font-size: 15px;
  font-weight: 700;
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  overflow: hidden;
  overflow-wrap: anywhere;
`;

const Domain = styled.div`
  font-size: 12px;
  color: var(--text-secondary-color);
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`;

export function ComposerLinkPreviewCard({
  preview,
  onRemove,
}: {
  preview: ComposerPreview;
  onRemove: () => void;
}) {
  return (
    <Card
      data-testid="composer-link-preview"
      data-status={preview.status}
      aria-busy={preview.status === 'loading'}
    >
      {preview.status === 'loading' ? (
        <Texts>
          <Spinner
            role="progressbar"
            aria-label={t('lpLoading')}
            data-testid="composer-link-preview-loading"
          />
        </Texts>
      ) : (
        <>
          <Thumb>
            {preview.imageUrl !== undefined ? (
              <img src={preview.imageUrl} alt={t('lpImageAlt')} data-testid="composer-link-preview-image" />
            ) : (
              <Link2 size={24} aria-hidden />
            )}
          </Thumb>
          <Texts>
            {preview.draft.title !== undefined ? (
              <Title dir="auto" data-testid="composer-link-preview-title">
                {preview.draft.title}
              </Title>
            ) : null}
            <Domain dir="ltr" data-testid="composer-link-preview-domain">
              {domainOf(preview.draft.url)}
            </Domain>
          </Texts>
        </>
      )}
      <IconButton
        label={t('lpRemove')}
        size={30}
        onClick={onRemove}
        data-testid="composer-link-preview-remove"
      >
        <X size={18} aria-hidden />
      </IconButton>
    </Card>
  );
}
