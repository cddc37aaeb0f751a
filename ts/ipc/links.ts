// Finds web links in message text (spec/ui.md §4.3): http(s) URLs become links, except look-alike ones
// whose host is not plain ASCII (internationalised or punycode hosts can imitate a known name), which stay
// text. Pure and isomorphic: the renderer links with it and the backend's link-preview rules (spec
// messaging §6.3) find the same links with it, so a preview is kept only for a link the bubble shows.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/giu;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = new Set([...'.,;:!?)]}\'"»”’']);

/**
 * The trailing punctuation of `raw`. A loop, not `/[…]+$/`: that pattern retries from every mark of a long
 * run that a letter ends, so a received text of 10,000 dots after "https://a" held each render for a
 * fifth of a second (quadratic).
 */
function trailingPunctuation(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1] as string)) end--;
  return raw.slice(end);
}

/** The URL's host when it is safe to link: parseable, http(s), and an ASCII host with no punycode label. */
export function linkableUrl(candidate: string): string | undefined {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // The URL parser turns a non-ASCII host into punycode: both the original and the result are refused.
  if (!/^[\x21-\x7e]+$/.test(candidate.slice(0, candidate.indexOf(url.host) + url.host.length)))
    return undefined;
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

export function splitLinks(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let raw = match[0];
    // A closing bracket belongs to the URL when the URL opened one, as in Wikipedia links.
    const trailing = trailingPunctuation(raw);
    if (trailing !== '') raw = raw.slice(0, raw.length - trailing.length);
    if (raw.endsWith('(') || raw.length <= 'https://'.length) continue;
    const url = linkableUrl(raw);
    if (url === undefined) continue;
    const start = match.index;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'link', text: raw, url });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** The links of `text` as the bubble shows them, each as written and as parsed (`href`). */
export function findLinks(text: string): { text: string; url: string }[] {
  return splitLinks(text).flatMap((s) => (s.kind === 'link' ? [{ text: s.text, url: s.url }] : []));
}

/** Longest URL previewed (spec messaging §6.3). */
export const MAX_PREVIEW_URL_LENGTH = 4096;

/**
 * Why `candidate` must not be previewed, or undefined when it may (spec messaging §6.3): only https URLs that
 * are not "sneaky": no userinfo, a hostname of at most 2048 characters without `%`, at least two labels, none
 * empty, at most 4096 characters; and, as for every link here, a plain ASCII host without punycode labels.
 */
export function previewRefusal(candidate: string): 'not-https' | 'sneaky' | undefined {
  if (candidate.length > MAX_PREVIEW_URL_LENGTH) return 'sneaky';
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return 'sneaky';
  }
  if (url.protocol !== 'https:') return 'not-https';
  if (url.username !== '' || url.password !== '') return 'sneaky';
  const host = url.hostname;
  if (host === '' || host.length > 2048 || host.includes('%')) return 'sneaky';
  // The parser decodes %-escapes in the host; the written form must not carry one either.
  const authority = /^https:\/\/([^/?#]*)/i.exec(candidate.trim())?.[1] ?? '';
  if (authority.includes('%') || authority.includes('@')) return 'sneaky';
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return 'sneaky';
  if (linkableUrl(candidate) === undefined) return 'sneaky';
  return undefined;
}

/** Whether a preview may be made for `url` (previewRefusal says why not). */
export const isPreviewableUrl = (url: string): boolean => previewRefusal(url) === undefined;

/** The first link of `text` that may be previewed, as written there (the composer previews it). */
export function firstPreviewableLink(text: string): string | undefined {
  return findLinks(text).find((l) => isPreviewableUrl(l.text))?.text;
}

/** Whether `url` is one of the links of `text`, as written or as parsed (the receiver keeps only such previews). */
export function isLinkOf(text: string, url: string): boolean {
  return findLinks(text).some((l) => l.text === url || l.url === url);
}
