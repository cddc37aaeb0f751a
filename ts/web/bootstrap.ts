// Web page bootstrap (runs before renderer.js): installs `window.session` as a SessionApi over the
// WebSocket client end, authenticated by the token in the page URL (or the cookie set on first load).
import type { SessionApi } from '../ipc/contract';
import { createWsSessionApi } from '../ipc/transport/wsClient';
import { TOKEN_PARAM, WS_PATH } from '../ipc/wire';

/** The WebSocket URL for a page location: same host, ws scheme, token passed on when present. */
export function wsUrlFor(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}${token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : ''}`;
}

export function installSessionApi(win: Window): SessionApi {
  const api = createWsSessionApi({ url: wsUrlFor(win.location) });
  Object.defineProperty(win, 'session', { value: api, writable: false, enumerable: true, configurable: false });
  return api;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') installSessionApi(window);
