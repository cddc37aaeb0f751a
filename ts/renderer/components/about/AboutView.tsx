// The About content (spec/ui.md §1.1 item 3): brand mark, "Session" wordmark, click-to-copy lines for
// the version, the system and the commit, and the official site's links. No "Go to Release Notes":
// the project publishes no release page to point at. The host decides how links open and how a copy
// is acknowledged (its own window in Electron, a dialog in the web host).
import styled from 'styled-components';
import type { AboutInfo } from '../../../ipc/contract';
import { t } from '../../locales/i18n';
import { BrandMark, BrandWordmark } from '../common/BrandMark';
import { PRIVACY_POLICY_URL, TERMS_OF_SERVICE_URL } from '../OpenUrlModal';

export const WEBSITE_URL = 'https://getsession.org';

const Wrap = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  padding: 10px 20px 20px;
  text-align: center;
`;

const CopyLine = styled.button`
  max-width: 100%;
  padding: 4px 10px;
  border: none;
  border-radius: 5px;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 14px;
  overflow-wrap: anywhere;
  user-select: text;
  cursor: copy;
  &:hover {
    background: var(--chat-buttons-background-hover-color);
  }
`;

const Links = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 8px 20px;
  margin-top: 10px;
  a {
    /* The accent on dark themes; on light ones a pale accent would be unreadable, so the text colour. */
    color: var(--renderer-span-primary-color);
    font-size: 14px;
  }
`;

export interface AboutViewProps {
  info: AboutInfo;
  /** Opens an external link (after the host's "Open URL" confirmation). */
  openLink: (url: string) => void;
  /** Copies a line's text and tells the user. */
  copy: (text: string) => void;
}

export function AboutView({ info, openLink, copy }: AboutViewProps) {
  const lines: Array<{ id: string; text: string }> = [
    { id: 'version', text: t('helpAboutVersion', { version: info.version }) },
    { id: 'system', text: t('helpAboutSystem', { information: info.systemInformation }) },
    ...(info.commitHash !== undefined ? [{ id: 'commit', text: t('helpAboutCommit', { hash: info.commitHash }) }] : []),
    // Like the official environment line: only when this is not the main network.
    ...(info.network !== 'mainnet' ? [{ id: 'network', text: t('helpAboutNetwork', { network: info.network }) }] : []),
  ];
  const links: Array<{ id: string; url: string; label: string }> = [
    { id: 'website', url: WEBSITE_URL, label: WEBSITE_URL },
    { id: 'privacy', url: PRIVACY_POLICY_URL, label: t('privacyPolicy') },
    { id: 'terms', url: TERMS_OF_SERVICE_URL, label: t('termsOfService') },
  ];
  return (
    <Wrap data-testid="about-view">
      <BrandMark height={140} />
      <BrandWordmark text={t('appName')} size={34} />
      {lines.map((line) => (
        <CopyLine key={line.id} type="button" title={t('helpAboutCopyHint')} onClick={() => copy(line.text)} data-testid={`about-${line.id}`}>
          {line.text}
        </CopyLine>
      ))}
      <Links>
        {links.map((link) => (
          <a
            key={link.id}
            href={link.url}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(e) => {
              e.preventDefault();
              openLink(link.url);
            }}
            data-testid={`about-link-${link.id}`}
          >
            {link.label}
          </a>
        ))}
      </Links>
    </Wrap>
  );
}
