// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: groups v2, admin side (spec/ui.md §3.8, §5.1-5.4, §8.1, §8.2, §8.6, §8.8). Labels, errors and
// toasts the official app shows are copied exactly; the confirmation of a promotion, the last-admin note,
// status lines and accessible names are the project's own wording.
export const enGroupAdmin = {
  // Create Group overlay (§8.8)
  gaNamePlaceholder: 'Enter a group name',
  gaNameEmpty: 'Please enter a group name.',
  gaNameTooLong: 'Please enter a shorter group name',
  gaSearchContacts: 'Search Contacts',
  gaCreate: 'Create',
  gaPickMember: 'Please pick at least one other group member.',
  gaMaxMembers: 'Groups have a maximum of 100 members',
  gaCreating: 'Creating the group...',
  gaCreateFailed: 'The group could not be created: {message}',
  gaContactsLegend: 'Members of the new group',
  gaSelectedCount: '{count, plural, one {# member selected} other {# members selected}}',
  // Update Group Information (§8.1)
  gaUpdateTitle: 'Update Group Information',
  gaEdit: 'Edit the group name and description',
  gaDescriptionPlaceholder: 'Enter a group description',
  gaDescriptionTooLong: 'Please enter a shorter group description',
  gaUpdateFailed: 'The group could not be updated: {message}',
  // picture (§5.1, §8.2)
  gaSetPicture: 'Set the group display picture',
  // admin settings (§5.2) and members (§8.6)
  gaManageMembers: 'Manage Members',
  gaInviteTitle: 'Invite Contacts',
  gaInviteNoContacts: 'All your contacts are in this group already.',
  gaInviteFailed: 'The invitation could not be sent: {message}',
  gaResend: 'Resend',
  gaResendLabel: 'Resend the invitation to {name}',
  gaPromote: 'Promote',
  gaPromoteLabel: 'Promote {name} to admin',
  gaPromoteTitle: 'Promote to Admin',
  gaPromoteText:
    'Make <b>{name}</b> an admin of this group? Admins can change the group and its members, and cannot be removed.',
  gaPromotionFailed: 'Admin promotion failed',
  gaSelectLabel: 'Select {name}',
  gaRemove: 'Remove',
  gaRemoveText: 'Would you like to remove <b>{name}</b> from <b>{group_name}</b>?',
  gaRemoveTextTwo: 'Would you like to remove <b>{name}</b> and <b>{other_name}</b> from <b>{group_name}</b>?',
  gaRemoveTextMultiple:
    'Would you like to remove <b>{name}</b> and <b>{count} others</b> from <b>{group_name}</b>?',
  gaRemoveUserOnly: '{count, plural, one {Remove user} other {Remove users}}',
  gaRemoveWithMessages:
    '{count, plural, one {Remove user and their messages} other {Remove users and their messages}}',
  gaRemoveFailed: 'The members could not be removed: {message}',
  gaAdminsCannotBeRemoved: 'Admins cannot be removed.',
  gaActionFailed: 'That did not work: {message}',
  // delete and leave (§5.2, §5.4)
  gaDeleteText:
    'Are you sure you want to delete {name}? This will remove all members and delete all group content.',
  gaLastAdmin:
    'You are the only admin of this group. To leave it, promote another member to admin first, or delete the group.',
} as const;
