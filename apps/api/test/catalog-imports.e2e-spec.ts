import * as fs from 'node:fs';
import * as path from 'node:path';
import { queryWhereStored, quotedTenantSchema, tenantManager } from '@shiori/tenancy';
import { DatabaseKind } from '../src/engine/database/database-kind';
import { cliCommands } from '../src/engine/cli-commands';
import { createTestApp, TestApp } from './support/app';
import { CatalogTenant, inTenant, search, titles, twoCatalogTenants, waitForImport } from './support/catalog-factories';

const FIXTURES = path.join(__dirname, 'fixtures/marc');

interface Expected {
  file: string;
  format: string;
  total: number;
  created: number;
  updated: number;
  rejected?: [number, RegExp][];
  /** why a record updates instead of being added */
  note?: string;
}

/**
 * Every MARC fixture, imported one after the other into one tenant, with the report each
 * must give. A record whose control number or ISBN is already in the catalogue (the same
 * record in another encoding, or repeated in a file) updates it instead of adding a copy.
 */
const EXPECTED: Expected[] = [
  { file: 'openlibrary/13dipolarcycload00burk_marc.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/880_Nihon_no_chasho.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/880_alternate_script.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/880_arabic_french_many_linkages.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/880_publisher_unlinked.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/880_table_of_contents.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/collingswood_bad_008.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/dasrmischepriv00rein_meta.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/nybc200247_marc.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/ocm00400866.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/talis_no_title2.mrc', format: 'iso2709', total: 1, created: 0, updated: 0, rejected: [[0, /no title/]] },
  { file: 'openlibrary/upei_short_008.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/warofrebellionco1473unit_marc.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'openlibrary/warofrebellionco1473unit_meta.mrc', format: 'iso2709', total: 1, created: 0, updated: 1, note: 'the same record as the MARCXML above' },
  { file: 'openlibrary/wrapped_lines.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/bad_indicator.dat', format: 'iso2709', total: 1, created: 1, updated: 0 },
  {
    file: 'pymarc/bad_records.mrc',
    format: 'iso2709',
    total: 8,
    created: 2,
    updated: 0,
    rejected: [
      [1, /base address 99937 is past the end/],
      [2, /base address 0 lies inside the leader/],
      [3, /directory length 13 is not a multiple of 12/],
      [4, /directory length 13 is not a multiple of 12/],
      [5, /base address "f0037" is not numeric/],
      [6, /base address 25 is past the end/],
    ],
  },
  { file: 'pymarc/bad_subfield_code.dat', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/bad_tag.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/batch.xml', format: 'marcxml', total: 2, created: 2, updated: 0 },
  { file: 'pymarc/diacritic.dat', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/marc.dat', format: 'iso2709', total: 20, created: 20, updated: 0 },
  { file: 'pymarc/marc8.dat', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/regression45.dat', format: 'iso2709', total: 12, created: 12, updated: 0 },
  { file: 'pymarc/test.dat', format: 'iso2709', total: 10, created: 9, updated: 1, note: 'ActivePerl with ASP and ADO came in bad_subfield_code.dat' },
  { file: 'pymarc/test_utf8.txt', format: 'csv', total: 1, created: 0, updated: 0, rejected: [[0, /CSV header has no title column/]], note: 'a text file read as CSV' },
  { file: 'pymarc/utf8.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/utf8_invalid.mrc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'pymarc/utf8_with_leader_flag.dat', format: 'iso2709', total: 1, created: 0, updated: 1, note: 'marc8.dat in UTF-8' },
  { file: 'pymarc/utf8_without_leader_flag.dat', format: 'iso2709', total: 1, created: 0, updated: 1, note: 'marc8.dat in UTF-8' },
  { file: 'ruby-marc/cp866_unimarc.marc', format: 'iso2709', total: 1, created: 0, updated: 0, rejected: [[0, /no title/]], note: 'UNIMARC has no 245' },
  { file: 'ruby-marc/marc_with_bad_utf8.utf8.marc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'ruby-marc/messed_up_leader.xml', format: 'marcxml', total: 1, created: 1, updated: 0 },
  { file: 'ruby-marc/non-numeric.dat', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'ruby-marc/three-records-second-bad.xml', format: 'marcxml', total: 3, created: 1, updated: 1, rejected: [[1, /malformed XML at line 72/]], note: 'records 0 and 2 share a control number' },
  { file: 'ruby-marc/utf8.marc', format: 'iso2709', total: 1, created: 1, updated: 0 },
  { file: 'ruby-marc/utf8_multirecord.marc', format: 'iso2709', total: 2, created: 0, updated: 2, note: 'utf8.marc, twice' },
  { file: 'ruby-marc/utf8_with_bad_bytes.marc', format: 'iso2709', total: 1, created: 0, updated: 1, note: 'utf8.marc with bad bytes' },
];

const CSV = [
  '書名,ヨミ,著者,著者ヨミ,出版社,出版年,ISBN,NDC,資料種別,受入日,バーコード,所蔵館,帯出区分,請求記号',
  '吾輩は猫である,ワガハイ ワ ネコ デ アル,夏目 漱石,ナツメ ソウセキ,岩波書店,1990,978-4-00-310101-8,913.6,図書,2026-01-10,CSV0001,sawara,可,913.6 ナ',
  '吾輩は猫である,ワガハイ ワ ネコ デ アル,夏目 漱石,ナツメ ソウセキ,岩波書店,1990,978-4-00-310101-8,913.6,図書,2026-01-10,CSV0002,小見川図書館,禁帯出,913.6 ナ',
  '羅生門,ラショウモン,芥川 龍之介,アクタガワ リュウノスケ,新潮社,1968,4-10-102501-0,913.6,book,2026-01-11,CSV0003,sawara,,',
  'ぶつかる本,ブツカル ホン,,,,,,,,,CSV0001,sawara,,',
  '無い館の本,ナイ カン ノ ホン,,,,,,,,,CSV0004,nowhere,,',
  '巻物の本,マキモノ ノ ホン,,,,,,,巻物,,,,,',
  ',タイトルなし,,,,,,,,,,,,',
].join('\n');

describe('catalogue imports', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
  });
  afterAll(() => t.close());

  const upload = (c: CatalogTenant, file: string | Buffer, name?: string, format?: string) => {
    const req = t.http().post(`/api/t/${c.slug}/admin/imports`).set('Authorization', `Bearer ${c.token}`);
    if (format) req.field('format', format);
    return typeof file === 'string' ? req.attach('file', file) : req.attach('file', file, name);
  };

  it('imports every MARC fixture with the expected per-record report', async () => {
    for (const e of EXPECTED) {
      const res = await upload(a, path.join(FIXTURES, e.file));
      expect({ file: e.file, status: res.status }).toEqual({ file: e.file, status: 202 });
      const report = await waitForImport(t, a, res.body.id);
      expect({ file: e.file, status: report.status, format: report.format, total: report.total, processed: report.processed, created: report.created, updated: report.updated }).toEqual({
        file: e.file,
        status: 'done',
        format: e.format,
        total: e.total,
        processed: e.total,
        created: e.created,
        updated: e.updated,
      });
      expect({ file: e.file, rejected: report.rejected }).toEqual({
        file: e.file,
        rejected: (e.rejected ?? []).map(([index, reason]) => ({ index, reason: expect.stringMatching(reason) })),
      });
    }
    const created = EXPECTED.reduce((n, e) => n + e.created, 0);
    const count = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records`));
    expect(count[0].n).toBe(created);
    // the Japanese record is found by its kanji title and by its reading, stored in kana from the romanized field (MARC 880)
    expect(titles(await search(t, a.slug, { q: '茶書' }))).toEqual(['日本の茶書']);
    expect(titles(await search(t, a.slug, { q: 'ちゃしょ' }))).toEqual(['日本の茶書']);
    expect(titles(await search(t, a.slug, { q: 'war game' }))).toEqual(['The war game']);
    // imports are audited
    const audit = await inTenant(t, a.slug, () => tenantManager().query(`SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'import' GROUP BY action ORDER BY action`));
    expect(audit).toEqual([
      { action: 'import.finish', n: EXPECTED.length },
      { action: 'import.start', n: EXPECTED.length },
    ]);
    // every fixture in turn, each waited for: more than the default minute on a loaded machine
  }, 300_000);

  it('refuses a file that is no catalogue, a missing file and an unknown format name', async () => {
    const oracle = await upload(a, path.join(FIXTURES, 'pymarc/test_marc8.txt')).expect(422);
    expect(oracle.body.code).toBe('IMPORT_FORMAT_UNKNOWN');
    const missing = await t.http().post(`/api/t/${a.slug}/admin/imports`).set('Authorization', `Bearer ${a.token}`).field('format', 'csv').expect(400);
    expect(missing.body.code).toBe('IMPORT_FILE_MISSING');
    const badFormat = await upload(a, Buffer.from(CSV), 'x.csv', 'excel').expect(400);
    expect(badFormat.body.code).toBe('VALIDATION');
    // a format given by hand wins over detection: MARC bytes read as MARCXML are rejected record by record
    const forced = await upload(a, path.join(FIXTURES, 'pymarc/marc8.dat'), undefined, 'marcxml').expect(202);
    const report = await waitForImport(t, a, forced.body.id);
    expect(report).toMatchObject({ status: 'done', format: 'marcxml', created: 0, updated: 0 });
    expect(report.rejected.length).toBeGreaterThan(0);
  });

  it('imports a CSV with copies: a broken record is reported and leaves nothing half-written', async () => {
    const res = await upload(a, Buffer.from(CSV), 'catalogue.csv');
    expect(res.status).toBe(202);
    const report = await waitForImport(t, a, res.body.id);
    expect(report).toMatchObject({ status: 'done', format: 'csv', total: 6, processed: 6, created: 2, updated: 0 });
    // analyzed for the planner before the import says done (refreshSearchIndex); the statistics
    // are read where the rows are stored (on Citus: the worker holding the city's shard)
    const [{ actual }] = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS actual FROM records`));
    const estimated = await queryWhereStored(
      (sql, values) => t.ds.query(sql, values),
      t.app.get(DatabaseKind).citus,
      `${quotedTenantSchema(a.slug)}.records`,
      `SELECT reltuples::int FROM pg_class WHERE oid = '%1$s'::regclass`,
    );
    expect(Number(estimated)).toBe(actual);
    expect(report.rejected).toEqual([
      { index: 3, reason: expect.stringMatching(/^BARCODE_EXISTS: .*CSV0001/) },
      { index: 4, reason: expect.stringMatching(/^BRANCH_NOT_FOUND: .*nowhere/) },
      { index: 5, reason: expect.stringMatching(/^MATERIAL_TYPE_UNKNOWN: .*巻物/) },
      { index: 6, reason: expect.stringMatching(/no title/) },
    ]);
    const neko = (await search(t, a.slug, { q: '吾輩は猫である' })).hits[0];
    expect(neko.availability).toEqual({ total: 2, available: 1, onLoan: 0, status: 'available' });
    const detail = (await t.http().get(`/api/t/${a.slug}/admin/records/${neko.id}`).set('Authorization', `Bearer ${a.token}`).expect(200)).body;
    expect(detail).toMatchObject({ isbn: '9784003101018', receivedAt: '2026-01-10', publishedYear: 1990, ndc: '913.6', materialType: 'book' });
    expect(detail.items.map((i: { barcode: string; branchCode: string; loanable: boolean }) => [i.barcode, i.branchCode, i.loanable])).toEqual([
      ['CSV0001', 'sawara', true],
      ['CSV0002', 'omigawa', false], // 小見川図書館, by its name
    ]);
    // the rejected records are not in the catalogue at all
    for (const q of ['ぶつかる本', '無い館の本', '巻物の本']) expect(titles(await search(t, a.slug, { q }))).toEqual([]);
    const orphans = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM items WHERE barcode = 'CSV0004'`));
    expect(orphans[0].n).toBe(0);

    // the same ISBN again updates the record and its copies instead of adding a second record
    const again = [
      '書名,ヨミ,著者,出版社,出版年,ISBN,受入日,バーコード,所蔵館',
      '吾輩は猫である 改版,ワガハイ ワ ネコ デ アル,夏目 漱石,岩波書店,2018,4003101014,2026-02-01,CSV0001,omigawa',
      '吾輩は猫である 改版,ワガハイ ワ ネコ デ アル,夏目 漱石,岩波書店,2018,4003101014,2026-02-01,CSV0005,yamada',
    ].join('\n');
    const second = await waitForImport(t, a, (await upload(a, Buffer.from(again), 'again.csv').expect(202)).body.id);
    expect(second).toMatchObject({ status: 'done', total: 1, created: 0, updated: 1, rejected: [] });
    const updated = (await t.http().get(`/api/t/${a.slug}/admin/records/${neko.id}`).set('Authorization', `Bearer ${a.token}`).expect(200)).body;
    expect(updated).toMatchObject({ title: '吾輩は猫である 改版', publishedYear: 2018, publisher: '岩波書店', ndc: '913.6' });
    expect(updated.items.map((i: { barcode: string; branchCode: string }) => `${i.barcode}@${i.branchCode}`).sort()).toEqual(['CSV0001@omigawa', 'CSV0002@omigawa', 'CSV0005@yamada']);
    expect(updated.items).toHaveLength(3);
    expect(titles(await search(t, a.slug, { q: '吾輩は猫である' }))).toEqual(['吾輩は猫である 改版']);
  });

  it('writes records in batches, and a record the database refuses (a NUL character) takes none of its batch with it', async () => {
    // records are written many to a transaction; one that fails there rolls its batch back,
    // and the batch is written again one record to a transaction
    const rows = ['書名,出版社,ISBN,バーコード,所蔵館'];
    for (let i = 0; i < 30; i++) rows.push(`バッチの本 ${i},${i === 7 ? 'ヌル\u0000出版' : '出版社'},,BATCH${i},sawara`);
    rows.push('バッチの本 0 改,出版社,,BATCH0,sawara'); // a copy the first record of the file holds: refused, as one by one
    const report = await waitForImport(t, a, (await upload(a, Buffer.from(rows.join('\n')), 'batches.csv', 'csv').expect(202)).body.id);
    expect(report).toMatchObject({ status: 'done', total: 31, processed: 31, created: 29, updated: 0 });
    expect(report.rejected).toEqual([
      { index: 7, reason: expect.stringMatching(/0x00|NUL|null character/i) },
      { index: 30, reason: expect.stringMatching(/^BARCODE_EXISTS: .*BATCH0/) },
    ]);
    const [{ n }] = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM items WHERE barcode LIKE 'BATCH%'`));
    expect(n).toBe(29);
    expect(titles(await search(t, a.slug, { q: 'バッチの本 8' }))).toContain('バッチの本 8');
  });

  it('keeps imports per tenant', async () => {
    const res = await upload(b, path.join(FIXTURES, 'pymarc/batch.xml')).expect(202);
    await waitForImport(t, b, res.body.id);
    await t.http().get(`/api/t/${a.slug}/admin/imports/${res.body.id}`).set('Authorization', `Bearer ${a.token}`).expect(404);
    await t.http().get(`/api/t/${a.slug}/admin/imports/${res.body.id}`).set('Authorization', `Bearer ${b.token}`).expect(403);
    const list = await t.http().get(`/api/t/${b.slug}/admin/imports`).set('Authorization', `Bearer ${b.token}`).expect(200);
    expect(list.body.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
    expect(list.body[0]).toMatchObject({ status: 'done', total: 2, created: 2, rejectedCount: 0, filename: 'batch.xml' });
  });

  it('runs the same import from the command line and prints the report', async () => {
    const file = path.join(FIXTURES, 'pymarc/bad_records.mrc');
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    let code: number;
    try {
      code = await cliCommands.import(t.app, [b.slug, file], ['import', b.slug, file, '--format', 'marc21']);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^import [0-9a-f-]{36}: bad_records\.mrc \(iso2709/);
    expect(lines[1]).toMatch(/^done: 8\/8 processed, 2 created, 0 updated, 6 rejected/);
    expect(lines.filter((l) => l.startsWith('  rejected #'))).toHaveLength(6);
    const count = await inTenant(t, b.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records`));
    expect(count[0].n).toBe(2 + 2); // batch.xml's two and bad_records.mrc's two
    await expect(cliCommands.import(t.app, ['nosuchcity', file], [])).rejects.toThrow(/no such tenant/);
  });

  it('matches a record the file leaves as it is without rewriting it, and still rewrites one the file changes and its copies', async () => {
    const file = (publisher: string, branch: string) =>
      Buffer.from(
        [
          '書名,ヨミ,著者,出版社,出版年,ISBN,バーコード,所蔵館',
          `変わらない本,カワラナイ ホン,著者 一,出版社,2001,978-4-00-000001-7,SAME0001,${branch}`,
          `変わる本,カワル ホン,著者 二,${publisher},2002,978-4-00-000002-4,SAME0002,sawara`,
        ].join('\n'),
      );
    const first = await waitForImport(t, a, (await upload(a, file('旧出版社', 'sawara'), 'same.csv').expect(202)).body.id);
    expect(first).toMatchObject({ status: 'done', created: 2, updated: 0, rejected: [] });
    const stamps = () =>
      inTenant(t, a.slug, () =>
        tenantManager().query(`SELECT r.title, r.publisher, r.updated_at::text AS at, i.branch_code AS branch FROM records r JOIN items i ON i.record_id = r.id WHERE i.barcode LIKE 'SAME%' ORDER BY i.barcode`),
      );
    const before = await stamps();
    const again = await waitForImport(t, a, (await upload(a, file('新出版社', 'omigawa'), 'same.csv').expect(202)).body.id);
    expect(again).toMatchObject({ status: 'done', total: 2, created: 0, updated: 2, rejected: [] });
    const after = await stamps();
    // the unchanged record: not rewritten, but its copy moved to the branch the file gives
    expect(after[0]).toEqual({ ...before[0], branch: 'omigawa' });
    // the changed record: rewritten, and found by what changed
    expect(after[1]).toMatchObject({ title: '変わる本', publisher: '新出版社', branch: 'sawara' });
    expect(after[1].at).not.toBe(before[1].at);
    expect(titles(await search(t, a.slug, { q: '新出版社' }))).toEqual(['変わる本']);
  });

  it("keeps the planner's statistics current while a first import grows a nearly empty catalogue", async () => {
    // A statement planned while the catalogue held a handful of rows (the desk's check-out) keeps
    // that plan, a full scan, until the table is analysed again: the import refreshes the
    // statistics each time it has doubled the catalogue (from 1,000 records on) and at its end.
    const citus = t.app.get(DatabaseKind).citus;
    const onShard = (table: string, sql: string) =>
      queryWhereStored((q, values) => t.ds.query(q, values), citus, `${quotedTenantSchema(b.slug)}.${table}`, sql).then(Number);
    const analyses = () => onShard('records', `SELECT analyze_count FROM pg_stat_user_tables WHERE relid = '%1$s'::regclass`);
    const before = await analyses();
    const rows = ['書名,ISBN,バーコード']; // the copies at the city's first branch
    for (let i = 0; i < 2500; i++) rows.push(`育つ目録の本 ${i},,GROW${i}`);
    const report = await waitForImport(t, b, (await upload(b, Buffer.from(rows.join('\n')), 'grow.csv', 'csv').expect(202)).body.id);
    expect(report).toMatchObject({ status: 'done', total: 2500, created: 2500, rejected: [] });
    // after 1,000 records, again once the catalogue has doubled, and at the end: at least three
    // (a backend reports its counts when it ends, so wait for the writer's to have ended)
    let seen = (await analyses()) - before;
    for (let waited = 0; seen < 3 && waited < 15_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      seen = (await analyses()) - before;
    }
    expect(seen).toBeGreaterThanOrEqual(3);
    // the copies' table too: the desk looks copies up by barcode
    const [{ n }] = await inTenant(t, b.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM items`));
    expect(await onShard('items', `SELECT reltuples::int FROM pg_class WHERE oid = '%1$s'::regclass`)).toBe(n);
  });
});
