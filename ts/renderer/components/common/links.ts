// Finds web links in message text (spec/ui.md §4.3): http(s) URLs become links, except look-alike ones
// whose host is not plain ASCII (internationalised or punycode hosts can imitate a known name), which stay
// text. Pure, so the rules are tested without a DOM.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/giu;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?)\]}'"»”’]+$/u;

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
  if (!/^[\x21-\x7e]+$/.test(candidate.slice(0, candidate.indexOf(url.host) + url.host.length))) return undefined;
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
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
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
