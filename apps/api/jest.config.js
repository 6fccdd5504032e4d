// Unit specs live beside the code (src/**/*.spec.ts); integration specs (test/**/*.e2e-spec.ts)
// run the HTTP app against a real PostgreSQL: embedded unless DATABASE_URL is set.
module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  // a ceiling for a hung test, not a measure: setting up a suite (an app, two cities) can take over a
  // minute on a 2-core machine running other suites, and a hook that times out fails the whole suite
  testTimeout: 180_000,
  maxWorkers: 2,
};
