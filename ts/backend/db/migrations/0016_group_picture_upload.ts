// v16: when a group picture we administer (Info p/q) was last uploaded (or first seen here), so the admin can
// upload it again before the file server forgets it, as our own picture is (user_profile.avatar_uploaded_at).
// NULL: not known yet; reset whenever the group's picture URL changes.
import type { Migration } from './types';

export const m0016GroupPictureUpload: Migration = {
  version: 16,
  name: 'group picture upload time',
  up(db) {
    db.exec('ALTER TABLE groups ADD COLUMN avatar_uploaded_at INTEGER;');
  },
};
