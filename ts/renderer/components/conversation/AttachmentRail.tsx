// The staged attachments above the composer (spec/ui.md §4.7): 120×120 thumbnails for images and
// videos (a play mark on videos), chips for other files, each with ✕ to remove it, a big ✕ to clear
// them all when there is more than one, progress while a file is being staged, and a full-size preview
// when a thumbnail is clicked.
import { File as FileIcon, Loader2, Play, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { intlLocale, t } from '../../locales/i18n';
import { clearStaged, kindOf, loadStagedPreview, removeStaged, selectStaged, type StagedItem } from '../../state/compose';
import { revokeObjectUrl } from '../../state/staging';
import { Modal } from '../common/Modal';

const Rail = styled.div`
  display: flex;
  flex: none;
  align-items: center;
  gap: 10px;
  padding: 10px 16px 0;
  overflow-x: auto;
`;

const Tile = styled.div`
  position: relative;
  flex: none;
  width: 120px;
  height: 120px;
  border-radius: 8px;
  overflow: hidden;
  background: var(--background-tertiary-color, var(--search-bar-background-color));
  button.preview {
    display: block;
    width: 100%;
    height: 100%;
    padding: 0;
    border: none;
    background: transparent;
    cursor: zoom-in;
  }
  img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
`;

const Chip = styled.div`
  position: relative;
  display: flex;
  flex: none;
  align-items: center;
  gap: 8px;
  max-width: 260px;
  height: 56px;
  padding: 0 36px 0 12px;
  border-radius: 8px;
  background: var(--search-bar-background-color);
  span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
  }
  small {
    color: var(--text-secondary-color);
    white-space: nowrap;
  }
`;

const Remove = styled.button`
  position: absolute;
  top: 4px;
  inset-inline-end: 4px;
  display: flex;
  align-items: center;
  justify-content: center;
  width: 24px;
  height: 24px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: rgba(0, 0, 0, 0.6);
  color: #fff;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

const ClearAll = styled.button`
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 40px;
  height: 40px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: var(--search-bar-background-color);
  color: var(--text-primary-color);
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

const Centered = styled.div`
  position: absolute;
  inset: 0;
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 4px;
  pointer-events: none;
  color: #fff;
  font-size: 12px;
  svg.spin {
    animation: rail-spin 1s linear infinite;
  }
  @keyframes rail-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

const Progress = styled.progress`
  width: 80%;
  height: 4px;
`;

const PreviewImage = styled.img`
  display: block;
  max-width: 100%;
  max-height: calc(var(--viewport-height, 100vh) - 160px);
  margin: 0 auto;
  object-fit: contain;
`;

/** A file size for people: "512 B", "1.5 kB", "9.8 MB" (decimal units, as the 10MB limit is). */
export function formatFileSize(bytes: number, locale: string = intlLocale()): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

function nameOf(item: StagedItem): string {
  return item.fileName || t('composeUntitledFile');
}

function StagingOverlay({ item }: { item: StagedItem }) {
  if (item.status !== 'staging') return null;
  const percent = Math.round(item.progress * 100);
  return (
    <Centered>
      <Loader2 className="spin" size={22} aria-hidden />
      <Progress max={100} value={percent} aria-label={t('composeStaging', { name: nameOf(item), percent })} data-testid="staged-progress" />
    </Centered>
  );
}

function StagedPreview({ item, onClose }: { item: StagedItem; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    let made: string | undefined;
    if (item.stageId && kindOf(item.contentType) === 'media' && /^image\//i.test(item.contentType)) {
      void dispatch(loadStagedPreview(item.stageId)).then((r) => {
        if (!loadStagedPreview.fulfilled.match(r) || !r.payload) return;
        if (cancelled) revokeObjectUrl(r.payload);
        else {
          made = r.payload;
          setUrl(r.payload);
        }
      });
    }
    return () => {
      cancelled = true;
      revokeObjectUrl(made);
    };
  }, [dispatch, item.stageId, item.contentType]);
  const shown = url ?? item.previewUrl;
  return (
    <Modal title={t('composePreviewTitle')} onClose={onClose} width="wide" testId="staged-preview">
      {shown ? <PreviewImage src={shown} alt={nameOf(item)} data-testid="staged-preview-image" /> : <p>{nameOf(item)}</p>}
    </Modal>
  );
}

export function AttachmentRail({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const items = useAppSelector(selectStaged(conversationId));
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const previewItem = items.find((i) => i.key === previewKey);
  if (items.length === 0) return null;
  return (
    <Rail role="group" aria-label={t('composeAttachmentsLabel')} data-testid="staged-rail">
      {items.map((item) => {
        const name = nameOf(item);
        const remove = (
          <Remove type="button" aria-label={t('composeRemoveAttachment', { name })} title={t('composeRemoveAttachment', { name })} onClick={() => void dispatch(removeStaged(item.key))} data-testid="staged-remove">
            <X size={14} aria-hidden />
          </Remove>
        );
        if (kindOf(item.contentType) === 'media') {
          const video = /^video\//i.test(item.contentType);
          return (
            <Tile key={item.key} data-testid="staged-item" data-kind="media" data-status={item.status} data-name={name}>
              <button
                type="button"
                className="preview"
                aria-label={t('composePreviewAttachment', { name })}
                title={name}
                disabled={item.status !== 'ready'}
                onClick={() => setPreviewKey(item.key)}
                data-testid="staged-thumbnail"
              >
                {item.previewUrl ? <img src={item.previewUrl} alt="" draggable={false} /> : null}
              </button>
              {video && item.status === 'ready' ? (
                <Centered>
                  <Play size={32} aria-hidden fill="currentColor" />
                </Centered>
              ) : null}
              <StagingOverlay item={item} />
              {remove}
            </Tile>
          );
        }
        return (
          <Chip key={item.key} data-testid="staged-item" data-kind="file" data-status={item.status} data-name={name}>
            <FileIcon size={22} aria-hidden />
            <span dir="auto">{name}</span>
            <small>{item.status === 'ready' ? formatFileSize(item.size) : `${Math.round(item.progress * 100)}%`}</small>
            {remove}
          </Chip>
        );
      })}
      {items.length > 1 ? (
        <ClearAll type="button" aria-label={t('composeClearAttachments')} title={t('composeClearAttachments')} onClick={() => void dispatch(clearStaged(conversationId))} data-testid="staged-clear-all">
          <X size={22} aria-hidden />
        </ClearAll>
      ) : null}
      {previewItem ? <StagedPreview item={previewItem} onClose={() => setPreviewKey(null)} /> : null}
    </Rail>
  );
}
