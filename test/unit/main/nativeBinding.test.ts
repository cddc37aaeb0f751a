// Where main looks for the Electron-ABI SQLite module, unpackaged and packaged.
import path from 'node:path';
import { electronNativeBindingPath } from '../../../main/nativeBinding';

describe('Electron native binding path', () => {
  it('is .electron-native/<version>/ at the repository root when unpackaged', () => {
    expect(electronNativeBindingPath('/repo/build/main', '40.8.5', path.posix)).toBe('/repo/.electron-native/40.8.5/better_sqlite3.node');
  });

  it('is outside the asar archive when packaged', () => {
    expect(electronNativeBindingPath('/opt/Session/resources/app.asar/build/main', '40.8.5', path.posix)).toBe(
      '/opt/Session/resources/app.asar.unpacked/.electron-native/40.8.5/better_sqlite3.node',
    );
    expect(electronNativeBindingPath('C:\\S\\resources\\app.asar\\build\\main', '40.8.5', path.win32)).toBe(
      'C:\\S\\resources\\app.asar.unpacked\\.electron-native\\40.8.5\\better_sqlite3.node',
    );
  });
});
