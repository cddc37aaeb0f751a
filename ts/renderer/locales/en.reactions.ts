// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: reactions on messages, the emoji picker and replies (spec/ui.md §4.3-4.5, §4.7). Texts the
// official app shows are copied exactly ("Original message not found", the rate-limit toast, "Show Less",
// the hover texts); the rest is the project's own wording.
export const enReactions = {
  // reactions row under a bubble (§4.3)
  reactReactions: 'Reactions',
  reactYou: 'You',
  reactYouReacted: 'You reacted with {emoji_name}',
  reactNameReacted: '{name} reacted with {emoji_name}',
  reactYouAndNameReacted: 'You and {name} reacted with {emoji_name}',
  reactTwoNamesReacted: '{name} and {other_name} reacted with {emoji_name}',
  reactYouAndOthersReacted: '{count, plural, one {You and # other reacted with {emoji_name}} other {You and # others reacted with {emoji_name}}}',
  reactNameAndOthersReacted: '{count, plural, one {{name} and # other reacted with {emoji_name}} other {{name} and # others reacted with {emoji_name}}}',
  reactRemoveHint: 'Click to remove your reaction.',
  reactAddHint: 'Click to react with {emoji} too.',
  reactShowMore: 'Show {count} more reactions',
  reactShowLess: 'Show Less',
  // reaction list (§4.4, §4.5 item 8)
  reactViewReactions: 'View Reactions',
  reactListHeading: '{emoji} • {count}',
  reactWhoReacted: 'Who reacted with {emoji}',
  reactRemoveMine: 'Remove your {emoji} reaction',
  // reaction bar and picker (§4.4)
  reactReactionBar: 'React to this message',
  reactWith: 'React with {emoji}',
  reactMoreEmoji: 'More emoji',
  reactAction: 'React',
  reactRateLimited: "Slow down! You've sent too many emoji reacts. Try again soon",
  reactFailed: 'Could not react: {message}',
  emojiPicker: 'Emoji picker',
  emojiPickerLoading: 'Loading emoji...',
  composeEmoji: 'Emoji',
  // replies (§4.3, §4.5, §4.7)
  replyAction: 'Reply',
  replyTo: 'Reply to {name}',
  replyingTo: 'Replying to {name}',
  replyCancel: 'Cancel reply',
  replyOriginalNotFound: 'Original message not found',
  replyJumpTo: 'Show the original message from {name}',
  replyTypeImage: 'Image',
  replyTypeVideo: 'Video',
  replyTypeVoice: 'Voice Message',
  replyTypeAudio: 'Audio',
  replyTypeDocument: 'Document',
  replyThumbnailOf: 'Thumbnail of the quoted {type}',
} as const;
