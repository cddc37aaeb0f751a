// path: the current onion paths with their nodes; waits (with progress) while the backend builds them.
import type { OnionPathView } from '../../ipc/contract';
import { CliError } from '../errors';
import type { Column } from '../output';
import type { CommandContext } from './context';
import { sleepOrWake } from './wait';

const COLUMNS: Column[] = [
  { key: 'path', title: 'Path' },
  { key: 'hop', title: 'Hop' },
  { key: 'address', title: 'Address' },
  { key: 'country', title: 'Country' },
  { key: 'ed25519', title: 'Ed25519 key' },
];

function hopName(i: number, n: number): string {
  return i === 0 ? 'guard' : i === n - 1 ? 'exit' : 'relay';
}

export async function runPath(ctx: CommandContext): Promise<void> {
  const deadline = ctx.now() + ctx.waitMs;
  let paths: OnionPathView[] = await ctx.client.call('network.getPaths', {});
  if (paths.length === 0) ctx.out.progress('Building onion paths...');
  while (paths.length === 0) {
    const left = deadline - ctx.now();
    if (left <= 0) throw new CliError(`No onion path could be built within ${Math.round(ctx.waitMs / 1000)} s: is the network reachable?`);
    await sleepOrWake(ctx, Math.min(left, 1000), (wake) =>
      ctx.client.on('network.status', (s) => {
        if (s.paths.length > 0) wake();
      }),
    );
    paths = await ctx.client.call('network.getPaths', {});
  }
  if (ctx.out.json) {
    ctx.out.records(
      paths.map((p, i) => ({ path: i + 1, nodes: p.nodes.map((n) => ({ ip: n.ip, port: n.port, ed25519: n.ed25519, ...(n.country ? { country: n.country } : {}) })) })),
      COLUMNS,
    );
    return;
  }
  const anyCountry = paths.some((p) => p.nodes.some((n) => n.country));
  ctx.out.records(
    paths.flatMap((p, i) =>
      p.nodes.map((n, j) => ({ path: i + 1, hop: hopName(j, p.nodes.length), address: `${n.ip}:${n.port}`, country: n.country ?? '', ed25519: n.ed25519 })),
    ),
    // Countries come from the GeoIP lookup; without one the column would stay empty.
    anyCountry ? COLUMNS : COLUMNS.filter((c) => c.key !== 'country'),
  );
}
