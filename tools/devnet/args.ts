// Command-line parsing for session-devnet; errors are user-facing messages.
import type { DevnetOptions } from './devnet';

export const USAGE = `usage: session-devnet [--nodes N] [--swarm-size K] [--state-dir DIR] [--base-port P] [--file-ttl SECONDS] [--ons NAME=SESSION_ID]...
                      [--sogs-room TOKEN[:NAME]]... [--sogs-admin SESSION_ID]... [--no-sogs]
  --nodes N          number of service nodes (default 12, max 250)
  --swarm-size K     target swarm size (default 4: 12 nodes make 3 swarms)
  --state-dir DIR    keep identities, ports, swarms, messages and files in DIR across restarts
  --base-port P      seed on P, control on P+1, file server on P+2, nodes from P+3, community server after the
                     last node (default: random free ports)
  --file-ttl SECONDS lifetime of an uploaded file without an X-FS-TTL header (default 1209600: 14 days)
  --ons NAME=ID      register an ONS name (repeatable); ID is a 66-hex Session ID starting with 05
  --sogs-room TOKEN[:NAME]
                     a community server room (repeatable; default one room "lobby" named "Lobby");
                     TOKEN is 1-64 of A-Z a-z 0-9 _ -, NAME defaults to TOKEN
  --sogs-admin SESSION_ID
                     make a 66-hex Session ID (05...) a visible admin of every room (repeatable)
  --no-sogs          start no community server`;

export type ParsedArgs = { readonly help: true } | { readonly help: false; readonly options: DevnetOptions };

function intArg(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs an integer value`);
  const n = Number(value);
  if (n < min || n > max) throw new Error(`${flag} must be between ${min} and ${max}`);
  return n;
}

/** What was typed, as a message quotes it: controls and direction overrides as \uXXXX (one readable line), cut at 80 characters. */
function shown(arg: string): string {
  let out = '';
  for (const ch of arg) {
    const piece = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
    if (out.length + piece.length > 80) return `${out}…`;
    out += piece;
  }
  return out;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let nodes: number | undefined;
  let swarmSize: number | undefined;
  let stateDir: string | undefined;
  let basePort: number | undefined;
  let fileTtlSeconds: number | undefined;
  const ons: Record<string, string> = {};
  const sogsRooms: Array<{ token: string; name: string }> = [];
  const sogsAdmins: string[] = [];
  let noSogs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--nodes':
        nodes = intArg(flag, value(), 1, 250);
        break;
      case '--swarm-size':
        swarmSize = intArg(flag, value(), 1, 250);
        break;
      case '--base-port':
        basePort = intArg(flag, value(), 0, 65_000);
        break;
      case '--file-ttl':
        fileTtlSeconds = intArg(flag, value(), 1, 60 * 86_400);
        break;
      case '--state-dir': {
        const v = value();
        if (!v) throw new Error('--state-dir needs a directory');
        stateDir = v;
        break;
      }
      case '--ons': {
        const v = value();
        const m = v ? /^([^=]+)=(05[0-9a-fA-F]{64})$/.exec(v) : null;
        if (!m) throw new Error('--ons needs NAME=SESSION_ID (a 66-hex Session ID starting with 05)');
        ons[m[1]!.toLowerCase()] = m[2]!.toLowerCase();
        break;
      }
      case '--sogs-room': {
        const v = value();
        const m = v ? /^([\w-]{1,64})(?::(.+))?$/.exec(v) : null;
        if (!m) throw new Error('--sogs-room needs TOKEN[:NAME] (TOKEN: 1-64 of A-Z a-z 0-9 _ -)');
        if (sogsRooms.some((r) => r.token.toLowerCase() === m[1]!.toLowerCase())) throw new Error(`--sogs-room ${shown(m[1]!)} given twice`);
        sogsRooms.push({ token: m[1]!, name: m[2] ?? m[1]! });
        break;
      }
      case '--sogs-admin': {
        const v = value();
        if (!v || !/^(05|15)[0-9a-fA-F]{64}$/.test(v)) throw new Error('--sogs-admin needs a 66-hex Session ID starting with 05');
        sogsAdmins.push(v.toLowerCase());
        break;
      }
      case '--no-sogs':
        noSogs = true;
        break;
      default:
        throw new Error(`unknown argument: ${shown(arg)}`);
    }
  }
  if (nodes !== undefined && swarmSize !== undefined && swarmSize > nodes) throw new Error('--swarm-size cannot exceed --nodes');
  if (noSogs && (sogsRooms.length > 0 || sogsAdmins.length > 0)) throw new Error('--no-sogs cannot be combined with --sogs-room or --sogs-admin');
  return {
    help: false,
    options: {
      nodes,
      swarmSize,
      stateDir,
      basePort,
      ons,
      ...(fileTtlSeconds !== undefined ? { fileTtlSeconds } : {}),
      ...(sogsRooms.length > 0 ? { sogsRooms } : {}),
      ...(sogsAdmins.length > 0 ? { sogsAdmins } : {}),
      ...(noSogs ? { noSogs } : {}),
    },
  };
}
