// "Update Group Information" for a group's admins (spec/ui.md §8.1): "Enter a group name" and "Enter a
// group description", "Save" / "Cancel". The official errors: "Please enter a group name.", "Please enter a
// shorter group name" (over 100 bytes), "Please enter a shorter group description" (over 2000 bytes).
// Save sends what changed (`groups.update`); a refusal is shown in the dialog, which keeps the text.
import { useId, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, MethodParams } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { groupDescriptionTooLong, groupNameProblem, updateGroupInfo } from '../../state/groups';
import { FieldError, inputSurface } from '../common/formStyles';
import { Modal } from '../common/Modal';
import { DialogButton, DialogButtons, DialogForm, DialogNameField, ErrorLine } from '../settings/dialogParts';

const DescriptionInput = styled.textarea`
  box-sizing: border-box;
  width: 100%;
  min-height: 90px;
  padding: 10px 12px;
  border-radius: 8px;
  ${inputSurface}
  resize: vertical;
`;

export function UpdateGroupDialog({ c, onClose }: { c: ConversationSummary; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const initialName = c.group?.name ?? c.name ?? '';
  const initialDescription = c.group?.description ?? '';
  const [name, setName] = useState(initialName);
  const [description, setDescription] = useState(initialDescription);
  const [nameError, setNameError] = useState<LocaleKey | null>(null);
  const [descriptionError, setDescriptionError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const descriptionErrorId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem = groupNameProblem(name);
    setNameError(problem);
    const tooLong = groupDescriptionTooLong(description);
    setDescriptionError(tooLong);
    if (problem || tooLong) return;
    const params: MethodParams<'groups.update'> = { id: c.id };
    if (name.trim() !== initialName.trim()) params.name = name.trim();
    if (description.trim() !== initialDescription.trim()) params.description = description.trim();
    if (params.name === undefined && params.description === undefined) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await dispatch(updateGroupInfo(params));
    setBusy(false);
    if (updateGroupInfo.fulfilled.match(r)) onClose();
    else setError(t('gaUpdateFailed', { message: r.payload ?? '' }));
  };
  return (
    <Modal
      title={t('gaUpdateTitle')}
      onClose={busy ? () => {} : onClose}
      width="narrow"
      testId="update-group"
    >
      <DialogForm onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <DialogNameField
          autoFocus
          value={name}
          onChange={(next) => {
            setName(next);
            setNameError(null);
          }}
          placeholder={t('gaNamePlaceholder')}
          error={nameError ? t(nameError) : null}
          errorId="update-group-name-error"
          testId="update-group-name"
          errorTestId="update-group-name-error"
        />
        <div>
          <DescriptionInput
            value={description}
            placeholder={t('gaDescriptionPlaceholder')}
            aria-label={t('gaDescriptionPlaceholder')}
            aria-invalid={descriptionError || undefined}
            aria-describedby={descriptionError ? descriptionErrorId : undefined}
            onChange={(e) => {
              setDescription(e.target.value);
              setDescriptionError(false);
            }}
            data-testid="update-group-description"
          />
          {descriptionError ? (
            <FieldError id={descriptionErrorId} role="alert" data-testid="update-group-description-error">
              {t('gaDescriptionTooLong')}
            </FieldError>
          ) : null}
        </div>
        {error ? (
          <ErrorLine role="alert" data-testid="update-group-error">
            {error}
          </ErrorLine>
        ) : null}
        <DialogButtons>
          <DialogButton type="submit" $tone="primary" disabled={busy} data-testid="update-group-save">
            {t('save')}
          </DialogButton>
          <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="update-group-cancel">
            {t('cancel')}
          </DialogButton>
        </DialogButtons>
      </DialogForm>
    </Modal>
  );
}
