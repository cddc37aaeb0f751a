// "Auto Download" (spec/ui.md §4.3, §8.10): before the first download from a sender not yet trusted.
// Yes trusts them (their files download automatically from now on) and downloads this one; No keeps
// things as they are.
import { useAppDispatch } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { closeTopModal } from '../../../state/ui';
import { Dialog } from '../Dialog';
import { downloadNow } from './mediaActions';

export function AutoDownloadModal({
  messageId,
  index,
  name,
}: {
  messageId: string;
  index: number;
  name: string;
}) {
  const dispatch = useAppDispatch();
  const close = () => dispatch(closeTopModal());
  const [before, after] = t('mediaAutoDownloadText', { name: '\u0000' }).split('\u0000');
  return (
    <Dialog
      title={t('mediaAutoDownloadTitle')}
      text={
        <>
          {before}
          <strong>{name}</strong>
          {after}
        </>
      }
      textTestId="auto-download-text"
      testId="auto-download-dialog"
      confirm={{
        label: t('mediaYes'),
        onClick: () => {
          close();
          void downloadNow(dispatch, messageId, index, true);
        },
      }}
      cancel={{ label: t('mediaNo') }}
      onClose={close}
    />
  );
}
