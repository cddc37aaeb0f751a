// The web host's own arguments, beyond the hosts' common ones (ts/backend/hostArgs.ts).
import { HostArgsError } from '../backend/hostArgs';

/** Takes `--backend-thread worker|main` out of the host arguments' rest. */
export function takeBackendThread(rest: readonly string[]): { backendThread?: 'worker' | 'main'; rest: string[] } {
  const out: string[] = [];
  let backendThread: 'worker' | 'main' | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const [flag, inline] = a.startsWith('--backend-thread=') ? ['--backend-thread', a.slice('--backend-thread='.length)] : [a, undefined];
    if (flag !== '--backend-thread') {
      out.push(a);
      continue;
    }
    const v = inline ?? rest[++i];
    if (v !== 'worker' && v !== 'main') throw new HostArgsError('--backend-thread needs worker or main');
    backendThread = v;
  }
  return { ...(backendThread !== undefined ? { backendThread } : {}), rest: out };
}
