// A message's attachments in its bubble (spec/ui.md §4.3): pictures and videos in a grid (one: 200 px
// tall; two side by side; three or more: one big and two small, "+N" on the last), audio and voice
// messages in the inline player, other files as rows (icon, shortened name, size; a click saves). Each
// shows its transfer state: the "Click to download" pill, waiting, progress, the error with a retry,
// or "expired". Boxes take their size from the pointer's width/height before any byte is here, so the
// row's measured height does not change when the picture arrives.
import { AlertTriangle, File as FileIcon, FileX, Play, RotateCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import type { AttachmentView, MessageView } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { t } from '../../../locales/i18n';
import { selectConversation } from '../../../state/conversations';
import { captureVideoPoster } from '../../../state/media';
import { selectMessagesOf } from '../../../state/messages';
import { openModal } from '../../../state/ui';
import { useAppStore } from './appStore';
import { AudioPlayer } from './AudioPlayer';
import { clickToDownload, downloadNow, isUntrusted, saveAttachment } from './mediaActions';
import {
  attachmentKind,
  canShowInline,
  fileTypeLabel,
  formatFileSize,
  gridBoxes,
  isVisualMedia,
  shortenFileName,
  type Box,
} from './mediaRules';

const Wrap = styled.div`
  display: flex;
  flex-direction: column;
  gap: 6px;
  max-width: 100%;
  .ma-grid {
    display: grid;
    gap: 10px;
    max-width: 100%;
  }
  .ma-cell {
    position: relative;
    display: block;
    overflow: hidden;
    padding: 0;
    border: none;
    border-radius: 12px;
    background: var(--background-tertiary-color, rgba(127, 127, 127, 0.25));
    color: var(--text-primary-color);
    font: inherit;
    cursor: pointer;
  }
  .ma-cell:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .ma-cell img,
  .ma-cell video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .ma-center {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 8px;
    text-align: center;
    font-size: 12px;
  }
  .ma-play {
    position: absolute;
    top: 50%;
    left: 50%;
    display: flex;
    align-items: center;
    justify-content: center;
    width: 44px;
    height: 44px;
    margin: -22px 0 0 -22px;
    border-radius: 50%;
    background: rgba(0, 0, 0, 0.6);
    color: #fff;
    pointer-events: none;
  }
  .ma-more {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    background: rgba(0, 0, 0, 0.55);
    color: #fff;
    font-size: 22px;
    font-weight: 700;
    pointer-events: none;
  }
  .ma-progress {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    height: 4px;
    border-radius: 2px;
    background: rgba(0, 0, 0, 0.4);
    overflow: hidden;
  }
  .ma-progress > span {
    display: block;
    height: 100%;
    background: var(--primary-color);
  }
  .ma-file {
    display: flex;
    align-items: center;
    gap: 10px;
    min-width: 200px;
    max-width: 100%;
    padding: 6px 0;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .ma-file:disabled {
    cursor: default;
  }
  .ma-file:focus-visible {
    outline: 2px solid var(--text-primary-color);
    outline-offset: 2px;
  }
  .ma-file-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .ma-file-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .ma-file-size {
    font-size: 12px;
    opacity: 0.8;
  }
  .ma-pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 6px 12px;
    border: 1px solid currentColor;
    border-radius: 16px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 13px;
    cursor: pointer;
  }
  .ma-pill:focus-visible,
  .ma-retry:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .ma-state {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
  }
  .ma-error {
    color: var(--danger-text-color);
    overflow-wrap: anywhere;
  }
  .ma-retry {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0;
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 700;
    text-decoration: underline;
    cursor: pointer;
  }
  .ma-spinner {
    width: 16px;
    height: 16px;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: ma-spin 0.9s linear infinite;
  }
  @keyframes ma-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

const percentOf = (a: AttachmentView) => Math.round(Math.max(0, Math.min(1, a.progress ?? 0)) * 100);

interface StateProps {
  m: MessageView;
  a: AttachmentView;
  onDownload: (index: number) => void;
}

/** The transfer state of an attachment whose bytes are not (all) here; null when there is nothing to say. */
function TransferState({ m, a, onDownload }: StateProps) {
  const dispatch = useAppDispatch();
  switch (a.state) {
    case 'not-downloaded':
      return (
        <button
          type="button"
          className="ma-pill"
          onClick={(e) => {
            e.stopPropagation();
            onDownload(a.index);
          }}
          data-testid="attachment-download"
        >
          {t('mediaClickToDownload', { file_type: t(fileTypeLabel(a)) })}
        </button>
      );
    case 'queued':
      return (
        <span className="ma-state" role="status" data-testid="attachment-queued">
          <span className="ma-spinner" aria-hidden />
          {t('mediaQueued')}
        </span>
      );
    case 'downloading':
    case 'uploading': {
      const percent = percentOf(a);
      const label =
        a.state === 'downloading' ? t('mediaDownloading', { percent }) : t('mediaUploading', { percent });
      return (
        <span
          className="ma-state"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={label}
          data-testid={`attachment-${a.state}`}
        >
          <span className="ma-spinner" aria-hidden />
          {label}
        </span>
      );
    }
    case 'failed':
      return (
        <span className="ma-state ma-error" role="alert" data-testid="attachment-failed">
          <AlertTriangle size={14} aria-hidden />
          {a.error ? t('mediaFailed', { error: a.error }) : t('mediaFailedUnknown')}
          {m.direction === 'incoming' ? (
            <button
              type="button"
              className="ma-retry"
              onClick={(e) => {
                e.stopPropagation();
                void downloadNow(dispatch, m.id, a.index);
              }}
              data-testid="attachment-retry"
            >
              <RotateCw size={12} aria-hidden />
              {t('mediaRetry')}
            </button>
          ) : null}
        </span>
      );
    case 'expired':
      return (
        <span className="ma-state" data-testid="attachment-expired">
          <FileX size={14} aria-hidden />
          {t('mediaExpired')}
        </span>
      );
    default:
      return null;
  }
}

function MediaCell({
  m,
  a,
  box,
  more,
  onOpen,
  onDownload,
}: StateProps & { box: Box; more: number; onOpen: () => void }) {
  const kind = attachmentKind(a);
  const thumbVariant = a.hasThumbnail ? 'thumbnail' : 'full';
  // Pictures, and videos with a poster frame, from the thumbnail.
  const thumb = useAttachmentUrl(
    m.id,
    a.index,
    thumbVariant,
    kind === 'image' || a.hasThumbnail ? a.state : 'not-downloaded',
  );
  // A video with a poster frame shows it as a picture; without one, a <video> of its bytes draws the frame
  // until the poster is made from it (once) and kept by the backend.
  const posterless = kind === 'video' && !a.hasThumbnail;
  const video = useAttachmentUrl(m.id, a.index, 'full', posterless ? a.state : 'not-downloaded');
  const [broken, setBroken] = useState(false);
  const name = a.fileName || t(kind === 'video' ? 'mediaVideo' : 'mediaImage');
  const here = a.state === 'downloaded' || a.state === 'uploading';
  // A video with a poster frame draws that picture, whatever its format (Chromium drew a frame of it).
  const drawable = here && (canShowInline(a) || (kind === 'video' && !posterless)) && !broken;
  const label = kind === 'video' ? t('mediaPlayVideo', { name }) : t('mediaOpenImage', { name });
  const style = { width: box.width, height: box.height };
  // While ours uploads the backend may not serve its bytes yet: that is no error to show.
  const readError = a.state === 'downloaded' ? (thumb.error ?? video.error) : undefined;
  const dispatch = useAppDispatch();
  const videoUrl = video.url;
  useEffect(() => {
    // Any video: Chromium decodes more than the types it is trusted to play inline (a QuickTime file of
    // H.264 often); one that it cannot decode keeps no poster.
    if (posterless && videoUrl) void dispatch(captureVideoPoster(m.id, a.index, videoUrl));
  }, [posterless, videoUrl, dispatch, m.id, a]);
  if (!here) {
    return (
      <div
        className="ma-cell"
        style={{ ...style, cursor: 'default' }}
        data-testid="attachment-media"
        data-attachment-index={a.index}
        data-state={a.state}
      >
        <div className="ma-center">
          <TransferState m={m} a={a} onDownload={onDownload} />
        </div>
        {more > 0 ? <div className="ma-more">{t('mediaMoreCount', { count: more })}</div> : null}
      </div>
    );
  }
  return (
    <button
      type="button"
      className="ma-cell"
      style={style}
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
      data-testid="attachment-media"
      data-attachment-index={a.index}
      data-state={a.state}
      data-kind={kind}
    >
      {drawable && (kind === 'image' || !posterless) && thumb.url ? (
        <img
          src={thumb.url}
          alt=""
          draggable={false}
          onError={() => setBroken(true)}
          data-testid="attachment-image"
        />
      ) : null}
      {drawable && posterless && video.url ? (
        <video
          src={video.url}
          preload="metadata"
          muted
          playsInline
          tabIndex={-1}
          onError={() => setBroken(true)}
          data-testid="attachment-video"
        />
      ) : null}
      {!drawable || readError || (!thumb.url && !video.url && (thumb.error ?? video.error)) ? (
        <div className="ma-center" data-testid="attachment-unshowable">
          <FileIcon size={28} aria-hidden />
          {readError ? (
            <span className="ma-error">{t('mediaReadFailed', { message: readError })}</span>
          ) : null}
        </div>
      ) : null}
      {kind === 'video' ? (
        <span className="ma-play" aria-hidden>
          <Play size={22} />
        </span>
      ) : null}
      {a.state === 'uploading' ? (
        <>
          <div className="ma-center">
            <TransferState m={m} a={a} onDownload={onDownload} />
          </div>
          <div className="ma-progress" aria-hidden>
            <span style={{ width: `${percentOf(a)}%` }} />
          </div>
        </>
      ) : null}
      {more > 0 ? <div className="ma-more">{t('mediaMoreCount', { count: more })}</div> : null}
    </button>
  );
}

function MediaGrid({
  m,
  items,
  onOpen,
  onDownload,
}: {
  m: MessageView;
  items: AttachmentView[];
  onOpen: (a: AttachmentView) => void;
  onDownload: (index: number) => void;
}) {
  const shown = items.slice(0, 3);
  const boxes = gridBoxes(items.length > 3 ? shown : items);
  const more = items.length - 3;
  const three = shown.length === 3;
  return (
    <div
      className="ma-grid"
      style={
        three
          ? {
              gridTemplateColumns: `${boxes[0]!.width}px ${boxes[1]!.width}px`,
              gridTemplateRows: `${boxes[1]!.height}px ${boxes[2]!.height}px`,
            }
          : { gridTemplateColumns: boxes.map((b) => `${b.width}px`).join(' ') }
      }
      data-testid="attachment-grid"
      data-count={items.length}
    >
      {shown.map((a, i) => (
        <div key={a.index} style={three && i === 0 ? { gridRow: '1 / span 2' } : undefined}>
          <MediaCell
            m={m}
            a={a}
            box={boxes[i]!}
            more={i === 2 && more > 0 ? more : 0}
            onOpen={() => onOpen(a)}
            onDownload={onDownload}
          />
        </div>
      ))}
    </div>
  );
}

function FileRow({ m, a, onDownload }: StateProps) {
  const dispatch = useAppDispatch();
  const name = a.fileName || t('mediaTypeFile');
  const here = a.state === 'downloaded';
  return (
    <div data-testid="attachment-file" data-attachment-index={a.index} data-state={a.state}>
      <button
        type="button"
        className="ma-file"
        disabled={!here}
        aria-label={t('mediaSaveFile', { name })}
        title={name}
        onClick={(e) => {
          e.stopPropagation();
          void saveAttachment(dispatch, m.id, a.index);
        }}
        data-testid="attachment-file-save"
      >
        <FileIcon size={32} aria-hidden />
        <span className="ma-file-text">
          <span className="ma-file-name" dir="auto" data-testid="attachment-file-name">
            {shortenFileName(name)}
          </span>
          <span className="ma-file-size" data-testid="attachment-file-size">
            {formatFileSize(a.size)}
          </span>
        </span>
      </button>
      <TransferState m={m} a={a} onDownload={onDownload} />
    </div>
  );
}

function AudioRow({ m, a, onDownload }: StateProps) {
  return (
    <div data-testid="attachment-audio" data-attachment-index={a.index} data-state={a.state}>
      {a.state === 'downloaded' || a.state === 'uploading' ? (
        <AudioPlayer messageId={m.id} attachment={a} />
      ) : null}
      <TransferState m={m} a={a} onDownload={onDownload} />
    </div>
  );
}

export interface MessageAttachmentsProps {
  m: MessageView;
  /** Who sent it, as shown (the "Auto Download" question names them). */
  senderName: string;
}

export function MessageAttachments({ m, senderName }: MessageAttachmentsProps) {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const conversation = useAppSelector(selectConversation(m.conversationId));
  const all = m.attachments ?? [];
  const visual = all.filter(isVisualMedia);
  const audio = all.filter((a) => attachmentKind(a) === 'audio');
  const files = all.filter((a) => attachmentKind(a) === 'file');
  const untrusted = m.direction === 'incoming' && isUntrusted(conversation);
  const onDownload = (index: number) =>
    clickToDownload(dispatch, { messageId: m.id, index, untrusted, senderName });
  // The lightbox pages through the conversation's loaded pictures and videos, read when it opens
  // (a row does not subscribe to the whole conversation).
  const onOpen = (a: AttachmentView) => {
    const loaded = selectMessagesOf(m.conversationId)(store.getState());
    const items = loaded.flatMap((x) =>
      (x.attachments ?? []).filter(isVisualMedia).map((attachment) => ({ messageId: x.id, attachment })),
    );
    const start = Math.max(
      0,
      items.findIndex((i) => i.messageId === m.id && i.attachment.index === a.index),
    );
    dispatch(
      openModal({
        kind: 'media-lightbox',
        conversationId: m.conversationId,
        items: items.length ? items : [{ messageId: m.id, attachment: a }],
        start,
      }),
    );
  };
  if (all.length === 0) return null;
  return (
    <Wrap data-testid="message-attachments">
      {visual.length > 0 ? <MediaGrid m={m} items={visual} onOpen={onOpen} onDownload={onDownload} /> : null}
      {audio.map((a) => (
        <AudioRow key={a.index} m={m} a={a} onDownload={onDownload} />
      ))}
      {files.map((a) => (
        <FileRow key={a.index} m={m} a={a} onDownload={onDownload} />
      ))}
    </Wrap>
  );
}
