import type { StaffRecordSearchResult } from '@shiori/contracts';
import { createTestApp, TestApp } from './support/app';
import { barcode, bulkRecords, CatalogTenant, createRecord, search, titles, twoCatalogTenants } from './support/catalog-factories';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';

/** The answer of GET admin/records, as the contract declares it. */
type Result = StaffRecordSearchResult;

/** The librarians' catalogue search (GET admin/records): OPAC matching, barcodes, control numbers, withdrawn records. */
describe('catalogue search for librarians', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const auth = (c: CatalogTenant) => ({ Authorization: `Bearer ${c.token}` });
  const neko = { id: '', barcode: barcode('N'), reference: barcode('N') };
  let memoirId = '';
  let gingaId = '';

  /** GET admin/records as the tenant's librarian; expects 200. */
  async function find(c: CatalogTenant, query: Record<string, string | number>): Promise<Result> {
    const res = await t.http().get(`/api/t/${c.slug}/admin/records`).query(query).set(auth(c));
    if (res.status !== 200) throw new Error(`admin/records ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const r = await createRecord(t, a, {
      title: '吾輩は猫である',
      titleReading: 'ワガハイ ワ ネコ デ アル',
      authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
      publisher: '岩波書店',
      publishedYear: 1990,
      isbn: '4-00-310101-4',
      controlNumber: 'JP21547390',
      items: [
        { barcode: neko.barcode, branchCode: a.branches[0] },
        { barcode: neko.reference, branchCode: a.branches[1], loanable: false },
      ],
    });
    neko.id = r.id;
    await createRecord(t, a, {
      title: '坊っちゃん',
      titleReading: 'ボッチャン',
      authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
      publisher: '新潮社',
      isbn: '978-4-10-101003-8',
      items: [{ barcode: barcode('N'), branchCode: a.branches[0] }],
    });
    // 夏目 and 漱石 both occur, but not 夏目漱石: the bigram index matches, the re-check drops it
    memoirId = (await createRecord(t, a, { title: '漱石の思い出', authors: [{ name: '夏目 鏡子' }], publisher: '文藝春秋' })).id;
    const ginga = await createRecord(t, a, {
      title: '銀河鉄道の夜',
      titleReading: 'ギンガ テツドウ ノ ヨル',
      authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }],
      items: [{ barcode: barcode('N'), branchCode: a.branches[0] }],
    });
    gingaId = ginga.id;
    await t.http().delete(`/api/t/${a.slug}/admin/records/${ginga.id}`).set(auth(a)).expect(200);
  });
  afterAll(() => t.close());

  it('finds records by kanji, as the OPAC does, with the hit fields librarians need', async () => {
    const res = await find(a, { q: '猫' });
    expect(res).toMatchObject({ total: 1, page: 1, size: 20 });
    expect(res.hits).toEqual([
      {
        id: neko.id,
        title: '吾輩は猫である',
        titleReading: 'ワガハイ ワ ネコ デ アル',
        volume: null,
        authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
        publisher: '岩波書店',
        year: 1990,
        isbn: '9784003101018',
        controlNumber: 'JP21547390',
        materialType: 'book',
        withdrawnAt: null,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        copies: { total: 2, available: 1 },
      },
    ]);
    // a run of three or more characters is re-checked: 漱石の思い出 (夏目 鏡子) has 夏目 and 漱石, not 夏目漱石
    expect(titles(await find(a, { q: '夏目漱石', sort: 'title' }))).toEqual(['坊っちゃん', '吾輩は猫である']);
    expect(titles(await find(a, { q: '漱石' })).sort()).toEqual(['吾輩は猫である', '坊っちゃん', '漱石の思い出'].sort());
    expect(titles(await find(a, { q: '夏目 思い出' }))).toEqual(['漱石の思い出']);
  });

  it('finds records by their reading in hiragana or katakana', async () => {
    expect(titles(await find(a, { q: 'わがはい' }))).toEqual(['吾輩は猫である']);
    expect(titles(await find(a, { q: 'ぼっちゃん' }))).toEqual(['坊っちゃん']);
    expect(titles(await find(a, { q: 'ミヤザワ ケンジ', withdrawn: 'include' }))).toEqual(['銀河鉄道の夜']);
  });

  it('finds a record by its ISBN in any form, a copy barcode or the control number, each exactly', async () => {
    for (const isbn of ['978-4-00-310101-8', '9784003101018', '4-00-310101-4', '4003101014']) {
      expect(titles(await find(a, { q: isbn }))).toEqual(['吾輩は猫である']);
    }
    expect(titles(await find(a, { q: '978-4-10-101003-8' }))).toEqual(['坊っちゃん']);
    expect(titles(await find(a, { q: neko.barcode }))).toEqual(['吾輩は猫である']);
    expect(titles(await find(a, { q: ` ${neko.reference} ` }))).toEqual(['吾輩は猫である']);
    expect((await find(a, { q: neko.barcode.slice(0, -1) })).total).toBe(0);
    expect(titles(await find(a, { q: 'JP21547390' }))).toEqual(['吾輩は猫である']);
    expect(titles(await find(a, { q: 'ＪＰ２１５４７３９０' }))).toEqual(['吾輩は猫である']); // as an IME may type it
    expect((await find(a, { q: 'JP2154739' })).total).toBe(0);
  });

  it('leaves withdrawn records out by default; includes them, or shows only them, when asked', async () => {
    expect((await find(a, { q: '銀河鉄道' })).total).toBe(0);
    expect((await find(a, { q: '銀河鉄道', withdrawn: 'exclude' })).total).toBe(0);
    const included = await find(a, { q: '銀河鉄道', withdrawn: 'include' });
    expect(included.hits).toEqual([expect.objectContaining({ id: gingaId, title: '銀河鉄道の夜', copies: { total: 0, available: 0 } })]);
    expect(included.hits[0].withdrawnAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const only = await find(a, { withdrawn: 'only' });
    expect(only.total).toBe(1);
    expect(titles(only)).toEqual(['銀河鉄道の夜']);
    expect((await find(a, { q: '夏目', withdrawn: 'only' })).total).toBe(0);
    expect(titles(await find(a, { q: '夏目', withdrawn: 'include', sort: 'title' }))).toEqual(['坊っちゃん', '吾輩は猫である', '漱石の思い出']);
    // the public search never shows it
    expect(titles(await search(t, a.slug, { q: '銀河鉄道' }))).toEqual([]);
  });

  it('sorts by the latest change or by title, and pages with an exact total', async () => {
    await t.http().patch(`/api/t/${a.slug}/admin/records/${memoirId}`).set(auth(a)).send({ publishedYear: 1994 }).expect(200);
    expect(titles(await find(a, {}))[0]).toBe('漱石の思い出');
    expect(titles(await find(a, { withdrawn: 'include', sort: 'title' }))).toEqual(['銀河鉄道の夜', '坊っちゃん', '吾輩は猫である', '漱石の思い出']);

    await bulkRecords(t, a.slug, 25, (i) => ({ title: `佐原の大祭 記録集 第${i + 1}号`, receivedAt: '2026-04-01' }));
    const seen = new Set<string>();
    for (const [page, count] of [[1, 10], [2, 10], [3, 5]]) {
      const res = await find(a, { q: '佐原の大祭', size: 10, page });
      expect(res).toMatchObject({ total: 25, page, size: 10 });
      expect(res.hits).toHaveLength(count);
      for (const h of res.hits) seen.add(h.id);
    }
    expect(seen.size).toBe(25);
    expect(await find(a, { q: '佐原の大祭', size: 10, page: 4 })).toEqual({ total: 25, page: 4, size: 10, hits: [] });
    expect((await find(a, { size: 100 })).total).toBe(28); // everything but the withdrawn record
    expect((await find(a, { withdrawn: 'include', size: 1 })).total).toBe(29);
  });

  it('refuses bad parameters with problem+json', async () => {
    for (const query of [{ withdrawn: 'all' }, { sort: 'relevance' }, { size: 101 }, { page: 0 }, { page: 'x' }, { q: 'あ'.repeat(201) }, { unknown: '1' }]) {
      const res = await t.http().get(`/api/t/${a.slug}/admin/records`).query(query).set(auth(a)).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION');
    }
    const bad = await t.http().get(`/api/t/${a.slug}/admin/records`).query({ withdrawn: 'all' }).set(auth(a)).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['withdrawn']);
  });

  it('is for staff only: anonymous callers get 401, patrons 403', async () => {
    const anon = await t.http().get(`/api/t/${a.slug}/admin/records`).query({ q: '猫' }).expect(401);
    expect(anon.body.code).toBe('UNAUTHENTICATED');
    const patron = await createPatron(t, a.slug, a.token, { cardNumber: '0002468' });
    const password = await temporaryPassword(t, a.slug, a.token, patron.id);
    const login = await patronLogin(t, a.slug, '0002468', password).expect(200);
    const res = await t.http().get(`/api/t/${a.slug}/admin/records`).query({ q: '猫' }).set('Authorization', `Bearer ${login.body.token}`).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('keeps each tenant’s catalogue to itself', async () => {
    // another city's librarian cannot search this one
    const cross = await t.http().get(`/api/t/${a.slug}/admin/records`).query({ q: '猫' }).set(auth(b)).expect(403);
    expect(cross.body.code).toBe('FORBIDDEN');
    // and their own search sees none of this city's records, even by the same barcode
    expect((await find(b, { q: '吾輩は猫', withdrawn: 'include' })).total).toBe(0);
    expect((await find(b, { q: 'JP21547390' })).total).toBe(0);
    await createRecord(t, b, { title: '古賀の郷土誌', items: [{ barcode: neko.barcode, branchCode: b.branches[0] }] });
    expect(titles(await find(b, { q: neko.barcode }))).toEqual(['古賀の郷土誌']);
    expect(titles(await find(a, { q: neko.barcode }))).toEqual(['吾輩は猫である']);
    expect((await find(b, { withdrawn: 'include' })).total).toBe(1);
  });
});
