// The onion path dialog (spec/ui.md §7). Until the network-path API lands it can only say that
// no path is known yet.
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../hooks/redux';
import { t } from '../locales/i18n';
import { selectPathStatus } from '../state/network';
import { closeTopModal } from '../state/ui';
import { Modal } from './common/Modal';

const Text = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  color: var(--text-secondary-color);
  text-align: center;
`;

export function PathModal() {
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectPathStatus);
  return (
    <Modal title={t('pathTitle')} onClose={() => dispatch(closeTopModal())} testId="path-modal">
      <Text>{t('pathExplainer')}</Text>
      {status === 'offline' ? <Text role="status">{t('pathWaiting')}</Text> : null}
    </Modal>
  );
}
