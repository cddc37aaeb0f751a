// Shared pieces of the Chromium end-to-end tests: where the bundles and artifacts live, the
// browser flags, getting a page past onboarding into the inbox, the accessibility audit, screenshots
// per theme (and locale), seams for web notifications and window focus, a devnet whose store tests can
// read, and a stopped host's database opened directly.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DATABASE_FILE } from '../../ts/backend';
import { openEncryptedDatabase } from '../../ts/backend/db/database';
import { loadOrCreateDatabaseKey } from '../../ts/backend/keyFile';
import type { WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';

export const ROOT = path.resolve(__dirname, '../..');
export const STATIC_DIR = path.join(ROOT, 'build/renderer');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/e2e');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails at once, saying how to build it, when the renderer bundle the web host serves is missing. */
export function requireRendererBundle(): void {
  if (!fs.existsSync(path.join(STATIC_DIR, 'renderer.js'))) {
    throw new Error(`No renderer bundle in ${STATIC_DIR}: run \`node tools/build/build.mjs\` (npm run test:e2e does).`);
  }
}

/** A small devnet with short timeouts; its store is a file in `stateDir`, so a test can read what swarms hold. */
export function startStoredDevnet(stateDir: string): Promise<Devnet> {
  return startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, stateDir });
}

/** Opens a profile's database directly (with its key file, as the backend does), runs `fn` on it and
 * closes it. */
export function withProfileDatabase<T>(profileDir: string, fn: (db: ReturnType<typeof openEncryptedDatabase>) => T): T {
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: () => new Uint8Array(32) });
  const db = openEncryptedDatabase(path.join(profileDir, DATABASE_FILE), key);
  key.fill(0);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Creates an account through the onboarding screens of a page showing them. */
export async function createAccountInUi(page: Page, displayName: string): Promise<void> {
  await page.getByTestId('onboarding-create').click();
  await page.getByTestId('display-name-input').fill(displayName);
  await page.getByTestId('onboarding-continue').click();
  await page.getByTestId('app-shell').waitFor();
}

/**
 * Opens the host's tokenised URL and waits for the inbox (the first load has crossed the bridge),
 * creating an account through onboarding first when the profile has none.
 */
export async function openShell(page: Page, host: WebHost, displayName = 'Tester'): Promise<void> {
  await page.goto(host.url);
  await page.locator('[data-testid="app-shell"], [data-testid="onboarding-start"]').first().waitFor();
  if (await page.getByTestId('onboarding-start').count()) await createAccountInUi(page, displayName);
}

// ---------------------------------------------------------------------------------------------------
// Accessibility audit (axe-core)

/** Impacts that fail the audit (spec: no serious or critical violations on the main screens). */
export const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (the installed package's axe.min.js) in the page and returns its violations. The source
 * goes in through the DevTools protocol (page.evaluate), which the page's CSP does not govern, so the
 * page under test keeps its real policy.
 */
export async function runAxe(page: Page, options: { include?: string; exclude?: string[] } = {}): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (opts) => {
    interface AxeApi {
      run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }>;
    }
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const context = { include: [opts.include ?? 'html'], exclude: (opts.exclude ?? []).map((s) => [s]) };
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })),
    }));
  }, options);
}

/** One readable paragraph per violation: rule, impact, what it asks, and the first few offending elements. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `    - ${n.target.map(String).join(' > ')}: ${n.html.slice(0, 160)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
      const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
      return [`  ${v.id} (${v.impact ?? 'unknown'}): ${v.help} [${v.helpUrl}]`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}

/**
 * Fails with a readable list when the page (or `include`) has serious or critical accessibility
 * violations; returns the minor and moderate ones so a caller can report them.
 */
export async function expectAccessible(page: Page, screen: string, options: { include?: string; exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const violations = await runAxe(page, options);
  const failing = violations.filter((v) => v.impact !== null && FAILING_IMPACTS.has(v.impact));
  if (failing.length > 0) {
    throw new Error(`Accessibility audit of "${screen}": ${failing.length} serious or critical violation(s):\n${describeViolations(failing)}`);
  }
  return violations.filter((v) => !failing.includes(v));
}

// ---------------------------------------------------------------------------------------------------
// Screenshots in both themes (and right-to-left when the renderer has the pseudo-locale)

export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

export type ThemeVariant = 'dark' | 'light';
export const THEME_OF: Record<ThemeVariant, 'classic-dark' | 'classic-light'> = { dark: 'classic-dark', light: 'classic-light' };
/** The locale switch the renderer reads from its URL (`?locale=`); 'pseudo-rtl' mirrors the layout. */
export const RTL_LOCALE = 'pseudo-rtl';

export interface ScreenshotOptions {
  /** Themes to capture (default dark and light). */
  themes?: readonly ThemeVariant[];
  /** Also capture in this locale (e.g. RTL_LOCALE), when the renderer supports it. */
  locale?: string;
  /** Brings a freshly loaded page (same host, maybe another locale) back to the screen; needed for `locale`. */
  reopen?: (page: Page) => Promise<void>;
  /** Runs the accessibility audit on each variant too (default true). */
  audit?: boolean;
}

export interface ScreenshotResult {
  files: string[];
  /** Why a requested variant was not captured (e.g. the renderer has no such locale yet). */
  skipped: string[];
  /** Serious and critical audit findings per variant ("dark", "light-pseudo-rtl", …): these fail a test. */
  failing: Array<{ variant: string; violations: AxeViolation[] }>;
  /** Minor and moderate audit findings, for the log. */
  minorViolations: AxeViolation[];
}

/** The failing findings of a capture as one readable text (empty when there are none). */
export function describeFailing(screen: string, failing: ScreenshotResult['failing']): string {
  return failing.map((f) => `Accessibility audit of "${screen}" (${f.variant}):\n${describeViolations(f.violations)}`).join('\n');
}

/** Applies a theme through the backend (as the Appearance page does) and waits until the page shows it. */
export async function setTheme(page: Page, host: WebHost, theme: ThemeVariant): Promise<void> {
  await host.backend.handlers['settings.set']({ key: 'theme', value: THEME_OF[theme] });
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, THEME_OF[theme]);
  // Let colour transitions finish: a picture or a contrast check half-way between two themes means nothing.
  await settle(page);
}

/** Waits for two frames and for every running CSS transition and animation to end. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

/** The host URL with a `locale` parameter (or without one). */
export function urlWithLocale(host: WebHost, locale?: string): string {
  const url = new URL(host.url);
  if (locale) url.searchParams.set('locale', locale);
  else url.searchParams.delete('locale');
  return url.toString();
}

/**
 * Saves `<screen>-<theme>[-<locale>].png` under test-artifacts/screenshots (git-ignored) for each theme,
 * auditing each variant (findings are returned, not thrown: the caller asserts on `failing`); with `locale`, reloads the page in that locale, checks the renderer took it
 * (`<html dir="rtl">` for RTL_LOCALE) and captures it too, or records why it was skipped.
 */
export async function captureScreen(page: Page, host: WebHost, screen: string, options: ScreenshotOptions = {}): Promise<ScreenshotResult> {
  const result: ScreenshotResult = { files: [], skipped: [], failing: [], minorViolations: [] };
  const audit = options.audit ?? true;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Picture first, then the audit, so every picture exists even when a variant fails the audit.
  const shoot = async (suffix: string) => {
    await settle(page);
    const file = path.join(SCREENSHOTS, `${screen}-${suffix}.png`);
    await page.screenshot({ path: file });
    result.files.push(file);
    if (!audit) return;
    const violations = await runAxe(page);
    const failing = violations.filter((v) => v.impact !== null && FAILING_IMPACTS.has(v.impact));
    if (failing.length > 0) result.failing.push({ variant: suffix, violations: failing });
    result.minorViolations.push(...violations.filter((v) => !failing.includes(v)));
  };
  const themes = options.themes ?? ['dark', 'light'];
  for (const theme of themes) {
    await setTheme(page, host, theme);
    await shoot(theme);
  }
  if (options.locale) {
    if (!options.reopen) throw new Error(`captureScreen(${screen}): a locale needs reopen() to bring the reloaded page back to the screen`);
    await page.goto(urlWithLocale(host, options.locale));
    const took = await page.evaluate((l) => {
      const root = document.documentElement;
      return l === 'pseudo-rtl' ? root.dir === 'rtl' : root.lang === l;
    }, options.locale);
    if (!took) {
      result.skipped.push(`${screen}: the renderer does not support the "${options.locale}" locale yet`);
    } else {
      await options.reopen(page);
      for (const theme of themes) {
        await setTheme(page, host, theme);
        await shoot(`${theme}-${options.locale}`);
      }
    }
    // Back to the default locale for whatever the caller does next.
    await page.goto(urlWithLocale(host));
    await options.reopen(page);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Web notifications and window focus

export interface ShownNotification {
  title: string;
  body?: string;
  silent?: boolean;
  tag?: string;
}

/**
 * Replaces `window.Notification` in every document of the page with a recorder (permission granted),
 * so a test can count and read what the app would show, and click one. Install before `goto`.
 */
export async function installNotificationStub(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body?: string; silent?: boolean; tag?: string }> = [];
    const live: EventTarget[] = [];
    class RecordedNotification extends EventTarget {
      static permission: NotificationPermission = 'granted';
      static requestPermission(): Promise<NotificationPermission> {
        return Promise.resolve('granted');
      }
      onclick: ((this: RecordedNotification, ev: Event) => unknown) | null = null;
      onclose: ((this: RecordedNotification, ev: Event) => unknown) | null = null;
      readonly title: string;
      readonly body: string;
      readonly silent: boolean | null;
      readonly tag: string;
      constructor(title: string, options: NotificationOptions = {}) {
        super();
        this.title = title;
        this.body = options.body ?? '';
        this.silent = options.silent ?? null;
        this.tag = options.tag ?? '';
        shown.push({ title, ...(options.body !== undefined ? { body: options.body } : {}), ...(options.silent !== undefined && options.silent !== null ? { silent: options.silent } : {}), ...(options.tag ? { tag: options.tag } : {}) });
        live.push(this);
      }
      close(): void {
        const e = new Event('close');
        this.dispatchEvent(e);
        this.onclose?.call(this, e);
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true, writable: true });
    Object.defineProperty(window, '__sessionTestNotifications', {
      value: {
        shown,
        click(index: number) {
          const n = live[index] as RecordedNotification | undefined;
          if (!n) throw new Error(`no notification #${index}`);
          const e = new Event('click', { cancelable: true });
          n.dispatchEvent(e);
          n.onclick?.call(n, e);
        },
      },
    });
  });
}

interface NotificationRecorder {
  shown: ShownNotification[];
  click(index: number): void;
}

/** Notifications the page has constructed so far (needs installNotificationStub). */
export function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(() => (window as unknown as { __sessionTestNotifications: NotificationRecorder }).__sessionTestNotifications.shown.slice());
}

/** Waits until the page has constructed at least `count` notifications (needs installNotificationStub). */
export async function waitForNotifications(page: Page, count: number): Promise<ShownNotification[]> {
  await page.waitForFunction(
    (n) => (window as unknown as { __sessionTestNotifications: NotificationRecorder }).__sessionTestNotifications.shown.length >= n,
    count,
  );
  return shownNotifications(page);
}

/** Clicks the page's notification number `index`, as the user clicking it in the OS would. */
export function clickNotification(page: Page, index: number): Promise<void> {
  return page.evaluate((i) => (window as unknown as { __sessionTestNotifications: NotificationRecorder }).__sessionTestNotifications.click(i), index);
}

/**
 * The focus seam. Headless Chromium reports every page as focused, so the page's `document.hasFocus()`
 * is replaced by a switch the test controls, and flipping it fires `blur` / `focus` on `window` as a
 * real window would. The renderer must decide "is the user looking?" with `document.hasFocus()` when a
 * message arrives (and may clear its notification on window `focus`); then this seam drives it. Focus
 * emulation is switched on through CDP as well, so real focus changes between pages cannot interfere.
 * Install before `goto`; starts focused.
 */
export async function installFocusSeam(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await page.addInitScript(() => {
    let focused = true;
    Object.defineProperty(Document.prototype, 'hasFocus', {
      value: function hasFocus(): boolean {
        return focused;
      },
      configurable: true,
    });
    Object.defineProperty(window, '__sessionTestSetFocus', {
      value: (next: boolean) => {
        if (next === focused) return;
        focused = next;
        window.dispatchEvent(new FocusEvent(next ? 'focus' : 'blur'));
      },
    });
  });
}

/** Makes the page report focused or not focused (needs installFocusSeam). */
export function setPageFocused(page: Page, focused: boolean): Promise<void> {
  return page.evaluate((f) => (window as unknown as { __sessionTestSetFocus: (f: boolean) => void }).__sessionTestSetFocus(f), focused);
}
