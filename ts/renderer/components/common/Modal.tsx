// Modal card of spec/ui.md §1.2: centred, 13 px corners, dimmed backdrop, header with optional
// back chevron, title and close. Esc closes; focus stays inside while it is open.
import { ChevronLeft, X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import styled from 'styled-components';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { t } from '../../locales/i18n';
import { IconButton } from './IconButton';

const WIDTHS = { narrow: 350, normal: 420, wide: 500 } as const;

const Backdrop = styled.div`
  position: fixed;
  inset: 0;
  z-index: 100;
  display: flex;
  align-items: center;
  justify-content: center;
  background: var(--modal-background-color);
`;

const Card = styled.div<{ $width: number }>`
  display: flex;
  flex-direction: column;
  width: ${(p) => p.$width}px;
  max-width: calc(100vw - 40px);
  max-height: calc(var(--viewport-height, 100vh) - 40px);
  border-radius: 13px;
  border: 1px solid var(--borders-color);
  background: var(--modal-background-content-color);
  box-shadow: var(--modal-drop-shadow);
  color: var(--text-primary-color);
  outline: none;
`;

const Header = styled.div`
  display: grid;
  grid-template-columns: 40px 1fr 40px;
  align-items: center;
  padding: 15px 15px 5px;
`;

const Title = styled.h2`
  margin: 0;
  text-align: center;
  font-size: 18px;
  font-weight: 700;
`;

const Body = styled.div`
  overflow-y: auto;
  padding: 10px 25px 25px;
`;

export interface ModalProps {
  title: string;
  onClose: () => void;
  onBack?: (() => void) | undefined;
  width?: keyof typeof WIDTHS;
  testId?: string;
  children: ReactNode;
}

export function Modal({ title, onClose, onBack, width = 'normal', testId, children }: ModalProps) {
  const cardRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(cardRef, onClose);
  // Moving to another page unmounts the focused control; keep focus (and so Esc and Tab) in the card.
  useEffect(() => {
    const card = cardRef.current;
    if (card && !card.contains(document.activeElement)) card.focus();
  }, [title]);
  return (
    <Backdrop>
      <Card ref={cardRef} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} $width={WIDTHS[width]} data-testid={testId}>
        <Header>
          {onBack ? (
            <IconButton label={t('back')} onClick={onBack} data-testid="modal-back">
              <ChevronLeft size={22} aria-hidden className="rtl-flip" />
            </IconButton>
          ) : (
            <span />
          )}
          <Title id={titleId}>{title}</Title>
          <IconButton label={t('close')} onClick={onClose} data-testid="modal-close">
            <X size={22} aria-hidden />
          </IconButton>
        </Header>
        <Body>{children}</Body>
      </Card>
    </Backdrop>
  );
}
