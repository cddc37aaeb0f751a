// Theme tokens of spec/ui.md §10 as CSS variables: one palette per theme plus the accent list.
// The accent ("Primary Color") is separate so any theme can wear any accent.
import type { Settings } from '../../ipc/contract';

export type ThemeName = Settings['theme'];
export type AccentName = Settings['accent'];

/** Kept in the contract's order; `satisfies` makes a new contract value a compile error here. */
export const THEME_NAMES = ['classic-dark', 'classic-light', 'ocean-dark', 'ocean-light'] as const satisfies readonly ThemeName[];
export const ACCENT_NAMES = ['green', 'blue', 'yellow', 'pink', 'purple', 'orange', 'red'] as const satisfies readonly AccentName[];

export const ACCENT_COLORS: Record<AccentName, string> = {
  green: '#31F196',
  blue: '#57C9FA',
  yellow: '#FAD657',
  pink: '#FF95EF',
  purple: '#C993FF',
  orange: '#FCB159',
  red: '#FF9C8E',
};

export const PATH_COLORS = { offline: '#EA5545', 'one-path': '#FCB159', connected: '#31F196' } as const;

export interface Palette {
  dark: boolean;
  danger: string;
  /** --danger-text-color: the danger red as text, readable on every background of the theme. */
  dangerText: string;
  /** --danger-text-on-hover-color: the danger text on a hovered row or menu item (hover backgrounds are lighter in dark themes, darker in light ones). */
  dangerTextHover: string;
  warning: string;
  disabled: string;
  bgPrimary: string;
  bgSecondary: string;
  bgTertiary: string;
  textPrimary: string;
  textSecondary: string;
  textSelection: string;
  borders: string;
  outgoingText: string;
  incomingBg: string;
  incomingText: string;
  tabBg: string;
  tabHover: string;
  tabUnread: string;
  searchBg: string;
  chatButtonBg: string;
  chatButtonHover: string;
  modalBackdrop: string;
  modalContent: string;
  modalShadow: string;
  toastBg: string;
  scrollThumb: string;
}

const classicDark: Palette = {
  dark: true,
  danger: '#FF3A3A',
  dangerText: '#FF6161',
  dangerTextHover: '#FFA3A3',
  warning: '#FCB159',
  disabled: '#6D6D6D',
  bgPrimary: '#1B1B1B',
  bgSecondary: '#000000',
  bgTertiary: '#2D2D2D',
  textPrimary: '#FFFFFF',
  textSecondary: '#A1A2A1',
  textSelection: 'rgba(255, 255, 255, 0.5)',
  borders: '#414141',
  outgoingText: '#1B1B1B',
  incomingBg: '#2D2D2D',
  incomingText: '#FFFFFF',
  tabBg: '#1B1B1B',
  tabHover: '#414141',
  tabUnread: '#2D2D2D',
  searchBg: '#000000',
  chatButtonBg: '#2D2D2D',
  chatButtonHover: '#414141',
  modalBackdrop: 'rgba(0, 0, 0, 0.5)',
  modalContent: '#0D0D0D',
  modalShadow: '0 0 34px #000000',
  toastBg: '#1B1B1B',
  scrollThumb: 'rgba(161, 162, 161, 0.2)',
};

const classicLight: Palette = {
  dark: false,
  danger: '#E12D19',
  dangerText: '#C42616',
  dangerTextHover: '#B42111',
  warning: '#A64B00',
  disabled: '#A1A2A1',
  bgPrimary: '#FFFFFF',
  bgSecondary: '#F9F9F9',
  bgTertiary: '#F0F0F0',
  textPrimary: '#000000',
  textSecondary: '#6D6D6D',
  textSelection: 'rgba(0, 0, 0, 0.5)',
  borders: '#DFDFDF',
  outgoingText: '#000000',
  incomingBg: '#F0F0F0',
  incomingText: '#000000',
  tabBg: '#FFFFFF',
  tabHover: '#F0F0F0',
  tabUnread: '#FFFFFF',
  searchBg: '#F9F9F9',
  chatButtonBg: '#F0F0F0',
  chatButtonHover: '#DFDFDF',
  modalBackdrop: 'rgba(0, 0, 0, 0.2)',
  modalContent: '#FFFFFF',
  modalShadow: '0 0 40px rgba(0, 0, 0, 0.25)',
  toastBg: '#FFFFFF',
  scrollThumb: 'rgba(109, 109, 109, 0.2)',
};

const oceanDark: Palette = {
  ...classicDark,
  bgPrimary: '#1A1C28',
  bgSecondary: '#252735',
  bgTertiary: '#2B2D40',
  textSecondary: '#A6A9CE',
  borders: '#3D4A5D',
  outgoingText: '#000000',
  incomingBg: '#3D4A5D',
  tabBg: '#1A1C28',
  tabHover: '#3D4A5D',
  tabUnread: '#2B2D40',
  searchBg: '#252735',
  chatButtonBg: '#2B2D40',
  chatButtonHover: '#3D4A5D',
  modalContent: '#1A1C28',
  toastBg: '#1A1C28',
};

const oceanLight: Palette = {
  ...classicLight,
  bgPrimary: '#FCFFFF',
  bgSecondary: '#ECFAFB',
  bgTertiary: '#E7F3F4',
  textPrimary: '#19345D',
  // The spec's #6A6E90 is 4.36:1 on this theme's tertiary background (settings rows): a shade deeper reads.
  textSecondary: '#64688A',
  borders: '#5CAACC',
  incomingBg: '#B3EDF2',
  incomingText: '#19345D',
  tabBg: '#FCFFFF',
  tabHover: '#E7F3F4',
  tabUnread: '#FCFFFF',
  searchBg: '#ECFAFB',
  chatButtonBg: '#E7F3F4',
  chatButtonHover: '#B3EDF2',
  modalContent: '#FCFFFF',
  toastBg: '#FCFFFF',
};

export const PALETTES: Record<ThemeName, Palette> = {
  'classic-dark': classicDark,
  'classic-light': classicLight,
  'ocean-dark': oceanDark,
  'ocean-light': oceanLight,
};

export function isDarkTheme(theme: ThemeName): boolean {
  return PALETTES[theme].dark;
}

/** The theme-toggle target: the other light/dark variant of the same family. */
export function oppositeTheme(theme: ThemeName): ThemeName {
  switch (theme) {
    case 'classic-dark':
      return 'classic-light';
    case 'classic-light':
      return 'classic-dark';
    case 'ocean-dark':
      return 'ocean-light';
    case 'ocean-light':
      return 'ocean-dark';
  }
}

/** The CSS custom properties for a theme and accent (names from spec/ui.md §10.3). */
export function themeVariables(theme: ThemeName, accent: AccentName): Record<string, string> {
  const p = PALETTES[theme];
  const a = ACCENT_COLORS[accent];
  return {
    '--primary-color': a,
    '--danger-color': p.danger,
    // Danger-coloured text: the spec's danger red is under 4.5:1 on the tertiary (dark) and the
    // secondary/tertiary (light) backgrounds where settings rows and dialogs draw it, so text takes a
    // slightly lighter (dark) or deeper (light) red; borders and fills keep --danger-color.
    '--danger-text-color': p.dangerText,
    // The same red on a hovered row or menu item: #FF6161 is 3.47:1 on Classic Dark's #414141 hover grey
    // (3.05:1 on Ocean Dark's) and #C42616 4.33:1 on Classic Light's #DFDFDF, so hovered danger items
    // override --danger-text-color with this lighter (dark) or deeper (light) red.
    '--danger-text-on-hover-color': p.dangerTextHover,
    '--warning-color': p.warning,
    '--disabled-color': p.disabled,
    '--background-primary-color': p.bgPrimary,
    '--background-secondary-color': p.bgSecondary,
    '--background-tertiary-color': p.bgTertiary,
    '--text-primary-color': p.textPrimary,
    '--text-secondary-color': p.textSecondary,
    '--text-selection-color': p.textSelection,
    '--borders-color': p.borders,
    '--message-bubble-outgoing-background-color': a,
    '--message-bubble-outgoing-text-color': p.outgoingText,
    '--message-bubble-incoming-background-color': p.incomingBg,
    '--message-bubble-incoming-text-color': p.incomingText,
    '--conversation-tab-background-color': p.tabBg,
    '--conversation-tab-background-hover-color': p.tabHover,
    '--conversation-tab-background-selected-color': p.tabHover,
    // Secondary text (a row's time, preview or description) on a hovered or selected row: the secondary
    // grey is too faint on those backgrounds (3.98:1 in Classic Dark, 3.88:1 in Classic Light), so it
    // takes the primary text colour there.
    '--text-secondary-on-hover-color': p.textPrimary,
    '--conversation-tab-background-unread-color': p.tabUnread,
    '--search-bar-background-color': p.searchBg,
    '--menu-button-border-color': p.dark ? a : p.textPrimary,
    '--menu-button-icon-color': p.dark ? a : p.textPrimary,
    '--menu-button-background-hover-color': p.dark ? a : p.textPrimary,
    '--menu-button-icon-hover-color': p.bgPrimary,
    '--chat-buttons-background-color': p.chatButtonBg,
    '--chat-buttons-background-hover-color': p.chatButtonHover,
    '--modal-background-color': p.modalBackdrop,
    '--modal-background-content-color': p.modalContent,
    '--modal-drop-shadow': p.modalShadow,
    '--toast-background-color': p.toastBg,
    // Accent-coloured text (spec/ui.md §10.3 "highlighted text"): the accent reads on dark backgrounds but
    // not on light ones (green on white is 1.48:1), so light themes draw it in the primary text colour.
    '--renderer-span-primary-color': p.dark ? a : p.textPrimary,
    // Outlined (transparent) buttons: border and label in the accent on dark themes, in the text colour on
    // light ones for the same reason. Filled buttons keep the accent background with --text-on-accent-color.
    '--button-outline-color': p.dark ? a : p.textPrimary,
    '--scroll-bar-thumb-color': p.scrollThumb,
    '--text-on-accent-color': '#000000',
    // The jump-to-bottom button's unread badge sits on the button (the secondary background) over
    // whatever bubble is behind it. An accent badge is 1.48:1 against the light themes' near-white
    // button (green on #F9F9F9), so the badge shape dissolves and its number floats; light themes draw it
    // in the text colour with the background colour as its number, dark themes keep the accent.
    '--jump-badge-background-color': p.dark ? a : p.textPrimary,
    '--jump-badge-text-color': p.dark ? '#000000' : p.bgPrimary,
    '--path-color-offline': PATH_COLORS.offline,
    '--path-color-one-path': PATH_COLORS['one-path'],
    '--path-color-connected': PATH_COLORS.connected,
  };
}
