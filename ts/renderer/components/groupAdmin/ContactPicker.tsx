// The contact picker of Create Group and of a group's Invite Contacts (spec/ui.md §8.6, §8.8): a "Search
// Contacts" field and a checklist of our contacts (accepted, unblocked 1:1 conversations with a Session
// ID, A to Z), 50 px rows with avatar and name. The caller owns the choice and its limit; the picker shows
// "You don't have any contacts yet" or "No results found for …" when there is nothing to pick.
import { memo, useId, useMemo, useState } from 'react';
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { normalizeSearch, selectInboxConversations } from '../../state/conversations';
import { Avatar } from '../common/Avatar';
import { inputSurface } from '../common/formStyles';
import { conversationName } from '../conversationSettings/conversationName';
import { visuallyHiddenCss } from '../common/VisuallyHidden';

export interface PickableContact {
  id: string;
  /** As the list shows it (the shortened Account ID when they have no name). */
  name: string;
  /** Their real name, for the avatar's initials (absent: the avatar uses the Account ID, as the list does). */
  avatarName?: string;
}

/** Our contacts that can join a group: approved, not blocked, a real Session ID (`05…`), A to Z. */
export function usePickableContacts(exclude?: ReadonlySet<string>): PickableContact[] {
  const inbox = useAppSelector(selectInboxConversations);
  return useMemo(() => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    return inbox
      .filter(
        (c) =>
          c.kind === 'private' &&
          c.isApproved &&
          !c.isBlocked &&
          !c.isRequest &&
          /^05[0-9a-f]{64}$/.test(c.id) &&
          !exclude?.has(c.id),
      )
      .map((c) => ({
        id: c.id,
        name: conversationName(c),
        ...(c.name?.trim() ? { avatarName: c.name } : {}),
      }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [inbox, exclude]);
}

const SearchField = styled.input`
  box-sizing: border-box;
  width: 100%;
  height: 34px;
  padding: 0 14px;
  border-radius: 17px;
  ${inputSurface}
  font-size: 14px;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
`;

const List = styled.fieldset`
  min-height: 0;
  margin: 8px 0 0;
  padding: 0;
  border: none;
  overflow-y: auto;
  legend {
    ${visuallyHiddenCss}
  }
  label {
    display: flex;
    align-items: center;
    gap: 12px;
    height: 50px;
    padding: 0 8px;
    border-radius: 8px;
    cursor: pointer;
  }
  label:hover {
    background: var(--conversation-tab-background-hover-color);
  }
  label[data-disabled] {
    cursor: default;
    opacity: 0.6;
  }
  .name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 15px;
  }
  input {
    width: 18px;
    height: 18px;
    flex: none;
    accent-color: var(--primary-color);
  }
  input:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const Empty = styled.p`
  margin: 24px 8px;
  text-align: center;
  font-size: 14px;
  color: var(--text-secondary-color);
  overflow-wrap: anywhere;
`;

/** One row; memoised so that a tick re-renders only its own row in a long list. */
const Row = memo(function Row({
  id,
  name,
  avatarName,
  checked,
  disabled,
  onToggle,
  testId,
}: {
  id: string;
  name: string;
  avatarName: string | undefined;
  checked: boolean;
  disabled: boolean;
  onToggle: (id: string) => void;
  testId: string;
}) {
  return (
    <label data-disabled={disabled || undefined}>
      <Avatar id={id} name={avatarName} size={36} />
      <span className="name" dir="auto">
        {name}
      </span>
      <input
        type="checkbox"
        checked={checked}
        onChange={() => onToggle(id)}
        data-testid={`${testId}-contact`}
        data-id={id}
      />
    </label>
  );
});

export interface ContactPickerProps {
  contacts: readonly PickableContact[];
  chosen: ReadonlySet<string>;
  /** Keep it stable (useCallback) so that only the ticked row re-renders. */
  onToggle: (id: string) => void;
  /** The list's accessible name. */
  legend: string;
  disabled?: boolean;
  /** Test ids: `${testId}-search`, `${testId}-contact` (the checkboxes), `${testId}-empty`, `${testId}-no-results`. */
  testId: string;
  className?: string;
  /** Shown when there are no contacts at all (default "You don't have any contacts yet"). */
  emptyText?: string;
}

export function ContactPicker({
  contacts,
  chosen,
  onToggle,
  legend,
  disabled,
  testId,
  className,
  emptyText,
}: ContactPickerProps) {
  const [query, setQuery] = useState('');
  const legendId = useId();
  const q = normalizeSearch(query);
  const shown =
    q === '' ? contacts : contacts.filter((c) => normalizeSearch(c.name).includes(q) || c.id.includes(q));
  if (contacts.length === 0)
    return <Empty data-testid={`${testId}-empty`}>{emptyText ?? t('noContacts')}</Empty>;
  return (
    <>
      <SearchField
        type="search"
        value={query}
        placeholder={t('gaSearchContacts')}
        aria-label={t('gaSearchContacts')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid={`${testId}-search`}
      />
      {shown.length === 0 ? (
        <Empty role="status" data-testid={`${testId}-no-results`}>
          {t('searchNoResults', { query: query.trim() })}
        </Empty>
      ) : (
        <List aria-labelledby={legendId} className={className} disabled={disabled}>
          <legend id={legendId}>{legend}</legend>
          {shown.map((c) => (
            <Row
              key={c.id}
              id={c.id}
              name={c.name}
              avatarName={c.avatarName}
              checked={chosen.has(c.id)}
              disabled={disabled === true}
              onToggle={onToggle}
              testId={testId}
            />
          ))}
        </List>
      )}
    </>
  );
}
