/**
 * Benchmark: 500 tenants on one instance (DESIGN.md targets).
 *   node -r ./tools/register.cjs tools/bench/tenants/run.ts [--tenants 500] [--requests 3000] [--concurrency 8] [--pool 8] [--warmup 10]
 *        [--presets katori,kushiro,kitakyushu,city003,koga] [--root /path/to/other/checkout]
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder.
 * Prints: provisioning time per tenant (median, p95), p50/p95 of a tenant-scoped read, the CPU
 * per request of the API process and of PostgreSQL (postmaster and its backends, from /proc;
 * embedded database only) and the API's RSS with 1 tenant (one city of each preset, asked alone
 * in turn, so that both phases send the same mix of answers) and with N tenants, and the load
 * average (the machine may be shared: compare runs made close together).
 * `--root` runs that checkout's API instead (a baseline: e.g. a `git archive` of main with
 * node_modules hard-linked); the tenants are then made by its migrations.
 */
import * as os from 'node:os';
import { startApiProcess } from '../lib/api-process';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { arg as textArg } from '../lib/args';
import { fmt, load, summarize } from '../lib/stats';

const TENANTS = arg('tenants', 500);
const REQUESTS = arg('requests', 3000);
const CONCURRENCY = arg('concurrency', 8);
const POOL = arg('pool', 8);
const WARMUP = arg('warmup', 10);
/** The presets the tenants are made from, in turn (the 1-tenant phase asks one city of each, alone, in turn). */
const PRESETS = textArg('presets', 'katori,kushiro,kitakyushu,city003,koga').split(',');
const PASSWORD = 'bench-admin-password';
const ROOT = (() => {
  const i = process.argv.indexOf('--root');
  return i > 0 ? process.argv[i + 1] : undefined;
})();

async function main() {
  const db = await benchDatabase();
  const { url: dbUrl, embedded } = db;
  const api = await startApiProcess({ DATABASE_URL: dbUrl, PLATFORM_ADMIN_PASSWORD: PASSWORD, DB_POOL_SIZE: String(POOL) }, ROOT ? { root: ROOT } : {});
  const pg = postmasterPid(db.embedded?.dataDir);
  /** A measured load with the CPU it took per request (ms) in the API and in PostgreSQL. */
  const measured = async (run: () => ReturnType<typeof load>) => {
    const api0 = cpuSeconds(api.pid);
    const pg0 = pg ? cpuSeconds(pg) : NaN;
    const r = await run();
    const n = r.latencies.length;
    return { ...r, apiCpu: ((cpuSeconds(api.pid) - api0) / n) * 1000, pgCpu: pg ? ((cpuSeconds(pg) - pg0) / n) * 1000 : NaN, loadavg: os.loadavg()[0] };
  };
  try {
    const { token } = (await (await fetch(`${api.url}/api/platform/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()) as { token: string };
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const presets = PRESETS;
    const slugs: string[] = [];
    const provision: number[] = [];
    const create = async (i: number) => {
      const slug = `b${i.toString().padStart(4, '0')}`;
      const t0 = performance.now();
      const r = await fetch(`${api.url}/api/platform/tenants`, { method: 'POST', headers: auth, body: JSON.stringify({ slug, name: `ベンチ市 ${i}`, preset: presets[i % presets.length] }) });
      if (r.status !== 201) throw new Error(`create ${slug}: ${r.status} ${await r.text()}`);
      provision.push(performance.now() - t0);
      slugs.push(slug);
    };
    const read = (slug: string) => async () => {
      const r = await fetch(`${api.url}/api/t/${slug}/info`);
      if (!r.ok) throw new Error(`read ${slug}: ${r.status}`);
      await r.arrayBuffer();
    };

    // one city of each preset first: the 1-tenant phase asks each of them alone in turn (the same
    // share of requests as the N-tenant phase gives each preset), so both phases send the same mix
    // of answers (a city's /info grows with its branches, pickup points and bus stations)
    const firsts = presets.slice(0, Math.min(presets.length, TENANTS));
    for (let i = 0; i < firsts.length; i++) await create(i);
    const bytes = await Promise.all(slugs.map(async (slug) => (await (await fetch(`${api.url}/api/t/${slug}/info`)).arrayBuffer()).byteLength));
    const alone = async (requests: number) => {
      const parts: { latencies: number[]; seconds: number }[] = [];
      for (const slug of slugs) {
        const t0 = performance.now();
        const r = await load(Math.round(requests / slugs.length), CONCURRENCY, () => read(slug)());
        parts.push({ latencies: r.latencies, seconds: (performance.now() - t0) / 1000 });
      }
      const latencies = parts.flatMap((x) => x.latencies);
      const seconds = parts.reduce((t, x) => t + x.seconds, 0);
      return { latencies, seconds, perSecond: latencies.length / seconds };
    };
    await alone(TENANTS * WARMUP); // the same warm-up as the N-tenant phase
    const one = await measured(() => alone(REQUESTS));
    const rssOne = api.rssMb();

    for (let i = slugs.length; i < TENANTS; i++) await create(i);
    // warm up: every tenant, several times, so each pooled connection has met every schema
    await load(TENANTS * WARMUP, CONCURRENCY, (i) => read(slugs[i % slugs.length])());
    const many = await measured(() => load(REQUESTS, CONCURRENCY, () => read(slugs[Math.floor(Math.random() * slugs.length)])()));
    const rssMany = api.rssMb();

    const p = summarize(provision);
    const a = summarize(one.latencies);
    const b = summarize(many.latencies);
    const lines = [
      `Tenants benchmark (${os.cpus().length} cores, ${dbUrl === embedded?.url ? 'embedded PostgreSQL 18' : 'DATABASE_URL'}${ROOT ? `, API of ${ROOT}` : ''}), ${new Date().toISOString()}`,
      `presets in turn: ${PRESETS.join(',')} (/info of each: ${firsts.map((preset, i) => `${preset} ${bytes[i]} B`).join(', ')})`,
      `provisioning ${TENANTS} tenants (schema + migrations + preset, one transaction each, over HTTP):`,
      `  median ${fmt(p.p50)}   p95 ${fmt(p.p95)}   max ${fmt(p.max)}   (target: median ≤ 1000 ms)`,
      `tenant-scoped read GET /api/t/{slug}/info, ${REQUESTS} requests, ${CONCURRENCY} concurrent, API pool ${POOL}, warm-up ${WARMUP}× per tenant:`,
      `  1 tenant (each preset's city alone in turn):`,
      `               p50 ${fmt(a.p50)}  p95 ${fmt(a.p95)}  ${one.perSecond.toFixed(0)} req/s   API RSS ${rssOne.toFixed(0)} MB   CPU ms/req API ${one.apiCpu.toFixed(2)} PG ${one.pgCpu.toFixed(2)}   load ${one.loadavg.toFixed(1)}`,
      `  ${TENANTS} tenants: p50 ${fmt(b.p50)}  p95 ${fmt(b.p95)}  ${many.perSecond.toFixed(0)} req/s   API RSS ${rssMany.toFixed(0)} MB   CPU ms/req API ${many.apiCpu.toFixed(2)} PG ${many.pgCpu.toFixed(2)}   load ${many.loadavg.toFixed(1)}`,
      `  ratio ${TENANTS}/1: p50 ${(b.p50 / a.p50).toFixed(2)}×  p95 ${(b.p95 / a.p95).toFixed(2)}×  RSS ${(rssMany / rssOne).toFixed(2)}×   (target: within 1.10×)`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
