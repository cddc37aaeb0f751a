// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: user settings, account safety, notifications, the path dialog and keyboard shortcuts.
// Plural strings use the {count, plural, one {…} other {…}} syntax described in i18n.ts.
export const enSettings = {
  // settings home (spec/ui.md §6.1)
  settingsEditProfile: 'Edit your display name',
  settingsShowQr: 'Show your Account ID QR code',
  settingsHideQr: 'Show your profile picture',
  settingsAccountQr: 'QR code of your Account ID',
  settingsClearData: 'Clear Data',
  updateProfileTitle: 'Update Profile Information',
  save: 'Save',
  profileSaveFailed: 'Could not save your display name: {message}',

  // recovery password (spec/ui.md §6.8, §3.2)
  recoveryPasswordYours: 'Your Recovery Password',
  recoveryPasswordExplainer:
    "Use your recovery password to load your account on new devices. Your account cannot be recovered without your recovery password. Make sure it's stored somewhere safe and secure — and don't share it with anyone.",
  recoveryPasswordRevealButton: 'Reveal Recovery Password',
  recoveryPasswordRevealWarning: 'Anyone who sees your recovery password can take over your account. Make sure nobody can see your screen.',
  recoveryPasswordReveal: 'Reveal',
  recoveryPasswordWords: 'Your recovery password',
  recoveryPasswordCopy: 'Copy',
  recoveryPasswordViewQr: 'View QR',
  recoveryPasswordViewWords: 'View Recovery Password',
  recoveryPasswordQr: 'QR code of your recovery password',
  recoveryPasswordLoadFailed: 'Could not load your recovery password: {message}',
  recoveryBannerTitle: 'Save your recovery password',
  recoveryBannerText: "Save your recovery password to make sure you don't lose access to your account.",

  // clear data (spec/ui.md §6.12)
  clearDataTitle: 'Clear All Data',
  clearDataText:
    'This will permanently delete your messages and contacts. Would you like to clear this device only, or delete your data from the network as well?',
  clearDeviceOnly: 'Clear device only',
  clearDeviceAndNetwork: 'Clear device and network',
  clearDataClear: 'Clear',
  clearDeviceConfirm: 'Are you sure you want to clear your device?',
  clearNetworkConfirm:
    'Are you sure you want to delete your data from the network? If you continue, you will not be able to restore your messages or contacts.',
  clearDataBusy: 'Clearing your data...',
  clearDataFailed: 'Could not clear your data: {message}. The data on this device has been kept.',

  // blocked contacts (spec/ui.md §6.9)
  blockedContacts: 'Blocked Contacts',
  blockedContactsDesc: 'View and manage blocked contacts.',
  blockedContactsEmpty: 'No blocked contacts',
  blockedContactsLoadFailed: 'Could not load your blocked contacts: {message}',
  blockedUnblock: 'Unblock',
  blockedUnblockConfirmOne: 'Are you sure you want to unblock {name}?',
  blockedUnblockConfirmTwo: 'Are you sure you want to unblock {name} and {otherName}?',
  blockedUnblockConfirmMany:
    '{count, plural, one {Are you sure you want to unblock {name} and # other?} other {Are you sure you want to unblock {name} and # others?}}',
  blockedUnblockFailed: 'Could not unblock: {message}',
  blockedUnblocked: '{count, plural, one {Contact unblocked} other {# contacts unblocked}}',

  // notifications (spec/ui.md §6.4, §9.4)
  notificationPreviewButton: 'Preview Notification',
  notificationPreviewTitle: 'Preview',
  notificationPreviewBody: 'This is how new messages will be shown.',
  notificationTitleNew: '{count, plural, one {New Message} other {New Messages}}',
  notificationBodyFromName: '{count, plural, one {From: {name}} other {Most recent from {name}}}',
  notificationMostRecent: '{count, plural, one {{name}: {text}} other {Most recent from {name}: {text}}}',
  notificationsDenied: 'Notifications are blocked for this page. Allow them in the browser to be notified of new messages.',
  notificationsUnsupported: 'This browser cannot show notifications.',
  pageTitleUnread: '({count}) {appName}',

  // path dialog (spec/ui.md §7)
  pathLocalNetwork: 'Local network',

  // keyboard shortcuts (spec/ui.md §9.3)
  shortcutsTitle: 'Keyboard Shortcuts',
  shortcutsGeneral: 'General',
  shortcutsConversation: 'Conversation',
  shortcutsView: 'View',
  shortcutNewConversation: 'Start a new conversation',
  shortcutNoteToSelf: 'Open Note to Self',
  shortcutCloseConversation: 'Close the conversation',
  shortcutSearch: 'Search',
  shortcutShortcuts: 'Show keyboard shortcuts',
  shortcutGoTo: 'Go to conversation 1 to 9',
  shortcutSettings: 'Settings',
  shortcutConversationSettings: 'Conversation settings',
  shortcutCloseDialog: 'Close the dialog',
  shortcutSend: 'Send the message',
  shortcutNewLine: 'Start a new line',
  shortcutZoomIn: 'Zoom in',
  shortcutZoomOut: 'Zoom out',
  shortcutZoomReset: 'Reset zoom',
  keyCtrl: 'Ctrl',
  keyCmd: 'Cmd',
  keyShift: 'Shift',
  keyEsc: 'Esc',
  keyEnter: 'Enter',
  keyRange: '{from}–{to}',
} as const;
