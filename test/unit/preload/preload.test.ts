// The preload exposes exactly one thing to the page: `session`, with call/on/onReconnect.
import * as electron from 'electron';

jest.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: jest.fn() },
  ipcRenderer: { invoke: jest.fn(async () => ({ ok: true, result: 'pong' })), on: jest.fn(), removeListener: jest.fn() },
}));

const bridge = electron.contextBridge as unknown as { exposeInMainWorld: jest.Mock };

describe('preload', () => {
  beforeAll(async () => {
    await jest.isolateModulesAsync(async () => {
      await import('../../../preload/preload');
    });
  });

  it('exposes exactly `session`', () => {
    expect(bridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(bridge.exposeInMainWorld.mock.calls[0]![0]).toBe('session');
  });

  it('with call, on and onReconnect, and nothing else', async () => {
    const api = bridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'onReconnect']);
    for (const k of ['call', 'on', 'onReconnect']) expect(typeof api[k]).toBe('function');
    await expect((api.call as (m: string, p: unknown) => Promise<unknown>)('app.getInfo', {})).resolves.toBe('pong');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('session:call', 'app.getInfo', {});
  });
});
