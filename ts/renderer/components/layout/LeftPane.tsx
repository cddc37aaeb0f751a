// The 300 px conversation pane (spec/ui.md §3): header with title and "+" (or a back chevron when
// an overlay is open), search box, then the list — or the overlay that replaces it.
import { ChevronLeft, Globe, MessageSquare, MessageSquareWarning, Plus, Search, UserPlus, Users, X, type LucideIcon } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import {
  selectConversationCount,
  selectRequestConversations,
  selectShowSearch,
  selectUnreadRequestCount,
} from '../../state/conversations';
import { selectSetting, setSetting } from '../../state/settings';
import { selectLeftOverlay, selectSearchQuery, setLeftOverlay, setSearchQuery, type LeftOverlay } from '../../state/ui';
import { IconButton } from '../common/IconButton';
import { ContextMenu } from '../conversationSettings/ContextMenu';
import { conversationName } from '../conversationSettings/conversationName';
import { useConversationActions } from '../conversationSettings/useConversationActions';
import { ConversationList, ConversationRows } from './ConversationList';
import { ContactList, InviteFriend } from './ChooseActionOverlays';
import { NewMessageOverlay } from './NewMessageOverlay';
import { JoinCommunityOverlay } from './JoinCommunityOverlay';
// --- groups admin ---
import { CreateGroupOverlay } from '../groupAdmin/CreateGroupOverlay';
import { RecoveryBanner } from './RecoveryBanner';
// --- search (begin) ---
import { SearchResults, type SearchResultsHandle } from '../search/SearchResults';
// --- search (end) ---

const Pane = styled.section`
  display: flex;
  flex-direction: column;
  width: 300px;
  flex: none;
  border-inline-end: 1px solid var(--borders-color);
  background: var(--background-primary-color);
  min-height: 0;
`;

const Header = styled.header`
  display: flex;
  align-items: center;
  gap: 5px;
  height: 68px;
  flex: none;
  padding: 0 20px;
`;

const Title = styled.h1`
  flex: 1;
  margin: 0;
  font-size: 26px;
  font-weight: 700;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
`;

const OverlayTitle = styled.button`
  flex: 1;
  padding: 0;
  border: none;
  background: none;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 18px;
  font-weight: 700;
  text-align: start;
  cursor: pointer;
`;

const PlusButton = styled.button<{ $active: boolean }>`
  display: flex;
  align-items: center;
  justify-content: center;
  width: 51px;
  height: 33px;
  padding: 0;
  border: 1.5px solid var(--menu-button-border-color);
  border-radius: 7px;
  background: ${(p) => (p.$active ? 'var(--menu-button-background-hover-color)' : 'transparent')};
  color: ${(p) => (p.$active ? 'var(--menu-button-icon-hover-color)' : 'var(--menu-button-icon-color)')};
  cursor: pointer;
  transition: background-color 0.25s, color 0.25s;
  &:hover {
    background: var(--menu-button-background-hover-color);
    color: var(--menu-button-icon-hover-color);
  }
`;

const SearchBox = styled.label`
  display: flex;
  align-items: center;
  gap: 8px;
  height: 34px;
  margin: 0 20px 10px;
  padding: 0 12px;
  border-radius: 17px;
  background: var(--search-bar-background-color);
  color: var(--text-secondary-color);
  input {
    flex: 1;
    min-width: 0;
    border: none;
    outline: none;
    background: transparent;
    color: var(--text-primary-color);
    font: inherit;
    font-size: 15px;
  }
`;

/** A column, so a list can take the rest of the height and scroll on its own (it is virtualised). */
const Body = styled.div`
  display: flex;
  flex: 1;
  min-height: 0;
  flex-direction: column;
  overflow-y: auto;
`;

const Empty = styled.p`
  margin: 30px 25px;
  color: var(--text-secondary-color);
  font-size: 15px;
  text-align: center;
`;

const ActionRow = styled.button`
  display: flex;
  align-items: center;
  width: 100%;
  height: 58px;
  padding: 0;
  border: none;
  border-bottom: 1px solid var(--borders-color);
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  font-size: 18px;
  text-align: start;
  cursor: pointer;
  &:hover {
    background: var(--conversation-tab-background-hover-color);
    --text-secondary-color: var(--text-secondary-on-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
  }
  svg {
    width: 58px;
    flex: none;
  }
`;

const ContactsHeading = styled.h2`
  margin: 20px 20px 10px;
  font-size: 15px;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const OVERLAY_TITLES: Record<LeftOverlay, LocaleKey> = {
  'choose-action': 'messagesTitle',
  'new-message': 'newMessage',
  'create-group': 'createGroup',
  'join-community': 'joinCommunity',
  'invite-friend': 'inviteFriend',
  'message-requests': 'messageRequests',
};

const ACTIONS: ReadonlyArray<{ overlay: 'new-message' | 'create-group' | 'join-community' | 'invite-friend'; icon: LucideIcon }> = [
  { overlay: 'new-message', icon: MessageSquare },
  { overlay: 'create-group', icon: Users },
  { overlay: 'join-community', icon: Globe },
  { overlay: 'invite-friend', icon: UserPlus },
];

function ChooseAction({ onPasteUrl }: { onPasteUrl: (url: string) => void }) {
  const dispatch = useAppDispatch();
  // spec/ui.md §3.8: pasting a link here opens Join Community with it.
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    const text = e.clipboardData.getData('text').trim();
    if (!/^https?:\/\//i.test(text)) return;
    e.preventDefault();
    onPasteUrl(text);
  };
  return (
    <div data-testid="choose-action" onPaste={onPaste}>
      {ACTIONS.map(({ overlay, icon: Icon }) => (
        <ActionRow key={overlay} type="button" onClick={() => dispatch(setLeftOverlay(overlay))} data-testid={`action-${overlay}`}>
          <Icon size={22} aria-hidden />
          {t(OVERLAY_TITLES[overlay])}
        </ActionRow>
      ))}
      <ContactsHeading>{t('contacts')}</ContactsHeading>
      <ContactList />
    </div>
  );
}

const RequestsBanner = styled.button`
  display: flex;
  align-items: center;
  gap: 10px;
  width: 100%;
  height: 64px;
  flex: none;
  padding: 0 16px;
  border: none;
  background: var(--conversation-tab-background-color);
  color: var(--text-primary-color);
  font: inherit;
  font-size: 14px;
  font-weight: 700;
  text-align: start;
  cursor: pointer;
  &:hover {
    background: var(--conversation-tab-background-hover-color);
    --text-secondary-color: var(--text-secondary-on-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
  }
  & > span:nth-child(2) {
    flex: 1;
  }
`;

const RequestsIcon = styled.span`
  display: flex;
  align-items: center;
  justify-content: center;
  width: 36px;
  height: 36px;
  border-radius: 50%;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
`;

const CountBadge = styled.span`
  min-width: 20px;
  padding: 2px 6px;
  border-radius: 10px;
  background: var(--primary-color);
  color: var(--text-on-accent-color);
  font-size: 11px;
  text-align: center;
`;

/**
 * spec/ui.md §3.4: shown while there are unread requests, unless hidden from its menu (right-click,
 * the context-menu key or Shift+F10: "Hide"). Hidden, the requests stay one click away in Settings ▸
 * Message Requests, and the backend shows the banner again when a new request arrives.
 */
function MessageRequestsBanner() {
  const dispatch = useAppDispatch();
  const unread = useAppSelector(selectUnreadRequestCount);
  const hidden = useAppSelector(selectSetting('hideMessageRequestBanner')) === true;
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  if (unread === 0 || hidden) return null;
  // A refusal brings the banner back and is told by the settings error toast.
  const hide = () => void dispatch(setSetting({ key: 'hideMessageRequestBanner', value: true }));
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ContextMenu' && !(e.key === 'F10' && e.shiftKey)) return;
    e.preventDefault();
    const r = e.currentTarget.getBoundingClientRect();
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    setMenu({ x: rtl ? r.right - 16 : r.left + 16, y: r.top + r.height / 2 });
  };
  return (
    <>
      <RequestsBanner
        type="button"
        aria-haspopup="menu"
        onClick={() => dispatch(setLeftOverlay('message-requests'))}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenu({ x: e.clientX, y: e.clientY });
        }}
        onKeyDown={onKeyDown}
        data-testid="requests-banner"
      >
        <RequestsIcon>
          <MessageSquareWarning size={18} aria-hidden />
        </RequestsIcon>
        <span>{t('messageRequests')}</span>
        <CountBadge aria-label={t('unreadCount', { count: unread })}>{unread > 999 ? t('unreadCap') : unread}</CountBadge>
      </RequestsBanner>
      {menu ? (
        <ContextMenu
          items={[{ id: 'hide-requests-banner', label: t('requestsBannerHide'), onSelect: hide }]}
          label={t('requestsBannerMenu')}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      ) : null}
    </>
  );
}

const RequestActions = styled.div`
  display: flex;
  justify-content: flex-end;
  gap: 8px;
  box-sizing: border-box;
  height: 36px;
  padding: 0 16px 10px;
  background: var(--conversation-tab-background-color);
  button {
    height: 26px;
    padding: 0 14px;
    border-radius: 13px;
    background: transparent;
    font: inherit;
    font-size: 12px;
    font-weight: 700;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const AcceptButton = styled.button`
  border: 1px solid var(--button-outline-color);
  color: var(--button-outline-color);
`;

const DeclineButton = styled.button`
  border: 1px solid var(--danger-color);
  color: var(--danger-text-color);
`;

const ClearAllButton = styled.button`
  flex: none;
  height: 40px;
  margin: 12px 20px;
  border: 1px solid var(--danger-color);
  border-radius: 20px;
  background: transparent;
  color: var(--danger-text-color);
  font: inherit;
  font-size: 15px;
  font-weight: 700;
  cursor: pointer;
  &:hover {
    background: var(--danger-color);
    color: var(--text-on-accent-color);
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

/** spec/ui.md §3.11: the request rows with Accept / Delete / Block, and "Clear All" under them. */
function MessageRequests() {
  const requests = useAppSelector(selectRequestConversations);
  const actions = useConversationActions();
  if (requests.length === 0) return <Empty>{t('noMessageRequests')}</Empty>;
  return (
    <>
      <ConversationRows
        conversations={requests}
        actions={(c) => {
          const name = conversationName(c);
          const groupInvite = c.kind === 'group' && c.group?.invitationPending === true;
          return (
            <RequestActions role="group" aria-label={t('convRequestActions')} data-testid="request-row-actions">
              <AcceptButton type="button" aria-label={t('requestAcceptFrom', { name })} onClick={() => void actions.accept(c.id)}>
                {t('requestAccept')}
              </AcceptButton>
              {/* --- groups: an invitation is declined with its own confirmation; Block blocks the inviter --- */}
              <DeclineButton type="button" aria-label={t('requestDeclineFrom', { name })} onClick={() => actions.ask(groupInvite ? 'delete-group-invite' : 'delete-request', c)}>
                {t('requestDecline')}
              </DeclineButton>
              {!groupInvite || c.group?.invitedBy ? (
                <DeclineButton type="button" aria-label={t('convRequestBlockFrom', { name })} onClick={() => actions.ask(groupInvite ? 'block-group-inviter' : 'block', c)}>
                  {t('convBlock')}
                </DeclineButton>
              ) : null}
            </RequestActions>
          );
        }}
      />
      <ClearAllButton type="button" onClick={() => actions.ask('clear-requests', null)} data-testid="requests-clear-all">
        {t('convClearAllRequests')}
      </ClearAllButton>
      {actions.dialog}
    </>
  );
}

function ConversationSearch({ inputRef, results }: { inputRef: RefObject<HTMLInputElement | null>; results: RefObject<SearchResultsHandle | null> }) {
  const dispatch = useAppDispatch();
  const query = useAppSelector(selectSearchQuery);
  const setQuery = (q: string) => dispatch(setSearchQuery(q));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // --- search: ArrowDown goes to the first result ---
    if (e.key === 'ArrowDown' && query.trim() !== '') {
      e.preventDefault();
      results.current?.focusFirst();
      return;
    }
    // First Esc clears, a second one leaves the box (spec/ui.md §3.3).
    if (e.key !== 'Escape') return;
    if (query) setQuery('');
    else e.currentTarget.blur();
  };
  return (
    <SearchBox data-testid="search-box">
      <Search size={16} aria-hidden />
      <input ref={inputRef} type="search" value={query} placeholder={t('search')} aria-label={t('search')} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} />
      {query ? (
        <IconButton label={t('searchClear')} size={22} onClick={() => setQuery('')}>
          <X size={14} aria-hidden />
        </IconButton>
      ) : null}
    </SearchBox>
  );
}

export function LeftPane() {
  const dispatch = useAppDispatch();
  const overlay = useAppSelector(selectLeftOverlay);
  const showSearch = useAppSelector(selectShowSearch);
  const count = useAppSelector(selectConversationCount);
  // The requests banner hides while a search is shown (spec/ui.md §3.3).
  const searching = useAppSelector(selectSearchQuery).trim() !== '' && showSearch;
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' && overlay) dispatch(setLeftOverlay(null));
  };
  // Sub-overlays of "+" go back to it; the requests list goes back to the inbox.
  const back = () => dispatch(setLeftOverlay(overlay === 'choose-action' || overlay === 'message-requests' ? null : 'choose-action'));
  const sub = overlay !== null && overlay !== 'choose-action';
  const titleId = useId();
  // --- search: the box and the results hand focus to each other ---
  const searchInput = useRef<HTMLInputElement>(null);
  const results = useRef<SearchResultsHandle>(null);
  // --- communities: a link pasted on "+" opens Join Community with it ---
  const [joinPrefill, setJoinPrefill] = useState('');
  useEffect(() => {
    if (overlay !== 'join-community') setJoinPrefill('');
  }, [overlay]);
  return (
    // Named by its title, the pane is a region landmark, so everything in it is reachable by landmark.
    <Pane data-testid="left-pane" onKeyDown={onKeyDown} aria-labelledby={titleId}>
      <Header>
        {sub ? (
          <>
            <IconButton label={t('back')} onClick={back} data-testid="overlay-back">
              <ChevronLeft size={22} aria-hidden className="rtl-flip" />
            </IconButton>
            <OverlayTitle type="button" onClick={back} id={titleId} data-testid="left-pane-title">
              {t(OVERLAY_TITLES[overlay])}
            </OverlayTitle>
          </>
        ) : (
          <>
            <Title id={titleId} data-testid="left-pane-title">{t('messagesTitle')}</Title>
            <PlusButton
              type="button"
              aria-label={t('chooseAction')}
              title={t('chooseAction')}
              aria-pressed={overlay === 'choose-action'}
              $active={overlay === 'choose-action'}
              onClick={() => dispatch(setLeftOverlay(overlay ? null : 'choose-action'))}
              data-testid="choose-action-button"
            >
              <Plus size={22} aria-hidden />
            </PlusButton>
          </>
        )}
      </Header>
      <RecoveryBanner />
      {overlay === null && showSearch ? <ConversationSearch inputRef={searchInput} results={results} /> : null}
      {overlay === null && !searching ? <MessageRequestsBanner /> : null}
      <Body>
        {overlay === 'choose-action' ? (
          <ChooseAction
            onPasteUrl={(url) => {
              setJoinPrefill(url);
              dispatch(setLeftOverlay('join-community'));
            }}
          />
        ) : overlay === 'message-requests' ? (
          <MessageRequests />
        ) : overlay === 'new-message' ? (
          <NewMessageOverlay />
        ) : overlay === 'create-group' ? (
          <CreateGroupOverlay />
        ) : overlay === 'join-community' ? (
          <JoinCommunityOverlay initialUrl={joinPrefill} />
        ) : overlay === 'invite-friend' ? (
          <InviteFriend />
        ) : count === 0 ? (
          <Empty data-testid="conversation-list-empty">{t('conversationListEmpty')}</Empty>
        ) : searching ? (
          // --- search: results grouped under headings, messages from the full-text index ---
          <SearchResults handle={results} onLeave={() => searchInput.current?.focus()} />
        ) : (
          <ConversationList />
        )}
      </Body>
    </Pane>
  );
}
