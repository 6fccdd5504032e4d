import { Client } from 'pg';
import { tenantSchemaName } from '@shiori/tenancy';
import { adminToken, createTestApp, PUBLIC_URL, TestApp, uniqueSlug } from './support/app';
import { CatalogTenant, createRecord, inTenant } from './support/catalog-factories';
import { api, expectStatus, Library, seedPatron, setupLibrary } from './support/circulation-factories';
import { tenantManager } from '@shiori/tenancy';

/** ISBN-13 of 978 + `nine` and the matching ISBN-10, both with valid check digits. */
function isbnPair(nine: string): { isbn13: string; isbn10: string } {
  const twelve = `978${nine}`;
  const sum13 = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  const isbn13 = twelve + ((10 - (sum13 % 10)) % 10);
  const sum10 = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const c10 = (11 - (sum10 % 11)) % 11;
  return { isbn13, isbn10: nine + (c10 === 10 ? 'X' : String(c10)) };
}

async function catalogTenant(t: TestApp, lib: Library): Promise<CatalogTenant> {
  const branches = await inTenant(t, lib.slug, async () => (await tenantManager().query(`SELECT code FROM branches ORDER BY sort, code`)).map((b: { code: string }) => b.code));
  return { slug: lib.slug, token: lib.staff, branches };
}

interface Work {
  key: string;
  isbn: string | null;
  title: string;
  status: string;
  holdings: { city: string; cityName: string; recordUrl: string; recordId: string; copies: number; available: number; onLoan: number; status: string }[];
}

/**
 * 横断検索 (issue #15): one query in every member city, each city in its own statement, the
 * same work grouped with each city's holdings; a suspended, failing or slow city is named as
 * missing and the others answer; availability by ISBN as 横断検索 services ask for it.
 */
describe('regional search and availability over member cities (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let a: Library;
  let b: Library;
  let slow: Library;
  let outsider: Library;
  let region: string;
  let borrower: { name: string; cardNumber: string };
  const book = isbnPair(`10${String(Date.now()).slice(-7)}`);
  const bookHyphen13 = `${book.isbn13.slice(0, 3)}-${book.isbn13.slice(3, 4)}-${book.isbn13.slice(4, 9)}-${book.isbn13.slice(9, 12)}-${book.isbn13.slice(12)}`;
  const searchRegion = (query: Record<string, string | number | boolean>, code = region) => t.http().get(`/api/r/${code}/search`).query(query);

  beforeAll(async () => {
    t = await createTestApp({ REGION_SEARCH_DEADLINE_MS: '3000' });
    admin = await adminToken(t);
    a = await setupLibrary(t, admin, 'kitakyushu');
    b = await setupLibrary(t, admin, 'koga');
    slow = await setupLibrary(t, admin, 'katori');
    outsider = await setupLibrary(t, admin, 'kushiro');
    const [ca, cb, co] = [await catalogTenant(t, a), await catalogTenant(t, b), await catalogTenant(t, outsider)];

    // the same book: ISBN-13 with hyphens in A (two copies on the shelf), ISBN-10 in B (one copy, lent)
    await createRecord(t, ca, {
      title: '坊っちゃん',
      titleReading: 'ボッチャン',
      authors: [{ name: '夏目漱石' }],
      isbn: bookHyphen13,
      publishedYear: 1906,
      items: [{ barcode: `RA1${book.isbn10}`, branchCode: ca.branches[0] }, { barcode: `RA2${book.isbn10}`, branchCode: ca.branches[0] }],
    });
    await createRecord(t, cb, { title: '坊っちゃん', titleReading: 'ボッチャン', authors: [{ name: '夏目 漱石' }], isbn: book.isbn10, publishedYear: 1906, items: [{ barcode: `RB1${book.isbn10}`, branchCode: cb.branches[0] }] });
    const patron = await seedPatron(b, { name: '秘密 花子' });
    borrower = patron;
    expectStatus(await api(b).checkout(patron.cardNumber, `RB1${book.isbn10}`), 201);
    // no ISBN: grouped by title and author, folded (全角/半角, spacing)
    await createRecord(t, ca, { title: '吾輩は猫である', authors: [{ name: '夏目漱石' }], items: [{ barcode: `RA3${book.isbn10}`, branchCode: ca.branches[0] }] });
    await createRecord(t, cb, { title: '吾輩は猫である', authors: [{ name: '夏目　漱石' }], items: [{ barcode: `RB2${book.isbn10}`, branchCode: cb.branches[0] }] });
    // only in A
    await createRecord(t, ca, { title: '三四郎', authors: [{ name: '夏目漱石' }], items: [{ barcode: `RA4${book.isbn10}`, branchCode: ca.branches[0] }] });
    // a city outside the region holds the book too: it must not show
    await createRecord(t, co, { title: '坊っちゃん', authors: [{ name: '夏目漱石' }], isbn: book.isbn13, items: [{ barcode: `RO1${book.isbn10}`, branchCode: co.branches[0] }] });

    region = uniqueSlug('r');
    await t
      .http()
      .post('/api/platform/regions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: region, name: '福岡県', nameEn: 'Fukuoka Prefecture', members: [a.slug, b.slug, slow.slug] })
      .expect(201);
  });
  afterAll(() => t.close());

  it('finds a title held by two cities and groups it, with each city’s copies, availability and record page', async () => {
    const res = await searchRegion({ q: '坊っちゃん' }).expect(200);
    expect(res.body.region).toMatchObject({ code: region, name: '福岡県', nameEn: 'Fukuoka Prefecture' });
    expect(res.body.missing).toEqual([]);
    const works: Work[] = res.body.works;
    expect(works).toHaveLength(1);
    const [work] = works;
    expect(work).toMatchObject({ isbn: book.isbn13, title: '坊っちゃん', status: 'available' });
    expect(work.holdings.map((h) => h.city).sort()).toEqual([a.slug, b.slug].sort());
    const inA = work.holdings.find((h) => h.city === a.slug)!;
    const inB = work.holdings.find((h) => h.city === b.slug)!;
    expect(inA).toMatchObject({ copies: 2, available: 2, onLoan: 0, status: 'available' });
    expect(inB).toMatchObject({ copies: 1, available: 0, onLoan: 1, status: 'on-loan' });
    expect(inA.recordUrl).toBe(`${PUBLIC_URL}/opac/${a.slug}/records/${inA.recordId}`);
    // the record page behind the link is the city's own
    const page = await t.http().get(`/api/t/${b.slug}/records/${inB.recordId}`).expect(200);
    expect(page.body.title).toBe('坊っちゃん');
    // the city outside the region is not asked
    expect(JSON.stringify(res.body)).not.toContain(outsider.slug);
  });

  it('without words searches nothing and names the region and its libraries', async () => {
    const res = await searchRegion({}).expect(200);
    expect(res.body).toMatchObject({ total: 0, works: [], missing: [] });
    expect(res.body.members.map((m: { city: string }) => m.city)).toEqual([a.slug, b.slug, slow.slug]);
    expect(res.body.members[0].opacUrl).toBe(`${PUBLIC_URL}/opac/${a.slug}/`);
  });

  it('finds the same work by its reading and by either ISBN form, as a city’s search does', async () => {
    for (const q of ['ぼっちゃん', book.isbn10, bookHyphen13]) {
      const res = await searchRegion({ q }).expect(200);
      expect(res.body.works.map((w: Work) => w.isbn)).toContain(book.isbn13);
    }
  });

  it('groups records without an ISBN by title and author, and keeps other works apart', async () => {
    const res = await searchRegion({ q: '夏目漱石' }).expect(200);
    const cat = res.body.works.find((w: Work) => w.title === '吾輩は猫である');
    expect(cat.holdings.map((h: { city: string }) => h.city).sort()).toEqual([a.slug, b.slug].sort());
    const sanshiro = res.body.works.find((w: Work) => w.title === '三四郎');
    expect(sanshiro.holdings.map((h: { city: string }) => h.city)).toEqual([a.slug]);
    expect(res.body.total).toBe(3);
    // facets: cities with their record counts, availability, year
    expect(res.body.facets.city).toEqual(expect.arrayContaining([{ value: a.slug, label: expect.any(String), count: 3 }, { value: b.slug, label: expect.any(String), count: 2 }]));
    expect(res.body.facets.availability.find((f: { value: string }) => f.value === 'on-loan')).toMatchObject({ count: 1 });
    expect(res.body.facets.year).toEqual(expect.arrayContaining([expect.objectContaining({ from: 1900, count: 2 })]));
  });

  it('filters by city and availability, and pages over works', async () => {
    const onlyB = await searchRegion({ q: '夏目漱石', city: b.slug }).expect(200);
    expect(onlyB.body.works.map((w: Work) => w.title).sort()).toEqual(['吾輩は猫である', '坊っちゃん'].sort());
    const available = await searchRegion({ q: '坊っちゃん', available: true }).expect(200);
    expect(available.body.works[0].holdings.map((h: { city: string }) => h.city)).toEqual([a.slug]);
    const page1 = await searchRegion({ q: '夏目漱石', size: 2, page: 1 }).expect(200);
    const page2 = await searchRegion({ q: '夏目漱石', size: 2, page: 2 }).expect(200);
    expect(page1.body.works).toHaveLength(2);
    expect(page2.body.works).toHaveLength(1);
    const titles = [...page1.body.works, ...page2.body.works].map((w: Work) => w.title);
    expect(new Set(titles).size).toBe(3);
  });

  it('予約可 under each city’s own hold rule, and the publication-year range, in every city', async () => {
    // 吾輩は猫である is on the shelf in both: Kitakyushu reserves any loanable copy of its own, Koga only copies that are out
    const cat = await searchRegion({ q: '吾輩は猫である', reservable: true }).expect(200);
    expect(cat.body.works.map((w: Work) => w.holdings.map((h) => h.city))).toEqual([[a.slug]]);
    const notCat = await searchRegion({ q: '吾輩は猫である', reservable: false }).expect(200);
    expect(notCat.body.works.map((w: Work) => w.holdings.map((h) => h.city))).toEqual([[b.slug]]);
    // 坊っちゃん: on the shelf in Kitakyushu, lent in Koga: reservable in both
    const botchan = await searchRegion({ q: '坊っちゃん', reservable: 'true' }).expect(200);
    expect(botchan.body.works[0].holdings.map((h: { city: string }) => h.city).sort()).toEqual([a.slug, b.slug].sort());
    // only 坊っちゃん (1906) has a publication year in 1900–1910
    const years = await searchRegion({ q: '夏目漱石', yearFrom: 1900, yearTo: 1910 }).expect(200);
    expect(years.body.works.map((w: Work) => w.title)).toEqual(['坊っちゃん']);
    // a reversed range is refused once for the region, with the city search's code and message
    const reversed = await searchRegion({ q: '夏目漱石', yearFrom: 1910, yearTo: 1900 }).expect(400);
    expect(reversed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(reversed.body.code).toBe('SEARCH_YEAR_RANGE');
    expect(reversed.body.message.ja).toMatch(/出版年/);
    expect((await searchRegion({ q: 'a', reservable: 'maybe' }).expect(400)).body.code).toBe('VALIDATION');
  });

  it('the city search’s newer filters in every city: several availability states, NOT, exact author names', async () => {
    const holders = async (query: Record<string, string>) => {
      const res = await searchRegion({ q: '夏目漱石', ...query });
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return Object.fromEntries(res.body.works.map((w: Work) => [w.title, w.holdings.map((h) => h.city).sort()]));
    };
    // 坊っちゃん is lent in Koga; everything else is on the shelf
    expect(await holders({ availability: 'on-loan' })).toEqual({ 坊っちゃん: [b.slug] });
    expect(await holders({ availability: 'on-loan,available' })).toEqual({ 坊っちゃん: [a.slug, b.slug].sort(), 吾輩は猫である: [a.slug, b.slug].sort(), 三四郎: [a.slug] });
    expect(await holders({ notAvailability: 'available' })).toEqual({ 坊っちゃん: [b.slug] });
    // exact names as each city catalogues them: Kitakyushu 夏目漱石, Koga 夏目 漱石 (坊っちゃん) and 夏目　漱石 (吾輩は猫である)
    expect(await holders({ authorName: '夏目 漱石' })).toEqual({ 坊っちゃん: [b.slug] });
    expect(await holders({ authorName: '夏目漱石,夏目 漱石' })).toEqual({ 坊っちゃん: [a.slug, b.slug].sort(), 吾輩は猫である: [a.slug], 三四郎: [a.slug] });
    expect(await holders({ notAuthorName: '夏目漱石' })).toEqual({ 坊っちゃん: [b.slug], 吾輩は猫である: [b.slug] });
    // NOT a material type: every record here is a book
    expect(await holders({ notMaterialType: 'book' })).toEqual({});
    expect(await holders({ notMaterialType: 'magazine', authorName: '夏目 漱石', yearFrom: '1900', yearTo: '1910' })).toEqual({ 坊っちゃん: [b.slug] });
    const bads: Record<string, string>[] = [{ availability: 'sometimes' }, { notAvailability: 'x' }, { authorName: 'x'.repeat(101) }, { notMaterialType: 'not a code' }];
    for (const bad of bads) {
      const res = await searchRegion({ q: 'a', ...bad });
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION' });
    }
  });

  it('reveals nothing but the public catalogue (no patron, loan or staff data)', async () => {
    const res = await searchRegion({ q: '坊っちゃん' }).expect(200);
    const avail = await t.http().get(`/api/r/${region}/availability`).query({ isbn: book.isbn13 }).expect(200);
    for (const body of [JSON.stringify(res.body), JSON.stringify(avail.body)]) {
      expect(body).not.toContain(borrower.name);
      expect(body).not.toContain(borrower.cardNumber);
      expect(body).not.toMatch(/patron|dueDate|due_date|barcode|RB1/i);
    }
    expect(res.headers['cache-control']).toMatch(/public/);
  });

  it('availability by ISBN-10 and ISBN-13: 貸出可 / 貸出中 / 蔵書なし per city, with the record page', async () => {
    const res = await t.http().get(`/api/r/${region}/availability`).query({ isbn: `${book.isbn10},${bookHyphen13}` }).expect(200);
    expect(res.body.books).toHaveLength(2);
    for (const entry of res.body.books) {
      expect(entry.isbn).toBe(book.isbn13);
      const by = Object.fromEntries(entry.libraries.map((l: { city: string }) => [l.city, l]));
      expect(by[a.slug]).toMatchObject({ status: 'available', label: { ja: '貸出可' }, copies: 2, available: 2 });
      expect(by[a.slug].recordUrl).toMatch(new RegExp(`^${PUBLIC_URL}/opac/${a.slug}/records/`));
      expect(by[b.slug]).toMatchObject({ status: 'on-loan', label: { ja: '貸出中' }, copies: 1, available: 0 });
      expect(by[slow.slug]).toMatchObject({ status: 'not-held', label: { ja: '蔵書なし' }, recordUrl: null });
    }
    const bad = await t.http().get(`/api/r/${region}/availability`).query({ isbn: '9784101010130' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION' });
    expect(bad.body.errors[0]).toMatchObject({ path: 'isbn.0', code: 'ISBN' });
    await t.http().get(`/api/r/${region}/availability`).expect(400);
  });

  it('an unknown region is problem+json REGION_NOT_FOUND; bad query values are VALIDATION', async () => {
    for (const path of [`/api/r/${uniqueSlug('x')}/search?q=a`, `/api/r/${uniqueSlug('x')}/availability?isbn=${book.isbn13}`, '/api/r/NO_SUCH/search?q=a']) {
      const res = await t.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'REGION_NOT_FOUND' });
      expect(res.body.message.en).toBeTruthy();
    }
    const bad = await searchRegion({ q: 'a', size: 1000, city: 'Not A City' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION');
  });

  it('a suspended member city is named as missing and the others answer in full', async () => {
    await t.http().patch(`/api/platform/tenants/${b.slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'suspended' }).expect(200);
    try {
      const res = await searchRegion({ q: '坊っちゃん' }).expect(200);
      expect(res.body.missing).toEqual([expect.objectContaining({ city: b.slug, reason: 'suspended', message: expect.objectContaining({ ja: expect.any(String) }) })]);
      const [work] = res.body.works;
      expect(work.holdings).toEqual([expect.objectContaining({ city: a.slug, copies: 2, available: 2 })]);
      const avail = await t.http().get(`/api/r/${region}/availability`).query({ isbn: book.isbn13 }).expect(200);
      expect(avail.body.missing.map((m: { city: string }) => m.city)).toEqual([b.slug]);
      expect(avail.body.books[0].libraries.map((l: { city: string }) => l.city).sort()).toEqual([a.slug, slow.slug].sort());
    } finally {
      await t.http().patch(`/api/platform/tenants/${b.slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'active' }).expect(200);
    }
  });

  it('a member city that fails is named as missing (error); one that does not answer by the deadline, as timeout', async () => {
    const records = `"${tenantSchemaName(slow.slug)}".records`;
    await t.ds.query(`ALTER TABLE ${records} RENAME TO records_away`);
    try {
      const res = await searchRegion({ q: '坊っちゃん' }).expect(200);
      expect(res.body.missing).toEqual([expect.objectContaining({ city: slow.slug, reason: 'error' })]);
      expect(res.body.works[0].holdings.map((h: { city: string }) => h.city).sort()).toEqual([a.slug, b.slug].sort());
    } finally {
      await t.ds.query(`ALTER TABLE "${tenantSchemaName(slow.slug)}".records_away RENAME TO records`);
    }

    // a transaction holding the city's records table: its search waits until after the deadline
    const blocker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${records} IN ACCESS EXCLUSIVE MODE`);
      const res = await searchRegion({ q: '坊っちゃん' }).expect(200);
      expect(res.body.missing).toEqual([expect.objectContaining({ city: slow.slug, reason: 'timeout' })]);
      expect(res.body.works[0].holdings.map((h: { city: string }) => h.city).sort()).toEqual([a.slug, b.slug].sort());
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });
});
