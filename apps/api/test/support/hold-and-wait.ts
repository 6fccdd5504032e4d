import type { DataSource } from 'typeorm';
import { currentTenant, hasTenantContext } from '@shiori/tenancy';

/**
 * A guard for every suite: product code must never take a second pooled connection while a
 * tenant transaction holds one (a pool of N deadlocks on N such requests at once; see
 * pool-exhaustion.e2e-spec.ts). Queries on the pool itself (`DataSource.query` without the
 * transaction's query runner) and new query runners inside a tenant transaction throw here,
 * so the request fails and its test with it. The suites' own helpers are exempt.
 */
export function guardHoldAndWait(ds: DataSource): void {
  const inTransaction = () => hasTenantContext() && currentTenant().manager !== undefined;
  // the first frame of our own code that called in: a suite's helper, or product code
  const fromTest = (stack: string) =>
    (stack
      .split('\n')
      .slice(1)
      .find((l) => l.includes(' at ') && !l.includes('hold-and-wait') && !l.includes('node_modules') && !l.includes('node:') && !l.includes('/src/data-source/') && !l.includes('/src/entity-manager/'))
      ?.match(/(^|[\s(/])test\/|\.e2e-spec\.ts/) ?? null) !== null;
  const fail = (what: string) => {
    const stack = new Error().stack ?? '';
    if (fromTest(stack)) return;
    throw new Error(`hold-and-wait: ${what} inside a tenant transaction (use tenantManager(), or afterTransaction())\n${stack}`);
  };
  const query = ds.query.bind(ds) as (...a: unknown[]) => Promise<unknown>;
  (ds as unknown as { query: unknown }).query = (...a: unknown[]) => {
    if (inTransaction() && !a[2]) fail(`DataSource.query(${String(a[0]).slice(0, 60)})`);
    return query(...a);
  };
  const createQueryRunner = ds.createQueryRunner.bind(ds) as (...a: unknown[]) => unknown;
  (ds as unknown as { createQueryRunner: unknown }).createQueryRunner = (...a: unknown[]) => {
    if (inTransaction()) fail('DataSource.createQueryRunner()');
    return createQueryRunner(...a);
  };
}
