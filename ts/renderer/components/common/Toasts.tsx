// Bottom-right toasts (spec/ui.md §1.2): a refused setting change plus the ui duck's toasts; each
// leaves by itself after a few seconds, or on click.
import { Check, CircleAlert, Info, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import { useEffect, useRef } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { dismissSettingError, selectSettingError } from '../../state/settings';
import { dismissToast, selectToasts, type ToastKind } from '../../state/ui';
import { IconButton } from './IconButton';

const Stack = styled.div`
  position: fixed;
  inset-inline-end: 20px;
  bottom: 20px;
  z-index: 200;
  display: flex;
  flex-direction: column;
  align-items: flex-end;
  gap: 10px;
`;

const Card = styled.div<{ $kind: ToastKind }>`
  display: flex;
  align-items: center;
  gap: 10px;
  max-width: 380px;
  padding: 10px 10px 10px 16px;
  border-radius: 10px;
  border: 1px solid var(--borders-color);
  background: var(--toast-background-color);
  color: var(--text-primary-color);
  box-shadow: var(--modal-drop-shadow);
  font-size: 14px;
  cursor: pointer;
  & > svg {
    flex: none;
    color: ${(p) =>
      p.$kind === 'error' ? 'var(--danger-color)' : p.$kind === 'warning' ? 'var(--warning-color)' : 'var(--primary-color)'};
  }
  span {
    flex: 1;
  }
`;

const ICONS: Record<ToastKind, LucideIcon> = { info: Info, success: Check, warning: CircleAlert, error: TriangleAlert };

function ToastCard({
  kind,
  message,
  onDismiss,
  autoDismissMs,
  testId,
}: {
  kind: ToastKind;
  message: string;
  onDismiss: () => void;
  autoDismissMs: number;
  testId: string;
}) {
  // The timer restarts for a new message, not for a new callback identity on every render.
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (autoDismissMs <= 0) return;
    const timer = setTimeout(() => dismissRef.current(), autoDismissMs);
    return () => clearTimeout(timer);
  }, [message, autoDismissMs]);
  const Icon = ICONS[kind];
  return (
    <Card $kind={kind} role={kind === 'error' ? 'alert' : 'status'} onClick={onDismiss} data-testid={testId}>
      <Icon size={18} aria-hidden />
      <span>{message}</span>
      <IconButton label={t('dismiss')} size={26} onClick={onDismiss}>
        <X size={16} aria-hidden />
      </IconButton>
    </Card>
  );
}

export function Toasts({ autoDismissMs = 3000 }: { autoDismissMs?: number }) {
  const dispatch = useAppDispatch();
  const settingError = useAppSelector(selectSettingError);
  const toasts = useAppSelector(selectToasts);
  return (
    <Stack>
      {settingError ? (
        <ToastCard
          kind="error"
          message={t('settingSaveFailed', { message: settingError.message })}
          onDismiss={() => dispatch(dismissSettingError())}
          autoDismissMs={autoDismissMs * 2}
          testId="setting-error"
        />
      ) : null}
      {toasts.map((toast) => (
        <ToastCard
          key={toast.id}
          kind={toast.kind}
          message={toast.message}
          onDismiss={() => dispatch(dismissToast(toast.id))}
          autoDismissMs={autoDismissMs}
          testId="toast"
        />
      ))}
    </Stack>
  );
}
