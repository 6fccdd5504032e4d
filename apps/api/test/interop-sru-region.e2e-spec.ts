import { tenantManager } from '@shiori/tenancy';
import { adminToken, createTestApp, PUBLIC_URL, TestApp, uniqueSlug } from './support/app';
import { CatalogTenant, createRecord, inTenant } from './support/catalog-factories';
import { api, expectStatus, Library, seedPatron, setupLibrary } from './support/circulation-factories';
import { all, first, listen, marcValues, NS, parseXml, requireProgram, run } from './support/xml';

async function catalogTenant(t: TestApp, lib: Library): Promise<CatalogTenant> {
  const branches = await inTenant(t, lib.slug, async () => (await tenantManager().query(`SELECT code FROM branches ORDER BY sort, code`)).map((b: { code: string }) => b.code));
  return { slug: lib.slug, token: lib.staff, branches };
}

/**
 * SRU over a region (GET /api/r/{region}/sru, issue #17): the city SRU's CQL and record schemas
 * over every member library, one record per work naming each holding city, a member that cannot
 * answer as a non-fatal diagnostic, a city outside the region never read, and yaz-client as the client.
 */
describe('regional SRU over member cities (real PostgreSQL, yaz-client)', () => {
  let t: TestApp;
  let admin: string;
  let a: Library;
  let b: Library;
  let outsider: Library;
  let region: string;
  const names: Record<string, string> = {};
  const tag = String(Date.now()).slice(-7);
  const isbn = '9784003101018';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    a = await setupLibrary(t, admin, 'kitakyushu');
    b = await setupLibrary(t, admin, 'koga');
    outsider = await setupLibrary(t, admin, 'kushiro');
    for (const lib of [a, b, outsider]) {
      const [{ name }] = await t.ds.query(`SELECT name FROM platform.tenants WHERE slug = $1`, [lib.slug]);
      names[lib.slug] = name;
    }
    const [ca, cb, co] = [await catalogTenant(t, a), await catalogTenant(t, b), await catalogTenant(t, outsider)];
    // the same book in A (ISBN-13 with hyphens, two copies) and B (ISBN-10, one copy lent)
    await createRecord(t, ca, {
      title: '坊っちゃん',
      titleReading: 'ボッチャン',
      authors: [{ name: '夏目漱石', reading: 'ナツメ ソウセキ' }],
      isbn: '978-4-00-310101-8',
      publishedYear: 1906,
      items: [{ barcode: `QA1${tag}`, branchCode: ca.branches[0] }, { barcode: `QA2${tag}`, branchCode: ca.branches[0] }],
    });
    await createRecord(t, cb, { title: '坊っちゃん', titleReading: 'ボッチャン', authors: [{ name: '夏目 漱石' }], isbn: '4003101014', publishedYear: 1906, items: [{ barcode: `QB1${tag}`, branchCode: cb.branches[0] }] });
    const patron = await seedPatron(b, {});
    expectStatus(await api(b).checkout(patron.cardNumber, `QB1${tag}`), 201);
    await createRecord(t, ca, { title: '三四郎', authors: [{ name: '夏目漱石' }], items: [{ barcode: `QA3${tag}`, branchCode: ca.branches[0] }] });
    await createRecord(t, cb, { title: 'こころ', authors: [{ name: '夏目漱石' }], items: [{ barcode: `QB2${tag}`, branchCode: cb.branches[0] }] });
    // outside the region: never read
    await createRecord(t, co, { title: '坊っちゃん', authors: [{ name: '夏目漱石' }], isbn, items: [{ barcode: `QO1${tag}`, branchCode: co.branches[0] }] });

    region = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set('Authorization', `Bearer ${admin}`).send({ code: region, name: '福岡県', members: [a.slug, b.slug] }).expect(201);
  });
  afterAll(() => t.close());

  async function sru(params: Record<string, string>, code = region) {
    const res = await t.http().get(`/api/r/${code}/sru`).query(params);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    return parseXml(res.text);
  }

  it('answers explain with the region as the database', async () => {
    const doc = await sru({});
    expect(doc.documentElement.localName).toBe('explainResponse');
    expect(all(doc, NS.zr, 'database')[0].textContent).toBe(`api/r/${region}/sru`);
    expect(all(doc, NS.zr, 'title')[0].textContent).toContain('福岡県');
    expect(all(doc, NS.zr, 'schema').map((s) => s.getAttribute('name'))).toEqual(['marcxml', 'dc', 'dcndl']);
  });

  it('a title held by two cities is one MARCXML record with both cities’ copies (852 $a city, $b branch) and record pages', async () => {
    const doc = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.title=坊っちゃん' });
    expect(all(doc, NS.diag, 'uri')).toHaveLength(0);
    expect(first(doc, NS.srw, 'numberOfRecords')).toBe('1');
    const [record] = all(doc, NS.marc, 'record');
    expect(marcValues(record, '245', 'a')).toEqual(['坊っちゃん']);
    expect(marcValues(record, '852', 'a')).toEqual([names[a.slug], names[a.slug], names[b.slug]]);
    expect(marcValues(record, '852', 'b').every((v) => v.length > 0)).toBe(true);
    expect(marcValues(record, '852', 'z')).toEqual(['在架 (on shelf)', '在架 (on shelf)', '貸出中 (on loan)']);
    const urls = marcValues(record, '856', 'u');
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(new RegExp(`^${PUBLIC_URL}/opac/${a.slug}/records/`));
    expect(urls[1]).toMatch(new RegExp(`^${PUBLIC_URL}/opac/${b.slug}/records/`));
    // availability per city in extraRecordData
    const availability = all(doc, NS.availability, 'availability');
    expect(availability.map((e) => [e.getAttribute('city'), e.getAttribute('cityName'), e.getAttribute('status')])).toEqual([
      [a.slug, names[a.slug], 'available'],
      [b.slug, names[b.slug], 'on-loan'],
    ]);
    // the city outside the region is never read
    expect(JSON.stringify(doc.documentElement.textContent)).not.toContain(names[outsider.slug]);
  });

  it('names each holding city in Dublin Core (dc:source) and DC-NDL (rdfs:seeAlso), found by ISBN-10 or reading', async () => {
    const dc = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'bath.isbn=4003101014', recordSchema: 'dc' });
    expect(first(dc, NS.srw, 'numberOfRecords')).toBe('1');
    expect(all(dc, NS.dc, 'source').map((s) => s.textContent)).toEqual([names[a.slug], names[b.slug]]);
    expect(all(dc, NS.dc, 'identifier').map((s) => s.textContent)).toEqual(expect.arrayContaining([expect.stringContaining(`/opac/${b.slug}/records/`)]));
    const ndl = await sru({ operation: 'searchRetrieve', version: '2.0', query: 'dc.title=ぼっちゃん', recordSchema: 'dcndl' });
    const seeAlso = ndl.getElementsByTagNameNS('http://www.w3.org/2000/01/rdf-schema#', 'seeAlso');
    expect(Array.from(seeAlso).map((s) => s.getAttributeNS('http://www.w3.org/2000/01/rdf-schema#', 'label'))).toEqual([names[a.slug], names[b.slug]]);
  });

  it('pages over the works of every city without repeating or skipping one', async () => {
    const all3 = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.creator=夏目漱石', maximumRecords: '10' });
    expect(first(all3, NS.srw, 'numberOfRecords')).toBe('3');
    // a count only (what yaz-client's `find` asks first): the works are not read, the count is not 0
    const count = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.creator=夏目漱石', maximumRecords: '0' });
    expect(Number(first(count, NS.srw, 'numberOfRecords'))).toBeGreaterThanOrEqual(2);
    const titles: string[] = [];
    for (let start = 1; start <= 3; start++) {
      const page = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.creator=夏目漱石', maximumRecords: '1', startRecord: String(start) });
      titles.push(...all(page, NS.marc, 'record').map((r) => marcValues(r, '245', 'a')[0]));
      expect(first(page, NS.srw, 'nextRecordPosition')).toBe(start < 3 ? String(start + 1) : undefined);
    }
    expect(titles.sort()).toEqual(['こころ', '三四郎', '坊っちゃん'].sort());
    expect(titles).toEqual(all(all3, NS.marc, 'record').map((r) => marcValues(r, '245', 'a')[0]).sort());
  });

  it('a CQL error is a diagnostic (HTTP 200), as in a city', async () => {
    const doc = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.title=(' });
    expect(first(doc, NS.diag, 'uri')).toBe('info:srw/diagnostic/1/10');
  });

  it('an unknown region is 404 problem+json, as an unknown city’s SRU', async () => {
    for (const code of ['nosuchregion', 'NOT A CODE']) {
      const res = await t.http().get(`/api/r/${encodeURIComponent(code)}/sru`).query({ query: 'a' }).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('REGION_NOT_FOUND');
    }
  });

  it('a NUL in the query is 400 VALIDATION (problem+json), and an answer is cacheable (ETag, 304), as in a city', async () => {
    const bad = await t.http().get(`/api/r/${region}/sru`).query({ query: 'dc.title=a\u0000' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('VALIDATION');
    const ok = await t.http().get(`/api/r/${region}/sru`).query({ query: 'dc.title=坊っちゃん' }).expect(200);
    expect(ok.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    await t.http().get(`/api/r/${region}/sru`).query({ query: 'dc.title=坊っちゃん' }).set('If-None-Match', ok.headers['etag']).expect(304);
  });

  describe('with yaz-client', () => {
    let origin: string;
    beforeAll(async () => {
      requireProgram('yaz-client', 'yaz');
      origin = await listen(t);
    });

    it('opens the region over SRU and shows one record with both cities', async () => {
      const script = [`sru get 1.2`, `open ${origin}/api/r/${region}/sru`, 'querytype cql', 'find dc.title=坊っちゃん', 'show 1', 'quit', ''].join('\n');
      const out = await run('yaz-client', [], script);
      expect(out).toMatch(/Number of hits: 1\b/);
      expect(out).toContain(names[a.slug]);
      expect(out).toContain(names[b.slug]);
      expect(out).toContain('pos=1 schema=info:srw/schema/1/marcxml-v1.1');
    });
  });

  // last: suspends B
  it('a suspended member is a non-fatal diagnostic beside the other city’s records', async () => {
    await t.http().patch(`/api/platform/tenants/${b.slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'suspended' }).expect(200);
    const doc = await sru({ operation: 'searchRetrieve', version: '1.2', query: 'dc.title=坊っちゃん' });
    expect(first(doc, NS.srw, 'numberOfRecords')).toBe('1');
    const [record] = all(doc, NS.marc, 'record');
    expect(marcValues(record, '852', 'a')).toEqual([names[a.slug], names[a.slug]]);
    expect(all(doc, NS.diag, 'uri').map((u) => u.textContent)).toEqual(['info:srw/diagnostic/1/2']);
    expect(first(doc, NS.diag, 'details')).toBe(b.slug);
    expect(first(doc, NS.diag, 'message')).toContain('停止中');
  });
});

describe('regional SRU under the public catalogue\'s per-IP limit', () => {
  let t: TestApp;
  let region: string;
  let city: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const admin = await adminToken(t);
    city = (await setupLibrary(t, admin, 'koga')).slug;
    region = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set('Authorization', `Bearer ${admin}`).send({ code: region, name: '福岡県', members: [city] }).expect(201);
  });
  afterAll(() => t.close());

  it('counts a region\'s SRU with a city\'s search, and answers 429 RATE_LIMITED beyond the limit, before the region is looked up', async () => {
    await t.http().get(`/api/r/${region}/sru`).query({ query: 'dc.title=猫' }).expect(200);
    await t.http().get(`/api/t/${city}/search`).query({ q: '猫' }).expect(200);
    await t.http().get(`/api/r/${region}/sru`).expect(200);
    for (const code of [region, 'nosuchregion']) {
      const res = await t.http().get(`/api/r/${code}/sru`).query({ query: 'dc.title=犬' }).expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await t.http().get(`/api/t/${city}/search`).query({ q: '鳥' }).expect(429);
  });
});
