/**
 * Benchmark: the per-request floor (DESIGN.md: a trivial tenant request ≤ 1.2 ms of CPU).
 *
 *   node -r ./tools/register.cjs tools/bench/floor/run.ts [--requests 4000] [--concurrency 8] [--rounds 3] [--pool 8] [--baseline /path/to/other/checkout]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder. The API runs as its
 * own process. Measures `GET /api/t/{slug}/info` (a public tenant read: the city, its branches,
 * pickup points and policy) and `GET /api/health`, `requests` each per round: throughput,
 * p50/p95, and CPU per request of the API process and of the API + PostgreSQL (postmaster and
 * its backends, read from /proc; embedded database only).
 *
 * `--baseline <dir>` also starts that checkout's API (it needs its own node_modules, e.g. a
 * `git archive` of main with node_modules hard-linked) on the same database, and alternates
 * rounds between the two, so that both see the same load from the rest of the machine.
 */
import * as os from 'node:os';
import { startApiProcess, ApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { benchLibrary } from '../lib/library';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { load, summarize } from '../lib/stats';

const REQUESTS = arg('requests', 4000);
const CONCURRENCY = arg('concurrency', 8);
const ROUNDS = arg('rounds', 3);
const POOL = arg('pool', 8);
const PASSWORD = 'bench-admin-password';
const BASELINE = (() => {
  const i = process.argv.indexOf('--baseline');
  return i > 0 ? process.argv[i + 1] : undefined;
})();

interface Sample {
  latencies: number[];
  seconds: number;
  apiCpu: number;
  pgCpu: number;
}

async function main() {
  const db = await benchDatabase();
  const env = { DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, DB_POOL_SIZE: String(POOL), RATE_LIMIT_PER_MINUTE: '100000000' };
  const apis: { name: string; api: ApiProcess }[] = [{ name: 'this checkout', api: await startApiProcess(env) }];
  if (BASELINE) apis.push({ name: `baseline (${BASELINE})`, api: await startApiProcess(env, { root: BASELINE }) });
  const pg = postmasterPid(db.embedded?.dataDir);
  try {
    const { slug } = await benchLibrary(apis[0].api.url, PASSWORD, 'floor');
    const paths = { info: `/api/t/${slug}/info`, health: '/api/health' };
    const samples = new Map<string, Sample[]>();
    const measure = async (name: string, api: ApiProcess, what: keyof typeof paths, total: number) => {
      const url = `${api.url}${paths[what]}`;
      const op = async () => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      };
      const api0 = cpuSeconds(api.pid);
      const pg0 = pg ? cpuSeconds(pg) : NaN;
      const run = await load(total, CONCURRENCY, op);
      const s: Sample = { latencies: run.latencies, seconds: run.seconds, apiCpu: cpuSeconds(api.pid) - api0, pgCpu: pg ? cpuSeconds(pg) - pg0 : NaN };
      const key = `${name}\t${what}`;
      samples.set(key, [...(samples.get(key) ?? []), s]);
    };
    // warm-up (JIT, pooled connections, prepared plans), not counted
    for (const { api } of apis) for (const what of ['info', 'health'] as const) await load(REQUESTS / 4, CONCURRENCY, async () => void (await (await fetch(`${api.url}${paths[what]}`)).arrayBuffer()));
    samples.clear();
    for (let round = 0; round < ROUNDS; round++) {
      for (const what of ['info', 'health'] as const) for (const { name, api } of apis) await measure(name, api, what, REQUESTS);
    }
    const lines = [
      `Floor benchmark (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end, ${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}), ${new Date().toISOString()}`,
      `${ROUNDS} rounds × ${REQUESTS} requests per target, ${CONCURRENCY} concurrent, API pool ${POOL}; CPU per request = (CPU seconds during the round) / requests`,
      `target              request   req/s   p50 ms  p95 ms  API CPU ms/req  API+PG CPU ms/req`,
    ];
    for (const [key, list] of samples) {
      const [name, what] = key.split('\t');
      const n = list.length * REQUESTS;
      const secs = list.reduce((a, s) => a + s.seconds, 0);
      const lat = summarize(list.flatMap((s) => s.latencies));
      const api = (list.reduce((a, s) => a + s.apiCpu, 0) / n) * 1000;
      const both = ((list.reduce((a, s) => a + s.apiCpu + s.pgCpu, 0)) / n) * 1000;
      lines.push(`${name.padEnd(20)}${what.padEnd(10)}${(n / secs).toFixed(0).padStart(5)}   ${lat.p50.toFixed(2).padStart(6)}  ${lat.p95.toFixed(2).padStart(6)}  ${api.toFixed(2).padStart(14)}  ${both.toFixed(2).padStart(17)}`);
    }
    console.log(lines.join('\n'));
  } finally {
    for (const { api } of apis) await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
