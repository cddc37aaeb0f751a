// The Nickname dialog of spec/ui.md §8.4: a nickname for a 1:1 contact, kept in the account's Contacts
// config (so the account's other devices show it too). "Save" sets it, "Remove" (when one is set)
// clears it so the name falls back to the contact's profile name. A nickname is at most 100 bytes, as in
// the official apps; a longer one is refused under the field and nothing is sent.
import { useState, type FormEvent } from 'react';
import type { ConversationSummary } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { utf8Length } from '../../state/account';
import { setConversationNickname } from '../../state/conversations';
import { shortenId } from '../../theme/format';
import { Modal } from '../common/Modal';
import { DialogButton, DialogButtons, DialogForm, DialogNameField, DialogText } from '../settings/dialogParts';
import { withBoldName } from './ConfirmDialog';
import { attempt } from './attempt';

/** The official apps' nickname limit, in UTF-8 bytes. */
export const NICKNAME_MAX_BYTES = 100;

export function NicknameDialog({ c, onClose }: { c: ConversationSummary; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [value, setValue] = useState(c.nickname ?? '');
  const [busy, setBusy] = useState(false);
  const trimmed = value.trim();
  const tooLong = utf8Length(trimmed) > NICKNAME_MAX_BYTES;
  // The name they go by without our nickname: the one the dialog text speaks of.
  const realName = c.profileName?.trim() || shortenId(c.id);
  const run = async (nickname: string | null) => {
    setBusy(true);
    const ok = await attempt(dispatch, () => dispatch(setConversationNickname({ id: c.id, nickname })));
    setBusy(false);
    if (ok) onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || tooLong || busy) return;
    void run(trimmed);
  };
  return (
    <Modal title={t('cfgSetNickname')} onClose={busy ? () => {} : onClose} width="narrow" testId="nickname-dialog">
      <DialogForm onSubmit={submit} noValidate>
        <DialogText data-testid="nickname-text">{withBoldName(t('cfgNicknameText'), realName)}</DialogText>
        <DialogNameField
          autoFocus
          value={value}
          onChange={setValue}
          placeholder={t('cfgNicknamePlaceholder')}
          error={tooLong ? t('cfgNicknameTooLong') : null}
          errorId="nickname-error"
          testId="nickname-input"
          errorTestId="nickname-error"
        />
        <DialogButtons>
          <DialogButton type="submit" $tone="primary" disabled={busy || !trimmed || tooLong || trimmed === c.nickname} data-testid="nickname-save">
            {t('cfgNicknameSave')}
          </DialogButton>
          {c.nickname ? (
            <DialogButton type="button" $tone="danger" disabled={busy} onClick={() => void run(null)} data-testid="nickname-remove">
              {t('cfgNicknameRemove')}
            </DialogButton>
          ) : (
            <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="nickname-cancel">
              {t('cancel')}
            </DialogButton>
          )}
        </DialogButtons>
      </DialogForm>
    </Modal>
  );
}
