// Handlers of the app.* methods.
import type { BackendHandlers } from '../../ipc/contract';
import type { Services } from '../services';
import { aboutInfo, currentRuntime, debugLogExport, type AboutSource } from '../about';

export function appHandlers(s: Pick<Services, 'ctx'>): Pick<BackendHandlers, 'app.getInfo' | 'app.getAbout' | 'app.exportDebugLog'> {
  const about = (): AboutSource => ({
    appName: s.ctx.appName,
    appVersion: s.ctx.appVersion,
    network: s.ctx.network,
    host: s.ctx.host,
    ...(s.ctx.commitHash !== undefined ? { commitHash: s.ctx.commitHash } : {}),
    runtime: currentRuntime(),
  });
  return {
    'app.getAbout': () => aboutInfo(about()),
    'app.exportDebugLog': ({ userAgent }) =>
      debugLogExport({
        ...about(),
        now: s.ctx.now(),
        ...(userAgent !== undefined ? { userAgent } : {}),
        log: s.ctx.debugLog?.read() ?? '',
      }),
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
