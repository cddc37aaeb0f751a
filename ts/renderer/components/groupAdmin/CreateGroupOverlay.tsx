// The Create Group overlay of the left pane (spec/ui.md §8.8): "Enter a group name" (at most 100 bytes),
// "Search Contacts" and the contact checklist, then "Create" at the bottom. Create is enabled once the
// group can be made: a name that fits and 1 to 99 other members; Enter in the name field says what is
// missing with the official sentences ("Please enter a group name.", "Please pick at least one other
// group member."), and picking a 100th other member is refused with "Groups have a maximum of 100
// members". While `groups.create` runs, a spinner shows and nothing can be changed; a failure is shown
// under the button and loses nothing; on success the new group opens.
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { createGroup, GROUP_MAX_OTHER_MEMBERS, groupNameProblem } from '../../state/groups';
import { openConversation } from '../../state/ui';
import { FieldError, inputSurface, pillButton } from '../common/formStyles';
import { Spinner } from '../settings/dialogParts';
import { ContactPicker, usePickableContacts } from './ContactPicker';

const Form = styled.form`
  display: flex;
  flex: 1;
  flex-direction: column;
  min-height: 0;
  padding: 10px 16px 16px;
  gap: 8px;
`;

const NameInput = styled.input`
  box-sizing: border-box;
  width: 100%;
  height: 40px;
  padding: 0 12px;
  border-radius: 10px;
  ${inputSurface}
  font-size: 15px;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
`;

const Picker = styled.div`
  display: flex;
  flex: 1;
  flex-direction: column;
  min-height: 0;
  margin-top: 8px;
`;

const Footer = styled.div`
  display: flex;
  flex-direction: column;
  align-items: stretch;
  gap: 8px;
  flex: none;
  padding-top: 8px;
`;

const Count = styled.p`
  margin: 0;
  font-size: 12px;
  text-align: center;
  color: var(--text-secondary-color);
`;

const CreateButton = styled.button`
  ${pillButton}
  height: 40px;
  border-radius: 20px;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const Busy = styled.div`
  display: flex;
  align-items: center;
  justify-content: center;
  gap: 10px;
  font-size: 13px;
`;

export function CreateGroupOverlay() {
  const dispatch = useAppDispatch();
  const contacts = usePickableContacts();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [nameError, setNameError] = useState<LocaleKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameErrorId = useId();
  const errorId = useId();
  const nameProblem = groupNameProblem(name);
  const valid = nameProblem === null && chosen.size >= 1 && chosen.size <= GROUP_MAX_OTHER_MEMBERS;

  // Stable, so that ticking a contact re-renders only its row; it reads the choice through a ref.
  const chosenNow = useRef(chosen);
  chosenNow.current = chosen;
  const toggle = useCallback((id: string) => {
    setError(null);
    const current = chosenNow.current;
    if (current.has(id)) {
      const next = new Set(current);
      next.delete(id);
      setChosen(next);
      return;
    }
    if (current.size >= GROUP_MAX_OTHER_MEMBERS) {
      setError(t('gaMaxMembers'));
      return;
    }
    setChosen(new Set(current).add(id));
  }, []);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setError(null);
    if (nameProblem) {
      setNameError(nameProblem);
      return;
    }
    if (chosen.size === 0) {
      setError(t('gaPickMember'));
      return;
    }
    setBusy(true);
    // In the order the list shows them.
    const members = contacts.filter((c) => chosen.has(c.id)).map((c) => c.id);
    const r = await dispatch(createGroup({ name: name.trim(), members }));
    if (createGroup.fulfilled.match(r)) {
      dispatch(openConversation(r.payload.id));
      return;
    }
    setBusy(false);
    setError(t('gaCreateFailed', { message: r.payload ?? '' }));
  };

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} data-testid="create-group">
      <NameInput
        autoFocus
        value={name}
        placeholder={t('gaNamePlaceholder')}
        aria-label={t('gaNamePlaceholder')}
        aria-invalid={nameError ? true : undefined}
        aria-describedby={nameError ? nameErrorId : undefined}
        disabled={busy}
        onKeyDown={(e) => {
          // A disabled Create button blocks the form's own Enter: Enter here always says what is missing.
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
        onChange={(e) => {
          setName(e.target.value);
          // The official inline error shows while the name is too long; others clear as the user types.
          setNameError(groupNameProblem(e.target.value) === 'gaNameTooLong' ? 'gaNameTooLong' : null);
        }}
        data-testid="create-group-name"
      />
      {nameError ? (
        <FieldError id={nameErrorId} role="alert" data-testid="create-group-name-error">
          {t(nameError)}
        </FieldError>
      ) : null}
      <Picker>
        <ContactPicker
          contacts={contacts}
          chosen={chosen}
          onToggle={toggle}
          legend={t('gaContactsLegend')}
          disabled={busy}
          testId="create-group"
        />
      </Picker>
      <Footer>
        {chosen.size > 0 ? (
          <Count aria-live="polite" data-testid="create-group-count">
            {t('gaSelectedCount', { count: chosen.size })}
          </Count>
        ) : null}
        {error ? (
          <FieldError id={errorId} role="alert" data-testid="create-group-error">
            {error}
          </FieldError>
        ) : null}
        {busy ? (
          <Busy role="status" data-testid="create-group-busy">
            <Spinner aria-hidden />
            {t('gaCreating')}
          </Busy>
        ) : null}
        <CreateButton
          type="submit"
          disabled={busy || !valid}
          aria-describedby={error ? errorId : undefined}
          data-testid="create-group-submit"
        >
          {t('gaCreate')}
        </CreateButton>
      </Footer>
    </Form>
  );
}
