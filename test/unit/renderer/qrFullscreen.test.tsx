// Full-screen QR codes (spec/ui.md §6.1, §6.8) in jsdom against the fake API: the Account ID code and the
// recovery-password code open full screen on click; Esc, a click or the close button close only the view
// (the settings stay open) and focus goes back to the code; "Save" downloads the Account ID code as the
// PNG of qrPng, and the recovery-password code offers no Save.
import { act, fireEvent, screen, within } from '@testing-library/react';
import QRCode from 'qrcode';
import { en } from '../../../ts/renderer/locales/en';
import { qrPng } from '../../../ts/renderer/components/settings/qrPng';
import { installTextEncoder, mountApp, unmountApp } from './appHarness';
import { FakeApi, TEST_ACCOUNT } from './fakeApi';

jest.setTimeout(30_000);
installTextEncoder();


afterEach(() => {
  unmountApp();
  jest.restoreAllMocks();
});

async function mount(api = new FakeApi()) {
  await mountApp(api);
  fireEvent.click(screen.getByTestId('open-settings'));
  await screen.findByTestId('profile');
  return api;
}

async function openAccountQr() {
  fireEvent.click(screen.getByTestId('account-qr-toggle'));
  const code = screen.getByTestId('account-qr-open');
  fireEvent.click(code);
  return { code, view: await screen.findByTestId('qr-fullscreen') };
}

describe('full-screen QR codes', () => {
  it('shows the Account ID code full screen; Esc closes only the view and focus returns to the code', async () => {
    await mount();
    const { code, view } = await openAccountQr();
    expect(code.getAttribute('aria-haspopup')).toBe('dialog');
    expect(view.getAttribute('role')).toBe('dialog');
    expect(view.getAttribute('aria-modal')).toBe('true');
    expect(view.getAttribute('aria-label')).toBe(en.settingsAccountQr);
    const big = within(view).getByTestId('qr-fullscreen-code');
    expect(Number(big.dataset.modules)).toBe(QRCode.create(TEST_ACCOUNT.sessionId, { errorCorrectionLevel: 'M' }).modules.size);
    // Focus moves into the view, on its first button (Save).
    expect(document.activeElement).toBe(within(view).getByTestId('qr-save'));

    // Tab stays inside the view: back from the first button to the last, on from the last to the first.
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(within(view).getByTestId('qr-fullscreen-close'));
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(within(view).getByTestId('qr-save'));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('qr-fullscreen')).toBeNull();
    expect(screen.getByTestId('settings-modal')).toBeTruthy();
    expect(document.activeElement).toBe(code);
  });

  it('closes with a click anywhere on the view and with its close button, but not when Save is clicked', async () => {
    await mount();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:qr'), revokeObjectURL: jest.fn() });
    let { view } = await openAccountQr();
    fireEvent.click(within(view).getByTestId('qr-fullscreen-code'));
    expect(screen.queryByTestId('qr-fullscreen')).toBeNull();

    fireEvent.click(screen.getByTestId('account-qr-open'));
    view = await screen.findByTestId('qr-fullscreen');
    fireEvent.click(within(view).getByTestId('qr-save'));
    expect(screen.getByTestId('qr-fullscreen')).toBeTruthy();
    fireEvent.click(within(view).getByRole('button', { name: en.qrFullscreenClose }));
    expect(screen.queryByTestId('qr-fullscreen')).toBeNull();
    expect(screen.getByTestId('settings-modal')).toBeTruthy();
  });

  it('saves the Account ID code as a PNG file', async () => {
    await mount();
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((b: Blob) => {
        blobs.push(b);
        return 'blob:qr-code';
      }),
      revokeObjectURL: jest.fn(),
    });
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { view } = await openAccountQr();
    const save = within(view).getByRole('button', { name: en.qrSaveAccountId });
    expect(save.textContent).toBe('Save');
    fireEvent.click(save);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe(`session-account-id-${TEST_ACCOUNT.sessionId.slice(0, 8)}.png`);
    expect(clicked[0]!.getAttribute('href')).toBe('blob:qr-code');
    // The link was only there for the click.
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('image/png');
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blobs[0]!);
    });
    expect(Buffer.from(bytes).equals(Buffer.from(qrPng(TEST_ACCOUNT.sessionId)))).toBe(true);
  });

  it('shows the recovery-password code full screen, without Save', async () => {
    const api = await mount();
    fireEvent.click(screen.getByTestId('settings-nav-recovery-password'));
    fireEvent.click(await screen.findByTestId('recovery-reveal'));
    fireEvent.click(screen.getByTestId('recovery-reveal-confirm'));
    await screen.findByTestId('recovery-words');
    fireEvent.click(screen.getByTestId('recovery-qr-toggle'));
    const code = screen.getByTestId('recovery-qr-open');
    fireEvent.click(code);
    const view = await screen.findByTestId('qr-fullscreen');
    expect(view.getAttribute('aria-label')).toBe(en.recoveryPasswordQr);
    expect(Number(within(view).getByTestId('qr-fullscreen-code').dataset.modules)).toBe(
      QRCode.create(api.recoveryPassword, { errorCorrectionLevel: 'M' }).modules.size,
    );
    expect(within(view).queryByTestId('qr-save')).toBeNull();
    expect(document.activeElement).toBe(within(view).getByTestId('qr-fullscreen-close'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('qr-fullscreen')).toBeNull();
    // The revealed code is still there: closing the view did not close or reset the page.
    expect(screen.getByTestId('recovery-qr')).toBeTruthy();
    expect(document.activeElement).toBe(code);
    await act(async () => undefined);
  });
});
