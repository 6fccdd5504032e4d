import type { SearchFacets, SearchHit, SearchResult } from '@shiori/contracts';
import { createTestApp, TestApp } from './support/app';
import { tenantManager } from '@shiori/tenancy';
import { SEARCH_BUCKETS } from '../src/modules/catalog/search/buckets';
import { buildSearchDocument } from '../src/modules/catalog/search/document';
import { barcode, bulkRecords, CatalogTenant, createRecord, inTenant, RecordInput, search, setItemStatus, titles, twoCatalogTenants } from './support/catalog-factories';

/**
 * Japanese-first search on real titles: folding (NFKC, kana, long vowels, 竜/龍), bigrams
 * and one-character queries, readings, ISBNs, field queries, facets, sorts, pages and
 * availability; ETag, Cache-Control and the per-IP limit; two tenants.
 */
describe('catalogue search', () => {
  let t: TestApp;
  let a: CatalogTenant; // 香取 (4 branches)
  let b: CatalogTenant; // 古賀 (1 branch)
  const ids: Record<string, string> = {};
  const loaned = barcode('L');

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const [sawara, omigawa, yamada] = a.branches;
    const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
    const records: RecordInput[] = [
      { title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', authors: soseki, publisher: '岩波書店', publishedYear: 1990, isbn: '978-4-00-310101-8', ndc: '913.6', receivedAt: '2024-05-01', items: [{ barcode: barcode(), branchCode: sawara }, { barcode: barcode(), branchCode: omigawa }] },
      { title: '坊っちゃん', titleReading: 'ボッチャン', authors: soseki, publisher: '新潮社', publishedYear: 1950, ndc: '913.6', receivedAt: '2023-01-10', items: [{ barcode: barcode(), branchCode: sawara }] },
      { title: 'こころ', titleReading: 'ココロ', authors: soseki, publisher: '岩波書店', publishedYear: 1927, ndc: '913.6', receivedAt: '2025-02-01', items: [{ barcode: barcode(), branchCode: omigawa }] },
      { title: '羅生門', titleReading: 'ラショウモン', authors: [{ name: '芥川 龍之介', reading: 'アクタガワ リュウノスケ' }], publisher: '新潮社', publishedYear: 1968, isbn: '4101025010', ndc: '913.6', receivedAt: '2022-04-01', items: [{ barcode: barcode(), branchCode: yamada }] },
      { title: '羅生門・鼻・芋粥', titleReading: 'ラショウモン ハナ イモガユ', authors: [{ name: '芥川 龍之介', reading: 'アクタガワ リュウノスケ' }], publisher: '角川書店', publishedYear: 1989, ndc: '913.6', receivedAt: '2022-04-02', items: [{ barcode: barcode(), branchCode: sawara }] },
      { title: '龍の子太郎', titleReading: 'タツノコ タロウ', authors: [{ name: '松谷 みよ子', reading: 'マツタニ ミヨコ' }], publisher: '講談社', publishedYear: 2006, ndc: '913.8', receivedAt: '2021-06-01', items: [{ barcode: loaned, branchCode: yamada }] },
      { title: '竜馬がゆく', titleReading: 'リョウマ ガ ユク', volume: '1', series: '文春文庫', authors: [{ name: '司馬 遼太郎', reading: 'シバ リョウタロウ' }], publisher: '文藝春秋', publishedYear: 1998, ndc: '913.6', receivedAt: '2020-01-01', items: [{ barcode: barcode(), branchCode: sawara }] },
      { title: '竜馬がゆく', titleReading: 'リョウマ ガ ユク', volume: '2', series: '文春文庫', authors: [{ name: '司馬 遼太郎', reading: 'シバ リョウタロウ' }], publisher: '文藝春秋', publishedYear: 1998, ndc: '913.6', receivedAt: '2020-01-01', items: [{ barcode: barcode(), branchCode: sawara }] },
      { title: '銀河鉄道の夜', titleReading: 'ギンガ テツドウ ノ ヨル', authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }], publisher: '新潮社', publishedYear: 1989, ndc: '913.6', receivedAt: '2019-07-07', items: [{ barcode: barcode(), branchCode: omigawa }] },
      { title: 'コンピューター入門', titleReading: 'コンピューター ニュウモン', authors: [{ name: '田中 一郎' }], publisher: 'オーム社', publishedYear: 2020, ndc: '007', receivedAt: '2024-09-09', items: [{ barcode: barcode(), branchCode: sawara, loanable: false }] },
      { title: '日本茶の話', titleReading: 'ニホンチャ ノ ハナシ', publisher: '淡交社', publishedYear: 2010, ndc: '596', receivedAt: '2018-01-01' },
      { title: '日本の本茶', titleReading: 'ニホン ノ ホンチャ', publisher: '淡交社', publishedYear: 2011, ndc: '596', receivedAt: '2018-01-02' },
      { title: 'The war game', subtitle: 'ten great battles recreated from history', authors: [{ name: 'Young, Peter' }], publisher: 'Dutton', publishedYear: 1972, ndc: '794', receivedAt: '2017-01-01' },
      { title: 'ねこ新聞', titleReading: 'ネコ シンブン', materialType: 'magazine', publisher: '猫新聞社', publishedYear: 2024, receivedAt: '2025-03-01', items: [{ barcode: barcode(), branchCode: sawara }] },
      { title: '交響曲第九番', materialType: 'av', publishedYear: 2001, ndc: '764', receivedAt: '2016-01-01', items: [{ barcode: barcode(), branchCode: omigawa }] },
    ];
    for (const r of records) {
      const created = await createRecord(t, a, r);
      ids[`${r.title}${r.volume ?? ''}`] = created.id;
    }
    await setItemStatus(t, a.slug, loaned, 'on-loan');
    // the other city has its own 羅生門-less catalogue
    await createRecord(t, b, { title: '猫の事務所', titleReading: 'ネコ ノ ジムショ', authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }], items: [{ barcode: barcode(), branchCode: b.branches[0] }] });
  });
  afterAll(() => t.close());

  it('finds 吾輩は猫である by 猫, ねこ, ネコ, ﾈｺ and 吾輩', async () => {
    for (const q of ['猫', 'ねこ', 'ネコ', 'ﾈｺ', '吾輩', '吾輩は猫', 'わがはいわねこである', 'ワガハイ']) {
      expect({ q, titles: titles(await search(t, a.slug, { q })) }).toEqual({ q, titles: expect.arrayContaining(['吾輩は猫である']) });
    }
    // 猫 is in a title and in a publisher's name; the title match ranks first
    const neko = await search(t, a.slug, { q: '猫' });
    expect(neko.total).toBe(2);
    expect(neko.exact).toBe(true);
    expect(titles(neko)).toEqual(['吾輩は猫である', 'ねこ新聞']);
    // ねこ (a reading) finds the kanji title and the hiragana one
    expect(titles(await search(t, a.slug, { q: 'ねこ' })).sort()).toEqual(['ねこ新聞', '吾輩は猫である'].sort());
  });

  it('finds 羅生門 by its reading in hiragana, katakana and half-width katakana; the exact title first', async () => {
    for (const q of ['羅生門', 'らしょうもん', 'ラショウモン', 'ﾗｼｮｳﾓﾝ', 'らしょう']) {
      const res = await search(t, a.slug, { q });
      expect({ q, first: res.hits[0]?.title }).toEqual({ q, first: '羅生門' });
      expect(titles(res).sort()).toEqual(['羅生門', '羅生門・鼻・芋粥'].sort());
    }
  });

  it('treats 竜 and 龍 alike', async () => {
    const ryu = titles(await search(t, a.slug, { q: '竜' })).sort();
    expect(ryu).toEqual(['竜馬がゆく', '竜馬がゆく', '羅生門', '羅生門・鼻・芋粥', '龍の子太郎'].sort()); // 芥川 龍之介
    expect(titles(await search(t, a.slug, { q: '龍' })).sort()).toEqual(ryu);
    expect(titles(await search(t, a.slug, { q: '龍馬がゆく' }))).toEqual(['竜馬がゆく', '竜馬がゆく']);
    expect(titles(await search(t, a.slug, { q: '竜の子' }))).toEqual(['龍の子太郎']);
    expect(titles(await search(t, a.slug, { author: '芥川竜之介' })).sort()).toEqual(['羅生門', '羅生門・鼻・芋粥'].sort());
  });

  it('folds long vowels, full-width letters and case', async () => {
    for (const q of ['コンピュータ', 'コンピューター', 'こんぴゅーた', 'ｺﾝﾋﾟｭｰﾀｰ入門']) {
      expect({ q, titles: titles(await search(t, a.slug, { q })) }).toEqual({ q, titles: ['コンピューター入門'] });
    }
    for (const q of ['war game', 'WAR', 'ＴＨＥ　ＷＡＲ　ＧＡＭＥ', 'battles']) {
      expect({ q, titles: titles(await search(t, a.slug, { q })) }).toEqual({ q, titles: ['The war game'] });
    }
  });

  it('re-checks bigram matches: 日本茶 is not found in 日本の本茶', async () => {
    expect(titles(await search(t, a.slug, { q: '日本茶' }))).toEqual(['日本茶の話']);
    expect(titles(await search(t, a.slug, { q: '本茶' })).sort()).toEqual(['日本の本茶', '日本茶の話'].sort());
    // words separated by a space are separate terms
    expect(titles(await search(t, a.slug, { q: '銀河 夜' }))).toEqual(['銀河鉄道の夜']);
    expect(titles(await search(t, a.slug, { q: '夏目 こころ' }))).toEqual(['こころ']);
  });

  it('finds a record by ISBN-13 or ISBN-10, with or without hyphens', async () => {
    for (const q of ['978-4-00-310101-8', '9784003101018', '4-00-310101-4', '4003101014', '９７８４００３１０１０１８']) {
      expect({ q, titles: titles(await search(t, a.slug, { q })) }).toEqual({ q, titles: ['吾輩は猫である'] });
      expect({ q, titles: titles(await search(t, a.slug, { isbn: q })) }).toEqual({ q, titles: ['吾輩は猫である'] });
    }
    expect(titles(await search(t, a.slug, { q: '978-4-10-102501-8' }))).toEqual(['羅生門']);
    expect(titles(await search(t, a.slug, { isbn: '4-10-102501-0' }))).toEqual(['羅生門']);
    // a wrong check digit is no ISBN: nothing is found
    expect((await search(t, a.slug, { isbn: '978-4-00-310101-9' })).total).toBe(0);
  });

  it('searches one field: title, author, publisher', async () => {
    expect(titles(await search(t, a.slug, { title: 'こころ' }))).toEqual(['こころ']);
    expect(titles(await search(t, a.slug, { author: '夏目漱石', sort: 'title' }))).toEqual(['こころ', '坊っちゃん', '吾輩は猫である']);
    expect(titles(await search(t, a.slug, { author: 'なつめ' })).sort()).toEqual(['こころ', '坊っちゃん', '吾輩は猫である'].sort());
    expect(titles(await search(t, a.slug, { publisher: '新潮社', sort: 'title' }))).toEqual(['銀河鉄道の夜', '坊っちゃん', '羅生門']);
    // 猫 as a title word, not the publisher 猫新聞社
    expect(titles(await search(t, a.slug, { title: '猫' }))).toEqual(['吾輩は猫である']);
    expect(titles(await search(t, a.slug, { publisher: '猫' }))).toEqual(['ねこ新聞']);
    expect(titles(await search(t, a.slug, { q: '夏目', title: '猫' }))).toEqual(['吾輩は猫である']);
  });

  it('sorts by relevance, newest and 五十音順, with volumes in order', async () => {
    const all = await search(t, a.slug, { ndc: '913', sort: 'title', size: 50 });
    expect(titles(all)).toEqual(['銀河鉄道の夜', 'こころ', '龍の子太郎', '坊っちゃん', '羅生門', '羅生門・鼻・芋粥', '竜馬がゆく', '竜馬がゆく', '吾輩は猫である']);
    expect(all.hits.filter((h) => h.title === '竜馬がゆく').map((h) => h.volume)).toEqual(['1', '2']);
    const newest = await search(t, a.slug, { ndc: '913', sort: 'newest', size: 3 });
    expect(titles(newest)).toEqual(['こころ', '吾輩は猫である', '坊っちゃん']);
    const relevance = await search(t, a.slug, { q: '羅生門', sort: 'relevance' });
    expect(relevance.sort).toBe('relevance');
    expect(titles(relevance)[0]).toBe('羅生門');
  });

  it('pages through results with a stable total', async () => {
    const p1 = await search(t, a.slug, { author: '夏目漱石', sort: 'title', size: 2, page: 1 });
    const p2 = await search(t, a.slug, { author: '夏目漱石', sort: 'title', size: 2, page: 2 });
    const p3 = await search(t, a.slug, { author: '夏目漱石', sort: 'title', size: 2, page: 3 });
    expect([p1.total, p2.total, p3.total]).toEqual([3, 3, 3]);
    expect({ page: p1.page, size: p1.size }).toEqual({ page: 1, size: 2 });
    expect(titles(p1)).toEqual(['こころ', '坊っちゃん']);
    expect(titles(p2)).toEqual(['吾輩は猫である']);
    expect(titles(p3)).toEqual([]);
  });

  it('shows availability in each hit, computed with the search', async () => {
    const found = await search(t, a.slug, { q: '吾輩は猫である' });
    // exactly the contract's fields (a field added to or removed from SearchResult, SearchHit or SearchFacets fails tsc here)
    const answerKeys: Record<keyof Omit<SearchResult, 'didYouMean'>, true> = { total: true, exact: true, page: true, size: true, sort: true, hits: true, facets: true };
    const hitKeys: Record<keyof SearchHit, true> = {
      id: true, title: true, titleReading: true, subtitle: true, authors: true, year: true, publisher: true, materialType: true,
      series: true, volume: true, isbn: true, receivedAt: true, availability: true,
    };
    const facetKeys: Record<keyof SearchFacets, true> = { materialType: true, branch: true, availability: true, year: true, ndc: true, author: true, reservable: true, years: true };
    expect(Object.keys(found).sort()).toEqual(Object.keys(answerKeys).sort());
    expect(Object.keys(found.hits[0]).sort()).toEqual(Object.keys(hitKeys).sort());
    expect(Object.keys(found.facets).sort()).toEqual(Object.keys(facetKeys).sort());
    const neko = found.hits[0];
    expect(neko).toMatchObject({ title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }], year: 1990, publisher: '岩波書店', materialType: 'book' });
    expect(neko.availability).toEqual({ total: 2, available: 2, onLoan: 0, status: 'available' });
    expect((await search(t, a.slug, { q: '龍の子太郎' })).hits[0].availability).toEqual({ total: 1, available: 0, onLoan: 1, status: 'on-loan' });
    expect((await search(t, a.slug, { q: 'コンピューター入門' })).hits[0].availability).toEqual({ total: 1, available: 0, onLoan: 0, status: 'reference-only' });
    expect((await search(t, a.slug, { q: '日本茶の話' })).hits[0].availability).toEqual({ total: 0, available: 0, onLoan: 0, status: 'unavailable' });
  });

  it('filters by availability, branch, material type, year and NDC', async () => {
    const [sawara, omigawa, yamada] = a.branches;
    expect(titles(await search(t, a.slug, { q: '竜', available: true })).sort()).toEqual(['竜馬がゆく', '竜馬がゆく', '羅生門', '羅生門・鼻・芋粥'].sort());
    expect(titles(await search(t, a.slug, { q: '竜', available: false }))).toEqual(['龍の子太郎']);
    expect(titles(await search(t, a.slug, { author: '夏目漱石', branch: omigawa, sort: 'title' }))).toEqual(['こころ', '吾輩は猫である']);
    expect(titles(await search(t, a.slug, { q: '竜', branch: yamada, sort: 'title' }))).toEqual(['龍の子太郎', '羅生門']);
    // available at that branch: 龍の子太郎's only copy there is on loan
    expect(titles(await search(t, a.slug, { q: '竜', branch: yamada, available: true }))).toEqual(['羅生門']);
    expect(titles(await search(t, a.slug, { q: '竜', branch: `${sawara},${yamada}`, sort: 'title' }))).toEqual(['龍の子太郎', '羅生門', '羅生門・鼻・芋粥', '竜馬がゆく', '竜馬がゆく']);
    expect(titles(await search(t, a.slug, { materialType: 'magazine' }))).toEqual(['ねこ新聞']);
    expect(titles(await search(t, a.slug, { materialType: 'magazine,av', sort: 'title' }))).toEqual(['ねこ新聞', '交響曲第九番']); // kana readings before kanji-only titles
    expect(titles(await search(t, a.slug, { author: '夏目漱石', yearFrom: 1928, yearTo: 1990, sort: 'title' }))).toEqual(['坊っちゃん', '吾輩は猫である']);
    expect(titles(await search(t, a.slug, { ndc: '5' })).sort()).toEqual(['日本の本茶', '日本茶の話'].sort());
    expect(titles(await search(t, a.slug, { ndc: '913.8' }))).toEqual(['龍の子太郎']);
  });

  it('returns facets for material type, branch, availability, year and NDC', async () => {
    const res = await search(t, a.slug, { q: '新潮社' });
    expect(res.total).toBe(3);
    expect(res.facets.materialType).toEqual([{ value: 'book', count: 3 }]);
    expect(res.facets.branch).toEqual(
      expect.arrayContaining([
        { value: a.branches[0], label: expect.any(String), count: 1 },
        { value: a.branches[1], label: expect.any(String), count: 1 },
        { value: a.branches[2], label: expect.any(String), count: 1 },
      ]),
    );
    expect(res.facets.availability).toEqual([{ value: 'available', count: 3 }]);
    expect(res.facets.year).toEqual([
      { from: 1980, to: 1989, count: 1 },
      { from: 1960, to: 1969, count: 1 },
      { from: 1950, to: 1959, count: 1 },
    ]);
    expect(res.facets.ndc).toEqual([{ value: '9', count: 3 }]);
    const mixed = await search(t, a.slug, { q: '竜' });
    expect(mixed.facets.availability).toEqual([
      { value: 'available', count: 4 },
      { value: 'on-loan', count: 1 },
    ]);
  });

  it('answers nothing for a query with nothing searchable, and refuses bad parameters', async () => {
    // the answer of the contract (SearchResult) with nothing in it: exact, in the order asked
    expect(await search(t, a.slug, { q: '「」！？' })).toMatchObject({ total: 0, exact: true, sort: 'relevance', hits: [], facets: { years: null } });
    const big = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '猫', size: 1000 }).expect(400);
    expect(big.body.code).toBe('VALIDATION');
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '猫', sort: 'random' }).expect(400);
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '猫', available: 'maybe' }).expect(400);
  });

  it('sends an ETag and Cache-Control, and 304 when the client has the result', async () => {
    const first = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '羅生門' }).expect(200);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(first.headers.etag).toMatch(/^W\/".+"$/);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '羅生門' }).set('If-None-Match', first.headers.etag).expect(304);
    // a change in availability changes the ETag
    await setItemStatus(t, a.slug, loaned, 'on-shelf');
    const changed = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '龍の子太郎' }).expect(200);
    await setItemStatus(t, a.slug, loaned, 'on-loan');
    const back = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '龍の子太郎' }).expect(200);
    expect(changed.headers.etag).not.toBe(back.headers.etag);
  });

  it('searches each tenant’s own catalogue', async () => {
    expect(titles(await search(t, b.slug, { q: '羅生門' }))).toEqual([]);
    expect(titles(await search(t, b.slug, { q: '猫' }))).toEqual(['猫の事務所']);
    expect(titles(await search(t, a.slug, { q: '事務所' }))).toEqual([]);
    expect((await search(t, b.slug, { q: 'ねこ' })).facets.branch).toEqual([{ value: b.branches[0], label: expect.any(String), count: 1 }]);
  });

  it('estimates the total of a very broad query and still pages newest-first exactly', async () => {
    // 1,200 records with 猫 in the title, received on distinct days
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    await bulkRecords(t, b.slug, 1200, (i) => ({ title: `猫の観察記録 第${i + 1}集`, receivedAt: day(i), publishedYear: 1950 + (i % 70) }));
    const res = await search(t, b.slug, { q: '猫', sort: 'newest', size: 5 });
    expect(res.exact).toBe(false);
    expect(res.total).toBeGreaterThan(1000);
    expect(res.total).toBeLessThan(1600); // 1,201 matches, estimated from a sample of 1,001
    // 猫の事務所 was received today
    expect(titles(res)).toEqual(['猫の事務所', '猫の観察記録 第1200集', '猫の観察記録 第1199集', '猫の観察記録 第1198集', '猫の観察記録 第1197集']);
    const page3 = await search(t, b.slug, { q: '猫', sort: 'newest', size: 5, page: 3 });
    expect(titles(page3)).toEqual(['猫の観察記録 第1191集', '猫の観察記録 第1190集', '猫の観察記録 第1189集', '猫の観察記録 第1188集', '猫の観察記録 第1187集']);
    const byTitle = await search(t, b.slug, { q: '猫', sort: 'title', size: 3 });
    expect(byTitle.exact).toBe(false);
    expect(titles(byTitle)).toEqual(['猫の事務所', '猫の観察記録 第1000集', '猫の観察記録 第1001集']); // a kana reading sorts before kanji
    const facetTotal = res.facets.materialType.reduce((s, f) => s + f.count, 0);
    expect(Math.abs(facetTotal - res.total)).toBeLessThanOrEqual(2);
    // a narrower query is exact again
    const narrow = await search(t, b.slug, { q: '第1199集' });
    expect({ exact: narrow.exact, total: narrow.total, titles: titles(narrow) }).toEqual({ exact: true, total: 1, titles: ['猫の観察記録 第1199集'] });
  });

  it('ranks the record titled exactly as typed first even when only a sample of the matches is ranked', async () => {
    // one record titled 猫, in the last search bucket, which a sample of a broad query never
    // reaches (the 1,200 records above fill it from the first buckets)
    await inTenant(t, b.slug, async () => {
      const doc = buildSearchDocument({ title: '猫', titleReading: 'ネコ' });
      await tenantManager().query(
        `INSERT INTO records (id, title, title_reading, search, search_text, title_sort)
         SELECT id, '猫', 'ネコ', $1::tsvector, $2, $3
           FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 200)) u
          WHERE (uuid_hash(id) & ${SEARCH_BUCKETS - 1}) = ${SEARCH_BUCKETS - 1} LIMIT 1`,
        [doc.search, doc.searchText, doc.titleSort],
      );
    });
    const res = await search(t, b.slug, { q: '猫', size: 3 });
    expect(res.exact).toBe(false);
    expect(titles(res)[0]).toBe('猫');
    // by its reading too
    expect(titles(await search(t, b.slug, { q: 'ねこ', size: 3 }))[0]).toBe('猫');
  });
});

/**
 * Issue #20's ranking decision: a query that is an author's name (by name or reading, whole,
 * family or given) ranks the author's own works above a work about the author titled with the
 * name; a title query still ranks its title first.
 */
describe('catalogue search ranking: the author’s own works, then works about the author', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const ichiyo = [{ name: '樋口 一葉', reading: 'ヒグチ イチヨウ' }];
    const about: RecordInput = { title: '樋口一葉', titleReading: 'ヒグチ イチヨウ', authors: [{ name: '長谷川 時雨', reading: 'ハセガワ シグレ' }], publishedYear: 1930 };
    for (const r of [
      { title: 'たけくらべ', titleReading: 'タケクラベ', authors: ichiyo, publishedYear: 1896 },
      { title: 'にごりえ', titleReading: 'ニゴリエ', authors: ichiyo, publishedYear: 1895 },
      about,
      { title: '明治の女性作家', subtitle: '樋口一葉とその時代', authors: [{ name: '和田 芳恵', reading: 'ワダ ヨシエ' }], publishedYear: 1960 },
      // a title of one character that is in an author's name (一葉): a title query
      { title: '葉', titleReading: 'ハ', authors: [{ name: '太宰 治', reading: 'ダザイ オサム' }], publishedYear: 1934 },
    ] as RecordInput[]) {
      await createRecord(t, a, r);
    }
    // the other city holds only the work about her
    await createRecord(t, b, about);
  });
  afterAll(() => t.close());

  it('an author’s name, by name or reading, finds the author’s own works before a work titled with the name', async () => {
    for (const q of ['樋口一葉', 'ひぐちいちよう', 'ヒグチ イチヨウ']) {
      const found = titles(await search(t, a.slug, { q }));
      expect({ q, own: found.slice(0, 2).sort(), about: found[2] }).toEqual({ q, own: ['たけくらべ', 'にごりえ'].sort(), about: '樋口一葉' });
    }
    // her given name alone, and her family name
    for (const q of ['一葉', '樋口', 'ひぐち']) {
      expect({ q, own: titles(await search(t, a.slug, { q })).slice(0, 2).sort() }).toEqual({ q, own: ['たけくらべ', 'にごりえ'].sort() });
    }
    // the work mentioning her in its subtitle comes after the one titled with her name
    expect(titles(await search(t, a.slug, { q: '樋口一葉' }))).toEqual([expect.any(String), expect.any(String), '樋口一葉', '明治の女性作家']);
    // in the other city, the work about her is all there is
    expect(titles(await search(t, b.slug, { q: '樋口一葉' }))).toEqual(['樋口一葉']);
  });

  it('a title query still finds its title first', async () => {
    // 葉 is in 一葉, but one character is no author's name: 太宰治's 葉 comes first
    expect(titles(await search(t, a.slug, { q: '葉' }))[0]).toBe('葉');
    // asked as a title, the work titled with her name comes first (her own works are not titled so)
    expect(titles(await search(t, a.slug, { title: '樋口一葉' }))).toEqual(['樋口一葉', '明治の女性作家']);
    expect(titles(await search(t, a.slug, { q: 'たけくらべ' }))[0]).toBe('たけくらべ');
  });
});

describe('catalogue rate limit', () => {
  let t: TestApp;
  let a: CatalogTenant;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    [a] = await twoCatalogTenants(t);
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED per IP beyond the limit, across the public catalogue', async () => {
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '猫' }).expect(200);
    await t.http().get(`/api/t/${a.slug}/lists/new-arrivals`).expect(200);
    // suggestions as you type count too (SuggestRoute): the next search is the fourth
    await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: '犬' }).expect(200);
    const res = await t.http().get(`/api/t/${a.slug}/search`).query({ q: '鳥' }).expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get(`/api/t/${a.slug}/records/00000000-0000-0000-0000-000000000000`).expect(429);
    const suggest = await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: '鳥' }).expect(429);
    expect(suggest.headers['content-type']).toContain('application/problem+json');
    expect(suggest.body.code).toBe('RATE_LIMITED');
    expect(Number(suggest.headers['retry-after'])).toBeGreaterThan(0);
  });
});
