// Settings ▸ Conversations ▸ Blocked Contacts (spec/ui.md §6.9): the blocked users with checkboxes,
// and "Unblock" (enabled once something is selected) behind a confirmation naming them.
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import type { BlockedContactView } from '../../../ipc/contract';
import { useAppDispatch } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { fetchBlockedContacts, unblockContacts } from '../../state/blocked';
import { closeTopModal, openModal, showToast } from '../../state/ui';
import { shortenId } from '../../theme/format';
import { Avatar } from '../common/Avatar';
import { Modal } from '../common/Modal';
import { Section } from './controls';
import { Centered, DialogButton, DialogButtons, DialogText, ErrorLine, Spinner } from './dialogParts';

const Item = styled.label`
  display: flex;
  align-items: center;
  gap: 12px;
  min-height: 54px;
  padding: 8px 15px;
  cursor: pointer;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
  span {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  input {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--primary-color);
  }
`;

const Empty = styled.p`
  margin: 0;
  padding: 20px 15px;
  text-align: center;
  color: var(--text-secondary-color);
`;

const Actions = styled(DialogButtons)`
  margin-top: 15px;
`;

const nameOf = (c: BlockedContactView) => c.name?.trim() || shortenId(c.id);

type Load = { kind: 'loading' } | { kind: 'ready'; contacts: BlockedContactView[] } | { kind: 'error'; message: string };

export function BlockedContactsPage() {
  const dispatch = useAppDispatch();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    void dispatch(fetchBlockedContacts()).then((r) => {
      if (!live) return;
      if (fetchBlockedContacts.fulfilled.match(r)) setLoad({ kind: 'ready', contacts: r.payload });
      else setLoad({ kind: 'error', message: r.payload ?? '' });
    });
    return () => {
      live = false;
    };
  }, [dispatch]);

  if (load.kind === 'loading') {
    return (
      <Centered>
        <Spinner role="status" aria-label={t('loading')} />
      </Centered>
    );
  }
  if (load.kind === 'error') return <ErrorLine role="alert">{load.message}</ErrorLine>;
  if (load.kind === 'ready' && load.contacts.length === 0) {
    return (
      <Section>
        <Empty data-testid="blocked-empty">{t('blockedContactsEmpty')}</Empty>
      </Section>
    );
  }
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const chosen = load.contacts.filter((c) => selected.has(c.id));
  return (
    <>
      <Section>
        <div data-testid="blocked-list">
          {load.contacts.map((c) => (
            <Item key={c.id}>
              <Avatar id={c.id} name={c.name} size={36} />
              <span>{nameOf(c)}</span>
              <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} data-testid={`blocked-select-${c.id}`} />
            </Item>
          ))}
        </div>
      </Section>
      <Actions>
        <DialogButton
          type="button"
          $tone="danger"
          disabled={chosen.length === 0}
          onClick={() => dispatch(openModal({ kind: 'confirm-unblock', contacts: chosen.map((c) => ({ id: c.id, name: nameOf(c) })) }))}
          data-testid="blocked-unblock"
        >
          {t('blockedUnblock')}
        </DialogButton>
      </Actions>
    </>
  );
}

function confirmText(contacts: ReadonlyArray<{ name: string }>): string {
  const [first, second] = contacts;
  if (!first) return '';
  if (contacts.length === 1) return t('blockedUnblockConfirmOne', { name: first.name });
  if (contacts.length === 2 && second) return t('blockedUnblockConfirmTwo', { name: first.name, otherName: second.name });
  return t('blockedUnblockConfirmMany', { name: first.name, count: contacts.length - 1 });
}

/** "Are you sure you want to unblock {name}?"; closing returns to the (reloaded) list. */
export function UnblockConfirmModal({ contacts }: { contacts: Array<{ id: string; name: string }> }) {
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => dispatch(closeTopModal());
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const r = await dispatch(unblockContacts(contacts.map((c) => c.id)));
    if (unblockContacts.fulfilled.match(r)) {
      dispatch(showToast({ kind: 'success', message: t('blockedUnblocked', { count: r.payload.length }) }));
      close();
    } else {
      setBusy(false);
      setError(r.payload ?? '');
    }
  };
  return (
    <Modal title={t('blockedUnblock')} onClose={close} width="narrow" testId="unblock-confirm">
      <DialogText>{confirmText(contacts)}</DialogText>
      {error ? <ErrorLine role="alert">{error}</ErrorLine> : null}
      <DialogButtons>
        <DialogButton type="button" $tone="danger" disabled={busy} onClick={() => void confirm()} data-testid="unblock-confirm-ok">
          {t('blockedUnblock')}
        </DialogButton>
        <DialogButton type="button" onClick={close} data-testid="unblock-confirm-cancel">
          {t('cancel')}
        </DialogButton>
      </DialogButtons>
    </Modal>
  );
}
