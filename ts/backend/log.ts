// The backend's logger: a small interface so hosts choose where lines go and tests can capture them.
// Never pass secrets (seed, mnemonic, keys, message bodies) to it.

export interface Logger {
  debug(msg: string, detail?: unknown): void;
  info(msg: string, detail?: unknown): void;
  warn(msg: string, detail?: unknown): void;
  error(msg: string, detail?: unknown): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`;
  try {
    // Bytes are shown by length only: a key or seed passed by mistake must not end up in a log.
    return ` ${JSON.stringify(detail, function (this: Record<string, unknown>, key: string, value: unknown) {
      const original = this[key];
      return ArrayBuffer.isView(original) ? `[${original.byteLength} bytes]` : value;
    })}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

/** A logger writing timestamped lines through `write` (e.g. to stderr), dropping lines below `minLevel`. */
export function createLineLogger(write: (line: string) => void, minLevel: Level = 'info', now: () => number = Date.now): Logger {
  const emit = (level: Level) => (msg: string, detail?: unknown) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(`${new Date(now()).toISOString()} ${level.toUpperCase()} ${msg}${describe(detail)}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Sends every line to each of the loggers (e.g. stderr and the debug log on disk). */
export function teeLogger(...loggers: Logger[]): Logger {
  const emit = (level: Level) => (msg: string, detail?: unknown) => {
    for (const l of loggers) l[level](msg, detail);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Discards everything (tests that do not care). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
