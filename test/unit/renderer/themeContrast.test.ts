// Contrast of the theme tokens (WCAG 2.x, 4.5:1 for normal text) in all four themes and every accent:
// each text token against the backgrounds the renderer draws it on. The Chromium audit covers the
// Classic themes with the default accent on the screens it visits; this covers the rest of the palette.
import { ACCENT_NAMES, THEME_NAMES, themeVariables } from '../../../ts/renderer/theme/tokens';

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text token → the background tokens it is drawn on. */
const PAIRS: Record<string, string[]> = {
  '--text-primary-color': [
    '--background-primary-color',
    '--background-secondary-color',
    '--background-tertiary-color',
    '--modal-background-content-color',
    '--conversation-tab-background-selected-color',
  ],
  '--text-secondary-color': ['--background-primary-color', '--background-secondary-color', '--background-tertiary-color', '--modal-background-content-color'],
  '--text-secondary-on-hover-color': [
    '--conversation-tab-background-selected-color',
    '--conversation-tab-background-hover-color',
    '--chat-buttons-background-hover-color',
  ],
  '--renderer-span-primary-color': ['--background-primary-color', '--background-tertiary-color', '--modal-background-content-color'],
  '--button-outline-color': ['--background-primary-color', '--background-tertiary-color', '--modal-background-content-color'],
  '--danger-text-color': ['--background-primary-color', '--background-secondary-color', '--background-tertiary-color', '--modal-background-content-color'],
  // Hovered danger rows and menu items (context menus, settings "Clear Data", conversation settings'
  // destructive items) swap --danger-text-color for this token over their hover backgrounds.
  '--danger-text-on-hover-color': [
    '--conversation-tab-background-hover-color',
    '--conversation-tab-background-selected-color',
    '--chat-buttons-background-hover-color',
    '--modal-background-content-color',
    '--background-primary-color',
    '--background-tertiary-color',
  ],
  '--text-on-accent-color': ['--primary-color', '--danger-color'],
  // The jump-to-bottom button's unread count.
  '--jump-badge-text-color': ['--jump-badge-background-color'],
  '--message-bubble-outgoing-text-color': ['--message-bubble-outgoing-background-color'],
  '--message-bubble-incoming-text-color': ['--message-bubble-incoming-background-color'],
};

describe('theme token contrast', () => {
  const failures: string[] = [];
  for (const theme of THEME_NAMES) {
    for (const accent of ACCENT_NAMES) {
      const vars = themeVariables(theme, accent);
      for (const [text, backgrounds] of Object.entries(PAIRS)) {
        for (const bg of backgrounds) {
          const ratio = contrast(vars[text]!, vars[bg]!);
          if (ratio < 4.5) failures.push(`${theme}/${accent}: ${text} ${vars[text]} on ${bg} ${vars[bg]} is ${ratio.toFixed(2)}:1`);
        }
      }
    }
  }

  it('reaches 4.5:1 for every text token on its backgrounds', () => {
    expect(failures).toEqual([]);
  });

  it('keeps the jump-to-bottom badge apart from its button (3:1 for a control\'s shape, WCAG 1.4.11)', () => {
    const short: string[] = [];
    for (const theme of THEME_NAMES) {
      for (const accent of ACCENT_NAMES) {
        const v = themeVariables(theme, accent);
        const ratio = contrast(v['--jump-badge-background-color']!, v['--background-secondary-color']!);
        if (ratio < 3) short.push(`${theme}/${accent}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(short).toEqual([]);
  });

  it('keeps hovered danger text readable where the resting danger text is not', () => {
    // The resting red falls short on the Classic Dark hover grey, which is why the hover token exists.
    const vars = themeVariables('classic-dark', 'green');
    expect(contrast(vars['--danger-text-color']!, vars['--conversation-tab-background-hover-color']!)).toBeLessThan(4.5);
    for (const theme of THEME_NAMES) {
      const v = themeVariables(theme, 'green');
      expect(v['--danger-text-on-hover-color']).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#31F196', '#FFFFFF')).toBeCloseTo(1.48, 2);
    expect(contrast('#A1A2A1', '#414141')).toBeCloseTo(3.985, 2);
    expect(() => contrast('red', '#FFFFFF')).toThrow(/not a #rrggbb/);
  });
});
