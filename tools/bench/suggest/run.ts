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
import { percentile, summarize } from '../lib/stats';
import { benchDatabase, benchSlug, prepareBenchTenant } from '../search/tenant';
import { arg } from '../lib/args';

const RECORDS = Number(arg('records', '1000000'));
const REQUESTS = Number(arg('requests', '4000'));
const CLIENTS = Number(arg('clients', '16'));
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), 'shiori-bench-search')));
const FRESH = process.argv.includes('--fresh');
const PASSWORD = 'bench-admin-password';
const SLUG = benchSlug(RECORDS);
/** Bare suggest statements run before those counted (each typed prefix three times: plans, caches). */

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
    if ((await db.query(`SELECT 1 FROM ${schema}.search_terms LIMIT 1`)).rows.length) return undefined;
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
    await db.query(`ANALYZE ${schema}.search_terms`);
    return { terms: terms.length, ms: performance.now() - t0 };
  } finally {
    await db.end();
  }
}

interface Sample {
  query: number;
  ms: number;
}

async function run(total: number, clients: number, paths: string[], url: string, agent: http.Agent): Promise<Sample[]> {
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
  return samples;
}

function stats(samples: Sample[]) {
  return summarize(samples.map((x) => x.ms));
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
    // warm-up
    await run(suggestPaths.length * 3, CLIENTS, suggestPaths, api.url, agent);
    await run(missPaths.length * 3, CLIENTS, missPaths, api.url, agent);
    // the suggest statement itself on a pool of C connections (bare SQL, as the API runs it), to tell its cost from the machine's
    const pool = new Pool({ connectionString: db.url, max: CLIENTS });
    const schema = quotedTenantSchema(SLUG);
    const sqlSamples: number[] = [];
    let nextSql = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (;;) {
          const i = nextSql++;
          if (i >= REQUESTS) return;
          const key = compactFold(TYPED[i % TYPED.length]);
          const t0 = performance.now();
          await pool.query({ name: 'suggest', text: suggestSql(schema), values: [key, key + '\u{10FFFF}'] });
          if (i >= SQL_WARM_UP) sqlSamples.push(performance.now() - t0);
        }
      }),
    );
    await pool.end();
    const load0 = os.loadavg()[0];
    const suggest = await run(REQUESTS, CLIENTS, suggestPaths, api.url, agent);
    const misses = await run(Math.ceil(REQUESTS / 4), CLIENTS, missPaths, api.url, agent);
    const load1 = os.loadavg()[0];
    agent.destroy();
    const terms = await (async () => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const n = Number((await c.query(`SELECT count(*) AS n FROM ${quotedTenantSchema(SLUG)}.search_terms`)).rows[0].n);
      await c.end();
      return n;
    })();

    const f = (x: number) => x.toFixed(1).padStart(7);
    const s = stats(suggest);
    const m = stats(misses);
    console.log('');
    console.log(`Suggest benchmark — ${RECORDS.toLocaleString()} records, ${terms.toLocaleString()} search terms, ${CLIENTS} concurrent clients`);
    console.log(`  database: ${db.settings}`);
    console.log(`  machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)} during the run`);
    if (filled) console.log(`  search terms filled: ${filled.terms.toLocaleString()} in ${(filled.ms / 1000).toFixed(1)} s`);
    console.log('');
    console.log('                              n      p50      p95      p99      max (ms)');
    console.log(`  suggest (HTTP)        ${String(s.n).padStart(6)}  ${f(s.p50)}  ${f(s.p95)}  ${f(s.p99)}  ${f(s.max)}`);
    console.log(`  search + もしかして     ${String(m.n).padStart(6)}  ${f(m.p50)}  ${f(m.p95)}  ${f(m.p99)}  ${f(m.max)}`);
    const q = sqlSamples.sort((x, y) => x - y);
    if (q.length) console.log(`  suggest (bare SQL)    ${String(q.length).padStart(6)}  ${f(percentile(q, 50))}  ${f(percentile(q, 95))}  ${f(percentile(q, 99))}  ${f(q[q.length - 1])}`);
    else console.log(`  suggest (bare SQL)         0  n/a (--requests ${REQUESTS}: the first ${SQL_WARM_UP} statements are a warm-up, not counted)`);
    console.log('');
    console.log(`  target suggest p95 ≤ 20 ms: ${s.p95 <= 20 ? 'met' : 'NOT met'} (${s.p95.toFixed(1)} ms)`);
    console.log('');
    console.log('  per typed prefix (p50 ms)');
    for (let q = 0; q < TYPED.length; q++) console.log(`    ${f(stats(suggest.filter((x) => x.query === q)).p50)}  ${TYPED[q]}`);
    console.log('  per miss (p50 ms; total → what is offered)');
    for (let q = 0; q < MISSES.length; q++) console.log(`    ${f(stats(misses.filter((x) => x.query === q)).p50)}  ${MISSES[q]}: ${offers[q]}`);
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
