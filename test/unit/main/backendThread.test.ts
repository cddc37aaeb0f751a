// The Electron main process's choice of where the backend runs: on the bundled worker thread (with the
// same options, the Electron-ABI native module path included) and a crash handed to the host; in-thread,
// with a warning, only when the build has no worker.
import { silentLogger } from '../../../ts/backend/log';
import type { ThreadedBackend } from '../../../ts/backend/thread/threadedBackend';
import type { BackendOptions, HostBackend } from '../../../ts/backend/types';
import { backendOpener } from '../../../main/backendThread';

const options: BackendOptions = { host: 'electron', appVersion: '1.0.0', dataDir: '/d', nativeBinding: '/app/.electron-native/33.0.0/better_sqlite3.node' };

function fakeThreaded(): ThreadedBackend & { crash(err: Error): void } {
  const listeners = new Set<(err: Error) => void>();
  return {
    threadId: 7,
    onCrash: (l: (err: Error) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    crash: (err: Error) => listeners.forEach((l) => l(err)),
  } as unknown as ThreadedBackend & { crash(err: Error): void };
}

test('opens the backend on the worker thread with the same options and reports its crash to the host', async () => {
  const threaded = fakeThreaded();
  const openThread = jest.fn(async () => threaded);
  const openInThread = jest.fn();
  const onCrash = jest.fn();
  const open = backendOpener({ workerFile: '/app/build/workers/backend.js', openThread, openInThread, log: silentLogger, onCrash });
  expect(await open(options)).toBe(threaded);
  expect(openThread).toHaveBeenCalledWith(options, '/app/build/workers/backend.js');
  expect(openInThread).not.toHaveBeenCalled();
  const err = new Error('The engine thread exited unexpectedly (code 1).');
  threaded.crash(err);
  expect(onCrash).toHaveBeenCalledWith(err);
});

test('a failure to open (a held profile lock) reaches the host as it would in-thread', async () => {
  const openThread = jest.fn(async () => {
    throw new Error('This profile is already in use by the web host with pid 42.');
  });
  const open = backendOpener({ workerFile: '/w.js', openThread, openInThread: jest.fn(), log: silentLogger, onCrash: jest.fn() });
  await expect(open(options)).rejects.toThrow(/already in use/);
});

test('without the worker bundle the backend runs in-thread, with a warning', async () => {
  const inThread = { profile: 'default' } as unknown as HostBackend;
  const warn = jest.fn();
  const open = backendOpener({ workerFile: undefined, openThread: jest.fn(), openInThread: jest.fn(async () => inThread), log: { ...silentLogger, warn }, onCrash: jest.fn() });
  expect(await open(options)).toBe(inThread);
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/worker bundle is missing/));
});
