// Handlers of the network.* and ons.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { validateOnsName } from '../../protocol';
import type { Services } from '../services';

export function networkHandlers(s: Pick<Services, 'engine' | 'geo'>): Pick<BackendHandlers, 'network.getPaths' | 'ons.resolve'> {
  return {
    'network.getPaths': async () => {
      // The first answer after startup waits for the country database (read in the background).
      await s.geo.ready;
      return s.engine.paths();
    },
    'ons.resolve': async ({ name }) => {
      const v = validateOnsName(name);
      if (!v.ok) throw new IpcError('invalid_params', v.error.message);
      return { sessionId: await s.engine.resolveOns(v.value) };
    },
  };
}
