// "Keyboard Shortcuts" (spec/ui.md §9.3, Ctrl+/): the shortcuts that work in this host, in sections
// with key caps; Cmd instead of Ctrl on macOS, and the Enter rows follow the Enter Key setting.
import { Fragment } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { SHORTCUTS, type KeyCap, type Shortcut, type ShortcutSection } from '../../hooks/useGlobalShortcuts';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { selectAppInfo } from '../../state/app';
import { selectSetting } from '../../state/settings';
import { closeTopModal } from '../../state/ui';
import { Modal } from '../common/Modal';

const SECTION_TITLES: Record<ShortcutSection, LocaleKey> = {
  general: 'shortcutsGeneral',
  conversation: 'shortcutsConversation',
  view: 'shortcutsView',
};

const Title = styled.h3`
  margin: 15px 0 8px;
  font-size: 14px;
  color: var(--text-secondary-color);
`;

const List = styled.dl`
  display: grid;
  grid-template-columns: 1fr auto;
  gap: 8px 15px;
  margin: 0;
  dt {
    font-size: 14px;
  }
  dd {
    display: flex;
    gap: 4px;
    margin: 0;
    justify-content: flex-end;
  }
`;

const Cap = styled.kbd`
  min-width: 24px;
  padding: 2px 7px;
  border-radius: 5px;
  border: 1px solid var(--borders-color);
  border-bottom-width: 2px;
  background: var(--background-secondary-color);
  font-family: var(--font-mono);
  font-size: 12px;
  text-align: center;
`;

function capText(cap: KeyCap, mac: boolean): string {
  if (cap === 'mod') return mac ? t('keyCmd') : t('keyCtrl');
  if (cap === 'shift') return t('keyShift');
  if (cap === 'esc') return t('keyEsc');
  if (cap === 'enter') return t('keyEnter');
  if ('range' in cap) return t('keyRange', { from: cap.range[0], to: cap.range[1] });
  return cap.text;
}

export function KeyboardShortcutsModal() {
  const dispatch = useAppDispatch();
  const info = useAppSelector(selectAppInfo);
  const enterKey = useAppSelector(selectSetting('enterKey')) ?? 'enter-sends';
  const mac = info?.platform === 'darwin';
  const keysOf = (s: Shortcut): KeyCap[] => {
    // With "Send with Shift+Enter" the two composer rows swap their keys.
    if (enterKey === 'shift-enter-sends' && s.id === 'send') return ['shift', 'enter'];
    if (enterKey === 'shift-enter-sends' && s.id === 'new-line') return ['enter'];
    return s.keys;
  };
  // Every row works in both hosts: Electron's View menu handles the zoom keys, the page does in a browser.
  const shown = SHORTCUTS;
  const sections = (Object.keys(SECTION_TITLES) as ShortcutSection[]).filter((sec) => shown.some((s) => s.section === sec));
  return (
    <Modal title={t('shortcutsTitle')} onClose={() => dispatch(closeTopModal())} testId="shortcuts-modal">
      {sections.map((sec) => (
        <section key={sec} aria-labelledby={`shortcuts-${sec}`}>
          <Title id={`shortcuts-${sec}`}>{t(SECTION_TITLES[sec])}</Title>
          <List>
            {shown
              .filter((s) => s.section === sec)
              .map((s) => (
                <Fragment key={s.id}>
                  <dt>{t(s.label)}</dt>
                  <dd data-testid={`shortcut-${s.id}`}>
                    {keysOf(s).map((k, i) => (
                      <Cap key={i}>{capText(k, mac)}</Cap>
                    ))}
                  </dd>
                </Fragment>
              ))}
          </List>
        </section>
      ))}
    </Modal>
  );
}
