// The esbuild `define` that removes every test seam from the bundles. Test-only paths in the sources are
// guarded by `process.env.JEST_WORKER_ID` (set by Jest in each worker) and a seam's own variable; replacing
// them by `undefined` at build time makes each guard a constant `false`, so a production build cannot take
// a test path whatever its environment holds. CommonJS so the build test can load it under Jest.
'use strict';

const TEST_SEAM_DEFINE = Object.freeze({
  'process.env.JEST_WORKER_ID': 'undefined',
  // ts/backend/db/database.ts: open profile databases without the key, for the data-erasure tests.
  'process.env.SESSION_TEST_PLAINTEXT_DATABASE': 'undefined',
  // ts/backend/crashPoint.ts: SIGKILL the engine at a named point, for the crash-safety tests.
  'process.env.SESSION_CRASH_AT': 'undefined',
});

module.exports = { TEST_SEAM_DEFINE };
