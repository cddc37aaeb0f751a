// The composer's link preview (spec/ui.md §4.7): with "Send Link Previews" on, the first previewable link of
// the draft is fetched by the backend once typing pauses, and shown above the box (a spinner, then image,
// title and domain, with ✕ to drop it for that link); not while files are staged. With the setting off, the
// first link typed asks once per window session whether to enable previews. `take()` hands the preview to
// the send and keeps its staged image (the message now owns it); any other end of a preview drops the image.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LinkPreviewDraft } from '../../../../ipc/contract';
import { firstPreviewableLink } from '../../../../ipc/links';
import { useAppDispatch, useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { dropLinkPreviewImage, fetchLinkPreview, loadLinkPreviewImage } from '../../../state/linkPreviews';
import { selectSetting, setSetting } from '../../../state/settings';
import { revokeObjectUrl } from '../../../state/staging';
import { Dialog } from '../Dialog';
import { ComposerLinkPreviewCard } from './ComposerLinkPreviewCard';

/** Typing pauses this long before a link is fetched. */
export const LINK_PREVIEW_DEBOUNCE_MS = 500;
/** The window-session flag of the consent prompt (spec/ui.md §4.7: it shows once). */
export const CONSENT_ASKED_KEY = 'session.linkPreviewConsentAsked';

function consentAsked(): boolean {
  try {
    return window.sessionStorage.getItem(CONSENT_ASKED_KEY) === '1';
  } catch {
    return false;
  }
}

function markConsentAsked(): void {
  try {
    window.sessionStorage.setItem(CONSENT_ASKED_KEY, '1');
  } catch {
    // No storage (a locked-down page): the prompt may show again in another conversation.
  }
}

export type ComposerPreview =
  | { link: string; status: 'loading' }
  | { link: string; status: 'ready'; draft: LinkPreviewDraft; imageUrl?: string };

export interface ComposerLinkPreview {
  /** The card (and the consent prompt), to render above the input. */
  view: ReactNode;
  /** The preview to send with the message now, if one is shown; the composer then owns no preview. */
  take(): LinkPreviewDraft | undefined;
}

export function useComposerLinkPreview(text: string, { paused }: { paused: boolean }): ComposerLinkPreview {
  const dispatch = useAppDispatch();
  const setting = useAppSelector(selectSetting('linkPreviews'));
  const enabled = setting === true;
  const candidate = firstPreviewableLink(text);
  const link = enabled && !paused ? candidate : undefined;
  const [preview, setPreview] = useState<ComposerPreview | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const dismissed = useRef(new Set<string>());
  // The shown preview, for clean-up outside of renders (its image is dropped unless it was sent).
  const current = useRef<ComposerPreview | undefined>(undefined);
  current.current = preview;

  const release = useCallback(
    (p: ComposerPreview | undefined, keepImage: boolean) => {
      if (p?.status !== 'ready') return;
      revokeObjectUrl(p.imageUrl);
      if (!keepImage && p.draft.imageStageId !== undefined)
        void dispatch(dropLinkPreviewImage(p.draft.imageStageId));
    },
    [dispatch],
  );

  // The setting is known and off, and a link was typed: ask once.
  useEffect(() => {
    if (setting === false && candidate !== undefined && !consentAsked()) {
      markConsentAsked();
      setAsking(true);
    }
  }, [setting, candidate]);

  useEffect(() => {
    if (link === undefined || dismissed.current.has(link)) {
      release(current.current, false);
      setPreview(undefined);
      return;
    }
    if (current.current?.link === link) return;
    release(current.current, false);
    setPreview(undefined);
    let alive = true;
    const timer = setTimeout(() => {
      setPreview({ link, status: 'loading' });
      void dispatch(fetchLinkPreview(link)).then(async (r) => {
        const draft = fetchLinkPreview.fulfilled.match(r) ? r.payload : null;
        if (!alive) {
          if (draft?.imageStageId !== undefined) void dispatch(dropLinkPreviewImage(draft.imageStageId));
          return;
        }
        if (!draft) {
          // No preview (none on the page, or refused): nothing is shown.
          setPreview(undefined);
          return;
        }
        let imageUrl: string | undefined;
        if (draft.imageStageId !== undefined) {
          const img = await dispatch(loadLinkPreviewImage(draft.imageStageId));
          imageUrl = loadLinkPreviewImage.fulfilled.match(img) ? img.payload : undefined;
        }
        if (!alive) {
          revokeObjectUrl(imageUrl);
          if (draft.imageStageId !== undefined) void dispatch(dropLinkPreviewImage(draft.imageStageId));
          return;
        }
        setPreview({ link, status: 'ready', draft, ...(imageUrl !== undefined ? { imageUrl } : {}) });
      });
    }, LINK_PREVIEW_DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [link, dispatch, release]);

  // Leaving the conversation drops an unsent preview's image.
  useEffect(() => () => release(current.current, false), [release]);

  const take = useCallback((): LinkPreviewDraft | undefined => {
    const p = current.current;
    if (p?.status !== 'ready') return undefined;
    release(p, true);
    current.current = undefined;
    setPreview(undefined);
    // The text is cleared with the send: the same link typed again is a new preview.
    return p.draft;
  }, [release]);

  const remove = () => {
    const p = current.current;
    if (!p) return;
    dismissed.current.add(p.link);
    release(p, false);
    current.current = undefined;
    setPreview(undefined);
  };

  const view = (
    <>
      {preview ? <ComposerLinkPreviewCard preview={preview} onRemove={remove} /> : null}
      {asking ? (
        <Dialog
          title={t('lpEnableTitle')}
          text={t('lpEnableText')}
          testId="link-preview-consent"
          confirm={{
            label: t('lpEnable'),
            onClick: () => {
              setAsking(false);
              void dispatch(setSetting({ key: 'linkPreviews', value: true }));
            },
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </>
  );
  return { view, take };
}
