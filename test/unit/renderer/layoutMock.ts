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
