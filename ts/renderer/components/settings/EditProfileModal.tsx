// "Update Profile Information" (spec/ui.md §8.1): the display name only (the avatar comes with
// media). The errors are the onboarding ones; Save sends it through account.setDisplayName.
import { useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { displayNameError, selectAccount, setDisplayName } from '../../state/account';
import { closeTopModal } from '../../state/ui';
import { Modal } from '../common/Modal';
import { DialogButton, DialogButtons, DialogForm, DialogNameField } from './dialogParts';

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
