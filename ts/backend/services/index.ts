// Every service the backend runs, built once per backend in openBackend and passed to the handlers.
// Later domains (account, conversations, messages, outbox, poller, network) add a field here.
import type { NetworkName } from '../../ipc/contract';
import type { AttachmentQueue } from '../db/attachmentQueue';
import type { AttachmentStore, TransferProgress } from '../db/attachmentStore';
import type { Db } from '../db/database';
import type { EventBus } from '../events';
import type { GeoIp } from '../geoip';
import type { Logger } from '../log';
import type { FileStore } from '../media/fileStore';
import type { PrefsStore } from '../prefs';
import type { AccountService } from './account';
import type { AvatarService } from './avatars';
import type { ConfigSync } from './configSync';
import type { ContactsService } from './contacts';
import type { ConversationsService } from './conversations';
import type { Downloader } from './downloader';
import type { DisappearingService } from './disappearing';
import type { Engine } from './engine';
import type { LinkPreviewService } from './linkPreview';
import type { ReceivedMedia } from './receivedMedia';
import type { MessagesService } from './messages';
import type { ReactionsService } from './reactions'; // --- reactions ---
import type { CommunitiesService } from './communities'; // --- communities ---
import type { GroupsService } from './groups'; // --- groups ---
import type { SettingsService } from './settings';
import type { StagingService } from './staging';
// --- unsend and typing indicators (begin) ---
import type { TypingService } from './typing';
import type { UnsendService } from './unsend';
// --- unsend and typing indicators (end) ---

/** Facts about this backend instance fixed at open time. */
export interface BackendContext {
  appName: string;
  appVersion: string;
  host: 'electron' | 'web' | 'cli';
  network: NetworkName;
  seedUrl?: string;
  profile: string;
  profileDir: string;
  platform: string;
  now: () => number;
  /** The git commit the build recorded, if any (About, debug log). */
  commitHash?: string;
  /** The kept debug log (logStore.ts); absent, exports carry the info block only. */
  debugLog?: { read(): string };
}

export interface Services {
  ctx: BackendContext;
  log: Logger;
  db: Db;
  events: EventBus;
  prefs: PrefsStore;
  settings: SettingsService;
  account: AccountService;
  conversations: ConversationsService;
  contacts: ContactsService;
  messages: MessagesService;
  /** Our reactions: applied here and sent to the peer and our other devices (--- reactions ---). */
  reactions: ReactionsService;
  engine: Engine;
  geo: GeoIp;
  configSync: ConfigSync;
  media: MediaServices;
  /** Profile pictures: ours (set, removed, re-uploaded) and our contacts' (downloaded). */
  avatars: AvatarService;
  // --- disappearing messages (begin) ---
  disappearing: DisappearingService;
  // --- disappearing messages (end) ---
  /** Link previews for the composer (fetched here, only with the setting on). */
  linkPreviews: LinkPreviewService;
  /** How long account.restore waits for the profile config (15 s; tests shorten it). */
  restoreWaitMs: number;
  // --- unsend and typing indicators (begin) ---
  /** Delete for everyone (messages.unsend). */
  unsend: UnsendService;
  /** Typing indicators, sent and received. */
  typing: TypingService;
  // --- unsend and typing indicators (end) ---
  /** Communities (SOGS rooms): join, leave, polling, posting, moderation. */
  communities: CommunitiesService;
  /** Groups v2, member side: invitations, polling, members, leaving. */
  groups: GroupsService;
}

/** The media parts every media feature shares (one of each per open profile). */
export interface MediaServices {
  /** The encrypted at-rest store of attachment, thumbnail and avatar bytes. */
  files: FileStore;
  attachments: AttachmentStore;
  /** In-memory progress of running uploads and downloads (the message views read it). */
  progress: TransferProgress;
  /** Received attachments: rows, download queue, gallery. */
  queue: AttachmentQueue;
  downloader: Downloader;
  /** Download on request, chunked reads, save names and the gallery. */
  received: ReceivedMedia;
  /** Files staged in the composer (or as a profile picture), processed and waiting for their message. */
  staging: StagingService;
}
