import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, RecordInput, search, setItemStatus, titles, twoCatalogTenants } from './support/catalog-factories';

/**
 * The search filters of #20 on real PostgreSQL: 予約可 under each city's hold rule (Katori
 * reserves any loanable copy, Koga only copies that are out), the author facet and its
 * filter, leaving a facet value out (NOT), the publication-year range (and a reversed one
 * refused as problem+json), and NDC facets one level below the class searched. Two cities,
 * each with its own 草枕.
 */
describe('catalogue search filters: 予約可, author facet, exclusion, year range', () => {
  let t: TestApp;
  let a: CatalogTenant; // 香取: any loanable copy may be reserved
  let b: CatalogTenant; // 古賀: only copies not on the shelf
  const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
  const ogai = [{ name: '森 鷗外', reading: 'モリ オウガイ' }];
  const out = { a: barcode('X'), b: barcode('X') };

  /** 草枕 in four states in each city: on the shelf, all out, 禁帯出 only, no copy. */
  const kusamakura = (c: CatalogTenant, loaned: string): RecordInput[] => [
    { title: '草枕 棚', authors: soseki, publishedYear: 1950, ndc: '913.6', materialType: 'book', items: [{ barcode: barcode(), branchCode: c.branches[0] }] },
    { title: '草枕 貸出中', authors: soseki, publishedYear: 1970, ndc: '913.6', materialType: 'book', items: [{ barcode: loaned, branchCode: c.branches[0] }] },
    { title: '草枕 禁帯出', authors: soseki, publishedYear: 1990, ndc: '910.2', materialType: 'book', items: [{ barcode: barcode(), branchCode: c.branches[0], loanable: false }] },
    { title: '草枕 所蔵なし', authors: soseki, publishedYear: 2010, ndc: '291.3', materialType: 'book' },
    { title: '草枕と鷗外', authors: ogai, publishedYear: 2000, ndc: '914.6', materialType: 'magazine', items: [{ barcode: barcode(), branchCode: c.branches[c.branches.length - 1] }] },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    for (const r of kusamakura(a, out.a)) await createRecord(t, a, r);
    for (const r of kusamakura(b, out.b)) await createRecord(t, b, r);
    await setItemStatus(t, a.slug, out.a, 'on-loan');
    await setItemStatus(t, b.slug, out.b, 'on-loan');
  });
  afterAll(() => t.close());

  const sorted = async (slug: string, query: Record<string, string | number | boolean>) => titles(await search(t, slug, { q: '草枕', ...query })).sort();

  it('予約可 follows each city’s hold rule: Katori any loanable copy (on the shelf or out), Koga only copies that are out', async () => {
    expect(await sorted(a.slug, { reservable: true })).toEqual(['草枕 棚', '草枕 貸出中', '草枕と鷗外'].sort());
    expect(await sorted(b.slug, { reservable: true })).toEqual(['草枕 貸出中']);
    // and its opposite: 禁帯出 only and no copy (and, in Koga, what is on the shelf)
    expect(await sorted(a.slug, { reservable: false })).toEqual(['草枕 所蔵なし', '草枕 禁帯出'].sort());
    expect(await sorted(b.slug, { reservable: false })).toEqual(['草枕 棚', '草枕 所蔵なし', '草枕 禁帯出', '草枕と鷗外'].sort());
    // 貸出可 (available now) is the availability state; with 予約可 both must hold
    expect(await sorted(a.slug, { availability: 'available' })).toEqual(['草枕 棚', '草枕と鷗外'].sort());
    expect(await sorted(b.slug, { availability: 'available', reservable: true })).toEqual([]);
  });

  it('lists the authors found as a facet, and filters by one or several of them (any of them)', async () => {
    const all = await search(t, a.slug, { q: '草枕' });
    expect(all.facets.author).toEqual([
      { value: '夏目 漱石', count: 4 },
      { value: '森 鷗外', count: 1 },
    ]);
    expect(await sorted(a.slug, { authorName: '森 鷗外' })).toEqual(['草枕と鷗外']);
    expect((await sorted(a.slug, { authorName: '夏目 漱石,森 鷗外' })).length).toBe(5);
    // the exact name: a part of it is no author of the facet
    expect(await sorted(a.slug, { authorName: '夏目' })).toEqual([]);
  });

  it('leaves out the facet values excluded (NOT): material type, NDC class, availability, branch, author', async () => {
    expect(await sorted(a.slug, { notMaterialType: 'magazine' })).not.toContain('草枕と鷗外');
    expect((await sorted(a.slug, { notMaterialType: 'magazine' })).length).toBe(4);
    // NDC prefixes: 91 leaves out 913.6, 910.2 and 914.6, keeping the 291.3 record (and none without NDC is lost)
    expect(await sorted(a.slug, { notNdc: '91' })).toEqual(['草枕 所蔵なし']);
    expect(await sorted(a.slug, { notNdc: '913,2' })).toEqual(['草枕 禁帯出', '草枕と鷗外'].sort());
    expect(await sorted(a.slug, { notAvailability: 'available,unavailable' })).toEqual(['草枕 禁帯出', '草枕 貸出中'].sort());
    expect(await sorted(a.slug, { notBranch: a.branches[0] })).toEqual(['草枕 所蔵なし', '草枕と鷗外'].sort());
    expect(await sorted(a.slug, { notAuthorName: '夏目 漱石' })).toEqual(['草枕と鷗外']);
    // chosen and excluded together, across facets: AND
    expect(await sorted(a.slug, { authorName: '夏目 漱石', notAvailability: 'unavailable', notNdc: '910' })).toEqual(['草枕 棚', '草枕 貸出中'].sort());
    // the facets count what is left
    const left = await search(t, a.slug, { q: '草枕', notAuthorName: '夏目 漱石' });
    expect(left.facets.author).toEqual([{ value: '森 鷗外', count: 1 }]);
  });

  it('filters by a publication-year range (both ends included) and gives the years found for the range control', async () => {
    expect(await sorted(a.slug, { yearFrom: 1970, yearTo: 2000 })).toEqual(['草枕 禁帯出', '草枕 貸出中', '草枕と鷗外'].sort());
    expect(await sorted(a.slug, { yearFrom: 2001 })).toEqual(['草枕 所蔵なし']);
    expect(await sorted(a.slug, { yearTo: 1950 })).toEqual(['草枕 棚']);
    const body = (await search(t, a.slug, { q: '草枕', yearFrom: 1960 })) as unknown as { facets: { years: { min: number; max: number } } };
    expect(body.facets.years).toEqual({ min: 1970, max: 2010 });
  });

  it('refuses a reversed year range, an unknown availability and a bad NDC exclusion with problem+json (never a 500)', async () => {
    const reversed = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '草枕', yearFrom: 2000, yearTo: 1990 }).expect(400);
    expect(reversed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(reversed.body.code).toBe('SEARCH_YEAR_RANGE');
    expect(reversed.body.title ?? reversed.body.detail).toBeTruthy();
    expect(JSON.stringify(reversed.body)).toMatch(/出版年/);
    for (const query of [{ notAvailability: 'sometimes' }, { notNdc: 'abc' }, { reservable: 'maybe' }, { authorName: 'x'.repeat(101) }]) {
      const res = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '草枕', ...query });
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION' });
    }
  });

  it('facets NDC one level below the class searched: 9 → 91 (日本文学), 91 → 913 …', async () => {
    const top = await search(t, a.slug, { q: '草枕' });
    expect(top.facets.ndc).toEqual([
      { value: '2', count: 1 },
      { value: '9', count: 4 },
    ]);
    expect((await search(t, a.slug, { q: '草枕', ndc: '9' })).facets.ndc).toEqual([{ value: '91', count: 4 }]);
    expect((await search(t, a.slug, { q: '草枕', ndc: '91' })).facets.ndc).toEqual([
      { value: '910', count: 1 },
      { value: '913', count: 2 },
      { value: '914', count: 1 },
    ]);
  });
});
