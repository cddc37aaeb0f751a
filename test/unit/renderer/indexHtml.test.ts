// The Electron page shell: strict CSP, the stylesheet and the bundle, a #root to mount into, and a
// Classic Dark first paint.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const html = fs.readFileSync(path.join(ROOT, 'ts/renderer/index.html'), 'utf8');

it('declares the strict content security policy', () => {
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  // The same policy the Electron host sends as a header (test/unit/main/app.test.ts checks they are equal).
  expect(csp).toBe(
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob: data:; font-src 'self' data:; connect-src 'self' blob:; worker-src 'none'; child-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  // No inline script could run under that policy anyway; keep the page free of them.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

it('loads the stylesheet, then mounts renderer.js into #root', () => {
  expect(html).toContain('<link rel="stylesheet" href="stylesheets/app.css" />');
  expect(html).toContain('<div id="root"></div>');
  expect(html.indexOf('id="root"')).toBeLessThan(html.indexOf('<script src="renderer.js"></script>'));
});

it('paints Classic Dark before the app has loaded', () => {
  const css = fs.readFileSync(path.join(ROOT, 'stylesheets/app.css'), 'utf8');
  expect(css).toMatch(/--background-primary-color:\s*#1b1b1b/i);
  expect(css).toMatch(/body\s*{[^}]*background:\s*var\(--background-primary-color\)/);
});
