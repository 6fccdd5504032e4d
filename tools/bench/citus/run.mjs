#!/usr/bin/env node
// Benchmark: Shiori on a 3-node Citus cluster next to one PostgreSQL, in one run.
//
//   node tools/bench/citus/run.mjs [--records 100000] [--requests 1200] [--clients 8] [--ops 2000] [--concurrency 4] [--rounds 2]
//
// Starts one PostgreSQL 15 and a Citus 13.2 cluster (a coordinator and two workers, all
// PostgreSQL 15 with the same settings, on this machine: tools/citus/cluster.mjs), then runs the
// existing benchmarks through the HTTP API, each with its own API process, on one database and
// right after on the other (so both see about the same machine):
//   - tools/bench/circulation/run.ts  check-out + check-in pairs, and 50 concurrent check-ins
//   - tools/bench/search/run.ts       the OPAC query mix on a catalogue of --records records
// and measures what the coordinator adds to one statement: the same routed single-row SELECT
// sent to the coordinator and straight to the worker's shard. Prints the figures side by side,
// with the load average of each part. Both databases are thrown away at the end.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCluster, stopCluster } from '../../citus/cluster.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const RECORDS = arg('records', '100000');
const REQUESTS = arg('requests', '1200');
const CLIENTS = arg('clients', '8');
const OPS = arg('ops', '2000');
const CONCURRENCY = arg('concurrency', '4');
const ROUNDS = arg('rounds', '2');
// memory for a 2-core machine running three servers and the API; the same on every node
const SETTINGS = `shared_buffers = 512MB\nwork_mem = 16MB\nmaintenance_work_mem = 512MB\njit = off\n`;

function bench(script, args, url, work) {
  const json = path.join(work, `${path.basename(path.dirname(script))}-${Date.now()}.json`);
  const r = spawnSync(process.execPath, ['-r', './tools/register.cjs', script, ...args, '--json', json], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(readFileSync(json, 'utf8'));
}

/** Median ms of `n` runs of a prepared single-row SELECT on a connection. */
async function statementMs(conn, text, values, n = 2000) {
  const c = new pg.Client(conn);
  await c.connect();
  try {
    const times = [];
    for (let i = 0; i < n + 200; i++) {
      const t0 = performance.now();
      await c.query({ name: 'probe', text, values });
      if (i >= 200) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await c.end();
  }
}

/** The same routed statement through the coordinator and straight on the worker's shard. */
async function coordinatorOverhead(cluster) {
  const coord = { host: '127.0.0.1', port: cluster.nodes[0].port, user: 'postgres', database: 'shiori' };
  const c = new pg.Client(coord);
  await c.connect();
  const [t] = (await c.query(`SELECT slug FROM platform.tenants WHERE slug LIKE 'benchcirc%' ORDER BY created_at DESC LIMIT 1`)).rows;
  const schema = `tenant_${t.slug}`;
  const [shard] = (
    await c.query(
      `SELECT shard_name(s.logicalrelid, s.shardid) AS name, p.nodeport AS port
         FROM pg_dist_shard s JOIN pg_dist_placement pl USING (shardid) JOIN pg_dist_node p ON p.groupid = pl.groupid
        WHERE s.logicalrelid = $1::regclass`,
      [`${schema}.patrons`],
    )
  ).rows;
  const [{ card }] = (await c.query(`SELECT card_number AS card FROM ${schema}.patrons LIMIT 1`)).rows;
  await c.end();
  const viaCoordinator = await statementMs(coord, `SELECT id, name FROM ${schema}.patrons WHERE card_number = $1`, [card]);
  const onWorker = await statementMs({ ...coord, port: shard.port }, `SELECT id, name FROM ${shard.name} WHERE card_number = $1`, [card]);
  return { viaCoordinator, onWorker };
}

const f = (x) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(1));

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'shiori-bench-citus-'));
  chmodSync(work, 0o755); // the servers run as the OS user postgres when we are root
  const started = Date.now();
  const results = { postgresql: {}, citus: {} };
  const loads = {};
  const dbs = {};
  try {
    for (const kind of ['postgresql', 'citus']) dbs[kind] = await startCluster(path.join(work, kind), { citus: kind === 'citus', extra: SETTINGS });
    // one benchmark on one database, then right after on the other
    const each = (part, script, args) => {
      for (const kind of ['postgresql', 'citus']) {
        console.log(`\n=== ${part} on ${kind === 'citus' ? 'Citus: coordinator + 2 workers' : 'one PostgreSQL 15'} (${dbs[kind].url})`);
        const before = loadavg()[0];
        results[kind][part] = bench(script, args(kind), dbs[kind].url, work);
        loads[`${part} ${kind}`] = `${before.toFixed(1)}→${loadavg()[0].toFixed(1)}`;
      }
    };
    // (the CPU of every database server is counted: their data folders)
    const dataDirs = (kind) => dbs[kind].nodes.map((n) => n.data).join(',');
    each('circulation', 'tools/bench/circulation/run.ts', (kind) => ['--ops', OPS, '--concurrency', CONCURRENCY, '--rounds', ROUNDS, '--pg-data', dataDirs(kind)]);
    each('search', 'tools/bench/search/run.ts', () => ['--records', RECORDS, '--requests', REQUESTS, '--clients', CLIENTS]);
    results.citus.overhead = await coordinatorOverhead(dbs.citus);
  } finally {
    for (const kind of Object.keys(dbs)) stopCluster(path.join(work, kind));
    rmSync(work, { recursive: true, force: true });
  }

  const p = results.postgresql;
  const c = results.citus;
  const row = (name, a, b) => console.log(`  ${name.padEnd(44)} ${f(a).padStart(9)} ${f(b).padStart(9)} ${f(b - a).padStart(9)}`);
  console.log(`\nShiori on one PostgreSQL 15 and on Citus 13.2 (coordinator + 2 workers), same machine (${cpus().length} cores), ${new Date().toISOString()}`);
  console.log(`  load average (1 min) over each part: ${Object.entries(loads).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`  ${''.padEnd(44)} ${'PG 15'.padStart(9)} ${'Citus'.padStart(9)} ${'added'.padStart(9)}`);
  const [lp] = p.circulation.levels;
  const [lc] = c.circulation.levels;
  console.log(`  check-out + check-in, ${lp.terminals} terminals (ms, ops/s)`);
  row('  check-out p50', lp.checkoutP50, lc.checkoutP50);
  row('  check-in p50', lp.checkinP50, lc.checkinP50);
  row('  both p95', lp.p95, lc.p95);
  row('  throughput (ops/s)', lp.opsPerSecond, lc.opsPerSecond);
  row('  errors', lp.errors, lc.errors);
  row('  CPU per operation: API process', lp.cpuMsPerOp.api, lc.cpuMsPerOp.api);
  row('  CPU per operation: database server(s)', lp.cpuMsPerOp.db, lc.cpuMsPerOp.db);
  console.log(`  50 concurrent check-ins × ${ROUNDS} (ms)`);
  row('  check-in p50', p.circulation.burst.p50, c.circulation.burst.p50);
  row('  check-in p95', p.circulation.burst.p95, c.circulation.burst.p95);
  row('  copies given to two holds (must be 0)', p.circulation.burst.doubleCopies, c.circulation.burst.doubleCopies);
  console.log(`  search, ${RECORDS} records, ${CLIENTS} clients (ms)`);
  row('  API p50', p.search.api.p50, c.search.api.p50);
  row('  API p95', p.search.api.p95, c.search.api.p95);
  row('  bare SQL p50', p.search.sql.p50, c.search.sql.p50);
  row('  bare SQL p95', p.search.sql.p95, c.search.sql.p95);
  console.log(`  one routed single-row SELECT, median of 2,000 (ms)`);
  row('  straight on the worker’s shard → via the coordinator', c.overhead.onWorker, c.overhead.viaCoordinator);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
