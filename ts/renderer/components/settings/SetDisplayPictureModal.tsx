// "Set Display Picture" (spec/ui.md §8.2): a large preview of the picture; clicking it opens the OS
// image picker. The chosen image is staged at once with purpose 'avatar' (the backend crops it square,
// scales and re-encodes it) and shown from the backend's result. "Save" (disabled until something
// changed) sets it with account.setAvatar; "Remove" (red, only when there is a picture) removes it;
// "Clear" drops a pending image. "Updating..." while the backend works; "Failed to update profile."
// when it refuses.
// --- groups admin: with `groupId`, the same dialog sets a group's picture (`groups.setAvatar`, its admins;
// spec/ui.md §5.1 "+" on the group's avatar). ---
import { Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import type { StagedAttachmentView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { accountChanged, selectAccount } from '../../state/account';
import { setOwnAvatar, stageAvatarFile, unstageAvatar } from '../../state/avatars';
import { selectConversation } from '../../state/conversations';
import { setGroupAvatar } from '../../state/groups';
import { loadStagedPreview } from '../../state/compose';
import { objectUrlFor, revokeObjectUrl } from '../../state/staging';
import { closeTopModal } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { Modal } from '../common/Modal';
import { Centered, DialogButton, DialogButtons, ErrorLine, Spinner } from './dialogParts';

const PREVIEW_SIZE = 120;

/** A round picture that is a button (this dialog's preview, Edit profile's avatar). */
export const PictureButton = styled.button`
  position: relative;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: transparent;
  cursor: pointer;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 3px;
  }
  &:disabled {
    cursor: default;
  }
`;

/** The "+" badge on a profile picture that opens the picker. */
export const PlusBadge = styled.span`
  position: absolute;
  right: 0;
  bottom: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  width: 28px;
  height: 28px;
  border-radius: 50%;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
`;

const HiddenInput = styled.input`
  display: none;
`;

interface Pending {
  view: StagedAttachmentView;
  url?: string;
}

export function SetDisplayPictureModal({ groupId }: { groupId?: string | undefined } = {}) {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const group = useAppSelector(selectConversation(groupId ?? ''));
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [staging, setStaging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;
  // Closing the dialog with an unsaved picture drops it (and its preview).
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      const p = pendingRef.current;
      if (p) {
        revokeObjectUrl(p.url);
        void dispatch(unstageAvatar(p.view.stageId));
        pendingRef.current = null;
      }
    };
  }, [dispatch]);
  if (!account || (groupId !== undefined && !group)) return null;
  const close = () => dispatch(closeTopModal());
  // Whose picture: ours, or the group's.
  const target = group ? { id: group.id, name: group.name, avatarVersion: group.avatarVersion } : { id: account.sessionId, name: account.displayName, avatarVersion: account.avatarVersion };

  const drop = (p: Pending | null) => {
    if (!p) return;
    revokeObjectUrl(p.url);
    void dispatch(unstageAvatar(p.view.stageId));
  };

  const choose = async (file: File) => {
    setError(null);
    if (!/^image\//i.test(file.type)) {
      setError(t('setDisplayPictureNotImage'));
      return;
    }
    setStaging(true);
    const r = await dispatch(stageAvatarFile({ file, fileName: file.name, cancelled: () => !alive.current }));
    if (!alive.current) return;
    setStaging(false);
    if (!stageAvatarFile.fulfilled.match(r)) {
      setError(t('setDisplayPictureFailed'));
      return;
    }
    const view = r.payload;
    // The preview is what the backend made of the picture (square, re-encoded), else the file itself.
    const full = await dispatch(loadStagedPreview(view.stageId));
    let url = loadStagedPreview.fulfilled.match(full) ? (full.payload ?? undefined) : undefined;
    if (url === undefined) url = objectUrlFor(file);
    if (!alive.current) {
      revokeObjectUrl(url);
      return;
    }
    drop(pendingRef.current);
    setPending({ view, ...(url ? { url } : {}) });
  };

  const apply = async (stageId: string | null) => {
    setBusy(true);
    setError(null);
    const r = group ? await dispatch(setGroupAvatar({ id: group.id, stageId })) : await dispatch(setOwnAvatar(stageId));
    if (!alive.current) return;
    setBusy(false);
    if (r.meta.requestStatus === 'fulfilled') {
      // (A group's new summary is listed by its thunk.)
      if (setOwnAvatar.fulfilled.match(r)) dispatch(accountChanged({ account: r.payload }));
      // Set: the backend owns the staged file now; only the preview URL is ours to free.
      if (pendingRef.current) revokeObjectUrl(pendingRef.current.url);
      pendingRef.current = null;
      setPending(null);
      close();
    } else {
      setError(t('setDisplayPictureFailed'));
    }
  };

  const hasPicture = target.avatarVersion !== undefined;
  const working = busy || staging;
  return (
    <Modal title={t('setDisplayPictureTitle')} onClose={close} width="narrow" testId="set-display-picture">
      <Centered>
        <PictureButton
          type="button"
          onClick={() => input.current?.click()}
          disabled={working}
          aria-label={t('setDisplayPictureChoose')}
          title={t('setDisplayPictureChoose')}
          data-testid="display-picture-choose"
        >
          <Avatar id={target.id} name={target.name} size={PREVIEW_SIZE} pictureUrl={pending?.url} />
          <PlusBadge aria-hidden>
            <Plus size={18} />
          </PlusBadge>
        </PictureButton>
        <HiddenInput
          ref={input}
          type="file"
          accept="image/*"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void choose(file);
          }}
          data-testid="display-picture-input"
        />
        {working ? (
          <>
            <Spinner aria-hidden />
            <span role="status" data-testid="display-picture-updating">
              {t('setDisplayPictureUpdating')}
            </span>
          </>
        ) : null}
      </Centered>
      {error ? (
        <ErrorLine role="alert" data-testid="display-picture-error">
          {error}
        </ErrorLine>
      ) : null}
      <DialogButtons>
        <DialogButton type="button" $tone="primary" disabled={!pending || working} onClick={() => pending && void apply(pending.view.stageId)} data-testid="display-picture-save">
          {t('save')}
        </DialogButton>
        {pending ? (
          <DialogButton
            type="button"
            disabled={working}
            onClick={() => {
              drop(pending);
              setPending(null);
              setError(null);
            }}
            data-testid="display-picture-clear"
          >
            {t('setDisplayPictureClear')}
          </DialogButton>
        ) : hasPicture ? (
          <DialogButton type="button" $tone="danger" disabled={working} onClick={() => void apply(null)} data-testid="display-picture-remove">
            {t('setDisplayPictureRemove')}
          </DialogButton>
        ) : null}
      </DialogButtons>
    </Modal>
  );
}
