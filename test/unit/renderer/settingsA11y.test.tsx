// Accessible names in the settings area: axe-core's naming rules on every settings page and dialog
// (jsdom cannot judge colour contrast or layout; the Chromium audit covers those).
import { act, fireEvent, screen } from '@testing-library/react';
import axe from 'axe-core';
import { installTextEncoder, mountApp, unmountApp } from './appHarness';
import { conversation, FakeApi, TEST_INFO } from './fakeApi';

jest.setTimeout(60_000);
installTextEncoder();

afterEach(() => {
  unmountApp();
});

const NAME_RULES = ['button-name', 'label', 'select-name', 'aria-toggle-field-name', 'aria-input-field-name', 'image-alt', 'svg-img-alt', 'aria-dialog-name', 'link-name', 'role-img-alt', 'aria-allowed-attr', 'aria-required-attr', 'aria-valid-attr-value'];

async function audit(where: string): Promise<string[]> {
  const result = await axe.run(document.body, { runOnly: { type: 'rule', values: NAME_RULES } });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')}`));
}

it('names every control on every settings page and dialog', async () => {
  const api = new FakeApi();
  api.info = { ...TEST_INFO, host: 'web' };
  api.account = { ...api.account!, showRecoveryBanner: true };
  api.conversations = [conversation('05' + 'b'.repeat(64), { name: 'Bob', isBlocked: true })];
  await mountApp(api);
  const problems: string[] = [...(await audit('inbox'))];
  fireEvent.click(screen.getByTestId('open-settings'));
  await screen.findByTestId('profile');
  fireEvent.click(screen.getByTestId('account-qr-toggle'));
  problems.push(...(await audit('home')));
  for (const page of ['notifications', 'conversations', 'appearance', 'preferences', 'recovery-password']) {
    fireEvent.click(screen.getByTestId(`settings-nav-${page}`));
    await screen.findByTestId(`settings-page-${page}`);
    if (page === 'recovery-password') {
      fireEvent.click(screen.getByTestId('recovery-reveal'));
      fireEvent.click(screen.getByTestId('recovery-reveal-confirm'));
      await screen.findByTestId('recovery-words');
      fireEvent.click(screen.getByTestId('recovery-qr-toggle'));
    }
    problems.push(...(await audit(page)));
    if (page === 'conversations') {
      fireEvent.click(screen.getByTestId('settings-nav-blocked-contacts'));
      await screen.findByTestId('blocked-list');
      problems.push(...(await audit('blocked-contacts')));
      fireEvent.click(screen.getByTestId('modal-back'));
    }
    fireEvent.click(screen.getByTestId('modal-back'));
    await screen.findByTestId('profile');
  }
  for (const [nav, dialog] of [
    ['profile-name', 'edit-profile'],
    ['settings-nav-clear-data', 'clear-data'],
  ] as const) {
    fireEvent.click(screen.getByTestId(nav));
    await screen.findByTestId(dialog);
    problems.push(...(await audit(dialog)));
    fireEvent.click(screen.getByTestId('modal-close'));
    await screen.findByTestId('profile');
  }
  fireEvent.click(screen.getByTestId('modal-close'));
  await act(async () => {
    fireEvent.keyDown(window, { key: '/', code: 'Slash', ctrlKey: true });
  });
  await screen.findByTestId('shortcuts-modal');
  problems.push(...(await audit('shortcuts')));
  expect(problems).toEqual([]);
});
