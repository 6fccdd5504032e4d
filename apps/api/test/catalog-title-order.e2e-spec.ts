import { tenantManager } from '@shiori/tenancy';
import { TitleSections0010, TITLE_SECTION_SQL_0010 } from '../src/migrations/tenant/0010-title-sections';
import { buildSearchDocument } from '../src/modules/catalog/search/document';
import { refreshSearchIndex } from '../src/modules/catalog/search/maintenance';
import { titleSection, titleSectionSql, titleSectionToken } from '../src/modules/catalog/search/title-sections';
import { createTestApp, TestApp } from './support/app';
import { bulkRecords, CatalogTenant, inTenant, search, titles, twoCatalogTenants } from './support/catalog-factories';

/**
 * 五十音順 over a broad query: the search reads only the title sections (title-sections.ts)
 * that hold the page, yet every page equals the full title order of all matches; a page
 * beyond what the sections predict is read from all matches. The section is the same in
 * TypeScript, in the search's SQL and in migration 0010, which gives it to stored records.
 */
describe('title order by sections', () => {
  let t: TestApp;
  let c: CatalogTenant;
  /** The titles of the 栞 records in 五十音順 (title_sort in code point order, as the C collation sorts). */
  let expected: string[];

  const KANA = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ';

  beforeAll(async () => {
    t = await createTestApp();
    [c] = await twoCatalogTenants(t);
    // 800 records with 栞 in the title, their readings starting with every kana row, and
    // 30,000 others, so that 栞 matches too few records for a title walk (1 in 20) and too
    // many for an exact sample (500): the page is read section by section
    const reading = (i: number) => `${KANA[(i * 7) % KANA.length]}${KANA[Math.floor(i / KANA.length) % KANA.length]}${KANA[i % 3]}の しおり`;
    const made = Array.from({ length: 800 }, (_, i) => ({ title: `栞 第${i + 1}号`, titleReading: reading(i), receivedAt: '2024-01-01' }));
    await bulkRecords(t, c.slug, made.length, (i) => made[i]);
    await bulkRecords(t, c.slug, 30_000, (i) => ({ title: `園芸の手引き ${i + 1}`, receivedAt: '2023-01-01' }));
    await inTenant(t, c.slug, () => refreshSearchIndex());
    const key = (m: (typeof made)[number]) => buildSearchDocument(m).titleSort;
    expected = [...made]
      .sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))
      .map((m) => m.title);
    // readings are distinct, so the order has no ties to break by id
    expect(new Set(made.map(key)).size).toBe(made.length);
  });
  afterAll(() => t.close());

  it('pages a broad query in 五十音順 exactly, from the first sections and from deep pages', async () => {
    const first = await search(t, c.slug, { q: '栞', sort: 'title', size: 20 });
    expect(first.exact).toBe(false);
    expect(titles(first)).toEqual(expected.slice(0, 20));
    const third = await search(t, c.slug, { q: '栞', sort: 'title', size: 20, page: 3 });
    expect(titles(third)).toEqual(expected.slice(40, 60));
    // 2 × 750 rows are more than all matches: no section prefix predicts them, all matches are read
    const deep = await search(t, c.slug, { q: 'しおり', sort: 'title', size: 50, page: 15 });
    expect(titles(deep)).toEqual(expected.slice(700, 750));
    // a second criterion narrows the sections' rows as it narrows the matches
    const narrowed = await search(t, c.slug, { q: '栞 号', sort: 'title', size: 10, page: 2 });
    expect(titles(narrowed)).toEqual(expected.slice(10, 20));
  });

  it('computes the section alike in TypeScript, in the search’s SQL and in migration 0010', async () => {
    const samples = ['', '1984', 'abc', 'ぁ', 'あ', 'ん', 'ゖ', 'ゟ', 'ァ', 'ン', '々', '一', '丁', '猫', '龍', '鿿', 'ｱ', '𠀋', '\u3040'];
    const rows: { s: string; a: number; b: number }[] = await t.ds.query(
      `SELECT s, ${titleSectionSql('s')} AS a, ${TITLE_SECTION_SQL_0010('s')} AS b FROM unnest($1::text[]) s`,
      [samples],
    );
    expect(rows.map((r) => [r.s, r.a, r.b])).toEqual(samples.map((s) => [s, titleSection(s), titleSection(s)]));
    expect(new Set(samples.map(titleSection)).size).toBeGreaterThanOrEqual(10);
  });

  it('gives records stored before migration 0010 their section', async () => {
    const doc = buildSearchDocument({ title: '栞', titleReading: 'シオリ' });
    const token = titleSectionToken(titleSection(doc.titleSort));
    expect(doc.search.split(' ')).toContain(token);
    const lexemes = await inTenant(t, c.slug, async () => {
      const m = tenantManager();
      const withoutSection = doc.search.split(' ').filter((x) => x !== token).join(' ');
      const [row] = await m.query(`INSERT INTO records (title, search, search_text, title_sort) VALUES ('栞', $1::tsvector, $2, $3) RETURNING id`, [withoutSection, doc.searchText, doc.titleSort]);
      await new TitleSections0010().up(m.queryRunner!);
      const [after] = await m.query(`SELECT tsvector_to_array(search) AS l FROM records WHERE id = $1`, [row.id]);
      return after.l as string[];
    });
    expect(lexemes).toContain(token);
  });
});
