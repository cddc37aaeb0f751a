// What the media controls do, shared by bubbles, the lightbox, the gallery and Message Info: save an
// attachment (the host's dialog, or on the web host a browser download of the bytes read here),
// download one (asking "Auto Download" first for a sender not yet trusted), with errors as toasts.
import type { ConversationSummary } from '../../../../ipc/contract';
import { t } from '../../../locales/i18n';
import { downloadAttachments, readAttachment, requestSave } from '../../../state/media';
import type { AppDispatch } from '../../../state/store';
import { errorMessage } from '../../../state/thunk';
import { openModal, showToast } from '../../../state/ui';
import { downloadBlob } from '../../settings/downloadFile';

export async function saveAttachment(dispatch: AppDispatch, messageId: string, index: number): Promise<void> {
  try {
    const r = await dispatch(requestSave(messageId, index));
    if (r.outcome === 'renderer') {
      const blob = await dispatch(readAttachment({ messageId, index, variant: 'full' }));
      downloadBlob(r.fileName, blob.type ? blob : new Blob([blob], { type: r.contentType }));
    } else if (r.outcome === 'saved') {
      dispatch(showToast({ kind: 'success', message: t('mediaSaved', { path: r.path }) }));
    }
  } catch (err) {
    dispatch(showToast({ kind: 'error', message: t('mediaSaveFailed', { message: errorMessage(err) }) }));
  }
}

export async function downloadNow(
  dispatch: AppDispatch,
  messageId: string,
  index?: number,
  trustSender?: boolean,
): Promise<void> {
  try {
    await dispatch(
      downloadAttachments({
        messageId,
        ...(index !== undefined ? { index } : {}),
        ...(trustSender !== undefined ? { trustSender } : {}),
      }),
    );
  } catch (err) {
    dispatch(
      showToast({ kind: 'error', message: t('mediaDownloadFailedToast', { message: errorMessage(err) }) }),
    );
  }
}

/** A sender whose files are not downloaded automatically: a message request, or a contact not approved. */
export function isUntrusted(c: ConversationSummary | undefined): boolean {
  return !c || c.isRequest || !c.isApproved;
}

/** "Click to download": straight away for a trusted sender, else through the "Auto Download" question. */
export function clickToDownload(
  dispatch: AppDispatch,
  opts: { messageId: string; index: number; untrusted: boolean; senderName: string },
): void {
  if (opts.untrusted) {
    dispatch(
      openModal({
        kind: 'auto-download',
        messageId: opts.messageId,
        index: opts.index,
        name: opts.senderName,
      }),
    );
    return;
  }
  void downloadNow(dispatch, opts.messageId, opts.index);
}
