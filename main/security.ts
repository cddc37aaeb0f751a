// Security policy of the app window: web preferences, Content-Security-Policy, blocked navigation
// and popups, and denied permissions. Each function configures the Electron object it is given.
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { rendererContentSecurityPolicy } from '../ts/ipc/csp';

/**
 * The renderer may load only its own bundle and stylesheets. Styles allow 'unsafe-inline' because
 * styled-components injects <style> elements; scripts never do. Attachments render from blob:/data:.
 * The same policy is served as a header here and is the renderer's meta tag (index.html; a test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy("'self' blob:");

export interface WindowPreferenceOptions {
  preloadPath: string;
  spellcheck: boolean;
}

/**
 * What every window's web preferences must say, whatever else a window sets (Electron's security checklist):
 * the renderer is isolated from the preload and sandboxed, reaches Node only through the preload's bridge,
 * keeps the same-origin policy, never runs http content in an https page, has no <webview>, no experimental
 * Blink features, and a dropped file or link does not navigate the window.
 */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const satisfies WebPreferences;

/** Web preferences of every app window: the renderer is sandboxed and reaches Node only via the preload. */
export function secureWebPreferences(opts: WindowPreferenceOptions): WebPreferences {
  return {
    preload: opts.preloadPath,
    ...REQUIRED_WEB_PREFERENCES,
    spellcheck: opts.spellcheck,
    // The poller keeps running while the window is hidden (spec/ui.md §9.5).
    backgroundThrottling: false,
  };
}

/**
 * The options every `new BrowserWindow` of the app is given through (a test over main/ checks there is no
 * other): `REQUIRED_WEB_PREFERENCES` win over whatever the caller set, and Blink features named by the caller
 * are dropped.
 */
export function withSecureWebPreferences(options: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
  const { enableBlinkFeatures: _features, ...rest } = options.webPreferences ?? {};
  return { ...options, webPreferences: { ...rest, ...REQUIRED_WEB_PREFERENCES } };
}

/** Sets the CSP on every response, replacing whatever a response carried (header names are case-insensitive). */
export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

/**
 * Permissions the app itself uses (spec/ui.md §9.5); everything else, including camera and geolocation, is refused.
 * `clipboard-sanitized-write` is what navigator.clipboard.writeText asks for: without it every copy button
 * (Account ID, recovery password, About lines, "Copy URL") fails in Electron. Writing only, after a click;
 * reading the clipboard stays refused. The microphone ('media', audio only) is decided by the Microphone
 * setting, see `isMediaAllowed`.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'fullscreen', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** What decides the permissions that follow a setting; read at each request, so a change applies at once. */
export interface PermissionPolicy {
  /** The Microphone setting (spec/ui.md §6.2): voice messages may record. */
  microphone: () => boolean;
}

/** Nothing follows a setting: the policy before the settings are readable (and for any other session). */
export const DENY_ALL_POLICY: PermissionPolicy = { microphone: () => false };

/**
 * A 'media' request is allowed only for audio (never video or screen capture) and only while the
 * Microphone setting is on. Electron names what is asked in `mediaTypes` (requests) or `mediaType`
 * (checks); a request that names nothing is refused.
 */
export function isMediaAllowed(policy: PermissionPolicy, details: { mediaTypes?: readonly string[]; mediaType?: string } | undefined): boolean {
  const types = details?.mediaTypes ?? (details?.mediaType !== undefined ? [details.mediaType] : []);
  if (types.length === 0 || types.some((t) => t !== 'audio')) return false;
  return policy.microphone();
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Denies permission requests and checks by default: device access (USB, HID, serial) always; the
 * microphone as `policy` says.
 */
export function denyPermissionsByDefault(session: PermissionSession, policy: PermissionPolicy = DENY_ALL_POLICY): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === 'media' ? isMediaAllowed(policy, details as { mediaTypes?: string[] } | undefined) : isPermissionAllowed(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permission === 'media' ? isMediaAllowed(policy, details as { mediaType?: string } | undefined) : isPermissionAllowed(permission),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Only web links may leave the app, and only to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export type OpenExternalRequest = (url: string) => void;

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The app window never navigates away from its bundle and never opens windows. A web link the user
 * follows is handed to `requestOpenExternal`, which asks before opening the system browser.
 */
export function blockNavigationAndPopups(contents: GuardedContents, requestOpenExternal: OpenExternalRequest): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (isExternalWebUrl(event.url)) requestOpenExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  // Frames are refused by the CSP (frame-src 'none'); should one exist anyway, it navigates nowhere either.
  // The main frame's navigations are left to 'will-navigate' (Electron emits this event first: refusing
  // them here would skip the "Open URL" confirmation there).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) requestOpenExternal(url);
    return { action: 'deny' };
  });
}
