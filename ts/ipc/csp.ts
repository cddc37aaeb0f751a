// The renderer's Content-Security-Policy, shared by both hosts (Electron main and the web host) so they cannot
// drift apart; only where the page may connect differs. Pure strings: isomorphic like the rest of ts/ipc.

/**
 * The policy for the renderer page: only our own scripts, inline styles (styled-components injects <style>
 * elements), local images, media and fonts, no frames, workers, plugins or form posts, and connections only to
 * `connectSrc` (space-separated sources).
 */
export function rendererContentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "worker-src 'none'",
    "child-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
