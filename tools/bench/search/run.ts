/**
 * Search benchmark (DESIGN.md "Performance targets"): one tenant with N records made from
 * the Aozora Bunko vocabulary, then the same mix of real queries
 *   - through the HTTP API (a separate API process, as `npm start` runs it), and
 *   - as the bare SQL statement the API runs (the same text and parameters, prepared, on a pool),
 *   - against Groonga (groonga.ts: Debian's groonga-bin, installed when missing, loaded with the
 *     tenant's records; TokenBigram, NFKC, the same facets as drilldowns), with facets over every
 *     match and, as Shiori does, over the first 501 matches only (`--no-groonga`: without it),
 * all with C concurrent clients, in alternating rounds of the same run; prints p50/p95/p99,
 * throughput and CPU per query (the servers' processes, from /proc) of each, the ratio of the
 * medians API/SQL and the top-5 overlap per query between the API and Groonga.
 *
 *   npx nx run api:bench-search -- --records 50000
 *   node -r ./tools/register.cjs tools/bench/search/run.ts [--records 1000000] [--requests 4000]
 *        [--clients 16] [--api-pool 4] [--api-processes 1] [--data-dir /tmp/shiori-bench-search] [--fresh] [--json out.json]
 *        [--no-groonga] [--groonga-threads 2]
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
import { buildSearchQuery, MATCH_CAP, SearchParams } from '../../../apps/api/src/modules/catalog/search/search-query';
import { readSearchStatistics } from '../../../apps/api/src/modules/catalog/search/search-stats';
import { startApiProcess } from '../lib/api-process';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { summarize } from '../lib/stats';
import { GROONGA_NORMALIZER, GROONGA_TOKENIZER, GroongaServer, groongaSelect, groongaSelectPath, loadGroonga, startGroonga } from './groonga';
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
const GROONGA = !process.argv.includes('--no-groonga');
/**
 * Worker threads of the Groonga server: as many as clients by default, as the bare SQL has a
 * connection per client (with Groonga's default of 2 its HTTP server left the cores half idle:
 * a thread waits on its connection).
 */
const GROONGA_THREADS = Number(arg('groonga-threads', String(CLIENTS)));
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

/** A contestant of the alternating rounds: its samples, wall time and CPU seconds per process group. */
interface Contestant {
  name: string;
  op: (i: number) => Promise<void>;
  samples: Sample[];
  seconds: number;
  cpu: Record<string, number>;
}

/** CPU seconds used so far by the benchmark's own process and the servers (/proc; NaN where unknown). */
function cpuNow(pids: { api: number[]; pg?: number; groonga?: number }): Record<string, number> {
  const u = process.cpuUsage();
  return {
    client: (u.user + u.system) / 1e6,
    api: pids.api.reduce((s, pid) => s + cpuSeconds(pid), 0),
    pg: pids.pg ? cpuSeconds(pids.pg) : NaN,
    groonga: pids.groonga ? cpuSeconds(pids.groonga) : NaN,
  };
}

/** The API's first page of a query: its total and the hits' ids and titles. */
async function apiTop(url: string): Promise<{ total: number; ids: string[]; titles: string[] }> {
  const res = await fetch(url);
  const body = (await res.json()) as { total: number; hits: { id: string; title: string }[] };
  return { total: body.total, ids: body.hits.map((h) => h.id), titles: body.hits.map((h) => h.title) };
}

interface Top {
  total: number;
  ids: string[];
  titles: string[];
}

/**
 * How many of the API's top 5 (up to the hits it has) are among the other's top 5: as the
 * same records, and as the same titles (editions of one work share a title, and engines
 * order equal scores differently).
 */
function top5Overlap(api: Top, other: Top): { ids: number; titles: number; of: number } {
  const ids = api.ids.slice(0, 5);
  const theirs = other.ids.slice(0, 5);
  const theirTitles = other.titles.slice(0, 5);
  return { ids: ids.filter((x) => theirs.includes(x)).length, titles: api.titles.slice(0, 5).filter((t) => theirTitles.includes(t)).length, of: ids.length };
}

function overlapText(api: Top, other: Top): string {
  const o = top5Overlap(api, other);
  return o.of ? `${o.ids}/${o.of} ${o.titles}/${o.of}` : '  -   - ';
}

async function main() {
  const started = Date.now();
  const db = await benchDatabase(DATA_DIR, FRESH);
  const env = { DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: String(API_POOL) };
  const apis = [await startApiProcess(env)];
  const api = apis[0];
  let groonga: GroongaServer | undefined;
  try {
    for (let i = 1; i < API_PROCESSES; i++) apis.push(await startApiProcess(env));
    const { loadReport } = await prepareBenchTenant(db.url, api.url, RECORDS, PASSWORD);
    const mix: BenchQuery[] = [...QUERY_MIX, ...(await isbnQueries(db.url))];
    const citus = await probeCitus(db.url);
    await prewarm(db.url, citus);

    let groongaLoad: Awaited<ReturnType<typeof loadGroonga>> | undefined;
    if (GROONGA) {
      groonga = await startGroonga(GROONGA_THREADS);
      console.log(`Loading the tenant's records into ${groonga.version} …`);
      groongaLoad = await loadGroonga(groonga, db.url, SLUG);
    }

    // the statement names the tenant's tables itself, as the API's search runs it (tenantStatement)
    // the session options of the API's pool (app.module.ts: generic plans, except on Citus)
    const pool = new Pool({ connectionString: db.url, max: CLIENTS, options: dbSessionOptions({ citus }) });
    // the statistics the API's search uses (SearchStats), so both run the same statement and values
    const searchStats = await readSearchStatistics(async (sql, values) => (await pool.query(sql, values)).rows, citus, SLUG);
    const built = mix.map((q) => buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...q } as SearchParams, { schema: quotedTenantSchema(SLUG), ...searchStats }));
    const names = built.map((b) => `s_${createHash('sha1').update(b.sql).digest('base64url')}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const paths = mix.map((q) => `/api/t/${SLUG}/search?${toQueryString(q)}`);
    const groongaExact = mix.map((q) => groongaSelectPath(q, { sample: false }));
    const groongaSample = mix.map((q) => groongaSelectPath(q, { sample: true }));
    const totals = new Map<number, number>();

    const sqlOp = async (i: number) => {
      const b = built[i % mix.length];
      // a named statement, as the API runs it (tenantStatement): planned once per connection
      const r = await pool.query({ name: names[i % mix.length], text: b.sql, values: b.values });
      if (i < mix.length) totals.set(i, JSON.parse(r.rows[0].body).total);
    };
    const get = (url: string) =>
      new Promise<void>((resolve, reject) => {
        const req = http.get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
        });
        req.on('error', reject);
      });
    const apiOp = (i: number) => get(`${apis[i % apis.length].url}${paths[i % mix.length]}`);
    const contestants: Contestant[] = [
      { name: 'bare SQL', op: sqlOp, samples: [], seconds: 0, cpu: {} },
      { name: 'API (HTTP)', op: apiOp, samples: [], seconds: 0, cpu: {} },
    ];
    if (groonga) {
      const g = groonga;
      contestants.push({ name: 'Groonga', op: (i) => get(`${g.url}${groongaExact[i % mix.length]}`), samples: [], seconds: 0, cpu: {} });
      contestants.push({ name: 'Groonga 501', op: (i) => get(`${g.url}${groongaSample[i % mix.length]}`), samples: [], seconds: 0, cpu: {} });
    }
    const pids = { api: apis.map((a) => a.pid), pg: postmasterPid(db.pgDir), groonga: groonga?.pid };

    // warm-up: every query a few times each way
    for (const c of contestants) await run(mix.length * 3, CLIENTS, c.op, mix.length);

    // alternate rounds so that all see the same machine state
    const load0 = os.loadavg()[0];
    const rounds = 4;
    const per = Math.ceil(REQUESTS / rounds / mix.length) * mix.length;
    for (let r = 0; r < rounds; r++) {
      for (const c of contestants) {
        const cpu0 = cpuNow(pids);
        const t0 = performance.now();
        c.samples.push(...(await run(per, CLIENTS, c.op, mix.length)));
        c.seconds += (performance.now() - t0) / 1000;
        const cpu1 = cpuNow(pids);
        for (const k of Object.keys(cpu1)) c.cpu[k] = (c.cpu[k] ?? 0) + cpu1[k] - cpu0[k];
      }
    }
    const load1 = os.loadavg()[0];

    // the first page of each query from the API and from Groonga: how many of the top 5 agree
    const overlap: { api: Awaited<ReturnType<typeof apiTop>>; exact?: Awaited<ReturnType<typeof groongaSelect>>; sample?: Awaited<ReturnType<typeof groongaSelect>> }[] = [];
    for (let q = 0; q < mix.length; q++) {
      overlap.push({
        api: await apiTop(`${api.url}${paths[q]}`),
        exact: groonga ? await groongaSelect(groonga, groongaExact[q]) : undefined,
        sample: groonga ? await groongaSelect(groonga, groongaSample[q]) : undefined,
      });
    }
    await pool.end();
    agent.destroy();

    const summary = contestants.map((c) => ({ ...c, s: stats(c.samples) }));
    const [s, a] = summary;
    const f = (x: number) => x.toFixed(1).padStart(7);
    const ms = (x: number) => (Number.isNaN(x) ? '    n/a' : (x * 1000).toFixed(2).padStart(7));
    console.log('');
    console.log(`Search benchmark — ${RECORDS.toLocaleString()} records, ${CLIENTS} concurrent clients, ${a.s.n} requests each way, ${mix.length} queries`);
    console.log(`  database: ${db.settings}`);
    console.log(`  API: ${apis.length} process${apis.length > 1 ? 'es' : ''}, DB_POOL_SIZE=${API_POOL} each; bare SQL: a pool of ${CLIENTS} connections`);
    if (groonga && groongaLoad) {
      console.log(`  Groonga: ${groonga.version}, HTTP server, ${GROONGA_THREADS} threads, result cache off; ${GROONGA_TOKENIZER}, ${GROONGA_NORMALIZER}`);
      console.log(`           ${groongaLoad.records.toLocaleString()} records loaded in ${(groongaLoad.loadMs / 1000).toFixed(1)} s, indexes built in ${(groongaLoad.indexMs / 1000).toFixed(1)} s; "Groonga 501": facets and ranking over the first ${MATCH_CAP + 1} matches`);
    }
    console.log(`  machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)} during the run`);
    if (loadReport) {
      const m = loadReport.ms;
      console.log(`  load: ${loadReport.records.toLocaleString()} records + ${loadReport.items.toLocaleString()} copies in ${(m.total / 1000).toFixed(1)} s (records ${(m.records / 1000).toFixed(1)} s, copies ${(m.items / 1000).toFixed(1)} s, GIN indexes ${(m.index / 1000).toFixed(1)} s, vacuum/analyze ${(m.analyze / 1000).toFixed(1)} s)`);
    }
    console.log('');
    console.log('                      p50      p95      p99      max (ms)   req/s   CPU ms per query: API     PostgreSQL  Groonga  bench client');
    for (const c of summary) {
      const n = c.samples.length;
      const cpu = (k: string) => ms((c.cpu[k] ?? NaN) / n);
      const server = c.name.startsWith('Groonga') ? `${ms(NaN)}     ${ms(NaN)}  ${cpu('groonga')}` : c.name === 'bare SQL' ? `${ms(NaN)}     ${cpu('pg')}  ${ms(NaN)}` : `${cpu('api')}     ${cpu('pg')}  ${ms(NaN)}`;
      console.log(`  ${c.name.padEnd(14)} ${f(c.s.p50)}  ${f(c.s.p95)}  ${f(c.s.p99)}  ${f(c.s.max)}  ${(n / c.seconds).toFixed(0).padStart(7)}                    ${server}  ${cpu('client')}`);
    }
    console.log(`  ratio API/SQL   ${(a.s.p50 / s.s.p50).toFixed(2).padStart(7)}`);
    console.log('  (CPU per query: the process and its children from /proc over the contestant\'s rounds; other work on the machine is not in it)');
    console.log('');
    console.log(`  target API p95 ≤ 50 ms: ${a.s.p95 <= 50 ? 'met' : 'NOT met'} (${a.s.p95.toFixed(1)} ms)`);
    console.log(`  target API p50 ≤ 1.5 × SQL p50: ${a.s.p50 <= 1.5 * s.s.p50 ? 'met' : 'NOT met'} (${(a.s.p50 / s.s.p50).toFixed(2)}×)`);
    console.log('');
    console.log(`  per query: p50 ms (${summary.map((c) => c.name).join(' / ')}); matches (API${groonga ? ' / Groonga' : ''})${groonga ? '; top 5 shared with Groonga: records, titles' : ''}`);
    for (let q = 0; q < mix.length; q++) {
      const p50s = summary.map((c) => f(stats(c.samples.filter((x) => x.query === q)).p50)).join(' /');
      const o = overlap[q];
      const matches = `${String(o.api.total).padStart(8)}${o.exact ? ` /${String(o.exact.total).padStart(8)}` : ''}`;
      const agree = o.exact ? `  ${overlapText(o.api, o.exact)}` : '';
      console.log(`  ${p50s}  ${matches}${agree}  ${label(mix[q])}`);
    }
    if (groonga) {
      const all = (v: 'exact' | 'sample') => {
        const t = overlap.reduce((t, o) => { const x = top5Overlap(o.api, o[v]!); return { ids: t.ids + x.ids, titles: t.titles + x.titles, of: t.of + x.of }; }, { ids: 0, titles: 0, of: 0 });
        return `${t.ids}/${t.of} records, ${t.titles}/${t.of} titles`;
      };
      console.log(`  top-5 overlap with the API over all queries: Groonga ${all('exact')}; Groonga 501 ${all('sample')}`);
    }
    console.log('');
    console.log(`(total run time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    // the figures as JSON too (tools/bench/citus compares two databases)
    const jsonOut = arg('json', '');
    if (jsonOut) {
      const perQuery = mix.map((q, i) => ({
        query: label(q),
        apiP50: stats(a.samples.filter((x) => x.query === i)).p50,
        sqlP50: stats(s.samples.filter((x) => x.query === i)).p50,
        ...(groonga ? { groongaP50: stats(summary[2].samples.filter((x) => x.query === i)).p50, groonga501P50: stats(summary[3].samples.filter((x) => x.query === i)).p50 } : {}),
        apiTotal: overlap[i].api.total,
        groongaTotal: overlap[i].exact?.total,
      }));
      const contestantsJson = Object.fromEntries(summary.map((c) => [c.name, { ...c.s, perSecond: c.samples.length / c.seconds, cpuSecondsPerQuery: Object.fromEntries(Object.entries(c.cpu).map(([k, v]) => [k, v / c.samples.length])) }]));
      fs.writeFileSync(jsonOut, JSON.stringify({ records: RECORDS, clients: CLIENTS, api: a.s, sql: s.s, contestants: contestantsJson, perQuery }, null, 2));
    }
  } finally {
    await groonga?.stop();
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
