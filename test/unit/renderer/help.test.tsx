// Settings ▸ Help (spec/ui.md §6.10) and About (§1.1 item 3), as a user meets them: the Help row on the
// settings home, every link through the "Open URL" confirmation with its exact address, Export Logs
// (a download in the web host whose file starts with the application-info block; the Save dialog's
// outcome in Electron), the About dialog, and the About page of Electron's own window.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import type { AppInfo } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { AboutWindow, parseAboutParams } from '../../../ts/renderer/components/about/AboutWindow';
import { en } from '../../../ts/renderer/locales/en';
import { flush, installTextEncoder, mountApp, unmountApp } from './appHarness';
import { FakeApi, TEST_COMMIT, TEST_INFO } from './fakeApi';

jest.setTimeout(30_000);
installTextEncoder();

const writeText = jest.fn(async (_text: string) => {});

beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
});

afterEach(() => {
  unmountApp();
  Reflect.deleteProperty(navigator, 'clipboard');
  document.documentElement.removeAttribute('style');
  document.documentElement.removeAttribute('data-theme');
});

async function openHelp(info: Partial<AppInfo> = {}, setup: (api: FakeApi) => void = () => undefined): Promise<FakeApi> {
  const api = new FakeApi();
  api.info = { ...TEST_INFO, ...info };
  setup(api);
  await mountApp(api);
  fireEvent.click(screen.getByTestId('open-settings'));
  await screen.findByTestId('profile');
  fireEvent.click(screen.getByTestId('settings-nav-help'));
  await screen.findByTestId('settings-page-help');
  return api;
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** Captures downloads: the blob handed to createObjectURL and the link the page clicks. */
function captureDownloads() {
  const blobs = new Map<string, Blob>();
  const clicked: Array<{ href: string; download: string; inDocument: boolean }> = [];
  let n = 0;
  const create = jest.fn((blob: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob);
    return url;
  });
  const revoke = jest.fn();
  Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
  });
  return {
    blobs,
    clicked,
    restore: () => {
      click.mockRestore();
      Reflect.deleteProperty(URL, 'createObjectURL');
      Reflect.deleteProperty(URL, 'revokeObjectURL');
    },
  };
}

describe('settings home', () => {
  it('lists Help after Recovery Password and before Clear Data, with the page title "Help"', async () => {
    await openHelp();
    expect(screen.getByRole('dialog', { name: en.helpTitle })).toBeTruthy();
    fireEvent.click(screen.getByTestId('modal-back'));
    await screen.findByTestId('profile');
    const ids = Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="settings-nav-"]')).map((e) => e.dataset.testid);
    expect(ids.slice(-3)).toEqual(['settings-nav-recovery-password', 'settings-nav-help', 'settings-nav-clear-data']);
  });
});

describe('Help page', () => {
  it('shows Report a Bug with its explanation and Export Logs, and the Links section', async () => {
    await openHelp();
    const page = screen.getByTestId('settings-page-help');
    expect(within(page).getByText(en.helpLogs)).toBeTruthy();
    expect(within(page).getByText(en.helpReportBug)).toBeTruthy();
    expect(within(page).getByText('Save this file, then share it with Session developers.')).toBeTruthy();
    const button = within(page).getByRole('button', { name: en.helpExportLogs });
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(en.helpReportBugDesc);
    expect(within(page).getByText(en.helpLinks)).toBeTruthy();
    expect(within(page).getByText('Help translate Session into over 80 languages!')).toBeTruthy();
    // No release notes: the project publishes none.
    expect(page.textContent).not.toMatch(/Release Notes/i);
  });

  it.each([
    ['faq', 'FAQ', 'https://getsession.org/faq'],
    ['translate', 'Translate', 'https://getsession.org/translate'],
    ['feedback', 'Feedback', 'https://getsession.org/survey'],
    ['support', 'Support', 'https://getsession.org/support'],
  ])('"%s" opens %s only after the Open URL confirmation, with %s', async (id, label, url) => {
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
    try {
      await openHelp();
      const row = screen.getByTestId(`help-link-${id}`);
      expect(row.textContent).toContain(label);
      fireEvent.click(row);
      expect(opened).not.toHaveBeenCalled();
      const dialog = await screen.findByTestId('open-url-dialog');
      expect(within(dialog).getByTestId('open-url-target').textContent).toBe(url);
      fireEvent.click(within(dialog).getByRole('button', { name: en.openUrlOpen }));
      expect(opened).toHaveBeenCalledWith(url, '_blank', 'noopener,noreferrer');
      // Back on the Help page, where the user was.
      expect(screen.queryByTestId('open-url-dialog')).toBeNull();
      expect(screen.getByTestId('settings-page-help')).toBeTruthy();
    } finally {
      opened.mockRestore();
    }
  });

  it('in Electron a Help link goes straight to the main process, which asks (no second, in-page confirmation)', async () => {
    const opened = jest.spyOn(window, 'open').mockImplementation(() => null);
    try {
      await openHelp({ host: 'electron' });
      fireEvent.click(screen.getByTestId('help-link-faq'));
      expect(opened).toHaveBeenCalledWith('https://getsession.org/faq', '_blank', 'noopener,noreferrer');
      expect(screen.queryByTestId('open-url-dialog')).toBeNull();
      // The in-page About dialog's links too.
      fireEvent.click(screen.getByTestId('help-about'));
      fireEvent.click(await screen.findByTestId('about-link-website'));
      expect(opened).toHaveBeenLastCalledWith('https://getsession.org', '_blank', 'noopener,noreferrer');
      expect(screen.queryByTestId('open-url-dialog')).toBeNull();
    } finally {
      opened.mockRestore();
    }
  });

  it('the page opens external links in one place only (the hook every link uses)', () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const path = jest.requireActual<typeof import('node:path')>('node:path');
    const root = path.join(__dirname, '..', '..', '..', 'ts', 'renderer');
    const callers: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(e.name) && /window\.open\s*\(|\.openExternal\s*\(|location\.(href|assign|replace)\s*[=(]/.test(fs.readFileSync(file, 'utf8'))) callers.push(path.relative(root, file));
      }
    };
    walk(root);
    expect(callers).toEqual([path.join('hooks', 'useOpenExternalLink.ts')]);
  });

  it('Export Logs (web host) downloads session_debug_<time>.txt starting with the application-info block, then the log', async () => {
    const downloads = captureDownloads();
    try {
      const api = await openHelp({ host: 'web' });
      fireEvent.click(screen.getByTestId('help-export-logs'));
      await flush();
      expect(api.callsOf('app.exportDebugLog').map((c) => c.params)).toEqual([{ userAgent: navigator.userAgent }]);
      expect(downloads.clicked).toEqual([{ href: 'blob:test/1', download: 'session_debug_2026-12-02T03-04-05.678Z.txt', inDocument: true }]);
      expect(document.querySelector('a[download]')).toBeNull(); // the helper link is gone again
      const blob = downloads.blobs.get('blob:test/1')!;
      expect(blob.type).toBe('text/plain;charset=utf-8');
      const text = await readBlob(blob);
      expect(text.startsWith(
        [
          'Session debug log',
          'Exported: 2026-12-02T03:04:05.678Z',
          'Version: 0.1.0-test',
          `Commit: ${TEST_COMMIT}`,
          'System: Linux 6.1.0 (linux), x64',
          'Node.js: 22.1.0',
          `User agent: ${navigator.userAgent}`,
          'Host: web',
          'Network: testnet',
          '',
          '--- log, oldest first ---',
          '',
        ].join('\n'),
      )).toBe(true);
      expect(text.endsWith('INFO backend: opened testnet/default (web)\n')).toBe(true);
      expect(await screen.findByText(en.helpLogDownloaded.replace('{fileName}', 'session_debug_2026-12-02T03-04-05.678Z.txt'))).toBeTruthy();
      expect(screen.getByTestId('help-export-logs').hasAttribute('disabled')).toBe(false);
    } finally {
      downloads.restore();
    }
  });

  it('Export Logs in Electron reports where the Save dialog put the file, and downloads nothing', async () => {
    const downloads = captureDownloads();
    try {
      const api = await openHelp({ host: 'electron' }, (a) => {
        a.debugLogOutcome = { outcome: 'saved', path: '/home/user/Desktop/session_debug.txt' };
      });
      fireEvent.click(screen.getByTestId('help-export-logs'));
      expect(await screen.findByText('Debug log saved to /home/user/Desktop/session_debug.txt')).toBeTruthy();
      // Cancelled: nothing to say.
      api.debugLogOutcome = { outcome: 'cancelled' };
      fireEvent.click(screen.getByTestId('help-export-logs'));
      await flush();
      expect(api.callsOf('app.exportDebugLog')).toHaveLength(2);
      expect(downloads.clicked).toEqual([]);
    } finally {
      downloads.restore();
    }
  });

  it('says so when the export fails, and the button works again', async () => {
    const api = await openHelp({}, (a) => {
      a.failHelp = new IpcError('internal', 'The disk is full.');
    });
    fireEvent.click(screen.getByTestId('help-export-logs'));
    expect(await screen.findByText('Could not export the debug log: The disk is full.')).toBeTruthy();
    expect(screen.getByTestId('help-export-logs').hasAttribute('disabled')).toBe(false);
    expect(api.callsOf('app.exportDebugLog')).toHaveLength(1);
    api.failHelp = null;
    const downloads = captureDownloads();
    try {
      fireEvent.click(screen.getByTestId('help-export-logs'));
      await flush();
      expect(downloads.clicked).toHaveLength(1);
    } finally {
      downloads.restore();
    }
  });
});

describe('About dialog (web host)', () => {
  it('shows the brand, click-to-copy version, system and commit lines, and links through the Open URL confirmation', async () => {
    await openHelp();
    fireEvent.click(screen.getByTestId('help-about'));
    const dialog = await screen.findByTestId('about-modal');
    await within(dialog).findByTestId('about-view');
    expect(within(dialog).getByTestId('brand-mark')).toBeTruthy();
    expect(within(dialog).getByText('Session')).toBeTruthy();
    expect(within(dialog).getByTestId('about-version').textContent).toBe('Version 0.1.0-test');
    expect(within(dialog).getByTestId('about-system').textContent).toBe('System Information: Linux 6.1.0 (linux), x64, Node.js 22.1.0');
    expect(within(dialog).getByTestId('about-commit').textContent).toBe(`Commit Hash: ${TEST_COMMIT}`);
    expect(within(dialog).getByTestId('about-network').textContent).toBe('Network: testnet');
    expect(dialog.textContent).not.toMatch(/Release Notes/i);

    fireEvent.click(within(dialog).getByTestId('about-commit'));
    await flush();
    expect(writeText).toHaveBeenCalledWith(`Commit Hash: ${TEST_COMMIT}`);
    expect(await screen.findByText(en.copied)).toBeTruthy();

    const expected: Array<[string, string]> = [
      ['about-link-website', 'https://getsession.org'],
      ['about-link-privacy', 'https://getsession.org/privacy-policy'],
      ['about-link-terms', 'https://getsession.org/terms-of-service'],
    ];
    for (const [testId, url] of expected) {
      fireEvent.click(await screen.findByTestId(testId));
      const confirm = await screen.findByTestId('open-url-dialog');
      expect(within(confirm).getByTestId('open-url-target').textContent).toBe(url);
      fireEvent.click(within(confirm).getByTestId('modal-close'));
      await screen.findByTestId('about-modal');
    }
  });

  it('leaves out the commit line when the build recorded none, and the network line on mainnet', async () => {
    await openHelp({ network: 'mainnet' }, (a) => {
      a.commitHash = undefined;
    });
    fireEvent.click(screen.getByTestId('help-about'));
    await screen.findByTestId('about-view');
    expect(screen.queryByTestId('about-commit')).toBeNull();
    expect(screen.queryByTestId('about-network')).toBeNull();
    expect(screen.getByTestId('about-version').textContent).toBe('Version 0.1.0-test');
  });

  it('says why when the app information cannot be loaded', async () => {
    await openHelp({}, (a) => {
      a.failHelp = new IpcError('unavailable', 'The app is shutting down.');
    });
    fireEvent.click(screen.getByTestId('help-about'));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the app information: The app is shutting down.');
  });
});

describe("About page of Electron's About window", () => {
  const search =
    '?view=about&name=Session+TS&version=1.2.3&system=Linux+6.1.0+(linux)%2C+x64%2C+Node.js+22.1.0%2C+Electron+40.0.0' +
    `&commit=${TEST_COMMIT}&network=mainnet&theme=ocean-light&accent=purple`;

  it('reads what it shows from its URL, in the theme it names, and copies a line on click', async () => {
    const params = parseAboutParams(search);
    expect(params).toEqual({
      info: {
        name: 'Session TS',
        version: '1.2.3',
        systemInformation: 'Linux 6.1.0 (linux), x64, Node.js 22.1.0, Electron 40.0.0',
        commitHash: TEST_COMMIT,
        network: 'mainnet',
      },
      theme: 'ocean-light',
      accent: 'purple',
    });
    const openLink = jest.fn();
    render(<AboutWindow params={params} openLink={openLink} />);
    expect(document.documentElement.dataset.theme).toBe('ocean-light');
    expect(document.documentElement.style.getPropertyValue('--primary-color')).not.toBe('');
    expect(document.title).toBe('About Session TS');
    expect(screen.getByTestId('about-version').textContent).toBe('Version 1.2.3');
    fireEvent.click(screen.getByTestId('about-system'));
    await flush();
    expect(writeText).toHaveBeenCalledWith('System Information: Linux 6.1.0 (linux), x64, Node.js 22.1.0, Electron 40.0.0');
    expect(screen.getByTestId('about-status').textContent).toBe(en.copied);
    fireEvent.click(screen.getByTestId('about-link-terms'));
    expect(openLink).toHaveBeenCalledWith('https://getsession.org/terms-of-service');
  });

  it('tells the user when copying is not possible', async () => {
    writeText.mockRejectedValueOnce(new Error('denied'));
    render(<AboutWindow params={parseAboutParams(search)} openLink={jest.fn()} />);
    fireEvent.click(screen.getByTestId('about-version'));
    await flush();
    expect(screen.getByTestId('about-status').textContent).toBe(en.copyFailed);
  });

  it('falls back to safe defaults for unknown or missing values', () => {
    expect(parseAboutParams('?view=about&theme=<script>&accent=nope&network=evil')).toEqual({
      info: { name: 'Session', version: '', systemInformation: '', network: 'mainnet' },
      theme: 'classic-dark',
      accent: 'green',
    });
  });
});

describe('accessible names', () => {
  const NAME_RULES = ['button-name', 'link-name', 'aria-dialog-name', 'svg-img-alt', 'role-img-alt', 'aria-allowed-attr', 'aria-valid-attr-value'];
  const audit = async (where: string) => {
    const result = await axe.run(document.body, { runOnly: { type: 'rule', values: NAME_RULES } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')}`));
  };

  it('names every control of the Help page, the About dialog and the About window', async () => {
    await openHelp();
    const problems = await audit('help');
    fireEvent.click(screen.getByTestId('help-about'));
    await screen.findByTestId('about-view');
    problems.push(...(await audit('about dialog')));
    cleanup();
    render(<AboutWindow params={parseAboutParams('?view=about&version=1')} openLink={jest.fn()} />);
    problems.push(...(await audit('about window')));
    expect(problems).toEqual([]);
  });
});
