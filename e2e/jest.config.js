// Browser tests: the built OPAC and admin apps, served by the real API on a real PostgreSQL
// (the API suites' global setup: embedded, or DATABASE_URL), driven in Debian Chromium.
module.exports = {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: '.',

  testMatch: ['<rootDir>/**/*.e2e.ts'],
  globalSetup: '<rootDir>/../apps/api/test/global-setup.mjs',
  globalTeardown: '<rootDir>/../apps/api/test/global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/support/app-errors.setup.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
};
