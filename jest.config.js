// Jest projects: unit (node + jsdom for components), integration (backend against the devnet), e2e (Chromium via the web host).
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
const common = {
  transform,
  // The MP3 encoder's CommonJS build is a browser IIFE that exports nothing under Node: tests load its ES
  // module build (what the renderer bundle uses) and transform it like our own code.
  transformIgnorePatterns: ['/node_modules/(?!@breezystack/lamejs/)'],
  moduleNameMapper: { '^@breezystack/lamejs$': '<rootDir>/node_modules/@breezystack/lamejs/dist/lamejs.js' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // Generous limits: CI machines have 2 cores and may be busy; tests wait on conditions, not on time.
  testTimeout: 30_000,
};
module.exports = {
  // Jest reads testTimeout only at the top level (a project's own value is ignored), so the generous
  // default is set here too; projects with longer waits still set theirs per test.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'unit-dom',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/unit/**/*.test.tsx'],
    },
    {
      ...common,
      displayName: 'integration',
      testEnvironment: 'node',
      testTimeout: 120_000,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testTimeout: 120_000,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
