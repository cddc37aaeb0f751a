// The one way the page opens an external link, so every link is confirmed exactly once (spec/ui.md §8.10):
// in the web host by the "Open URL" dialog of the page; in Electron by the main process, which shows its
// native "Open URL" dialog for every window the page asks to open (main/externalLinks.ts) and cannot be
// talked past by the page. Asking in the page first would ask twice there.
import { useCallback } from 'react';
import { selectAppInfo } from '../state/app';
import { openModal } from '../state/ui';
import { useAppDispatch, useAppSelector } from './redux';

/** Opens a web link as a new window (what the Electron main process confirms, and the browser does after the page's dialog). */
export function openConfirmedLink(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

export function useOpenExternalLink(): (url: string) => void {
  const dispatch = useAppDispatch();
  const electron = useAppSelector(selectAppInfo)?.host === 'electron';
  return useCallback(
    (url: string) => {
      if (electron) openConfirmedLink(url);
      else dispatch(openModal({ kind: 'open-url', url }));
    },
    [dispatch, electron],
  );
}
