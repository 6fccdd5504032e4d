/**
 * Ranking quality (#20): the 50 judged queries of judged.ts run through the catalogue search's
 * own statement (buildSearchQuery, relevance order, with the tenant's search statistics as the
 * API uses them), and scored: expected records in the top 3, nDCG@10 and P@5.
 *
 *   node -r ./tools/register.cjs tools/bench/ranking/run.ts                       # the Aozora catalogue, each work once
 *   node -r ./tools/register.cjs tools/bench/ranking/run.ts --records 1000000     # the search benchmark's tenant
 *        [--data-dir DIR] [--fresh] [--verbose]
 *
 * The default catalogue holds every Aozora work once (14,083 records, as a city holding the
 * whole of Aozora would): loaded into `ranking-aozora` the first time and kept in the data
 * folder. With --records N the search benchmark's tenant of N records is used (loaded by
 * tools/bench/search if not yet, and shared with it): its records repeat the Aozora works, so
 * a query matches thousands and relevance ranks the first 500 matches read (search-query.ts):
 * the figure then also shows what that sampling costs in quality. The ideal ranking of each
 * query (for nDCG) is read from the catalogue itself: the records meeting its best rules.
 *
 * Prints one line per query (its grades of the top 10, marked where the expected records are
 * missing from the top 3) and the totals; docs/benchmarks.md records them.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { buildSearchQuery } from '../../../apps/api/src/modules/catalog/search/search-query';
import { readSearchStatistics } from '../../../apps/api/src/modules/catalog/search/search-stats';
import { buildSearchDocument } from '../../../apps/api/src/modules/catalog/search/document';
import { loadAozoraCatalogue } from '../../demo-data/aozora';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, benchSlug, prepareBenchTenant } from '../search/tenant';
import { gradeOf, RANKING_SET, Rule, scoreQuery } from './judged';
import { arg } from '../lib/args';

const RECORDS = arg('records', 'aozora');
const AOZORA = RECORDS === 'aozora';
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), AOZORA ? 'shiori-bench-ranking' : 'shiori-bench-search')));
const FRESH = process.argv.includes('--fresh');
const VERBOSE = process.argv.includes('--verbose');
const PASSWORD = 'bench-admin-password';
const SLUG = AOZORA ? 'ranking-aozora' : benchSlug(Number(RECORDS));

async function json(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { token?: string } & Record<string, unknown> };
}

/** The tenant `ranking-aozora` with every Aozora work once (kept for later runs). */
async function prepareAozoraTenant(dbUrl: string, apiUrl: string): Promise<void> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const schema = quotedTenantSchema(SLUG);
  try {
    const loaded = await db
      .query(`SELECT value FROM ${schema}.settings WHERE key = 'bench-loaded'`)
      .then((r) => r.rows[0]?.value === 'aozora')
      .catch(() => false);
    if (loaded) {
      console.log(`Reusing tenant ${SLUG}.`);
      return;
    }
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.query(`DELETE FROM platform.tenants WHERE slug = $1`, [SLUG]);
    const admin = await json(`${apiUrl}/api/platform/login`, 'POST', { username: 'admin', password: PASSWORD });
    if (admin.status !== 200) throw new Error(`platform login: ${admin.status} ${JSON.stringify(admin.body)}`);
    const created = await json(`${apiUrl}/api/platform/tenants`, 'POST', { slug: SLUG, name: '順位評価市', preset: 'katori' }, admin.body.token);
    if (created.status !== 201) throw new Error(`create tenant: ${created.status} ${JSON.stringify(created.body)}`);
    const works = loadAozoraCatalogue();
    console.log(`Loading the Aozora catalogue (${works.length.toLocaleString()} works) into ${SLUG} …`);
    for (let start = 0; start < works.length; start += 2000) {
      const batch = works.slice(start, start + 2000);
      const cols = { id: [] as string[], title: [] as string[], reading: [] as (string | null)[], authors: [] as string[], publisher: [] as (string | null)[], year: [] as (number | null)[], search: [] as string[], text: [] as string[], sort: [] as string[] };
      for (const w of batch) {
        const authors = [...w.authors, ...(w.translators ?? [])];
        const doc = buildSearchDocument({ title: w.title, titleReading: w.titleReading, authors, publisher: w.publisher });
        cols.id.push(randomUUID());
        cols.title.push(w.title);
        cols.reading.push(w.titleReading || null);
        cols.authors.push(JSON.stringify(authors));
        cols.publisher.push(w.publisher ?? null);
        cols.year.push(w.publishedYear ?? null);
        cols.search.push(doc.search);
        cols.text.push(doc.searchText);
        cols.sort.push(doc.titleSort);
      }
      await db.query(
        `INSERT INTO ${schema}.records (id, title, title_reading, authors, publisher, published_year, material_type, ndc, search, search_text, title_sort)
         SELECT id, title, reading, authors::jsonb, publisher, year, 'book', '913', search::tsvector, search_text, title_sort
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
             AS x(id, title, reading, authors, publisher, year, search, search_text, title_sort)`,
        [cols.id, cols.title, cols.reading, cols.authors, cols.publisher, cols.year, cols.search, cols.text, cols.sort],
      );
    }
    await db.query(`ANALYZE ${schema}.records`);
    await db.query(`INSERT INTO ${schema}.settings (key, value) VALUES ('bench-loaded', '"aozora"')`);
  } finally {
    await db.end();
  }
}

/** The catalogue's best records for a query: for each rule, best grade first, up to 10 records. */
async function idealGrades(pool: Pool, schema: string, rules: Rule[]): Promise<number[]> {
  const seen = new Map<string, number>();
  for (const r of [...rules].sort((a, b) => b.grade - a.grade)) {
    const rows: { id: string }[] = (
      await pool.query(
        `SELECT id FROM ${schema}.records
          WHERE withdrawn_at IS NULL AND ($1::text IS NULL OR title = $1)
            AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(authors) a WHERE a->>'name' = $2))
          LIMIT 10`,
        [r.title ?? null, r.author ?? null],
      )
    ).rows;
    for (const { id } of rows) if (!seen.has(id)) seen.set(id, r.grade);
  }
  return [...seen.values()].sort((a, b) => b - a).slice(0, 10);
}

async function main() {
  const db = await benchDatabase(DATA_DIR, FRESH);
  const api = await startApiProcess({ DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000' });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    if (AOZORA) await prepareAozoraTenant(db.url, api.url);
    else await prepareBenchTenant(db.url, api.url, Number(RECORDS), PASSWORD);
    const schema = quotedTenantSchema(SLUG);
    const stats = await readSearchStatistics(async (sql, values) => (await pool.query(sql, values)).rows, false, SLUG);
    const records = Number((await pool.query(`SELECT count(*) FROM ${schema}.records`)).rows[0].count);

    let found = 0;
    let expected = 0;
    let ndcg = 0;
    let p5 = 0;
    const misses: string[] = [];
    for (const j of RANKING_SET) {
      const built = buildSearchQuery({ q: j.q, sort: 'relevance', page: 1, size: 10 }, { schema, ...stats });
      const body = JSON.parse((await pool.query(built.sql, built.values)).rows[0].body) as { total: number; exact: boolean; hits: { title: string; authors: { name: string }[] }[] };
      const grades = body.hits.map((h) => gradeOf(h, j.rules));
      const s = scoreQuery(grades, await idealGrades(pool, schema, j.rules));
      found += s.top3;
      expected += s.expected;
      ndcg += s.ndcg10;
      p5 += s.p5;
      const line = `${j.q.padEnd(12, '　')} top3 ${s.top3}/${s.expected}  nDCG@10 ${s.ndcg10.toFixed(2)}  P@5 ${s.p5.toFixed(1)}  [${grades.join('')}]${body.exact ? '' : ` (約 ${body.total} 件)`}`;
      if (s.top3 < s.expected) misses.push(`${line}  top: ${body.hits.slice(0, 3).map((h) => `${h.title}/${h.authors?.[0]?.name ?? ''}`).join(', ')}`);
      if (VERBOSE) console.log(line);
    }
    const n = RANKING_SET.length;
    console.log(`\nRanking set: ${n} judged queries on ${SLUG} (${records.toLocaleString()} records)`);
    console.log(`  expected records in the top 3  ${found}/${expected} (${((100 * found) / expected).toFixed(1)} %)`);
    console.log(`  nDCG@10 (mean)                 ${(ndcg / n).toFixed(3)}`);
    console.log(`  P@5 (mean)                     ${(p5 / n).toFixed(3)}`);
    if (misses.length) {
      console.log(`\nQueries missing expected records in their top 3 (${misses.length}):`);
      for (const m of misses) console.log(`  ${m}`);
    }
  } finally {
    await pool.end();
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
