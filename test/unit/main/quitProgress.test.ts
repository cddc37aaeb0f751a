// The quit-time wait for queued messages as the user sees it: the title and tooltip text (with its plural),
// the taskbar/dock value per platform, and a display that is cleared once and stays cleared.
import { createQuitProgress, NO_PROGRESS, quitProgressText, quitProgressTitle, quitProgressValue, type QuitProgressWindow } from '../../../main/quitProgress';

describe('quit progress', () => {
  it('says how many messages are still being sent, singular and plural', () => {
    expect(quitProgressText(1)).toBe('sending 1 queued message before quitting…');
    expect(quitProgressText(2)).toBe('sending 2 queued messages before quitting…');
    expect(quitProgressTitle('Session - testnet', 12)).toBe('Session - testnet – sending 12 queued messages before quitting…');
  });

  it('is indeterminate on Windows and the share of the bound waited elsewhere, within 0..1', () => {
    expect(quitProgressValue('win32', 0, 10_000)).toBeGreaterThan(1);
    expect(quitProgressValue('linux', 2_500, 10_000)).toBe(0.25);
    expect(quitProgressValue('darwin', 0, 10_000)).toBe(0);
    expect(quitProgressValue('darwin', 12_000, 10_000)).toBe(1);
    expect(quitProgressValue('linux', -5, 10_000)).toBe(0);
    expect(quitProgressValue('linux', 5, 0)).toBe(1);
  });

  it('shows while something is pending, clears when the count reaches 0 or the wait is over, and stays cleared', () => {
    let title = 'Session';
    let bar = NO_PROGRESS;
    let destroyed = false;
    const win: QuitProgressWindow = { isDestroyed: () => destroyed, setTitle: (t) => (title = t), setProgressBar: (p) => (bar = p) };
    const status: Array<string | null> = [];
    const progress = createQuitProgress({ window: () => win, tray: { setStatus: (t) => status.push(t) }, baseTitle: 'Session', drainMs: 1_000, platform: 'linux' });
    progress.update(2, 500);
    expect([title, bar]).toEqual(['Session – sending 2 queued messages before quitting…', 0.5]);
    progress.update(0, 600);
    expect([title, bar]).toEqual(['Session', NO_PROGRESS]);
    progress.update(1, 700);
    expect(title).toBe('Session – sending 1 queued message before quitting…');
    progress.done();
    expect([title, bar]).toEqual(['Session', NO_PROGRESS]);
    progress.update(1, 900);
    expect([title, bar]).toEqual(['Session', NO_PROGRESS]);
    expect(status).toEqual(['Session – sending 2 queued messages before quitting…', null, 'Session – sending 1 queued message before quitting…', null]);
    // A window gone meanwhile is not touched.
    destroyed = true;
    const late = createQuitProgress({ window: () => win, baseTitle: 'Session', drainMs: 1_000, platform: 'linux' });
    late.update(3, 0);
    late.done();
    expect(title).toBe('Session');
  });
});
