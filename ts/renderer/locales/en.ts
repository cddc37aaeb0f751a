// English UI strings: the one place for user-visible text in the renderer. Short labels follow the
// official app (spec/ui.md) so users recognise them; longer text is the project's own wording.
export const en = {
  appName: 'Session',
  loading: 'Loading...',
  loadFailed: 'Could not reach the Session engine: {message}',
  retry: 'Try Again',
  hostApiMissing: 'Session could not start: the host did not provide its API.',

  // actions strip
  openSettings: 'Settings',
  ownAvatar: 'Your profile',
  pathStatus: 'Path: {status}',
  pathStatusOffline: 'not connected',
  pathStatusOnePath: 'one path',
  pathStatusConnected: 'connected',
  switchToLight: 'Switch to light mode',
  switchToDark: 'Switch to dark mode',

  // path dialog
  pathTitle: 'Path',
  pathExplainer: 'Session hides your IP address by sending your messages through several service nodes of its network. Your current path:',
  pathYou: 'You',
  pathDestination: 'Destination',
  pathWaiting: 'Waiting for a path through the network...',

  // conversation pane
  messagesTitle: 'Messages',
  chooseAction: 'Choose an action to start a conversation',
  back: 'Back',
  search: 'Search',
  searchClear: 'Clear search',
  conversationListEmpty: 'Your conversations will appear here.',
  newMessage: 'New Message',
  createGroup: 'Create Group',
  joinCommunity: 'Join Community',
  inviteFriend: 'Invite a Friend',
  contacts: 'Contacts',
  noContacts: "You don't have any contacts yet",
  comingSoon: 'This is not available yet.',

  // main panel empty view
  noConversationsTitle: "You don't have any conversations yet",
  noConversationsText: 'Hit the plus button to start a chat, create a group, or join an official community!',

  // modal chrome
  close: 'Close',

  // settings home
  settingsTitle: 'Settings',
  privacy: 'Privacy',
  notifications: 'Notifications',
  conversations: 'Conversations',
  appearance: 'Appearance',
  preferences: 'Preferences',
  aboutVersion: 'v{version}',
  aboutNetwork: 'Network: {network}',
  aboutDataDir: 'Data directory: {dataDir}',
  aboutHost: 'Running in: {host}',
  networkMainnet: 'Mainnet',
  networkTestnet: 'Testnet',
  networkCustom: 'Custom ({seedUrl})',
  settingSaveFailed: 'Could not save the setting: {message}',
  dismiss: 'Dismiss',

  // privacy
  messageRequestsSection: 'Message Requests',
  communityMessageRequests: 'Community Message Requests',
  communityMessageRequestsDesc: 'Allow message requests from Community conversations.',
  readReceiptsSection: 'Read Receipts',
  readReceipts: 'Read Receipts',
  readReceiptsDesc: 'Show read receipts for all messages you send and receive.',
  typingIndicatorsSection: 'Typing Indicators',
  typingIndicators: 'Typing Indicators',
  typingIndicatorsDesc: 'See and share typing indicators.',
  linkPreviewsSection: 'Link Previews',
  linkPreviews: 'Send Link Previews',
  linkPreviewsDesc: 'Show link previews for supported URLs.',

  // notifications
  notificationsToggle: 'Notifications',
  notificationsDesc: 'Show notifications when you receive new messages.',
  audioNotifications: 'Audio Notifications',
  audioNotificationsDesc: 'Play a sound when you receive new messages.',
  notificationDisplay: 'Notification Display',
  notificationDisplayDesc: 'Choose the content displayed in local notifications when an incoming message is received.',
  notificationNameAndContent: 'Name and Content',
  notificationNameOnly: 'Name Only',
  notificationNone: 'No Name or Content',

  // conversations
  messageTrimming: 'Message Trimming',
  trimCommunities: 'Trim Communities',
  trimCommunitiesDesc: 'Auto-delete messages older than 6 months in communities with 2000+ messages.',
  spellChecker: 'Spell Checker',
  spellCheck: 'Spell Check',
  spellCheckDesc: 'Enable spell check when typing messages.',
  audioMessages: 'Audio Messages',
  autoplayAudio: 'Autoplay Audio Messages',
  autoplayAudioDesc: 'Autoplay consecutively sent audio messages.',

  // preferences
  updates: 'Updates',
  autoUpdate: 'Auto Update',
  autoUpdateDesc: 'Automatically check for updates on startup.',
  tray: 'Tray',
  keepInTray: 'Keep in System Tray',
  keepInTrayDesc: 'Session continues running in the background when you close the window.',
  enterKey: 'Enter Key',
  enterKeyDesc: 'Define how the Enter and Shift+Enter keys function in conversations.',
  enterSends: 'Send with Enter',
  enterSendsDesc: 'ENTER sends a message, SHIFT + ENTER starts a new line.',
  shiftEnterSends: 'Send with Shift+Enter',
  shiftEnterSendsDesc: 'SHIFT + ENTER sends a message, ENTER starts a new line.',

  // appearance
  themes: 'Themes',
  themeClassicDark: 'Classic Dark',
  themeClassicLight: 'Classic Light',
  themeOceanDark: 'Ocean Dark',
  themeOceanLight: 'Ocean Light',
  primaryColor: 'Primary Color',
  accentGreen: 'Green',
  accentBlue: 'Blue',
  accentYellow: 'Yellow',
  accentPink: 'Pink',
  accentPurple: 'Purple',
  accentOrange: 'Orange',
  accentRed: 'Red',
  darkMode: 'Dark Mode',
  autoDarkMode: 'Auto Dark Mode',
  autoDarkModeDesc: 'Follow system settings.',
  display: 'Display',
  zoomFactor: 'Zoom Factor',
  zoomFactorDesc: 'Adjust the size of text and visual elements.',
  zoomPercent: '{percent}%',
  menuBar: 'Menu Bar',
  hideMenuBar: 'Hide Menu Bar',
  hideMenuBarDesc: 'Toggle system menu bar visibility.',
} as const;

export type LocaleKey = keyof typeof en;
export type LocaleDictionary = Record<LocaleKey, string>;
