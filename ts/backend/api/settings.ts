// Handlers of the settings.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function settingsHandlers(s: Pick<Services, 'settings'>): Pick<BackendHandlers, 'settings.getAll' | 'settings.set'> {
  return {
    'settings.getAll': () => s.settings.getAll(),
    'settings.set': ({ key, value }) => s.settings.set(key, value),
  };
}
