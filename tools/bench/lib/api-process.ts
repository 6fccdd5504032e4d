// The API in a process of its own, for the benchmarks (it lives with the API's test support, which the outage suites share).
export * from '../../../apps/api/test/support/api-process';
