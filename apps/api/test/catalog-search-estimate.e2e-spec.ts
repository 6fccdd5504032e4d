import { tenantManager } from '@shiori/tenancy';
import { refreshSearchIndex } from '../src/modules/catalog/search/maintenance';
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
                pg_relation_size('records') / current_setting('block_size')::int AS blocks
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
});
