// "Preview Notification" (spec/ui.md §6.4) for the web host: asks the browser for permission when it
// has not been asked yet, then shows a sample titled "Preview" (with the chime when audio is on).
// Says so when the browser refuses or cannot show notifications.
import { useState } from 'react';
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { NOTIFICATION_TAG, playChime, type NotificationCtor } from '../../hooks/useNotifications';
import { t } from '../../locales/i18n';
import { selectSetting } from '../../state/settings';
import { DialogButton, DialogButtons } from './dialogParts';

const Note = styled.p`
  margin: 10px 0 0;
  font-size: 13px;
  color: var(--text-secondary-color);
  text-align: center;
`;

const Wrap = styled.div`
  margin-top: 20px;
`;

export function PreviewNotification({ ctor = (window as Window & { Notification?: NotificationCtor }).Notification }: { ctor?: NotificationCtor | undefined }) {
  const audio = useAppSelector(selectSetting('audioNotifications')) === true;
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(ctor ? ctor.permission : 'unsupported');
  const preview = async () => {
    if (!ctor) return;
    const granted = ctor.permission === 'granted' ? 'granted' : await ctor.requestPermission().catch((): NotificationPermission => 'denied');
    setPermission(granted);
    if (granted !== 'granted') return;
    new ctor(t('notificationPreviewTitle'), { body: t('notificationPreviewBody'), tag: NOTIFICATION_TAG, silent: true });
    if (audio) playChime();
  };
  return (
    <Wrap>
      <DialogButtons>
        <DialogButton type="button" $tone="primary" disabled={!ctor} onClick={() => void preview()} data-testid="notification-preview">
          {t('notificationPreviewButton')}
        </DialogButton>
      </DialogButtons>
      {permission === 'denied' ? <Note role="status">{t('notificationsDenied')}</Note> : null}
      {permission === 'unsupported' ? <Note role="status">{t('notificationsUnsupported')}</Note> : null}
    </Wrap>
  );
}
