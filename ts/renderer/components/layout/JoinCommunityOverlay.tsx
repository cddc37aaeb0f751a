// The Join Community overlay (spec/ui.md §8.7): a share-URL field with "Join" (a spinner while joining,
// "Invalid URL" for text that is not a community URL, the backend's reason when the join fails), and
// under it the rooms of the network's community server (`communities.defaultRooms`) with their names and
// a Join button each; rooms already joined say so and open. A successful join opens the room.
import { Check } from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import styled from 'styled-components';
import type { DefaultRoomView } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import {
  fetchDefaultRooms,
  joinCommunity,
  looksLikeCommunityUrl,
  selectDefaultRooms,
  selectDefaultRoomsError,
  selectDefaultRoomsLoading,
  selectJoining,
} from '../../state/communities';
import { selectSearchableConversations } from '../../state/conversations';
import { openConversation, showToast } from '../../state/ui';
import { roomIdOf } from '../conversation/community/communityContext';
import { Avatar } from '../common/Avatar';
import { FieldError, pillButton } from '../common/formStyles';
import { Spinner } from '../settings/dialogParts';

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 10px 20px;
  input {
    height: 40px;
    padding: 0 12px;
    border: 1px solid var(--borders-color);
    border-radius: 10px;
    outline: none;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 14px;
  }
  input:focus-visible {
    border-color: var(--primary-color);
  }
`;

const JoinButton = styled.button`
  ${pillButton}
  display: flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  height: 38px;
  border-radius: 19px;
`;

const SmallSpinner = styled(Spinner)`
  width: 16px;
  height: 16px;
  border-width: 2px;
`;

const Heading = styled.h2`
  margin: 16px 20px 8px;
  font-size: 15px;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const Rooms = styled.ul`
  margin: 0;
  padding: 0 20px 16px;
  list-style: none;
  li {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 48px;
    border-bottom: 1px solid var(--borders-color);
  }
`;

const RoomText = styled.div`
  flex: 1;
  min-width: 0;
  strong,
  small {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  strong {
    font-size: 14px;
  }
  small {
    font-size: 12px;
    color: var(--text-secondary-color);
  }
`;

const RoomButton = styled.button`
  ${pillButton}
  display: inline-flex;
  align-items: center;
  gap: 4px;
  height: 28px;
  padding: 0 12px;
  border-radius: 14px;
  font-size: 12px;
`;

const Status = styled.p`
  display: flex;
  align-items: center;
  gap: 10px;
  margin: 0 20px;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

export function JoinCommunityOverlay({ initialUrl = '' }: { initialUrl?: string }) {
  const dispatch = useAppDispatch();
  const rooms = useAppSelector(selectDefaultRooms);
  const roomsLoading = useAppSelector(selectDefaultRoomsLoading);
  const roomsError = useAppSelector(selectDefaultRoomsError);
  const joining = useAppSelector(selectJoining);
  const conversations = useAppSelector(selectSearchableConversations);
  const [url, setUrl] = useState(initialUrl);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const headingId = useId();
  useEffect(() => {
    void dispatch(fetchDefaultRooms());
  }, [dispatch]);

  const join = async (target: string, fromField: boolean) => {
    if (joining) return;
    setError(null);
    if (!looksLikeCommunityUrl(target)) {
      if (fromField) setError(t('cmInvalidUrl'));
      return;
    }
    const id = roomIdOf(target);
    const existing = conversations.find((c) => c.kind === 'community' && c.id.toLowerCase() === id);
    if (existing) {
      dispatch(showToast({ kind: 'info', message: t('cmAlreadyMember') }));
      dispatch(openConversation(existing.id));
      return;
    }
    const r = await dispatch(joinCommunity(target.trim()));
    if (joinCommunity.fulfilled.match(r)) {
      dispatch(openConversation(r.payload.id));
    } else {
      const message = t('cmJoinFailed', { message: r.payload ?? '' });
      if (fromField) setError(message);
      else dispatch(showToast({ kind: 'error', message }));
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void join(url, true);
  };
  const busy = joining !== null;
  const openOrJoin = (room: DefaultRoomView) => {
    if (room.joinedId) dispatch(openConversation(room.joinedId));
    else void join(room.url, false);
  };
  return (
    <div data-testid="join-community">
      <Form onSubmit={onSubmit} aria-busy={busy}>
        <input
          autoFocus
          value={url}
          maxLength={600}
          placeholder={t('cmEnterUrl')}
          aria-label={t('cmEnterUrl')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          spellCheck={false}
          disabled={busy}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(null);
          }}
          data-testid="join-community-input"
        />
        {error ? (
          <FieldError id={errorId} role="alert" data-testid="join-community-error">
            {error}
            {error === t('cmInvalidUrl') ? ` ${t('cmUrlHint')}` : null}
          </FieldError>
        ) : null}
        <JoinButton type="submit" disabled={busy || url.trim() === ''} data-testid="join-community-submit">
          {joining === url.trim() && busy ? (
            <>
              <SmallSpinner aria-hidden />
              {t('cmJoining')}
            </>
          ) : (
            t('cmJoin')
          )}
        </JoinButton>
      </Form>
      {roomsLoading && !rooms ? (
        <Status role="status" data-testid="default-rooms-loading">
          <SmallSpinner aria-hidden />
          {t('cmDefaultRoomsLoading')}
        </Status>
      ) : null}
      {roomsError && !rooms ? (
        <Status role="alert" data-testid="default-rooms-error">
          {t('cmDefaultRoomsFailed', { message: roomsError })}
        </Status>
      ) : null}
      {rooms && rooms.length > 0 ? (
        <section aria-labelledby={headingId}>
          <Heading id={headingId}>{t('cmOrJoinOne')}</Heading>
          <Rooms data-testid="default-rooms">
            {rooms.map((listed) => {
              // A room joined elsewhere (another device, the CLI) is joined here too.
              const joinedId = listed.joinedId ?? conversations.find((c) => c.kind === 'community' && c.id.toLowerCase() === roomIdOf(listed.url))?.id;
              const room = joinedId ? { ...listed, joinedId } : listed;
              return (
              <li key={room.url} data-testid="default-room" data-room={room.room}>
                <Avatar id={room.joinedId ?? roomIdOf(room.url) ?? room.url} name={room.name} size={28} avatarVersion={room.imageVersion} />
                <RoomText>
                  <strong dir="auto">{room.name}</strong>
                  {room.activeUsers !== undefined ? <small>{t('cmActiveUsers', { count: room.activeUsers })}</small> : null}
                </RoomText>
                {room.joinedId ? (
                  <RoomButton type="button" aria-label={t('cmOpenRoom', { name: room.name })} onClick={() => openOrJoin(room)} data-testid="default-room-open">
                    <Check size={14} aria-hidden />
                    {t('cmJoined')}
                  </RoomButton>
                ) : (
                  <RoomButton
                    type="button"
                    disabled={busy}
                    aria-label={t('cmJoinRoom', { name: room.name })}
                    onClick={() => openOrJoin(room)}
                    data-testid="default-room-join"
                  >
                    {joining === room.url ? <SmallSpinner aria-hidden /> : null}
                    {joining === room.url ? t('cmJoining') : t('cmJoin')}
                  </RoomButton>
                )}
              </li>
              );
            })}
          </Rooms>
        </section>
      ) : null}
    </div>
  );
}
