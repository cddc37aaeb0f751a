// The messages service: send (the message row and its outbox row in one transaction), retry, list and
// the per-consumer "new incoming messages" feed. Sending is finished by the outbox worker.
import type { ExpirationView, MessageView, MethodParams } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { bytesToHex, encodeContent, parseRecipientSessionId, validateOnsName } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { MessageStore, TakeNewOptions } from '../db/messageStore';
import type { EventBus } from '../events';
import type { AttachmentStore } from '../db/attachmentStore';
import type { StagedFileRow } from '../db/stagedFileStore';
import type { AccountService } from './account';
import type { StagingService } from './staging';
import type { ConversationsService } from './conversations';
import { messageExpirationFields } from './disappearing';
import { crashPoint } from '../crashPoint';

// --- quotes (begin) ---

/** The quoted message's identity, after checking it can be quoted from `conversationId`. */
function quoteTarget(messages: MessageStore, conversationId: string, quote: { messageId: string }): { author: string; sentAt: number } {
  const q = messages.get(quote.messageId);
  if (!q) throw new IpcError('not_found', 'The message you are replying to is not here any more.');
  if (q.conversationId !== conversationId) throw new IpcError('invalid_params', 'You can only reply to a message of the same conversation.');
  if (q.deleted || q.control) throw new IpcError('invalid_params', 'This message cannot be replied to.');
  return { author: q.sender, sentAt: q.timestamp };
}
// --- quotes (end) ---

// --- link previews (begin) ---
import { LINK_PREVIEW_ATTACHMENT_INDEX, PREVIEW_IMAGE_MESSAGE, normalizePreviewTitle, sendPreviewProblem } from './linkPreviewContent';
// --- link previews (end) ---

/** What a message may carry besides text and attachments (the contract's messages.send fields). */
export type SendExtras = Pick<MethodParams<'messages.send'>, 'quote' | 'preview'> & {
  /** A community invitation (communities.invite; spec messaging §6.5): the room's share URL and name. */
  invitation?: { url: string; name: string };
};

export interface MessagesService {
  /** `attachments`: staged files (attachments.stage*), in order; the text may then be empty. */
  send(to: string, text: string, attachments?: readonly { stageId: string }[], extras?: SendExtras): Promise<MessageView>;
  retry(id: string): MessageView;
  list(conversationId: string, beforeTimestamp?: number, limit?: number): MessageView[];
  takeNew(consumer: string, options?: TakeNewOptions): MessageView[];
  /** Whether the message is a community room's (it has a server id or lives in a room). */
  isRoomMessage(id: string): boolean;
}

export interface MessagingRuntime {
  /** Network time (ms), once the network runs. */
  networkNow(): number;
  /** Wakes the outbox worker. */
  kickOutbox(): void;
  resolveOns(name: string): Promise<string>;
}

const HEXISH = /^[0-9a-fA-F]+$/;
/** Senders stay within the standard (non-Pro) limit (spec messaging §6.1). */
export const MAX_SEND_CODE_POINTS = 2_000;

/** The official composer's rules (spec/ui.md §4.3): images and videos go alone, other files one per message. */
export const MIXED_ATTACHMENTS_MESSAGE = 'Cannot attach images and video with other file types. Try sending other files in a separate message.';
export const ATTACHMENTS_BEFORE_APPROVAL_MESSAGE =
  'You will be able to send voice messages and attachments once the recipient has approved this message request.';

const isVisualMedia = (contentType: string): boolean => contentType.startsWith('image/') || contentType.startsWith('video/');

/** Refuses a mix of images/videos with other files, and more than one other file. */
function checkAttachmentMix(rows: readonly StagedFileRow[]): void {
  const media = rows.filter((r) => isVisualMedia(r.contentType)).length;
  const others = rows.length - media;
  if ((media > 0 && others > 0) || others > 1) throw new IpcError('invalid_params', MIXED_ATTACHMENTS_MESSAGE);
}

function codePointCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function createMessagesService(d: {
  db: Db;
  messages: MessageStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  account: AccountService;
  events: EventBus;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  runtime: () => MessagingRuntime | undefined;
  /** Staged files and attachment rows; absent, messages with attachments are refused. */
  media?: { attachments: AttachmentStore; staging: StagingService };
  // --- disappearing messages (begin) ---
  /** The conversation's disappearing setting, which every message sent now carries (absent: off). */
  expiration?: (conversationId: string) => ExpirationView | undefined;
  // --- disappearing messages (end) ---
  // --- communities (begin) ---
  /** A joined room named by `to` (its conversation id) and our blinded id there, the sender of what we post. */
  community?: (to: string) => { conversationId: string; sender: string; kind: 'community' | 'private' | 'group'; senderSessionId?: string } | undefined;
  // --- communities (end) ---
}): MessagesService {
  const me = (): string => {
    const id = d.account.identity();
    if (!id) throw new IpcError('not_found', 'Create or restore an account first.');
    return id.sessionId;
  };

  const resolveRecipient = async (to: string): Promise<string> => {
    const input = to.trim();
    const asId = parseRecipientSessionId(input);
    if (asId.ok) return asId.value.hex;
    // Long hex (or an 05/15/25/03-looking string) is a mistyped Account ID, not an ONS name.
    if (HEXISH.test(input) && input.length >= 60) throw new IpcError('invalid_params', asId.error.message);
    const name = validateOnsName(input);
    if (!name.ok) throw new IpcError('invalid_params', `"${input.slice(0, 80)}" is neither an Account ID nor an ONS name.`);
    const rt = d.runtime();
    if (!rt) throw new IpcError('unavailable', 'The network is not running yet. Please try again.');
    const resolved = await rt.resolveOns(name.value);
    const check = parseRecipientSessionId(resolved);
    if (!check.ok) throw new IpcError('network', `The ONS name "${name.value}" did not resolve to an Account ID.`);
    return check.value.hex;
  };

  const insertSend = d.db.transaction((ownId: string, recipient: string, text: string, sentAt: number, stageIds: readonly string[], extras: SendExtras = {}, target?: { sender: string; kind: 'community' | 'private' | 'group'; senderSessionId?: string }): MessageView => {
    const kind = target ? target.kind : recipient === ownId ? 'note-to-self' : 'private';
    // --- communities: a room, or a blinded DM (a 15 id: no contact of ours, nothing in the Contacts config) ---
    const viaServer = target !== undefined;
    const quote = extras.quote ? quoteTarget(d.messages, recipient, extras.quote) : undefined; // --- quotes ---
    const contact = kind === 'private' && !viaServer ? d.conversations.contact(recipient) : undefined;
    let staged: StagedFileRow[] = [];
    if (stageIds.length > 0) {
      if (!d.media) throw new IpcError('unavailable', 'Attachments are not available in this version yet.');
      // They wrote nothing back yet: our request is pending (spec/ui.md §4.3).
      if (contact && contact.isApproved && !contact.didApproveMe) throw new IpcError('invalid_params', ATTACHMENTS_BEFORE_APPROVAL_MESSAGE);
      staged = d.media.staging.forSend(stageIds);
      checkAttachmentMix(staged);
    }
    // --- link previews (begin) ---
    const preview = extras.preview;
    let previewImage: StagedFileRow | undefined;
    if (preview?.imageStageId !== undefined) {
      if (stageIds.includes(preview.imageStageId)) throw new IpcError('invalid_params', 'The same file is attached twice.');
      if (!d.media) throw new IpcError('unavailable', 'Attachments are not available in this version yet.');
      previewImage = d.media.staging.forSend([preview.imageStageId])[0] as StagedFileRow;
      if (!previewImage.contentType.startsWith('image/')) throw new IpcError('invalid_params', PREVIEW_IMAGE_MESSAGE);
    }
    // --- link previews (end) ---
    if (contact && !contact.isApproved && contact.didApproveMe) {
      // Replying accepts their request; the response sorts just before the reply (spec messaging §6.11).
      d.messages.enqueueControl({ kind: 'request-response', destination: recipient, sentAt: sentAt - 100, nextAttemptAt: 0 });
    }
    d.conversations.touch(recipient, kind, sentAt);
    if (kind === 'private' && !viaServer) d.conversations.updateContact(recipient, { isApproved: true }, d.now());
    const id = bytesToHex(d.randomBytes(16));
    // --- disappearing messages (begin) ---
    // A group carries its admins' timer (Info `E`); a community room or a blinded DM has none.
    const expiration = viaServer && kind !== 'group' ? {} : messageExpirationFields(d.expiration?.(recipient));
    // --- disappearing messages (end) ---
    // --- link previews: `preview` (begin) ---
    const previewTitle = normalizePreviewTitle(preview?.title);
    const previewRow = preview ? { preview: { url: preview.url, ...(previewTitle !== undefined ? { title: previewTitle } : {}) } } : {};
    // --- link previews (end) ---
    d.messages.insert({
      id,
      conversationId: recipient,
      sender: target?.sender ?? ownId,
      direction: 'outgoing',
      body: text,
      sentAt,
      receivedAt: d.now(),
      status: 'sending',
      ...(target?.senderSessionId !== undefined ? { senderSessionId: target.senderSessionId } : {}), // --- communities ---
      ...expiration,
      ...(quote ? { quote } : {}), // --- quotes ---
      ...previewRow, // --- link previews ---
      // --- communities: the invitation lives in the stored Content, marked as its part (message views read it from there) ---
      ...(extras.invitation ? { content: encodeContent({ dataMessage: { communityInvitation: extras.invitation } }), unsupported: ['community-invitation' as const] } : {}),
    });
    if (d.media && staged.length > 0) {
      // The staged files become the message's attachments (their local copies move with them), uploaded by the outbox.
      d.media.attachments.insertMany(
        staged.map((r, index) => ({
          messageId: id,
          index,
          fileName: r.fileName,
          contentType: r.contentType,
          size: r.size ?? 0,
          width: r.width,
          height: r.height,
          durationMs: r.durationMs,
          flags: r.flags,
          state: 'uploading' as const,
          fileId: r.fileId,
          fileKey: r.fileKey,
          thumbId: r.thumbId,
          thumbKey: r.thumbKey,
          sha256: r.sha256,
        })),
      );
      d.media.staging.release(stageIds);
    }
    // --- link previews (begin) ---
    if (d.media && previewImage && preview?.imageStageId !== undefined) {
      // The image is attachment row 32, uploaded by the outbox without size padding (spec messaging §6.3).
      const r = previewImage;
      d.media.attachments.insertMany([
        {
          messageId: id,
          index: LINK_PREVIEW_ATTACHMENT_INDEX,
          fileName: r.fileName,
          contentType: r.contentType,
          size: r.size ?? 0,
          width: r.width,
          height: r.height,
          state: 'uploading',
          fileId: r.fileId,
          fileKey: r.fileKey,
          thumbId: r.thumbId,
          thumbKey: r.thumbKey,
          sha256: r.sha256,
        },
      ]);
      d.media.staging.release([preview.imageStageId]);
    }
    // --- link previews (end) ---
    d.messages.enqueue({ messageId: id, kind: 'message', destination: recipient, nextAttemptAt: 0 });
    return d.messages.get(id) as MessageView;
  });

  return {
    async send(to, text, attachments = [], extras = {}) {
      const ownId = me();
      if (text.length === 0 && attachments.length === 0 && !extras.invitation) throw new IpcError('invalid_params', 'Enter a message.');
      if (codePointCount(text) > MAX_SEND_CODE_POINTS) {
        throw new IpcError('invalid_params', `Messages are limited to ${MAX_SEND_CODE_POINTS.toLocaleString('en-US')} characters.`);
      }
      // --- link previews (begin) ---
      if (extras.preview) {
        const problem = sendPreviewProblem(text, extras.preview.url);
        if (problem !== undefined) throw new IpcError('invalid_params', problem);
      }
      // --- link previews (end) ---
      const room = d.community?.(to.trim()); // --- communities ---
      const recipient = room ? room.conversationId : await resolveRecipient(to);
      const rt = d.runtime();
      // T must be unique per sender (spec §4.1): never reuse or go below our last one.
      const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(room?.sender ?? ownId) + 1);
      const view = insertSend(ownId, recipient, text, sentAt, attachments.map((a) => a.stageId), extras, room);
      crashPoint('send.queued');
      d.events.emit('messages.added', { messages: [view] });
      d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries([recipient]) });
      rt?.kickOutbox();
      return view;
    },
    retry(id) {
      const m = d.messages.get(id);
      if (!m) throw new IpcError('not_found', 'No such message.');
      if (m.direction !== 'outgoing') throw new IpcError('invalid_params', 'Only messages you sent can be retried.');
      if (m.status !== 'failed') return m;
      const requeue = d.db.transaction(() => {
        if (d.messages.requeue(id, d.now()) === 0 && !d.messages.hasOutbox(id, 'message')) {
          d.messages.enqueue({ messageId: id, kind: 'message', destination: m.conversationId, nextAttemptAt: d.now() });
        }
        d.messages.setStatus(id, 'sending', null);
        // Only what was not uploaded is uploaded again.
        d.media?.attachments.resumeUploads(id);
      });
      requeue();
      const view = d.messages.get(id) as MessageView;
      d.events.emit('messages.updated', { messages: [view] });
      d.runtime()?.kickOutbox();
      return view;
    },
    list(conversationId, beforeTimestamp, limit) {
      return d.messages.list(conversationId, beforeTimestamp, limit ?? 100);
    },
    takeNew(consumer, options) {
      return d.db.transaction(() => d.messages.takeNew(consumer, options))();
    },
    isRoomMessage(id) {
      const m = d.messages.get(id);
      // Room conversation ids are their URLs (`{base}/{room}`); nothing else has one.
      return m !== undefined && m.conversationId.includes('://');
    },
  };
}
