// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: the state kept in the account's configs — pinning, nicknames, marking unread, hiding Note
// to Self — and the restore step that loads the account's profile from the network.
export const enConfigSync = {
  // conversation list rows and menu (spec/ui.md §3.5, §3.7)
  cfgPinned: 'Pinned',
  cfgMarkedUnread: 'Marked unread',
  cfgPin: 'Pin',
  cfgUnpin: 'Unpin',
  cfgMarkUnread: 'Mark unread',
  cfgSetNickname: 'Set Nickname',
  cfgHideNoteToSelf: 'Hide Note to Self',
  cfgShowNoteToSelf: 'Show Note to Self',
  cfgHideNoteToSelfText: 'Are you sure you want to hide Note to Self?',
  cfgShowNoteToSelfText: 'Are you sure you want to show {name} in your conversation list?',
  cfgHide: 'Hide',
  cfgShow: 'Show',

  // conversation settings (spec/ui.md §5.1, §5.2)
  cfgPinConversation: 'Pin Conversation',
  cfgUnpinConversation: 'Unpin Conversation',
  cfgRealName: '({name})',

  // nickname dialog (spec/ui.md §8.4)
  cfgNicknameText: 'Choose a nickname for {name}. This will appear to you in your one-to-one and group conversations.',
  cfgNicknamePlaceholder: 'Enter nickname',
  cfgNicknameSave: 'Save',
  cfgNicknameRemove: 'Remove',
  cfgNicknameTooLong: 'Please enter a shorter nickname',

  // restore's loading step (spec/ui.md §2.3 step 2)
  cfgLoadingPercent: '{percent}%',
} as const;
