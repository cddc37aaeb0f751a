// "… is typing" (spec/ui.md §4.2): the animated three-dot bubble below the last message of a 1:1
// conversation while the peer types, shown only with the "Typing Indicators" setting on (see and
// share). Screen readers hear "{name} is typing" once, politely.
import styled, { keyframes } from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectSetting } from '../../state/settings';
import { selectPeerTyping } from '../../state/typing';
import { VisuallyHidden } from '../common/VisuallyHidden';

const bounce = keyframes`
  0%, 60%, 100% { transform: translateY(0); opacity: 0.45; }
  30% { transform: translateY(-3px); opacity: 1; }
`;

const Wrap = styled.div`
  flex: none;
  padding: 0 20px 8px;
`;

const Bubble = styled.div`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  height: 30px;
  padding: 0 13px;
  border-radius: 16px;
  background: var(--message-bubble-incoming-background-color, var(--background-secondary-color, #2d2d2d));
  span {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--text-primary-color);
    animation: ${bounce} 1.2s infinite ease-in-out;
  }
  span:nth-child(2) {
    animation-delay: 0.15s;
  }
  span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @media (prefers-reduced-motion: reduce) {
    span {
      animation: none;
    }
  }
`;

const Dots = styled(Bubble)`
  height: auto;
  padding: 0;
  background: transparent;
  span {
    width: 5px;
    height: 5px;
    background: var(--text-secondary-color);
  }
`;

/** The list row's preview while the peer types (spec/ui.md §3.5): the same dots, small, with the text for screen readers. */
export function TypingDots({ name }: { name: string }) {
  return (
    <span data-testid="row-typing" title={t('cfIsTyping', { name })}>
      <Dots as="span" aria-hidden="true">
        <span />
        <span />
        <span />
      </Dots>
      <VisuallyHidden>{t('cfIsTyping', { name })}</VisuallyHidden>
    </span>
  );
}

/** Whether to show that the peer of this 1:1 conversation types (the setting is see-and-share). */
export function usePeerTyping(conversationId: string, isPrivate: boolean): boolean {
  const typing = useAppSelector(selectPeerTyping(conversationId));
  const enabled = useAppSelector(selectSetting('typingIndicators')) === true;
  return typing && enabled && isPrivate;
}

export function TypingIndicator({ conversationId, name, isPrivate }: { conversationId: string; name: string; isPrivate: boolean }) {
  const show = usePeerTyping(conversationId, isPrivate);
  return (
    <div role="status" aria-live="polite">
      {show ? (
        <Wrap data-testid="typing-indicator" title={t('cfIsTyping', { name })}>
          <Bubble aria-hidden="true">
            <span />
            <span />
            <span />
          </Bubble>
          <VisuallyHidden>{t('cfIsTyping', { name })}</VisuallyHidden>
        </Wrap>
      ) : null}
    </div>
  );
}
