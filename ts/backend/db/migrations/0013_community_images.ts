// v13: room images (spec advanced.md A.6: a room's `image_id`, fetched from GET /room/{t}/file/{id}).
// community_rooms gains the local copy of the room's image, sealed at rest by the file store like every
// attachment and profile picture: its file id and key, its sniffed content type, and the image id the copy is
// of (`image_file_for`; a room whose image_id differs has an image to fetch or a copy to drop). A replaced copy,
// or the copy of a room that is left, goes to attachment_files_gc for the file store's sweeper.
import type { Migration } from './types';

export const m0013CommunityImages: Migration = {
  version: 13,
  name: 'community images',
  up(db) {
    db.exec(`
      ALTER TABLE community_rooms ADD COLUMN image_file_for TEXT;
      ALTER TABLE community_rooms ADD COLUMN image_file_id TEXT;
      ALTER TABLE community_rooms ADD COLUMN image_file_key BLOB;
      ALTER TABLE community_rooms ADD COLUMN image_content_type TEXT;
      CREATE TRIGGER community_rooms_image_gc AFTER DELETE ON community_rooms
        WHEN OLD.image_file_id IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO attachment_files_gc (file_id) VALUES (OLD.image_file_id);
      END;
    `);
  },
};
