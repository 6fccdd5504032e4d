import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, search, setItemStatus, titles, twoCatalogTenants } from './support/catalog-factories';

/**
 * Facets with several values (#20): OR within a facet (ndc=913,911; availability=on-loan,
 * reference-only), AND across facets; availability by state, 貸出中 included; the NDC facet one
 * level below the class searched, down to three digits. Two cities.
 */
describe('facets with several values', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const loaned = barcode('F');

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const [one, two] = a.branches;
    const rows = [
      { title: '坊っちゃん', ndc: '913.6', items: [{ barcode: barcode('F'), branchCode: one }] },
      { title: '月に吠える', ndc: '911.56', items: [{ barcode: loaned, branchCode: two }] },
      { title: '日本の歴史', ndc: '210.1', items: [{ barcode: barcode('F'), branchCode: one }] },
      { title: '図書館の本', ndc: '010', items: [{ barcode: barcode('F'), branchCode: one, loanable: false }] },
      { title: '源氏物語', ndc: '913.36', materialType: 'av', items: [{ barcode: barcode('F'), branchCode: two }] },
    ];
    for (const r of rows) await createRecord(t, a, { ...r, titleReading: undefined, publishedYear: 2000 });
    await setItemStatus(t, a.slug, loaned, 'on-loan');
    await createRecord(t, b, { title: '坊っちゃん', ndc: '913.6', publishedYear: 2000 });
  });
  afterAll(() => t.close());

  const all = (slug: string, query: Record<string, string>) => search(t, slug, { yearFrom: 1900, ...query });

  it('ORs the values of one facet: two NDC classes, two availability states', async () => {
    expect(titles(await all(a.slug, { ndc: '913,911', sort: 'title' })).sort()).toEqual(['坊っちゃん', '月に吠える', '源氏物語'].sort());
    expect(titles(await all(a.slug, { availability: 'on-loan,reference-only' })).sort()).toEqual(['図書館の本', '月に吠える'].sort());
    expect(titles(await all(a.slug, { availability: 'on-loan' }))).toEqual(['月に吠える']);
  });

  it('ANDs across facets', async () => {
    expect(titles(await all(a.slug, { ndc: '913,911', availability: 'available' })).sort()).toEqual(['坊っちゃん', '源氏物語'].sort());
    expect(titles(await all(a.slug, { ndc: '913,911', availability: 'available', materialType: 'book' }))).toEqual(['坊っちゃん']);
  });

  it('counts 貸出中 in the availability facet and drills NDC down to three digits', async () => {
    const everything = await all(a.slug, {});
    expect(everything.facets.availability).toEqual(expect.arrayContaining([{ value: 'on-loan', count: 1 }, { value: 'available', count: 3 }, { value: 'reference-only', count: 1 }]));
    expect(everything.facets.ndc).toEqual([{ value: '0', count: 1 }, { value: '2', count: 1 }, { value: '9', count: 3 }]);
    expect((await all(a.slug, { ndc: '9' })).facets.ndc).toEqual([{ value: '91', count: 3 }]);
    expect((await all(a.slug, { ndc: '91' })).facets.ndc).toEqual([{ value: '911', count: 1 }, { value: '913', count: 2 }]);
    expect((await all(a.slug, { ndc: '913' })).facets.ndc).toEqual([{ value: '913', count: 2 }]);
  });

  it('refuses an unknown availability state and a malformed class (problem+json)', async () => {
    const bad = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '本', availability: 'lost' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION');
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '本', ndc: '913,abc' }).expect(400);
  });

  it('keeps each city to its own records', async () => {
    expect(titles(await all(b.slug, { ndc: '913,911' }))).toEqual(['坊っちゃん']);
  });
});
