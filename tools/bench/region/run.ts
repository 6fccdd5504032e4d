/**
 * Regional search benchmark (DESIGN.md "Performance targets", issue #15): C member cities of
 * N records each (the search benchmark's Aozora Bunko catalogue, loaded once per city and
 * reused), one region over them, then the same query mix
 *   - as one city's search  (GET /api/t/{city}/search), and
 *   - as the regional search (GET /api/r/{region}/search: the same search in every city at
 *     once, grouped into works),
 * with K concurrent clients, in alternating rounds of the same run, through one API process.
 * Prints p50/p95/p99 of both and the ratio of the medians.
 *
 *   node -r ./tools/register.cjs tools/bench/region/run.ts [--cities 10] [--records 50000]
 *        [--requests 800] [--clients 8] [--api-pool 20] [--warmup 3] [--data-dir /tmp/shiori-bench-region] [--fresh]
 *
 * Uses DATABASE_URL, or an embedded PostgreSQL kept in --data-dir (bench settings as the
 * search benchmark's). Targets: regional p50 ≤ 2 × one city's p50, regional p95 ≤ 150 ms.
 */
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApiProcess } from '../lib/api-process';
import { percentile, summarize } from '../lib/stats';
import { BenchQuery, label, QUERY_MIX, toQueryString } from '../search/queries';
import { benchDatabase, prepareBenchTenant } from '../search/tenant';
import { arg } from '../lib/args';

const CITIES = Number(arg('cities', '10'));
const RECORDS = Number(arg('records', '50000'));
const REQUESTS = Number(arg('requests', '800'));
const CLIENTS = Number(arg('clients', '8'));
/** The API's connections: a regional search holds one per member city while it runs. */
const API_POOL = Number(arg('api-pool', '20'));
const DATA_DIR = path.resolve(arg('data-dir', path.join(os.tmpdir(), 'shiori-bench-region')));
const FRESH = process.argv.includes('--fresh');
/**
 * Warm-up rounds of the mix, each way, before measuring. A regional search's statements are
 * C cities × the mix's shapes, each prepared once per pool connection (tenantStatement): with
 * 10 cities and 20 connections that is thousands of first runs (planned, 5–15 ms instead of
 * 1–4 ms), which 3 rounds leave mostly to the measured requests. A running server has them
 * prepared (until a connection is replaced), so --warmup 30 measures that steady state.
 */
const WARMUP = Number(arg('warmup', '3'));
const PASSWORD = 'bench-admin-password';
const REGION = `bench-${CITIES}x${RECORDS}`.slice(0, 31);
const citySlug = (i: number) => `region-${RECORDS}-${i}`;

/** The search mix, as a regional search takes it (no sort or publisher: it ranks by relevance over the cities). */
const MIX: BenchQuery[] = QUERY_MIX.filter((q) => !q.publisher && (q.sort === undefined || q.sort === 'relevance'));

/** An API answer as the benchmark reads it (a sign-in's token, a problem's code). */
type ApiBody = { token?: string; code?: string } & Record<string, unknown>;

async function json(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as ApiBody };
}

interface Sample {
  query: number;
  ms: number;
}

async function run(total: number, clients: number, op: (i: number) => Promise<void>): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        await op(i);
        samples.push({ query: i % MIX.length, ms: performance.now() - t0 });
      }
    }),
  );
  return samples;
}

function stats(samples: Sample[]) {
  return summarize(samples.map((x) => x.ms));
}

async function main() {
  const db = await benchDatabase(DATA_DIR, FRESH);
  const api = await startApiProcess({ DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '100000000', DB_POOL_SIZE: String(API_POOL) });
  try {
    const loadStarted = Date.now();
    for (let i = 1; i <= CITIES; i++) await prepareBenchTenant(db.url, api.url, RECORDS, PASSWORD, citySlug(i));
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const admin = await json(`${api.url}/api/platform/login`, 'POST', { username: 'admin', password: PASSWORD });
    const members = Array.from({ length: CITIES }, (_, i) => citySlug(i + 1));
    const existing = await json(`${api.url}/api/platform/regions/${REGION}`, 'GET', undefined, admin.body.token);
    if (existing.status === 404) {
      const created = await json(`${api.url}/api/platform/regions`, 'POST', { code: REGION, name: 'ベンチ県', members }, admin.body.token);
      if (created.status !== 201) throw new Error(`create region: ${created.status} ${JSON.stringify(created.body)}`);
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const get = (p: string) =>
      new Promise<string>((resolve, reject) => {
        const req = http.get(`${api.url}${p}`, { agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${p}: HTTP ${res.statusCode} ${body.slice(0, 200)}`))));
        });
        req.on('error', reject);
      });
    const cityPaths = MIX.map((q) => `/api/t/${citySlug(1)}/search?${toQueryString(q)}`);
    const regionPaths = MIX.map((q) => `/api/r/${REGION}/search?${toQueryString(q)}`);
    const missing = new Set<string>();
    const works = new Map<number, number>();
    const cityOp = async (i: number) => void (await get(cityPaths[i % MIX.length]));
    const regionOp = async (i: number) => {
      const body = JSON.parse(await get(regionPaths[i % MIX.length])) as { total: number; missing: { city: string; reason: string }[] };
      for (const m of body.missing) missing.add(`${m.city} ${m.reason}`);
      works.set(i % MIX.length, body.total);
    };

    // warm-up: every query a few times both ways (plans prepared on every connection)
    await run(MIX.length * WARMUP, CLIENTS, cityOp);
    await run(MIX.length * WARMUP, CLIENTS, regionOp);
    missing.clear();

    const load0 = os.loadavg()[0];
    const city: Sample[] = [];
    const region: Sample[] = [];
    const rounds = 4;
    const per = Math.ceil(REQUESTS / rounds / MIX.length) * MIX.length;
    for (let r = 0; r < rounds; r++) {
      city.push(...(await run(per, CLIENTS, cityOp)));
      region.push(...(await run(per, CLIENTS, regionOp)));
    }
    const load1 = os.loadavg()[0];
    agent.destroy();

    const c = stats(city);
    const g = stats(region);
    const f = (x: number) => x.toFixed(1).padStart(7);
    console.log('');
    console.log(`Regional search benchmark — ${CITIES} member cities × ${RECORDS.toLocaleString()} records, ${CLIENTS} concurrent clients, ${g.n} requests each way, ${MIX.length} queries`);
    console.log(`  database: ${db.settings}`);
    console.log(`  API: 1 process, DB_POOL_SIZE=${API_POOL}; cities loaded or reused in ${loadSeconds.toFixed(1)} s; warm-up ${WARMUP} rounds of the mix each way`);
    console.log(`  machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)} during the run`);
    console.log('');
    console.log('                          p50      p95      p99      max (ms)');
    console.log(`  one city's search   ${f(c.p50)}  ${f(c.p95)}  ${f(c.p99)}  ${f(c.max)}`);
    console.log(`  regional search     ${f(g.p50)}  ${f(g.p95)}  ${f(g.p99)}  ${f(g.max)}`);
    console.log(`  ratio region/city   ${(g.p50 / c.p50).toFixed(2).padStart(7)}  ${(g.p95 / c.p95).toFixed(2).padStart(7)}`);
    console.log('');
    console.log(`  target regional p50 ≤ 2 × one city's p50: ${g.p50 <= 2 * c.p50 ? 'met' : 'NOT met'} (${(g.p50 / c.p50).toFixed(2)}×)`);
    console.log(`  target regional p95 ≤ 150 ms: ${g.p95 <= 150 ? 'met' : 'NOT met'} (${g.p95.toFixed(1)} ms)`);
    console.log(`  cities missing from an answer during the run: ${missing.size ? [...missing].join(', ') : 'none'}`);
    console.log('');
    console.log('  per query (p50 one city / p50 region, ms; works in the regional answer)');
    for (let q = 0; q < MIX.length; q++) {
      const p50 = (xs: Sample[]) => percentile(xs.filter((x) => x.query === q).map((x) => x.ms).sort((a, b) => a - b), 50);
      console.log(`  ${p50(city).toFixed(1).padStart(7)} ${p50(region).toFixed(1).padStart(7)} ${String(works.get(q) ?? '').padStart(6)}  ${label(MIX[q])}`);
    }
  } finally {
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
