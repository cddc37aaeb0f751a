// Main window size, position, maximised and full-screen state, remembered between launches
// (spec/ui.md §1.1): parsing the saved record, clamping it to the screens of today, capturing it.
import { z } from 'zod';

export const DEFAULT_WIDTH = 880;
export const DEFAULT_HEIGHT = 820;
export const MIN_WIDTH = 880;
export const MIN_HEIGHT = 600;
/** How much of the window's top edge must lie on a screen for the position to count as visible. */
const VISIBLE_TITLE_WIDTH = 100;
const VISIBLE_TITLE_HEIGHT = 30;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

const rectSchema = z.object({
  x: z.number().int().min(-1_000_000).max(1_000_000),
  y: z.number().int().min(-1_000_000).max(1_000_000),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
});

const windowStateSchema = z.object({
  bounds: rectSchema,
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});

/** The saved record comes from a file a person can edit: anything unexpected means "no saved state". */
export function parseWindowState(raw: unknown): WindowState | null {
  const r = windowStateSchema.safeParse(raw);
  return r.success ? r.data : null;
}

export interface InitialWindowGeometry {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** Absent when the window should be centred by the OS. */
  x?: number;
  y?: number;
  maximized: boolean;
  fullScreen: boolean;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when the window's title strip is on some screen, so the user can grab and move it. */
export function isTitleBarVisible(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleStrip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, VISIBLE_TITLE_HEIGHT) };
  return workAreas.some((area) => {
    const o = overlap(titleStrip, area);
    return o.width >= Math.min(VISIBLE_TITLE_WIDTH, bounds.width) && o.height >= Math.min(VISIBLE_TITLE_HEIGHT, titleStrip.height);
  });
}

/**
 * Geometry for the new window: the saved state when it still fits the screens, otherwise defaults.
 * The minimum size yields to a work area smaller than 880×600; the size never exceeds the work area;
 * a position off every screen is dropped so the OS centres the window.
 */
export function initialWindowGeometry(saved: WindowState | null, primaryWorkArea: Rect, workAreas: readonly Rect[]): InitialWindowGeometry {
  const areas = workAreas.length > 0 ? workAreas : [primaryWorkArea];
  const onScreen = saved !== null && isTitleBarVisible(saved.bounds, areas);
  // Clamp to the screen the window will appear on.
  const area = onScreen ? (areas.find((a) => overlap(saved.bounds, a).width > 0 && overlap(saved.bounds, a).height > 0) ?? primaryWorkArea) : primaryWorkArea;
  const minWidth = Math.min(MIN_WIDTH, area.width);
  const minHeight = Math.min(MIN_HEIGHT, area.height);
  const wantWidth = saved?.bounds.width ?? DEFAULT_WIDTH;
  const wantHeight = saved?.bounds.height ?? DEFAULT_HEIGHT;
  const geometry: InitialWindowGeometry = {
    width: clamp(wantWidth, minWidth, area.width),
    height: clamp(wantHeight, minHeight, area.height),
    minWidth,
    minHeight,
    maximized: saved?.maximized ?? false,
    fullScreen: saved?.fullScreen ?? false,
  };
  if (onScreen) {
    geometry.x = saved.bounds.x;
    geometry.y = saved.bounds.y;
  }
  return geometry;
}

function clamp(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(v, Math.max(min, max)));
}

export interface StatefulWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

/** What to save: the normal (restored) bounds, so un-maximising next time gives back the old size. */
export function captureWindowState(win: StatefulWindow): WindowState {
  const b = win.getNormalBounds();
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: win.isMaximized(),
    fullScreen: win.isFullScreen(),
  };
}
