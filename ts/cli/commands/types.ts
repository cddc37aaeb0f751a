// The parsed form of each command, narrowed from args.ts's union for the command modules.
import type { Command } from '../args';

export type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;
export type CreateCommandArgs = CommandOf<'create'>;
export type RestoreCommandArgs = CommandOf<'restore'>;
export type SendCommandArgs = CommandOf<'send'>;
export type ReceiveCommandArgs = CommandOf<'receive'>;
export type MessagesCommandArgs = CommandOf<'messages'>;
export type AcceptCommandArgs = CommandOf<'accept'>;
export type DeclineCommandArgs = CommandOf<'decline'>;
export type DeleteCommandArgs = CommandOf<'delete'>;
// --- unsend (begin) ---
export type UnsendCommandArgs = CommandOf<'unsend'>;
// --- unsend (end) ---
export type NameCommandArgs = CommandOf<'name'>;
export type NicknameCommandArgs = CommandOf<'nickname'>;
export type BlockCommandArgs = CommandOf<'block' | 'unblock'>;
export type ConversationStateCommandArgs = CommandOf<'pin' | 'unpin' | 'read' | 'mark-unread'>;
export type SetCommandArgs = CommandOf<'set'>;
export type GetCommandArgs = CommandOf<'get'>;
export type DownloadCommandArgs = CommandOf<'download'>;
export type AvatarCommandArgs = CommandOf<'avatar'>;
export type ReactCommandArgs = CommandOf<'react' | 'unreact'>; // --- reactions ---
export type TimerCommandArgs = CommandOf<'timer'>;
// --- communities (begin) ---
export type JoinCommandArgs = CommandOf<'join'>;
export type LeaveCommandArgs = CommandOf<'leave'>;
export type GroupCommandArgs = CommandOf<'group'>;
export type ModerateCommandArgs = CommandOf<'moderate'>;
// --- communities (end) ---
