// The reactions row under a bubble (spec/ui.md §4.3): one pill per emoji ("emoji count", the count
// shown from 2), ours with an accent border; a click toggles our reaction. Pointing at or focusing a
// pill shows who reacted. More than six different emoji collapse to four pills and a stack of the next
// three, which expands the row; "Show Less" collapses it again.
import { ChevronUp } from 'lucide-react';
import { memo, useId, useState } from 'react';
import styled from 'styled-components';
import type { MessageView, ReactionView } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { VisuallyHidden } from '../../common/VisuallyHidden';
import { reactionText } from './reactionText';
import { usePersonName, useToggleReaction } from './useReactions';

/** More different emoji than this collapse (the official rule). */
export const COLLAPSE_ABOVE = 6;
/** Pills shown while collapsed, and emoji in the stack after them. */
export const COLLAPSED_PILLS = 4;
export const STACKED_EMOJI = 3;

const Wrap = styled.div`
  position: relative;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px;
  max-width: 100%;
  margin-top: 4px;
  [data-direction='outgoing'] & {
    justify-content: flex-end;
  }
  /* In multi-select a click selects the message: the pills stand aside. */
  [data-selecting] & {
    pointer-events: none;
  }
  .rx-pill {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 26px;
    padding: 0 8px;
    border: 1px solid transparent;
    border-radius: 13px;
    background: var(--message-bubble-incoming-background-color, var(--background-secondary-color));
    color: var(--text-primary-color);
    font: inherit;
    font-size: 13px;
    line-height: 1;
    cursor: pointer;
  }
  .rx-pill[aria-pressed='true'] {
    border-color: var(--primary-color);
  }
  .rx-pill:hover {
    background: var(--chat-buttons-background-hover-color);
  }
  .rx-pill:focus-visible,
  .rx-more:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  .rx-emoji {
    font-size: 15px;
  }
  .rx-more {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 26px;
    padding: 0 8px;
    border: none;
    border-radius: 13px;
    background: transparent;
    color: var(--text-secondary-color);
    font: inherit;
    font-size: 12px;
    cursor: pointer;
  }
  .rx-more:hover {
    color: var(--text-primary-color);
  }
  .rx-stack {
    display: inline-flex;
    font-size: 15px;
  }
  .rx-stack > span {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    margin-inline-start: -8px;
    border: 1px solid var(--borders-color);
    border-radius: 50%;
    background: var(--message-bubble-incoming-background-color, var(--background-secondary-color));
  }
  .rx-stack > span:first-child {
    margin-inline-start: 0;
  }
`;

const Tip = styled.div`
  position: absolute;
  bottom: calc(100% + 6px);
  z-index: 5;
  /* As wide as its text needs (the row itself may be as narrow as one pill). */
  width: max-content;
  max-width: 280px;
  padding: 6px 10px;
  border-radius: 8px;
  background: var(--toast-background-color, var(--modal-background-content-color));
  color: var(--text-primary-color);
  box-shadow: var(--modal-drop-shadow);
  font-size: 12px;
  line-height: 1.35;
  pointer-events: none;
  white-space: normal;
  [data-direction='outgoing'] & {
    inset-inline-end: 0;
  }
`;

function Pill({ m, r, describedBy, onHint }: { m: MessageView; r: ReactionView; describedBy: string; onHint: (r: ReactionView | null) => void }) {
  const toggle = useToggleReaction();
  return (
    <button
      type="button"
      className="rx-pill"
      aria-pressed={r.mine}
      aria-describedby={describedBy}
      onClick={(e) => {
        e.stopPropagation();
        void toggle(m, r.emoji);
      }}
      onMouseEnter={() => onHint(r)}
      onMouseLeave={() => onHint(null)}
      onFocus={() => onHint(r)}
      onBlur={() => onHint(null)}
      data-testid="reaction-pill"
      data-emoji={r.emoji}
      data-count={r.count}
      data-mine={r.mine || undefined}
    >
      <span className="rx-emoji">{r.emoji}</span>
      {r.count > 1 ? <span data-testid="reaction-count">{r.count}</span> : null}
    </button>
  );
}

export const ReactionsRow = memo(function ReactionsRow({ m }: { m: MessageView }) {
  const reactions = m.reactions ?? [];
  const [expanded, setExpanded] = useState(false);
  const [hint, setHint] = useState<ReactionView | null>(null);
  const { nameOf, ownId } = usePersonName();
  const id = useId();
  if (reactions.length === 0) return null;
  const collapsible = reactions.length > COLLAPSE_ABOVE;
  const shown = collapsible && !expanded ? reactions.slice(0, COLLAPSED_PILLS) : reactions;
  const stacked = collapsible && !expanded ? reactions.slice(COLLAPSED_PILLS, COLLAPSED_PILLS + STACKED_EMOJI) : [];
  // The live pill may have changed (counts update while pointed at): its text is read from the current list.
  const hinted = hint ? reactions.find((r) => r.emoji === hint.emoji) : undefined;
  return (
    <Wrap role="group" aria-label={t('reactReactions')} data-testid="reactions-row">
      {shown.map((r, i) => (
        <span key={r.emoji}>
          <Pill m={m} r={r} describedBy={`${id}-${i}`} onHint={setHint} />
          <VisuallyHidden id={`${id}-${i}`}>
            {`${reactionText(r, ownId, nameOf)}. ${r.mine ? t('reactRemoveHint') : t('reactAddHint', { emoji: r.emoji })}`}
          </VisuallyHidden>
        </span>
      ))}
      {stacked.length > 0 ? (
        <button
          type="button"
          className="rx-more"
          aria-expanded={false}
          aria-label={t('reactShowMore', { count: reactions.length - COLLAPSED_PILLS })}
          onClick={(e) => {
            e.stopPropagation();
            setExpanded(true);
          }}
          data-testid="reactions-show-more"
        >
          <span className="rx-stack" aria-hidden>
            {stacked.map((r) => (
              <span key={r.emoji}>{r.emoji}</span>
            ))}
          </span>
        </button>
      ) : null}
      {collapsible && expanded ? (
        <button type="button" className="rx-more" aria-expanded
          onClick={(e) => {
            e.stopPropagation();
            setExpanded(false);
          }} data-testid="reactions-show-less">
          <ChevronUp size={14} aria-hidden />
          {t('reactShowLess')}
        </button>
      ) : null}
      {hinted ? (
        <Tip aria-hidden data-testid="reaction-tooltip">
          {reactionText(hinted, ownId, nameOf)}
        </Tip>
      ) : null}
    </Wrap>
  );
});
