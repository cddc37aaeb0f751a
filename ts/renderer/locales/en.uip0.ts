// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: onboarding's quit warning, hiding the Message Requests banner and the recovery password,
// and the full-screen QR code view.
export const enHiddenUi = {
  // onboarding's back chevron once the account exists (spec/ui.md §2.2, §2.3)
  quitWarningTitle: 'Warning',
  quitWarningCreate: 'You cannot go back further. In order to cancel your account creation, Session needs to quit.',
  quitWarningLoading: 'You cannot go back further. In order to stop loading your account, Session needs to quit.',
  quitWarningQuit: 'Quit',

  // Message Requests banner menu (spec/ui.md §3.4)
  requestsBannerMenu: 'Message Requests options',
  requestsBannerHide: 'Hide',

  // Settings ▸ Recovery Password ▸ visibility (spec/ui.md §6.8)
  hideRecoveryHeading: 'Recovery Password Visibility',
  hideRecoveryRow: 'Hide Recovery Password',
  hideRecoveryRowDesc: 'Permanently hide your recovery password on this device.',
  hideRecoveryButton: 'Hide',
  hideRecoveryDialogTitle: 'Hide Recovery Password Permanently',
  hideRecoveryStep1:
    'Without your recovery password, you cannot load your account on new devices. We strongly recommend you save your recovery password in a safe and secure place before continuing.',
  hideRecoveryStep2: 'Are you sure you want to permanently hide your recovery password on this device? This cannot be undone.',
  hideRecoveryYes: 'Yes',
  hideRecoveryFailed: 'Could not hide your recovery password: {message}',

  // full-screen QR codes (spec/ui.md §6.1, §6.8)
  qrOpenFullscreen: 'Show the QR code full screen',
  qrFullscreenClose: 'Close the full-screen QR code',
  qrSave: 'Save',
  qrSaveAccountId: 'Save the QR code of your Account ID as an image',
  qrSaveFailed: 'Could not save the QR code: {message}',
} as const;
