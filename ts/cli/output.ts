// How session-cli prints: with --json one JSON object per line on stdout and nothing else; otherwise
// aligned tables and sentences for people, with progress lines on stderr. Writers are injected.

export type Writer = (chunk: string) => void;

/** A plain record; `undefined` fields are left out of the JSON line. */
export type OutputRecord = Record<string, unknown>;

export interface Column {
  /** Field of the record shown in this column. */
  key: string;
  /** Header shown to people. */
  title: string;
  /** Formats the field for people (default: String, with control characters made visible). */
  format?: (value: unknown, record: OutputRecord) => string;
}

export interface Output {
  readonly json: boolean;
  /** Prints records: one JSON line each, or one aligned table (with `empty` when there are none). */
  records(records: readonly OutputRecord[], columns: readonly Column[], empty?: string): void;
  /** Prints one record: a JSON line, or `label: value` lines for people. */
  record(record: OutputRecord, columns: readonly Column[]): void;
  /** A progress line for people, on stderr; silent with --json. */
  progress(line: string): void;
  /** A warning on stderr (both modes). */
  warn(line: string): void;
  /** An error message on stderr (both modes). */
  error(line: string): void;
}

/** Serializes one record as a JSON line. JSON.stringify escapes control characters and lone surrogates, so a text survives byte-exact. */
export function jsonLine(record: OutputRecord): string {
  return JSON.stringify(record) + '\n';
}

/**
 * Makes a text safe to show on a terminal: C0/C1 control characters (escape sequences, carriage
 * returns, newlines) and DEL become visible escapes, so a message cannot rewrite the screen. Direction
 * marks and joiners are printed as they are (the terminal renders them).
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** Width of a string in terminal cells, approximated by code points (wide glyphs count as one). */
function width(s: string): number {
  let n = 0;
  for (const ch of s) {
    // Combining marks, zero-width characters and direction marks take no cell.
    if (/[\u0300-\u036f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f]/.test(ch)) continue;
    n++;
  }
  return n;
}

function cell(column: Column, record: OutputRecord): string {
  const value = record[column.key];
  if (column.format) return visible(column.format(value, record));
  if (value === undefined || value === null) return '';
  return visible(typeof value === 'string' ? value : String(value));
}

/** An aligned text table: header, then one line per record; the last column is not padded. */
export function formatTable(records: readonly OutputRecord[], columns: readonly Column[]): string {
  const rows = [columns.map((c) => c.title), ...records.map((r) => columns.map((c) => cell(c, r)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => width(row[i]!))));
  return rows
    .map((row) =>
      row
        .map((text, i) => (i === row.length - 1 ? text : text + ' '.repeat(widths[i]! - width(text))))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => line + '\n')
    .join('');
}

/** `Title: value` lines for one record, titles aligned. */
export function formatFields(record: OutputRecord, columns: readonly Column[]): string {
  const shown = columns.filter((c) => record[c.key] !== undefined);
  const w = Math.max(0, ...shown.map((c) => width(c.title)));
  return shown.map((c) => `${c.title}:${' '.repeat(w - width(c.title) + 1)}${cell(c, record)}\n`).join('');
}

/** Drops undefined fields so JSON lines stay stable. */
function clean(record: OutputRecord): OutputRecord {
  const out: OutputRecord = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

export function createOutput(options: { json: boolean; stdout: Writer; stderr: Writer }): Output {
  const { json, stdout, stderr } = options;
  return {
    json,
    records(records, columns, empty) {
      if (json) {
        for (const r of records) stdout(jsonLine(clean(r)));
        return;
      }
      if (records.length === 0) {
        if (empty !== undefined) stdout(empty + '\n');
        return;
      }
      stdout(formatTable(records, columns));
    },
    record(record, columns) {
      if (json) stdout(jsonLine(clean(record)));
      else stdout(formatFields(record, columns));
    },
    progress(line) {
      if (!json) stderr(line + '\n');
    },
    warn(line) {
      stderr(`session-cli: warning: ${line}\n`);
    },
    error(line) {
      stderr(`session-cli: ${line}\n`);
    },
  };
}

/** A byte count for people: "812 B", "34.1 KB", "9.4 MB" (powers of 1000, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The parts of an attachment (AttachmentView) people are shown. */
interface AttachmentLike {
  index: number;
  fileName?: string;
  contentType: string;
  size: number;
  voice: boolean;
  state: string;
}

/** What people see of one attachment in a message's text: `[name, size]`, with its state unless downloaded. */
function attachmentNote(a: AttachmentLike): string {
  const what = a.voice ? 'voice message' : (a.fileName ?? `unnamed ${a.contentType}`);
  const state = a.state === 'downloaded' ? '' : `, ${a.state}`;
  return `[${what}, ${formatSize(a.size)}${state}]`;
}

/**
 * A message's text for people: its text, its attachments, then a note naming the parts this version
 * cannot show (an attachment-only message would otherwise print as an empty line).
 */
export function messageText(m: {
  text: string;
  unsupported?: readonly string[];
  attachments?: readonly AttachmentLike[];
}): string {
  const files = [...(m.attachments ?? [])].sort((a, b) => a.index - b.index);
  // Attachments are shown now; a backend that still lists them as unsupported must not make them appear twice.
  const parts = (m.unsupported ?? []).filter((p) => !(p === 'attachments' && files.length > 0));
  const pieces = [m.text, ...files.map(attachmentNote), ...(parts.length > 0 ? [`[not shown: ${parts.join(', ')}]`] : [])];
  return pieces.filter((p) => p !== '').join(' ');
}

/** A timestamp (ms) for people: local ISO-like date and time. */
export function formatTime(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
