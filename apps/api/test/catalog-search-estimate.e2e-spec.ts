import { quotedTenantSchema, tenantManager } from '@shiori/tenancy';
import { refreshSearchIndex } from '../src/modules/catalog/search/maintenance';
import { buildSearchQuery, SearchParams } from '../src/modules/catalog/search/search-query';
import { DatabaseKind } from '../src/engine/database/database-kind';
import { readSearchStatistics } from '../src/modules/catalog/search/search-stats';
import { createTestApp, TestApp } from './support/app';
import { bulkRecords, CatalogTenant, inTenant, search, twoCatalogTenants } from './support/catalog-factories';

/**
 * The total of a broad query is estimated from a sample (search-query.ts): from how far into
 * the table the sample reached. After a mass update every live record sits in the second half
 * of the table, behind the dead versions; the estimate must still be near the truth, which
 * it is because it reads where the live records lie (the block quantiles of SearchStats).
 */
describe('search total estimate', () => {
  let t: TestApp;
  let c: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp();
    [c] = await twoCatalogTenants(t);
    // 10,000 of 20,000 records match 猫, spread evenly through the table
    await bulkRecords(t, c.slug, 20_000, (i) => ({ title: i % 2 === 0 ? `猫の手帖 ${i}` : `園芸の手引き ${i}`, receivedAt: '2024-01-01' }));
    await inTenant(t, c.slug, async () => {
      // every record gets a new row version; the full pages keep none of them, so all go to the end
      await tenantManager().query(`UPDATE records SET subtitle = '新版'`);
      await refreshSearchIndex();
    });
  });
  afterAll(() => t.close());

  it('estimates a broad query’s total within 20 % after every record was rewritten', async () => {
    const [{ n, median, blocks }] = await inTenant(t, c.slug, () =>
      tenantManager().query(
        `SELECT count(*) FILTER (WHERE title LIKE '猫%')::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY (ctid::text::point)[0])::int AS median,
                pg_relation_size(min(tableoid)::regclass) / current_setting('block_size')::int AS blocks
           FROM records`,
      ),
    );
    expect(n).toBe(10_000);
    // the premise: most live records lie in the second half of the table, behind the dead versions
    expect(median).toBeGreaterThan(blocks * 0.6);
    const res = await search(t, c.slug, { q: '猫' });
    expect(res.exact).toBe(false);
    expect(res.total).toBeGreaterThan(8_000);
    expect(res.total).toBeLessThan(12_000);
    // the facets are scaled to the same total
    const facetTotal = res.facets.availability.reduce((s: number, f: { count: number }) => s + f.count, 0);
    expect(Math.abs(facetTotal - res.total)).toBeLessThanOrEqual(3);
  });

  /** The search's statement for `params` as the API builds it, with or without the token statistics' prefix shares. */
  const statement = async (params: Partial<SearchParams>, withShares: boolean) => {
    const stats = await readSearchStatistics((sql, values) => t.ds.query(sql, values), t.app.get(DatabaseKind).citus, c.slug);
    if (!withShares) delete stats.prefixShare;
    return buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...params }, { schema: quotedTenantSchema(c.slug), ...stats });
  };
  const run = async (q: { sql: string; values: unknown[] }) => JSON.parse((await t.ds.query(q.sql, q.values))[0].body);

  it('reads a very common term’s sample by scanning the table, with the same pages and a close total as through the index', async () => {
    // 猫 is in half the records: the statistics say so, and the sample is read by a scan
    const scanned = await statement({ q: '猫', sort: 'newest' }, true);
    expect(scanned.sql).toMatch(/\(r\.search @@ \$1::tsquery\) IS TRUE/);
    expect(scanned.sql).not.toMatch(/uuid_hash/);
    // a rare term, or the common one with a filter, still goes through the GIN index, bucket by bucket
    expect((await statement({ q: '園芸の手引き 1' }, true)).sql).not.toMatch(/IS TRUE/);
    expect((await statement({ q: '猫', materialType: ['book'] }, true)).sql).not.toMatch(/IS TRUE/);
    expect((await statement({ q: '猫' }, true)).sql).toMatch(/IS TRUE/);

    const byIndex = await statement({ q: '猫', sort: 'newest' }, false);
    expect(byIndex.sql).toMatch(/uuid_hash/);
    const [a, b] = [await run(scanned), await run(byIndex)];
    // the newest page is exact either way; the totals are estimates near the 10,000 matches
    expect(a.hits.map((h: { id: string }) => h.id)).toEqual(b.hits.map((h: { id: string }) => h.id));
    expect(a.hits).toHaveLength(20);
    expect(a.hits.every((h: { title: string }) => h.title.startsWith('猫'))).toBe(true);
    for (const r of [a, b]) {
      expect(r.exact).toBe(false);
      expect(r.total).toBeGreaterThan(8_000);
      expect(r.total).toBeLessThan(12_000);
    }
    // and through the API, which takes the scan
    const api = await search(t, c.slug, { q: '猫', sort: 'newest' });
    expect(api.hits.map((h) => h.id)).toEqual(a.hits.map((h: { id: string }) => h.id));
  });
});
