// Handlers of the app.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';

export function appHandlers(s: Pick<Services, 'ctx'>): Pick<BackendHandlers, 'app.getInfo'> {
  return {
    'app.getInfo': () => {
      const { ctx } = s;
      return {
        name: ctx.appName,
        version: ctx.appVersion,
        network: ctx.network,
        ...(ctx.seedUrl !== undefined ? { seedUrl: ctx.seedUrl } : {}),
        dataDir: ctx.profileDir,
        profile: ctx.profile,
        platform: ctx.platform,
        host: ctx.host,
      };
    },
  };
}
