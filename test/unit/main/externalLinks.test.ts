// External links: the Open URL confirmation decides; only http(s) URLs are ever offered.
import { confirmAndOpenExternal, openUrlDialogOptions, type ExternalLinkDeps } from '../../../main/externalLinks';
import { isExternalWebUrl } from '../../../main/security';

function deps(response: number): ExternalLinkDeps & { opened: string[]; copied: string[] } {
  const opened: string[] = [];
  const copied: string[] = [];
  return {
    dialog: { showMessageBox: jest.fn(async () => ({ response, checkboxChecked: false })) } as unknown as ExternalLinkDeps['dialog'],
    shell: { openExternal: async (url: string) => void opened.push(url) },
    clipboard: { writeText: (text: string) => void copied.push(text) },
    parentWindow: () => null,
    log: jest.fn(),
    opened,
    copied,
  };
}

describe('external links', () => {
  it('opens the URL only when the user picks Open', async () => {
    const d = deps(0);
    await expect(confirmAndOpenExternal('https://getsession.org/', d)).resolves.toBe('opened');
    expect(d.opened).toEqual(['https://getsession.org/']);
    expect(d.dialog.showMessageBox).toHaveBeenCalledWith(openUrlDialogOptions('https://getsession.org/'));
  });

  it('copies the URL on Copy URL and does nothing on Cancel', async () => {
    const copy = deps(1);
    await expect(confirmAndOpenExternal('https://getsession.org/', copy)).resolves.toBe('copied');
    expect(copy.copied).toEqual(['https://getsession.org/']);
    expect(copy.opened).toEqual([]);
    const cancel = deps(2);
    await expect(confirmAndOpenExternal('https://getsession.org/', cancel)).resolves.toBe('cancelled');
    expect(cancel.opened).toEqual([]);
  });

  it('refuses other schemes without asking, and logs only the scheme', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      const d = deps(0);
      await expect(confirmAndOpenExternal(url, d)).resolves.toBe('refused');
      expect(d.dialog.showMessageBox).not.toHaveBeenCalled();
      expect(d.opened).toEqual([]);
      expect(String((d.log as jest.Mock).mock.calls[0]![0])).not.toContain('passwd');
    }
  });

  it('refuses a URL with a user or password before its host, without asking', async () => {
    for (const url of ['https://getsession.org@evil.test/', 'https://user:pw@getsession.org/']) {
      const d = deps(0);
      await expect(confirmAndOpenExternal(url, d)).resolves.toBe('refused');
      expect(d.dialog.showMessageBox).not.toHaveBeenCalled();
      expect(d.opened).toEqual([]);
      expect(String((d.log as jest.Mock).mock.calls[0]![0])).not.toContain('evil');
    }
  });

  it('shows and opens the same, parsed URL (a host in capitals, a space or a line break cannot hide anything)', async () => {
    const d = deps(0);
    await expect(confirmAndOpenExternal('HTTPS://GetSession.ORG/a b\n/c', d)).resolves.toBe('opened');
    expect(d.dialog.showMessageBox).toHaveBeenCalledWith(openUrlDialogOptions('https://getsession.org/a%20b/c'));
    expect(d.opened).toEqual(['https://getsession.org/a%20b/c']);
  });

  it('the dialog defaults to Cancel and shows the URL', () => {
    const o = openUrlDialogOptions('https://x.test/a');
    expect(o.buttons).toEqual(['Open', 'Copy URL', 'Cancel']);
    expect(o.cancelId).toBe(2);
    expect(o.defaultId).toBe(2);
    expect(o.detail).toBe('https://x.test/a');
    expect(o.message).toBe('Are you sure you want to open this URL in your browser?');
  });

  it('knows what a web URL is', () => {
    expect(isExternalWebUrl('http://a.test')).toBe(true);
    expect(isExternalWebUrl('HTTPS://A.TEST/')).toBe(true);
    expect(isExternalWebUrl('file:///x')).toBe(false);
    expect(isExternalWebUrl('')).toBe(false);
  });
});
