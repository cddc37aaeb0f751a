// The media & files gallery (spec/ui.md §5.5), opened from "Attachments" in the conversation settings:
// the conversation's name and ✕, tabs "Media" | "Files". Media is a grid of thumbnails (a click opens
// the lightbox over all loaded media); Files are rows with icon, name, size and date (a click saves,
// or downloads what is not here yet). Pages of PAGE_SIZE newest first, more on "Load more"; the loaded
// range is read again every 10 s so new and finished downloads show.
import { File as FileIcon, Play } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import type { GalleryItem } from '../../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { t } from '../../../locales/i18n';
import { selectConversation } from '../../../state/conversations';
import { fetchGalleryPage } from '../../../state/media';
import { errorMessage } from '../../../state/thunk';
import { closeTopModal, openModal } from '../../../state/ui';
import { dateTimeFormat } from '../../../theme/intlCache';
import { shortenId } from '../../../theme/format';
import { Modal } from '../../common/Modal';
import { clickToDownload, isUntrusted, saveAttachment } from './mediaActions';
import { attachmentKind, canShowInline, formatFileSize, shortenFileName } from './mediaRules';

export const GALLERY_PAGE_SIZE = 60;
export const GALLERY_REFRESH_MS = 10_000;
type Tab = 'media' | 'files';

const Tabs = styled.div`
  display: flex;
  gap: 4px;
  margin-bottom: 12px;
  border-bottom: 1px solid var(--borders-color);
  button {
    flex: 1;
    padding: 8px;
    border: none;
    border-bottom: 2px solid transparent;
    background: transparent;
    color: var(--text-secondary-color);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  button[aria-selected='true'] {
    border-bottom-color: var(--primary-color);
    color: var(--text-primary-color);
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(100px, 1fr));
  gap: 6px;
  button {
    position: relative;
    aspect-ratio: 1;
    overflow: hidden;
    padding: 0;
    border: none;
    border-radius: 6px;
    background: var(--background-tertiary-color, rgba(127, 127, 127, 0.25));
    color: var(--text-primary-color);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .mg-center {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
  }
`;

const Files = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  button {
    display: flex;
    align-items: center;
    gap: 12px;
    width: 100%;
    padding: 8px 4px;
    border: none;
    border-bottom: 1px solid var(--borders-color);
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
  }
  .mg-name {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .mg-meta {
    flex: none;
    font-size: 12px;
    color: var(--text-secondary-color);
    text-align: end;
  }
`;

const Note = styled.p`
  margin: 24px 0;
  text-align: center;
  color: var(--text-secondary-color);
`;

const More = styled.button`
  display: block;
  margin: 12px auto 0;
  padding: 6px 16px;
  border: 1px solid var(--borders-color);
  border-radius: 16px;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

/** "d MMM, yyyy" of spec/ui.md §5.5, in the locale's own order. */
export function formatGalleryDate(timestamp: number, locale?: string): string {
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(timestamp);
}

function Thumb({ item, onOpen }: { item: GalleryItem; onOpen: () => void }) {
  const a = item.attachment;
  const kind = attachmentKind(a);
  const variant = a.hasThumbnail ? 'thumbnail' : 'full';
  // Without a thumbnail only a picture is read whole; a video shows its play icon instead.
  const { url } = useAttachmentUrl(
    item.messageId,
    a.index,
    variant,
    a.hasThumbnail || kind === 'image' ? a.state : 'not-downloaded',
  );
  const name = a.fileName || t(kind === 'video' ? 'mediaVideo' : 'mediaImage');
  const label = kind === 'video' ? t('mediaPlayVideo', { name }) : t('mediaOpenImage', { name });
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onOpen}
      data-testid="gallery-media"
      data-message-id={item.messageId}
      data-state={a.state}
    >
      {url && (a.hasThumbnail || canShowInline(a)) ? <img src={url} alt="" draggable={false} /> : null}
      {!url || kind === 'video' ? (
        <span className="mg-center" aria-hidden>
          {kind === 'video' ? <Play size={24} /> : <FileIcon size={24} />}
        </span>
      ) : null}
    </button>
  );
}

interface PageState {
  items: GalleryItem[];
  hasMore: boolean;
  loading: boolean;
  error: string | undefined;
  loaded: boolean;
}

const EMPTY: PageState = { items: [], hasMore: false, loading: false, error: undefined, loaded: false };

function useGallery(conversationId: string, kind: Tab) {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<PageState>(EMPTY);
  const stateRef = useRef(state);
  stateRef.current = state;
  const seq = useRef(0);
  /** Reads the first `limit` items again (opening, and the periodic refresh). */
  const reload = useCallback(
    async (limit: number) => {
      const mine = ++seq.current;
      setState((s) => ({ ...s, loading: true }));
      try {
        const page = await dispatch(
          fetchGalleryPage({
            conversationId,
            kind,
            limit: Math.min(200, Math.max(limit, GALLERY_PAGE_SIZE)),
          }),
        );
        if (mine === seq.current)
          setState({
            items: page.items,
            hasMore: page.hasMore,
            loading: false,
            error: undefined,
            loaded: true,
          });
      } catch (err) {
        if (mine === seq.current)
          setState((s) => ({ ...s, loading: false, error: errorMessage(err), loaded: true }));
      }
    },
    [dispatch, conversationId, kind],
  );
  const loadMore = useCallback(async () => {
    const { items, loading } = stateRef.current;
    const last = items[items.length - 1];
    if (loading || !last) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const page = await dispatch(
        fetchGalleryPage({
          conversationId,
          kind,
          limit: GALLERY_PAGE_SIZE,
          before: { messageId: last.messageId, index: last.attachment.index },
        }),
      );
      if (mine === seq.current)
        setState((s) => ({
          items: [...s.items, ...page.items],
          hasMore: page.hasMore,
          loading: false,
          error: undefined,
          loaded: true,
        }));
    } catch (err) {
      if (mine === seq.current) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
    }
  }, [dispatch, conversationId, kind]);
  useEffect(() => {
    setState(EMPTY);
    void reload(GALLERY_PAGE_SIZE);
    const timer = setInterval(() => void reload(stateRef.current.items.length), GALLERY_REFRESH_MS);
    return () => {
      clearInterval(timer);
      seq.current++;
    };
  }, [reload]);
  return { ...state, loadMore };
}

export function MediaGallery({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const c = useAppSelector(selectConversation(conversationId));
  const [tab, setTab] = useState<Tab>('media');
  const gallery = useGallery(conversationId, tab);
  const id = useId();
  const name = c?.kind === 'note-to-self' ? t('noteToSelf') : c?.name?.trim() || shortenId(conversationId);
  const close = () => dispatch(closeTopModal());
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next: Tab = tab === 'media' ? 'files' : 'media';
    const target = e.key === 'Home' ? 'media' : e.key === 'End' ? 'files' : next;
    setTab(target);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${target}"]`)?.focus();
  };
  const openAt = (i: number) =>
    dispatch(
      openModal({
        kind: 'media-lightbox',
        conversationId,
        items: gallery.items.map((g) => ({ messageId: g.messageId, attachment: g.attachment })),
        start: i,
      }),
    );
  const onFile = (g: GalleryItem) => {
    if (g.attachment.state === 'downloaded') void saveAttachment(dispatch, g.messageId, g.attachment.index);
    else if (g.attachment.state === 'not-downloaded' || g.attachment.state === 'failed') {
      clickToDownload(dispatch, {
        messageId: g.messageId,
        index: g.attachment.index,
        untrusted: g.sender !== conversationId ? false : isUntrusted(c),
        senderName: name,
      });
    }
  };
  const tabs: Array<[Tab, string]> = [
    ['media', t('mediaTabMedia')],
    ['files', t('mediaTabFiles')],
  ];
  return (
    <Modal title={name} onClose={close} width="wide" testId="media-gallery">
      <Tabs role="tablist" aria-label={t('mediaGalleryTabs')} onKeyDown={onTabKey}>
        {tabs.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`${id}-${value}`}
            aria-selected={tab === value}
            aria-controls={`${id}-panel`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => setTab(value)}
            data-tab={value}
            data-testid={`gallery-tab-${value}`}
          >
            {label}
          </button>
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-${tab}`}
        data-testid="gallery-panel"
        aria-busy={gallery.loading}
      >
        {gallery.error ? (
          <Note role="alert">{t('mediaGalleryFailed', { message: gallery.error })}</Note>
        ) : null}
        {gallery.loaded && gallery.items.length === 0 && !gallery.error ? (
          <Note data-testid="gallery-empty">
            {tab === 'media' ? t('mediaEmptyMedia') : t('mediaEmptyFiles')}
          </Note>
        ) : null}
        {tab === 'media' && gallery.items.length > 0 ? (
          <Grid data-testid="gallery-grid">
            {gallery.items.map((g, i) => (
              <Thumb key={`${g.messageId}#${g.attachment.index}`} item={g} onOpen={() => openAt(i)} />
            ))}
          </Grid>
        ) : null}
        {tab === 'files' && gallery.items.length > 0 ? (
          <Files data-testid="gallery-files">
            {gallery.items.map((g) => {
              const fileName =
                g.attachment.fileName || t(g.attachment.voice ? 'mediaVoiceMessage' : 'mediaTypeFile');
              const label =
                g.attachment.state === 'downloaded' ? t('mediaSaveFile', { name: fileName }) : fileName;
              return (
                <li key={`${g.messageId}#${g.attachment.index}`}>
                  <button
                    type="button"
                    aria-label={label}
                    title={fileName}
                    onClick={() => onFile(g)}
                    data-testid="gallery-file"
                    data-state={g.attachment.state}
                  >
                    <FileIcon size={28} aria-hidden />
                    <span className="mg-name" dir="auto">
                      {shortenFileName(fileName)}
                    </span>
                    <span className="mg-meta">
                      <span data-testid="gallery-file-size">{formatFileSize(g.attachment.size)}</span>
                      <br />
                      <span data-testid="gallery-file-date">{formatGalleryDate(g.timestamp)}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </Files>
        ) : null}
        {gallery.hasMore ? (
          <More
            type="button"
            disabled={gallery.loading}
            onClick={() => void gallery.loadMore()}
            data-testid="gallery-more"
          >
            {t('mediaLoadMore')}
          </More>
        ) : null}
      </div>
    </Modal>
  );
}
