// A generated bench profile (tools/bench/profile) in real Chromium through the web host, as
// `npm run web -- --data-dir DIR` opens it: the conversation list shows its contacts by name, pinned ones
// first, with the unread counts the generator left; the busiest conversation opens on its newest message;
// the search box finds the profile's rare word.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import type { GeneratedProfile, ProfileSpec } from '../../tools/bench/profile/api';
import { ensureProfile } from '../../tools/bench/profile/generate';
import { planHistory } from '../../tools/bench/profile/plan';
import { CHROMIUM_ARGS, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(90_000);

const SPEC: ProfileSpec = { messages: 2_000, conversations: 20, seed: 11 };

let tmp: string;
let profile: GeneratedProfile;
let host: WebHost;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  requireRendererBundle();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-bench-profile-'));
  profile = await ensureProfile(SPEC, { cacheDir: path.join(tmp, 'data') });
  // The web host's defaults (mainnet folder, default profile), the network left off.
  host = await startWebHost({ dataDir: profile.dataDir, staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it('shows the generated conversations, opens the busiest on its newest message and searches it', async () => {
  await page.goto(host.url);
  await page.getByTestId('app-shell').waitFor();
  const rows = page.getByTestId('conversation-row');
  await rows.first().waitFor();
  const summaries = await host.backend.handlers['conversations.list']({});
  expect(summaries).toHaveLength(SPEC.conversations);
  // The rows on screen are the list's first ones, in its order (pinned first), each named.
  const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
  expect(shown.length).toBeGreaterThanOrEqual(5);
  expect(shown).toEqual(summaries.slice(0, shown.length).map((c) => c.id));
  for (const c of summaries.slice(0, shown.length)) {
    const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${c.id}"]`);
    expect(await row.textContent()).toContain(c.name as string);
  }
  // Unread badges: exactly the shown conversations the generator left unread, with their counts.
  const plan = planHistory(SPEC);
  const unreadShown = shown.filter((id) => (plan.conversations[profile.conversationIds.indexOf(id as string)]?.unread ?? 0) > 0);
  expect(unreadShown.length).toBeGreaterThan(0);
  expect(unreadShown.length).toBeLessThan(shown.length);
  for (const id of shown) {
    const unread = plan.conversations[profile.conversationIds.indexOf(id as string)]?.unread ?? -1;
    const badge = page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"] [data-testid="row-unread"]`);
    if (unread > 0) expect(await badge.textContent()).toBe(String(unread));
    else expect(await badge.count()).toBe(0);
  }

  // The busiest conversation opens on its newest message.
  const busiest = profile.conversationIds[0] as string;
  const last = summaries.find((c) => c.id === busiest)?.lastMessage;
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${busiest}"]`).click();
  await page.locator(`[data-testid="message"][data-id="${last?.id}"]`).waitFor();

  // The rare word is found from the search box.
  await page.getByRole('searchbox', { name: 'Search' }).fill(profile.searchTerms.rare);
  const hit = page.getByTestId('search-message');
  await hit.first().waitFor();
  expect(await hit.first().locator('mark').first().textContent()).toMatch(new RegExp(profile.searchTerms.rare, 'i'));
  expect(errors).toEqual([]);
});
