/**
 * Interoperability benchmark (issue #17, docs/benchmarks.md), on the search benchmark's
 * tenant of N records (tools/bench/search: loaded once, reused):
 *
 *   1. OAI-PMH full harvest: ListRecords (marcxml) from the first page to the last by
 *      resumption tokens, one harvester, as NDL Search or a union catalogue harvests;
 *      prints records/s and the page times (target: pages of 500, each ≤ 1 s), and checks
 *      that every record came exactly once.
 *   2. SRU searchRetrieve next to the JSON search of the same queries (the search benchmark's
 *      mix written in CQL), C concurrent clients, alternating rounds in the same run, through
 *      the same API process; prints p50/p95 of both and the p95 ratio (target ≤ 1.3).
 *
 *   npx nx run api:bench-interop -- --records 1000000
 *   node -r ./tools/register.cjs tools/bench/interop/run.ts [--records 1000000] [--requests 2000]
 *        [--clients 16] [--page 500] [--prefix marcxml] [--data-dir /tmp/shiori-bench-search] [--skip-harvest]
 */
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { startApiProcess } from '../lib/api-process';
import { percentile, summarize } from '../lib/stats';
import { BenchQuery, label, QUERY_MIX, toQueryString } from '../search/queries';
import { benchDatabase, benchSlug, prepareBenchTenant } from '../search/tenant';
import { arg } from '../lib/args';

const RECORDS = Number(arg('records', '1000000'));
const REQUESTS = Number(arg('requests', '2000'));
const CLIENTS = Number(arg('clients', '16'));
const PAGE = Number(arg('page', '500'));
const PREFIX = arg('prefix', 'marcxml');
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), 'shiori-bench-search')));
const SKIP_HARVEST = process.argv.includes('--skip-harvest');
const PASSWORD = 'bench-admin-password';
const SLUG = benchSlug(RECORDS);
const API_POOL = Math.max(2, os.cpus().length * 2);

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** The search benchmark's queries in CQL; null for what CQL here cannot say (the availability filter). */
function toCql(q: BenchQuery): { query: string; startRecord: number } | null {
  if (q.available !== undefined || q.branch) return null;
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const clauses: string[] = [];
  if (q.q !== undefined) clauses.push(/^[\d-]+$/.test(q.q) ? `bath.isbn=${q.q}` : `cql.anywhere all ${quote(q.q)}`);
  if (q.title) clauses.push(`dc.title all ${quote(q.title)}`);
  if (q.author) clauses.push(`dc.creator all ${quote(q.author)}`);
  if (q.publisher) clauses.push(`dc.publisher all ${quote(q.publisher)}`);
  if (q.isbn) clauses.push(`bath.isbn=${q.isbn}`);
  if (q.materialType?.length) clauses.push(`dc.type any ${quote(q.materialType.join(' '))}`);
  if (q.yearFrom !== undefined) clauses.push(`dc.date>=${q.yearFrom}`);
  if (q.yearTo !== undefined) clauses.push(`dc.date<=${q.yearTo}`);
  if (q.ndc) clauses.push(`dc.subject=${q.ndc}`);
  const sort = q.sort === 'title' ? ' sortBy dc.title' : q.sort === 'newest' ? ' sortBy dc.date/sort.descending' : '';
  return { query: clauses.join(' and ') + sort, startRecord: ((q.page ?? 1) - 1) * 20 + 1 };
}

/** Two ISBN queries from the loaded data (as the search benchmark adds them) and the number of records. */
async function isbnsAndCount(dbUrl: string): Promise<{ queries: BenchQuery[]; count: number }> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const rows = (await db.query(`SELECT isbn FROM ${quotedTenantSchema(SLUG)}.records WHERE isbn IS NOT NULL ORDER BY control_number LIMIT 2 OFFSET 500`)).rows;
  const count = Number((await db.query(`SELECT count(*) AS n FROM ${quotedTenantSchema(SLUG)}.records`)).rows[0].n);
  await db.end();
  return {
    queries: [
      { q: rows[0].isbn, label: 'q=<ISBN-13>' },
      { isbn: rows[1].isbn, label: 'isbn=<ISBN-13>' },
    ],
    count,
  };
}

async function harvest(apiUrl: string, expected: number): Promise<void> {
  const base = `${apiUrl}/api/t/${SLUG}/oai`;
  const pageMs: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let url = `${base}?verb=ListRecords&metadataPrefix=${PREFIX}`;
  let bytes = 0;
  const load0 = os.loadavg()[0];
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const res = await get(url);
    pageMs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`OAI-PMH ${url}: HTTP ${res.status}`);
    bytes += Buffer.byteLength(res.body);
    for (const m of res.body.matchAll(/<identifier>oai:[^<]*\/([0-9a-f-]{36})<\/identifier>/g)) {
      if (seen.has(m[1])) duplicates++;
      else seen.add(m[1]);
    }
    const token = /<resumptionToken>([^<]+)<\/resumptionToken>/.exec(res.body)?.[1];
    if (!token) break;
    url = `${base}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
    if (pageMs.length % 200 === 0) console.log(`  … ${seen.size.toLocaleString()} records, ${pageMs.length} pages`);
  }
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(pageMs);
  console.log('');
  console.log(`OAI-PMH full harvest — ${RECORDS.toLocaleString()} records, metadataPrefix=${PREFIX}, ${PAGE} records a page, one harvester`);
  console.log(`  ${seen.size.toLocaleString()} records in ${pageMs.length} pages, ${seconds.toFixed(1)} s: ${(seen.size / seconds).toFixed(0)} records/s, ${(bytes / 1024 / 1024).toFixed(0)} MB`);
  console.log(`  page time p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms; pages over 1 s: ${pageMs.filter((x) => x > 1000).length}`);
  console.log(`  every record once: ${seen.size === expected && duplicates === 0 ? 'yes' : `NO (${seen.size} of ${expected}, ${duplicates} repeated)`}`);
  console.log(`  machine: load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
}

async function sruVersusSearch(apiUrl: string, mix: BenchQuery[]): Promise<void> {
  const pairs = mix
    .map((q) => ({ q, cql: toCql(q) }))
    .filter((p): p is { q: BenchQuery; cql: { query: string; startRecord: number } } => p.cql !== null);
  const json = pairs.map((p) => `${apiUrl}/api/t/${SLUG}/search?${toQueryString(p.q)}`);
  const sru = pairs.map(
    (p) =>
      `${apiUrl}/api/t/${SLUG}/sru?${new URLSearchParams({ operation: 'searchRetrieve', version: '1.2', query: p.cql.query, startRecord: String(p.cql.startRecord), maximumRecords: '20', recordSchema: 'marcxml' })}`,
  );
  const hits = new Map<number, string>();
  const runAll = async (urls: string[], total: number, out: { i: number; ms: number }[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (;;) {
          const i = next++;
          if (i >= total) return;
          const t0 = performance.now();
          const res = await get(urls[i % urls.length]);
          out.push({ i: i % urls.length, ms: performance.now() - t0 });
          if (res.status !== 200) throw new Error(`${urls[i % urls.length]}: HTTP ${res.status}`);
          // a page past the end (diagnostic 61) is an answer; any other diagnostic is a broken query
          if (/info:srw\/diagnostic\/1\/(?!61<)/.test(res.body)) throw new Error(`${urls[i % urls.length]}: diagnostic ${res.body.slice(0, 400)}`);
          if (urls === sru && !hits.has(i % urls.length)) hits.set(i % urls.length, /<srw:numberOfRecords>(\d+)/.exec(res.body)?.[1] ?? '?');
        }
      }),
    );
  };
  const warm: { i: number; ms: number }[] = [];
  await runAll(json, pairs.length * 3, warm);
  await runAll(sru, pairs.length * 3, warm);
  const a: { i: number; ms: number }[] = [];
  const b: { i: number; ms: number }[] = [];
  const rounds = 4;
  const per = Math.ceil(REQUESTS / rounds / pairs.length) * pairs.length;
  const load0 = os.loadavg()[0];
  for (let r = 0; r < rounds; r++) {
    await runAll(json, per, a);
    await runAll(sru, per, b);
  }
  const j = summarize(a.map((x) => x.ms));
  const s = summarize(b.map((x) => x.ms));
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log('');
  console.log(`SRU searchRetrieve next to the JSON search — ${RECORDS.toLocaleString()} records, ${CLIENTS} concurrent clients, ${s.n} requests each, ${pairs.length} queries, 20 records a page (SRU: MARCXML with holdings)`);
  console.log(`  machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
  console.log('                      p50      p95      p99      max (ms)');
  console.log(`  JSON search     ${f(j.p50)}  ${f(j.p95)}  ${f(j.p99)}  ${f(j.max)}`);
  console.log(`  SRU (CQL)       ${f(s.p50)}  ${f(s.p95)}  ${f(s.p99)}  ${f(s.max)}`);
  console.log(`  ratio SRU/JSON  p50 ${(s.p50 / j.p50).toFixed(2)}, p95 ${(s.p95 / j.p95).toFixed(2)}: target p95 ≤ 1.3 ${s.p95 <= 1.3 * j.p95 ? 'met' : 'NOT met'}`);
  console.log('');
  console.log('  per query (p50 SRU / p50 JSON, ms; numberOfRecords; CQL)');
  for (let q = 0; q < pairs.length; q++) {
    const qs = summarize(b.filter((x) => x.i === q).map((x) => x.ms));
    const qj = summarize(a.filter((x) => x.i === q).map((x) => x.ms));
    console.log(`    ${f(qs.p50)} / ${f(qj.p50)}  ${String(hits.get(q) ?? '').padStart(8)}  ${pairs[q].cql.query}   (${label(pairs[q].q)})`);
  }
}

async function main() {
  const started = Date.now();
  const db = await benchDatabase(DATA_DIR, false);
  const api = await startApiProcess({ DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: String(API_POOL), OAI_PAGE_SIZE: String(PAGE) });
  try {
    await prepareBenchTenant(db.url, api.url, RECORDS, PASSWORD);
    const { queries: extra, count } = await isbnsAndCount(db.url);
    console.log(`database: ${db.settings}; API DB_POOL_SIZE=${API_POOL}`);
    if (!SKIP_HARVEST) await harvest(api.url, count);
    await sruVersusSearch(api.url, [...QUERY_MIX, ...extra]);
    console.log('');
    console.log(`(total run time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    agent.destroy();
    await api.stop();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
