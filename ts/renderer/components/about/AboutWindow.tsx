// The page of Electron's About window (`?view=about`, main/aboutWindow.ts): it has no preload and no
// engine, so everything it shows arrives in its URL, which the main process builds. Links open through
// the main process's "Open URL" confirmation (every window the page opens goes there).
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import type { AboutInfo, NetworkName } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import { applyTheme } from '../../theme/applyTheme';
import { ACCENT_NAMES, THEME_NAMES, type AccentName, type ThemeName } from '../../theme/tokens';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { copyText } from '../settings/copyText';
import { AboutView } from './AboutView';

export interface AboutPageParams {
  info: AboutInfo;
  theme: ThemeName;
  accent: AccentName;
}

const NETWORKS: readonly NetworkName[] = ['mainnet', 'testnet', 'custom'];

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  list.includes(value as T) ? (value as T) : fallback;

/** Reads the About window's URL; unknown or missing values fall back to safe defaults. */
export function parseAboutParams(search: string): AboutPageParams {
  const q = new URLSearchParams(search);
  const commit = q.get('commit');
  return {
    info: {
      name: q.get('name') ?? t('appName'),
      version: q.get('version') ?? '',
      systemInformation: q.get('system') ?? '',
      ...(commit ? { commitHash: commit } : {}),
      network: oneOf(NETWORKS, q.get('network'), 'mainnet'),
    },
    theme: oneOf(THEME_NAMES, q.get('theme'), 'classic-dark'),
    accent: oneOf(ACCENT_NAMES, q.get('accent'), 'green'),
  };
}

const Page = styled.main`
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  justify-content: center;
  background: var(--background-primary-color);
  color: var(--text-primary-color);
`;

const Status = styled.p`
  min-height: 1.4em;
  margin: 0;
  font-size: 13px;
  text-align: center;
  color: var(--text-secondary-color);
`;

export function AboutWindow({ params, openLink }: { params: AboutPageParams; openLink: (url: string) => void }) {
  const [status, setStatus] = useState('');
  useEffect(() => {
    applyTheme(document.documentElement, params.theme, params.accent);
    document.title = t('helpAboutTitle', { name: params.info.name });
  }, [params]);
  const copy = (text: string) =>
    void copyText(text).then(
      () => setStatus(t('copied')),
      () => setStatus(t('copyFailed')),
    );
  return (
    <Page>
      {/* The window's heading for assistive technology; the wordmark below says it visually. */}
      <VisuallyHidden as="h1">{t('helpAboutTitle', { name: params.info.name })}</VisuallyHidden>
      <AboutView info={params.info} openLink={openLink} copy={copy} />
      <Status role="status" data-testid="about-status">
        {status}
      </Status>
    </Page>
  );
}
