import { quotedTenantSchema } from '@shiori/tenancy';
import { DatabaseKind } from '../../src/engine/database/database-kind';
import { refreshSearchIndex } from '../../src/modules/catalog/search/maintenance';
import { textCriterion } from '../../src/modules/catalog/search/document';
import { buildSearchQuery, termShare } from '../../src/modules/catalog/search/search-query';
import { readSearchStatistics } from '../../src/modules/catalog/search/search-stats';
import { createTestApp, TestApp } from '../support/app';
import { bulkRecords, CatalogTenant, inTenant, search, twoCatalogTenants } from '../support/catalog-factories';

/**
 * The catalogue search on Citus (issue 24, F12): the statement runs as one task on the worker
 * that holds the city, and its statistics (token frequencies, where the live records lie, the
 * table's size) come from that worker's shard, not from the coordinator's empty shell table.
 *
 * Citus only (apps/api/jest.citus.config.js): on plain PostgreSQL there is no coordinator, and
 * catalog-search-estimate.e2e-spec.ts proves the estimates themselves on both.
 */
describe('search on the worker that holds the city', () => {
  let t: TestApp;
  let c: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp();
    expect(t.app.get(DatabaseKind).citus).toBe(true);
    [c] = await twoCatalogTenants(t);
    await bulkRecords(t, c.slug, 3000, (i) => ({ title: i % 3 === 0 ? `猫の手帖 ${i}` : `園芸の手引き ${i}`, receivedAt: '2024-01-01' }));
    await inTenant(t, c.slug, () => refreshSearchIndex());
  });
  afterAll(() => t.close());

  it('reads the statistics where the records are stored: the coordinator’s table is an empty shell', async () => {
    // what the coordinator knows of the table: nothing
    const [shell] = await t.ds.query(`SELECT reltuples, pg_relation_size(oid) AS bytes FROM pg_class WHERE oid = $1::regclass`, [
      `${quotedTenantSchema(c.slug)}.records`,
    ]);
    expect(Number(shell.bytes)).toBe(0);
    const stats = await readSearchStatistics((sql, values) => t.ds.query(sql, values), true, c.slug);
    expect(stats.tableRows).toBe(3000);
    expect(stats.blockQuantiles).toHaveLength(99);
    expect(stats.blockQuantiles![98]).toBeGreaterThan(0);
    // the token statistics of ANALYZE on the shard: 猫 is in a third of the records
    const cat = textCriterion('猫', undefined, stats.frequency)!;
    expect(termShare(cat.tsquery, stats.frequency, stats.prefixShare)).toBeGreaterThan(0.25);
  });

  it('sends the whole search statement to that worker as one task', async () => {
    const stats = await readSearchStatistics((sql, values) => t.ds.query(sql, values), true, c.slug);
    for (const params of [{ q: '猫' }, { q: '猫', sort: 'newest' as const }, { q: '園芸', sort: 'title' as const, page: 3 }, { title: '猫の手帖 3' }]) {
      const built = buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...params }, { schema: quotedTenantSchema(c.slug), ...stats });
      const plan = (await t.ds.query(`EXPLAIN ${built.sql}`, built.values)).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Task Count: 1\b/);
      expect(plan).not.toMatch(/Distributed Subplan/);
    }
    // and the estimate through the API is near the truth: 1,000 of 3,000 records match 猫
    const res = await search(t, c.slug, { q: '猫' });
    expect(res.exact).toBe(false);
    expect(res.total).toBeGreaterThan(800);
    expect(res.total).toBeLessThan(1200);
  });
});
