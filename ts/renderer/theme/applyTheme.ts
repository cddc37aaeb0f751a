// Applies the theme, accent and zoom settings to the document: CSS variables on <html>, a
// data-theme attribute for stylesheet rules, and color-scheme so native controls match.
import { isDarkTheme, themeVariables, type AccentName, type ThemeName } from './tokens';

export function applyTheme(root: HTMLElement, theme: ThemeName, accent: AccentName): void {
  for (const [name, value] of Object.entries(themeVariables(theme, accent))) root.style.setProperty(name, value);
  root.dataset.theme = theme;
  root.style.colorScheme = isDarkTheme(theme) ? 'dark' : 'light';
}

/**
 * Zoom for hosts without a native zoom: Electron's main process zooms the whole window itself,
 * so there the factor must not be applied a second time.
 */
export function applyZoom(root: HTMLElement, zoomFactor: number): void {
  root.style.setProperty('zoom', zoomFactor === 1 ? '' : String(zoomFactor));
  // Viewport units are not zoomed back: full-height layouts divide by this (see --viewport-height).
  root.style.setProperty('--app-zoom', String(zoomFactor));
}
