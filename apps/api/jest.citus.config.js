// The Citus job (tools/citus/cluster.mjs test): every integration suite, on a prepared Citus
// cluster, plus the suites that only mean something on one (test/citus/*.citus-spec.ts: moving
// a city between workers). Plain runs (jest.config.js) do not match those.
const base = require('./jest.config');

module.exports = {
  ...base,
  displayName: 'api-citus',
  testMatch: [...base.testMatch, '<rootDir>/test/citus/**/*.citus-spec.ts'],
  // three PostgreSQL servers, the API and jest share the machine's cores, and every statement
  // takes one more hop (coordinator → worker): the suites' heaviest tests (600 interleaved
  // requests, 50 concurrent check-ins, a 1,500-record import) need more than the 60 s of the
  // plain runs when the machine is busy. A limit, not an assertion on time.
  testTimeout: 180_000,
};
