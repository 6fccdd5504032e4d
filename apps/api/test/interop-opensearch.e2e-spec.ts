import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, setItemStatus, twoCatalogTenants } from './support/catalog-factories';
import { all, first, NS, parseXml } from './support/xml';

/**
 * OpenSearch 1.1 against the real app: the description document (absolute URL templates under
 * PUBLIC_URL), results as RSS 2.0 and Atom with the OpenSearch response elements, the OPAC's
 * Japanese search behind them, validation, caching, two cities.
 */
describe('OpenSearch', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const onLoan = barcode('Q');

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://library.example.jp/' });
    [a, b] = await twoCatalogTenants(t);
    await createRecord(t, a, { title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }], publisher: '岩波書店', publishedYear: 1990, receivedAt: '2024-05-01', items: [{ barcode: onLoan, branchCode: a.branches[0] }] });
    for (let i = 1; i <= 4; i++) await createRecord(t, a, { title: `ねこの本 ${i}`, receivedAt: `2023-0${i}-01` });
    await createRecord(t, b, { title: '猫の事務所' });
    await setItemStatus(t, a.slug, onLoan, 'on-loan');
  });
  afterAll(() => t.close());

  it('describes the city\'s catalogue with absolute templates for the OPAC, RSS and Atom', async () => {
    const res = await t.http().get(`/api/t/${a.slug}/opensearch.xml`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/opensearchdescription\+xml/);
    expect(res.headers['cache-control']).toMatch(/^public/);
    const doc = parseXml(res.text);
    expect(doc.documentElement.namespaceURI).toBe(NS.opensearch);
    expect(Array.from(first(doc, NS.opensearch, 'ShortName')!).length).toBeLessThanOrEqual(16);
    const urls = Object.fromEntries(all(doc, NS.opensearch, 'Url').map((u) => [u.getAttribute('type'), u.getAttribute('template')]));
    expect(urls['text/html']).toBe(`https://library.example.jp/opac/${a.slug}/search?q={searchTerms}`);
    expect(urls['application/rss+xml']).toBe(`https://library.example.jp/api/t/${a.slug}/opensearch?q={searchTerms}&page={startPage?}&count={count?}&format=rss`);
    expect(urls['application/atom+xml']).toContain('format=atom');
    expect(urls['application/opensearchdescription+xml']).toBe(`https://library.example.jp/api/t/${a.slug}/opensearch.xml`);
    expect(first(doc, NS.opensearch, 'InputEncoding')).toBe('UTF-8');
  });

  it('gives results as RSS 2.0 with totalResults, startIndex, itemsPerPage, Query and next pages', async () => {
    const res = await t.http().get(`/api/t/${a.slug}/opensearch`).query({ q: 'ねこ', count: 2, page: 1 }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const doc = parseXml(res.text);
    expect(doc.documentElement.localName).toBe('rss');
    expect(first(doc, NS.opensearch, 'totalResults')).toBe('5');
    expect(first(doc, NS.opensearch, 'startIndex')).toBe('1');
    expect(first(doc, NS.opensearch, 'itemsPerPage')).toBe('2');
    expect(all(doc, NS.opensearch, 'Query')[0].getAttribute('searchTerms')).toBe('ねこ');
    const items = Array.from(doc.getElementsByTagName('item'));
    expect(items).toHaveLength(2);
    expect(items[0].getElementsByTagName('link')[0].textContent).toMatch(new RegExp(`^https://library\\.example\\.jp/opac/${a.slug}/records/[0-9a-f-]{36}$`));
    const next = all(doc, NS.atom, 'link').find((l) => l.getAttribute('rel') === 'next');
    expect(next?.getAttribute('href')).toContain('page=2');

    const neko = parseXml((await t.http().get(`/api/t/${a.slug}/opensearch`).query({ q: '吾輩は猫' }).expect(200)).text);
    const item = neko.getElementsByTagName('item')[0];
    expect(item.getElementsByTagName('title')[0].textContent).toBe('吾輩は猫である');
    expect(first(item, NS.dc, 'creator')).toBe('夏目 漱石');
    expect(first(item, NS.dcndl, 'titleTranscription')).toBe('ワガハイ ワ ネコ デ アル');
    expect(item.getElementsByTagName('description')[0].textContent).toContain('貸出中');
  });

  it('gives results as Atom, with a stable ETag', async () => {
    const get = () => t.http().get(`/api/t/${a.slug}/opensearch`).query({ q: 'ねこ', format: 'atom', page: 2, count: 2 });
    const res = await get().expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const doc = parseXml(res.text);
    expect(doc.documentElement.namespaceURI).toBe(NS.atom);
    expect(first(doc, NS.opensearch, 'startIndex')).toBe('3');
    expect(all(doc, NS.atom, 'entry')).toHaveLength(2);
    expect(first(doc, NS.atom, 'updated')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await get().set('If-None-Match', res.headers.etag).expect(304);
  });

  it('keeps each city to its own catalogue and refuses bad parameters with a problem', async () => {
    const other = parseXml((await t.http().get(`/api/t/${b.slug}/opensearch`).query({ q: '猫' }).expect(200)).text);
    expect(first(other, NS.opensearch, 'totalResults')).toBe('1');
    for (const query of [{}, { q: '' }, { q: 'ねこ', format: 'json' }, { q: 'ねこ', count: 1000 }, { q: 'ねこ', page: 0 }]) {
      const res = await t.http().get(`/api/t/${a.slug}/opensearch`).query(query).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});
