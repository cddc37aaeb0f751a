// session-cli's command line: argv -> global options and one command, or a UsageError whose message is
// meant for the person who typed it. Pure (no I/O), so every rule is unit-tested.
import { HostArgsError, parseHostArgs } from '../backend/hostArgs';

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
}

export type Command =
  | { name: 'help' }
  | { name: 'create'; displayName: string }
  /** `mnemonic` is undefined when it is to be read from stdin (`restore -`). */
  | { name: 'restore'; mnemonic?: string; displayName?: string }
  | { name: 'whoami' }
  /** `to` is a lowercased Session ID or an ONS name (resolved by the backend). */
  | { name: 'send'; to: string; text: string }
  | { name: 'receive'; waitSeconds?: number }
  | { name: 'messages'; conversationId: string }
  | { name: 'conversations' }
  | { name: 'requests' }
  | { name: 'accept'; conversationId: string }
  | { name: 'decline'; conversationId: string }
  | { name: 'delete'; messageId: string }
  | { name: 'path' };

export type CommandName = Command['name'];

export interface CliArgs {
  global: GlobalOptions;
  command: Command;
}

export const USAGE = `usage: session-cli [global options] <command> [arguments]

Commands:
  create --name NAME          create an account; prints its Session ID and recovery password
  restore "<13 words>"        restore an account from its recovery password ("-" reads it from stdin)
          [--name NAME]
  whoami                      show this profile's Session ID and display name
  send TO TEXT                send TEXT to a Session ID or ONS name; returns once the message is
                              stored on the recipient's swarm
  receive [--wait SECONDS]    print incoming messages no earlier receive printed; --wait keeps
                              polling until one arrives or the time runs out
  messages SESSION_ID         list a conversation's messages, oldest first
  conversations               list conversations
  requests                    list message requests
  accept SESSION_ID           accept a message request
  decline SESSION_ID          delete a message request and its messages (the sender is not blocked)
  delete MESSAGE_ID           delete a message on this device only
  path                        show the current onion paths
  help                        show this help

Global options (anywhere on the line):
  --data-dir DIR              data root (default: the per-user app-data folder)
  --profile NAME              profile folder under the data root (default: "default")
  --network mainnet|testnet   network (default: mainnet)
  --seed URL                  a custom network's seed URL (e.g. a local devnet)
  --json                      one JSON object per line on stdout, errors on stderr
  --verbose                   show details (stack traces) on errors
  -h, --help                  show this help

Put -- before a text that starts with "-". Exit codes: 0 ok, 1 runtime error, 2 usage error,
130 interrupted.`;

const SESSION_ID_RE = /^05[0-9a-f]{64}$/;

/**
 * Validates a 1:1 recipient/conversation id (spec/messaging.md §1.2: 66 hex, prefix 05). Returns it
 * lowercased, or throws UsageError saying what is wrong.
 */
/** Local message ids are 32 hex digits (as `send` and `messages` print them). */
export function parseMessageId(raw: string): string {
  const id = raw.toLowerCase();
  if (/^[0-9a-f]{32}$/.test(id)) return id;
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  throw new UsageError(`Invalid message id "${shown}": a message id is 32 hex digits, as printed by send and messages.`);
}

export function parseSessionId(raw: string): string {
  const id = raw.toLowerCase();
  if (SESSION_ID_RE.test(id)) return id;
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  if (/^[0-9a-f]*$/.test(id) && id.length === 66 && /^(15|25)/.test(id)) {
    throw new UsageError(`Invalid Session ID "${shown}": blinded (community) IDs cannot be messaged directly.`);
  }
  if (/^[0-9a-f]*$/.test(id) && id.length === 66 && id.startsWith('03')) {
    throw new UsageError(`Invalid Session ID "${shown}": that is a group ID, not an account.`);
  }
  const problem = !/^[0-9a-f]*$/.test(id)
    ? 'it may contain only hex digits'
    : id.length !== 66
      ? `it has ${id.length} characters instead of 66`
      : 'it must start with 05';
  throw new UsageError(`Invalid Session ID "${shown}": ${problem} (a Session ID is 66 hex characters starting with 05).`);
}

/** True when `raw` looks like an attempt at a Session ID rather than an ONS name. */
function looksLikeSessionId(raw: string): boolean {
  return raw.length === 66 || /^[0-9a-fA-F]{64,}$/.test(raw) || /^(05|15|25|03)[0-9a-fA-F]{6,}$/.test(raw);
}

/** A send target: a Session ID (validated, lowercased) or an ONS name (checked by the backend). */
export function parseRecipient(raw: string): string {
  if (looksLikeSessionId(raw)) return parseSessionId(raw);
  if (raw === '' || /\s/.test(raw) || raw.length > 253) {
    throw new UsageError(`"${raw.slice(0, 80)}" is neither a Session ID (66 hex characters starting with 05) nor an ONS name.`);
  }
  return raw;
}

function parseWait(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(Number(raw)) || Number(raw) > 86_400) {
    throw new UsageError(`Invalid --wait "${raw}": expected a number of seconds from 0 to 86400.`);
  }
  return Number(raw);
}

/** Options some commands accept beyond the global ones (each takes a value). */
const COMMAND_OPTIONS: Record<string, { commands: readonly CommandName[] }> = {
  '--name': { commands: ['create', 'restore'] },
  '--wait': { commands: ['receive'] },
};

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
  'path',
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
  const options = new Map<string, string>();
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
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(name in COMMAND_OPTIONS)) {
      throw new UsageError(`Unknown option ${name}${arg.startsWith('--') ? '' : ' (put -- before a text that starts with "-")'}.`);
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`Option ${name} needs a value.`);
      i++;
    }
    if (options.has(name)) throw new UsageError(`Option ${name} is given more than once.`);
    options.set(name, value);
  }

  const word = positional.shift();
  if (word === undefined) throw new UsageError('Missing command.');
  if (!isCommandName(word)) throw new UsageError(`Unknown command "${word.slice(0, 80)}".`);
  for (const name of options.keys()) {
    if (!COMMAND_OPTIONS[name]!.commands.includes(word)) throw new UsageError(`Option ${name} does not apply to "${word}".`);
  }

  return { global, command: buildCommand(word, positional, options) };
}

function buildCommand(word: CommandName, positional: string[], options: Map<string, string>): Command {
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
      needArgs(word, positional, 2, 2, 'TO (Session ID or ONS name) and TEXT');
      const text = positional[1]!;
      if (text.length === 0) throw new UsageError('The message text must not be empty.');
      return { name: 'send', to: parseRecipient(positional[0]!), text };
    }
    case 'receive': {
      needArgs(word, positional, 0, 0, 'no arguments besides --wait SECONDS');
      const wait = options.get('--wait');
      return wait === undefined ? { name: 'receive' } : { name: 'receive', waitSeconds: parseWait(wait) };
    }
    case 'messages':
    case 'accept':
    case 'decline':
      needArgs(word, positional, 1, 1, 'a SESSION_ID');
      return { name: word, conversationId: parseSessionId(positional[0]!) };
    case 'delete':
      needArgs(word, positional, 1, 1, 'a MESSAGE_ID (as printed by send and messages)');
      return { name: 'delete', messageId: parseMessageId(positional[0]!) };
  }
}
