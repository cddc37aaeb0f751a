// Where the Electron-ABI build of the SQLite module lives. node_modules keeps the Node build (tests,
// web host, CLI); `npm start` and packaging build a copy for Electron into .electron-native/<version>/.
import path from 'node:path';

export const NATIVE_FOLDER = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';

/**
 * Path of the native module for this Electron version, given the folder holding main.js
 * (build/main). Inside a packaged app the folder is unpacked beside app.asar, because a shared
 * library cannot be loaded from inside the archive.
 */
export function electronNativeBindingPath(mainDir: string, electronVersion: string, pathApi: path.PlatformPath = path): string {
  const appRoot = pathApi.resolve(mainDir, '..', '..');
  const file = pathApi.join(appRoot, NATIVE_FOLDER, electronVersion, NATIVE_FILE);
  const asar = `${pathApi.sep}app.asar${pathApi.sep}`;
  return file.includes(asar) ? file.replace(asar, `${pathApi.sep}app.asar.unpacked${pathApi.sep}`) : file;
}
