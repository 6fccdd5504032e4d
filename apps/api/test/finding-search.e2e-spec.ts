// eslint-disable-next-line @nx/enforce-module-boundaries -- the demo's own Aozora catalogue, as the demo seeds it
import { loadAozoraCatalogue } from '../../../tools/demo-data/aozora';
import { createTestApp, TestApp } from './support/app';
import { tenantManager } from '@shiori/tenancy';
import { fillSearchTermsIfEmpty } from '../src/modules/catalog/search/search-terms.store';
import { barcode, bulkRecords, CatalogTenant, createRecord, inTenant, RecordInput, search, titles, twoCatalogTenants } from './support/catalog-factories';

/**
 * Finding the book (#20) on the demo's own Aozora data: each search that missed for a new
 * patron now finds the book or offers 「もしかして」 a query that does (a kana typo, an
 * ISBN-10 with a wrong check digit, 青ねこ, romaji, はぎわらさくたろう), and suggestions as you
 * type (なつめ → 夏目 漱石). Two cities: the other city's words are never suggested.
 */
describe('finding the book: もしかして and suggestions', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;

  type Body = Awaited<ReturnType<typeof search>> & { didYouMean?: { q: string; total: number; reason: string } };
  const find = async (slug: string, q: string) => (await search(t, slug, { q })) as Body;
  const suggest = async (slug: string, q: string) => {
    const res = await t.http().get(`/api/t/${slug}/suggest`).query({ q }).expect(200);
    return res.body as { q: string; suggestions: { kind: string; label: string; reading: string | null }[] };
  };

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const works = loadAozoraCatalogue();
    const pick = (author: string, n: number) => works.filter((w) => w.authors.some((p) => p.name === author)).slice(0, n);
    const chosen = [...pick('夏目 漱石', 6), ...pick('萩原 朔太郎', 6), ...pick('芥川 竜之介', 6), ...pick('宮沢 賢治', 4)];
    const aoneko = works.find((w) => w.workId === '001768')!; // 青猫, 萩原 朔太郎
    // works that mention an author in their title, by others (they must rank below the author's own), and こころ, 羅生門
    for (const id of ['001768', '002472', '002928', '033223', '043556', '002824', '000773', '000127', '000879']) {
      const w = works.find((x) => x.workId === id)!;
      if (!chosen.includes(w)) chosen.push(w);
    }
    for (const w of chosen) {
      const r: RecordInput = {
        title: w.title,
        titleReading: w.titleReading,
        authors: w.authors.map(({ name, reading }) => ({ name, reading })),
        publisher: w.publisher,
        publishedYear: w.publishedYear,
        // the demo's ISBN for 青猫 in a city where it was catalogued with its ISBN-13 (demo-catalogue.seed.ts)
        isbn: w === aoneko ? '9784900176805' : undefined,
        ndc: '911',
        items: [{ barcode: barcode(), branchCode: a.branches[0] }],
      };
      await createRecord(t, a, r);
    }
    await createRecord(t, b, { title: '猫の事務所', titleReading: 'ネコ ノ ジムショ', authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }] });
  });
  afterAll(() => t.close());

  it('a kana typo (なつめそうせぎ) finds nothing and offers 夏目 漱石, whose search finds his books', async () => {
    const miss = await find(a.slug, 'なつめそうせぎ');
    expect(miss.total).toBe(0);
    expect(miss.didYouMean).toEqual({ q: '夏目 漱石', total: expect.any(Number), reason: 'typo' });
    expect(miss.didYouMean!.total).toBeGreaterThanOrEqual(7);
    expect(titles(await find(a.slug, miss.didYouMean!.q))).toEqual(expect.arrayContaining(['文鳥', '坊っちゃん']));
    // a dropped long vowel is a typo too
    expect((await find(a.slug, 'なつめそせき')).didYouMean).toMatchObject({ q: '夏目 漱石', reason: 'typo' });
    // the other city has no 夏目 漱石 to offer
    expect((await find(b.slug, 'なつめそうせぎ')).didYouMean).toBeUndefined();
  });

  it('an ISBN-10 of a book catalogued with its ISBN-13 finds it; with a wrong check digit (4900176808) it is offered', async () => {
    expect(titles(await find(a.slug, '490017680X'))).toEqual(['青猫']);
    expect(titles(await find(a.slug, '4-900176-80-X'))).toEqual(['青猫']);
    expect(titles(await find(a.slug, '978-4-900176-80-5'))).toEqual(['青猫']);
    expect(titles(await search(t, a.slug, { isbn: '490017680X' }))).toEqual(['青猫']);
    const typo = await find(a.slug, '4900176808');
    expect(typo.total).toBe(0);
    expect(typo.didYouMean).toEqual({ q: '9784900176805', total: 1, reason: 'isbn' });
    expect((await find(b.slug, '4900176808')).didYouMean).toBeUndefined();
  });

  it('青ねこ (kanji and kana mixed as no record writes it) offers 青猫', async () => {
    const miss = await find(a.slug, '青ねこ');
    expect(miss.total).toBe(0);
    expect(miss.didYouMean).toEqual({ q: '青猫', total: 1, reason: 'script' });
  });

  it('romaji (natsume, hagiwara sakutarou, 訓令式 natume) offers the kana', async () => {
    for (const q of ['natsume', 'Natume', 'natsume sōseki']) {
      const miss = await find(a.slug, q);
      expect({ q, total: miss.total }).toEqual({ q, total: 0 });
      expect({ q, dym: miss.didYouMean }).toEqual({ q, dym: { q: expect.stringMatching(/^なつめ/), total: expect.any(Number), reason: 'romaji' } });
      expect(miss.didYouMean!.total).toBeGreaterThanOrEqual(7);
    }
    expect((await find(a.slug, 'hagiwara sakutarou')).didYouMean).toMatchObject({ q: 'はぎわら さくたろう', reason: 'romaji' });
  });

  it('はぎわらさくたろう finds 萩原 朔太郎 (the demo data reads 萩原 as ハギワラ)', async () => {
    const res = await find(a.slug, 'はぎわらさくたろう');
    expect(res.total).toBeGreaterThanOrEqual(6);
    expect(titles(res)).toContain('青猫');
    expect(res.didYouMean).toBeUndefined();
  });

  it('old kanji find the new (萩原朔太郞, 靑猫) without a suggestion', async () => {
    expect(titles(await find(a.slug, '靑猫'))).toEqual(['青猫']);
  });

  /**
   * Real queries on the Aozora catalogue with the records expected in the top 3 (by title /
   * author): the author's own works before works about the author, the exact title first.
   */
  const RANKING_SET: { q: string; top3: (hit: Hit) => boolean; exactFirst?: string }[] = [
    { q: '漱石', top3: (h) => byAuthor(h, '夏目 漱石') },
    { q: '夏目漱石', top3: (h) => byAuthor(h, '夏目 漱石') },
    { q: 'なつめそうせき', top3: (h) => byAuthor(h, '夏目 漱石') },
    { q: '芥川', top3: (h) => byAuthor(h, '芥川 竜之介') },
    { q: 'あくたがわりゅうのすけ', top3: (h) => byAuthor(h, '芥川 竜之介') },
    { q: '芥川竜之介', top3: (h) => byAuthor(h, '芥川 竜之介') },
    { q: '萩原朔太郎', top3: (h) => byAuthor(h, '萩原 朔太郎') },
    { q: 'はぎわら', top3: (h) => byAuthor(h, '萩原 朔太郎') },
    { q: 'こころ', top3: () => true, exactFirst: 'こころ' },
    { q: '羅生門', top3: () => true, exactFirst: '羅生門' },
    { q: '青猫', top3: () => true, exactFirst: '青猫' },
    { q: 'らしょうもん', top3: () => true, exactFirst: '羅生門' },
  ];
  type Hit = { title: string; authors?: { name: string }[] };
  const byAuthor = (h: Hit, name: string) => (h.authors ?? []).some((a) => a.name === name);

  it('ranks the author’s own works above works that mention the author, and the exact title first (ranking set: every expected hit in the top 3)', async () => {
    let expected = 0;
    let found = 0;
    const misses: string[] = [];
    for (const { q, top3, exactFirst } of RANKING_SET) {
      const hits = (await find(a.slug, q)).hits.slice(0, 3) as Hit[];
      if (!hits.length) misses.push(`${q}: nothing found`);
      for (const [i, h] of hits.entries()) {
        expected++;
        const ok = top3(h) && (!exactFirst || i > 0 || h.title === exactFirst);
        if (ok) found++;
        else misses.push(`${q} #${i + 1}: ${h.title}`);
      }
    }
    expect(misses).toEqual([]);
    expect(found).toBe(expected);
    // the author queries fill their top 3 (the set is not passed by empty answers)
    expect(expected).toBeGreaterThanOrEqual(8 * 3);
  });

  it('suggests titles, authors and series as you type, by reading or by kanji, in this city only', async () => {
    const natsume = await suggest(a.slug, 'なつめ');
    expect(natsume.suggestions[0]).toEqual({ kind: 'author', label: '夏目 漱石', reading: 'ナツメ ソウセキ' });
    expect((await suggest(a.slug, '夏目')).suggestions.map((s) => s.label)).toContain('夏目 漱石');
    expect((await suggest(a.slug, 'ナツメ ソ')).suggestions.map((s) => s.label)).toContain('夏目 漱石');
    expect((await suggest(a.slug, 'あおね')).suggestions).toContainEqual({ kind: 'title', label: '青猫', reading: 'アオネコ' });
    expect((await suggest(b.slug, 'なつめ')).suggestions).toEqual([]);
    expect((await suggest(b.slug, 'ねこの')).suggestions.map((s) => s.label)).toEqual(['猫の事務所']);
    expect((await suggest(a.slug, '、、')).suggestions).toEqual([]);
  });

  it('fills the suggestions of records stored before search_terms existed, once (the CLI’s search-terms, the demo)', async () => {
    // straight into the schema, as a catalogue loaded before migration 0020: no terms
    await bulkRecords(t, b.slug, 3, (i) => ({ title: `銀河鉄道の夜 ${i + 1}`, titleReading: `ギンガテツドウノヨル ${i + 1}`, receivedAt: '2020-01-01' }));
    expect((await suggest(b.slug, 'ぎんが')).suggestions).toEqual([]);
    // b already has terms (猫の事務所): nothing is filled until the table is empty
    expect(await inTenant(t, b.slug, () => fillSearchTermsIfEmpty())).toBe(0);
    await inTenant(t, b.slug, () => tenantManager().query(`DELETE FROM search_terms`));
    expect(await inTenant(t, b.slug, () => fillSearchTermsIfEmpty())).toBeGreaterThanOrEqual(4);
    expect((await suggest(b.slug, 'ぎんが')).suggestions.map((s) => s.label)).toEqual(['銀河鉄道の夜 1', '銀河鉄道の夜 2', '銀河鉄道の夜 3']);
    expect((await suggest(b.slug, 'ねこの')).suggestions.map((s) => s.label)).toEqual(['猫の事務所']);
  });

  it('refuses a suggestion request without q or with too long a q (problem+json, never a 500)', async () => {
    const none = await t.http().get(`/api/t/${a.slug}/suggest`).expect(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('VALIDATION');
    expect(new Set(none.body.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['q']));
    const long = await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'あ'.repeat(101) }).expect(400);
    expect(new Set(long.body.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['q']));
    // a field the route does not take, a NUL: refused as the app's ValidationPipe refuses them
    expect((await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'なつめ', page: '2' }).expect(400)).body.code).toBe('VALIDATION');
    expect((await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'な\u0000' }).expect(400)).body.code).toBe('VALIDATION');
    // a city that does not exist
    expect((await t.http().get('/api/t/no-such-city-suggest/suggest').query({ q: 'なつめ' }).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
  });

  it('answers suggestions as public catalogue data: ETag, Cache-Control, 304 to its ETag, the same with a cookie', async () => {
    const first = await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'なつめ' }).expect(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=300');
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.body.q).toBe('なつめ');
    await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'なつめ' }).set('If-None-Match', first.headers.etag).expect(304);
    const withCookie = await t.http().get(`/api/t/${a.slug}/suggest`).query({ q: 'なつめ' }).set('Cookie', 'lang=ja').expect(200);
    expect(withCookie.headers.etag).toBe(first.headers.etag);
    expect(withCookie.body).toEqual(first.body);
  });
});
