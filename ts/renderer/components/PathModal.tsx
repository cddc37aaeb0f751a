// The onion path dialog (spec/ui.md §7): "You", each hop of the first path by country (hover
// shows its IP), then "Destination". Until a path exists it says it is waiting for one.
import styled from 'styled-components';
import type { OnionPathNodeView } from '../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../hooks/redux';
import { t } from '../locales/i18n';
import { selectPaths, selectPathStatus } from '../state/network';
import { closeTopModal } from '../state/ui';
import { Modal } from './common/Modal';

const Text = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  color: var(--text-secondary-color);
  text-align: center;
`;

const Hops = styled.ol`
  position: relative;
  margin: 0 auto;
  padding: 0 0 0 30px;
  width: fit-content;
  list-style: none;
  &::before {
    content: '';
    position: absolute;
    left: 5px;
    top: 12px;
    bottom: 12px;
    width: 2px;
    background: var(--path-color-connected);
  }
`;

const Hop = styled.li`
  position: relative;
  padding: 8px 0;
  font-size: 15px;
  &::before {
    content: '';
    position: absolute;
    left: -30px;
    top: 50%;
    width: 12px;
    height: 12px;
    margin-top: -6px;
    border-radius: 50%;
    background: var(--path-color-connected);
  }
`;

function countryName(code: string | undefined): string {
  if (!code) return t('pathUnknownCountry');
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? t('pathUnknownCountry');
  } catch {
    return t('pathUnknownCountry');
  }
}

function HopList({ nodes }: { nodes: OnionPathNodeView[] }) {
  return (
    <Hops aria-label={t('pathHops')} data-testid="path-hops">
      <Hop>{t('pathYou')}</Hop>
      {nodes.map((n) => (
        <Hop key={n.ed25519} title={n.ip}>
          {countryName(n.country)}
        </Hop>
      ))}
      <Hop>{t('pathDestination')}</Hop>
    </Hops>
  );
}

export function PathModal() {
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectPathStatus);
  const paths = useAppSelector(selectPaths);
  const first = paths[0];
  return (
    <Modal title={t('pathTitle')} onClose={() => dispatch(closeTopModal())} testId="path-modal">
      <Text>{t('pathExplainer')}</Text>
      {status === 'offline' || !first ? <Text role="status">{t('pathWaiting')}</Text> : <HopList nodes={first.nodes} />}
    </Modal>
  );
}
