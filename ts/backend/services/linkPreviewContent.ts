// The link preview in a message (spec messaging §6.3), both ways: the `preview` field we send (at most one
// Preview{url, title?, image?}, its URL one of the message's links, its image an unpadded attachment stored
// as the message's attachment row 32), and the rule a received one must pass to be kept (the first preview
// only, with an image or a title, whose URL is among the links the body shows). Nothing is ever fetched for
// a received preview.
import { isLinkOf, isPreviewableUrl } from '../../ipc/links';
import type { AttachmentPointerProps, ContentProps } from '../../protocol';

export { LINK_PREVIEW_ATTACHMENT_INDEX } from '../db/messageExtras';

/** Longest title kept (code points), sent or received. */
export const MAX_PREVIEW_TITLE_LENGTH = 200;

export const PREVIEW_NOT_IN_TEXT_MESSAGE = 'The link preview must be for a link in the message.';
export const PREVIEW_IMAGE_MESSAGE = 'The link preview image must be a picture.';

/** A title as shown and sent: control characters and direction overrides removed, white space collapsed, at most 200 code points. */
export function normalizePreviewTitle(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  const cps = [...text];
  return cps.length <= MAX_PREVIEW_TITLE_LENGTH
    ? text
    : cps.slice(0, MAX_PREVIEW_TITLE_LENGTH).join('').trimEnd();
}

/** Why a preview of `url` cannot go with `text`, or undefined when it can (the URL is a previewable link of the text). */
export function sendPreviewProblem(text: string, url: string): string | undefined {
  if (!isPreviewableUrl(url) || !isLinkOf(text, url)) return PREVIEW_NOT_IN_TEXT_MESSAGE;
  return undefined;
}

/** `content` with its DataMessage's `preview` field: one Preview, the image pointer when it was uploaded. */
export function withLinkPreview(
  content: ContentProps,
  preview: { url: string; title?: string },
  image: AttachmentPointerProps | undefined,
): ContentProps {
  return {
    ...content,
    dataMessage: {
      ...content.dataMessage,
      preview: [
        {
          url: preview.url,
          ...(preview.title !== undefined ? { title: preview.title } : {}),
          ...(image ? { image } : {}),
        },
      ],
    },
  };
}

/** A received preview that passed the rule. */
export interface ReceivedPreview {
  url: string;
  title?: string;
  image?: AttachmentPointerProps;
}

type PreviewLike = { url?: string | null; title?: string | null; image?: AttachmentPointerProps | null };

/** The preview a received message keeps, if any: the first one, with an image or a title, for a link of `body`. */
export function receivedPreviewOf(
  previews: readonly PreviewLike[] | null | undefined,
  body: string,
): ReceivedPreview | undefined {
  const p = previews?.[0];
  if (!p || typeof p.url !== 'string' || p.url === '') return undefined;
  const title = normalizePreviewTitle(p.title);
  const image = p.image ?? undefined;
  if (title === undefined && image === undefined) return undefined;
  if (!isLinkOf(body, p.url)) return undefined;
  return { url: p.url, ...(title !== undefined ? { title } : {}), ...(image !== undefined ? { image } : {}) };
}
