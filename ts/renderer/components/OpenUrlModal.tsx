// The "Open URL" confirmation (spec/ui.md §8.10) of the web host: every external link passes through it.
import styled from 'styled-components';
import { useAppDispatch } from '../hooks/redux';
import { t } from '../locales/i18n';
import { closeTopModal, showToast } from '../state/ui';
import { Dialog } from './conversation/Dialog';

const Url = styled.p`
  margin: 0;
  max-height: 120px;
  overflow-y: auto;
  font-weight: bold;
  text-align: center;
  overflow-wrap: anywhere;
`;

export function OpenUrlModal({ url }: { url: string }) {
  const dispatch = useAppDispatch();
  const close = () => dispatch(closeTopModal());
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    const done = clipboard ? clipboard.writeText(url) : Promise.reject(new Error('no clipboard'));
    done.then(
      () => dispatch(showToast({ kind: 'success', message: t('copied') })),
      () => dispatch(showToast({ kind: 'error', message: t('openUrlCopyFailed') })),
    );
    close();
  };
  return (
    <Dialog
      title={t('openUrlTitle')}
      text={t('openUrlText')}
      testId="open-url-dialog"
      confirm={{
        label: t('openUrlOpen'),
        danger: true,
        onClick: () => {
          window.open(url, '_blank', 'noopener,noreferrer');
          close();
        },
      }}
      cancel={{ label: t('openUrlCopy'), onClick: copy }}
      onClose={close}
    >
      <Url dir="ltr" data-testid="open-url-target">
        {url}
      </Url>
    </Dialog>
  );
}
