// The lightbox (spec/ui.md §4.10): a full-window dark overlay with one picture or video at a time.
// Pictures zoom (click toggles, +/−/0 keys, the wheel, the buttons) and pan when zoomed (drag, or
// Shift+arrows); videos play with their controls. ‹ › and ←/→ page through the conversation's media;
// Save saves; ✕ or Esc closes. Focus stays inside while it is open. A format the page cannot draw
// shows an icon and the Save button.
import { ChevronLeft, ChevronRight, Download, File as FileIcon, X, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { useFocusTrap } from '../../../hooks/useFocusTrap';
import { t } from '../../../locales/i18n';
import { selectConversation } from '../../../state/conversations';
import { selectMessageById } from '../../../state/messages';
import { closeTopModal, type LightboxItem } from '../../../state/ui';
import { shortenId } from '../../../theme/format';
import { IconButton } from '../../common/IconButton';
import { clickToDownload, isUntrusted, saveAttachment } from './mediaActions';
import { attachmentKind, canShowInline, fileTypeLabel } from './mediaRules';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;
const ZOOM_STEP = 1.25;

const Overlay = styled.div`
  position: fixed;
  inset: 0;
  z-index: 300;
  display: flex;
  flex-direction: column;
  background: rgba(0, 0, 0, 0.8);
  color: #fff;
  outline: none;
  .lb-bar {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
    padding: 10px 16px;
  }
  .lb-bar button {
    color: #fff;
  }
  .lb-count {
    margin-inline-end: auto;
    font-size: 14px;
  }
  .lb-stage {
    position: relative;
    display: flex;
    flex: 1;
    min-height: 0;
    align-items: center;
    justify-content: center;
    overflow: hidden;
  }
  .lb-stage img,
  .lb-stage video {
    max-width: calc(100vw - 140px);
    max-height: calc(100% - 20px);
    object-fit: contain;
    user-select: none;
  }
  .lb-stage img {
    transition: transform 0.1s ease-out;
    cursor: zoom-in;
  }
  .lb-stage img[data-zoomed] {
    cursor: grab;
  }
  .lb-nav {
    position: absolute;
    top: 50%;
    margin-top: -24px;
    color: #fff;
    background: rgba(0, 0, 0, 0.4);
  }
  .lb-prev {
    inset-inline-start: 16px;
  }
  .lb-next {
    inset-inline-end: 16px;
  }
  .lb-message {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
    max-width: 360px;
    text-align: center;
  }
  .lb-message button.lb-pill {
    padding: 6px 14px;
    border: 1px solid #fff;
    border-radius: 16px;
    background: transparent;
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

export interface LightboxProps {
  conversationId: string;
  items: LightboxItem[];
  start: number;
}

export function Lightbox({ conversationId, items, start }: LightboxProps) {
  const dispatch = useAppDispatch();
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(() => Math.max(0, Math.min(start, items.length - 1)));
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; panX: number; panY: number; moved: boolean } | null>(null);
  const close = () => dispatch(closeTopModal());
  useFocusTrap(ref, close);
  const item = items[at];
  const live = useAppSelector(selectMessageById(item?.messageId ?? ''));
  const conversation = useAppSelector(selectConversation(conversationId));
  // The loaded message is fresher than the copy taken when the lightbox opened (a download may have finished).
  const a = live?.attachments?.find((x) => x.index === item?.attachment.index) ?? item?.attachment;
  const { url, error } = useAttachmentUrl(
    item?.messageId ?? '',
    a?.index ?? 0,
    'full',
    a?.state ?? 'not-downloaded',
  );
  useEffect(() => {
    setZoom(1);
    setPan({ x: 0, y: 0 });
  }, [at]);
  if (!item || !a) return null;
  const kind = attachmentKind(a);
  const here = a.state === 'downloaded' || a.state === 'uploading';
  const setZoomTo = (z: number) => {
    const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    setZoom(next);
    if (next === MIN_ZOOM) setPan({ x: 0, y: 0 });
  };
  const go = (delta: number) => setAt((i) => Math.max(0, Math.min(items.length - 1, i + delta)));
  const isImage = kind === 'image' && here && canShowInline(a) && !!url;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (
      e.target instanceof HTMLVideoElement &&
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
      !e.shiftKey
    )
      return;
    if (e.shiftKey && zoom > 1 && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const step = 40;
      const dx = e.key === 'ArrowLeft' ? step : e.key === 'ArrowRight' ? -step : 0;
      const dy = e.key === 'ArrowUp' ? step : e.key === 'ArrowDown' ? -step : 0;
      setPan((p) => ({ x: p.x + dx, y: p.y + dy }));
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      go(-1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      go(1);
    } else if (isImage && (e.key === '+' || e.key === '=')) {
      e.preventDefault();
      setZoomTo(zoom * ZOOM_STEP);
    } else if (isImage && e.key === '-') {
      e.preventDefault();
      setZoomTo(zoom / ZOOM_STEP);
    } else if (isImage && e.key === '0') {
      e.preventDefault();
      setZoomTo(1);
    }
  };
  const onWheel = (e: WheelEvent) => {
    if (!isImage || e.deltaY === 0) return;
    setZoomTo(e.deltaY < 0 ? zoom * ZOOM_STEP : zoom / ZOOM_STEP);
  };
  const onPointerDown = (e: PointerEvent<HTMLImageElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, panX: pan.x, panY: pan.y, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLImageElement>) => {
    const d = drag.current;
    if (!d || zoom <= 1) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
    setPan({ x: d.panX + dx / zoom, y: d.panY + dy / zoom });
  };
  const onImageClick = () => {
    // A drag to pan ends in a click: it does not toggle the zoom.
    const moved = drag.current?.moved ?? false;
    drag.current = null;
    if (!moved) setZoomTo(zoom > 1 ? 1 : 2);
  };
  const senderName = conversation?.name?.trim() || shortenId(live?.sender ?? conversationId);
  let content;
  if (!here) {
    content = (
      <div className="lb-message" data-testid="lightbox-state">
        {a.state === 'not-downloaded' ? (
          <button
            type="button"
            className="lb-pill"
            onClick={() =>
              clickToDownload(dispatch, {
                messageId: item.messageId,
                index: a.index,
                untrusted: live?.direction !== 'outgoing' && isUntrusted(conversation),
                senderName,
              })
            }
            data-testid="lightbox-download"
          >
            {t('mediaClickToDownload', { file_type: t(fileTypeLabel(a)) })}
          </button>
        ) : a.state === 'expired' ? (
          t('mediaExpired')
        ) : a.state === 'failed' ? (
          a.error ? (
            t('mediaFailed', { error: a.error })
          ) : (
            t('mediaFailedUnknown')
          )
        ) : a.state === 'queued' ? (
          t('mediaQueued')
        ) : (
          t('mediaDownloading', { percent: Math.round((a.progress ?? 0) * 100) })
        )}
      </div>
    );
  } else if ((error && a.state === 'downloaded') || !canShowInline(a)) {
    content = (
      <div className="lb-message" data-testid="lightbox-unsupported">
        <FileIcon size={64} aria-hidden />
        <span>{error && a.state === 'downloaded' ? t('mediaReadFailed', { message: error }) : t('mediaCannotShow')}</span>
      </div>
    );
  } else if (!url) {
    content = null;
  } else if (kind === 'video') {
    content = <video key={url} src={url} controls autoPlay data-testid="lightbox-video" />;
  } else {
    content = (
      <img
        src={url}
        alt={a.fileName || t('mediaImage')}
        draggable={false}
        style={{ transform: `scale(${zoom}) translate(${pan.x}px, ${pan.y}px)` }}
        data-zoomed={zoom > 1 || undefined}
        data-zoom={zoom}
        onClick={onImageClick}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        data-testid="lightbox-image"
      />
    );
  }
  return (
    <Overlay
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-label={t('mediaViewer')}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="lightbox"
    >
      <div className="lb-bar">
        <span className="lb-count" aria-live="polite" data-testid="lightbox-position">
          {t('mediaPositionOf', { index: at + 1, count: items.length })}
        </span>
        {isImage ? (
          <>
            <IconButton
              label={t('mediaZoomOut')}
              disabled={zoom <= MIN_ZOOM}
              onClick={() => setZoomTo(zoom / ZOOM_STEP)}
              data-testid="lightbox-zoom-out"
            >
              <ZoomOut size={20} aria-hidden />
            </IconButton>
            <IconButton
              label={t('mediaZoomIn')}
              disabled={zoom >= MAX_ZOOM}
              onClick={() => setZoomTo(zoom * ZOOM_STEP)}
              data-testid="lightbox-zoom-in"
            >
              <ZoomIn size={20} aria-hidden />
            </IconButton>
          </>
        ) : null}
        {a.state === 'downloaded' ? (
          <IconButton
            label={t('mediaSave')}
            onClick={() => void saveAttachment(dispatch, item.messageId, a.index)}
            data-testid="lightbox-save"
          >
            <Download size={20} aria-hidden />
          </IconButton>
        ) : null}
        <IconButton label={t('mediaCloseViewer')} onClick={close} data-testid="lightbox-close">
          <X size={22} aria-hidden />
        </IconButton>
      </div>
      <div className="lb-stage" onWheel={onWheel} data-testid="lightbox-stage">
        {content}
        {at > 0 ? (
          <IconButton
            label={t('mediaPrevious')}
            size={48}
            className="lb-nav lb-prev"
            onClick={() => go(-1)}
            data-testid="lightbox-previous"
          >
            <ChevronLeft size={28} aria-hidden />
          </IconButton>
        ) : null}
        {at < items.length - 1 ? (
          <IconButton
            label={t('mediaNext')}
            size={48}
            className="lb-nav lb-next"
            onClick={() => go(1)}
            data-testid="lightbox-next"
          >
            <ChevronRight size={28} aria-hidden />
          </IconButton>
        ) : null}
      </div>
    </Overlay>
  );
}
