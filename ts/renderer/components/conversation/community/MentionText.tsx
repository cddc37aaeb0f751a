// Message text with its mentions (spec/ui.md §4.3): `@<id>` is drawn bold as "@Name" (communities append
// a short id); a mention of us is an accent pill "@You". The rest keeps its links.
import { Fragment } from 'react';
import styled from 'styled-components';
import { t } from '../../../locales/i18n';
import { LinkifiedText } from '../../common/LinkifiedText';
import { memberLabel, MENTION_TOKEN } from './communityContext';

const Mention = styled.strong`
  font-weight: 700;
  &[data-me] {
    padding: 0 4px;
    border-radius: 4px;
    background: var(--primary-color);
    color: #000;
  }
`;

export interface MentionNames {
  ownIds: ReadonlySet<string>;
  names: ReadonlyMap<string, string>;
  /** Communities append a short id to names. */
  withShortId: boolean;
}

/** Whether the text has any `@<id>` mention (most texts do not: they render as before). */
export function hasMention(text: string): boolean {
  return HAS_MENTION.test(text);
}
const HAS_MENTION = new RegExp(MENTION_TOKEN.source);

/** The text with each mention replaced by "@Name" (for previews and notifications). */
export function mentionsAsNames(text: string, names: MentionNames): string {
  return text.replace(MENTION_TOKEN, (_, id: string) => `@${mentionName(id, names)}`);
}

function mentionName(id: string, { ownIds, names, withShortId }: MentionNames): string {
  if (ownIds.has(id)) return t('cmYou');
  const name = names.get(id);
  return withShortId ? memberLabel(id, name) : (name ?? memberLabel(id, undefined));
}

export function MentionText({ text, names }: { text: string; names: MentionNames }) {
  const parts: Array<{ text: string } | { id: string }> = [];
  let at = 0;
  for (const m of text.matchAll(MENTION_TOKEN)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ id: m[1]! });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return (
    <>
      {parts.map((p, i) =>
        'text' in p ? (
          <LinkifiedText key={i} text={p.text} />
        ) : (
          <Fragment key={i}>
            <Mention data-me={names.ownIds.has(p.id) || undefined} data-testid="mention">
              @{mentionName(p.id, names)}
            </Mention>
          </Fragment>
        ),
      )}
    </>
  );
}
