// The pure parts of `npm start` / `npm run dist`: argument pass-through, paths, the node-gyp command
// and environment, "already built" detection, and failure diagnosis.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildStamp,
  electronBinaryPath,
  electronLaunchArgs,
  explainGypFailure,
  gypEnv,
  isNativeBuilt,
  nativeOutputPath,
  nodeGypArgs,
  NATIVE_FILE,
  STAMP_FILE,
} from '../../../tools/build/electronNative.cjs';
import { electronNativeBindingPath } from '../../../main/nativeBinding';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-native-test-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('launch arguments', () => {
  it('starts the app folder and passes --seed, --data-dir and --profile through', () => {
    expect(electronLaunchArgs('/repo', ['--seed', 'http://127.0.0.1:9000/', '--data-dir', '/abs/data', '--profile', 'alice'], '/home/u')).toEqual([
      '/repo',
      '--seed',
      'http://127.0.0.1:9000/',
      '--data-dir',
      '/abs/data',
      '--profile',
      'alice',
    ]);
  });

  it('resolves a relative --data-dir against the folder npm was run from', () => {
    expect(electronLaunchArgs('/repo', ['--data-dir', 'devdata'], '/home/u/work')).toEqual(['/repo', '--data-dir', '/home/u/work/devdata']);
    expect(electronLaunchArgs('/repo', ['--data-dir=../d', '--network', 'testnet'], '/home/u/work')).toEqual(['/repo', '--data-dir=/home/u/d', '--network', 'testnet']);
  });
});

describe('native module build', () => {
  it('goes into .electron-native/<electron version>/, where main looks for it', () => {
    const out = nativeOutputPath('/repo', '40.8.5');
    expect(out).toBe('/repo/.electron-native/40.8.5/better_sqlite3.node');
    expect(electronNativeBindingPath('/repo/build/main', '40.8.5')).toBe(out);
  });

  it('targets Electron explicitly and drops npm settings that would retarget it to Node', () => {
    expect(nodeGypArgs('40.8.5', 'x64')).toEqual([
      'rebuild',
      '--release',
      '--target=40.8.5',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ]);
    expect(nodeGypArgs('40.8.5', 'x64').some((a) => a.startsWith('--nodedir'))).toBe(false);
    const env = gypEnv({ PATH: '/bin', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.0.0', npm_config_runtime: 'node', npm_config_cache: '/c' });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });

  it('counts as built only with the module and a stamp for this Electron, module version, OS and CPU', () => {
    const stamp = buildStamp({ electron: '40.8.5', module: '12.11.1', platform: 'linux', arch: 'x64' });
    expect(isNativeBuilt(tmp, stamp)).toBe(false);
    const dir = path.join(tmp, '.electron-native', '40.8.5');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, NATIVE_FILE), 'binary');
    expect(isNativeBuilt(tmp, stamp)).toBe(false);
    fs.writeFileSync(path.join(dir, STAMP_FILE), JSON.stringify(stamp));
    expect(isNativeBuilt(tmp, stamp)).toBe(true);
    expect(isNativeBuilt(tmp, { ...stamp, module: 'better-sqlite3-multiple-ciphers@12.12.0' })).toBe(false);
    expect(isNativeBuilt(tmp, { ...stamp, arch: 'arm64' })).toBe(false);
    fs.writeFileSync(path.join(dir, STAMP_FILE), 'not json');
    expect(isNativeBuilt(tmp, stamp)).toBe(false);
  });

  it('explains why node-gyp failed', () => {
    expect(explainGypFailure('gyp http fetch GET https://electronjs.org/headers/... failed with ENOTFOUND')).toMatch(/could not download the Electron headers/);
    expect(explainGypFailure('gyp ERR! stack Error: not found: make')).toMatch(/no C\+\+ build toolchain/);
    expect(explainGypFailure('something else')).toMatch(/node-gyp failed/);
  });
});

describe('Electron binary', () => {
  it('is missing until path.txt and the executable exist', () => {
    const pkg = path.join(tmp, 'node_modules', 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    expect(electronBinaryPath(tmp, {})).toBeNull();
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(electronBinaryPath(tmp, {})).toBeNull();
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(electronBinaryPath(tmp, {})).toBe(path.join(pkg, 'dist', 'electron'));
  });
});
