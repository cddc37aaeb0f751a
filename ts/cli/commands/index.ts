// Runs one parsed command against the backend client.
import type { Command } from '../args';
import { runCreate, runRestore, runWhoami } from './account';
import type { CommandContext } from './context';
import { runAvatar } from './avatars';
import { runBlock, runContacts, runNickname } from './contacts';
import { runAccept, runConversationState, runConversations, runDecline, runRequests } from './conversations';
import { runDownload } from './download';
import { runDelete, runMessages } from './messages';
import { runPath } from './path';
import { runGet, runName, runSet } from './profile';
import { runReact } from './react'; // --- reactions ---
import { runReceive } from './receive';
import { runSend } from './send';
import { runJoin, runLeave, runModerate } from './communities'; // --- communities ---
// --- unsend (begin) ---
import { runUnsend } from './unsend';
// --- unsend (end) ---
import { runTimer } from './timer';
// --- search (begin) ---
import { runSearch } from './search';
import { runGroup } from './groups';
// --- search (end) ---

export type { CommandContext } from './context';

export async function runCommand(ctx: CommandContext, command: Exclude<Command, { name: 'help' }>): Promise<void> {
  switch (command.name) {
    case 'create':
      return runCreate(ctx, command);
    case 'restore':
      return runRestore(ctx, command);
    case 'whoami':
      return runWhoami(ctx);
    case 'send':
      return runSend(ctx, command);
    case 'receive':
      return runReceive(ctx, command);
    case 'messages':
      return runMessages(ctx, command);
    case 'conversations':
      return runConversations(ctx);
    case 'requests':
      return runRequests(ctx);
    case 'accept':
      return runAccept(ctx, command);
    case 'decline':
      return runDecline(ctx, command);
    case 'delete':
      return runDelete(ctx, command);
    // --- unsend (begin) ---
    case 'unsend':
      return runUnsend(ctx, command);
    // --- unsend (end) ---
    case 'path':
      return runPath(ctx);
    case 'name':
      return runName(ctx, command);
    case 'contacts':
      return runContacts(ctx);
    case 'nickname':
      return runNickname(ctx, command);
    case 'block':
    case 'unblock':
      return runBlock(ctx, command);
    case 'pin':
    case 'unpin':
    case 'read':
    case 'mark-unread':
      return runConversationState(ctx, command);
    case 'set':
      return runSet(ctx, command);
    case 'get':
      return runGet(ctx, command);
    case 'download':
      return runDownload(ctx, command);
    case 'avatar':
      return runAvatar(ctx, command);
    // --- reactions (begin) ---
    case 'react':
    case 'unreact':
      return runReact(ctx, command);
    // --- reactions (end) ---
    // --- disappearing messages (begin) ---
    case 'timer':
      return runTimer(ctx, command);
    // --- disappearing messages (end) ---
    // --- search (begin) ---
    case 'search':
      return runSearch(ctx, command);
    // --- search (end) ---
    // --- communities (begin) ---
    case 'join':
      return runJoin(ctx, command);
    case 'leave':
      return runLeave(ctx, command);
    case 'moderate':
      return runModerate(ctx, command);
    // --- communities (end) ---
    case 'group': // --- groups ---
      return runGroup(ctx, command);
  }
}
