// The "Open URL" confirmation (spec/ui.md §8.10) of the web host: every external link passes through it
// (useOpenExternalLink; in Electron the main process confirms instead).
import styled from 'styled-components';
import { useAppDispatch } from '../hooks/redux';
import { openConfirmedLink } from '../hooks/useOpenExternalLink';
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
          openConfirmedLink(url);
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

export const TERMS_OF_SERVICE_URL = 'https://getsession.org/terms-of-service';
export const PRIVACY_POLICY_URL = 'https://getsession.org/privacy-policy';

/**
 * Onboarding's "Open URL" chooser (spec/ui.md §2.1): the user picks the document; it opens in the browser
 * (in Electron through the main process's own confirmation, as every window the page opens does).
 */
export function TermsModal() {
  const dispatch = useAppDispatch();
  const close = () => dispatch(closeTopModal());
  const openDoc = (url: string) => {
    openConfirmedLink(url);
    close();
  };
  return (
    <Dialog
      title={t('openUrlTitle')}
      text={t('termsText')}
      testId="terms-dialog"
      confirm={{ label: t('termsOfService'), onClick: () => openDoc(TERMS_OF_SERVICE_URL) }}
      cancel={{ label: t('privacyPolicy'), onClick: () => openDoc(PRIVACY_POLICY_URL) }}
      onClose={close}
    />
  );
}
