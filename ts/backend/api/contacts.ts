// Handlers of the contacts.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function contactHandlers(
  s: Pick<Services, 'contacts'>,
): Pick<BackendHandlers, 'contacts.delete' | 'contacts.listBlocked'> {
  return {
    'contacts.delete': async ({ id }) => s.contacts.deleteContact(id.trim().toLowerCase()),
    'contacts.listBlocked': async () => s.contacts.listBlocked(),
  };
}
