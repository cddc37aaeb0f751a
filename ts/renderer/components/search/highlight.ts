// Splits a search excerpt into plain and marked parts from the backend's [start, end) offsets. Offsets that
// overlap, run backwards or fall outside the text are skipped, so a bad range never hides or repeats text.

export interface HighlightPart {
  text: string;
  mark: boolean;
}

export function highlightParts(text: string, highlights: readonly (readonly [number, number])[]): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
