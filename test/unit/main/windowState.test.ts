// Window bounds: parsing what was saved, clamping to today's screens, capturing normal bounds.
import { captureWindowState, initialWindowGeometry, isTitleBarVisible, parseWindowState } from '../../../main/windowState';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('initial window geometry', () => {
  it('defaults to 880×820 centred, minimum 880×600', () => {
    expect(initialWindowGeometry(null, primary, [primary])).toEqual({
      width: 880,
      height: 820,
      minWidth: 880,
      minHeight: 600,
      maximized: false,
      fullScreen: false,
    });
  });

  it('restores a saved position and size that are on a screen', () => {
    const g = initialWindowGeometry({ bounds: { x: 2000, y: 50, width: 1000, height: 900 }, maximized: true, fullScreen: false }, primary, [primary, second]);
    expect(g).toMatchObject({ x: 2000, y: 50, width: 1000, height: 900, maximized: true });
  });

  it('resets the position when the window would be off every screen (a monitor was unplugged)', () => {
    const g = initialWindowGeometry({ bounds: { x: 2000, y: 50, width: 1000, height: 900 }, maximized: false, fullScreen: false }, primary, [primary]);
    expect(g.x).toBeUndefined();
    expect(g.y).toBeUndefined();
    expect(g).toMatchObject({ width: 1000, height: 900 });
  });

  it('resets the position when only a sliver or the bottom of the window is visible', () => {
    expect(isTitleBarVisible({ x: 1900, y: 10, width: 900, height: 800 }, [primary])).toBe(false);
    expect(isTitleBarVisible({ x: 100, y: -790, width: 900, height: 800 }, [primary])).toBe(false);
    expect(isTitleBarVisible({ x: 1500, y: 10, width: 900, height: 800 }, [primary])).toBe(true);
  });

  it('clamps the size to the work area and below the minimum size', () => {
    expect(initialWindowGeometry({ bounds: { x: 0, y: 0, width: 5000, height: 3000 }, maximized: false, fullScreen: false }, primary, [primary])).toMatchObject({ width: 1920, height: 1040 });
    expect(initialWindowGeometry({ bounds: { x: 0, y: 0, width: 300, height: 200 }, maximized: false, fullScreen: false }, primary, [primary])).toMatchObject({ width: 880, height: 600 });
  });

  it('lets the minimum size yield on a screen smaller than 880×600', () => {
    const small = { x: 0, y: 0, width: 800, height: 560 };
    expect(initialWindowGeometry(null, small, [small])).toMatchObject({ width: 800, height: 560, minWidth: 800, minHeight: 560 });
  });
});

describe('saved window state', () => {
  it('accepts a well-formed record', () => {
    expect(parseWindowState({ bounds: { x: -10, y: 0, width: 900, height: 700 }, maximized: true })).toEqual({
      bounds: { x: -10, y: 0, width: 900, height: 700 },
      maximized: true,
      fullScreen: false,
    });
  });

  it('rejects anything else', () => {
    for (const bad of [null, 'x', {}, { bounds: { x: 0, y: 0, width: -1, height: 5 } }, { bounds: { x: 0.5, y: 0, width: 1, height: 1 } }]) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });

  it('captures the normal bounds, so a maximised window restores to its old size', () => {
    const win = { getNormalBounds: () => ({ x: 10.4, y: 20, width: 900, height: 700.6 }), isMaximized: () => true, isFullScreen: () => false };
    expect(captureWindowState(win)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 701 }, maximized: true, fullScreen: false });
  });
});
