// The channel on which the app bench opens its backend worker's retrieve gate (gatedBackendWorker.ts).
export const RETRIEVE_GATE_CHANNEL = 'bench-app-retrieve-gate';

/** Where the build puts the gated backend worker, beside bench.js. */
export const GATED_BACKEND_WORKER_BUNDLE = 'bench-gated-backend.js';
