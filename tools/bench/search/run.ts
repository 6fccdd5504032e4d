/**
 * Search benchmark (DESIGN.md "Performance targets"): one tenant with N records made from
 * the Aozora Bunko vocabulary, then the same mix of real queries
 *   - through the HTTP API (a separate API process, as `npm start` runs it), and
 *   - as the bare SQL statement the API runs (the same text and parameters, prepared, on a pool),
 * both with C concurrent clients, in alternating rounds of the same run; prints p50/p95/p99
 * of both and the ratio of the medians.
 *
 *   npx nx run api:bench-search -- --records 50000
 *   node -r ./tools/register.cjs tools/bench/search/run.ts [--records 1000000] [--requests 4000]
 *        [--clients 16] [--api-pool 4] [--api-processes 1] [--data-dir /tmp/shiori-bench-search] [--fresh] [--json out.json]
 *
 * Uses DATABASE_URL, or an embedded PostgreSQL kept in --data-dir so that a loaded catalogue
 * is reused by the next run (the tenant `search-<N>` is loaded once). The embedded server
 * gets bench settings (shared_buffers 2GB, jit off); see docs/benchmarks.md.
 * Targets: API p95 ≤ 50 ms and API p50 ≤ 1.5 × SQL p50.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { queryWhereStored, quotedTenantSchema } from '@shiori/tenancy';
import { probeCitus } from '../../../apps/api/src/engine/database/citus';
import { dbSessionOptions } from '../../../apps/api/src/engine/database/session-options';
import { SEARCH_BUCKETS } from '../../../apps/api/src/modules/catalog/search/buckets';
import { buildSearchQuery, SearchParams } from '../../../apps/api/src/modules/catalog/search/search-query';
import { readSearchStatistics } from '../../../apps/api/src/modules/catalog/search/search-stats';
import { startApiProcess } from '../lib/api-process';
import { percentile, summarize } from '../lib/stats';
import { benchDatabase, benchSlug, prepareBenchTenant } from './tenant';
import { BenchQuery, label, QUERY_MIX, toQueryString } from './queries';
import { arg } from '../lib/args';

const RECORDS = Number(arg('records', '1000000'));
const REQUESTS = Number(arg('requests', '4000'));
const CLIENTS = Number(arg('clients', '16'));
/**
 * Database connections of the API process. About twice the cores: more connections only
 * add runnable backends, and on 2 cores the API's one event loop then gets a small share of
 * the CPU while requests wait for it (CFS shares the cores per process).
 */
const API_POOL = Number(arg('api-pool', String(Math.max(2, os.cpus().length * 2))));
/** API processes behind the clients (round robin), as a deployment runs one per core. */
const API_PROCESSES = Number(arg('api-processes', '1'));
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), 'shiori-bench-search')));
const FRESH = process.argv.includes('--fresh');
const PASSWORD = 'bench-admin-password';
const SLUG = benchSlug(RECORDS);

async function isbnQueries(dbUrl: string): Promise<BenchQuery[]> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const rows = (await db.query(`SELECT isbn FROM ${quotedTenantSchema(SLUG)}.records WHERE isbn IS NOT NULL ORDER BY control_number LIMIT 2 OFFSET 500`)).rows;
  await db.end();
  const [a, b] = rows.map((r: { isbn: string }) => r.isbn);
  const hyphenated = `${a.slice(0, 3)}-${a.slice(3, 4)}-${a.slice(4, 8)}-${a.slice(8, 12)}-${a.slice(12)}`;
  return [
    { q: hyphenated, label: 'q=<ISBN-13 with hyphens>' },
    { isbn: b, label: 'isbn=<ISBN-13>' },
  ];
}

/** The records table and its indexes read into shared buffers, where they are stored (on Citus: the worker's shard). */
async function prewarm(dbUrl: string, citus: boolean): Promise<void> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
    const rows = async <T>(sql: string, values: unknown[]) => (await db.query(sql, values)).rows as T[];
    const pages = await queryWhereStored(
      rows,
      citus,
      `${quotedTenantSchema(SLUG)}.records`,
      `SELECT sum(pg_prewarm(c.oid))::text FROM pg_class c
        WHERE c.oid = '%1$s'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '%1$s'::regclass)`,
    );
    console.log(`(prewarmed ${Number(pages).toLocaleString()} pages of records and its ${SEARCH_BUCKETS + 5} indexes)`);
  } catch (e) {
    console.log(`(pg_prewarm not available: ${(e as Error).message}; warming with queries only)`);
  } finally {
    await db.end();
  }
}

interface Sample {
  query: number;
  ms: number;
}

/** `total` operations over `clients` workers; op(i) runs query i % mix length. */
async function run(total: number, clients: number, op: (i: number) => Promise<void>, mixLength: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        await op(i);
        samples.push({ query: i % mixLength, ms: performance.now() - t0 });
      }
    }),
  );
  return samples;
}

function stats(samples: Sample[]) {
  return summarize(samples.map((x) => x.ms));
}

async function main() {
  const started = Date.now();
  const db = await benchDatabase(DATA_DIR, FRESH);
  const env = { DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: String(API_POOL) };
  const apis = [await startApiProcess(env)];
  const api = apis[0];
  try {
    for (let i = 1; i < API_PROCESSES; i++) apis.push(await startApiProcess(env));
    const { loadReport } = await prepareBenchTenant(db.url, api.url, RECORDS, PASSWORD);
    const mix: BenchQuery[] = [...QUERY_MIX, ...(await isbnQueries(db.url))];
    const citus = await probeCitus(db.url);
    await prewarm(db.url, citus);

    // the statement names the tenant's tables itself, as the API's search runs it (tenantStatement)
    // the session options of the API's pool (app.module.ts: generic plans, except on Citus)
    const pool = new Pool({ connectionString: db.url, max: CLIENTS, options: dbSessionOptions({ citus }) });
    // the statistics the API's search uses (SearchStats), so both run the same statement and values
    const searchStats = await readSearchStatistics(async (sql, values) => (await pool.query(sql, values)).rows, citus, SLUG);
    const built = mix.map((q) => buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...q } as SearchParams, { schema: quotedTenantSchema(SLUG), ...searchStats }));
    const names = built.map((b) => `s_${createHash('sha1').update(b.sql).digest('base64url')}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const paths = mix.map((q) => `/api/t/${SLUG}/search?${toQueryString(q)}`);
    const totals = new Map<number, number>();

    const sqlOp = async (i: number) => {
      const b = built[i % mix.length];
      // a named statement, as the API runs it (tenantStatement): planned once per connection
      const r = await pool.query({ name: names[i % mix.length], text: b.sql, values: b.values });
      if (i < mix.length) totals.set(i, JSON.parse(r.rows[0].body).total);
    };
    const apiOp = (i: number) =>
      new Promise<void>((resolve, reject) => {
        const req = http.get(`${apis[i % apis.length].url}${paths[i % mix.length]}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${paths[i % mix.length]}: HTTP ${res.statusCode}`))));
        });
        req.on('error', reject);
      });

    // warm-up: every query a few times both ways
    await run(mix.length * 3, CLIENTS, sqlOp, mix.length);
    await run(mix.length * 3, CLIENTS, apiOp, mix.length);

    // alternate halves so that both see the same machine state
    const load0 = os.loadavg()[0];
    const sql: Sample[] = [];
    const viaApi: Sample[] = [];
    const rounds = 4;
    const per = Math.ceil(REQUESTS / rounds / mix.length) * mix.length;
    for (let r = 0; r < rounds; r++) {
      sql.push(...(await run(per, CLIENTS, sqlOp, mix.length)));
      viaApi.push(...(await run(per, CLIENTS, apiOp, mix.length)));
    }
    const load1 = os.loadavg()[0];
    await pool.end();
    agent.destroy();

    const s = stats(sql);
    const a = stats(viaApi);
    const f = (x: number) => x.toFixed(1).padStart(7);
    console.log('');
    console.log(`Search benchmark — ${RECORDS.toLocaleString()} records, ${CLIENTS} concurrent clients, ${a.n} requests each way, ${mix.length} queries`);
    console.log(`  database: ${db.settings}`);
    console.log(`  API: ${apis.length} process${apis.length > 1 ? 'es' : ''}, DB_POOL_SIZE=${API_POOL} each; bare SQL: a pool of ${CLIENTS} connections`);
    console.log(`  machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)} during the run`);
    if (loadReport) {
      const m = loadReport.ms;
      console.log(`  load: ${loadReport.records.toLocaleString()} records + ${loadReport.items.toLocaleString()} copies in ${(m.total / 1000).toFixed(1)} s (records ${(m.records / 1000).toFixed(1)} s, copies ${(m.items / 1000).toFixed(1)} s, GIN indexes ${(m.index / 1000).toFixed(1)} s, vacuum/analyze ${(m.analyze / 1000).toFixed(1)} s)`);
    }
    console.log('');
    console.log('                      p50      p95      p99      max (ms)');
    console.log(`  API (HTTP)      ${f(a.p50)}  ${f(a.p95)}  ${f(a.p99)}  ${f(a.max)}`);
    console.log(`  bare SQL        ${f(s.p50)}  ${f(s.p95)}  ${f(s.p99)}  ${f(s.max)}`);
    console.log(`  ratio API/SQL   ${(a.p50 / s.p50).toFixed(2).padStart(7)}`);
    console.log('');
    console.log(`  target API p95 ≤ 50 ms: ${a.p95 <= 50 ? 'met' : 'NOT met'} (${a.p95.toFixed(1)} ms)`);
    console.log(`  target API p50 ≤ 1.5 × SQL p50: ${a.p50 <= 1.5 * s.p50 ? 'met' : 'NOT met'} (${(a.p50 / s.p50).toFixed(2)}×)`);
    console.log('');
    console.log('  per query (p50 API / p50 SQL, ms; matches)');
    for (let q = 0; q < mix.length; q++) {
      const qa = stats(viaApi.filter((x) => x.query === q));
      const qs = stats(sql.filter((x) => x.query === q));
      console.log(`    ${f(qa.p50)} / ${f(qs.p50)}  ${String(totals.get(q) ?? '').padStart(8)}  ${label(mix[q])}`);
    }
    console.log('');
    console.log(`(total run time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    // the figures as JSON too (tools/bench/citus compares two databases)
    const jsonOut = arg('json', '');
    if (jsonOut) {
      const perQuery = mix.map((q, i) => ({ query: label(q), apiP50: stats(viaApi.filter((x) => x.query === i)).p50, sqlP50: stats(sql.filter((x) => x.query === i)).p50 }));
      fs.writeFileSync(jsonOut, JSON.stringify({ records: RECORDS, clients: CLIENTS, api: a, sql: s, perQuery }, null, 2));
    }
  } finally {
    for (const a of apis) await a.stop();
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
