// Log hygiene after a real run (issue 14): the debug logs that a run's profiles wrote must hold none of the
// test accounts' secrets (recovery password, seed, private keys, database key), no message text and no full
// Session ID (they are shortened). A suite that already ran accounts calls `collectLoggedAccount` for each
// backend at its end and `findLogLeaks` over its data folder, so no run is added for this check.
import fs from 'node:fs';
import path from 'node:path';
import type { HostBackend } from '../../ts/backend/types';
import { decodeRecoveryPassword, identityFromRecoverySeed, loadProtocol } from '../../ts/protocol';

/** What one account must never leave in a log. */
export interface LoggedAccount {
  name: string;
  mnemonic: string;
  /** Folder of its profile (for the database key file). */
  profileDir: string;
  /** Texts of its messages, sent and received. */
  texts: string[];
}

export interface Needle {
  /** What it is, for the failure message (never the value). */
  label: string;
  value: string;
  /** Hex and base64 may be printed in either case. */
  caseInsensitive?: boolean;
}

/** Message texts shorter than this are too likely to occur in an ordinary log line to be searched for. */
export const MIN_TEXT_LENGTH = 8;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** The account's secrets and texts as read through the backend: call it while the backend is open. */
export async function collectLoggedAccount(name: string, backend: Pick<HostBackend, 'handlers' | 'profileDir'>): Promise<LoggedAccount | undefined> {
  if ((await backend.handlers['account.get']({})) === null) return undefined;
  const { mnemonic } = await backend.handlers['account.getRecoveryPassword']({});
  const texts = new Set<string>();
  for (const requests of [false, true]) {
    for (const c of await backend.handlers['conversations.list']({ requests })) {
      for (const m of await backend.handlers['messages.list']({ conversationId: c.id, limit: 1000 })) if (m.text) texts.add(m.text);
    }
  }
  return { name, mnemonic, profileDir: backend.profileDir, texts: [...texts] };
}

/** Everything of `account` that must not be in a log, with what it is. */
export async function needlesOf(account: LoggedAccount): Promise<Needle[]> {
  await loadProtocol();
  const decoded = decodeRecoveryPassword(account.mnemonic);
  if (!decoded.ok) throw new Error(`${account.name}: the recovery password does not decode: ${decoded.error.message}`);
  const id = identityFromRecoverySeed(decoded.value);
  const needles: Needle[] = [
    { label: 'recovery password', value: account.mnemonic, caseInsensitive: true },
    { label: 'recovery seed (hex)', value: hex(decoded.value), caseInsensitive: true },
    { label: 'Ed25519 seed (hex)', value: hex(id.ed25519Seed), caseInsensitive: true },
    { label: 'Ed25519 secret key (hex)', value: hex(id.ed25519.secretKey), caseInsensitive: true },
    { label: 'X25519 secret key (hex)', value: hex(id.x25519.secretKey), caseInsensitive: true },
    { label: 'Ed25519 secret key (base64)', value: b64(id.ed25519.secretKey) },
    { label: 'X25519 secret key (base64)', value: b64(id.x25519.secretKey) },
    // Shortened in logs ("05…abcd"), never whole.
    { label: 'full Session ID', value: id.sessionId, caseInsensitive: true },
  ];
  // Any three recovery words in a row (the redaction removes runs of five; code must not log even a few).
  const words = account.mnemonic.split(' ');
  for (let i = 0; i + 3 <= words.length; i++) needles.push({ label: `recovery words ${i + 1}-${i + 3}`, value: words.slice(i, i + 3).join(' '), caseInsensitive: true });
  // The database key, whatever form the key file keeps it in: every long hex run in it.
  const keyFile = path.join(account.profileDir, 'db.key');
  if (fs.existsSync(keyFile)) {
    for (const run of fs.readFileSync(keyFile, 'utf8').match(/[0-9a-fA-F]{32,}/g) ?? []) needles.push({ label: 'database key', value: run, caseInsensitive: true });
  }
  for (const text of account.texts) if (text.length >= MIN_TEXT_LENGTH) needles.push({ label: 'a message text', value: text });
  return needles;
}

/** The debug logs under `root` (current and rotated), recursively. */
export function debugLogFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const file = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...debugLogFiles(file));
    else if (/^debug\.log/.test(entry.name)) out.push(file);
  }
  return out;
}

/** "file: label" for each needle found in a debug log under `root`; the files searched are returned too. */
export function findLogLeaks(root: string, needles: readonly Needle[]): { files: string[]; bytes: number; leaks: string[] } {
  const files = debugLogFiles(root);
  const leaks: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += text.length;
    const lower = text.toLowerCase();
    for (const n of needles) {
      const hit = n.caseInsensitive ? lower.includes(n.value.toLowerCase()) : text.includes(n.value);
      if (hit) leaks.push(`${path.relative(root, file)}: ${n.label}`);
    }
  }
  return { files, bytes, leaks: [...new Set(leaks)] };
}
