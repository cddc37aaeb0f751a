// Bottom-right error toast (spec/ui.md §1.2 toasts) for a refused setting change; click or the
// close button dismisses it, and it leaves by itself after a few seconds.
import { TriangleAlert, X } from 'lucide-react';
import { useEffect } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { dismissSettingError, selectSettingError } from '../../state/settings';
import { IconButton } from './IconButton';

const Toast = styled.div`
  position: fixed;
  right: 20px;
  bottom: 20px;
  z-index: 200;
  display: flex;
  align-items: center;
  gap: 10px;
  max-width: 380px;
  padding: 12px 12px 12px 16px;
  border-radius: 10px;
  border: 1px solid var(--borders-color);
  background: var(--toast-background-color);
  color: var(--text-primary-color);
  box-shadow: var(--modal-drop-shadow);
  font-size: 14px;
  svg:first-child {
    flex: none;
    color: var(--danger-color);
  }
  span {
    flex: 1;
  }
`;

export function SettingErrorToast({ autoDismissMs = 6000 }: { autoDismissMs?: number }) {
  const dispatch = useAppDispatch();
  const error = useAppSelector(selectSettingError);
  useEffect(() => {
    if (!error || autoDismissMs <= 0) return;
    const timer = setTimeout(() => dispatch(dismissSettingError()), autoDismissMs);
    return () => clearTimeout(timer);
  }, [error, autoDismissMs, dispatch]);
  if (!error) return null;
  return (
    <Toast role="alert" data-testid="setting-error">
      <TriangleAlert size={18} aria-hidden />
      <span>{t('settingSaveFailed', { message: error.message })}</span>
      <IconButton label={t('dismiss')} size={26} onClick={() => dispatch(dismissSettingError())}>
        <X size={16} aria-hidden />
      </IconButton>
    </Toast>
  );
}
