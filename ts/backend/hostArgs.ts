// Command-line options shared by every host (Electron main, web host, CLI): where the data lives,
// which network and profile to open, and the web host's port. Parsing only; no I/O.

export interface HostArgs {
  dataDir?: string;
  seedUrl?: string;
  profile?: string;
  network?: 'mainnet' | 'testnet';
  port?: number;
  /** Arguments this parser does not own (positional words, host-specific flags), in order. */
  rest: string[];
}

/** A bad command line; `message` is meant for the person who typed it. */
export class HostArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostArgsError';
  }
}

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Longest piece of a typed value an error message quotes: a message stays one readable line. */
export const MAX_QUOTED_CHARS = 80;

// Characters a terminal would act on or reorder instead of showing: controls, DEL, direction overrides.
const UNPRINTABLE_ONE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * `raw` as an error message quotes it, in double quotes: controls and direction overrides written as
 * \uXXXX, so the message stays one line that reads as typed, and cut (between code points, "…" marking the
 * cut) once the quoted text would pass `max` characters.
 */
export function quoteArg(raw: string, max = MAX_QUOTED_CHARS): string {
  let out = '';
  for (const ch of raw) {
    const piece = UNPRINTABLE_ONE.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
    if (out.length + piece.length > max) return `"${out}…"`;
    out += piece;
  }
  return `"${out}"`;
}

/** Checks a profile name; returns an error message or undefined. */
export function profileNameProblem(name: string): string | undefined {
  return PROFILE_NAME_PATTERN.test(name)
    ? undefined
    : `Invalid profile name ${quoteArg(name)}: use 1 to 64 letters, digits, "_" or "-".`;
}

/**
 * Normalizes a seed URL: http(s) only, no credentials, query or fragment, and a path ending with "/"
 * (requests are made to `{seedUrl}json_rpc`). Throws HostArgsError with a readable message.
 */
export function normalizeSeedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HostArgsError(`Invalid seed URL ${quoteArg(raw)}: not a URL (expected e.g. http://127.0.0.1:1234/).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HostArgsError(`Invalid seed URL ${quoteArg(raw)}: it must start with http:// or https://.`);
  }
  // Not quoted: the message would repeat the password.
  if (url.username || url.password) throw new HostArgsError('Invalid seed URL: credentials (user:password@) are not allowed.');
  if (url.search || url.hash) throw new HostArgsError(`Invalid seed URL ${quoteArg(raw)}: a query or fragment is not allowed.`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function parsePort(raw: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new HostArgsError(`Invalid port ${quoteArg(raw)}: expected a number from 0 to 65535 (0 picks a free port).`);
  }
  return Number(raw);
}

const OWN_OPTIONS = ['--data-dir', '--seed', '--profile', '--network', '--port'] as const;
type OwnOption = (typeof OWN_OPTIONS)[number];

/**
 * Parses `--data-dir DIR`, `--seed URL`, `--profile NAME`, `--network mainnet|testnet`, `--port N`
 * (also in `--name=value` form). Anything else is returned in `rest` for the host to handle.
 * `argv` is the host's arguments without the node/electron executable and script.
 */
export function parseHostArgs(argv: readonly string[]): HostArgs {
  const out: HostArgs = { rest: [] };
  const seen = new Set<OwnOption>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.rest.push(...argv.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg) as OwnOption;
    if (!OWN_OPTIONS.includes(name)) {
      out.rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new HostArgsError(`Option ${name} needs a value.`);
      i++;
    }
    if (seen.has(name)) throw new HostArgsError(`Option ${name} is given more than once.`);
    seen.add(name);
    switch (name) {
      case '--data-dir':
        if (value === '') throw new HostArgsError('Option --data-dir needs a folder path.');
        out.dataDir = value;
        break;
      case '--seed':
        out.seedUrl = normalizeSeedUrl(value);
        break;
      case '--profile': {
        const problem = profileNameProblem(value);
        if (problem) throw new HostArgsError(problem);
        out.profile = value;
        break;
      }
      case '--network':
        if (value !== 'mainnet' && value !== 'testnet') {
          throw new HostArgsError(`Invalid network ${quoteArg(value)}: expected mainnet or testnet (use --seed URL for a custom network).`);
        }
        out.network = value;
        break;
      case '--port':
        out.port = parsePort(value);
        break;
    }
  }
  if (out.seedUrl !== undefined && out.network !== undefined) {
    throw new HostArgsError('Use either --network or --seed, not both (a seed URL selects a custom network).');
  }
  return out;
}
