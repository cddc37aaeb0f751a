// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// Conversation features in the timeline and conversation settings: delete for everyone, deleted
// placeholders, disappearing messages (page, timers, control messages), typing indicator (spec/ui.md
// §3.7, §4.2-4.6, §4.9, §5.2-5.3). `<b>` marks a bold fragment (rendered by richText).
export const enConversationFeatures = {
  // delete dialog (§4.6)
  cfDeleteForEveryone: 'Delete for everyone',
  cfDeleteOnAllMyDevices: 'Delete on all my devices',
  cfDeleteScope: 'Delete',
  cfCannotDeleteForEveryone: '{count, plural, one {This message cannot be deleted for everyone} other {These messages cannot be deleted for everyone}}',
  cfCannotDeleteFromAllDevices:
    '{count, plural, one {This message cannot be deleted from all your devices} other {These messages cannot be deleted from all your devices}}',
  // deleted placeholder (§4.3)
  cfMessageDeleted: 'This message was deleted',

  // disappearing messages page (§5.3)
  cfDisappearingMessages: 'Disappearing Messages',
  cfDeleteType: 'Delete Type',
  cfDeleteTypeDescription: 'This setting applies to messages you send in this conversation.',
  cfOff: 'Off',
  cfAfterRead: 'Disappear After Read',
  cfAfterReadDescription: 'Messages delete after they have been read.',
  cfAfterSend: 'Disappear After Send',
  cfAfterSendDescription: 'Messages delete after they have been sent.',
  cfTimer: 'Timer',
  cfSetFailed: 'Could not change disappearing messages: {message}',
  /** The state under the conversation's title and in the settings list, e.g. "Disappear After Send - 1d". */
  cfModeAndTimer: '{mode} - {time}',
  cfOpenDisappearing: 'Disappearing messages settings',

  // durations (official timer names)
  cfSeconds: '{count, plural, one {# second} other {# seconds}}',
  cfMinutes: '{count, plural, one {# minute} other {# minutes}}',
  cfHours: '{count, plural, one {# hour} other {# hours}}',
  cfDays: '{count, plural, one {# day} other {# days}}',
  cfWeeks: '{count, plural, one {# week} other {# weeks}}',
  cfSecondsShort: '{count}s',
  cfMinutesShort: '{count}m',
  cfHoursShort: '{count}h',
  cfDaysShort: '{count}d',
  cfWeeksShort: '{count}w',

  // timers on messages (§4.3, §4.5)
  cfAutoDeletesIn: 'Auto-deletes in {time}',

  // control messages (§4.9)
  cfTypeSent: 'sent',
  cfTypeRead: 'read',
  cfTimerSetYou: '<b>You</b> set messages to disappear {time} after they have been {type}.',
  cfTimerSet: '<b>{name}</b> has set messages to disappear {time} after they have been {type}.',
  cfTimerOffYou: '<b>You</b> turned <b>off</b> disappearing messages. Messages you send will no longer disappear.',
  cfTimerOff: '<b>{name}</b> has turned disappearing messages off. Messages they send will no longer disappear.',
  cfMediaSaved: 'Media saved by {name}',
  cfYou: 'You',

  // User Details (§3.7, §8.3)
  cfUserDetails: 'User Details',
  cfMessage: 'Message',
  cfCopy: 'Copy',

  // typing indicator (§4.2)
  cfIsTyping: '{name} is typing',
} as const;
