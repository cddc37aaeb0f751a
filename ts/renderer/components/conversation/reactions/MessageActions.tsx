// The message's hover bar (spec/ui.md §4.4-4.5): a "React" button opening the reaction bar (recent
// emoji and "+" for the full picker) and a "Reply" button, shown while the message is pointed at or
// focused. On a focused message Ctrl/Cmd+Shift+E opens the reaction bar and Ctrl/Cmd+Shift+R replies.
// Messages that take neither (in flight, deleted, control) and blocked chats get no buttons.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../../ipc/contract';
import { useAppSelector } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { selectAppInfo } from '../../../state/app';
import { selectConversation } from '../../../state/conversations';
import { EmojiPicker } from '../../emoji/EmojiPicker';
import { useReply } from '../quote/useReply';
import { ReactionBar } from './ReactionBar';
import { takesReactions, useToggleReaction } from './useReactions';

type Open = 'bar' | 'picker' | null;

export function MessageActions({ m }: { m: MessageView }) {
  const [open, setOpen] = useState<Open>(null);
  const reactButton = useRef<HTMLButtonElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const toggle = useToggleReaction();
  const reply = useReply();
  const summary = useAppSelector(selectConversation(m.conversationId));
  const blocked = summary?.isBlocked ?? false;
  // Reactions go to approved chats only (the backend refuses them in a request); replying accepts a request.
  // A message that was never sent cannot be reacted to either.
  const canReact = !summary?.isRequest && (summary?.isApproved ?? true) && !(m.direction === 'outgoing' && m.status === 'failed');
  const mac = useAppSelector(selectAppInfo)?.platform === 'darwin';
  const available = takesReactions(m) && !blocked;
  // --- communities: a read-only room takes no replies ---
  const canReply = !summary?.community || summary.community.canWrite;
  const close = useCallback(() => setOpen(null), []);

  // The shortcuts of a focused message (the row itself, not a control inside it).
  const latest = useRef({ m, reply, available, canReact, canReply, mac });
  latest.current = { m, reply, available, canReact, canReply, mac };
  useEffect(() => {
    const row = (replyButton.current ?? reactButton.current)?.closest<HTMLElement>('[data-testid="message"]');
    if (!row) return;
    const onKey = (e: KeyboardEvent) => {
      const { available: on, mac: isMac } = latest.current;
      const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
      if (!on || e.target !== row || !mod || !e.shiftKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'e' && latest.current.canReact) {
        e.preventDefault();
        setOpen('bar');
      } else if (key === 'r' && latest.current.canReply) {
        e.preventDefault();
        latest.current.reply(latest.current.m);
      }
    };
    row.addEventListener('keydown', onKey);
    return () => row.removeEventListener('keydown', onKey);
  }, [available]);

  if (!available) return null;
  const pick = (emoji: string) => {
    setOpen(null);
    void toggle(m, emoji);
  };
  return (
    <>
      {canReact ? (
        <button
          ref={reactButton}
          type="button"
          className="message-more"
          aria-label={t('reactAction')}
          title={t('reactAction')}
          aria-haspopup="true"
          aria-expanded={open !== null}
          onClick={(e) => {
            e.stopPropagation();
            setOpen((o) => (o === null ? 'bar' : null));
          }}
          data-testid="message-react"
          data-icon="react"
        />
      ) : null}
      {canReply ? (
      <button
        ref={replyButton}
        type="button"
        className="message-more"
        aria-label={t('replyAction')}
        title={t('replyAction')}
        onClick={(e) => {
          e.stopPropagation();
          reply(m);
        }}
        data-testid="message-reply"
        data-icon="reply"
      />
      ) : null}
      {open === 'bar' && reactButton.current ? (
        <ReactionBar
          m={m}
          anchor={reactButton.current}
          onPick={pick}
          onMore={() => setOpen('picker')}
          onClose={close}
        />
      ) : null}
      {open === 'picker' && reactButton.current ? (
        <EmojiPicker anchor={reactButton.current} onSelect={pick} onClose={close} testId="reaction-picker" />
      ) : null}
    </>
  );
}
