#!/usr/bin/env node
// A local Citus cluster (a coordinator and two workers, PostgreSQL 15 + Citus 13.2) for the
// scale-out tests, the benchmark and trying the operations by hand.
//
//   node tools/citus/cluster.mjs test [jest args…]  build Citus when missing, start a fresh cluster,
//                                                    run the API integration suites on it as it is,
//                                                    stop it; exit status = the suites'
//   node tools/citus/cluster.mjs start               start a cluster in CITUS_DIR (default
//                                                    /tmp/shiori-citus) and print its DATABASE_URL
//   node tools/citus/cluster.mjs stop | status | url
//
// Nodes listen on 127.0.0.1 on free ports (never 5432). As root the servers run as the OS user
// `postgres`, as Debian's do. Data lives in CITUS_DIR and is thrown away by `stop`.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../free-port.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const PGBIN = '/usr/lib/postgresql/15/bin';
const DB = 'shiori';
const WORKERS = 2;
const isRoot = process.getuid?.() === 0;

/** The command line of a PostgreSQL program, run as the user the servers run as. */
function pgCommand(program, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PGBIN, program), ...args]] : [path.join(PGBIN, program), args];
}

/** Runs a PostgreSQL program; throws with its output on failure. */
function pgRun(program, args) {
  const [cmd, argv] = pgCommand(program, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
}

/** pgRun without waiting: the nodes are made and started side by side. */
function pgRunAsync(program, args) {
  const [cmd, argv] = pgCommand(program, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${program} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** Builds and installs Citus when it is missing (tools/citus/build.sh keeps the build in ~/.cache). */
function ensureCitus() {
  const r = spawnSync('bash', [path.join(here, 'build.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building Citus failed (tools/citus/build.sh)');
}

/**
 * Settings of every node. wal_level=logical lets citus_schema_move copy a city while it keeps
 * serving; synchronize_seqscans=off is what the API's own connections set for the catalogue
 * search's sampled scan (engine/database/session-options.ts), and on Citus that scan runs on a
 * worker, whose connections come from the coordinator and not from the API's pool.
 */
const NODE_SETTINGS = `
listen_addresses = '127.0.0.1'
wal_level = logical
max_connections = 300
max_wal_senders = 20
max_replication_slots = 20
synchronize_seqscans = off
citus.node_conninfo = 'sslmode=disable'  # (ignored where citus is not loaded)
fsync = off
synchronous_commit = off
full_page_writes = off
`;

async function sql(port, text, database = DB) {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

function stateFile(dir) {
  return path.join(dir, 'cluster.json');
}

/**
 * Starts the cluster in `dir`: a coordinator and `workers` workers. `citus: false` starts one
 * plain PostgreSQL 15 with the same settings instead (the benchmark's "one PostgreSQL").
 * Extra settings (`extra`, postgresql.conf lines) go to every node.
 */
export async function startCluster(dir, { workers = WORKERS, citus = true, extra = '' } = {}) {
  if (citus) ensureCitus();
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const names = citus ? ['coordinator', ...Array.from({ length: workers }, (_, i) => `worker${i + 1}`)] : ['postgres'];
  const nodes = [];
  for (const name of names) nodes.push({ name, port: await freePort(), data: path.join(dir, name) });
  // written first, so that `stop` finds whatever did start should a start fail
  writeFileSync(stateFile(dir), JSON.stringify({ dir, nodes }, null, 2));
  const preload = citus ? "shared_preload_libraries = 'citus'\n" : '';
  await Promise.all(
    nodes.map(async (n) => {
      await pgRunAsync('initdb', ['-D', n.data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
      appendFileSync(path.join(n.data, 'postgresql.conf'), `${NODE_SETTINGS}${preload}${extra}\nport = ${n.port}\nunix_socket_directories = '${dir}'\n`);
      await pgRunAsync('pg_ctl', ['-D', n.data, '-l', path.join(dir, `${n.name}.log`), '-w', '-t', '60', 'start']);
    }),
  );
  if (!citus) {
    await sql(nodes[0].port, `CREATE DATABASE ${DB} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`, 'postgres');
    const url = `postgres://postgres@127.0.0.1:${nodes[0].port}/${DB}`;
    writeFileSync(stateFile(dir), JSON.stringify({ dir, url, nodes }, null, 2));
    return { dir, url, nodes };
  }
  await Promise.all(
    nodes.map(async (n) => {
      await sql(n.port, `CREATE DATABASE ${DB} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`, 'postgres');
      await sql(n.port, 'CREATE EXTENSION citus');
    }),
  );
  const [coordinator, ...workerNodes] = nodes;
  await sql(coordinator.port, `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator.port})`);
  for (const w of workerNodes) await sql(coordinator.port, `SELECT citus_add_node('127.0.0.1', ${w.port})`);
  const url = `postgres://postgres@127.0.0.1:${coordinator.port}/${DB}`;
  writeFileSync(stateFile(dir), JSON.stringify({ dir, url, nodes }, null, 2));
  return { dir, url, nodes };
}

export function stopCluster(dir) {
  if (!existsSync(stateFile(dir))) return false;
  const { nodes } = JSON.parse(readFileSync(stateFile(dir), 'utf8'));
  for (const n of nodes) {
    try {
      pgRun('pg_ctl', ['-D', n.data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return true;
}

function readState(dir) {
  if (!existsSync(stateFile(dir))) throw new Error(`no cluster in ${dir} (start one: node tools/citus/cluster.mjs start)`);
  return JSON.parse(readFileSync(stateFile(dir), 'utf8'));
}

async function main() {
  const [cmd = 'help', ...rest] = process.argv.slice(2);
  const dir = process.env.CITUS_DIR || '/tmp/shiori-citus';
  switch (cmd) {
    case 'start': {
      if (existsSync(stateFile(dir))) throw new Error(`a cluster is already in ${dir} (stop it first)`);
      const c = await startCluster(dir);
      console.log(`Citus cluster in ${c.dir}: coordinator 127.0.0.1:${c.nodes[0].port}, workers ${c.nodes.slice(1).map((n) => n.port).join(', ')}`);
      console.log(`DATABASE_URL=${c.url}`);
      return 0;
    }
    case 'stop':
      console.log(stopCluster(dir) ? `stopped and removed ${dir}` : `no cluster in ${dir}`);
      return 0;
    case 'url':
      console.log(readState(dir).url);
      return 0;
    case 'status': {
      const s = readState(dir);
      console.table(await sql(s.nodes[0].port, `SELECT nodeid, nodename, nodeport, noderole, isactive, shouldhaveshards FROM pg_dist_node ORDER BY nodeid`));
      return 0;
    }
    case 'test': {
      // a fresh cluster of its own, so a run never depends on what an earlier one left
      const runDir = mkdtempSync(path.join(tmpdir(), 'shiori-citus-test-'));
      const started = Date.now();
      let status = 1;
      try {
        const c = await startCluster(runDir);
        console.log(`\n[citus] cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: coordinator ${c.nodes[0].port}, workers ${c.nodes.slice(1).map((n) => n.port).join(', ')}`);
        const args = rest.length ? rest : ['apps/api/test'];
        const r = spawnSync('npx', ['jest', '-c', 'apps/api/jest.citus.config.js', ...args], {
          cwd: repo,
          stdio: 'inherit',
          // the suites use this database as it is (apps/api/test/global-setup.mjs): no fresh plain database
          env: { ...process.env, DATABASE_URL: c.url, TEST_DATABASE_PREPARED: '1', TEST_EXPECT_CITUS: '1' },
        });
        status = r.status ?? 1;
      } finally {
        stopCluster(runDir);
        rmSync(runDir, { recursive: true, force: true });
      }
      console.log(`[citus] suites on the cluster ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      return status;
    }
    default:
      console.log('usage: node tools/citus/cluster.mjs test [jest args…] | start | stop | status | url');
      return cmd === 'help' ? 0 : 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[citus] ${e.message ?? e}`);
      process.exit(1);
    },
  );
}
