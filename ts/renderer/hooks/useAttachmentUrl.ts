// A blob: URL for an attachment's bytes (or its thumbnail), read in chunks through the API and cached
// (state/media.ts). The bytes are read only when they are here ('downloaded', or 'uploading' for our
// own): a state change to 'downloaded' reads them then. The URL is released when the component goes.
import { useEffect, useState } from 'react';
import type { AttachmentState } from '../../ipc/contract';
import { attachmentUrlCache, type AttachmentVariant } from '../state/media';
import { PENDING_PREFIX } from '../state/messages';
import { errorMessage } from '../state/thunk';
import { useAppDispatch } from './redux';

export interface AttachmentUrl {
  url: string | undefined;
  /** Why the bytes could not be read, fit to show. */
  error: string | undefined;
}

/** States in which the attachment's bytes are stored here and `attachments.read` can serve them. */
export const isReadable = (state: AttachmentState): boolean =>
  state === 'downloaded' || state === 'uploading';

export function useAttachmentUrl(
  messageId: string,
  index: number,
  variant: AttachmentVariant,
  state: AttachmentState,
): AttachmentUrl {
  const dispatch = useAppDispatch();
  const [result, setResult] = useState<AttachmentUrl>({ url: undefined, error: undefined });
  // The composer's optimistic row (until the backend names the message) has nothing to read yet.
  const readable = isReadable(state) && !messageId.startsWith(PENDING_PREFIX);
  useEffect(() => {
    if (!readable) {
      setResult((r) =>
        r.url === undefined && r.error === undefined ? r : { url: undefined, error: undefined },
      );
      return;
    }
    const cache = dispatch(attachmentUrlCache());
    const ref = { messageId, index, variant };
    let alive = true;
    let acquired = false;
    cache.acquire(ref).then(
      (url) => {
        acquired = true;
        if (alive) setResult({ url, error: undefined });
        else cache.release(ref);
      },
      (err: unknown) => {
        if (alive) setResult({ url: undefined, error: errorMessage(err) });
      },
    );
    return () => {
      alive = false;
      if (acquired) cache.release(ref);
    };
    // `state` itself is a dependency: uploading -> downloaded (or a re-download) reads again.
  }, [dispatch, messageId, index, variant, readable, state]);
  return result;
}
