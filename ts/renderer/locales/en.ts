import { enActions } from './en.actions';
import { enHelp } from './en.help';
import { enPassword } from './en.password';
import { enMessageParts } from './en.messageParts';
import { enSettings } from './en.settings';
import { enTimeline } from './en.timeline';
import { enHiddenUi } from './en.uip0';
import { enConfigSync } from './en.configSync';
import { enCompose } from './en.compose';
import { enMedia } from './en.media';
// --- reactions and replies (begin) ---
import { enReactions } from './en.reactions';
// --- reactions and replies (end) ---
// --- search (begin) ---
import { enSearch } from './en.search';
// --- search (end) ---
import { enLinkPreviews } from './en.linkPreviews';
// --- conversation features: renderer (begin) ---
import { enConversationFeatures } from './en.conversationFeatures';
// --- conversation features: renderer (end) ---
// --- communities ---
import { enCommunities } from './en.communities';
// --- groups ---
import { enGroups } from './en.groups';
// --- groups admin ---
import { enGroupAdmin } from './en.groupAdmin';

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
  pathUnknownCountry: 'Unknown Country',
  pathHops: 'Path hops',

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
  conversationList: 'Conversations',
  messageRequests: 'Message Requests',
  noMessageRequests: 'You have no pending message requests.',
  searchNoResults: 'No results found for {query}',
  noteToSelf: 'Note to Self',
  unreadCount: '{count} unread',
  unreadCap: '999+',
  messageFailed: 'Failed to send',

  // onboarding (spec/ui.md §2)
  onboardingCreate: 'Create account',
  onboardingRestore: 'I have an account',
  onboardingTerms: 'By using this service, you agree to our Terms of Service and Privacy Policy',
  displayNameTitle: 'Pick your display name',
  displayNameDesc: 'It can be your real name, an alias, or anything else you like — and you can change it at any time.',
  displayNamePlaceholder: 'Enter your display name',
  displayNameFallbackTitle: 'Pick a new display name',
  displayNameFallbackDesc: 'We were unable to load your display name. Please enter a new display name to continue.',
  displayNameEmpty: 'Please enter a display name',
  displayNameTooLong: 'Please enter a shorter display name',
  continue: 'Continue',
  recoveryPasswordTitle: 'Recovery Password',
  recoveryPasswordDesc: "Enter your recovery password to load your account. If you haven't saved it, you can find it in your app settings.",
  recoveryPasswordPlaceholder: 'Enter your recovery password',
  recoveryPasswordShow: 'Show recovery password',
  recoveryPasswordHide: 'Hide recovery password',
  recoveryPasswordEmpty: 'Enter your recovery password',
  recoveryPasswordTooShort: 'The Recovery Password you entered is not long enough. Please check and try again.',
  recoveryPasswordIncorrect: 'Some of the words in your Recovery Password are incorrect. Please check and try again.',
  recoveryPasswordInvalid: 'Please check your recovery password and try again.',
  onboardingLoadingTitle: 'One moment please...',
  onboardingLoadingText: 'Loading your account',
  onboardingFailed: 'Something went wrong: {message}',
  accountCreated: 'Account Created',
  welcomeToSession: 'Welcome to Session 👋',

  // new message overlay (spec/ui.md §3.9)
  newMessagePlaceholder: 'Enter Account ID or ONS',
  newMessageHelp: "Start a new conversation by entering your friend's Account ID or ONS.",
  next: 'Next',
  accountIdInvalid: 'This Account ID is invalid. Please check and try again.',
  onsNotFound: "We couldn't recognize this ONS. Please check it and try again.",
  onsNetworkError: 'We were unable to search for this ONS. Please try again later.',
  searching: 'Searching...',

  // conversation view (spec/ui.md §4)
  conversationHeader: 'Conversation',
  messageList: 'Messages',
  noMessagesPrivate: 'You have no messages from {name}. Send a message to start the conversation!',
  noMessagesNoteToSelf: 'You have no messages in Note to Self.',
  statusSending: 'Sending',
  statusSent: 'Sent',
  statusRead: 'Read',
  statusFailed: 'Failed to send',
  retrySend: 'Retry',
  composerPlaceholder: 'Message',
  composerLabel: 'Message',
  composerBlockedPlaceholder: 'Unblock this contact to send a message',
  send: 'Send',
  requestAccept: 'Accept',
  requestDecline: 'Delete',
  requestAcceptFrom: 'Accept the message request from {name}',
  requestDeclineFrom: 'Delete the message request from {name}',
  requestExplainer: 'Sending a message to this user will automatically accept their message request and reveal your Account ID.',
  requestActionFailed: 'Could not update the message request: {message}',
  sendFailed: 'Could not send the message: {message}',
  messagesLoadFailed: 'Could not load the messages: {message}',

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
  restartRequired: 'You must restart Session to apply your new settings.',
  accountIdLabel: 'Your Account ID',
  copyAccountId: 'Copy Account ID',
  copied: 'Copied',
  copyFailed: 'Could not copy to the clipboard.',
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
  linkPreviewsWarning:
    'Your device fetches each linked page itself to build its preview, so the site can see your IP address. Turn link previews on anyway?',
  enable: 'Enable',
  cancel: 'Cancel',

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
  spellCheckUnavailable: 'Not available on this system: its spell checker would download dictionaries from Google’s servers, which Session never does.',
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

  ...enTimeline,
  ...enActions,
  ...enSettings,
  ...enMessageParts,
  ...enHelp,
  ...enHiddenUi,
  ...enConfigSync,
  ...enCompose,
  ...enMedia,
  // --- reactions and replies ---
  ...enReactions,
  // --- search ---
  ...enSearch,
  ...enLinkPreviews,
  // --- communities ---
  ...enCommunities,
  // --- conversation features: renderer (begin) ---
  ...enConversationFeatures,
  // --- conversation features: renderer (end) ---
  // --- app password ---
  ...enPassword,
  // --- groups ---
  ...enGroups,
  // --- groups admin ---
  ...enGroupAdmin,
} as const;

export type LocaleKey = keyof typeof en;
export type LocaleDictionary = Record<LocaleKey, string>;
