// The safety net between the logger and the debug log on disk. Code must never log secrets, but a log
// file is shared with strangers, so every line is also scrubbed of what would be harmful there even
// when some code path slips:
// - runs of recovery-password words (five or more in a row: no log sentence is made of them);
// - hex of 64 digits or more: public and secret keys, seeds, database keys: removed;
// - Session IDs (Account IDs, and blinded and group IDs: 66 hex digits with their prefix) are shortened
//   to the prefix and the last four digits ("05…3a3a"): enough to tell the accounts of one log apart,
//   too little to tie the user to their contacts when the log is shared;
// - IPv4 addresses outside loopback (the entry node of a path is a network neighbour of the user);
// - the user's home folder (it holds the user name), replaced by "~".
import { isRecoveryWord } from '../protocol';

export const REDACTED = '[REDACTED]';

/** The fewest consecutive recovery-password words that are treated as (part of) a recovery password. */
export const MIN_WORD_RUN = 5;

const HEX_RUN = /[0-9a-fA-F]{64,}/g;
/** A whole hex run that is a Session ID: standard (05), blinded (15, 25) or group (03) prefix and a 32-byte key. */
const SESSION_ID = /^(?:05|15|25|03)[0-9a-fA-F]{64}$/;

/** How a Session ID appears in a log: its prefix and last four hex digits. */
export function shortSessionId(id: string): string {
  return `${id.slice(0, 2)}…${id.slice(-4)}`;
}
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\b/g;
const WORD_OR_GAP = /[A-Za-z]+|[^A-Za-z]+/g;
const WORD_GAP = /^[\s"',]+$/;

function redactWordRuns(line: string): string {
  const parts = line.match(WORD_OR_GAP) ?? [];
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    // A run: word, gap, word, ... with every word in the list; a gap is spaces, commas or quotes, so a
    // list of words serialised as JSON is caught as well as a sentence.
    let j = i;
    let words = 0;
    while (j < parts.length && isRecoveryWord(parts[j]!.toLowerCase())) {
      words++;
      if (j + 2 < parts.length && WORD_GAP.test(parts[j + 1]!) && isRecoveryWord(parts[j + 2]!.toLowerCase())) j += 2;
      else break;
    }
    if (words >= MIN_WORD_RUN) {
      out.push(REDACTED);
      i = j + 1;
    } else {
      out.push(parts[i]!);
      i++;
    }
  }
  return out.join('');
}

export interface RedactOptions {
  /** The user's home folder; omitted or too short ("/"), paths are left alone. */
  homeDir?: string;
}

/** Returns the line with secrets and identifying data replaced (see the module comment). */
export function redactLogLine(line: string, opts: RedactOptions = {}): string {
  let out = line.replace(HEX_RUN, (run) => (SESSION_ID.test(run) ? shortSessionId(run) : REDACTED));
  out = out.replace(IPV4, (ip) => (ip.startsWith('127.') ? ip : REDACTED));
  const home = opts.homeDir;
  if (home !== undefined && home.length > 1) {
    out = out.split(home).join('~');
    // Inside a JSON detail a Windows path has its backslashes doubled.
    if (home.includes('\\')) out = out.split(home.replace(/\\/g, '\\\\')).join('~');
  }
  return redactWordRuns(out);
}
