// The "Disappearing Messages" page of the conversation settings (spec/ui.md §5.3): for 1:1 a "Delete
// Type" section (Off / Disappear After Read / Disappear After Send, each with its description) and the
// "Timer" list of the chosen mode (the official values; defaults 12 hours after read, 1 day after send);
// Note to Self is single mode (after send only: the timer list starts with "Off"). "Set" saves through
// conversations.setExpiration and is disabled while nothing changed or while saving.
import { useId, useState } from 'react';
import styled from 'styled-components';
import type { ConversationSummary, ExpirationMode } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectAppInfo } from '../../state/app';
import { setConversationExpiration } from '../../state/conversations';
import { showToast } from '../../state/ui';
import { pillButton } from '../common/formStyles';
import { defaultTimer, developmentTimersAllowed, formatTimer, isSingleMode, timerOptions } from '../conversation/expiration';

const Section = styled.fieldset`
  margin: 0 0 18px;
  padding: 0;
  border: none;
  legend {
    margin-bottom: 4px;
    padding: 0;
    font-size: 13px;
    font-weight: 700;
    color: var(--text-secondary-color);
  }
  > p {
    margin: 0 0 8px;
    font-size: 13px;
    color: var(--text-secondary-color);
  }
`;

const Panel = styled.div`
  border-radius: 10px;
  background: var(--background-secondary-color);
  overflow: hidden;
`;

const Option = styled.label`
  display: flex;
  align-items: center;
  gap: 12px;
  min-height: 44px;
  padding: 8px 16px;
  font-size: 15px;
  cursor: pointer;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
  input {
    flex: none;
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--primary-color);
    cursor: pointer;
  }
  input:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  small {
    display: block;
    margin-top: 2px;
    font-size: 12px;
    color: var(--text-secondary-color);
  }
`;

const SetButton = styled.button`
  display: block;
  min-width: 110px;
  margin: 0 auto;
  padding: 8px 20px;
  border-radius: 20px;
  ${pillButton}
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

const MODES: ReadonlyArray<{ mode: ExpirationMode; label: 'cfOff' | 'cfAfterRead' | 'cfAfterSend'; description?: 'cfAfterReadDescription' | 'cfAfterSendDescription' }> = [
  { mode: 'off', label: 'cfOff' },
  { mode: 'after-read', label: 'cfAfterRead', description: 'cfAfterReadDescription' },
  { mode: 'after-send', label: 'cfAfterSend', description: 'cfAfterSendDescription' },
];

interface Choice {
  mode: ExpirationMode;
  seconds: number;
}

export function DisappearingMessagesPage({ c, onDone }: { c: ConversationSummary; onDone: () => void }) {
  const dispatch = useAppDispatch();
  const development = developmentTimersAllowed(useAppSelector(selectAppInfo));
  const single = isSingleMode(c.kind);
  // --- groups: the group's admins set it; a member sees it, options disabled and no "Set" (spec/ui.md §5.3) ---
  const readOnly = c.kind === 'group' && !c.group?.admin;
  const current: Choice = c.expiration ? { mode: c.expiration.type, seconds: c.expiration.seconds } : { mode: 'off', seconds: 0 };
  const [choice, setChoice] = useState<Choice>(current);
  const [busy, setBusy] = useState(false);
  const group = useId();

  const chooseMode = (mode: ExpirationMode) => {
    if (mode === 'off') setChoice({ mode, seconds: 0 });
    else setChoice({ mode, seconds: current.mode === mode ? current.seconds : defaultTimer(mode) });
  };
  const timerMode = choice.mode === 'off' ? (single ? 'after-send' : null) : choice.mode;
  const options = timerMode ? timerOptions(timerMode, development) : [];
  // A timer set elsewhere (another device, the peer) that this list does not offer is still shown as chosen.
  if (timerMode && current.mode === timerMode && !options.includes(current.seconds)) {
    options.push(current.seconds);
    options.sort((a, b) => a - b);
  }
  const unchanged = choice.mode === current.mode && (choice.mode === 'off' || choice.seconds === current.seconds);

  const save = async () => {
    setBusy(true);
    const r = await dispatch(setConversationExpiration({ id: c.id, mode: choice.mode, seconds: choice.mode === 'off' ? 0 : choice.seconds }));
    setBusy(false);
    if (setConversationExpiration.fulfilled.match(r)) onDone();
    else dispatch(showToast({ kind: 'error', message: t('cfSetFailed', { message: r.payload ?? r.error.message ?? '' }) }));
  };

  return (
    <div data-testid="disappearing-messages-page" data-read-only={readOnly || undefined}>
      {c.kind === 'group' ? (
        <p data-testid="disappearing-group-note">
          {t('grDisappearingApplies')} {readOnly ? t('grDisappearingReadOnly') : null}
        </p>
      ) : null}
      {single ? null : (
        <Section>
          <legend>{t('cfDeleteType')}</legend>
          <p>{t('cfDeleteTypeDescription')}</p>
          <Panel>
            {MODES.map(({ mode, label, description }) => (
              <Option key={mode}>
                <input
                  type="radio"
                  name={`${group}-mode`}
                  checked={choice.mode === mode}
                  onChange={() => chooseMode(mode)}
                  data-testid={`disappearing-mode-${mode}`}
                />
                <span>
                  {t(label)}
                  {description ? <small>{t(description)}</small> : null}
                </span>
              </Option>
            ))}
          </Panel>
        </Section>
      )}
      {timerMode ? (
        <Section>
          <legend>{t('cfTimer')}</legend>
          <Panel>
            {single ? (
              <Option>
                <input type="radio" name={`${group}-timer`} checked={choice.mode === 'off'} disabled={readOnly} onChange={() => chooseMode('off')} data-testid="disappearing-timer-off" />
                <span>{t('cfOff')}</span>
              </Option>
            ) : null}
            {options.map((seconds) => (
              <Option key={seconds}>
                <input
                  type="radio"
                  name={`${group}-timer`}
                  checked={choice.mode === timerMode && choice.seconds === seconds}
                  disabled={readOnly}
                  onChange={() => setChoice({ mode: timerMode, seconds })}
                  data-testid={`disappearing-timer-${seconds}`}
                />
                <span>{formatTimer(seconds)}</span>
              </Option>
            ))}
          </Panel>
        </Section>
      ) : null}
      {readOnly ? null : (
        <SetButton type="button" disabled={busy || unchanged} onClick={() => void save()} data-testid="disappearing-set">
          {t('convSet')}
        </SetButton>
      )}
    </div>
  );
}
