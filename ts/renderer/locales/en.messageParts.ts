// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
export const enMessageParts = {
  openUrlTitle: 'Open URL',
  openUrlText: 'Are you sure you want to open this URL in your browser?',
  openUrlOpen: 'Open',
  openUrlCopy: 'Copy URL',
  openUrlCopyFailed: 'Could not copy the URL.',
  termsText: 'This will open in your browser.',
  termsOfService: 'Terms of Service',
  privacyPolicy: 'Privacy Policy',
  inviteText: 'Copy your Account ID, then share it with your friends so they can message you.',
  inviteCopy: 'Copy',
  inviteCopied: 'Account ID Copied',
  inviteCopiedText: 'Share it with your friends wherever you usually talk with them, then move the conversation here.',
  inviteCopyFailed: 'Could not copy your Account ID.',
} as const;
