/** @jest-environment jsdom */
// "Read more" measures after layout: the shared ResizeObserver reports sizes and the callback fires
// once the text is taller than the line limit (wrapped lines count), and never after unwatching.
type ResizeCallback = (entries: ResizeObserverEntry[]) => void;
let report: ResizeCallback = () => undefined;
const observed = new Set<Element>();
class FakeResizeObserver {
  constructor(cb: ResizeCallback) {
    report = cb;
  }
  observe(el: Element) {
    observed.add(el);
  }
  unobserve(el: Element) {
    observed.delete(el);
  }
  disconnect() {
    observed.clear();
  }
}

const entry = (target: Element, height: number) => ({ target, contentRect: { height } }) as unknown as ResizeObserverEntry;

describe('watchTallerThanLines', () => {
  beforeAll(() => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver = FakeResizeObserver;
  });
  afterAll(() => {
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  });

  it('fires once the content is taller than the limit, then stops observing', async () => {
    const { watchTallerThanLines } = await import('../../../ts/renderer/components/conversation/overflowWatch');
    const el = document.createElement('div');
    el.style.lineHeight = '20px';
    document.body.appendChild(el);
    const cb = jest.fn();
    watchTallerThanLines(el, 25, cb);
    expect(observed.has(el)).toBe(true);
    report([entry(el, 25 * 20)]);
    expect(cb).not.toHaveBeenCalled();
    report([entry(el, 26 * 20)]);
    expect(cb).toHaveBeenCalledTimes(1);
    expect(observed.has(el)).toBe(false);
    report([entry(el, 40 * 20)]);
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('falls back to 1.2 times the font size for line-height normal, and unwatching silences it', async () => {
    const { watchTallerThanLines } = await import('../../../ts/renderer/components/conversation/overflowWatch');
    const el = document.createElement('div');
    el.style.fontSize = '10px';
    document.body.appendChild(el);
    const cb = jest.fn();
    const stop = watchTallerThanLines(el, 2, cb);
    report([entry(el, 24)]);
    expect(cb).not.toHaveBeenCalled();
    stop();
    expect(observed.has(el)).toBe(false);
    report([entry(el, 100)]);
    expect(cb).not.toHaveBeenCalled();
  });
});
