// The settings sub-pages of spec/ui.md §6.4–6.7 with the settings whose feature exists.
import { ChevronRight } from 'lucide-react';
import { useId } from 'react';
import styled from 'styled-components';
import { selectAppInfo } from '../../state/app';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { showSettingsPage } from '../../state/ui';
import { selectPasswordStatus } from '../../state/password';
import { PreviewNotification } from './PreviewNotification';
import { t } from '../../locales/i18n';
import type { LocaleKey } from '../../locales/en';
import { ACCENT_COLORS, ACCENT_NAMES, PALETTES, THEME_NAMES, type AccentName, type ThemeName } from '../../theme/tokens';
import { NavButtonRow, RadioRows, Row, Section, TextBlock, ToggleRow, useSetSetting, useSettingValue } from './controls';
import { inputSurface } from '../common/formStyles';

// Settings whose feature is not built yet are not shown (auto-update); the page comes back with it. Settings that only act in Electron (tray, menu bar) are shown only
// there.

/**
 * Privacy (spec/ui.md §6.2): the Microphone permission (voice messages and Electron's permission handler
 * follow it), read receipts, typing indicators and sending link previews.
 */
/** The Passwords section of Privacy (spec/ui.md §6.2): Set, or Change and Remove, and where the key is kept without one. */
function PasswordsSection() {
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectPasswordStatus);
  const id = useId();
  const row = (page: 'password-set' | 'password-change' | 'password-remove', title: LocaleKey, desc: LocaleKey, button: LocaleKey, danger = false) => (
    <NavButtonRow type="button" onClick={() => dispatch(showSettingsPage(page))} data-testid={`settings-${page}`}>
      <TextBlock id={`${id}-${page}`} title={t(title)} description={t(desc)} />
      <ActionPill $danger={danger} aria-hidden>
        {t(button)}
      </ActionPill>
    </NavButtonRow>
  );
  if (!status) return null;
  return (
    <Section title={t('passwordsSection')}>
      {status.set ? (
        <>
          {row('password-change', 'passwordChangeRow', 'passwordChangeRowDesc', 'passwordChangeButton')}
          {row('password-remove', 'passwordRemoveRow', 'passwordRemoveRowDesc', 'passwordRemoveButton', true)}
        </>
      ) : (
        <>
          {row('password-set', 'passwordSetRow', 'passwordSetRowDesc', 'passwordSetButton')}
          <Row>
            <KeptNote data-testid="password-key-kept">{t(status.protection === 'keychain' ? 'passwordKeptInKeychain' : 'passwordKeptInFile')}</KeptNote>
          </Row>
        </>
      )}
    </Section>
  );
}

const KeptNote = styled.p`
  margin: 0;
  font-size: 13px;
  color: var(--text-secondary-color);
`;

const ActionPill = styled.span<{ $danger: boolean }>`
  padding: 4px 16px;
  border-radius: 14px;
  border: 1px solid ${(p) => (p.$danger ? 'var(--danger-color)' : 'var(--button-outline-color)')};
  color: ${(p) => (p.$danger ? 'var(--danger-text-color)' : 'var(--button-outline-color)')};
  font-size: 14px;
  font-weight: 600;
`;

export function PrivacyPage() {
  return (
    <>
      <PasswordsSection />
      <Section title={t('privacyMicrophoneSection')}>
        <ToggleRow setting="microphone" title={t('privacyMicrophone')} description={t('privacyMicrophoneDesc')} />
      </Section>
      {/* --- conversation features: the settings of read receipts, typing indicators and link previews (begin) --- */}
      <Section title={t('readReceiptsSection')}>
        <ToggleRow setting="readReceipts" title={t('readReceipts')} description={t('readReceiptsDesc')} />
      </Section>
      <Section title={t('typingIndicatorsSection')}>
        <ToggleRow setting="typingIndicators" title={t('typingIndicators')} description={t('typingIndicatorsDesc')} />
      </Section>
      {/* Turning previews on asks nothing here: the composer asks for consent when a link is first pasted. */}
      <Section title={t('linkPreviewsSection')}>
        <ToggleRow setting="linkPreviews" title={t('linkPreviews')} description={t('linkPreviewsDesc')} />
      </Section>
      {/* --- conversation features (end) --- */}
      {/* --- communities: blinded direct messages from room members (spec/ui.md §6.2) --- */}
      <Section title={t('messageRequestsSection')}>
        <ToggleRow setting="communityMessageRequests" title={t('communityMessageRequests')} description={t('communityMessageRequestsDesc')} />
      </Section>
    </>
  );
}

export function NotificationsPage() {
  const host = useAppSelector(selectAppInfo)?.host;
  return (
    <>
      <Section>
        <ToggleRow setting="notifications" title={t('notificationsToggle')} description={t('notificationsDesc')} />
        <ToggleRow setting="audioNotifications" title={t('audioNotifications')} description={t('audioNotificationsDesc')} />
      </Section>
      <Section title={t('notificationDisplay')}>
        <RadioRows
          setting="notificationContent"
          legend={t('notificationDisplay')}
          options={[
            { value: 'name-and-content', label: t('notificationNameAndContent') },
            { value: 'name-only', label: t('notificationNameOnly') },
            { value: 'none', label: t('notificationNone') },
          ]}
        />
      </Section>
      {host === 'web' ? <PreviewNotification /> : null}
    </>
  );
}

export function ConversationsPage() {
  const dispatch = useAppDispatch();
  const id = useId();
  const spellCheckUnavailable = useAppSelector(selectAppInfo)?.spellCheckUnavailable;
  return (
    <>
      <Section title={t('spellChecker')}>
        <ToggleRow
          setting="spellCheck"
          title={t('spellCheck')}
          description={t('spellCheckDesc')}
          {...(spellCheckUnavailable !== undefined ? { unavailable: t('spellCheckUnavailable') } : {})}
        />
      </Section>
      {/* --- communities: the backend trims large rooms' old messages (spec/ui.md §6.4) --- */}
      <Section title={t('messageTrimming')}>
        <ToggleRow setting="trimCommunities" title={t('trimCommunities')} description={t('trimCommunitiesDesc')} />
      </Section>
      <Section title={t('mediaAudioMessagesSection')}>
        <ToggleRow setting="autoplayAudio" title={t('autoplayAudio')} description={t('autoplayAudioDesc')} />
      </Section>
      <Section title={t('blockedContacts')}>
        <NavButtonRow type="button" onClick={() => dispatch(showSettingsPage('blocked-contacts'))} data-testid="settings-nav-blocked-contacts">
          <TextBlock id={id} title={t('blockedContacts')} description={t('blockedContactsDesc')} />
          <ChevronRight size={18} aria-hidden className="rtl-flip" />
        </NavButtonRow>
      </Section>
    </>
  );
}

export function PreferencesPage() {
  const host = useAppSelector(selectAppInfo)?.host;
  return (
    <>
      {host === 'electron' ? (
        <Section title={t('tray')}>
          <ToggleRow setting="keepInTray" title={t('keepInTray')} description={t('keepInTrayDesc')} />
        </Section>
      ) : null}
      <Section title={t('enterKey')}>
        <RadioRows
          setting="enterKey"
          legend={t('enterKey')}
          options={[
            { value: 'enter-sends', label: t('enterSends'), description: t('enterSendsDesc') },
            { value: 'shift-enter-sends', label: t('shiftEnterSends'), description: t('shiftEnterSendsDesc') },
          ]}
        />
      </Section>
    </>
  );
}

const THEME_LABELS: Record<ThemeName, LocaleKey> = {
  'classic-dark': 'themeClassicDark',
  'classic-light': 'themeClassicLight',
  'ocean-dark': 'themeOceanDark',
  'ocean-light': 'themeOceanLight',
};

const ACCENT_LABELS: Record<AccentName, LocaleKey> = {
  green: 'accentGreen',
  blue: 'accentBlue',
  yellow: 'accentYellow',
  pink: 'accentPink',
  purple: 'accentPurple',
  orange: 'accentOrange',
  red: 'accentRed',
};

/** Mini preview of a theme: its background with an incoming and an outgoing bubble. */
function ThemePreview({ theme, accent }: { theme: ThemeName; accent: AccentName }) {
  const p = PALETTES[theme];
  return (
    <svg width="56" height="40" viewBox="0 0 56 40" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="55" height="39" rx="6" fill={p.bgPrimary} stroke={p.borders} />
      <rect x="6" y="7" width="30" height="10" rx="5" fill={p.incomingBg} />
      <rect x="20" y="23" width="30" height="10" rx="5" fill={ACCENT_COLORS[accent]} />
    </svg>
  );
}

const Swatches = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 12px;
  padding: 15px;
`;

const Swatch = styled.button<{ $color: string; $selected: boolean }>`
  width: 30px;
  height: 30px;
  padding: 0;
  border-radius: 50%;
  border: 2px solid ${(p) => (p.$selected ? 'var(--text-primary-color)' : 'transparent')};
  background: ${(p) => p.$color};
  box-shadow: inset 0 0 0 3px var(--background-tertiary-color);
  cursor: pointer;
`;

function AccentSwatches() {
  const accent = useSettingValue('accent');
  const set = useSetSetting();
  return (
    <Swatches role="radiogroup" aria-label={t('primaryColor')}>
      {ACCENT_NAMES.map((name) => (
        <Swatch
          key={name}
          type="button"
          role="radio"
          aria-checked={accent === name}
          aria-label={t(ACCENT_LABELS[name])}
          title={t(ACCENT_LABELS[name])}
          disabled={accent === undefined}
          $color={ACCENT_COLORS[name]}
          $selected={accent === name}
          onClick={() => set('accent', name)}
          data-testid={`setting-accent-${name}`}
        />
      ))}
    </Swatches>
  );
}

const ZOOM_STEPS = Array.from({ length: 16 }, (_, i) => Math.round((0.5 + i * 0.1) * 10) / 10);

const Select = styled.select`
  padding: 6px 10px;
  border-radius: 5px;
  ${inputSurface}
`;

function ZoomRow() {
  const id = useId();
  const zoom = useSettingValue('zoomFactor');
  const set = useSetSetting();
  // Snap a factor set elsewhere (e.g. Ctrl +/-) to the nearest listed step.
  const current = zoom === undefined ? undefined : ZOOM_STEPS.reduce((a, b) => (Math.abs(b - zoom) < Math.abs(a - zoom) ? b : a));
  return (
    <Row>
      <TextBlock id={id} title={t('zoomFactor')} description={t('zoomFactorDesc')} />
      <Select
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        value={current === undefined ? '' : String(current)}
        disabled={current === undefined}
        onChange={(e) => set('zoomFactor', Number(e.target.value))}
        data-testid="setting-zoomFactor"
      >
        {ZOOM_STEPS.map((step) => (
          <option key={step} value={String(step)}>
            {t('zoomPercent', { percent: Math.round(step * 100) })}
          </option>
        ))}
      </Select>
    </Row>
  );
}

export function AppearancePage() {
  const accent = useSettingValue('accent') ?? 'green';
  const info = useAppSelector(selectAppInfo);
  return (
    <>
      <Section title={t('themes')}>
        <RadioRows
          setting="theme"
          legend={t('themes')}
          options={THEME_NAMES.map((theme) => ({
            value: theme,
            label: t(THEME_LABELS[theme]),
            adornment: <ThemePreview theme={theme} accent={accent} />,
          }))}
        />
      </Section>
      <Section title={t('primaryColor')}>
        <AccentSwatches />
      </Section>
      <Section title={t('darkMode')}>
        <ToggleRow setting="followSystemTheme" title={t('autoDarkMode')} description={t('autoDarkModeDesc')} />
      </Section>
      <Section title={t('display')}>
        <ZoomRow />
      </Section>
      {info?.host === 'electron' && info.platform !== 'darwin' ? (
        <Section title={t('menuBar')}>
          <ToggleRow setting="hideMenuBar" title={t('hideMenuBar')} description={t('hideMenuBarDesc')} />
        </Section>
      ) : null}
    </>
  );
}
