// Profile pictures in the CLI: `avatar FILE | --clear` sets or removes ours (the backend makes it square,
// re-encodes it, strips its metadata, encrypts and uploads it, and pushes the profile config), and the
// decrypted copies of contacts' pictures that `contacts` prints as `avatarPath`.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { extensionFor } from '../../backend/media/fileNames';
import type { ContactView } from '../../ipc/contract';
import { CliError } from '../errors';
import type { Column } from '../output';
import { requireAccount } from './account';
import type { CommandContext } from './context';
import { deliverChange, throwIfUndelivered } from './followUps';
import { checkLocalFile, stageFile } from './staging';
import type { AvatarCommandArgs } from './types';

/**
 * Where `contacts` writes the decrypted pictures, under the profile folder: plaintext, unlike the backend's
 * encrypted store, because a script asked for a file it can open.
 */
export const DECRYPTED_AVATARS_FOLDER = 'decrypted-avatars';

const AVATAR_COLUMNS: Column[] = [
  { key: 'sessionId', title: 'Session ID' },
  { key: 'url', title: 'Picture' },
  { key: 'sha256', title: 'SHA-256' },
];

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function runAvatar(ctx: CommandContext, cmd: AvatarCommandArgs): Promise<void> {
  const me = await requireAccount(ctx);
  let stageId: string | null = null;
  if (cmd.file !== null) {
    const file = await checkLocalFile(cmd.file);
    ctx.out.progress(`Preparing ${file.fileName}...`);
    stageId = (await stageFile(ctx, file, { purpose: 'avatar' })).stageId;
  }
  ctx.out.progress(stageId === null ? 'Removing the profile picture...' : 'Uploading the profile picture...');
  // Setting uploads the picture before it answers; the profile config push is the follow-up waited for.
  const { result, delivery } = await deliverChange(ctx, () => ctx.client.call('account.setAvatar', { stageId }));
  let avatar: { url: string; sha256: string } | null = null;
  if (stageId !== null) {
    // The bytes the backend encrypted and uploaded: our picture as it now has it.
    const picture = await ctx.client.call('avatars.get', { id: me.sessionId });
    if (picture === null) throw new CliError('The profile picture was set, but the backend has no copy of it.');
    if (result.avatarUrl === undefined) throw new CliError('The profile picture was set, but the backend did not say where it was uploaded.');
    avatar = { url: result.avatarUrl, sha256: sha256Hex(Buffer.from(picture.dataBase64, 'base64')) };
  }
  if (ctx.out.json) ctx.out.record({ sessionId: result.sessionId, avatar }, []);
  else ctx.out.record({ sessionId: result.sessionId, url: avatar?.url ?? '(none)', sha256: avatar?.sha256 }, AVATAR_COLUMNS);
  throwIfUndelivered(delivery);
}

/**
 * The local file holding a contact's decrypted picture, written on demand: named after the contact and a
 * hash of the picture's version, so a new picture gets a new path, and an unchanged one is not rewritten.
 * Older copies of the same contact are removed. Null when the contact has no picture here.
 */
export async function avatarPath(ctx: CommandContext, contact: ContactView): Promise<string | null> {
  if (contact.avatarVersion === undefined) return null;
  const picture = await ctx.client.call('avatars.get', { id: contact.id });
  if (picture === null) return null;
  const bytes = Buffer.from(picture.dataBase64, 'base64');
  const dir = path.join(ctx.profileDir, DECRYPTED_AVATARS_FOLDER);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const prefix = `${contact.id}-`;
  const name = `${prefix}${sha256Hex(Buffer.from(picture.version, 'utf8')).slice(0, 16)}${extensionFor(picture.contentType)}`;
  const file = path.join(dir, name);
  // Missing (or unreadable, which the write below then reports) means: write it.
  const existing = await fs.readFile(file).catch(() => undefined);
  if (existing === undefined || !existing.equals(bytes)) {
    // Written whole under a temporary name, then renamed: a reader never sees half a picture.
    const temp = path.join(dir, `.${randomBytes(8).toString('hex')}.part`);
    try {
      await fs.writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
      await fs.rename(temp, file);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  for (const old of await fs.readdir(dir)) {
    if (old.startsWith(prefix) && old !== name) await fs.rm(path.join(dir, old), { force: true });
  }
  return file;
}
