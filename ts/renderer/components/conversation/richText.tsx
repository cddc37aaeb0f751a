// Renders a locale string whose template marks bold fragments with <b>…</b> (as the official strings
// do, e.g. "<b>You</b> turned <b>off</b> disappearing messages."). Variables are filled in after the
// tags are found, as text nodes, so a name containing "<b>" stays literal text.
import { Fragment, type ReactNode } from 'react';
import type { LocaleKey } from '../../locales/en';
import { t, type TranslateVars } from '../../locales/i18n';

// Placeholder markers that cannot occur in a template or be typed in a name field.
const mark = (i: number) => `\u0000${i}\u0000`;
const MARKED = /\u0000(\d+)\u0000/;

function fill(text: string, values: readonly string[]): string {
  let out = text;
  for (;;) {
    const m = MARKED.exec(out);
    if (!m) return out;
    out = out.slice(0, m.index) + values[Number(m[1])]! + out.slice(m.index + m[0].length);
  }
}

function marked(key: LocaleKey, vars: TranslateVars): { template: string; values: string[] } {
  const values: string[] = [];
  const withMarks: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) {
    // Numbers stay numbers (plural choices read them); strings go in as markers.
    if (typeof v === 'number') withMarks[k] = v;
    else {
      withMarks[k] = mark(values.length);
      values.push(v);
    }
  }
  return { template: t(key, withMarks), values };
}

// The tag's letter may be accented by a pseudo-locale ("<ƀ>"): any one-letter tag closed by itself is bold.
const BOLD = /<([^<>/\s])>(.*?)<\/\1>/gs;

/** The string as React nodes: <b> fragments in <strong>, the variables as plain text. */
export function richText(key: LocaleKey, vars: TranslateVars = {}): ReactNode {
  const { template, values } = marked(key, vars);
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const m of template.matchAll(BOLD)) {
    if (m.index > at) nodes.push(<Fragment key={nodes.length}>{fill(template.slice(at, m.index), values)}</Fragment>);
    nodes.push(<strong key={nodes.length}>{fill(m[2]!, values)}</strong>);
    at = m.index + m[0].length;
  }
  if (at < template.length) nodes.push(<Fragment key={nodes.length}>{fill(template.slice(at), values)}</Fragment>);
  return nodes;
}

/** The same string as plain text (for labels and tooltips). */
export function plainText(key: LocaleKey, vars: TranslateVars = {}): string {
  const { template, values } = marked(key, vars);
  return fill(template.replace(BOLD, '$2'), values);
}
