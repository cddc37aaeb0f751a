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
} as const;
