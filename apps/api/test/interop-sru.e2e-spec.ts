import { adminToken, createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, RecordInput, setItemStatus, twoCatalogTenants } from './support/catalog-factories';
import { all, first, listen, marcValues, NS, parseXml, requireProgram, run } from './support/xml';
import { isbn13to10 } from '../src/modules/catalog/search/text';

/**
 * SRU with CQL against the real app: each CQL form the server supports (indexes, relations,
 * booleans, parentheses, quoted terms, sortBy), the OPAC's Japanese search behind it (readings,
 * kana folding, one kanji, 竜/龍, ISBN-10/13), the three record schemas, availability, paging,
 * every diagnostic (HTTP 200), caching, isolation of two cities, and yaz-client as the client.
 */
describe('SRU', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const ids: Record<string, string> = {};
  const loaned = barcode('S');

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const [sawara, omigawa] = a.branches;
    const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
    const records: RecordInput[] = [
      { title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', authors: soseki, publisher: '岩波書店', publishedYear: 1990, isbn: '978-4-00-310101-8', ndc: '913.6', receivedAt: '2024-05-01', items: [{ barcode: barcode('S'), branchCode: sawara, shelfLocation: '913.6 ナ' }, { barcode: loaned, branchCode: omigawa }] },
      { title: '坊っちゃん', titleReading: 'ボッチャン', authors: soseki, publisher: '新潮社', publishedYear: 1950, ndc: '913.6', receivedAt: '2023-01-10', items: [{ barcode: barcode('S'), branchCode: sawara }] },
      { title: 'こころ', titleReading: 'ココロ', authors: soseki, publisher: '岩波書店', publishedYear: 1927, ndc: '913.6', receivedAt: '2025-02-01', items: [{ barcode: barcode('S'), branchCode: omigawa }] },
      { title: '羅生門', titleReading: 'ラショウモン', authors: [{ name: '芥川 龍之介', reading: 'アクタガワ リュウノスケ' }], publisher: '新潮社', publishedYear: 1968, isbn: '4101025010', ndc: '913.6', receivedAt: '2022-04-01' },
      { title: '羅生門・鼻・芋粥', titleReading: 'ラショウモン ハナ イモガユ', authors: [{ name: '芥川 龍之介', reading: 'アクタガワ リュウノスケ' }], publisher: '角川書店', publishedYear: 1989, ndc: '913.6', receivedAt: '2022-04-02' },
      { title: '竜馬がゆく', titleReading: 'リョウマ ガ ユク', volume: '1', series: '文春文庫', authors: [{ name: '司馬 遼太郎', reading: 'シバ リョウタロウ' }], publisher: '文藝春秋', publishedYear: 1998, ndc: '913.6', receivedAt: '2020-01-01' },
      { title: 'コンピューター入門', titleReading: 'コンピューター ニュウモン', subtitle: 'はじめての人に', authors: [{ name: '田中 一郎' }], publisher: 'オーム社', publishedYear: 2020, ndc: '007', receivedAt: '2024-09-09', items: [{ barcode: barcode('S'), branchCode: sawara, loanable: false }] },
      { title: 'ねこ新聞', titleReading: 'ネコ シンブン', materialType: 'magazine', publisher: '猫新聞社', publishedYear: 2024, receivedAt: '2025-03-01' },
    ];
    for (const r of records) ids[r.title] = (await createRecord(t, a, r)).id;
    await setItemStatus(t, a.slug, loaned, 'on-loan');
    ids['猫の事務所'] = (await createRecord(t, b, { title: '猫の事務所', titleReading: 'ネコ ノ ジムショ', authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }] })).id;
  });
  afterAll(() => t.close());

  async function sru(slug: string, params: Record<string, string>) {
    const res = await t.http().get(`/api/t/${slug}/sru`).query(params);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    return { doc: parseXml(res.text), res };
  }

  /** searchRetrieve; returns the MARC 245 $a titles in order and the count. */
  async function find(query: string, extra: Record<string, string> = {}, slug = a.slug) {
    const { doc } = await sru(slug, { operation: 'searchRetrieve', version: '1.2', query, maximumRecords: '50', ...extra });
    const diagnostics = all(doc, NS.diag, 'uri').map((u) => u.textContent);
    expect({ query, diagnostics }).toEqual({ query, diagnostics: [] });
    const records = all(doc, NS.marc, 'record');
    return { total: Number(first(doc, NS.srw, 'numberOfRecords')), titles: records.map((r) => marcValues(r, '245', 'a')[0]), doc, records };
  }

  async function diagnostic(params: Record<string, string>, version = '1.2') {
    const { doc } = await sru(a.slug, { version, ...params });
    const ns = version === '2.0' ? NS.diag2 : NS.diag;
    return { uri: first(doc, ns, 'uri'), details: first(doc, ns, 'details'), message: first(doc, ns, 'message') };
  }

  const sorted = (xs: string[]) => [...xs].sort();

  it('answers explain (also with no parameters): indexes, relations and the three schemas', async () => {
    for (const params of [{ operation: 'explain', version: '1.2' }, {}] as Record<string, string>[]) {
      const { doc } = await sru(a.slug, params);
      expect(doc.documentElement.localName).toBe('explainResponse');
      expect(doc.documentElement.namespaceURI).toBe(NS.srw);
      const names = all(doc, NS.zr, 'name').map((n) => `${n.getAttribute('set')}.${n.textContent}`);
      expect(names).toEqual(expect.arrayContaining(['dc.title', 'dc.creator', 'dc.publisher', 'dc.date', 'bath.isbn', 'dc.subject', 'rec.id', 'cql.anywhere', 'cql.serverChoice']));
      const schemas = all(doc, NS.zr, 'schema').map((s) => s.getAttribute('name'));
      expect(schemas).toEqual(['marcxml', 'dc', 'dcndl']);
      expect(all(doc, NS.zr, 'database')[0].textContent).toBe(`api/t/${a.slug}/sru`);
    }
  });

  it('finds by title with the OPAC search: kanji, reading in hiragana and katakana, one kanji, 竜/龍', async () => {
    expect((await find('dc.title=吾輩は猫である')).titles).toEqual(['吾輩は猫である']);
    expect((await find('dc.title=わがはいわねこ')).titles).toEqual(['吾輩は猫である']);
    expect((await find('dc.title=ワガハイ')).titles).toEqual(['吾輩は猫である']);
    expect(sorted((await find('dc.title=猫')).titles)).toEqual(sorted(['吾輩は猫である']));
    expect((await find('dc.title=龍馬がゆく')).titles).toEqual(['竜馬がゆく']);
    expect((await find('dc.title="吾輩は猫である"')).titles).toEqual(['吾輩は猫である']);
  });

  it('searches every field with a bare term, cql.anywhere and cql.serverChoice', async () => {
    for (const q of ['猫', 'cql.anywhere=猫', 'cql.serverChoice=ねこ', '"ﾈｺ"']) {
      expect({ q, titles: sorted((await find(q)).titles) }).toEqual({ q, titles: sorted(['吾輩は猫である', 'ねこ新聞']) });
    }
  });

  it('searches authors (with readings) and publishers', async () => {
    expect(sorted((await find('dc.creator=夏目漱石')).titles)).toEqual(sorted(['吾輩は猫である', '坊っちゃん', 'こころ']));
    expect(sorted((await find('dc.creator=なつめ')).titles)).toEqual(sorted(['吾輩は猫である', '坊っちゃん', 'こころ']));
    expect(sorted((await find('dc.creator="芥川竜之介"')).titles)).toEqual(sorted(['羅生門', '羅生門・鼻・芋粥']));
    expect(sorted((await find('dc.publisher=岩波')).titles)).toEqual(sorted(['吾輩は猫である', 'こころ']));
  });

  it('supports the relations any, all, adj and == on text', async () => {
    expect(sorted((await find('dc.title any "羅生門 こころ"')).titles)).toEqual(sorted(['羅生門', '羅生門・鼻・芋粥', 'こころ']));
    expect((await find('dc.title all "羅生門 芋粥"')).titles).toEqual(['羅生門・鼻・芋粥']);
    expect((await find('dc.title adj "羅生門 鼻"')).titles).toEqual(['羅生門・鼻・芋粥']);
    expect((await find('dc.title adj "鼻 羅生門"')).titles).toEqual([]);
    expect((await find('dc.title == 羅生門')).titles).toEqual(['羅生門']);
    expect((await find('dc.title == らしょうもん')).titles).toEqual(['羅生門']);
    expect((await find('dc.creator == "夏目 漱石"')).total).toBe(3);
    // a quoted phrase under = is adj
    expect((await find('dc.title = "門 鼻"')).titles).toEqual(['羅生門・鼻・芋粥']);
  });

  it('searches the year with =, <, >, <=, >= and within', async () => {
    expect((await find('dc.date=1990')).titles).toEqual(['吾輩は猫である']);
    expect(sorted((await find('dc.date<1950')).titles)).toEqual(['こころ']);
    expect(sorted((await find('dc.date<=1950')).titles)).toEqual(sorted(['こころ', '坊っちゃん']));
    expect(sorted((await find('dc.date>2000')).titles)).toEqual(sorted(['コンピューター入門', 'ねこ新聞']));
    expect(sorted((await find('dc.date>=2020')).titles)).toEqual(sorted(['コンピューター入門', 'ねこ新聞']));
    expect(sorted((await find('dc.date within "1960 1990"')).titles)).toEqual(sorted(['吾輩は猫である', '羅生門', '羅生門・鼻・芋粥']));
    expect((await find('dc.date=1990-04-01')).titles).toEqual(['吾輩は猫である']);
  });

  it('finds by ISBN-13 or ISBN-10, hyphens or not, and several ISBNs with any', async () => {
    const ten = isbn13to10('9784003101018')!;
    for (const q of ['bath.isbn=978-4-00-310101-8', 'bath.isbn=9784003101018', `bath.isbn=${ten}`, `isbn=${ten.slice(0, 1)}-${ten.slice(1, 3)}-${ten.slice(3)}`]) {
      expect({ q, titles: (await find(q)).titles }).toEqual({ q, titles: ['吾輩は猫である'] });
    }
    expect((await find('bath.isbn=9784101025018')).titles).toEqual(['羅生門']);
    expect(sorted((await find('bath.isbn any "9784003101018 4101025010"')).titles)).toEqual(sorted(['吾輩は猫である', '羅生門']));
    expect((await find('bath.isbn=1234567890')).total).toBe(0);
  });

  it('finds by NDC class (dc.subject), material type (dc.type) and record id (rec.id)', async () => {
    expect((await find('dc.subject=007')).titles).toEqual(['コンピューター入門']);
    expect((await find('dc.subject=9')).total).toBe(6);
    expect((await find('dc.type=magazine')).titles).toEqual(['ねこ新聞']);
    expect((await find(`rec.id=${ids['こころ']}`)).titles).toEqual(['こころ']);
    expect((await find(`rec.id any "${ids['こころ']} ${ids['羅生門']}"`)).total).toBe(2);
    expect((await find('cql.allRecords=1')).total).toBe(8);
  });

  it('combines clauses with and, or, not and parentheses (left to right, equal precedence)', async () => {
    expect((await find('dc.creator=夏目 and dc.publisher=岩波 and dc.date>1950')).titles).toEqual(['吾輩は猫である']);
    expect(sorted((await find('dc.title=こころ or dc.title=坊っちゃん')).titles)).toEqual(sorted(['こころ', '坊っちゃん']));
    expect(sorted((await find('dc.creator=夏目 not dc.publisher=岩波')).titles)).toEqual(['坊っちゃん']);
    expect(sorted((await find('(dc.title=羅生門 or dc.title=こころ) not dc.date<1950')).titles)).toEqual(sorted(['羅生門', '羅生門・鼻・芋粥']));
    expect(sorted((await find('dc.title=羅生門 or (dc.title=こころ and dc.date=1927)')).titles)).toEqual(sorted(['羅生門', '羅生門・鼻・芋粥', 'こころ']));
    // (a or b) and c, not a or (b and c)
    expect((await find('dc.title=羅生門 or dc.title=こころ and dc.date=1927')).titles).toEqual(['こころ']);
    expect((await find('DC.TITLE=こころ AND DC.DATE=1927')).titles).toEqual(['こころ']);
    // not on a year: a record without one is "not before 1950"
    expect((await find('dc.type=magazine not dc.date<1950')).titles).toEqual(['ねこ新聞']);
  });

  it('accepts prefix assignments, relation modifier relevant, a final * and escaped quotes', async () => {
    expect((await find('>x="info:srw/cql-context-set/1/dc-v1.1" x.title=こころ')).titles).toEqual(['こころ']);
    expect((await find('dc.title =/relevant こころ')).titles).toEqual(['こころ']);
    expect((await find('dc.title=らしょう*')).total).toBe(2);
    expect((await find('dc.title="\\"こころ\\""')).titles).toEqual(['こころ']);
  });

  it('sorts with sortBy dc.title (五十音順) and dc.date/sort.descending (newest received)', async () => {
    const byTitle = (await find('dc.creator=夏目 sortBy dc.title')).titles;
    expect(byTitle).toEqual(['こころ', '坊っちゃん', '吾輩は猫である']);
    const newest = (await find('dc.creator=夏目 sortby dc.date/sort.descending')).titles;
    expect(newest).toEqual(['こころ', '吾輩は猫である', '坊っちゃん']);
  });

  it('pages with startRecord and maximumRecords, with nextRecordPosition', async () => {
    const all3 = (await find('dc.creator=夏目 sortBy dc.title')).titles;
    const p1 = await find('dc.creator=夏目 sortBy dc.title', { maximumRecords: '2' });
    expect(p1.titles).toEqual(all3.slice(0, 2));
    expect(first(p1.doc, NS.srw, 'nextRecordPosition')).toBe('3');
    expect(all(p1.doc, NS.srw, 'recordPosition').map((p) => p.textContent)).toEqual(['1', '2']);
    const p2 = await find('dc.creator=夏目 sortBy dc.title', { maximumRecords: '2', startRecord: '3' });
    expect(p2.titles).toEqual(all3.slice(2));
    expect(first(p2.doc, NS.srw, 'nextRecordPosition')).toBeUndefined();
    const none = await find('dc.creator=夏目', { maximumRecords: '0' });
    expect(none.total).toBe(3);
    expect(none.records).toHaveLength(0);
  });

  it('gives MARCXML with readings in linked 880s, holdings in 852 with each copy\'s status, and availability as extraRecordData', async () => {
    const { records, doc } = await find('dc.title=吾輩は猫である');
    const r = records[0];
    expect(r.namespaceURI).toBe(NS.marc);
    expect(all(r, NS.marc, 'controlfield').find((c) => c.getAttribute('tag') === '001')?.textContent).toBe(ids['吾輩は猫である']);
    expect(marcValues(r, '020', 'a')).toEqual(['9784003101018']);
    expect(marcValues(r, '100', 'a')).toEqual(['夏目 漱石']);
    expect(marcValues(r, '880', 'a')).toEqual(['ナツメ ソウセキ', 'ワガハイ ワ ネコ デ アル']);
    expect(marcValues(r, '084', 'a')).toEqual(['913.6']);
    expect(marcValues(r, '264', 'b')).toEqual(['岩波書店']);
    expect(marcValues(r, '852', 'z').sort()).toEqual(['在架 (on shelf)', '貸出中 (on loan)']);
    expect(marcValues(r, '852', 'h')).toEqual(['913.6 ナ']);
    expect(marcValues(r, '856', 'u')[0]).toMatch(new RegExp(`/opac/${a.slug}/records/${ids['吾輩は猫である']}$`));
    const availability = all(doc, NS.availability, 'availability')[0];
    expect(availability.getAttribute('status')).toBe('available');
    expect(availability.getAttribute('onLoan')).toBe('1');
    expect(all(availability, NS.availability, 'copy').map((c) => c.getAttribute('status')).sort()).toEqual(['on-loan', 'on-shelf']);
    // a 禁帯出 copy
    const reference = await find('dc.title=コンピューター入門');
    expect(marcValues(reference.records[0], '852', 'z')).toEqual(['館内利用のみ (reference only)']);
  });

  it('gives Dublin Core (srw_dc) and DC-NDL Simple with the readings as dcndl transcriptions', async () => {
    const { doc: dcDoc } = await sru(a.slug, { operation: 'searchRetrieve', version: '1.2', query: 'dc.title=吾輩は猫である', recordSchema: 'dc' });
    expect(first(dcDoc, NS.srw, 'recordSchema')).toBe('info:srw/schema/1/dc-v1.1');
    const dc = all(dcDoc, NS.srwDc, 'dc')[0];
    expect(first(dc, NS.dc, 'title')).toBe('吾輩は猫である');
    expect(first(dc, NS.dc, 'creator')).toBe('夏目 漱石');
    expect(all(dc, NS.dc, 'identifier').map((i) => i.textContent)).toContain('urn:isbn:9784003101018');

    const { doc: ndlDoc } = await sru(a.slug, { operation: 'searchRetrieve', version: '1.2', query: 'dc.title=コンピューター入門', recordSchema: 'dcndl' });
    const ndl = all(ndlDoc, NS.dcndlSimple, 'dc')[0];
    expect(first(ndl, NS.dc, 'title')).toBe('コンピューター入門 : はじめての人に');
    expect(first(ndl, NS.dcndl, 'titleTranscription')).toBe('コンピューター ニュウモン');
    expect(first(ndl, NS.dc, 'subject')).toBe('007');
    expect(all(ndl, NS.dcterms, 'issued')[0].getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe('dcterms:W3CDTF');
    const soseki = await sru(a.slug, { operation: 'searchRetrieve', version: '1.2', query: 'dc.title=こころ', recordSchema: 'dcndl_simple' });
    expect(first(soseki.doc, NS.dcndl, 'creatorTranscription')).toBe('ナツメ ソウセキ');
  });

  it('packs records as strings on request (recordPacking=string), and speaks SRU 2.0', async () => {
    const { doc } = await sru(a.slug, { operation: 'searchRetrieve', version: '1.2', query: 'dc.title=こころ', recordPacking: 'string' });
    const data = all(doc, NS.srw, 'recordData')[0];
    expect(all(data, NS.marc, 'record')).toHaveLength(0);
    expect(parseXml(data.textContent!).documentElement.localName).toBe('record');

    const v2 = await sru(a.slug, { operation: 'searchRetrieve', version: '2.0', query: 'dc.title=こころ' });
    expect(v2.doc.documentElement.namespaceURI).toBe(NS.sru2);
    expect(first(v2.doc, NS.sru2, 'numberOfRecords')).toBe('1');
    expect(first(v2.doc, NS.sru2, 'resultCountPrecision')).toBe('info:srw/vocabulary/resultCountPrecision/1/exact');
    const escaped = await sru(a.slug, { queryType: 'cql', query: 'dc.title=こころ', recordXMLEscaping: 'string' });
    expect(first(escaped.doc, NS.sru2, 'recordXMLEscaping')).toBe('string');
  });

  it('keeps each city to its own catalogue', async () => {
    expect((await find('dc.title=猫の事務所')).total).toBe(0);
    expect((await find('dc.title=猫の事務所', {}, b.slug)).titles).toEqual(['猫の事務所']);
    expect((await find(`rec.id=${ids['猫の事務所']}`)).total).toBe(0);
  });

  it('answers every unsupported query and parameter with its diagnostic, HTTP 200', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ query: 'dc.title=' }, 10],
      [{ query: 'dc.title = こころ and' }, 10],
      [{ query: 'こころ 坊っちゃん' }, 10],
      [{ query: '(dc.title=こころ' }, 13],
      [{ query: 'dc.title=こころ)' }, 13],
      [{ query: 'dc.title="こころ' }, 14],
      [{ query: 'foo.title=こころ' }, 15],
      [{ query: '>x="info:example/unknown" x.title=こころ' }, 15],
      [{ query: 'dc.coverage=日本' }, 16],
      [{ query: 'dc.title encloses こころ' }, 19],
      [{ query: 'dc.title <> こころ' }, 19],
      [{ query: 'dc.title =/stem こころ' }, 20],
      [{ query: 'dc.title < こころ' }, 22],
      [{ query: 'dc.date any 1990' }, 22],
      [{ query: 'dc.title=""' }, 27],
      [{ query: 'dc.title=こ*ろ' }, 28],
      [{ query: 'dc.title=こ?ろ' }, 28],
      [{ query: 'dc.title=^こころ' }, 31],
      [{ query: 'dc.date=昭和' }, 36],
      [{ query: 'dc.subject=文学' }, 36],
      [{ query: 'dc.title=こころ prox dc.title=坊っちゃん' }, 39],
      [{ query: 'dc.title=こころ and/foo dc.title=坊っちゃん' }, 46],
      [{ query: 'dc.title=こころ sortBy dc.publisher' }, 80],
      [{ query: 'x'.repeat(2001) }, 12],
      [{ query: Array.from({ length: 34 }, () => 'dc.title=a').join(' or ') }, 38],
      [{}, 7],
      [{ query: 'dc.title=こころ', recordSchema: 'mods' }, 66],
      [{ query: 'dc.title=こころ', recordPacking: 'json' }, 71],
      [{ query: 'dc.title=こころ', recordXPath: '/record' }, 72],
      [{ query: 'dc.title=こころ', sortKeys: 'title' }, 80],
      [{ query: 'dc.title=こころ', startRecord: '0' }, 6],
      [{ query: 'dc.title=こころ', maximumRecords: 'ten' }, 6],
      [{ query: 'dc.title=こころ', startRecord: '5' }, 61],
      [{ query: 'dc.title=こころ', foo: 'bar' }, 8],
      [{ query: 'dc.title=こころ', stylesheet: 'x.xsl' }, 110],
    ];
    for (const [params, code] of cases) {
      const d = await diagnostic({ operation: 'searchRetrieve', ...params });
      expect({ params, uri: d.uri }).toEqual({ params, uri: `info:srw/diagnostic/1/${code}` });
      expect(d.message).toBeTruthy();
    }
    expect((await diagnostic({ operation: 'scan', scanClause: 'dc.title=a' })).uri).toBe('info:srw/diagnostic/1/4');
    expect((await diagnostic({ operation: 'searchRetrieve', query: 'a' }, '3.0')).uri).toBe('info:srw/diagnostic/1/5');
    expect((await diagnostic({ operation: 'searchRetrieve', query: 'dc.title=(' }, '2.0')).uri).toBe('info:srw/diagnostic/1/10');
    // an extension parameter is ignored
    expect((await find('dc.title=こころ', { 'x-client': 'test' })).total).toBe(1);
  });

  it('is public, cacheable (ETag, Cache-Control, 304) and answers 404 for an unknown city', async () => {
    // supertest listens on a new port per request: one Host keeps the record links, and so the body, the same
    const get = () => t.http().get(`/api/t/${a.slug}/sru`).set('Host', 'library.example.jp').query({ operation: 'searchRetrieve', version: '1.2', query: 'dc.title=こころ' });
    const res = await get().expect(200);
    expect((await get().expect(200)).text).toBe(res.text);
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(res.headers.etag).toBeTruthy();
    await get().set('If-None-Match', res.headers.etag).expect(304);
    const unknown = await t.http().get('/api/t/nosuchcity/sru').query({ query: 'a' }).expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body.code).toBe('TENANT_NOT_FOUND');
  });

  it('refuses a NUL in a parameter\'s name or value as every route does (400 VALIDATION, problem+json)', async () => {
    for (const query of [{ query: 'dc.title=こ\u0000ころ' }, { query: 'dc.title=こころ', 'x-\u0000': '1' }]) {
      const res = await t.http().get(`/api/t/${a.slug}/sru`).query(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION');
    }
  });

  describe('with yaz-client', () => {
    let origin: string;
    beforeAll(async () => {
      requireProgram('yaz-client', 'yaz');
      origin = await listen(t);
    });

    it('opens the city over SRU, finds with CQL and shows the records (also by a reading)', async () => {
      const script = (query: string) =>
        [`sru get 1.2`, `open ${origin}/api/t/${a.slug}/sru`, 'querytype cql', `find ${query}`, 'show 1', 'quit', ''].join('\n');
      const out = await run('yaz-client', [], script('dc.title=吾輩は猫である'));
      expect(out).toMatch(/Number of hits: 1\b/);
      expect(out).toContain('吾輩は猫である');
      expect(out).toContain('ナツメ ソウセキ');
      const byReading = await run('yaz-client', [], script('dc.creator=なつめ'));
      expect(byReading).toMatch(/Number of hits: 3\b/);
      const diag = await run('yaz-client', [], script('dc.coverage=x'));
      expect(diag).toContain('SRW diagnostic info:srw/diagnostic/1/16');
      expect(out).toContain('pos=1 schema=info:srw/schema/1/marcxml-v1.1');
    });

    it('reads the MARCXML back with yaz-marcdump to the same fields', async () => {
      requireProgram('yaz-marcdump', 'yaz');
      const res = await t.http().get(`/api/t/${a.slug}/sru`).query({ operation: 'searchRetrieve', version: '1.2', query: 'dc.title=竜馬がゆく', recordPacking: 'string' });
      const marc = first(parseXml(res.text), NS.srw, 'recordData')!;
      const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(`${require('node:os').tmpdir()}/marcxml-`));
      const file = `${dir}/record.xml`;
      await import('node:fs/promises').then((fs) => fs.writeFile(file, marc));
      const line = await run('yaz-marcdump', ['-i', 'marcxml', '-o', 'line', file]);
      expect(line).toContain(`001 ${ids['竜馬がゆく']}`);
      expect(line).toMatch(/245 10 \$6 880-02 \$a 竜馬がゆく/);
      expect(line).toMatch(/490 0  \$a 文春文庫 \$v 1/);
      expect(line).toMatch(/100 1  \$6 880-01 \$a 司馬 遼太郎/);
      expect(line).toMatch(/880 1  \$6 100-01 \$a シバ リョウタロウ/);
      expect(line).toMatch(/264  1 \$b 文藝春秋 \$c 1998/);
      expect(line).toMatch(/084    \$a 913\.6 \$2 njb/);
    });
  });

  // last: suspends B
  it('answers 503 TENANT_SUSPENDED (problem+json) for a suspended city', async () => {
    await t.http().patch(`/api/platform/tenants/${b.slug}`).set('Authorization', `Bearer ${await adminToken(t)}`).send({ status: 'suspended' }).expect(200);
    const res = await t.http().get(`/api/t/${b.slug}/sru`).query({ query: 'dc.title=猫' }).expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('TENANT_SUSPENDED');
  });
});

describe('SRU under the public catalogue\'s per-IP limit', () => {
  let t: TestApp;
  let a: CatalogTenant;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    [a] = await twoCatalogTenants(t);
  });
  afterAll(() => t.close());

  it('counts SRU with the search and the record pages, and answers 429 RATE_LIMITED beyond the limit', async () => {
    await t.http().get(`/api/t/${a.slug}/sru`).query({ query: 'dc.title=猫' }).expect(200);
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '猫' }).expect(200);
    await t.http().get(`/api/t/${a.slug}/sru`).query({ operation: 'explain' }).expect(200);
    const res = await t.http().get(`/api/t/${a.slug}/sru`).query({ query: 'dc.title=犬' }).expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get(`/api/t/${a.slug}/search`).query({ q: '鳥' }).expect(429);
  });
});
