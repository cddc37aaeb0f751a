// jsdom has no layout: this gives the timeline's scroll container and rows sizes, and a working
// scrollTop / scrollTo (clamped, with an asynchronous "scroll" event when the position changes, as in a browser), so the
// virtualizer can be tested. A row is ROW_HEIGHT tall plus LINE_HEIGHT per extra line of its text;
// the list's viewport is VIEWPORT_HEIGHT. Install in beforeAll, remove in afterAll.
export const VIEWPORT_HEIGHT = 600;
export const ROW_HEIGHT = 40;
export const LINE_HEIGHT = 20;

const scrollTops = new WeakMap<Element, number>();

function isScroller(el: Element): boolean {
  return el.getAttribute('data-testid') === 'message-list';
}

function rowHeight(el: Element): number | null {
  if (!el.hasAttribute('data-index')) return null;
  const text = el.querySelector('[data-testid="message-text"]')?.textContent ?? '';
  const extra = el.querySelectorAll('[data-testid="date-separator"], [data-testid="unread-marker"]').length;
  return ROW_HEIGHT + LINE_HEIGHT * (text.split('\n').length - 1) + 30 * extra;
}

function contentHeight(el: Element): number {
  const inner = el.firstElementChild as HTMLElement | null;
  return inner ? parseFloat(inner.style.height || '0') : 0;
}

function maxScroll(el: Element): number {
  return Math.max(0, contentHeight(el) - VIEWPORT_HEIGHT);
}

type Saved = Array<[object, string, PropertyDescriptor | undefined]>;
let saved: Saved = [];

function override(target: object, name: string, descriptor: PropertyDescriptor): void {
  saved.push([target, name, Object.getOwnPropertyDescriptor(target, name)]);
  Object.defineProperty(target, name, { configurable: true, ...descriptor });
}

export function installLayout(): void {
  const proto = HTMLElement.prototype;
  const original = Element.prototype.getBoundingClientRect;
  override(Element.prototype, 'getBoundingClientRect', {
    value(this: Element) {
      const h = isScroller(this) ? VIEWPORT_HEIGHT : rowHeight(this);
      if (h === null) return original.call(this);
      return { x: 0, y: 0, top: 0, left: 0, right: 800, bottom: h, width: 800, height: h, toJSON: () => ({}) } as DOMRect;
    },
  });
  override(proto, 'offsetHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? VIEWPORT_HEIGHT : (rowHeight(this) ?? 0);
    },
  });
  override(proto, 'clientHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? VIEWPORT_HEIGHT : 0;
    },
  });
  override(proto, 'scrollHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? Math.max(VIEWPORT_HEIGHT, contentHeight(this)) : 0;
    },
  });
  override(Element.prototype, 'scrollTop', {
    get(this: Element) {
      return Math.min(scrollTops.get(this) ?? 0, maxScroll(this));
    },
    set(this: Element, v: number) {
      const before = this.scrollTop;
      scrollTops.set(this, Math.max(0, Math.min(v, maxScroll(this))));
      // As in a browser: only a real change of position fires "scroll".
      if (this.scrollTop !== before) setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
    },
  });
  override(Element.prototype, 'scrollTo', {
    value(this: Element, arg: ScrollToOptions | number, y?: number) {
      const top = typeof arg === 'number' ? (y ?? 0) : (arg.top ?? this.scrollTop);
      this.scrollTop = top;
    },
  });
}

export function uninstallLayout(): void {
  for (const [target, name, descriptor] of saved.reverse()) {
    if (descriptor) Object.defineProperty(target, name, descriptor);
    else delete (target as Record<string, unknown>)[name];
  }
  saved = [];
}

/** Scrolls like a user: sets scrollTop and fires the scroll event at once. */
export function userScroll(el: Element, top: number): void {
  scrollTops.set(el, Math.max(0, Math.min(top, maxScroll(el))));
  el.dispatchEvent(new Event('scroll'));
}

// ---- visibility: a fake IntersectionObserver over the mocked layout, and a focus seam ----
// jsdom has neither layout nor IntersectionObserver. The fake computes, from the same mocked geometry
// (a row's translateY and height, the list's scrollTop and VIEWPORT_HEIGHT, a short list sitting at the
// bottom), how much of each observed row is in view, and reports a row when it crosses one of the
// observer's thresholds, as a browser would: after observe(), after a scroll of the list and after a
// row moves (its style changes).

function translateYOf(el: HTMLElement): number {
  const m = /translateY\((-?[\d.]+)px\)/.exec(el.style.transform);
  return m ? Number(m[1]) : 0;
}

/** The visible height of an observed row inside the list's view, and its own height. */
function visibleHeightOf(root: Element, row: HTMLElement): { visible: number; height: number } {
  const height = rowHeight(row) ?? 0;
  // A short list sits at the bottom (margin-top: auto).
  const offset = Math.max(0, VIEWPORT_HEIGHT - contentHeight(root));
  const top = translateYOf(row) + offset;
  const viewTop = root.scrollTop;
  const visible = Math.max(0, Math.min(top + height, viewTop + VIEWPORT_HEIGHT) - Math.max(top, viewTop));
  return { visible, height };
}

const liveObservers = new Set<FakeIntersectionObserver>();

class FakeIntersectionObserver {
  readonly root: Element | null;
  readonly rootMargin = '0px';
  readonly thresholds: readonly number[];
  private readonly targets = new Map<Element, number>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly mutations: MutationObserver;
  private readonly onScroll = (): void => this.schedule();

  constructor(
    private readonly callback: IntersectionObserverCallback,
    options: IntersectionObserverInit = {},
  ) {
    this.root = (options.root as Element | null | undefined) ?? null;
    const t = options.threshold ?? 0;
    this.thresholds = Array.isArray(t) ? [...t].sort((a, b) => a - b) : [t as number];
    this.root?.addEventListener('scroll', this.onScroll);
    this.mutations = new MutationObserver(() => this.schedule());
    if (this.root) this.mutations.observe(this.root, { attributes: true, attributeFilter: ['style'], subtree: true, childList: true });
    liveObservers.add(this);
  }

  observe(target: Element): void {
    if (!this.targets.has(target)) this.targets.set(target, -1);
    this.schedule();
  }

  unobserve(target: Element): void {
    this.targets.delete(target);
  }

  disconnect(): void {
    this.targets.clear();
    this.root?.removeEventListener('scroll', this.onScroll);
    this.mutations.disconnect();
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    liveObservers.delete(this);
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  private schedule(): void {
    if (this.pending === null) this.pending = setTimeout(() => this.check(), 0);
  }

  /** The index of the highest threshold the ratio reaches (-1: none), so crossings can be seen. */
  private bucket(ratio: number, intersecting: boolean): number {
    let b = intersecting ? 0 : -1;
    this.thresholds.forEach((t, i) => {
      if (ratio >= t && (t > 0 || intersecting)) b = Math.max(b, i + 1);
    });
    return b;
  }

  check(): void {
    this.pending = null;
    const root = this.root;
    if (!root || !root.isConnected) return;
    const entries: IntersectionObserverEntry[] = [];
    for (const [target, last] of this.targets) {
      if (!target.isConnected) continue;
      const { visible, height } = visibleHeightOf(root, target as HTMLElement);
      const ratio = height > 0 ? visible / height : 0;
      const intersecting = visible > 0;
      const b = this.bucket(ratio, intersecting);
      if (b === last) continue;
      this.targets.set(target, b);
      const rect = { x: 0, y: 0, top: 0, left: 0, right: 800, bottom: visible, width: 800, height: visible, toJSON: () => ({}) } as DOMRectReadOnly;
      entries.push({
        target,
        isIntersecting: intersecting,
        intersectionRatio: ratio,
        intersectionRect: rect,
        boundingClientRect: { ...rect, height, bottom: height },
        rootBounds: { ...rect, height: VIEWPORT_HEIGHT, bottom: VIEWPORT_HEIGHT },
        time: Date.now(),
      } as IntersectionObserverEntry);
    }
    if (entries.length > 0) this.callback(entries, this as unknown as IntersectionObserver);
  }
}

/** Installs the fake IntersectionObserver (install in beforeAll, after installLayout). */
export function installIntersectionObserver(): void {
  override(window, 'IntersectionObserver', { value: FakeIntersectionObserver, writable: true });
}

/** Reports every observer's changes now (a test's "a frame was drawn"). */
export function recheckVisibility(): void {
  for (const o of liveObservers) o.check();
}

let windowSeen = true;
/**
 * The focus seam: whether the window is visible and focused (jsdom's own answer depends on which
 * element last had focus). Changing it fires the events a browser fires.
 */
export function setWindowSeen(seen: boolean): void {
  if (!saved.some(([t, n]) => t === document && n === 'hasFocus')) {
    override(document, 'hasFocus', { value: () => windowSeen });
    override(document, 'visibilityState', { get: () => (windowSeen ? 'visible' : 'hidden') });
  }
  const changed = windowSeen !== seen;
  windowSeen = seen;
  if (!changed) return;
  document.dispatchEvent(new Event('visibilitychange'));
  window.dispatchEvent(new Event(seen ? 'focus' : 'blur'));
}
