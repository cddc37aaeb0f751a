// Electron main process entry point: hands the real Electron module, paths and backend to runMain.
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as electron from 'electron';
import { openBackend } from '../ts/backend';
import { bundledBackendWorkerFile, openBackendThread } from '../ts/backend/thread/threadedBackend';
import { createLineLogger } from '../ts/backend/log';
import { runMain } from './app';
import { backendOpener } from './backendThread';
import { attachBackendIpc } from './ipcWiring';
import { electronNativeBindingPath } from './nativeBinding';

const log = createLineLogger((line) => process.stderr.write(line), process.env.SESSION_LOG_LEVEL === 'debug' ? 'debug' : 'info');
// This file is bundled to build/main/main.js; its siblings are build/preload and build/renderer.
const buildDir = path.resolve(__dirname, '..');
const rendererHtml = path.join(buildDir, 'renderer', 'index.html');

runMain({
  electron,
  // Unpackaged, argv is [electron, appDir, ...]; packaged, [executable, ...].
  argv: process.argv.slice(electron.app.isPackaged ? 1 : 2),
  platform: process.platform,
  paths: {
    preload: path.join(buildDir, 'preload', 'preload.js'),
    rendererHtml,
    nativeBinding: electronNativeBindingPath(__dirname, process.versions.electron ?? 'unknown'),
    icon: path.join(buildDir, '..', 'build-resources', 'icon.png'),
    // Packaged, the database is an extra resource (electron-builder.yml); unpackaged, the backend finds
    // the copy in node_modules.
    ...(electron.app.isPackaged ? { geoipDatabase: path.join(process.resourcesPath, 'geoip', 'geolite2-country.mmdb') } : {}),
    // Spell-checker dictionaries shipped with the app (main/spellCheck.ts: none yet), never downloaded.
    dictionaries: electron.app.isPackaged ? path.join(process.resourcesPath, 'dictionaries') : path.join(buildDir, '..', 'build-resources', 'dictionaries'),
  },
  // The backend on a worker thread beside this bundle (build/workers/backend.js).
  openBackend: backendOpener({
    workerFile: bundledBackendWorkerFile(__dirname),
    openThread: openBackendThread,
    openInThread: openBackend,
    log,
    onCrash: (err) => {
      log.error('the engine thread stopped', err);
      electron.dialog.showErrorBox('Session stopped', "Session's engine stopped unexpectedly. Please start the app again.");
      electron.app.exit(1);
    },
  }),
  // The backend's logger: IPC failures then reach the debug log on disk as well as stderr.
  // Only the window's page may call: the main frame showing build/renderer/index.html.
  attachIpc: (backend, ipcMain, window) => attachBackendIpc(backend, ipcMain, window, { log: backend.log, pageUrl: pathToFileURL(rendererHtml).href }),
  fileExists: (file) => fs.existsSync(file),
  makePrivateDir: (dir) => fs.mkdirSync(dir, { recursive: true, mode: 0o700 }),
  log,
}).catch((err: unknown) => {
  log.error('startup failed', err);
  electron.dialog.showErrorBox('Session cannot start', err instanceof Error ? err.message : String(err));
  electron.app.exit(1);
});
