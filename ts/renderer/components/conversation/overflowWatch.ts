// Tells when an element's text runs past a number of lines, measured after layout by one shared
// ResizeObserver, so mounting many rows never forces a layout per row. Used by "Read more"
// (spec/ui.md §4.7): wrapped lines count, not only line breaks, and a narrower window re-checks.
type Callback = () => void;

const watched = new Map<Element, { lines: number; cb: Callback }>();
let observer: ResizeObserver | undefined;

function lineHeightOf(el: Element): number {
  const style = getComputedStyle(el);
  const lh = parseFloat(style.lineHeight);
  // "normal" has no number: about 1.2 times the font size.
  return Number.isFinite(lh) && lh > 0 ? lh : (parseFloat(style.fontSize) || 16) * 1.2;
}

function onResize(entries: ResizeObserverEntry[]): void {
  for (const e of entries) {
    const w = watched.get(e.target);
    if (!w) continue;
    if (e.contentRect.height > lineHeightOf(e.target) * w.lines + 1) {
      observer?.unobserve(e.target);
      watched.delete(e.target);
      w.cb();
    }
  }
}

/** Calls `cb` once `el`'s content box is taller than `lines` lines; returns the function that stops watching. */
export function watchTallerThanLines(el: Element, lines: number, cb: Callback): () => void {
  observer ??= new ResizeObserver(onResize);
  watched.set(el, { lines, cb });
  observer.observe(el);
  return () => {
    observer?.unobserve(el);
    watched.delete(el);
  };
}
