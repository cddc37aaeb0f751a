// Message text with its web links (spec/ui.md §4.3). A link never opens by itself: in the web host a click
// opens the "Open URL" confirmation; in Electron the main process shows that confirmation for every window
// the page asks to open, so the click goes straight to it.
import type { MouseEvent } from 'react';
import { useMemo } from 'react';
import styled from 'styled-components';
import { useOpenExternalLink } from '../../hooks/useOpenExternalLink';
import { splitLinks } from './links';

const Link = styled.a`
  color: inherit;
  text-decoration: underline;
  overflow-wrap: anywhere;
  &:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 1px;
  }
`;

export function LinkifiedText({ text }: { text: string }) {
  const openLink = useOpenExternalLink();
  const segments = useMemo(() => splitLinks(text), [text]);
  if (segments.length === 1 && segments[0]?.kind === 'text') return <>{text}</>;
  const open = (e: MouseEvent, url: string) => {
    e.preventDefault();
    e.stopPropagation();
    openLink(url);
  };
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <Link key={i} href={s.url} rel="noopener noreferrer" target="_blank" onClick={(e) => open(e, s.url)} data-testid="message-link">
            {s.text}
          </Link>
        ),
      )}
    </>
  );
}
