import { runInTenant, tenantManager, tenantSchemaName } from '@shiori/tenancy';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TenantRegistry } from '../src/engine/tenancy/tenant-registry.service';
import { mapMarcRecord } from '../src/modules/catalog/import/map-marc';
import { readMarcXmlAll } from '../src/modules/catalog/import/marcxml';
import { createTestApp, PUBLIC_URL, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, twoCatalogTenants, waitForImport } from './support/catalog-factories';
import { all, first, listen, marcValues, NS, parseXml, requireProgram, run } from './support/xml';

/** The identifiers' namespace: the host of the public URL the suites run with. */
const HOST = new URL(PUBLIC_URL).hostname;

/** The MARCXML <record> inside an OAI-PMH answer, as text. */
function marcRecordXml(answer: string): string {
  const start = answer.indexOf('<record xmlns="http://www.loc.gov/MARC21/slim"');
  return answer.slice(start, answer.indexOf('</record>', start) + '</record>'.length);
}

/** Records per list page in this suite, so a few dozen records make many pages. */
const PAGE = 5;

/**
 * OAI-PMH 2.0 against the real app: the six verbs, every error code where the protocol puts
 * it, the three metadata formats (MARCXML read back by our importer and by yaz-marcdump), sets,
 * from/until, deleted records, resumption tokens through a harvest while an import writes and
 * across out-of-order commits, two cities, and the Perl HTTP::OAI harvester as the client.
 */
describe('OAI-PMH', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ OAI_PAGE_SIZE: String(PAGE) });
    [a, b] = await twoCatalogTenants(t);
    const [sawara, omigawa] = a.branches;
    const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
    ids['吾輩は猫である'] = (await createRecord(t, a, { title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', authors: soseki, publisher: '岩波書店', publishedYear: 1990, isbn: '978-4-00-310101-8', ndc: '913.6', items: [{ barcode: barcode('O'), branchCode: sawara }, { barcode: barcode('O'), branchCode: omigawa }] })).id;
    ids['竜馬がゆく'] = (await createRecord(t, a, { title: '竜馬がゆく', titleReading: 'リョウマ ガ ユク', volume: '1', series: '文春文庫', authors: [{ name: '司馬 遼太郎', reading: 'シバ リョウタロウ' }], publisher: '文藝春秋', publishedYear: 1998, ndc: '913.6' })).id;
    ids['コンピューター入門'] = (await createRecord(t, a, { title: 'コンピューター入門', subtitle: 'はじめての人に', publisher: 'オーム社', publishedYear: 2020, ndc: '007' })).id;
    ids['ねこ新聞'] = (await createRecord(t, a, { title: 'ねこ新聞', materialType: 'magazine', publishedYear: 2024 })).id;
    ids['除籍本'] = (await createRecord(t, a, { title: '除籍本', ndc: '210' })).id;
    await t.http().delete(`/api/t/${a.slug}/admin/records/${ids['除籍本']}`).set('Authorization', `Bearer ${a.token}`).expect(200);
    ids['猫の事務所'] = (await createRecord(t, b, { title: '猫の事務所' })).id;
    await settled(a.slug);
    await settled(b.slug);
  });
  afterAll(() => t.close());

  /**
   * Waits until every committed record of the city is listable. A list shows a change only once
   * every older transaction on the server has ended (snapshot xmin, so that no record is ever
   * skipped); another suite's long transaction on the same server (a city being provisioned, say)
   * holds that horizon for a while. Waiting for it here keeps the assertions about what a
   * harvest finds independent of what other suites do meanwhile.
   */
  async function settled(slug: string): Promise<void> {
    const tenant = (await t.app.get(TenantRegistry).findBySlug(slug))!;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [row] = await runInTenant(t.app.get(DataSource), tenant, () =>
        tenantManager().query(`SELECT count(*) FILTER (WHERE change_xid < pg_snapshot_xmin(pg_current_snapshot()))::int AS listable, count(*)::int AS total FROM records`),
      );
      if (row.listable === row.total) return;
      if (Date.now() > deadline) throw new Error(`records of ${slug} still not listable after 120 s: ${row.listable} of ${row.total}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function oai(params: Record<string, string>, slug = a.slug) {
    const res = await t.http().get(`/api/t/${slug}/oai`).query(params);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const doc = parseXml(res.text);
    expect(doc.documentElement.namespaceURI).toBe(NS.oai);
    expect(doc.documentElement.localName).toBe('OAI-PMH');
    return doc;
  }

  const errorOf = (doc: Document) => all(doc, NS.oai, 'error')[0]?.getAttribute('code');
  const requestAttrs = (doc: Document) => Object.fromEntries(Array.from(all(doc, NS.oai, 'request')[0].attributes).map((x) => [x.name, x.value]));
  const identifierOf = (id: string, slug = a.slug) => `oai:${HOST}:${slug}/${id}`;
  const recordIdOf = (identifier: string) => identifier.slice(identifier.lastIndexOf('/') + 1);

  /** Every page of a list, following resumption tokens; the headers in order. */
  async function harvest(verb: 'ListIdentifiers' | 'ListRecords', params: Record<string, string>, slug = a.slug) {
    const headers: Element[] = [];
    const records: Element[] = [];
    let doc = await oai({ verb, ...params }, slug);
    let pages = 0;
    for (;;) {
      if (errorOf(doc) === 'noRecordsMatch') return { headers, records, pages };
      expect(errorOf(doc)).toBeUndefined();
      pages++;
      headers.push(...all(doc, NS.oai, 'header'));
      records.push(...all(doc, NS.oai, 'record'));
      const token = all(doc, NS.oai, 'resumptionToken')[0];
      if (!token || !token.textContent) return { headers, records, pages };
      doc = await oai({ verb, resumptionToken: token.textContent }, slug);
    }
  }

  it('Identify: repository name, base URL, protocol 2.0, earliest datestamp, persistent deletions, seconds', async () => {
    const doc = await oai({ verb: 'Identify' });
    expect(first(doc, NS.oai, 'repositoryName')).toMatch(/蔵書目録$/);
    expect(first(doc, NS.oai, 'baseURL')).toMatch(new RegExp(`/api/t/${a.slug}/oai$`));
    expect(first(doc, NS.oai, 'protocolVersion')).toBe('2.0');
    expect(first(doc, NS.oai, 'deletedRecord')).toBe('persistent');
    expect(first(doc, NS.oai, 'granularity')).toBe('YYYY-MM-DDThh:mm:ssZ');
    expect(first(doc, NS.oai, 'earliestDatestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(first(doc, NS.oai, 'adminEmail')).toMatch(/@/);
    expect(first(doc, 'http://www.openarchives.org/OAI/2.0/oai-identifier', 'repositoryIdentifier')).toBe(HOST);
    expect(requestAttrs(doc)).toEqual({ verb: 'Identify' });
    expect(first(doc, NS.oai, 'responseDate')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('ListMetadataFormats: marcxml, oai_dc and dcndl, for the repository and for one record', async () => {
    for (const params of [{}, { identifier: identifierOf(ids['吾輩は猫である']) }] as Record<string, string>[]) {
      const doc = await oai({ verb: 'ListMetadataFormats', ...params });
      expect(all(doc, NS.oai, 'metadataPrefix').map((p) => p.textContent)).toEqual(['marcxml', 'oai_dc', 'dcndl', 'dcndl_simple']);
      expect(all(doc, NS.oai, 'metadataNamespace').map((p) => p.textContent)).toContain('http://ndl.go.jp/dcndl/dcndl_simple/');
    }
    expect(errorOf(await oai({ verb: 'ListMetadataFormats', identifier: `oai:${HOST}:nope/1` }))).toBe('idDoesNotExist');
  });

  it('ListSets: material types and the ten NDC classes', async () => {
    const doc = await oai({ verb: 'ListSets' });
    const specs = all(doc, NS.oai, 'setSpec').map((s) => s.textContent);
    expect(specs).toEqual(expect.arrayContaining(['type', 'type:book', 'type:magazine', 'type:av', 'ndc', 'ndc:0', 'ndc:9']));
    expect(all(doc, NS.oai, 'setName').map((s) => s.textContent)).toContain('NDC 9類: 文学');
    expect(errorOf(await oai({ verb: 'ListSets', resumptionToken: 'abc' }))).toBe('badResumptionToken');
  });

  it('GetRecord in oai_dc, marcxml and dcndl; a withdrawn record is a deleted header without metadata', async () => {
    const id = identifierOf(ids['吾輩は猫である']);
    const dc = await oai({ verb: 'GetRecord', identifier: id, metadataPrefix: 'oai_dc' });
    expect(requestAttrs(dc)).toEqual({ verb: 'GetRecord', identifier: id, metadataPrefix: 'oai_dc' });
    expect(first(dc, NS.oai, 'identifier')).toBe(id);
    expect(all(dc, NS.oai, 'setSpec').map((s) => s.textContent)).toEqual(['type:book', 'ndc:9']);
    const oaiDc = all(dc, NS.oaiDc, 'dc')[0];
    expect(first(oaiDc, NS.dc, 'title')).toBe('吾輩は猫である');
    expect(first(oaiDc, NS.dc, 'creator')).toBe('夏目 漱石');

    const marc = await oai({ verb: 'GetRecord', identifier: id, metadataPrefix: 'marcxml' });
    const record = all(marc, NS.marc, 'record')[0];
    expect(marcValues(record, '245', 'a')).toEqual(['吾輩は猫である']);
    // holdings per branch (no copy status: a loan does not change the harvested record)
    expect(marcValues(record, '852', 'b')).toHaveLength(2);
    expect(marcValues(record, '852', 'z')).toEqual([]);

    const ndl = await oai({ verb: 'GetRecord', identifier: id, metadataPrefix: 'dcndl' });
    expect(first(ndl, NS.dcndl, 'titleTranscription')).toBe('ワガハイ ワ ネコ デ アル');
    expect(first(ndl, NS.dcndl, 'creatorTranscription')).toBe('ナツメ ソウセキ');

    const gone = await oai({ verb: 'GetRecord', identifier: identifierOf(ids['除籍本']), metadataPrefix: 'oai_dc' });
    const header = all(gone, NS.oai, 'header')[0];
    expect(header.getAttribute('status')).toBe('deleted');
    expect(all(gone, NS.oai, 'metadata')).toHaveLength(0);
  });

  it('MARCXML re-imports to the same fields through the catalogue importer', async () => {
    const res = await t.http().get(`/api/t/${a.slug}/oai`).query({ verb: 'GetRecord', identifier: identifierOf(ids['竜馬がゆく']), metadataPrefix: 'marcxml' }).expect(200);
    const xml = marcRecordXml(res.text);
    const read = readMarcXmlAll(xml);
    expect(read).toHaveLength(1);
    expect(read[0].error).toBeUndefined();
    const mapped = mapMarcRecord(read[0].record!);
    expect(mapped).toMatchObject({
      record: {
        title: '竜馬がゆく',
        titleReading: 'リョウマ ガ ユク',
        authors: [{ name: '司馬 遼太郎', reading: 'シバ リョウタロウ' }],
        publisher: '文藝春秋',
        publishedYear: 1998,
        series: '文春文庫',
        volume: '1',
        ndc: '913.6',
        controlNumber: ids['竜馬がゆく'],
      },
    });
  });

  it('ListIdentifiers and ListRecords page by resumption tokens to the end: every record once, deleted ones included', async () => {
    const list = await harvest('ListRecords', { metadataPrefix: 'oai_dc' });
    const harvested = list.headers.map((h) => recordIdOf(first(h, NS.oai, 'identifier')!));
    expect(harvested.sort()).toEqual(Object.entries(ids).filter(([k]) => k !== '猫の事務所').map(([, v]) => v).sort());
    expect(list.pages).toBe(1);
    const deleted = list.headers.filter((h) => h.getAttribute('status') === 'deleted').map((h) => recordIdOf(first(h, NS.oai, 'identifier')!));
    expect(deleted).toEqual([ids['除籍本']]);
    // metadata for every record but the deleted one
    expect(list.records.filter((r) => all(r, NS.oai, 'metadata').length)).toHaveLength(4);
    const other = await harvest('ListIdentifiers', { metadataPrefix: 'marcxml' }, b.slug);
    expect(other.headers.map((h) => recordIdOf(first(h, NS.oai, 'identifier')!))).toEqual([ids['猫の事務所']]);
  });

  it('selects by set (material type, NDC class) and by from/until on the change time', async () => {
    const ofSet = async (set: string) => (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', set })).headers.map((h) => recordIdOf(first(h, NS.oai, 'identifier')!)).sort();
    expect(await ofSet('type:magazine')).toEqual([ids['ねこ新聞']]);
    expect(await ofSet('ndc:0')).toEqual([ids['コンピューター入門']]);
    expect(await ofSet('ndc:9')).toEqual([ids['吾輩は猫である'], ids['竜馬がゆく']].sort());
    expect(await ofSet('ndc')).toHaveLength(4);
    expect(await ofSet('type')).toHaveLength(5);
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'type:nosuchtype' }))).toBe('noRecordsMatch');
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'shelf:1' }))).toBe('noRecordsMatch');

    const all5 = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc' })).headers;
    const stamps = all5.map((h) => first(h, NS.oai, 'datestamp')!).sort();
    const latest = stamps[stamps.length - 1];
    const fromLatest = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: latest })).headers;
    expect(fromLatest.length).toBeGreaterThanOrEqual(1);
    expect(fromLatest.every((h) => first(h, NS.oai, 'datestamp')! >= latest)).toBe(true);
    const untilFirst = (await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', until: stamps[0] })).headers;
    expect(untilFirst.every((h) => first(h, NS.oai, 'datestamp')! <= stamps[0])).toBe(true);
    expect(untilFirst.length).toBeGreaterThanOrEqual(1);
    const today = latest.slice(0, 10);
    expect((await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc', from: today, until: today })).headers.length).toBe(5);
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2999-01-01' }))).toBe('noRecordsMatch');
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', until: '1999-12-31T23:59:59Z' }))).toBe('noRecordsMatch');
  });

  it('answers each error code where the protocol puts it; badVerb and badArgument echo no arguments', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'badVerb'],
      [{ verb: 'Explain' }, 'badVerb'],
      [{ verb: 'Identify', foo: 'bar' }, 'badArgument'],
      [{ verb: 'ListRecords' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-13-01' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-02-30' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-01-01T00:00:00' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-01-01', until: '2024-01-02T00:00:00Z' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-02-01', until: '2024-01-01' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'bad set' }, 'badArgument'],
      [{ verb: 'ListRecords', resumptionToken: 'x', metadataPrefix: 'oai_dc' }, 'badArgument'],
      [{ verb: 'GetRecord', identifier: identifierOf(ids['吾輩は猫である']) }, 'badArgument'],
      [{ verb: 'GetRecord', metadataPrefix: 'oai_dc' }, 'badArgument'],
      [{ verb: 'ListIdentifiers', resumptionToken: 'not-a-token' }, 'badResumptionToken'],
      [{ verb: 'ListRecords', resumptionToken: Buffer.from('[1,"oai_dc","","","","1","nope"]').toString('base64url') }, 'badResumptionToken'],
      [{ verb: 'ListRecords', resumptionToken: Buffer.from('[1,"mods","","","","1","00000000-0000-0000-0000-000000000000"]').toString('base64url') }, 'badResumptionToken'],
      [{ verb: 'ListRecords', metadataPrefix: 'mods' }, 'cannotDisseminateFormat'],
      [{ verb: 'ListIdentifiers', metadataPrefix: 'mods' }, 'cannotDisseminateFormat'],
      [{ verb: 'GetRecord', identifier: identifierOf(ids['吾輩は猫である']), metadataPrefix: 'mods' }, 'cannotDisseminateFormat'],
      [{ verb: 'GetRecord', identifier: identifierOf('00000000-0000-4000-8000-000000000000'), metadataPrefix: 'oai_dc' }, 'idDoesNotExist'],
      [{ verb: 'GetRecord', identifier: identifierOf(ids['猫の事務所']), metadataPrefix: 'oai_dc' }, 'idDoesNotExist'],
      [{ verb: 'GetRecord', identifier: identifierOf(ids['猫の事務所'], b.slug), metadataPrefix: 'oai_dc' }, 'idDoesNotExist'],
      [{ verb: 'GetRecord', identifier: 'urn:isbn:9784003101018', metadataPrefix: 'oai_dc' }, 'idDoesNotExist'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2999-01-01' }, 'noRecordsMatch'],
    ];
    for (const [params, code] of cases) {
      const doc = await oai(params);
      expect({ params, code: errorOf(doc) }).toEqual({ params, code });
      if (code === 'badVerb' || code === 'badArgument') expect({ params, request: requestAttrs(doc) }).toEqual({ params, request: {} });
    }
    // a repeated argument, and a repeated verb
    const repeated = parseXml((await t.http().get(`/api/t/${a.slug}/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marcxml`).expect(200)).text);
    expect(errorOf(repeated)).toBe('badArgument');
    const twoVerbs = parseXml((await t.http().get(`/api/t/${a.slug}/oai?verb=Identify&verb=Identify`).expect(200)).text);
    expect(errorOf(twoVerbs)).toBe('badVerb');
  });

  it('takes POST with a form body', async () => {
    const res = await t.http().post(`/api/t/${a.slug}/oai`).type('form').send({ verb: 'GetRecord', identifier: identifierOf(ids['ねこ新聞']), metadataPrefix: 'oai_dc' }).expect(200);
    expect(first(parseXml(res.text), NS.dc, 'title')).toBe('ねこ新聞');
  });

  it('a token taken while a transaction is in flight skips none of its records when it commits late (out of order)', async () => {
    // records enough for several pages, then: A writes and stays open, B writes and commits
    const c = (await twoCatalogTenants(t))[0];
    for (let i = 0; i < PAGE * 2; i++) await createRecord(t, c, { title: `前からある本 ${i}` });
    await settled(c.slug);
    const tenant = (await t.app.get(TenantRegistry).findBySlug(c.slug))!;
    let commitA!: () => void;
    const aWritten = new Promise<void>((resolveWritten) => {
      void runInTenant(t.app.get(DataSource), tenant, async () => {
        await tenantManager().query(`INSERT INTO records (title) VALUES ('遅れてコミットする本')`);
        resolveWritten();
        await new Promise<void>((release) => (commitA = release));
      });
    });
    await aWritten;
    const first1 = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' }, c.slug);
    const token = all(first1, NS.oai, 'resumptionToken')[0].textContent!;
    const bId = (await createRecord(t, c, { title: '先にコミットする本' })).id;
    // B committed, but A (an older transaction) is open: B is not listed yet
    const whileOpen = await harvest('ListIdentifiers', { metadataPrefix: 'oai_dc' }, c.slug);
    expect(whileOpen.headers.map((h) => recordIdOf(first(h, NS.oai, 'identifier')!))).not.toContain(bId);
    commitA();
    // wait for A's commit to be visible
    for (let i = 0; i < 100; i++) {
      const visible = await runInTenant(t.app.get(DataSource), tenant, () => tenantManager().query(`SELECT 1 FROM records WHERE title = '遅れてコミットする本'`));
      if (visible.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await settled(c.slug);
    // the harvest that began while A was open goes on from its token and finds both, once
    const rest: string[] = [];
    let doc = await oai({ verb: 'ListIdentifiers', resumptionToken: token }, c.slug);
    for (;;) {
      rest.push(...all(doc, NS.oai, 'identifier').map((i) => recordIdOf(i.textContent!)));
      const next = all(doc, NS.oai, 'resumptionToken')[0]?.textContent;
      if (!next) break;
      doc = await oai({ verb: 'ListIdentifiers', resumptionToken: next }, c.slug);
    }
    const seen = [...all(first1, NS.oai, 'identifier').map((i) => recordIdOf(i.textContent!)), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(PAGE * 2 + 2);
    expect(seen).toContain(bId);
  });

  it('a harvest that runs while an import writes sees every record exactly once', async () => {
    const c = (await twoCatalogTenants(t))[0];
    for (let i = 0; i < PAGE * 6; i++) await createRecord(t, c, { title: `既存の本 ${i}` });
    await settled(c.slug);
    const imported = 200;
    const csv = ['タイトル,出版年', ...Array.from({ length: imported }, (_, i) => `取り込みの本 ${i},${2000 + (i % 20)}`)].join('\n');
    // the import is held before its first record (a transaction that lets it read but not write
    // the city's records) until the harvest has its first page, however fast the importer is
    // and however slow the first page: the rest of the harvest runs while the import writes
    const blocker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await blocker.connect();
    let blocked = true;
    const release = async () => {
      if (!blocked) return;
      blocked = false;
      await blocker.query('ROLLBACK');
    };
    const seen: string[] = [];
    let pagesDuringImport = 0;
    let importId = '';
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${tenantSchemaName(c.slug)}".records IN SHARE MODE`);
      importId = (await t.http().post(`/api/t/${c.slug}/admin/imports`).set('Authorization', `Bearer ${c.token}`).attach('file', Buffer.from(csv), 'books.csv').expect(202)).body.id;
      const importStatus = async () => (await t.http().get(`/api/t/${c.slug}/admin/imports/${importId}`).set('Authorization', `Bearer ${c.token}`).expect(200)).body as { status: string; processed: number };

      let doc = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' }, c.slug);
      for (;;) {
        seen.push(...all(doc, NS.oai, 'identifier').map((i) => recordIdOf(i.textContent!)));
        const token = all(doc, NS.oai, 'resumptionToken')[0]?.textContent;
        if (!token) break;
        // the harvester keeps behind the import: the next page waits until the import has written
        // more records than the page holds, or has finished
        const before = await importStatus();
        await release();
        if (before.status === 'running') {
          pagesDuringImport++;
          for (const until = Date.now() + 60_000; Date.now() < until; ) {
            const now = await importStatus();
            if (now.status !== 'running' || now.processed >= before.processed + PAGE * 2) break;
            await new Promise((r) => setTimeout(r, 10));
          }
        }
        await settled(c.slug);
        doc = await oai({ verb: 'ListIdentifiers', resumptionToken: token }, c.slug);
      }
    } finally {
      await release();
      await blocker.end();
    }
    const report = await waitForImport(t, c, importId);
    expect(report.created).toBe(imported);
    expect(pagesDuringImport).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    const everything = await runInTenant(t.app.get(DataSource), (await t.app.get(TenantRegistry).findBySlug(c.slug))!, () => tenantManager().query(`SELECT id FROM records`));
    expect(seen.sort()).toEqual(everything.map((r: { id: string }) => r.id).sort());
  }, 180_000);

  it('tokens survive a restart: the restarted API continues a harvest from its token', async () => {
    const c = (await twoCatalogTenants(t))[0];
    for (let i = 0; i < PAGE + 1; i++) await createRecord(t, c, { title: `本 ${i}` });
    await settled(c.slug);
    const page1 = await oai({ verb: 'ListRecords', metadataPrefix: 'dcndl' }, c.slug);
    expect(all(page1, NS.oai, 'header')).toHaveLength(PAGE);
    const next = all(page1, NS.oai, 'resumptionToken')[0].textContent!;
    await t.close();
    t = await createTestApp({ OAI_PAGE_SIZE: String(PAGE) });
    const page2 = await oai({ verb: 'ListRecords', resumptionToken: next }, c.slug);
    expect(all(page2, NS.oai, 'header')).toHaveLength(1);
    expect(all(page2, NS.dcndlSimple, 'dc')).toHaveLength(1);
    expect(all(page2, NS.oai, 'resumptionToken')[0].textContent).toBe('');
  });

  describe('with the Perl HTTP::OAI harvester (oai_pmh)', () => {
    let origin: string;
    beforeAll(async () => {
      requireProgram('oai_pmh', 'libhttp-oai-perl');
      origin = await listen(t);
    });

    it('runs Identify and ListRecords following the resumption tokens to the end', async () => {
      const c = (await twoCatalogTenants(t))[0];
      const made: string[] = [];
      for (let i = 0; i < PAGE * 2 + 3; i++) made.push((await createRecord(t, c, { title: `収穫の本 ${i}`, titleReading: `シュウカク ノ ホン ${i}` })).id);
      await settled(c.slug);
      const url = `${origin}/api/t/${c.slug}/oai`;
      // Identify prints nothing on success; the harvester exits non-zero on an error answer
      await run('oai_pmh', ['-X', 'Identify', url]);
      await expect(run('oai_pmh', ['-X', 'Identify', `${origin}/api/t/nosuchcity/oai`])).rejects.toThrow(/Error in response/);
      const formats = await run('oai_pmh', ['-X', 'ListMetadataFormats', url]);
      expect([...formats.matchAll(/metadataPrefix: (\S+)/g)].map((m) => m[1])).toEqual(['marcxml', 'oai_dc', 'dcndl', 'dcndl_simple']);
      const listed = await run('oai_pmh', ['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', url]);
      const found = [...listed.matchAll(new RegExp(`identifier: oai:${HOST.replace(/\./g, '\\.')}:[^/\\s]+/([0-9a-f-]{36})\\n`, 'g'))].map((m) => m[1]);
      expect(found.sort()).toEqual(made.sort());
      const marc = await run('oai_pmh', ['-X', 'ListRecords', '--metadataPrefix', 'marcxml', url]);
      expect(marc).toContain('収穫の本 12');
    });

    it('the MARCXML it harvests reads back with yaz-marcdump', async () => {
      requireProgram('yaz-marcdump', 'yaz');
      const res = await t.http().get(`/api/t/${a.slug}/oai`).query({ verb: 'GetRecord', identifier: identifierOf(ids['吾輩は猫である']), metadataPrefix: 'marcxml' });
      const record = marcRecordXml(res.text);
      const dir = await mkdtemp(`${tmpdir()}/oai-marc-`);
      await writeFile(`${dir}/r.xml`, record);
      const line = await run('yaz-marcdump', ['-i', 'marcxml', '-o', 'line', `${dir}/r.xml`]);
      expect(line).toContain(`001 ${ids['吾輩は猫である']}`);
      expect(line).toMatch(/020    \$a 9784003101018/);
      expect(line).toMatch(/245 10 \$6 880-02 \$a 吾輩は猫である/);
      expect(line).toMatch(/880 10 \$6 245-02 \$a ワガハイ ワ ネコ デ アル/);
    });
  });
});
