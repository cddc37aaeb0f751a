// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// Conversation-level actions: the list's context menu, the conversation settings modal, message requests.
// Short labels and confirmation texts are the official ones (spec/ui.md §3.7, §3.11, §4.8, §5.4, §8.5);
// `{name}` is shown in bold.
export const enActions = {
  // conversation list rows (spec/ui.md §3.5)
  convMuted: 'Muted',
  convPreviewMedia: 'Media message',
  convPreviewUnsupported: "This message contains content this version can't show",
  convMenuFor: 'Actions for {name}',

  // context menu and settings items (spec/ui.md §3.7, §5.2)
  convAccept: 'Accept',
  convCopyAccountId: 'Copy Account ID',
  convNotifications: 'Notifications',
  convNotificationsAll: 'All Messages',
  convNotificationsMute: 'Mute',
  convNotificationsMuted: 'Muted',
  convNotificationsMentions: 'Mentions Only',
  convMarkRead: 'Mark read',
  convBlock: 'Block',
  convUnblock: 'Unblock',
  convDelete: 'Delete',
  convDeleteConversation: 'Delete Conversation',
  convDeleteContact: 'Delete Contact',
  convClearAllMessages: 'Clear All Messages',
  convClear: 'Clear',
  convCancel: 'Cancel',

  // confirmations
  convBlockText: 'Are you sure you want to block {name}? Blocked users cannot send you message requests, group invites or call you.',
  convUnblockText: 'Are you sure you want to unblock {name}?',
  convDeleteConversationText: 'Are you sure you want to delete your conversation with {name}? This will permanently delete all messages and attachments.',
  convDeleteContactText:
    'Are you sure you want to delete {name} from your contacts? This will delete your conversation, including all messages and attachments. Future messages from {name} will appear as a message request.',
  convClearMessagesText: 'Are you sure you want to clear all messages from your conversation with {name} on this device?',
  convClearNoteToSelfText: 'Are you sure you want to clear all Note to Self messages on this device?',
  convDeleteRequestText: 'Are you sure you want to delete this message request?',
  convClearRequestsTitle: 'Clear All',
  convClearRequestsText: 'Are you sure you want to clear all message requests and group invites?',

  // results
  convMessagesDeleted: 'Messages deleted',
  convActionFailed: 'Something went wrong: {message}',

  // conversation settings modal (spec/ui.md §5)
  convSettingsTitle: 'Settings',
  convAccountIdPill: 'Account ID',
  convShowQr: 'Show QR code',
  convHideQr: 'Hide QR code',
  convQrAlt: 'QR code of the Account ID',
  convSet: 'Set',

  // message requests (spec/ui.md §3.11, §4.8)
  convClearAllRequests: 'Clear All',
  convRequestBlockFrom: 'Block {name}',
  convRequestActions: 'Message request actions',
} as const;
