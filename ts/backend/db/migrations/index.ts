// The ordered list of schema migrations. Append only: never edit or reorder a released migration.
import { m0001Settings } from './0001_settings';
import { m0002Messaging } from './0002_messaging';
import { m0003OutboxControl } from './0003_outbox_control';
import { m0004UnreadIndex } from './0004_unread_index';
import { m0005ReceivedContent } from './0005_received_content';
import { m0006ConversationActions } from './0006_conversation_actions';
import { m0007ConfigInbox } from './0007_config_inbox';
import { m0008ConfigState } from './0008_config_state';
import { m0009Media } from './0009_media';
import { m0010ConversationFeatures } from './0010_conversation_features';
import { m0011SearchIndex } from './0011_search_index';
import { m0012Communities } from './0012_communities';
import { m0013CommunityImages } from './0013_community_images';
import { m0014Groups } from './0014_groups';
import { m0015SearchIndexBatch } from './0015_search_index_batch';
import { m0016GroupPictureUpload } from './0016_group_picture_upload';
import { m0017MessageIdentityOrder } from './0017_message_identity_order';
import { m0018SearchIndexByStore } from './0018_search_index_by_store';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  m0001Settings,
  m0002Messaging,
  m0003OutboxControl,
  m0004UnreadIndex,
  m0005ReceivedContent,
  m0006ConversationActions,
  m0007ConfigInbox,
  m0008ConfigState,
  m0009Media,
  m0010ConversationFeatures,
  m0011SearchIndex,
  m0012Communities,
  m0013CommunityImages,
  m0014Groups,
  m0015SearchIndexBatch,
  m0016GroupPictureUpload,
  m0017MessageIdentityOrder,
  m0018SearchIndexByStore,
];
