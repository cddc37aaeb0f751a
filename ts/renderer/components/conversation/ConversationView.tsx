// The open conversation (spec/ui.md §4): header with name and Account ID, the message list (oldest
// at the top, kept scrolled to the newest), the request bar for incoming requests, and the composer.
import { AlertTriangle, ArrowUp, CircleCheck, CircleEllipsis, Eye } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import { pillButton } from '../common/formStyles';
import type { ConversationSummary, MessageView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { acceptRequest, declineRequest, markConversationRead, selectConversation } from '../../state/conversations';
import {
  fetchMessages,
  messageRowRemoved,
  PENDING_PREFIX,
  retryMessage,
  selectMessagesLoadError,
  selectMessagesOf,
  sendMessage,
} from '../../state/messages';
import { selectSetting } from '../../state/settings';
import { showToast } from '../../state/ui';
import { formatActivityTime, shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';

const View = styled.section`
  align-self: stretch;
  display: flex;
  flex-direction: column;
  flex: 1;
  min-width: 0;
  height: 100%;
`;

const Header = styled.header`
  display: flex;
  align-items: center;
  gap: 12px;
  height: 68px;
  flex: none;
  padding: 0 20px;
  border-bottom: 1px solid var(--borders-color);
`;

const Titles = styled.div`
  display: flex;
  flex: 1;
  min-width: 0;
  flex-direction: column;
  align-items: center;
  gap: 2px;
`;

const Title = styled.h2`
  max-width: 100%;
  margin: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 16px;
  font-weight: 700;
`;

const Subtitle = styled.span`
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-family: monospace;
  font-size: 12px;
  color: var(--text-secondary-color);
  user-select: all;
`;

const List = styled.ol`
  display: flex;
  flex: 1;
  min-height: 0;
  flex-direction: column;
  gap: 10px;
  margin: 0;
  padding: 16px 20px;
  overflow-y: auto;
  list-style: none;
`;

const Row = styled.li<{ $outgoing: boolean }>`
  display: flex;
  flex-direction: column;
  align-items: ${(p) => (p.$outgoing ? 'flex-end' : 'flex-start')};
  padding-${(p) => (p.$outgoing ? 'left' : 'right')}: min(25%, 120px);
`;

const Bubble = styled.div<{ $outgoing: boolean }>`
  max-width: 100%;
  padding: 7px 13px;
  border-radius: 16px;
  background: ${(p) => (p.$outgoing ? 'var(--primary-color)' : 'var(--message-bubble-incoming-background-color, var(--background-secondary-color, #2d2d2d))')};
  color: ${(p) => (p.$outgoing ? 'var(--text-on-accent-color)' : 'var(--text-primary-color)')};
  font-size: 15px;
  line-height: 1.4;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  user-select: text;
`;

const Meta = styled.span<{ $failed?: boolean }>`
  display: flex;
  align-items: center;
  gap: 4px;
  margin-top: 3px;
  font-size: 11px;
  color: ${(p) => (p.$failed ? 'var(--danger-color)' : 'var(--text-secondary-color)')};
`;

const LinkButton = styled.button`
  padding: 0;
  border: none;
  background: none;
  color: var(--danger-color);
  font: inherit;
  font-weight: 700;
  text-decoration: underline;
  cursor: pointer;
`;

const EmptyText = styled.p`
  margin: auto;
  max-width: 420px;
  text-align: center;
  font-size: 14px;
  color: var(--text-secondary-color);
  overflow-wrap: anywhere;
`;

const RequestBar = styled.div`
  display: flex;
  flex: none;
  flex-direction: column;
  align-items: center;
  gap: 10px;
  padding: 12px 20px;
  border-top: 1px solid var(--borders-color);
  p {
    margin: 0;
    font-size: 13px;
    text-align: center;
    color: var(--text-secondary-color);
  }
  div {
    display: flex;
    gap: 12px;
  }
`;

const Pill = styled.button<{ $danger?: boolean }>`
  ${pillButton}
  min-width: 110px;
  height: 36px;
  padding: 0 18px;
  border-radius: 18px;
  ${(p) => (p.$danger ? 'border-color: var(--danger-color); color: var(--danger-color);' : '')}
`;

const Composer = styled.form`
  display: flex;
  flex: none;
  align-items: flex-end;
  gap: 10px;
  padding: 10px 16px;
  border-top: 1px solid var(--borders-color);
  textarea {
    flex: 1;
    min-height: 38px;
    max-height: 160px;
    padding: 9px 12px;
    border: none;
    border-radius: 19px;
    outline: none;
    resize: none;
    background: var(--search-bar-background-color);
    color: var(--text-primary-color);
    font: inherit;
    font-size: 15px;
    line-height: 20px;
  }
`;

const SendButton = styled.button`
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 38px;
  height: 38px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
  cursor: pointer;
  &:disabled {
    opacity: 0.4;
    cursor: default;
  }
`;

function nameOf(id: string, summary: ConversationSummary | undefined): string {
  if (summary?.kind === 'note-to-self') return t('noteToSelf');
  return summary?.name?.trim() || shortenId(id);
}

function StatusLine({ m, showSent }: { m: MessageView; showSent: boolean }) {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const now = useNow();
  if (m.status === 'sending') {
    return (
      <Meta data-testid="message-status">
        <CircleEllipsis size={12} aria-hidden />
        {t('statusSending')}
      </Meta>
    );
  }
  if (m.status === 'failed') {
    const retry = () => {
      if (!m.id.startsWith(PENDING_PREFIX)) {
        void dispatch(retryMessage(m.id));
        return;
      }
      // The backend never took this one: send it again as a new message.
      dispatch(messageRowRemoved({ conversationId: m.conversationId, id: m.id }));
      void dispatch(sendMessage({ conversationId: m.conversationId, sender: account?.sessionId ?? m.sender, text: m.text, sentAt: now() }));
    };
    return (
      <Meta $failed data-testid="message-status" title={m.error}>
        <AlertTriangle size={12} aria-hidden />
        {t('statusFailed')}
        <LinkButton type="button" onClick={retry} data-testid="message-retry">
          {t('retrySend')}
        </LinkButton>
      </Meta>
    );
  }
  if (!showSent) return null;
  return (
    <Meta data-testid="message-status">
      {m.status === 'read' ? <Eye size={12} aria-hidden /> : <CircleCheck size={12} aria-hidden />}
      {m.status === 'read' ? t('statusRead') : t('statusSent')}
    </Meta>
  );
}

function MessageRow({ m, showSent, now }: { m: MessageView; showSent: boolean; now: number }) {
  const outgoing = m.direction === 'outgoing';
  const when = new Date(m.timestamp).toLocaleString();
  return (
    <Row $outgoing={outgoing} data-testid="message" data-direction={m.direction} data-status={m.status} title={when}>
      {/* Text is rendered as a text node (React escapes it); dir="auto" keeps RTL text from reordering the layout. */}
      <Bubble $outgoing={outgoing} dir="auto" data-testid="message-text">
        {m.text}
      </Bubble>
      <Meta>
        <time dateTime={new Date(m.timestamp).toISOString()}>{formatActivityTime(m.timestamp, now)}</time>
      </Meta>
      {outgoing ? <StatusLine m={m} showSent={showSent} /> : null}
    </Row>
  );
}

function MessageList({ conversationId, name, noteToSelf }: { conversationId: string; name: string; noteToSelf: boolean }) {
  const messages = useAppSelector(selectMessagesOf(conversationId));
  const loadError = useAppSelector(selectMessagesLoadError(conversationId));
  const now = useNow()();
  const ref = useRef<HTMLOListElement>(null);
  const last = messages[messages.length - 1];
  // Follow the newest message whenever one arrives (or on open).
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversationId, messages.length, last?.id]);
  let lastOutgoing = -1;
  messages.forEach((m, i) => {
    if (m.direction === 'outgoing') lastOutgoing = i;
  });
  if (messages.length === 0) {
    const text = loadError
      ? t('messagesLoadFailed', { message: loadError })
      : noteToSelf
        ? t('noMessagesNoteToSelf')
        : t('noMessagesPrivate', { name });
    return <EmptyText data-testid="messages-empty">{text}</EmptyText>;
  }
  return (
    <List ref={ref} aria-label={t('messageList')} data-testid="message-list">
      {messages.map((m, i) => (
        <MessageRow key={m.id} m={m} showSent={i === lastOutgoing} now={now} />
      ))}
    </List>
  );
}

function RequestActions({ id }: { id: string }) {
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const act = async (action: typeof acceptRequest | typeof declineRequest) => {
    setBusy(true);
    const r = await dispatch(action(id));
    setBusy(false);
    if (action.rejected.match(r)) {
      dispatch(showToast({ kind: 'error', message: t('requestActionFailed', { message: r.payload ?? '' }) }));
    }
  };
  return (
    <RequestBar data-testid="request-bar">
      <div>
        <Pill type="button" disabled={busy} onClick={() => void act(acceptRequest)} data-testid="request-accept">
          {t('requestAccept')}
        </Pill>
        <Pill type="button" $danger disabled={busy} onClick={() => void act(declineRequest)} data-testid="request-decline">
          {t('requestDecline')}
        </Pill>
      </div>
      <p>{t('requestExplainer')}</p>
    </RequestBar>
  );
}

function CompositionBox({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const enterKey = useAppSelector(selectSetting('enterKey')) ?? 'enter-sends';
  const now = useNow();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  // A fresh, empty draft per conversation; focus follows the open conversation.
  useEffect(() => {
    setText('');
    ref.current?.focus();
  }, [conversationId]);
  // The box grows with its text up to its max-height, then scrolls.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);
  const canSend = text.trim() !== '' && account !== null;
  const send = () => {
    if (!canSend || !account) return;
    // Sent byte-exact: only an all-whitespace message is refused.
    void dispatch(sendMessage({ conversationId, sender: account.sessionId, text, sentAt: now() })).then((r) => {
      if (sendMessage.rejected.match(r)) {
        dispatch(showToast({ kind: 'error', message: t('sendFailed', { message: r.payload ?? '' }) }));
      }
    });
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const sends = enterKey === 'enter-sends' ? !e.shiftKey : e.shiftKey;
    if (!sends) return; // the textarea inserts the newline itself
    e.preventDefault();
    send();
  };
  return (
    <Composer
      data-testid="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={ref}
        rows={1}
        value={text}
        dir="auto"
        placeholder={t('composerPlaceholder')}
        aria-label={t('composerLabel')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer-input"
      />
      <SendButton type="submit" disabled={!canSend} aria-label={t('send')} title={t('send')} data-testid="composer-send">
        <ArrowUp size={20} aria-hidden />
      </SendButton>
    </Composer>
  );
}

export function ConversationView({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const summary = useAppSelector(selectConversation(conversationId));
  const name = nameOf(conversationId, summary);
  useEffect(() => {
    void dispatch(fetchMessages(conversationId));
  }, [dispatch, conversationId]);
  // Unread messages of the open conversation are read once the window is visible: now, or when it is
  // shown or focused again (new messages arriving while it is hidden stay unread until then).
  const unread = summary?.unreadCount ?? 0;
  useEffect(() => {
    if (unread === 0) return;
    const markIfSeen = (): void => {
      if (document.visibilityState === 'visible') void dispatch(markConversationRead(conversationId));
    };
    markIfSeen();
    window.addEventListener('focus', markIfSeen);
    document.addEventListener('visibilitychange', markIfSeen);
    return () => {
      window.removeEventListener('focus', markIfSeen);
      document.removeEventListener('visibilitychange', markIfSeen);
    };
  }, [dispatch, conversationId, unread]);
  // spec/ui.md §4.7: Esc anywhere in the conversation focuses the composer.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape') return;
    const input = e.currentTarget.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]');
    if (input && document.activeElement !== input) input.focus();
  };
  return (
    <View data-testid="conversation-view" aria-label={name} onKeyDown={onKeyDown}>
      <Header data-testid="conversation-header">
        <Titles>
          <Title dir="auto" data-testid="conversation-title">
            {name}
          </Title>
          <Subtitle data-testid="conversation-session-id">{conversationId}</Subtitle>
        </Titles>
        <Avatar id={conversationId} name={summary?.kind === 'note-to-self' ? name : summary?.name} size={36} />
      </Header>
      <MessageList conversationId={conversationId} name={name} noteToSelf={summary?.kind === 'note-to-self'} />
      {summary?.isRequest ? <RequestActions id={conversationId} /> : null}
      <CompositionBox conversationId={conversationId} />
    </View>
  );
}
