/**
 * Suggestions as you type and もしかして at scale (#20): the search benchmark's tenant of N
 * records (tools/bench/search: Aozora vocabulary, loaded once and reused from --data-dir),
 * its search_terms filled from the records as the demo fills them, then C concurrent clients
 * through the HTTP API (a separate API process, as `npm start` runs it):
 *
 *   - GET /suggest?q= for what a patron has typed so far (one to four characters of readings,
 *     kanji and romaji prefixes);
 *   - GET /search?q= for misses that are answered with もしかして (a kana typo, romaji,
 *     an ISBN with a wrong check digit, 青ねこ): the search plus the suggestion's look-ups.
 *
 *   node -r ./tools/register.cjs tools/bench/suggest/run.ts [--records 1000000] [--requests 4000] [--clients 16]
 *        [--data-dir /tmp/shiori-bench-search] [--fresh]
 *
 * Prints p50/p95/p99 of each and per query; the target (DESIGN.md, #20) is suggest p95 ≤ 20 ms.
 */
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { countTerms, upsertTermsSql, upsertTermsValues } from '../../../apps/api/src/modules/catalog/search/search-terms';
import { suggestSql } from '../../../apps/api/src/modules/catalog/search/suggest.service';
import { compactFold } from '../../../apps/api/src/modules/catalog/search/text';
import type { SearchableRecord } from '../../../apps/api/src/modules/catalog/search/document';
import { startApiProcess } from '../lib/api-process';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { summarize } from '../lib/stats';
import { benchDatabase, benchSlug, prepareBenchTenant } from '../search/tenant';
import { arg } from '../lib/args';

const RECORDS = Number(arg('records', '1000000'));
const REQUESTS = Number(arg('requests', '4000'));
const CLIENTS = Number(arg('clients', '16'));
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), 'shiori-bench-search')));
const FRESH = process.argv.includes('--fresh');
const PASSWORD = 'bench-admin-password';
const SLUG = benchSlug(RECORDS);
/** What patrons have typed when the list appears: short readings, kanji, a romaji start. */
const TYPED = ['な', 'なつ', 'なつめ', 'あ', 'あく', 'あくた', 'ら', 'らしょ', 'みやざわ', 'ぎんが', 'た', 'だざい', '夏', '夏目', '芥川', '宮沢', '銀河', '吾輩', 'こ', 'ここ', 'ね', 'ねこ', 'し', 'しん'];
/** Bare suggest statements run before those counted (each typed prefix three times: plans, caches). */
const SQL_WARM_UP = TYPED.length * 3;
/** Misses answered with もしかして. */
const MISSES = ['なつめそうせぎ', 'natsume', 'akutagawa', 'みやざわけんぢ', 'らしょうもむ', '青ねこ', '4900176808', 'ぎんがてつどお'];

/** search_terms from the records, as fillSearchTermsIfEmpty does for the demo (SQL straight to the schema). */
async function fillTerms(dbUrl: string): Promise<{ terms: number; ms: number } | undefined> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const schema = quotedTenantSchema(SLUG);
  try {
    // the visibility map set, so the suggestion's window is an index-only scan (search_terms_key_cover, 0030);
    // autovacuum keeps it under writes (cheap when nothing changed since)
    if ((await db.query(`SELECT 1 FROM ${schema}.search_terms LIMIT 1`)).rows.length) {
      await db.query(`VACUUM (ANALYZE) ${schema}.search_terms`);
      return undefined;
    }
    const t0 = performance.now();
    const all: SearchableRecord[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (
        await db.query(`SELECT id, title, title_reading AS "titleReading", authors, series FROM ${schema}.records WHERE id > $1 ORDER BY id LIMIT 20000`, [after])
      ).rows as (SearchableRecord & { id: string })[];
      if (!rows.length) break;
      all.push(...rows.map(({ title, titleReading, authors, series }) => ({ title, titleReading, authors, series })));
      after = rows[rows.length - 1].id;
    }
    const terms = countTerms(all);
    for (let i = 0; i < terms.length; i += 20000) await db.query(upsertTermsSql(schema, true), upsertTermsValues(terms.slice(i, i + 20000)));
    await db.query(`VACUUM (ANALYZE) ${schema}.search_terms`);
    return { terms: terms.length, ms: performance.now() - t0 };
  } finally {
    await db.end();
  }
}

interface Sample {
  query: number;
  ms: number;
}

/** `total` GETs of `paths` (in turn) by `clients` concurrent clients: the samples and the rate. */
async function run(total: number, clients: number, paths: string[], url: string, agent: http.Agent): Promise<{ samples: Sample[]; perSecond: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const get = (p: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(`${url}${p}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${p}: HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        await get(paths[i % paths.length]);
        samples.push({ query: i % paths.length, ms: performance.now() - t0 });
      }
    }),
  );
  return { samples, perSecond: total / ((performance.now() - t0) / 1000) };
}

/** The bare suggest statement for `keys` (in turn) on a pool of `clients` connections, as the API runs it (prepared). */
async function runSql(dbUrl: string, keys: string[], total: number, clients: number, warmUp: number): Promise<{ ms: number[]; perSecond: number }> {
  const pool = new Pool({ connectionString: dbUrl, max: clients });
  const text = suggestSql(quotedTenantSchema(SLUG));
  const ms: number[] = [];
  let next = 0;
  let counted = 0;
  let t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        if (i === warmUp) t0 = performance.now();
        const key = keys[i % keys.length];
        const s = performance.now();
        await pool.query({ name: 'suggest', text, values: [key, key + '\u{10FFFF}'] });
        if (i >= warmUp) {
          ms.push(performance.now() - s);
          counted++;
        }
      }
    }),
  );
  await pool.end();
  return { ms, perSecond: counted / ((performance.now() - t0) / 1000) };
}

/**
 * Prefixes no one has asked (the cold mix): distinct starts of 1–3 characters of the city's
 * own terms, in a fixed pseudo-random order, none of TYPED. Each is asked once, so no kept list
 * can answer it: the cost of a list read from search_terms.
 */
async function coldPrefixes(dbUrl: string, n: number): Promise<string[]> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const rows = (
      await db.query(
        `SELECT p FROM (SELECT DISTINCT left(key, 1 + abs(hashtext(key)) % 3) AS p FROM ${quotedTenantSchema(SLUG)}.search_terms) x
          WHERE NOT p = ANY($1) ORDER BY md5(p) LIMIT $2`,
        [TYPED.map(compactFold), n],
      )
    ).rows as { p: string }[];
    return rows.map((r) => r.p);
  } finally {
    await db.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the suggest statement for a few prefixes: index-only, heap fetches, buffers. */
async function explain(dbUrl: string, keys: string[]): Promise<string[]> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const out: string[] = [];
  try {
    for (const key of keys) {
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${suggestSql(quotedTenantSchema(SLUG))}`, [key, key + '\u{10FFFF}'])).rows as { 'QUERY PLAN': string }[];
      out.push(`  ${key}:`);
      for (const r of plan) {
        const line = r['QUERY PLAN'];
        if (/Scan|Heap Fetches|Buffers|Execution Time|Limit|Sort/.test(line)) out.push(`    ${line.trim()}`);
      }
    }
  } finally {
    await db.end();
  }
  return out;
}

async function main() {
  const started = Date.now();
  const db = await benchDatabase(DATA_DIR, FRESH);
  const env = { DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: String(Math.max(2, os.cpus().length * 2)) };
  const api = await startApiProcess(env);
  try {
    await prepareBenchTenant(db.url, api.url, RECORDS, PASSWORD);
    const filled = await fillTerms(db.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const suggestPaths = TYPED.map((q) => `/api/t/${SLUG}/suggest?q=${encodeURIComponent(q)}`);
    const missPaths = MISSES.map((q) => `/api/t/${SLUG}/search?q=${encodeURIComponent(q)}`);
    const cold = await coldPrefixes(db.url, REQUESTS);
    const coldPaths = cold.map((q) => `/api/t/${SLUG}/suggest?q=${encodeURIComponent(q)}`);
    const plans = await explain(db.url, ['な', 'ら', 'なつめ', '夏']);
    // what each miss is offered, once
    const offers: string[] = [];
    for (const p of missPaths) {
      const body = await new Promise<string>((resolve, reject) =>
        http.get(`${api.url}${p}`, (res) => {
          let s = '';
          res.on('data', (c) => (s += c));
          res.on('end', () => resolve(s));
        }).on('error', reject),
      );
      const parsed = JSON.parse(body) as { total: number; didYouMean?: { q: string; total: number } };
      offers.push(`${parsed.total} → ${parsed.didYouMean ? `もしかして ${parsed.didYouMean.q} (${parsed.didYouMean.total})` : 'no suggestion'}`);
    }
    // warm-up (the typed mix only: the cold mix is never asked before it is counted)
    await run(suggestPaths.length * 3, CLIENTS, suggestPaths, api.url, agent);
    await run(missPaths.length * 3, CLIENTS, missPaths, api.url, agent);
    // the suggest statement itself on a pool of C connections (bare SQL, as the API runs it), to tell its cost from the machine's
    const sqlTyped = await runSql(db.url, TYPED.map(compactFold), REQUESTS, CLIENTS, SQL_WARM_UP);
    const sqlCold = await runSql(db.url, cold, cold.length + SQL_WARM_UP, CLIENTS, SQL_WARM_UP);
    const pids = { api: api.pid, pg: postmasterPid(db.pgDir) };
    const cpu = () => ({ api: cpuSeconds(pids.api), pg: pids.pg ? cpuSeconds(pids.pg) : NaN });
    const load0 = os.loadavg();
    const c0 = cpu();
    const typed = await run(REQUESTS, CLIENTS, suggestPaths, api.url, agent);
    const c1 = cpu();
    const coldRun = await run(coldPaths.length, CLIENTS, coldPaths, api.url, agent);
    const c2 = cpu();
    const misses = await run(Math.ceil(REQUESTS / 4), CLIENTS, missPaths, api.url, agent);
    const load1 = os.loadavg();
    agent.destroy();
    const terms = await (async () => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const n = Number((await c.query(`SELECT count(*) AS n FROM ${quotedTenantSchema(SLUG)}.search_terms`)).rows[0].n);
      await c.end();
      return n;
    })();

    const f = (x: number) => x.toFixed(1).padStart(7);
    const line = (name: string, ms: number[], perSecond: number) => {
      const s = summarize(ms);
      return `  ${name.padEnd(28)}${String(s.n).padStart(6)}  ${f(s.p50)}  ${f(s.p95)}  ${f(s.p99)}  ${f(s.max)}  ${perSecond.toFixed(0).padStart(7)}`;
    };
    const perReq = (a: { api: number; pg: number }, b: { api: number; pg: number }, n: number) =>
      `API ${(((b.api - a.api) * 1000) / n).toFixed(2)} ms, PostgreSQL ${(((b.pg - a.pg) * 1000) / n).toFixed(2)} ms`;
    const t = summarize(typed.samples.map((x) => x.ms));
    const c = summarize(coldRun.samples.map((x) => x.ms));
    const st = summarize(sqlTyped.ms);
    const sc = summarize(sqlCold.ms);
    console.log('');
    console.log(`Suggest benchmark — ${RECORDS.toLocaleString()} records, ${terms.toLocaleString()} search terms, ${CLIENTS} concurrent clients`);
    console.log(`  database: ${db.settings}`);
    console.log(`  machine: ${os.cpus().length} cores, load average (1/5/15 min) ${load0.map((x) => x.toFixed(1)).join('/')} → ${load1.map((x) => x.toFixed(1)).join('/')} during the run`);
    console.log('  (a shared machine: other work runs beside the benchmark, so absolute figures are pessimistic)');
    if (filled) console.log(`  search terms filled: ${filled.terms.toLocaleString()} in ${(filled.ms / 1000).toFixed(1)} s`);
    console.log('');
    console.log('                                   n      p50      p95      p99      max (ms)  req/s');
    console.log(line('suggest, typed mix (HTTP)', typed.samples.map((x) => x.ms), typed.perSecond));
    console.log(line('suggest, cold mix (HTTP)', coldRun.samples.map((x) => x.ms), coldRun.perSecond));
    console.log(line('search + もしかして (HTTP)', misses.samples.map((x) => x.ms), misses.perSecond));
    console.log(line('suggest, typed mix (bare SQL)', sqlTyped.ms, sqlTyped.perSecond));
    console.log(line('suggest, cold mix (bare SQL)', sqlCold.ms, sqlCold.perSecond));
    console.log('');
    console.log(`  HTTP / bare SQL: typed mix p50 ${(t.p50 / st.p50).toFixed(2)}×, p95 ${(t.p95 / st.p95).toFixed(2)}×; cold mix p50 ${(c.p50 / sc.p50).toFixed(2)}×, p95 ${(c.p95 / sc.p95).toFixed(2)}×`);
    console.log(`  CPU per request (from /proc): typed mix ${perReq(c0, c1, typed.samples.length)}; cold mix ${perReq(c1, c2, coldRun.samples.length)}`);
    console.log(`  cold mix: ${cold.length} distinct prefixes of 1–3 characters of the city's terms, each asked once`);
    console.log('');
    console.log(`  target suggest p95 ≤ 20 ms (typed mix): ${t.p95 <= 20 ? 'met' : 'NOT met'} (${t.p95.toFixed(1)} ms); cold mix: ${c.p95 <= 20 ? 'met' : 'NOT met'} (${c.p95.toFixed(1)} ms)`);
    console.log('');
    console.log('  the suggest statement, EXPLAIN (ANALYZE, BUFFERS)');
    for (const l of plans) console.log(l);
    console.log('  per typed prefix (p50 ms)');
    for (let q = 0; q < TYPED.length; q++) console.log(`    ${f(summarize(typed.samples.filter((x) => x.query === q).map((x) => x.ms)).p50)}  ${TYPED[q]}`);
    console.log('  per miss (p50 ms; total → what is offered)');
    for (let q = 0; q < MISSES.length; q++) console.log(`    ${f(summarize(misses.samples.filter((x) => x.query === q).map((x) => x.ms)).p50)}  ${MISSES[q]}: ${offers[q]}`);
    console.log('');
    console.log(`(total run time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
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
