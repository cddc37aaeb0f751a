// Confirmation before a setting change with privacy consequences (spec/ui.md §6.2): the change is
// sent only when the user confirms; Cancel or Esc leaves the setting as it was.
import styled from 'styled-components';
import { useAppDispatch } from '../hooks/redux';
import { t } from '../locales/i18n';
import { setSetting } from '../state/settings';
import { closeTopModal, type ConfirmSettingModal as ConfirmSpec } from '../state/ui';
import { Modal } from './common/Modal';

const Text = styled.p`
  margin: 0 0 25px;
  font-size: 15px;
  line-height: 1.4;
  text-align: center;
`;

const Buttons = styled.div`
  display: flex;
  justify-content: center;
  gap: 15px;
`;

const Button = styled.button<{ $primary?: boolean }>`
  min-width: 110px;
  padding: 8px 20px;
  border-radius: 20px;
  border: 1px solid ${(p) => (p.$primary ? 'var(--primary-color)' : 'var(--borders-color)')};
  background: transparent;
  color: ${(p) => (p.$primary ? 'var(--primary-color)' : 'var(--text-primary-color)')};
  font: inherit;
  cursor: pointer;
  &:hover {
    background: ${(p) => (p.$primary ? 'var(--primary-color)' : 'var(--chat-buttons-background-hover-color)')};
    color: ${(p) => (p.$primary ? 'var(--text-on-accent-color)' : 'var(--text-primary-color)')};
  }
`;

export function ConfirmSettingModal({ spec }: { spec: ConfirmSpec }) {
  const dispatch = useAppDispatch();
  const close = () => dispatch(closeTopModal());
  return (
    <Modal title={t(spec.title)} onClose={close} width="narrow" testId="confirm-modal">
      <Text>{t(spec.message)}</Text>
      <Buttons>
        <Button
          type="button"
          $primary
          onClick={() => {
            close();
            void dispatch(setSetting(spec.change));
          }}
          data-testid="confirm-ok"
        >
          {t(spec.confirm)}
        </Button>
        <Button type="button" onClick={close} data-testid="confirm-cancel">
          {t('cancel')}
        </Button>
      </Buttons>
    </Modal>
  );
}
