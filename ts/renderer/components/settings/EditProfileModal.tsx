// "Update Profile Information" (spec/ui.md §8.1): the profile picture with its "+" (opening "Set
// Display Picture", §8.2) and the display name. The errors are the onboarding ones; Save sends the
// name through account.setDisplayName.
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { displayNameError, selectAccount, setDisplayName } from '../../state/account';
import { closeTopModal, openModal } from '../../state/ui';
import { Avatar } from '../common/Avatar';
import { Modal } from '../common/Modal';
import { Centered, DialogButton, DialogButtons, DialogForm, DialogNameField } from './dialogParts';
import { PictureButton, PlusBadge } from './SetDisplayPictureModal';

export function EditProfileModal() {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const [name, setName] = useState(account?.displayName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => dispatch(closeTopModal());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = displayNameError(name);
    if (problem) {
      setError(t(problem));
      return;
    }
    setBusy(true);
    const r = await dispatch(setDisplayName(name.trim()));
    setBusy(false);
    if (setDisplayName.fulfilled.match(r)) close();
    else setError(r.payload ?? '');
  };
  return (
    <Modal title={t('updateProfileTitle')} onClose={close} width="narrow" testId="edit-profile">
      {account ? (
        <Centered>
          <PictureButton
            type="button"
            onClick={() => dispatch(openModal({ kind: 'set-display-picture' }))}
            aria-label={t('setDisplayPictureOpen')}
            title={t('setDisplayPictureOpen')}
            data-testid="edit-profile-picture"
          >
            <Avatar id={account.sessionId} name={account.displayName} size={90} />
            <PlusBadge aria-hidden>
              <Plus size={18} />
            </PlusBadge>
          </PictureButton>
        </Centered>
      ) : null}
      <DialogForm onSubmit={(e) => void submit(e)} noValidate>
        <DialogNameField
          spaced
          value={name}
          onChange={(next) => {
            setName(next);
            setError(null);
          }}
          placeholder={t('displayNamePlaceholder')}
          error={error}
          errorId="edit-profile-error"
          testId="edit-profile-name"
          errorTestId="edit-profile-error"
        />
        <DialogButtons>
          <DialogButton type="submit" $tone="primary" disabled={busy} data-testid="edit-profile-save">
            {t('save')}
          </DialogButton>
          <DialogButton type="button" onClick={close} data-testid="edit-profile-cancel">
            {t('cancel')}
          </DialogButton>
        </DialogButtons>
      </DialogForm>
    </Modal>
  );
}
