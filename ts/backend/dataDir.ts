// Where a profile's files live: ROOT/<network>/<profile>/, with the OS default ROOT. The network folder
// keeps a devnet account from ever touching a mainnet database.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { NetworkName } from '../ipc/contract';
import { HostArgsError, normalizeSeedUrl, profileNameProblem } from './hostArgs';

export const APP_FOLDER = 'session-ts';
export const DEFAULT_PROFILE = 'default';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/** The per-user app-data folder for this OS (Linux honours XDG_CONFIG_HOME). */
export function resolveDataRoot(
  p: PlatformEnv = { platform: process.platform, env: process.env, homedir: os.homedir() },
): string {
  const join = p.platform === 'win32' ? path.win32.join : path.posix.join;
  switch (p.platform) {
    case 'darwin':
      return join(p.homedir, 'Library', 'Application Support', APP_FOLDER);
    case 'win32':
      return join(p.env.APPDATA || join(p.homedir, 'AppData', 'Roaming'), APP_FOLDER);
    default: {
      const xdg = p.env.XDG_CONFIG_HOME;
      // The XDG spec says a relative value is invalid and must be ignored.
      return join(xdg && path.posix.isAbsolute(xdg) ? xdg : join(p.homedir, '.config'), APP_FOLDER);
    }
  }
}

export interface ResolvedNetwork {
  network: NetworkName;
  /** Normalized seed URL for a custom network. */
  seedUrl?: string;
  /** Folder name under the data root. */
  folder: string;
}

/** Picks the network from the options: a seed URL means a custom network named by its hash. */
export function resolveNetwork(opts: { network?: 'mainnet' | 'testnet'; seedUrl?: string }): ResolvedNetwork {
  if (opts.seedUrl !== undefined) {
    if (opts.network !== undefined) {
      throw new HostArgsError('Use either a network name or a seed URL, not both (a seed URL selects a custom network).');
    }
    const seedUrl = normalizeSeedUrl(opts.seedUrl);
    const hash = createHash('sha256').update(seedUrl, 'utf8').digest('hex').slice(0, 8);
    return { network: 'custom', seedUrl, folder: `custom-${hash}` };
  }
  const network = opts.network ?? 'mainnet';
  return { network, folder: network };
}

/** ROOT/<network>/<profile>; validates the profile name. */
export function resolveProfileDir(dataRoot: string, networkFolder: string, profile: string = DEFAULT_PROFILE): string {
  const problem = profileNameProblem(profile);
  if (problem) throw new HostArgsError(problem);
  return path.join(path.resolve(dataRoot), networkFolder, profile);
}
