/**
 * Benchmark: 500 tenants on one instance (DESIGN.md targets).
 *   node -r ./tools/register.cjs tools/bench/tenants/run.ts [--tenants 500] [--requests 4000] [--rounds 6] [--concurrency 8] [--pool 8] [--warmup 10]
 *        [--presets katori,kushiro,kitakyushu,city003,koga] [--root /path/to/other/checkout]
 * Uses the server of DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder, and
 * makes two databases on it, each with an API process of its own (as `npm start` runs it):
 * "one" holds a city of each preset, "many" holds N cities made from the presets in turn.
 * Once both are made and warmed up, the two are measured in alternating rounds (one, many,
 * many, one, …), `--requests` requests per instance over all rounds, so that both meet the
 * same state of the machine; the one-city instance asks each of its cities alone in turn, so
 * both send the same mix of answers. Prints: provisioning time per tenant (median, p95);
 * p50/p95 of the tenant-scoped read per instance over all rounds, with each round's ratio;
 * the CPU per request of each API process and of PostgreSQL (postmaster and its backends,
 * from /proc; embedded database only); each API's RSS; the load average.
 * `--root` runs that checkout's API instead (a baseline: e.g. a `git archive` of main with
 * node_modules hard-linked); the tenants are then made by its migrations.
 */
import * as os from 'node:os';
import { Client } from 'pg';
import { ApiProcess, startApiProcess } from '../lib/api-process';
import { cpuRate, cpuSeconds, postmasterPid, waitForQuietDatabase } from '../lib/proc';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { arg as textArg } from '../lib/args';
import { fmt, load, summarize } from '../lib/stats';

const TENANTS = arg('tenants', 500);
const REQUESTS = arg('requests', 4000);
const ROUNDS = Math.max(1, arg('rounds', 6));
const CONCURRENCY = arg('concurrency', 8);
const POOL = arg('pool', 8);
const WARMUP = arg('warmup', 10);
/** The presets the tenants are made from, in turn (the one-city instance holds one city of each). */
const PRESETS = textArg('presets', 'katori,kushiro,kitakyushu,city003,koga').split(',');
const PASSWORD = 'bench-admin-password';
const ROOT = (() => {
  const i = process.argv.indexOf('--root');
  return i > 0 ? process.argv[i + 1] : undefined;
})();

/** A database of its own on the benchmark's server (dropped first if a run left it), and its URL. */
/** Runs `fn` on a client of the database at `url`, then closes it. */
async function onDatabase<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await onDatabase(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onDatabase(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** An API on a database of its own, with the cities it holds. */
interface Instance {
  api: ApiProcess;
  slugs: string[];
  auth: Record<string, string>;
}

async function instance(dbUrl: string): Promise<Instance> {
  const api = await startApiProcess({ DATABASE_URL: dbUrl, PLATFORM_ADMIN_PASSWORD: PASSWORD, DB_POOL_SIZE: String(POOL) }, ROOT ? { root: ROOT } : {});
  const r = await fetch(`${api.url}/api/platform/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const { token } = (await r.json()) as { token: string };
  return { api, slugs: [], auth: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
}

/** Makes city `i` (its preset by turn) over HTTP; returns the milliseconds it took. */
async function create(inst: Instance, i: number): Promise<number> {
  const slug = `b${i.toString().padStart(4, '0')}`;
  const t0 = performance.now();
  const r = await fetch(`${inst.api.url}/api/platform/tenants`, { method: 'POST', headers: inst.auth, body: JSON.stringify({ slug, name: `ベンチ市 ${i}`, preset: PRESETS[i % PRESETS.length] }) });
  if (r.status !== 201) throw new Error(`create ${slug}: ${r.status} ${await r.text()}`);
  inst.slugs.push(slug);
  return performance.now() - t0;
}

const read = (inst: Instance, slug: string) => async () => {
  const r = await fetch(`${inst.api.url}/api/t/${slug}/info`);
  if (!r.ok) throw new Error(`read ${slug}: ${r.status}`);
  await r.arrayBuffer();
};

/** `requests` reads of the one-city instance: each city alone in turn (its share of the requests, all concurrent requests to it). */
async function alone(inst: Instance, requests: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const slug of inst.slugs) latencies.push(...(await load(Math.round(requests / inst.slugs.length), CONCURRENCY, read(inst, slug))).latencies);
  return latencies;
}

/** `requests` reads of the N-city instance, each of a city drawn at random. */
async function spread(inst: Instance, requests: number): Promise<number[]> {
  return (await load(requests, CONCURRENCY, () => read(inst, inst.slugs[Math.floor(Math.random() * inst.slugs.length)])())).latencies;
}

/** What one instance's measured phases add up to. */
class Tally {
  latencies: number[] = [];
  seconds = 0;
  apiCpu = 0;
  pgCpu = 0;
  rounds: { p50: number; p95: number }[] = [];

  constructor(private readonly inst: Instance, private readonly pg: number | undefined) {}

  async measure(run: () => Promise<number[]>): Promise<void> {
    const api0 = cpuSeconds(this.inst.api.pid);
    const pg0 = this.pg ? cpuSeconds(this.pg) : NaN;
    const t0 = performance.now();
    const l = await run();
    this.seconds += (performance.now() - t0) / 1000;
    this.apiCpu += cpuSeconds(this.inst.api.pid) - api0;
    this.pgCpu += this.pg ? cpuSeconds(this.pg) - pg0 : NaN;
    this.latencies.push(...l);
    const s = summarize(l);
    this.rounds.push({ p50: s.p50, p95: s.p95 });
  }

  line(): string {
    const s = summarize(this.latencies);
    const n = this.latencies.length;
    return `p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  ${(n / this.seconds).toFixed(0)} req/s   API RSS ${this.inst.api.rssMb().toFixed(0)} MB   CPU ms/req API ${((this.apiCpu / n) * 1000).toFixed(2)} PG ${((this.pgCpu / n) * 1000).toFixed(2)}`;
  }
}

async function main() {
  const db = await benchDatabase();
  const serverUrl = db.url;
  const names = { one: 'shiori_bench_one', many: 'shiori_bench_many' };
  const urls = { one: await freshDatabase(serverUrl, names.one), many: await freshDatabase(serverUrl, names.many) };
  const one = await instance(urls.one);
  const many = await instance(urls.many);
  const pg = postmasterPid(db.embedded?.dataDir);
  try {
    for (let i = 0; i < Math.min(PRESETS.length, TENANTS); i++) await create(one, i);
    const provision: number[] = [];
    for (let i = 0; i < TENANTS; i++) provision.push(await create(many, i));
    const bytes = await Promise.all(one.slugs.map(async (slug) => (await (await fetch(`${one.api.url}/api/t/${slug}/info`)).arrayBuffer()).byteLength));

    // after 500 new schemas autovacuum analyses their tables for a minute or two, and a quiet moment
    // between two of its rounds once let it start during the measured rounds (PostgreSQL at 0 ms/s
    // before them, 153 after, the first rounds' ratios 1.26–1.30×): both databases are vacuumed
    // and analysed first, as a city's tables are long after it was made, then warmed up (the
    // statistics' change made every connection plan again), and the rounds start once PostgreSQL
    // is quiet. Its work meanwhile still counts in both phases' PG CPU.
    const settle = Date.now();
    for (const url of [urls.one, urls.many]) await onDatabase(url, (c) => c.query('VACUUM (ANALYZE)'));
    const settled = (Date.now() - settle) / 1000;
    // then the same warm-up for both: 10 requests per city of the N-city instance
    await alone(one, TENANTS * WARMUP);
    await load(TENANTS * WARMUP, CONCURRENCY, (i) => read(many, many.slugs[i % many.slugs.length])());

    const idleBefore = await waitForQuietDatabase(pg);
    const a = new Tally(one, pg);
    const b = new Tally(many, pg);
    const perRound = Math.round(REQUESTS / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      // one, many; many, one; … (so that a drift of the machine falls on both alike)
      const order = r % 2 === 0 ? [a, b] : [b, a];
      for (const t of order) await t.measure(() => (t === a ? alone(one, perRound) : spread(many, perRound)));
    }

    const idleAfter = pg ? await cpuRate(pg) : NaN;
    const p = summarize(provision);
    const sa = summarize(a.latencies);
    const sb = summarize(b.latencies);
    const ratios = a.rounds.map((x, i) => `${(b.rounds[i].p50 / x.p50).toFixed(2)}/${(b.rounds[i].p95 / x.p95).toFixed(2)}`);
    const lines = [
      `Tenants benchmark (${os.cpus().length} cores, ${db.embedded ? 'embedded PostgreSQL 18' : 'DATABASE_URL'}${ROOT ? `, API of ${ROOT}` : ''}), ${new Date().toISOString()}`,
      `presets in turn: ${PRESETS.join(',')} (/info of each: ${PRESETS.slice(0, bytes.length).map((preset, i) => `${preset} ${bytes[i]} B`).join(', ')})`,
      `provisioning ${TENANTS} tenants (schema + migrations + preset, one transaction each, over HTTP):`,
      `  median ${fmt(p.p50)}   p95 ${fmt(p.p95)}   max ${fmt(p.max)}   (target: median ≤ 1000 ms)`,
      `tenant-scoped read GET /api/t/{slug}/info, ${perRound * ROUNDS} requests per instance in ${ROUNDS} alternating rounds, ${CONCURRENCY} concurrent, API pool ${POOL}, warm-up ${WARMUP}× per tenant:`,
      `  1 tenant (each preset's city alone in turn):`,
      `               ${a.line()}`,
      `  ${TENANTS} tenants: ${b.line()}`,
      `  ratio ${TENANTS}/1: p50 ${(sb.p50 / sa.p50).toFixed(2)}×  p95 ${(sb.p95 / sa.p95).toFixed(2)}×  RSS ${(many.api.rssMb() / one.api.rssMb()).toFixed(2)}×   (target: within 1.10×)`,
      `  each round's ratio p50/p95: ${ratios.join('  ')}   load ${os.loadavg()[0].toFixed(1)}`,
      `  both databases vacuumed and analysed before the rounds (${settled.toFixed(0)} s); PostgreSQL's CPU with no request, 3 s before the rounds (once below 20 ms/s, or after 3 minutes) and after them: ${idleBefore.toFixed(0)} and ${idleAfter.toFixed(0)} ms/s`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await one.api.stop();
    await many.api.stop();
    if (!db.embedded) for (const name of Object.values(names)) await dropDatabase(serverUrl, name);
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
