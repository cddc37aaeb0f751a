// "Update Profile Information" (spec/ui.md §8.1): the display name only (the avatar comes with
// media). The errors are the onboarding ones; Save sends it through account.setDisplayName.
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { displayNameError, selectAccount, setDisplayName } from '../../state/account';
import { closeTopModal } from '../../state/ui';
import { FieldError } from '../common/formStyles';
import { Modal } from '../common/Modal';
import { DialogButton, DialogButtons } from './dialogParts';

const Input = styled.input`
  width: 100%;
  margin: 0 0 8px;
  padding: 10px 12px;
  border-radius: 8px;
  border: 1px solid var(--borders-color);
  background: var(--background-secondary-color);
  color: var(--text-primary-color);
  font: inherit;
`;

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: 12px;
`;

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
      <Form onSubmit={(e) => void submit(e)} noValidate>
        <div>
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            placeholder={t('displayNamePlaceholder')}
            aria-label={t('displayNamePlaceholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'edit-profile-error' : undefined}
            data-testid="edit-profile-name"
          />
          {error ? (
            <FieldError id="edit-profile-error" role="alert" data-testid="edit-profile-error">
              {error}
            </FieldError>
          ) : null}
        </div>
        <DialogButtons>
          <DialogButton type="submit" $tone="primary" disabled={busy} data-testid="edit-profile-save">
            {t('save')}
          </DialogButton>
          <DialogButton type="button" onClick={close} data-testid="edit-profile-cancel">
            {t('cancel')}
          </DialogButton>
        </DialogButtons>
      </Form>
    </Modal>
  );
}
