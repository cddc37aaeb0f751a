// "Auto Dark Mode" (spec/ui.md §6.7): while on, the OS light/dark preference picks the matching
// variant of the current theme family; the accent is kept.
import { useEffect } from 'react';
import { selectSettings, setSetting } from '../state/settings';
import { isDarkTheme, oppositeTheme } from '../theme/tokens';
import { useAppDispatch, useAppSelector } from './redux';

const QUERY = '(prefers-color-scheme: dark)';

export function useFollowSystemTheme(): void {
  const dispatch = useAppDispatch();
  const settings = useAppSelector(selectSettings);
  const follow = settings?.followSystemTheme === true;
  const theme = settings?.theme;
  useEffect(() => {
    // Looked up here, not at module load, so hosts and tests without matchMedia simply opt out.
    if (!follow || !theme || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(QUERY);
    const sync = () => {
      if (media.matches !== isDarkTheme(theme)) void dispatch(setSetting({ key: 'theme', value: oppositeTheme(theme) }));
    };
    sync();
    media.addEventListener('change', sync);
    return () => media.removeEventListener('change', sync);
  }, [follow, theme, dispatch]);
}
