// Typed thunk helpers: every thunk reaches the backend only through the injected API (`extra`),
// so tests pass a fake and nothing reads `window` from inside the state layer.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { SessionApi } from '../../ipc/contract';

export interface ThunkExtra {
  api: SessionApi;
}

/** Turns whatever a call rejected with into a message fit to show (IpcError messages already are). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

export const createApiThunk = createAsyncThunk.withTypes<{ extra: ThunkExtra; rejectValue: string }>();
