import { createTestApp, TestApp } from './support/app';
import { createRecord, search, titles, twoCatalogTenants, CatalogTenant } from './support/catalog-factories';

/**
 * The catalogue search runs as a prepared statement, planned once per connection and kept
 * there (tenantStatement), outside any transaction. With two connections in the pool (one
 * is too few: a login counts its failures on a second one) and requests one at a time, the
 * pool hands out the connection released last, so both tenants' statements pile up on one
 * connection and are run again and again, past the point where PostgreSQL switches to a
 * cached generic plan: every answer must still come from the asking tenant's own schema.
 */
describe('prepared statements (searches, /info probes) on one shared connection', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '2' });
    [a, b] = await twoCatalogTenants(t);
    await createRecord(t, a, { title: '銀河鉄道の夜', titleReading: 'ギンガ テツドウ ノ ヨル', authors: [{ name: '宮沢賢治' }] });
    await createRecord(t, b, { title: '銀河英雄の夜明け', titleReading: 'ギンガ エイユウ ノ ヨアケ', authors: [{ name: '架空作家' }] });
  });
  afterAll(() => t.close());

  it('never answers one tenant with the other tenant’s plan or rows', async () => {
    for (let i = 0; i < 12; i++) {
      // same statement text for both tenants (same shape of query)
      expect(titles(await search(t, a.slug, { q: '銀河' }))).toEqual(['銀河鉄道の夜']);
      expect(titles(await search(t, b.slug, { q: '銀河' }))).toEqual(['銀河英雄の夜明け']);
      // and runs in a row for one tenant, so a generic plan is cached before the switch
      if (i % 4 === 0) for (let k = 0; k < 6; k++) expect((await search(t, a.slug, { q: 'ぎんが' })).total).toBe(1);
      expect((await search(t, b.slug, { q: 'ぎんが' })).hits.map((h) => h.authors[0].name)).toEqual(['架空作家']);
    }
  });

  // each city's `info_version` probe is kept prepared on every connection that ran it (its
  // text names the city's schema; tableVersion, `prepare: 'probe'`): with both cities' probes
  // prepared on the same two connections, a change of one city moves that city's /info only
  const branchNames = async (c: CatalogTenant) => ((await t.http().get(`/api/t/${c.slug}/info`).expect(200)).body.branches as { name: string }[]).map((x) => x.name);

  it('answers each city with its own version, and a change of one city with its new answer at once', async () => {
    const before = { a: await branchNames(a), b: await branchNames(b) };
    for (let i = 0; i < 8; i++) {
      const name = `プローブ館 ${i}`;
      await t.http().patch(`/api/t/${a.slug}/admin/branches/${a.branches[0]}`).set({ Authorization: `Bearer ${a.token}` }).send({ name }).expect(200);
      // twice each, so that both pooled connections have run (and prepared) both cities' probes
      for (let k = 0; k < 2; k++) {
        expect(await branchNames(a)).toContain(name);
        expect(await branchNames(b)).toEqual(before.b);
      }
    }
    expect(before.a).not.toContain('プローブ館 7');
  });
});
