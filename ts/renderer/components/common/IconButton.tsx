// A round, icon-only button: the accessible name is required because there is no visible text.
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import styled from 'styled-components';

const Button = styled.button<{ $size: number }>`
  display: inline-flex;
  align-items: center;
  justify-content: center;
  width: ${(p) => p.$size}px;
  height: ${(p) => p.$size}px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: transparent;
  color: var(--text-primary-color);
  cursor: pointer;
  transition: background-color 0.25s, color 0.25s;
  &:hover {
    background: var(--chat-buttons-background-hover-color);
  }
  &:disabled {
    color: var(--disabled-color);
    cursor: default;
  }
`;

export type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> & {
  label: string;
  size?: number;
  children: ReactNode;
};

export function IconButton({ label, size = 34, children, type = 'button', ...rest }: IconButtonProps) {
  return (
    <Button type={type} aria-label={label} title={label} $size={size} {...rest}>
      {children}
    </Button>
  );
}
