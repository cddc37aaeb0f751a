// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: the composer's attachments and voice recording (spec/ui.md §4.7), the profile picture
// dialog (§8.2), avatars and the Microphone setting (§6.2). The error texts are the official ones.
export const enCompose = {
  // attachments (§4.7)
  composeAttach: 'Attach files',
  composeShortcutAttach: 'Attach files',
  composeAttachmentsLabel: 'Attachments',
  composeRemoveAttachment: 'Remove {name}',
  composeClearAttachments: 'Remove all attachments',
  composePreviewAttachment: 'Preview {name}',
  composePreviewTitle: 'Attachment preview',
  composeUntitledFile: 'File',
  composeStaging: 'Preparing {name}: {percent}%',
  composeDropHere: 'Drop files to attach them',
  composeTooManyFiles: 'Unable to send more than 32 image and video files at once.',
  composeCannotMix: 'Cannot attach images and video with other file types. Try sending other files in a separate message.',
  composeFileTooLarge: 'Files must be less than 10MB',
  composeAttachError: 'Error attaching file',
  composeRequestPending: 'You will be able to send voice messages and attachments once the recipient has approved this message request.',

  // voice recording (§4.7)
  composeRecordVoice: 'Record voice message',
  composeMicrophoneOff: "You can enable microphone access in Session's privacy settings",
  composeNoAudioInput: 'No audio input found',
  composeRecordingFailed: 'Could not record a voice message: {message}',
  composeRecording: 'Recording',
  composeStopRecording: 'Stop recording',
  composePlayRecording: 'Play voice message',
  composePauseRecording: 'Pause voice message',
  composeDiscardRecording: 'Delete voice message',
  composeSendRecording: 'Send voice message',
  composeEncoding: 'Preparing voice message...',
  composePlaybackTime: '{position} / {duration}',

  // Microphone setting (§6.2)
  privacyMicrophone: 'Microphone',
  privacyMicrophoneDesc: 'Allow access to microphone for voice calls and audio messages.',
  privacyMicrophoneSection: 'Permissions',

  // profile picture (§8.1, §8.2)
  setDisplayPictureTitle: 'Set Display Picture',
  setDisplayPictureOpen: 'Set Display Picture',
  setDisplayPictureChoose: 'Choose a picture',
  setDisplayPicturePreview: 'Your profile picture',
  setDisplayPictureRemove: 'Remove',
  setDisplayPictureClear: 'Clear',
  setDisplayPictureUpdating: 'Updating...',
  setDisplayPictureFailed: 'Failed to update profile.',
  setDisplayPictureNotImage: 'Choose an image file.',
};
