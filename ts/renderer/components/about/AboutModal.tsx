// The About content as a dialog of the main page (the web host has no second window): opened from
// Settings ▸ Help ▸ About; links go through the "Open URL" confirmation like every external link
// (in Electron, the main process's).
import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { fetchAbout } from '../../state/help';
import { closeTopModal, showToast } from '../../state/ui';
import { useOpenExternalLink } from '../../hooks/useOpenExternalLink';
import { Modal } from '../common/Modal';
import { copyText } from '../settings/copyText';
import { Centered, ErrorLine, Spinner } from '../settings/dialogParts';
import { AboutView } from './AboutView';

export function AboutModal() {
  const dispatch = useAppDispatch();
  const openLink = useOpenExternalLink();
  const [state, setState] = useState<{ info: AboutInfo } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    void dispatch(fetchAbout()).then((result) => {
      if (!live) return;
      setState(fetchAbout.fulfilled.match(result) ? { info: result.payload } : { error: result.payload ?? '' });
    });
    return () => {
      live = false;
    };
  }, [dispatch]);
  const copy = (text: string) =>
    void copyText(text).then(
      () => dispatch(showToast({ kind: 'success', message: t('copied') })),
      () => dispatch(showToast({ kind: 'error', message: t('copyFailed') })),
    );
  return (
    <Modal title={t('helpAbout')} onClose={() => dispatch(closeTopModal())} testId="about-modal">
      {state === null ? (
        <Centered>
          <Spinner />
        </Centered>
      ) : 'error' in state ? (
        <ErrorLine role="alert">{state.error}</ErrorLine>
      ) : (
        <AboutView info={state.info} openLink={openLink} copy={copy} />
      )}
    </Modal>
  );
}
