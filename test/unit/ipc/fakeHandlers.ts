// Test helper: a full handler table from the few handlers a test cares about; every other method
// (the contract grows) answers not_found.
import { methodParams } from '../../../ts/ipc/contract';
import type { BackendHandlers, MethodName } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';

export function fakeHandlers(some: Partial<BackendHandlers>): BackendHandlers {
  const all: Record<string, unknown> = {};
  for (const m of Object.keys(methodParams) as MethodName[]) {
    all[m] =
      some[m] ??
      (() => {
        throw new IpcError('not_found', `${m} is not part of this test`);
      });
  }
  return all as BackendHandlers;
}
