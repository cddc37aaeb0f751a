// Electron preload: exposes the typed API to the renderer as `window.session`. No logic here; the
// API is ts/ipc's preload end.
import { contextBridge, ipcRenderer } from 'electron';
import { createElectronSessionApi } from '../ts/ipc/transport/electronPreload';

contextBridge.exposeInMainWorld('session', createElectronSessionApi(ipcRenderer));
