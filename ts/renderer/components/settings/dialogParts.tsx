// Pieces the settings-area dialogs share: explanatory text, a centred row of pill buttons (accent,
// danger or plain), and a small spinner for actions in flight.
import styled, { keyframes } from 'styled-components';

export const DialogText = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  text-align: center;
  overflow-wrap: anywhere;
`;

export const DialogButtons = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 15px;
`;

export const DialogButton = styled.button<{ $tone?: 'primary' | 'danger' }>`
  min-width: 110px;
  padding: 8px 20px;
  border-radius: 20px;
  border: 1px solid ${(p) => (p.$tone === 'primary' ? 'var(--button-outline-color)' : p.$tone === 'danger' ? 'var(--danger-color)' : 'var(--borders-color)')};
  background: transparent;
  color: ${(p) => (p.$tone === 'primary' ? 'var(--button-outline-color)' : p.$tone === 'danger' ? 'var(--danger-text-color)' : 'var(--text-primary-color)')};
  font: inherit;
  cursor: pointer;
  &:hover:not(:disabled) {
    background: ${(p) => (p.$tone === 'primary' ? 'var(--primary-color)' : p.$tone === 'danger' ? 'var(--danger-color)' : 'var(--chat-buttons-background-hover-color)')};
    color: ${(p) => (p.$tone ? 'var(--text-on-accent-color)' : 'var(--text-primary-color)')};
  }
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

const spin = keyframes`
  to { transform: rotate(360deg); }
`;

export const Spinner = styled.span`
  display: inline-block;
  width: 28px;
  height: 28px;
  border-radius: 50%;
  border: 3px solid var(--borders-color);
  border-top-color: var(--primary-color);
  animation: ${spin} 0.9s linear infinite;
`;

export const Centered = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 15px;
  margin: 10px 0;
`;

export const ErrorLine = styled.p`
  margin: 0 0 15px;
  color: var(--danger-text-color);
  font-size: 14px;
  text-align: center;
  overflow-wrap: anywhere;
`;
