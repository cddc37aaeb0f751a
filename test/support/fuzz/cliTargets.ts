// Fuzz targets for the command-line parsers: session-cli (parseArgs and the whole runCli flow up to
// opening the profile, environment included), the hosts' shared options with the web host's own, and
// session-devnet. Random mutations of valid command lines must end in a usage error (exit 2, one
// "session-cli: ..." line and the hint, short, no stack) or a parse; never another exception.
import { silentLogger } from '../../../ts/backend/log';
import { HostArgsError, parseHostArgs } from '../../../ts/backend/hostArgs';
import { UsageError, parseArgs } from '../../../ts/cli/args';
import { runCli, type CliIo } from '../../../ts/cli/run';
import { takeBackendThread } from '../../../ts/web/args';
import { parseArgs as parseDevnetArgs } from '../../../tools/devnet/args';
import { FuzzFailure, generate, hostileString, runFuzz, show, type FuzzReport, type Rng } from './core';

/** Longest usage message: it quotes what was typed, cut short. */
export const MAX_USAGE_MESSAGE = 400;

/** What a one-line message must not hold: line breaks, other controls, direction overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A message for a person: not empty, short, one line that reads as printed. */
function checkMessage(message: string): void {
  if (message === '' || message.length > MAX_USAGE_MESSAGE) throw new FuzzFailure(`message of ${message.length} chars: ${show(message)}`);
  if (UNPRINTABLE.test(message)) throw new FuzzFailure(`control or direction character in ${show(message)}`);
}

const SID = `05${'ab'.repeat(32)}`;
const MID = 'cd'.repeat(16);
const GID = `03${'ef'.repeat(32)}`;

/** One valid command line per command (and the global options). */
export const CLI_SAMPLES: readonly (readonly string[])[] = [
  ['create', '--name', 'Alice'],
  ['restore', 'amaze buffet cake entrance symptoms tiger lamb maze nestle python dusted faxed faxed', '--name', 'A'],
  ['restore', '-'],
  ['whoami'],
  ['--json', 'whoami', '--data-dir', '/tmp/d', '--profile', 'p1', '--seed', 'http://127.0.0.1:9/'],
  ['send', SID, 'hello there'],
  ['send', SID, '', '--attach', 'a.jpg', '--attach', 'b.png'],
  ['send', SID, 'hi', '--quote', MID],
  ['send', 'alice.loki', '--', '-starts with a dash'],
  ['send', SID, '', '--attach', 'v.mp3', '--voice'],
  ['react', MID, '👍'],
  ['unreact', MID, '👍'],
  ['download', MID, '--out', 'dir'],
  ['receive', '--wait', '5'],
  ['messages', SID],
  ['conversations', '--network', 'testnet'],
  ['requests'],
  ['accept', SID],
  ['decline', SID],
  ['delete', MID],
  ['unsend', MID],
  ['path'],
  ['name', 'Bob'],
  ['contacts'],
  ['nickname', SID, 'Bobby'],
  ['nickname', SID, '--clear'],
  ['block', SID],
  ['unblock', SID],
  ['pin', SID],
  ['unpin', 'https://open.getsession.org/session'],
  ['read', `03${'ef'.repeat(32)}`],
  ['mark-unread', SID],
  ['timer', SID, 'send:60'],
  ['timer', SID, 'off'],
  ['set', 'read-receipts', 'on'],
  ['get', 'link-previews'],
  ['avatar', 'me.png'],
  ['avatar', '--clear'],
  ['search', 'lantern copper', '--limit', '20'],
  // --- groups (begin) ---
  ['group', 'members', GID],
  ['group', 'create', 'Book club', SID, `05${'cd'.repeat(32)}`],
  ['group', 'invite', GID, SID],
  ['group', 'remove', GID, SID, `05${'cd'.repeat(32)}`],
  ['group', 'promote', GID, SID],
  ['group', 'rename', GID, 'Reading circle'],
  ['group', 'delete', GID],
  // --- groups (end) ---
  ['help'],
  ['--verbose', 'whoami'],
];

const OPTION_WORDS = ['--name', '--wait', '--clear', '--attach', '--voice', '--quote', '--out', '--limit', '--data-dir', '--profile', '--network', '--seed', '--port', '--json', '--verbose', '--help', '-h', '--', '-', '--nope', '-x', '--name=', '--wait=-1', '--seed=ftp://x', '--profile=../..', '--data-dir=', '--network=mainnet'];

/** A mutated command line: words replaced, dropped, duplicated, swapped, options inserted. */
export function mutateArgv(r: Rng, base: readonly string[]): string[] {
  const argv = [...base];
  const ops = 1 + r.int(3);
  for (let k = 0; k < ops; k++) {
    const op = r.int(7);
    const at = r.int(argv.length + 1);
    if (op === 0) argv.splice(at, 0, r.pick(OPTION_WORDS));
    else if (op === 1 && argv.length > 0) argv.splice(r.int(argv.length), 1);
    else if (op === 2 && argv.length > 0) argv[r.int(argv.length)] = hostileString(r, 400);
    else if (op === 3 && argv.length > 0) argv.splice(at, 0, argv[r.int(argv.length)] as string);
    else if (op === 4 && argv.length > 1) {
      const i = r.int(argv.length);
      const j = r.int(argv.length);
      [argv[i], argv[j]] = [argv[j] as string, argv[i] as string];
    } else if (op === 5 && argv.length > 0) {
      const i = r.int(argv.length);
      argv[i] = `${argv[i]}${r.pick(['=', '=x', ' ', '\u0000', 'é', '\u202e'])}`;
    } else argv.splice(at, 0, hostileString(r, 100));
  }
  return argv;
}

function cliEnv(r: Rng): Record<string, string | undefined> {
  if (r.chance(0.85)) return {};
  const name = r.pick(['SESSION_CLI_POLL_MS', 'SESSION_CLI_SEND_ATTEMPTS', 'SESSION_CLI_RETRY_MS', 'SESSION_CLI_WAIT_MS']);
  return { [name]: r.pick(['100', '0', '-5', '1e3', 'fast', '99999999999999999999', '', hostileString(r, 100)]) };
}

/** A CliIo that records its output and refuses to open a profile (the fuzz stops where commands begin). */
function recordingIo(env: Record<string, string | undefined>): { io: CliIo; out: string[]; err: string[]; opened: { count: number } } {
  const out: string[] = [];
  const err: string[] = [];
  const opened = { count: 0 };
  const io: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env,
    openBackend: async () => {
      opened.count++;
      throw new Error('No profile in this test.');
    },
    createLogger: () => silentLogger,
    appVersion: '0.0.0',
    now: () => 1_780_000_000_000,
    sleep: async () => {},
    readStdin: async () => '',
    onSignal: () => () => {},
  };
  return { io, out, err, opened };
}

const STACK = /\n\s+at /;

/** session-cli: parseArgs throws only UsageError; runCli exits 2 with one short line, or gets to opening. */
export function cliTarget(seed: number, count: number): Promise<FuzzReport> {
  return runFuzz('session-cli argv', generate(seed, count, (r) => ({ argv: r.chance(0.95) ? mutateArgv(r, r.pick(CLI_SAMPLES)) : [], env: cliEnv(r) })), async ({ argv, env }) => {
    let usage: UsageError | undefined;
    try {
      parseArgs(argv);
    } catch (err) {
      if (!(err instanceof UsageError)) throw new FuzzFailure(`parseArgs threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`);
      usage = err;
    }
    const t = recordingIo(env);
    const code = await runCli(argv, t.io);
    const stderr = t.err.join('');
    // --verbose asks for stacks (spec/cli.md); without it none is ever printed.
    const dashDash = argv.indexOf('--');
    const verbose = (dashDash < 0 ? argv : argv.slice(0, dashDash)).includes('--verbose');
    if (!verbose && (STACK.test(stderr) || STACK.test(t.out.join('')))) throw new FuzzFailure(`a stack trace was printed: ${show(stderr)}`);
    if (usage !== undefined) {
      if (code !== 2) throw new FuzzFailure(`usage error "${usage.message}" exited ${code}`);
      if (t.opened.count !== 0) throw new FuzzFailure('opened a profile after a usage error');
      if (argv.length === 0) return false; // the whole usage text
      if (!stderr.startsWith('session-cli: ') || !stderr.endsWith('\nRun "session-cli help" for usage.\n')) throw new FuzzFailure(`usage error printed as ${show(stderr)}`);
      checkMessage(usage.message);
      return false;
    }
    // Parsed: help exits 0; a bad environment is a usage error too; anything else reached the profile.
    if (code === 0 && t.opened.count === 0) return true;
    if (code === 2 && t.opened.count === 0 && stderr.startsWith('session-cli: Invalid SESSION_CLI_')) return false;
    if (code !== 1 || t.opened.count !== 1 || !stderr.startsWith('session-cli: No profile in this test.\n')) throw new FuzzFailure(`parsed, then exit ${code} with ${show(stderr)}`);
    return true;
  });
}

const HOST_SAMPLES: readonly (readonly string[])[] = [
  ['--data-dir', '/tmp/x', '--profile', 'work', '--port', '8080'],
  ['--seed', 'http://127.0.0.1:9000/', '--backend-thread', 'main'],
  ['--network=testnet', '--backend-thread=worker'],
  ['--port=0'],
];

/** The hosts' shared options and the web host's own: a parse or a HostArgsError with a short message. */
export function hostArgsTarget(seed: number, count: number): Promise<FuzzReport> {
  return runFuzz('host argv', generate(seed, count, (r) => mutateArgv(r, r.pick(HOST_SAMPLES))), (argv) => {
    try {
      takeBackendThread(parseHostArgs(argv).rest);
      return true;
    } catch (err) {
      if (!(err instanceof HostArgsError)) throw new FuzzFailure(`threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`);
      checkMessage(err.message);
      return false;
    }
  });
}

const DEVNET_SAMPLES: readonly (readonly string[])[] = [
  ['--nodes', '12', '--swarm-size', '4'],
  ['--state-dir', '/tmp/devnet', '--base-port', '30000'],
  ['--file-ttl=60', `--ons=alice=${SID}`],
  ['--help'],
];

/** session-devnet: a parse or a plain Error with a short message (its main prints it and exits 2). */
export function devnetArgsTarget(seed: number, count: number): Promise<FuzzReport> {
  return runFuzz('session-devnet argv', generate(seed, count, (r) => mutateArgv(r, r.pick(DEVNET_SAMPLES))), (argv) => {
    try {
      parseDevnetArgs(argv);
      return true;
    } catch (err) {
      if (!(err instanceof Error) || err.constructor !== Error) throw new FuzzFailure(`threw ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`);
      checkMessage(err.message);
      return false;
    }
  });
}
