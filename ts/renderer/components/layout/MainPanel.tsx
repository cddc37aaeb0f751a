// The main panel: the open conversation, or the empty view of spec/ui.md §1.2 — brand mark and
// wordmark ("Account Created" right after onboarding), plus the "no conversations yet" hint.
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectConversationCount } from '../../state/conversations';
import { selectAccountJustCreated, selectSelectedConversationId } from '../../state/ui';
import { ConversationView } from '../conversation/ConversationView';
import { BrandMark, BrandWordmark } from '../common/BrandMark';

const Panel = styled.main`
  flex: 1;
  min-width: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  background: var(--background-primary-color);
`;

const Column = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 25px;
  max-width: 420px;
  padding: 0 30px;
  text-align: center;
`;

const Divider = styled.hr`
  width: 100%;
  margin: 10px 0;
  border: none;
  border-top: 1px solid var(--borders-color);
`;

const Heading = styled.h2`
  margin: 0;
  font-size: 24px;
  font-weight: 700;
`;

const Hint = styled.p`
  margin: 0;
  font-size: 15px;
  color: var(--text-secondary-color);
  line-height: 1.4;
`;

const Welcome = styled.p`
  margin: 0;
  font-size: 32px;
  color: var(--renderer-span-primary-color);
`;

export function MainPanel() {
  const count = useAppSelector(selectConversationCount);
  const selected = useAppSelector(selectSelectedConversationId);
  const justCreated = useAppSelector(selectAccountJustCreated);
  if (selected) {
    return (
      <Panel data-testid="main-panel">
        <ConversationView key={selected} conversationId={selected} />
      </Panel>
    );
  }
  return (
    <Panel data-testid="main-panel">
      <Column data-testid="empty-view">
        {justCreated ? (
          <>
            <Heading data-testid="account-created">{t('accountCreated')}</Heading>
            <Welcome>{t('welcomeToSession')}</Welcome>
          </>
        ) : (
          <>
            <BrandMark height={180} />
            <BrandWordmark text={t('appName')} size={52} />
          </>
        )}
        {count === 0 ? (
          <>
            <Divider />
            <Heading>{t('noConversationsTitle')}</Heading>
            <Hint>{t('noConversationsText')}</Hint>
          </>
        ) : null}
      </Column>
    </Panel>
  );
}
