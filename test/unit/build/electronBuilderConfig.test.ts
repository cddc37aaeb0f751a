// electron-builder.yml: parses, passes electron-builder's own schema (offline), names the five
// targets, and every file it references exists.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { APP_USER_MODEL_ID } from '../../../main/app';

const root = path.resolve(__dirname, '..', '..', '..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Configuration;

type TargetList = Array<string | { target: string }> | string | undefined;
function targets(list: unknown): string[] {
  const l = list as TargetList;
  if (l === undefined) return [];
  return (Array.isArray(l) ? l : [l]).map((t) => (typeof t === 'string' ? t : t.target));
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined();
  });

  it('the schema check does catch mistakes', async () => {
    await expect(validateConfiguration({ ...config, asar: 'yes' } as never, { isEnabled: false, add: () => undefined } as never)).rejects.toThrow(/asar/);
  });

  it('sets appId, productName and asar', () => {
    expect(config.appId).toBe('org.sessionts.desktop');
    // Windows matches notifications and taskbar pins to the installed app by this id.
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Session TS');
    expect(config.asar).toBe(true);
  });

  it('builds AppImage, deb and rpm for Linux, NSIS for Windows and dmg for macOS', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb', 'rpm']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
  });

  it('references only icons that exist, with a 512×512 PNG for Linux', () => {
    const icons = [config.linux?.icon, config.win?.icon, config.mac?.icon].filter((i): i is string => typeof i === 'string');
    expect(icons.length).toBe(3);
    for (const icon of icons) expect(fs.existsSync(path.join(root, icon))).toBe(true);
    expect(pngSize(path.join(root, config.linux!.icon!))).toEqual({ width: 512, height: 512 });
  });

  it('ships the GeoLite2 database and the third-party licenses as extra resources that exist', () => {
    const extra = (config.extraResources ?? []) as Array<{ from: string; to: string }>;
    const froms = extra.map((e) => e.from);
    expect(froms).toContain('node_modules/@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb');
    expect(froms).toContain('third_party_licenses');
    for (const from of froms) expect(fs.existsSync(path.join(root, from))).toBe(true);
  });

  it('hardens the packaged binary with every Electron fuse set, none left to its default', () => {
    // Exactly these: a fuse Electron adds later shows up in the schema check above only once named here.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names every fuse electron-builder knows', () => {
    // From electron-builder's own schema, so a fuse it learns in an upgrade must be decided here.
    const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties).filter((k) => k !== 'resetAdHocDarwinSignature');
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(known.sort());
  });

  it('packs the bundles and the Electron-ABI SQLite build, unpacked, and never rebuilds node_modules', () => {
    const files = config.files as string[];
    for (const f of ['package.json', 'build/main/**', 'build/preload/**', 'build/renderer/**', 'build/workers/**', '.electron-native/**']) {
      expect(files).toContain(f);
    }
    // The native module and the decrypt worker threads must be real files on disk.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['.electron-native/**', 'build/workers/**']));
    // Node-API modules loaded from real files: sharp (libvips) and sodium-native (libsodium).
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**', 'node_modules/sodium-native/**']));
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('build/main/')).toBe(true);
  });
});
