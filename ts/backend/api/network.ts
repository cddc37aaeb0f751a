// Handlers of the network.* and ons.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { validateOnsName } from '../../protocol';
import type { Services } from '../services';

function withCountry<N extends { ip: string }>(node: N, country: string | undefined): N & { country?: string } {
  return country ? { ...node, country } : node;
}

export function networkHandlers(s: Pick<Services, 'engine' | 'geo'>): Pick<BackendHandlers, 'network.getPaths' | 'ons.resolve'> {
  return {
    'network.getPaths': async () => {
      await s.geo.ready;
      return s.engine.paths().map((p) => ({ ...p, nodes: p.nodes.map((n) => withCountry(n, s.geo.countryOf(n.ip))) }));
    },
    'ons.resolve': async ({ name }) => {
      const v = validateOnsName(name);
      if (!v.ok) throw new IpcError('invalid_params', v.error.message);
      return { sessionId: await s.engine.resolveOns(v.value) };
    },
  };
}
