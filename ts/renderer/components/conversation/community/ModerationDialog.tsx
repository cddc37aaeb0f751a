// The community moderation dialogs (spec/ui.md §8.6): "Ban User" (Account ID field; "Ban User" / "Ban and
// Delete All" / "Cancel"), "Unban User", "Add Admins" (up to 20 ids separated by commas) and "Remove
// Admins" (a checklist of the room's visible admins and moderators; "There are no Admins in this
// Community." when none). Each runs `communities.moderate` and shows the official toast.
import { useId, useState } from 'react';
import styled from 'styled-components';
import type { CommunityView } from '../../../../ipc/contract';
import { useAppDispatch } from '../../../hooks/redux';
import { t } from '../../../locales/i18n';
import { Modal } from '../../common/Modal';
import { FieldError } from '../../common/formStyles';
import { DialogButton } from '../Dialog';
import { memberLabel, MEMBER_ID } from './communityContext';
import { moderate } from './moderate';
import { visuallyHiddenCss } from '../../common/VisuallyHidden';

export type ModerationKind = 'ban' | 'unban' | 'add-admins' | 'remove-admins';

const Text = styled.p`
  margin: 0 0 14px;
  font-size: 14px;
  text-align: center;
  color: var(--text-secondary-color);
`;

const Field = styled.input`
  box-sizing: border-box;
  width: 100%;
  height: 40px;
  padding: 0 12px;
  border: 1px solid var(--borders-color);
  border-radius: 10px;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 13px;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
  }
`;

const Buttons = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 10px;
  margin-top: 18px;
`;

/** A fieldset of checkbox rows with a visually hidden legend (also the Invite Contacts list). */
export const Checklist = styled.fieldset`
  margin: 0;
  padding: 0;
  border: none;
  legend {
    ${visuallyHiddenCss}
  }
  label {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 6px 0;
    font-size: 14px;
  }
`;

const TITLES = { ban: 'cmBanUser', unban: 'cmUnbanUser', 'add-admins': 'cmAddAdmins', 'remove-admins': 'cmRemoveAdmins' } as const;
const TEXTS = { ban: 'cmBanUserText', unban: 'cmUnbanUserText', 'add-admins': 'cmAddAdminsText' } as const;

/** The ids typed in the field (comma separated), or null when one is not an id or there are too many. */
export function parseIds(text: string, max: number): string[] | null {
  const ids = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > max || !ids.every((id) => MEMBER_ID.test(id))) return null;
  return [...new Set(ids)];
}

export interface ModerationDialogProps {
  roomId: string;
  kind: ModerationKind;
  /** The user acted on, when known (the field is then filled in). */
  user?: string;
  /** For "Remove Admins": the room as the server describes it. */
  community?: CommunityView;
  onClose: () => void;
}

export function ModerationDialog({ roomId, kind, user, community, onClose }: ModerationDialogProps) {
  const dispatch = useAppDispatch();
  const [text, setText] = useState(user ?? '');
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const errorId = useId();
  const legendId = useId();

  const runAll = async (ids: string[], action: 'ban' | 'ban-delete-all' | 'unban' | 'admin') => {
    setBusy(true);
    let ok = true;
    for (const id of ids) ok = (await moderate(dispatch, roomId, id, action)) && ok;
    setBusy(false);
    if (ok) onClose();
  };
  const submit = (action: 'ban' | 'ban-delete-all' | 'unban' | 'admin') => {
    const ids = parseIds(text, action === 'admin' ? 20 : 1);
    if (!ids) {
      setError(true);
      return;
    }
    void runAll(ids, action);
  };

  if (kind === 'remove-admins') {
    const staff = [
      ...(community?.admins ?? []).map((id) => ({ id, action: 'unadmin' as const })),
      ...(community?.moderators ?? []).filter((id) => !community?.admins.includes(id)).map((id) => ({ id, action: 'unmod' as const })),
    ];
    const remove = async () => {
      setBusy(true);
      let ok = true;
      for (const s of staff.filter((x) => chosen.has(x.id))) ok = (await moderate(dispatch, roomId, s.id, s.action)) && ok;
      setBusy(false);
      if (ok) onClose();
    };
    return (
      <Modal title={t(TITLES[kind])} onClose={onClose} width="narrow" testId="moderation-dialog">
        {staff.length === 0 ? (
          <Text data-testid="moderation-no-admins">{t('cmNoAdmins')}</Text>
        ) : (
          <Checklist aria-labelledby={legendId}>
            <legend id={legendId}>{t('cmRemoveAdmins')}</legend>
            {staff.map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={chosen.has(s.id)}
                  onChange={() =>
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (next.has(s.id)) next.delete(s.id);
                      else next.add(s.id);
                      return next;
                    })
                  }
                  data-testid="moderation-staff"
                />
                {memberLabel(s.id, undefined)} · {s.action === 'unadmin' ? t('cmAdmin') : t('cmModerator')}
              </label>
            ))}
          </Checklist>
        )}
        <Buttons>
          {staff.length > 0 ? (
            <DialogButton type="button" $danger disabled={busy || chosen.size === 0} onClick={() => void remove()} data-testid="moderation-remove">
              {t('cmRemove')}
            </DialogButton>
          ) : null}
          <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="moderation-cancel">
            {t('cancel')}
          </DialogButton>
        </Buttons>
      </Modal>
    );
  }

  return (
    <Modal title={t(TITLES[kind])} onClose={busy ? () => {} : onClose} width="narrow" testId="moderation-dialog">
      <Text>{t(TEXTS[kind])}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(kind === 'ban' ? 'ban' : kind === 'unban' ? 'unban' : 'admin');
        }}
      >
        <Field
          autoFocus
          value={text}
          placeholder={t('cmEnterAccountId')}
          aria-label={t('cmAccountIdField')}
          aria-invalid={error || undefined}
          aria-describedby={error ? errorId : undefined}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setError(false);
          }}
          data-testid="moderation-user"
        />
        {error ? (
          <FieldError id={errorId} role="alert" data-testid="moderation-error">
            {t('cmInvalidAccountId')}
          </FieldError>
        ) : null}
        <Buttons>
          {kind === 'ban' ? (
            <>
              <DialogButton type="submit" $danger disabled={busy} data-testid="moderation-ban">
                {t('cmBanUser')}
              </DialogButton>
              <DialogButton type="button" $danger disabled={busy} onClick={() => submit('ban-delete-all')} data-testid="moderation-ban-delete-all">
                {t('cmBanAndDeleteAll')}
              </DialogButton>
            </>
          ) : (
            <DialogButton type="submit" disabled={busy} data-testid="moderation-confirm">
              {kind === 'unban' ? t('cmUnbanUser') : t('cmAdd')}
            </DialogButton>
          )}
          <DialogButton type="button" disabled={busy} onClick={onClose} data-testid="moderation-cancel">
            {t('cancel')}
          </DialogButton>
        </Buttons>
      </form>
    </Modal>
  );
}
