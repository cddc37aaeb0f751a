// Keeps the document's theme variables, zoom and spell checking in step with the settings in the store.
import { useEffect } from 'react';
import { selectAppInfo } from '../state/app';
import { selectSettings } from '../state/settings';
import { applyTheme, applyZoom } from '../theme/applyTheme';
import { useAppSelector } from './redux';

export function useApplyTheme(root: HTMLElement = document.documentElement): void {
  const settings = useAppSelector(selectSettings);
  const host = useAppSelector(selectAppInfo)?.host;
  const theme = settings?.theme ?? 'classic-dark';
  const accent = settings?.accent ?? 'green';
  const zoom = settings?.zoomFactor ?? 1;
  const spellCheck = settings?.spellCheck ?? true;
  useEffect(() => applyTheme(root, theme, accent), [root, theme, accent]);
  useEffect(() => {
    if (host && host !== 'electron') applyZoom(root, zoom);
  }, [root, host, zoom]);
  // Text fields inherit `spellcheck` from the root; Electron also turns its spellchecker off at launch.
  useEffect(() => {
    root.spellcheck = spellCheck;
  }, [root, spellCheck]);
}
