import { tenantManager } from '@shiori/tenancy';
import { AlertsService } from '../src/modules/alerts';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, RecordInput, search, setItemStatus, titles, twoCatalogTenants } from './support/catalog-factories';
import { signedInPatron } from './support/notices-factories';

/**
 * 「この条件で新着お知らせ」 from a filtered search page: the alert saves the search's filters
 * (facet values left out, 予約可, exact author names, the year range, several NDC classes)
 * and the nightly matching (AlertsService.newRecords, which the digest job runs) finds
 * exactly what the search finds, under each city's hold rule: Kushiro reserves any loanable
 * copy, Koga only copies that are out.
 */
describe('alerts: a saved search keeps and applies the search filters', () => {
  let t: TestApp;
  let a: CatalogTenant; // 釧路: any loanable copy may be reserved
  let b: CatalogTenant; // 古賀: only copies not on the shelf
  const auth: Record<string, Record<string, string>> = {};
  let card = 100000000;
  const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
  const ogai = [{ name: '森 鷗外', reading: 'モリ オウガイ' }];
  const hiraoka = [{ name: '平岡 敏夫', reading: 'ヒラオカ トシオ' }];
  const out = { a: barcode('X'), b: barcode('X') };
  const since = new Date(Date.now() - 3_600_000);

  const kusamakura = (c: CatalogTenant, loaned: string): RecordInput[] => [
    { title: '草枕 棚', authors: soseki, publishedYear: 1950, ndc: '913.6', materialType: 'book', items: [{ barcode: barcode(), branchCode: c.branches[0] }] },
    { title: '草枕 貸出中', authors: soseki, publishedYear: 1970, ndc: '913.6', materialType: 'book', items: [{ barcode: loaned, branchCode: c.branches[0] }] },
    { title: '草枕 禁帯出', authors: soseki, publishedYear: 1990, ndc: '910.2', materialType: 'book', items: [{ barcode: barcode(), branchCode: c.branches[0], loanable: false }] },
    { title: '草枕 所蔵なし', authors: soseki, publishedYear: 2010, ndc: '291.3', materialType: 'book' },
    { title: '草枕と鷗外', authors: ogai, publishedYear: 2000, ndc: '914.6', materialType: 'magazine', items: [{ barcode: barcode(), branchCode: c.branches[0] }] },
    { title: '草枕 論', authors: hiraoka, publishedYear: 1985, ndc: '910.2', materialType: 'book', items: [{ barcode: barcode(), branchCode: c.branches[0] }] },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t, 'kushiro', 'koga');
    for (const [c, loaned] of [[a, out.a], [b, out.b]] as const) {
      for (const r of kusamakura(c, loaned)) await createRecord(t, c, r);
      await setItemStatus(t, c.slug, loaned, 'on-loan');
    }
    auth[a.slug] = (await signedInPatron(t, a.slug, a.token, { cardNumber: String(++card).slice(1), email: 'alerts.filters.a@example.jp', password: 'kushiro123' })).auth;
    auth[b.slug] = (await signedInPatron(t, b.slug, b.token, { cardNumber: String(++card), email: 'alerts.filters.b@example.jp', password: 'koga1234' })).auth;
  });
  afterAll(() => t.close());

  /** What the OPAC sends for a search page's URL: lists as arrays, flags as booleans, years as numbers. */
  const asAlertQuery = (url: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(url).map(([k, v]) => [
        k,
        k === 'reservable' || k === 'available' ? v === 'true' : k === 'yearFrom' || k === 'yearTo' ? Number(v) : ['q', 'title', 'author', 'publisher', 'isbn'].includes(k) ? v : v.split(','),
      ]),
    );

  /** Saves the search as an alert; answers the titles the alert finds among today's new records, and those the search finds. */
  async function saveAndMatch(c: CatalogTenant, url: Record<string, string>) {
    const res = await t.http().post(`/api/t/${c.slug}/me/alerts`).set(auth[c.slug]).send({ name: '草枕', query: asAlertQuery(url) });
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    expect(res.body.query).toEqual(asAlertQuery(url));
    const stored = (await t.http().get(`/api/t/${c.slug}/me/alerts`).set(auth[c.slug]).expect(200)).body.find((x: { id: string }) => x.id === res.body.id);
    const found = await inTenant(t, c.slug, () => t.app.get(AlertsService).newRecords(stored.query, since, new Date(Date.now() + 60_000), 100));
    return { alert: found.records.map((r) => r.title).sort(), search: titles(await search(t, c.slug, url)).sort() };
  }

  it('予約可 under each city’s hold rule, as the search has it', async () => {
    const url = { q: '草枕', reservable: 'true' };
    const inA = await saveAndMatch(a, url);
    expect(inA.alert).toEqual(['草枕 棚', '草枕 貸出中', '草枕と鷗外', '草枕 論'].sort());
    expect(inA.alert).toEqual(inA.search);
    const inB = await saveAndMatch(b, url);
    expect(inB.alert).toEqual(['草枕 貸出中']);
    expect(inB.alert).toEqual(inB.search);
    // and its opposite: what may not be reserved
    const notA = await saveAndMatch(a, { q: '草枕', reservable: 'false' });
    expect(notA.alert).toEqual(['草枕 所蔵なし', '草枕 禁帯出'].sort());
    expect(notA.alert).toEqual(notA.search);
  });

  it('facet values left out (NOT): material type, NDC, author, availability', async () => {
    const url = { q: '草枕', notMaterialType: 'magazine', notNdc: '291', notAuthorName: '平岡 敏夫', notAvailability: 'reference-only' };
    const r = await saveAndMatch(a, url);
    expect(r.alert).toEqual(['草枕 棚', '草枕 貸出中'].sort());
    expect(r.alert).toEqual(r.search);
  });

  it('exact author names and the publication-year range', async () => {
    const r = await saveAndMatch(b, { q: '草枕', authorName: '夏目 漱石,森 鷗外', yearFrom: '1960', yearTo: '2000' });
    expect(r.alert).toEqual(['草枕 貸出中', '草枕 禁帯出', '草枕と鷗外'].sort());
    expect(r.alert).toEqual(r.search);
  });

  it('several NDC classes (any of them) with availability, and an alert of filters alone', async () => {
    const r = await saveAndMatch(a, { q: '草枕', ndc: '913,914', availability: 'available' });
    expect(r.alert).toEqual(['草枕 棚', '草枕と鷗外'].sort());
    expect(r.alert).toEqual(r.search);
    const filtersOnly = await saveAndMatch(b, { authorName: '平岡 敏夫' });
    expect(filtersOnly.alert).toEqual(['草枕 論']);
    expect(filtersOnly.alert).toEqual(filtersOnly.search);
  });

  it('exclusion, author and years together: the alert finds only the one new record the search finds', async () => {
    const c = a;
    const lent = barcode('X');
    const records: RecordInput[] = [
      { title: '行人 棚', authors: soseki, publishedYear: 1950, items: [{ barcode: barcode(), branchCode: c.branches[0] }] },
      { title: '行人 貸出中', authors: soseki, publishedYear: 1970, items: [{ barcode: lent, branchCode: c.branches[0] }] },
      { title: '行人 禁帯出', authors: soseki, publishedYear: 1990, items: [{ barcode: barcode(), branchCode: c.branches[0], loanable: false }] },
      { title: '行人 旧蔵', authors: soseki, publishedYear: 1995, items: [{ barcode: barcode(), branchCode: c.branches[0], loanable: false }] },
      { title: '行人と鷗外', authors: ogai, publishedYear: 1980, items: [{ barcode: barcode(), branchCode: c.branches[0], loanable: false }] },
    ];
    const ids: Record<string, string> = {};
    for (const r of records) ids[r.title] = (await createRecord(t, c, r)).id;
    await setItemStatus(t, c.slug, lent, 'on-loan');
    // catalogued two days ago: the search finds it, a new-arrival alert does not (the time from the
    // test's clock: Citus takes no STABLE function of a column in an UPDATE)
    await inTenant(t, c.slug, () => tenantManager().query(`UPDATE records SET created_at = $2 WHERE id = $1`, [ids['行人 旧蔵'], new Date(Date.now() - 2 * 86_400_000)]));
    const r = await saveAndMatch(c, { q: '行人', notAvailability: 'on-loan', authorName: '夏目 漱石', yearFrom: '1960', yearTo: '2000' });
    expect(r.search).toEqual(['行人 旧蔵', '行人 禁帯出'].sort());
    expect(r.alert).toEqual(['行人 禁帯出']);
  });

  it('keeps an NDC given as one string (as alerts were saved before), and refuses what the search refuses', async () => {
    const base = `/api/t/${a.slug}/me/alerts`;
    const legacy = await t.http().post(base).set(auth[a.slug]).send({ name: '日本文学', query: { q: '草枕', ndc: '913' } }).expect(201);
    expect(legacy.body.query).toEqual({ q: '草枕', ndc: ['913'] });
    const reversed = await t.http().post(base).set(auth[a.slug]).send({ name: 'x', query: { q: '草枕', yearFrom: 2000, yearTo: 1990 } }).expect(400);
    expect(reversed.body.code).toBe('SEARCH_YEAR_RANGE');
    expect(reversed.body.message.ja).toMatch(/出版年/);
    for (const query of [{ notAvailability: ['sometimes'] }, { notNdc: ['abc'] }, { reservable: 'maybe' }, { yearFrom: 'old' }, { authorName: ['x'.repeat(101)] }]) {
      const res = await t.http().post(base).set(auth[a.slug]).send({ name: 'x', query: { q: '草枕', ...query } });
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION' });
    }
  });
});
