// Building blocks of the settings pages: titled sections, a panel of rows, and the toggle/radio
// rows bound to one setting each (read through selectors, written through `setSetting`).
import { useId, type ReactNode } from 'react';
import styled from 'styled-components';
import type { SettingKey, Settings } from '../../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectAppInfo } from '../../state/app';
import { selectSetting, setSetting, type SettingChange } from '../../state/settings';
import { showToast } from '../../state/ui';
import { Toggle } from '../common/Toggle';

export type BooleanSettingKey = { [K in SettingKey]: Settings[K] extends boolean ? K : never }[SettingKey];

/** Pairs a key with a value of its type; the cast is safe because K ties both together. */
export function changeOf<K extends SettingKey>(key: K, value: Settings[K]): SettingChange {
  return { key, value } as SettingChange;
}

export function useSettingValue<K extends SettingKey>(key: K): Settings[K] | undefined {
  return useAppSelector(selectSetting(key));
}

/** Changes that only take effect after a restart (spec/ui.md §6.5, §6.6). */
function needsRestart(change: SettingChange): boolean {
  return change.key === 'spellCheck' || (change.key === 'keepInTray' && change.value === false);
}

export function useSetSetting() {
  const dispatch = useAppDispatch();
  // Only the Electron app restarts to apply these; the web host applies spell check at once.
  const electron = useAppSelector(selectAppInfo)?.host === 'electron';
  return <K extends SettingKey>(key: K, value: Settings[K]) => {
    const change = changeOf(key, value);
    void dispatch(setSetting(change)).then((result) => {
      if (setSetting.fulfilled.match(result) && electron && needsRestart(change)) {
        dispatch(showToast({ kind: 'info', message: t('restartRequired') }));
      }
    });
  };
}

const SectionTitle = styled.h3`
  margin: 20px 0 8px;
  font-size: 14px;
  font-weight: 700;
  color: var(--text-secondary-color);
`;

const Panel = styled.div`
  border-radius: 13px;
  background: var(--background-tertiary-color);
  overflow: hidden;
`;

const SectionBox = styled.section`
  & + & {
    margin-top: 12px;
  }
`;

export function Section({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <SectionBox>
      {title ? <SectionTitle>{title}</SectionTitle> : null}
      <Panel>{children}</Panel>
    </SectionBox>
  );
}

export const Row = styled.div`
  display: flex;
  align-items: center;
  gap: 15px;
  min-height: 54px;
  padding: 10px 15px;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
`;

/** A row that opens a sub-page: the whole row is the button. */
export const NavButtonRow = styled.button`
  display: flex;
  align-items: center;
  gap: 15px;
  width: 100%;
  min-height: 54px;
  padding: 10px 15px;
  border: none;
  background: transparent;
  color: var(--text-primary-color);
  font: inherit;
  text-align: start;
  cursor: pointer;
  &:hover {
    background: var(--chat-buttons-background-hover-color);
    --text-secondary-color: var(--text-secondary-on-hover-color);
    --danger-text-color: var(--danger-text-on-hover-color);
  }
`;

const RowText = styled.div`
  flex: 1;
  min-width: 0;
`;

export const RowTitle = styled.div`
  font-size: 15px;
  font-weight: 500;
`;

export const RowDescription = styled.div`
  margin-top: 3px;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

export function TextBlock({ id, title, description }: { id: string; title: string; description?: string | undefined }) {
  return (
    <RowText>
      <RowTitle id={`${id}-title`}>{title}</RowTitle>
      {description ? <RowDescription id={`${id}-desc`}>{description}</RowDescription> : null}
    </RowText>
  );
}

export interface ToggleRowProps {
  setting: BooleanSettingKey;
  title: string;
  description?: string;
  /** Why the setting cannot take effect here: the toggle is shown off and disabled, with this as its description. */
  unavailable?: string;
}

export function ToggleRow({ setting, title, description, unavailable }: ToggleRowProps) {
  const id = useId();
  const value = useSettingValue(setting);
  const set = useSetSetting();
  const shown = unavailable ?? description;
  return (
    <Row>
      <TextBlock id={id} title={title} description={shown} />
      <Toggle
        checked={unavailable === undefined && value === true}
        disabled={unavailable !== undefined || value === undefined}
        onChange={(next) => set(setting, next)}
        labelledBy={`${id}-title`}
        describedBy={shown ? `${id}-desc` : undefined}
        testId={`setting-${setting}`}
      />
    </Row>
  );
}

const RadioLabel = styled.label`
  display: flex;
  align-items: center;
  gap: 15px;
  min-height: 48px;
  padding: 8px 15px;
  cursor: pointer;
  & + & {
    border-top: 1px solid var(--borders-color);
  }
  input {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--primary-color);
    cursor: pointer;
  }
`;

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: string;
  /** Drawn before the label (theme previews). */
  adornment?: ReactNode;
}

type StringSettingKey = { [K in SettingKey]: Settings[K] extends string ? K : never }[SettingKey];

export function RadioRows<K extends StringSettingKey>({
  setting,
  legend,
  options,
}: {
  setting: K;
  legend: string;
  options: readonly RadioOption<Settings[K] & string>[];
}) {
  const name = useId();
  const value = useSettingValue(setting);
  const set = useSetSetting();
  return (
    <Panel role="radiogroup" aria-label={legend}>
      {options.map((o) => (
        <RadioLabel key={o.value}>
          {o.adornment}
          <RowText>
            <RowTitle>{o.label}</RowTitle>
            {o.description ? <RowDescription>{o.description}</RowDescription> : null}
          </RowText>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={value === undefined}
            onChange={() => set(setting, o.value as Settings[K])}
            data-testid={`setting-${setting}-${o.value}`}
          />
        </RadioLabel>
      ))}
    </Panel>
  );
}
