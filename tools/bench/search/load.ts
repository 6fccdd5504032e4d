/**
 * Bulk-loads a benchmark catalogue into one tenant schema: N records made from the Aozora
 * Bunko vocabulary (14,000 real titles with readings, authors and publishers), 1–3 copies
 * each over the tenant's branches, all in SQL.
 *
 * Speed: the search tokens of each work, publisher and subtitle are computed once in JS
 * (the same buildSearchDocument the API uses) into small staging tables; the records and
 * copies are then produced by `INSERT … SELECT … FROM generate_series` in batches, which
 * glues the precomputed token fragments together. The GIN indexes are dropped for the load and
 * built once at the end, which is several times faster than maintaining it row by row.
 *
 * The copies' summary on each record (copies_*, availability, *_branches; migration 0002)
 * is computed by the same expressions that produce the copies, so the availability trigger
 * is switched off during the load and a sample is checked against it afterwards.
 */
import type { Client } from 'pg';
import { loadAozoraCatalogue } from '../../demo-data/aozora';
import { buildSearchDocument } from '../../../apps/api/src/modules/catalog/search/document';

export interface LoadReport {
  records: number;
  items: number;
  ms: { staging: number; records: number; items: number; index: number; analyze: number; total: number };
}

function literal(v: string | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  return `'${v.replace(/'/g, "''")}'`;
}

/** Multi-row INSERTs of `rows`, 1,000 per statement. */
async function insertRows(db: Client, table: string, columns: string[], rows: string[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => `(${r.join(',')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.join(',')}`);
  }
}

/** Token fragment and search_text lines of a document, without the title-sort key. */
function fragment(doc: { search: string; searchText: string }): [string, string] {
  return [doc.search, doc.searchText];
}

/**
 * A fragment glued onto a record's own document (its publisher, a subtitle) without the
 * fragment's title section (`o<n>`, title-sections.ts): a record has the one section of its
 * own title, as buildSearchDocument() gives it.
 */
function withoutTitleSection([search, text]: [string, string]): [string, string] {
  return [search.split(' ').filter((lexeme) => !/^o\d+$/.test(lexeme)).join(' '), text];
}

/** How many copies record g has (1–3). */
function copiesSql(g: string): string {
  return `(1 + abs(hashint4(${g} * 3 + 1)) % 3)`;
}

/** Copy k of record g: branch, status (mostly on the shelf, a fifth on loan…) and loan category (6 % 禁帯出). */
function copySql(g: string, k: string, branches: string[]): string {
  const x = `(abs(hashint4(${g} * 4 + ${k} + 500000003)) % 100)`;
  return `(ARRAY[${branches.map(literal).join(',')}])[1 + abs(hashint4(${g} * 4 + ${k})) % ${branches.length}] AS branch,
          CASE WHEN ${x} < 66 THEN 'on-shelf' WHEN ${x} < 86 THEN 'on-loan' WHEN ${x} < 89 THEN 'reserved'
               WHEN ${x} < 91 THEN 'in-transit' WHEN ${x} < 93 THEN 'on-hold-shelf' WHEN ${x} < 95 THEN 'missing' ELSE 'on-shelf' END AS status,
          abs(hashint4(${g} * 4 + ${k} + 1000000007)) % 100 >= 6 AS loanable`;
}

/** ISBN-13 of twelve digits (a text expression) with its check digit, inline. */
function isbn13Sql(twelve: string): string {
  const terms = Array.from({ length: 12 }, (_, i) => `substr(t, ${i + 1}, 1)::int * ${i % 2 === 0 ? 1 : 3}`).join(' + ');
  return `(SELECT t || ((10 - (${terms}) % 10) % 10)::text FROM (SELECT ${twelve} AS t) i)`;
}

export async function loadBenchCatalogue(db: Client, n: number, log: (m: string) => void = console.log): Promise<LoadReport> {
  const t0 = Date.now();
  const works = loadAozoraCatalogue();
  const branches: string[] = (await db.query(`SELECT code FROM branches ORDER BY sort, code`)).rows.map((r: { code: string }) => r.code);
  if (!branches.length) throw new Error('the bench tenant has no branches');

  await db.query(`
    CREATE TEMP TABLE bench_works (n int PRIMARY KEY, title text, title_reading text, authors jsonb, year int,
                                   doc tsvector, doc_text text, sub_doc tsvector, sub_text text, title_sort text) ON COMMIT PRESERVE ROWS;
    CREATE TEMP TABLE bench_publishers (n int PRIMARY KEY, name text, doc tsvector, doc_text text);
  `);
  const workRows = works.map((w, i) => {
    const [doc, docText] = fragment(buildSearchDocument({ title: w.title, titleReading: w.titleReading, authors: w.authors }));
    // the same work as another record's subtitle (anthologies: 「羅生門・鼻・芋粥」)
    const [subDoc, subText] = withoutTitleSection(fragment(buildSearchDocument({ title: w.title })));
    return [String(i), literal(w.title), literal(w.titleReading), literal(JSON.stringify(w.authors)), w.publishedYear ? String(w.publishedYear) : 'NULL',
      literal(doc), literal(docText), literal(subDoc), literal(subText), literal(buildSearchDocument({ title: w.title, titleReading: w.titleReading }).titleSort)];
  });
  await insertRows(db, 'bench_works', ['n', 'title', 'title_reading', 'authors', 'year', 'doc', 'doc_text', 'sub_doc', 'sub_text', 'title_sort'], workRows);
  const publishers = [...new Set(works.map((w) => w.publisher).filter((p): p is string => !!p))].sort();
  const pubRows = publishers.map((p, i) => {
    const [doc, docText] = withoutTitleSection(fragment(buildSearchDocument({ title: '', publisher: p })));
    return [String(i), literal(p), literal(doc), literal(docText.replace(/^A\t\n?/, ''))];
  });
  await insertRows(db, 'bench_publishers', ['n', 'name', 'doc', 'doc_text'], pubRows);
  await db.query(`ANALYZE bench_works; ANALYZE bench_publishers`);

  const staging = Date.now() - t0;

  const t1 = Date.now();
  // the GIN indexes on records.search (whole table and the search buckets of migration 0006),
  // dropped for the load and built again from their own definitions at the end
  const ginIndexes: { indexname: string; indexdef: string }[] = (
    await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'records' AND indexdef LIKE '%USING gin%'`)
  ).rows;
  for (const ix of ginIndexes) await db.query(`DROP INDEX ${ix.indexname}`);
  const W = works.length;
  const P = publishers.length;
  const BATCH = 100_000;
  for (let start = 1; start <= n; start += BATCH) {
    const end = Math.min(n, start + BATCH - 1);
    await db.query(
      `INSERT INTO records (id, title, title_reading, subtitle, authors, publisher, published_year, isbn, material_type,
                           volume, volume_sort, ndc, control_number, received_at, search, search_text, title_sort,
                           copies_total, copies_available, copies_on_loan, availability, holding_branches, available_branches)
       SELECT md5('bench' || g)::uuid, w.title, w.title_reading, CASE WHEN sub THEN s.title END, w.authors, p.name,
              coalesce(w.year, 1950 + abs(hashint4(g + 11)) % 76),
              CASE WHEN abs(hashint4(g + 13)) % 10 < 8 THEN ${isbn13Sql(`'9784' || lpad(g::text, 8, '0')`)} END,
              CASE WHEN abs(hashint4(g + 17)) % 100 < 90 THEN 'book' WHEN abs(hashint4(g + 17)) % 100 < 96 THEN 'magazine' ELSE 'av' END,
              CASE WHEN abs(hashint4(g + 19)) % 10 = 0 THEN (1 + abs(hashint4(g + 23)) % 5)::text END,
              CASE WHEN abs(hashint4(g + 19)) % 10 = 0 THEN 1 + abs(hashint4(g + 23)) % 5 END,
              CASE WHEN abs(hashint4(g + 29)) % 10 < 6 THEN '913' ELSE lpad((abs(hashint4(g + 31)) % 1000)::text, 3, '0') END,
              'BENCH' || g,
              current_date - abs(hashint4(g + 37)) % 7300,
              w.doc || p.doc || CASE WHEN sub THEN s.sub_doc ELSE ''::tsvector END,
              w.doc_text || E'\\n' || p.doc_text || CASE WHEN sub THEN E'\\n' || s.sub_text ELSE '' END,
              w.title_sort,
              c.total, c.available, c.on_loan, c.availability, c.holding, c.available_at
         FROM generate_series(${start}, ${end}) g
        CROSS JOIN LATERAL (SELECT abs(hashint4(g + 41)) % 4 = 0 AS sub) x
         JOIN bench_works w ON w.n = abs(hashint4(g)) % ${W}
         JOIN bench_works s ON s.n = abs(hashint4(g + 43)) % ${W}
         JOIN bench_publishers p ON p.n = abs(hashint4(g + 47)) % ${P}
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE cp.status <> 'withdrawn')::int AS total,
                 count(*) FILTER (WHERE cp.status = 'on-shelf' AND cp.loanable)::int AS available,
                 count(*) FILTER (WHERE cp.status = 'on-loan')::int AS on_loan,
                 CASE
                   WHEN bool_or(cp.status = 'on-shelf' AND cp.loanable) THEN 'available'
                   WHEN bool_or(cp.loanable AND cp.status IN ('on-loan','reserved','in-transit','on-hold-shelf')) THEN 'on-loan'
                   WHEN bool_or(NOT cp.loanable AND cp.status <> 'withdrawn' AND cp.status <> 'missing') THEN 'reference-only'
                   ELSE 'unavailable'
                 END AS availability,
                 coalesce(array_agg(DISTINCT cp.branch ORDER BY cp.branch) FILTER (WHERE cp.status <> 'withdrawn'), '{}') AS holding,
                 coalesce(array_agg(DISTINCT cp.branch ORDER BY cp.branch) FILTER (WHERE cp.status = 'on-shelf' AND cp.loanable), '{}') AS available_at
            FROM (VALUES (1), (2), (3)) k(k), LATERAL (SELECT ${copySql('g', 'k.k', branches)}) cp
           WHERE k.k <= ${copiesSql('g')}
        ) c`,
    );
    log(`  records ${end.toLocaleString()} / ${n.toLocaleString()} (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
  }
  const recordsMs = Date.now() - t1;

  const t2 = Date.now();
  // Without triggers: the summaries are already on the records, and every reference is valid
  // by construction (as a superuser, replica mode also skips the foreign-key checks).
  const superuser = (await db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]?.rolsuper === true;
  if (superuser) await db.query(`SET session_replication_role = replica`);
  else await db.query(`ALTER TABLE items DISABLE TRIGGER items_availability_insert`);
  let items = 0;
  try {
    for (let start = 1; start <= n; start += BATCH * 2) {
      const end = Math.min(n, start + BATCH * 2 - 1);
      const r = await db.query(
        `INSERT INTO items (record_id, barcode, branch_code, loanable, status)
         SELECT md5('bench' || g)::uuid, 'B' || lpad(g::text, 9, '0') || k.k, cp.branch, cp.loanable, cp.status
           FROM generate_series(${start}, ${end}) g,
                (VALUES (1), (2), (3)) k(k),
                LATERAL (SELECT ${copySql('g', 'k.k', branches)}) cp
          WHERE k.k <= ${copiesSql('g')}`,
      );
      items += r.rowCount ?? 0;
    }
  } finally {
    if (superuser) await db.query(`SET session_replication_role = origin`);
    else await db.query(`ALTER TABLE items ENABLE TRIGGER items_availability_insert`);
  }
  const itemsMs = Date.now() - t2;
  log(`  copies ${items.toLocaleString()} (${(itemsMs / 1000).toFixed(1)} s)`);

  const t3 = Date.now();
  await db.query(`SET maintenance_work_mem = '1GB'`);
  for (const ix of ginIndexes) await db.query(ix.indexdef);
  const indexMs = Date.now() - t3;
  log(`  GIN indexes: ${ginIndexes.length} (${(indexMs / 1000).toFixed(1)} s)`);
  const t4 = Date.now();
  await db.query(`VACUUM (ANALYZE) records`);
  await db.query(`VACUUM (ANALYZE) items`);
  const analyzeMs = Date.now() - t4;

  // The summaries written by the loader must be what the trigger would compute.
  const sample = await db.query(`SELECT id FROM records TABLESAMPLE SYSTEM (1) LIMIT 500`);
  const before = await db.query(`SELECT md5(string_agg(row(copies_total, copies_available, copies_on_loan, availability, holding_branches, available_branches)::text, ',' ORDER BY id)) h FROM records WHERE id = ANY($1)`, [sample.rows.map((r: { id: string }) => r.id)]);
  await db.query(`BEGIN`);
  await db.query(`SELECT catalog_refresh_availability($1)`, [sample.rows.map((r: { id: string }) => r.id)]);
  const after = await db.query(`SELECT md5(string_agg(row(copies_total, copies_available, copies_on_loan, availability, holding_branches, available_branches)::text, ',' ORDER BY id)) h FROM records WHERE id = ANY($1)`, [sample.rows.map((r: { id: string }) => r.id)]);
  await db.query(`ROLLBACK`);
  if (before.rows[0].h !== after.rows[0].h) throw new Error('loaded copy summaries differ from what the availability trigger computes');

  await db.query(`DROP TABLE bench_works, bench_publishers`);
  return {
    records: n,
    items,
    ms: { staging, records: recordsMs, items: itemsMs, index: indexMs, analyze: analyzeMs, total: Date.now() - t0 },
  };
}
