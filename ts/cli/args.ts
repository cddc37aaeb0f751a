// session-cli's command line: argv -> global options and one command, or a UsageError whose message is
// meant for the person who typed it. Pure (no I/O), so every rule is unit-tested.
import { HostArgsError, parseHostArgs, quoteArg } from '../backend/hostArgs';
import { GROUP_MAX_MEMBERS, GROUP_NAME_MAX_BYTES } from '../ipc/contract'; // --- groups ---

/** A bad command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  dataDir?: string;
  seedUrl?: string;
  profile?: string;
  network?: 'mainnet' | 'testnet';
  /** One JSON object per line on stdout, nothing else. */
  json: boolean;
  /** Show stack traces and backend detail on errors. */
  verbose: boolean;
  /** Read the profile's app password from the first line of stdin (for scripts) instead of asking on the terminal. */
  passwordStdin?: boolean;
}

export type Command =
  | { name: 'help' }
  | { name: 'create'; displayName: string }
  /** `mnemonic` is undefined when it is to be read from stdin (`restore -`). */
  | { name: 'restore'; mnemonic?: string; displayName?: string }
  | { name: 'whoami' }
  /**
   * `to` is a lowercased Session ID or an ONS name (resolved by the backend). `attachments`: the files given
   * with `--attach`, in order (absent: none); `voice`: the single attachment is a voice message.
   */
  | { name: 'send'; to: string; text: string; attachments?: string[]; voice?: true; /** --- quotes: reply to this message id --- */ quote?: string }
  | { name: 'receive'; waitSeconds?: number }
  | { name: 'messages'; conversationId: string }
  | { name: 'conversations' }
  | { name: 'requests' }
  | { name: 'accept'; conversationId: string }
  /** `conversationId`: a Session ID (message request) or a group id (invitation). */
  | { name: 'decline'; conversationId: string }
  | { name: 'delete'; messageId: string }
  // --- unsend (begin) ---
  | { name: 'unsend'; messageId: string }
  // --- unsend (end) ---
  | { name: 'path' }
  // ---- config sync (cli.md v2, "Profile, contacts and multi-device") ----
  | { name: 'name'; displayName: string }
  | { name: 'contacts' }
  /** `nickname` null: clear it (`--clear`). */
  | { name: 'nickname'; sessionId: string; nickname: string | null }
  | { name: 'block' | 'unblock'; sessionId: string }
  /** `conversationId`: any conversation id (parseConversationId). */
  | { name: 'pin' | 'unpin' | 'read' | 'mark-unread'; conversationId: string }
  | { name: 'set'; key: CliSettingName; value: boolean }
  | { name: 'get'; key: CliSettingName }
  // ---- media (cli.md v2, "Rich messages" and "Profile, contacts and multi-device") ----
  /** `outDir` absent: the profile's downloads folder. */
  | { name: 'download'; messageId: string; outDir?: string }
  /** `file` null: remove our profile picture (`--clear`). */
  | { name: 'avatar'; file: string | null }
  // --- reactions (begin) ---
  | { name: 'react' | 'unreact'; messageId: string; emoji: string }
  // --- reactions (end) ---
  // --- disappearing messages (begin) ---
  | { name: 'timer'; conversationId: string; mode: 'off' | 'after-send' | 'after-read'; seconds: number }
  // --- disappearing messages (end) ---
  // --- search (begin) ---
  /** `limit` absent: the backend's default (50). */
  | { name: 'search'; query: string; limit?: number }
  // --- search (end) ---
  // --- communities (begin) ---
  /** `url`: a room's share URL `http(s)://HOST[:PORT]/ROOM?public_key=HEX64`. */
  | { name: 'join'; url: string }
  | { name: 'leave'; conversationId: string }
  | { name: 'moderate'; conversationId: string; action: 'ban' | 'unban' | 'mod' | 'unmod'; user: string }
  // --- communities (end) ---
  // --- groups (begin) ---
  | { name: 'group'; sub: 'members'; conversationId: string }
  /** `members`: the others to invite (lowercased Session IDs, no repeats, at least one); we become the admin. */
  | { name: 'group'; sub: 'create'; groupName: string; members: string[] }
  /** `conversationId`: the group's 03 id; `members`: lowercased Session IDs, no repeats. */
  | { name: 'group'; sub: 'invite' | 'remove'; conversationId: string; members: string[] }
  | { name: 'group'; sub: 'promote'; conversationId: string; sessionId: string }
  | { name: 'group'; sub: 'rename'; conversationId: string; groupName: string }
  | { name: 'group'; sub: 'delete'; conversationId: string };
  // --- groups (end) ---

export type CommandName = Command['name'];

/**
 * The settings `set` and `get` know, by their command-line name, with the backend setting each maps to.
 * All are on/off switches (cli.md v2); `community-message-requests` is synced as UserProfile `M`.
 */
export const CLI_SETTINGS = {
  'read-receipts': 'readReceipts',
  'typing-indicators': 'typingIndicators',
  'link-previews': 'linkPreviews',
  'community-message-requests': 'communityMessageRequests',
} as const;
export type CliSettingName = keyof typeof CLI_SETTINGS;

export interface CliArgs {
  global: GlobalOptions;
  command: Command;
}

export const USAGE = `usage: session-cli [global options] <command> [arguments]

Commands:
  create --name NAME          create an account; prints its Session ID and recovery password
  restore "<13 words>"        restore an account from its recovery password ("-" reads it from stdin);
          [--name NAME]       takes the display name from the network (waits up to 15 s), else NAME
  whoami                      show this profile's Session ID and display name
  name NAME                   set our display name (synced to our other devices)
  avatar FILE                 set our profile picture (JPEG, PNG or WebP; made square, re-encoded);
                              avatar --clear removes it
  send TO TEXT                send TEXT to a Session ID, ONS name or community room URL; returns
                              once the message is stored on the recipient's swarm (or the server)
       [--attach FILE]...     attach files (repeat --attach per file; TEXT may be "" then);
       [--voice]              --voice: the single attached file is a voice message
       [--quote MESSAGE_ID]   reply to a message of the same conversation
  react MESSAGE_ID EMOJI      react to a message with one emoji (sent to the peer and our other
                              devices)
  unreact MESSAGE_ID EMOJI    remove our reaction
  download MESSAGE_ID         download and decrypt a message's attachments into DIR (default:
           [--out DIR]        the profile's downloads folder); never overwrites a file
  receive [--wait SECONDS]    print incoming messages no earlier receive printed; --wait keeps
                              polling until one arrives or the time runs out
  messages ID                 list a conversation's messages, oldest first (a room's by server id)
  conversations               list conversations
  requests                    list message requests
  accept ID                   accept a message request or a group invitation (ID: 03...)
  decline ID                  delete a message request and its messages (the sender is not blocked)
  delete MESSAGE_ID           delete a message on this device only
  unsend MESSAGE_ID           delete one of our messages for everyone (our swarm copies, the
                              recipient's app and our other devices; note to self: entirely)
  contacts                    list contacts (from messages and the synced contact list)
  nickname SESSION_ID NAME    set a contact's nickname (--clear instead of NAME removes it)
  block SESSION_ID            block a contact: their messages are dropped
  unblock SESSION_ID          unblock a contact
  pin ID / unpin ID           pin a conversation to the top of the list, or unpin it
  read ID                     mark a conversation read up to its newest message (sends read
                              receipts when read-receipts is on)
  mark-unread ID              mark a conversation unread
  timer ID off|send:SECONDS|read:SECONDS
                              set disappearing messages (after send / after read); SECONDS one of
                              5 10 30 60 300 1800 3600 21600 43200 86400 604800 1209600
  set KEY on|off              change a setting: read-receipts, typing-indicators, link-previews,
                              community-message-requests (all off by default)
  get KEY                     show a setting
  join URL                    join a community room from its share URL
                              (http(s)://HOST[:PORT]/ROOM?public_key=HEX64)
  leave ID                    leave a community room or a group (ID: the room URL or the 03... group ID)
  group members ID            a group's members: Session ID, name, role (admin or member) and status
  group create NAME SESSION_ID...
                              create a group (we are its admin) and invite up to 99 members
  group invite ID SESSION_ID...
                              admins: invite members (again, for a failed or unanswered invitation)
  group remove ID SESSION_ID...
                              admins: remove members (the group's keys are rotated)
  group promote ID SESSION_ID admins: make a member an admin
  group rename ID NAME        admins: rename the group
  group delete ID             admins: delete the group for everyone
  moderate ID ban|unban|mod|unmod USER
                              community moderators: ban or unban a user, add or remove a
                              moderator (USER: a Session ID or the blinded id shown as sender)
  search QUERY [--limit N]    full-text search over all messages, newest first (N: 1 to 500,
                              default 50); every word matches as a prefix
  path                        show the current onion paths
  help                        show this help

Global options (anywhere on the line):
  --data-dir DIR              data root (default: the per-user app-data folder)
  --profile NAME              profile folder under the data root (default: "default")
  --network mainnet|testnet   network (default: mainnet)
  --seed URL                  a custom network's seed URL (e.g. a local devnet)
  --json                      one JSON object per line on stdout, errors on stderr
  --verbose                   show details (stack traces) on errors
  --password-stdin            read the profile's app password from stdin's first line (scripts);
                              without it, a locked profile asks for it on the terminal
  -h, --help                  show this help

ID is a conversation: a Session ID (05...), a group ID (03...) or a community room URL.
Commands that change something exit once the change and its updates for our other devices are
stored on the network. Put -- before a text that starts with "-".
Exit codes: 0 ok, 1 runtime error, 2 usage error, 130 interrupted.`;

const SESSION_ID_RE = /^05[0-9a-f]{64}$/;

/** Local message ids are 32 hex digits (as `send` and `messages` print them). */
export function parseMessageId(raw: string): string {
  const id = raw.toLowerCase();
  if (/^[0-9a-f]{32}$/.test(id)) return id;
  throw new UsageError(`Invalid message id ${quoteArg(raw)}: a message id is 32 hex digits, as printed by send, receive and messages.`);
}

/**
 * Validates a 1:1 recipient/conversation id (spec/messaging.md §1.2: 66 hex, prefix 05). Returns it
 * lowercased, or throws UsageError saying what is wrong.
 */

export function parseSessionId(raw: string): string {
  const id = raw.toLowerCase();
  if (SESSION_ID_RE.test(id)) return id;
  const shown = quoteArg(raw);
  if (/^[0-9a-f]*$/.test(id) && id.length === 66 && /^(15|25)/.test(id)) {
    throw new UsageError(`Invalid Session ID ${shown}: blinded (community) IDs cannot be messaged directly.`);
  }
  if (/^[0-9a-f]*$/.test(id) && id.length === 66 && id.startsWith('03')) {
    throw new UsageError(`Invalid Session ID ${shown}: that is a group ID, not an account.`);
  }
  const problem = !/^[0-9a-f]*$/.test(id)
    ? 'it may contain only hex digits'
    : id.length !== 66
      ? `it has ${id.length} characters instead of 66`
      : 'it must start with 05';
  throw new UsageError(`Invalid Session ID ${shown}: ${problem} (a Session ID is 66 hex characters starting with 05).`);
}

/** A community member's blinded id (a blinded DM's conversation until their Session ID is known). */
const BLINDED_ID_RE = /^15[0-9a-f]{64}$/;
/** A group's id: 66 hex, prefix 03 (spec/cli.md: conversation ids). */
const GROUP_ID_RE = /^03[0-9a-f]{64}$/;
/** A community room as `join` prints it: http(s)://HOST[:PORT]/ROOM, room token lower-case. */
const ROOM_URL_RE = /^(https?):\/\/([^/?#\s]+)\/([A-Za-z0-9_-]{1,64})\/?(?:\?[^#\s]*)?$/i;

/**
 * A conversation id (cli.md v2): a Session ID (1:1 and Note to Self), a group's 03 id, or a community
 * room's URL. Hex ids are lowercased; a URL is made canonical (scheme, host and room token lower-case,
 * a share URL's `?public_key=` dropped) so it matches the id `join` printed.
 */
export function parseConversationId(raw: string): string {
  const id = raw.toLowerCase();
  // A blinded DM we started is a conversation under the member's 15 id until their Session ID is known.
  if (SESSION_ID_RE.test(id) || GROUP_ID_RE.test(id) || BLINDED_ID_RE.test(id)) return id;
  const url = ROOM_URL_RE.exec(raw);
  if (url) return `${url[1]!.toLowerCase()}://${url[2]!.toLowerCase()}/${url[3]!.toLowerCase()}`;
  const shown = quoteArg(raw);
  if (/^https?:\/\//i.test(raw)) {
    throw new UsageError(`Invalid community URL ${shown}: expected http(s)://HOST[:PORT]/ROOM, as printed by join.`);
  }
  if (/^[0-9a-f]+$/.test(id) && id.length === 66 && id.startsWith('25')) {
    throw new UsageError(`Invalid conversation ID ${shown}: 25-blinded (community) IDs are not conversations; use the sender's Session ID.`);
  }
  const problem = !/^[0-9a-f]*$/.test(id)
    ? 'it may contain only hex digits'
    : id.length !== 66
      ? `it has ${id.length} characters instead of 66`
      : 'it must start with 05 or 03';
  throw new UsageError(
    `Invalid conversation ID ${shown}: ${problem} (a Session ID is 66 hex characters starting with 05, a group ID starts with 03; a community is its room URL).`,
  );
}

/** A decline target: a message request's Session ID or a group invitation's 03 id. */
function parseRequestId(raw: string): string {
  const id = raw.toLowerCase();
  if (GROUP_ID_RE.test(id)) return id;
  if (/^https?:\/\//i.test(raw)) throw new UsageError('A community has no requests to decline: use leave.');
  return parseSessionId(raw);
}

function parseSwitch(key: string, raw: string): boolean {
  const v = raw.toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new UsageError(`Invalid value ${quoteArg(raw, 40)} for ${key}: expected on or off.`);
}

function parseSettingName(raw: string): CliSettingName {
  const key = raw.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(CLI_SETTINGS, key)) return key as CliSettingName;
  throw new UsageError(`Unknown setting ${quoteArg(raw)}: expected one of ${Object.keys(CLI_SETTINGS).join(', ')}.`);
}

/** A display name or nickname given on the command line: not blank, at most 100 characters (the backend's limit). */
function parseName(raw: string, what: string): string {
  if (raw.trim() === '') throw new UsageError(`The ${what} must not be empty.`);
  if ([...raw.trim()].length > 100) throw new UsageError(`The ${what} is too long: at most 100 characters.`);
  return raw;
}

/** True when `raw` looks like an attempt at a Session ID rather than an ONS name. */
function looksLikeSessionId(raw: string): boolean {
  return raw.length === 66 || /^[0-9a-fA-F]{64,}$/.test(raw) || /^(05|15|25|03)[0-9a-fA-F]{6,}$/.test(raw);
}

/** A send target: a Session ID (validated, lowercased) or an ONS name (checked by the backend). */
export function parseRecipient(raw: string): string {
  if (/^https?:\/\//i.test(raw)) return parseConversationId(raw); // --- communities: a room ---
  if (BLINDED_ID_RE.test(raw.toLowerCase())) return raw.toLowerCase(); // --- communities: a blinded DM we started ---
  if (GROUP_ID_RE.test(raw.toLowerCase())) return raw.toLowerCase(); // --- groups: a group we are in ---
  if (looksLikeSessionId(raw)) return parseSessionId(raw);
  if (raw === '' || /\s/.test(raw) || raw.length > 253) {
    throw new UsageError(`${quoteArg(raw)} is neither a Session ID (66 hex characters starting with 05) nor an ONS name.`);
  }
  return raw;
}

function parseWait(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(Number(raw)) || Number(raw) > 86_400) {
    throw new UsageError(`Invalid --wait ${quoteArg(raw)}: expected a number of seconds from 0 to 86400.`);
  }
  return Number(raw);
}

/**
 * Options some commands accept beyond the global ones; each takes a value unless it is a `flag`, and may
 * be given once unless it `repeats`.
 */
const COMMAND_OPTIONS: Record<string, { commands: readonly CommandName[]; flag?: true; repeats?: true }> = {
  '--name': { commands: ['create', 'restore'] },
  '--wait': { commands: ['receive'] },
  '--clear': { commands: ['nickname', 'avatar'], flag: true },
  '--attach': { commands: ['send'], repeats: true },
  '--voice': { commands: ['send'], flag: true },
  '--quote': { commands: ['send'] },
  '--out': { commands: ['download'] },
  // --- search (begin) ---
  '--limit': { commands: ['search'] },
  // --- search (end) ---
};

/** Most files one message may carry (spec messaging §8 item 10; the backend's MAX_MESSAGE_ATTACHMENTS). */
export const MAX_ATTACH_FILES = 32;

const COMMANDS: readonly CommandName[] = [
  'help',
  'create',
  'restore',
  'whoami',
  'send',
  'receive',
  'messages',
  'conversations',
  'requests',
  'accept',
  'decline',
  'delete',
  // --- unsend (begin) ---
  'unsend',
  // --- unsend (end) ---
  'path',
  'name',
  'contacts',
  'nickname',
  'block',
  'unblock',
  'pin',
  'unpin',
  'read',
  'mark-unread',
  'set',
  'get',
  'download',
  'avatar',
  'react', // --- reactions ---
  'unreact', // --- reactions ---
  'timer',
  // --- search (begin) ---
  'search',
  // --- search (end) ---
  // --- communities (begin) ---
  'join',
  'leave',
  'moderate',
  // --- communities (end) ---
  'group', // --- groups ---
];

function isCommandName(v: string): v is CommandName {
  return (COMMANDS as readonly string[]).includes(v);
}

function needArgs(command: string, positional: string[], min: number, max: number, what: string): void {
  if (positional.length < min) throw new UsageError(`Missing argument for "${command}": expected ${what}.`);
  if (positional.length > max) {
    throw new UsageError(`Too many arguments for "${command}": expected ${what}${command === 'send' ? ' (quote the text)' : ''}.`);
  }
}

// --- disappearing messages (begin) ---
/** The official timer values (spec messaging §6.12 `TimerOptions.VALUES` without 0). */
export const TIMER_SECONDS = [5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600] as const;

/** `off`, `send:SECONDS` or `read:SECONDS` with an official SECONDS; anything else is a usage error. */
export function parseTimer(raw: string): { mode: 'off' | 'after-send' | 'after-read'; seconds: number } {
  const v = raw.trim().toLowerCase();
  if (v === 'off') return { mode: 'off', seconds: 0 };
  const m = /^(send|read):(\d{1,8})$/.exec(v);
  const seconds = m ? Number(m[2]) : NaN;
  if (!m || !(TIMER_SECONDS as readonly number[]).includes(seconds)) {
    throw new UsageError(`Invalid timer ${quoteArg(raw, 40)}: expected off, send:SECONDS or read:SECONDS with SECONDS one of ${TIMER_SECONDS.join(', ')}.`);
  }
  return { mode: m[1] === 'send' ? 'after-send' : 'after-read', seconds };
}
// --- disappearing messages (end) ---

/** Parses session-cli's arguments (without node and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const dashDash = argv.indexOf('--');
  const beforeDashDash = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (beforeDashDash.includes('--help') || beforeDashDash.includes('-h')) {
    return { global: { json: beforeDashDash.includes('--json'), verbose: false }, command: { name: 'help' } };
  }

  let host;
  try {
    host = parseHostArgs(argv);
  } catch (err) {
    if (err instanceof HostArgsError) throw new UsageError(err.message);
    throw err;
  }
  if (host.port !== undefined) throw new UsageError('Unknown option --port (session-cli does not serve anything).');

  const global: GlobalOptions = { json: false, verbose: false };
  if (host.dataDir !== undefined) global.dataDir = host.dataDir;
  if (host.seedUrl !== undefined) global.seedUrl = host.seedUrl;
  if (host.profile !== undefined) global.profile = host.profile;
  if (host.network !== undefined) global.network = host.network;

  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const rest = host.rest;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--json' || arg === '--verbose') {
      global[arg === '--json' ? 'json' : 'verbose'] = true;
      continue;
    }
    if (arg === '--password-stdin') {
      global.passwordStdin = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(name in COMMAND_OPTIONS)) {
      throw new UsageError(`Unknown option ${quoteArg(name) === `"${name}"` ? name : quoteArg(name)}${arg.startsWith('--') ? '' : ' (put -- before a text that starts with "-")'}.`);
    }
    let value: string | undefined;
    if (COMMAND_OPTIONS[name]!.flag) {
      if (eq > 0) throw new UsageError(`Option ${name} takes no value.`);
      value = '';
    } else if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`Option ${name} needs a value.`);
      i++;
    }
    const given = options.get(name);
    if (given !== undefined && COMMAND_OPTIONS[name]!.repeats !== true) throw new UsageError(`Option ${name} is given more than once.`);
    options.set(name, [...(given ?? []), value]);
  }

  const word = positional.shift();
  if (word === undefined) throw new UsageError('Missing command.');
  if (!isCommandName(word)) throw new UsageError(`Unknown command ${quoteArg(word)}.`);
  for (const name of options.keys()) {
    if (!COMMAND_OPTIONS[name]!.commands.includes(word)) throw new UsageError(`Option ${name} does not apply to "${word}".`);
  }

  const command = buildCommand(word, positional, options);
  if (global.passwordStdin && command.name === 'restore' && command.mnemonic === undefined) {
    throw new UsageError('--password-stdin and "restore -" both read stdin: give the recovery password as arguments, or the app password on the terminal.');
  }
  return { global, command };
}

function buildCommand(word: CommandName, positional: string[], optionValues: Map<string, string[]>): Command {
  // Every option but a repeating one was given at most once (checked above).
  const options = { get: (name: string) => optionValues.get(name)?.[0], has: (name: string) => optionValues.has(name) };
  switch (word) {
    case 'help':
      return { name: 'help' };
    case 'create': {
      needArgs(word, positional, 0, 0, '--name NAME');
      const displayName = options.get('--name');
      if (displayName === undefined) throw new UsageError('Missing --name NAME for "create" (the display name others see).');
      if (displayName.trim() === '') throw new UsageError('The display name must not be empty.');
      return { name: 'create', displayName };
    }
    case 'restore': {
      // Words may come as one quoted argument or as separate ones; never echo them back in errors.
      if (positional.length === 0) throw new UsageError('Missing argument for "restore": expected the 13-word recovery password (or "-" to read it from stdin).');
      const displayName = options.get('--name');
      if (displayName !== undefined && displayName.trim() === '') throw new UsageError('The display name must not be empty.');
      const joined = positional.length === 1 && positional[0] === '-' ? undefined : positional.join(' ');
      return {
        name: 'restore',
        ...(joined !== undefined ? { mnemonic: joined } : {}),
        ...(displayName !== undefined ? { displayName } : {}),
      };
    }
    case 'whoami':
    case 'conversations':
    case 'requests':
    case 'path':
      needArgs(word, positional, 0, 0, 'no arguments');
      return { name: word };
    case 'send': {
      const quote = options.get('--quote'); // --- quotes ---
      const files = optionValues.get('--attach') ?? [];
      const voice = options.has('--voice');
      // With files the text is their caption and may be empty or left out.
      needArgs(word, positional, files.length > 0 ? 1 : 2, 2, 'TO (Session ID or ONS name) and TEXT');
      const text = positional[1] ?? '';
      if (text.length === 0 && files.length === 0) throw new UsageError('The message text must not be empty (it may be "" only with --attach).');
      if (files.some((f) => f === '')) throw new UsageError('Option --attach needs a file name.');
      if (files.length > MAX_ATTACH_FILES) throw new UsageError(`Too many files: at most ${MAX_ATTACH_FILES} per message (${files.length} given).`);
      if (voice && files.length !== 1) {
        throw new UsageError('--voice marks a single attached file as a voice message: give exactly one --attach FILE with it.');
      }
      return {
        name: 'send',
        to: parseRecipient(positional[0]!),
        text,
        ...(files.length > 0 ? { attachments: files } : {}),
        ...(voice ? { voice: true as const } : {}),
        ...(quote !== undefined ? { quote: parseMessageId(quote) } : {}), // --- quotes ---
      };
    }
    case 'download': {
      needArgs(word, positional, 1, 1, 'a MESSAGE_ID (as printed by send, receive and messages)');
      const outDir = options.get('--out');
      if (outDir === '') throw new UsageError('Option --out needs a folder.');
      return { name: 'download', messageId: parseMessageId(positional[0]!), ...(outDir !== undefined ? { outDir } : {}) };
    }
    case 'avatar': {
      if (options.has('--clear')) {
        needArgs(word, positional, 0, 0, 'no FILE with --clear');
        return { name: 'avatar', file: null };
      }
      needArgs(word, positional, 1, 1, 'a FILE (JPEG, PNG or WebP), or --clear');
      if (positional[0] === '') throw new UsageError('Missing argument for "avatar": the file name is empty.');
      return { name: 'avatar', file: positional[0]! };
    }
    case 'receive': {
      needArgs(word, positional, 0, 0, 'no arguments besides --wait SECONDS');
      const wait = options.get('--wait');
      return wait === undefined ? { name: 'receive' } : { name: 'receive', waitSeconds: parseWait(wait) };
    }
    case 'messages':
      needArgs(word, positional, 1, 1, 'an ID (a Session ID, group ID or community room URL)');
      return { name: word, conversationId: parseConversationId(positional[0]!) };
    case 'accept':
      needArgs(word, positional, 1, 1, 'an ID (the Session ID of a message request, or a group ID)');
      return { name: word, conversationId: parseRequestId(positional[0]!) };
    // --- communities (begin) ---
    case 'join': {
      needArgs(word, positional, 1, 1, 'a community URL (http(s)://HOST[:PORT]/ROOM?public_key=HEX64)');
      const url = positional[0]!.trim();
      if (!/^https?:\/\/[^/?#\s]+\/(r\/)?[A-Za-z0-9_-]{1,64}\/?\?(.*&)?public_key=[0-9a-fA-F]{64}(&.*)?$/.test(url)) {
        throw new UsageError(`Invalid community URL ${quoteArg(url)}: expected http(s)://HOST[:PORT]/ROOM?public_key=HEX64 (64 hex digits).`);
      }
      return { name: 'join', url };
    }
    case 'leave':
      needArgs(word, positional, 1, 1, 'a community room URL');
      if (!/^https?:\/\//i.test(positional[0]!) && !GROUP_ID_RE.test(positional[0]!.toLowerCase())) {
        throw new UsageError('leave takes a community room URL (as printed by join) or a group ID (03...).');
      }
      return { name: 'leave', conversationId: parseConversationId(positional[0]!) };
    // --- groups (begin) ---
    case 'group':
      return parseGroupCommand(positional);
    // --- groups (end) ---
    case 'moderate': {
      needArgs(word, positional, 3, 3, 'ID ban|unban|mod|unmod USER');
      if (!/^https?:\/\//i.test(positional[0]!)) throw new UsageError('moderate takes a community room URL (as printed by join).');
      const action = positional[1]!.toLowerCase();
      if (action !== 'ban' && action !== 'unban' && action !== 'mod' && action !== 'unmod') {
        throw new UsageError(`Invalid action ${quoteArg(positional[1]!)}: expected ban, unban, mod or unmod.`);
      }
      const user = positional[2]!.toLowerCase();
      if (!/^(05|15)[0-9a-f]{64}$/.test(user)) throw new UsageError(`Invalid user ${quoteArg(positional[2]!)}: a Session ID (05…) or a blinded id (15…).`);
      return { name: 'moderate', conversationId: parseConversationId(positional[0]!), action, user };
    }
    // --- communities (end) ---
    case 'decline':
      needArgs(word, positional, 1, 1, 'an ID (the Session ID of a message request, or a group ID)');
      return { name: word, conversationId: parseRequestId(positional[0]!) };
    case 'name':
      needArgs(word, positional, 1, 1, 'NAME (quote a name with spaces)');
      return { name: 'name', displayName: parseName(positional[0]!, 'display name') };
    case 'contacts':
      needArgs(word, positional, 0, 0, 'no arguments');
      return { name: word };
    case 'nickname': {
      const clear = options.has('--clear');
      if (clear) {
        needArgs(word, positional, 1, 1, 'SESSION_ID with --clear (no NAME)');
        return { name: 'nickname', sessionId: parseSessionId(positional[0]!), nickname: null };
      }
      needArgs(word, positional, 2, 2, 'SESSION_ID and NAME, or SESSION_ID --clear (quote a name with spaces)');
      return { name: 'nickname', sessionId: parseSessionId(positional[0]!), nickname: parseName(positional[1]!, 'nickname') };
    }
    case 'block':
    case 'unblock':
      needArgs(word, positional, 1, 1, 'a SESSION_ID');
      return { name: word, sessionId: parseSessionId(positional[0]!) };
    case 'pin':
    case 'unpin':
    case 'read':
    case 'mark-unread':
      needArgs(word, positional, 1, 1, 'a conversation ID (Session ID, group ID or community URL)');
      return { name: word, conversationId: parseConversationId(positional[0]!) };
    case 'set': {
      needArgs(word, positional, 2, 2, `KEY and on|off (keys: ${Object.keys(CLI_SETTINGS).join(', ')})`);
      const key = parseSettingName(positional[0]!);
      return { name: 'set', key, value: parseSwitch(key, positional[1]!) };
    }
    case 'get':
      needArgs(word, positional, 1, 1, `a KEY (${Object.keys(CLI_SETTINGS).join(', ')})`);
      return { name: 'get', key: parseSettingName(positional[0]!) };
    case 'delete':
      needArgs(word, positional, 1, 1, 'a MESSAGE_ID (as printed by send and messages)');
      return { name: 'delete', messageId: parseMessageId(positional[0]!) };
    // --- unsend (begin) ---
    case 'unsend':
      needArgs(word, positional, 1, 1, 'a MESSAGE_ID of one of our messages (as printed by send and messages)');
      return { name: 'unsend', messageId: parseMessageId(positional[0]!) };
    // --- unsend (end) ---
    // --- reactions (begin) ---
    case 'react':
    case 'unreact': {
      needArgs(word, positional, 2, 2, 'MESSAGE_ID and EMOJI (one emoji, such as 👍)');
      const emoji = positional[1]!;
      // The backend checks it is one emoji; an empty or huge argument is refused here.
      if (emoji.trim() === '' || emoji.length > 64) throw new UsageError('The EMOJI argument must be one emoji, such as 👍.');
      return { name: word, messageId: parseMessageId(positional[0]!), emoji };
    }
    // --- reactions (end) ---
    // --- disappearing messages (begin) ---
    case 'timer':
      needArgs(word, positional, 2, 2, 'a conversation ID and off, send:SECONDS or read:SECONDS');
      return { name: 'timer', conversationId: parseConversationId(positional[0]!), ...parseTimer(positional[1]!) };
    // --- disappearing messages (end) ---
    // --- search (begin) ---
    case 'search': {
      // Unquoted words are one query, as a person means them.
      if (positional.length === 0) throw new UsageError('Missing argument for "search": expected QUERY (the words to look for).');
      const query = positional.join(' ');
      if (query.trim() === '') throw new UsageError('The search query must not be empty.');
      if (query.trim().length > MAX_SEARCH_QUERY) throw new UsageError(`The search query is too long: at most ${MAX_SEARCH_QUERY} characters.`);
      const limit = options.get('--limit');
      return { name: 'search', query, ...(limit !== undefined ? { limit: parseSearchLimit(limit) } : {}) };
    }
    // --- search (end) ---
  }
}

// --- search (begin) ---
/** The backend's bounds for messages.search (spec/cli.md: default limit 50). */
const MAX_SEARCH_QUERY = 500;
const MAX_SEARCH_LIMIT = 500;

function parseSearchLimit(raw: string): number {
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_SEARCH_LIMIT) {
    throw new UsageError(`Invalid --limit ${quoteArg(raw, 40)}: expected a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  return Number(raw);
}
// --- search (end) ---

// --- groups (begin) ---
/** Most members a group has besides us: the official apps' limit of 100 members (spec/ui.md), the contract's. */
const MAX_GROUP_OTHERS = GROUP_MAX_MEMBERS - 1;
/** A group name's limit in UTF-8 bytes (Info `n`, spec advanced.md C.4). */
const MAX_GROUP_NAME_BYTES = GROUP_NAME_MAX_BYTES;

const GROUP_SUBCOMMANDS = ['members', 'create', 'invite', 'remove', 'promote', 'rename', 'delete'] as const;
type GroupSub = (typeof GROUP_SUBCOMMANDS)[number];

const GROUP_USAGE: Record<GroupSub, string> = {
  members: 'a group ID (03...)',
  create: 'NAME and at least one SESSION_ID to invite (quote a name with spaces)',
  invite: 'a group ID (03...) and at least one SESSION_ID to invite',
  remove: 'a group ID (03...) and at least one SESSION_ID to remove',
  promote: 'a group ID (03...) and the SESSION_ID of the member to make an admin',
  rename: 'a group ID (03...) and the new NAME (quote a name with spaces)',
  delete: 'a group ID (03...)',
};

/** A group's 03 id, lowercased. */
export function parseGroupId(raw: string): string {
  const id = raw.toLowerCase();
  if (GROUP_ID_RE.test(id)) return id;
  if (SESSION_ID_RE.test(id)) throw new UsageError(`Invalid group ID ${quoteArg(raw)}: that is a Session ID (05...), not a group; a group ID starts with 03.`);
  throw new UsageError(`Invalid group ID ${quoteArg(raw)}: a group ID is 66 hex characters starting with 03.`);
}

/** A group name: not blank, at most 100 bytes of UTF-8 (what the group's Info config holds). */
export function parseGroupName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new UsageError('The group name must not be empty.');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UsageError('The group name must not contain line breaks or other control characters.');
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_GROUP_NAME_BYTES) {
    throw new UsageError(`The group name is too long: at most ${MAX_GROUP_NAME_BYTES} bytes of UTF-8 (${bytes} given).`);
  }
  return name;
}

/** The members a group command names: Session IDs (lowercased), each once, at most 99. */
function parseGroupMembers(raw: readonly string[]): string[] {
  const members: string[] = [];
  for (const r of raw) {
    const id = parseSessionId(r);
    if (members.includes(id)) throw new UsageError(`The Session ID ${quoteArg(r, 20)} is given twice.`);
    members.push(id);
  }
  if (members.length > MAX_GROUP_OTHERS) {
    throw new UsageError(`Too many members: a group has at most ${MAX_GROUP_OTHERS + 1} members, you and ${MAX_GROUP_OTHERS} others (${members.length} given).`);
  }
  return members;
}

function parseGroupCommand(positional: string[]): Command {
  const sub = positional[0];
  if (sub === undefined || !(GROUP_SUBCOMMANDS as readonly string[]).includes(sub)) {
    const given = sub === undefined ? 'Missing group command' : `Unknown group command ${quoteArg(sub)}`;
    throw new UsageError(`${given}: expected one of ${GROUP_SUBCOMMANDS.join(', ')} (see session-cli help).`);
  }
  const g = sub as GroupSub;
  const args = positional.slice(1);
  const word = `group ${g}`;
  switch (g) {
    case 'members':
    case 'delete':
      needArgs(word, args, 1, 1, GROUP_USAGE[g]);
      return { name: 'group', sub: g, conversationId: parseGroupId(args[0]!) };
    case 'create': {
      needArgs(word, args, 2, Infinity, GROUP_USAGE[g]);
      // `group create 05… 05…` forgot the name: say so rather than name the group after a Session ID.
      if (SESSION_ID_RE.test(args[0]!.toLowerCase()) || GROUP_ID_RE.test(args[0]!.toLowerCase())) {
        throw new UsageError('Missing NAME for "group create": the first argument is the group\'s name, then the Session IDs to invite.');
      }
      return { name: 'group', sub: g, groupName: parseGroupName(args[0]!), members: parseGroupMembers(args.slice(1)) };
    }
    case 'invite':
    case 'remove':
      needArgs(word, args, 2, Infinity, GROUP_USAGE[g]);
      return { name: 'group', sub: g, conversationId: parseGroupId(args[0]!), members: parseGroupMembers(args.slice(1)) };
    case 'promote':
      needArgs(word, args, 2, 2, GROUP_USAGE[g]);
      return { name: 'group', sub: g, conversationId: parseGroupId(args[0]!), sessionId: parseSessionId(args[1]!) };
    case 'rename':
      needArgs(word, args, 2, 2, GROUP_USAGE[g]);
      return { name: 'group', sub: g, conversationId: parseGroupId(args[0]!), groupName: parseGroupName(args[1]!) };
  }
}
// --- groups (end) ---
