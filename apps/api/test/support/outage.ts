import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Helpers of the database-outage suites: they run the API as its own process on a PostgreSQL
 * of their own (never the suites' shared server) and kill that server's postmaster.
 */

/** A fresh folder the `postgres` OS user can enter (as root the embedded server runs as that user). */
export function tempDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * A PostgreSQL server as a process of its own (support/postgres-process.ts) on `dataDir`;
 * `restart()` starts it again after a kill, on the same folder and port, and it recovers.
 */
export async function startPostgresProcess(dataDir: string): Promise<{ url: string; pgDir: string; restart: () => Promise<void>; stop: () => Promise<void> }> {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/test/support/postgres-process.ts', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await until('the PostgreSQL process to be ready', async () => {
    if (child.exitCode !== null) throw new Error(`the PostgreSQL process exited (${child.exitCode}) before it was ready:\n${out}`);
    return /^ready (\S+)$/m.exec(out)?.[1];
  });
  return {
    url,
    pgDir: path.join(dataDir, 'pg'),
    restart: async () => {
      const answers = () => (out.match(/^(restarted|restart failed.*)$/gm) ?? []).length;
      const before = answers();
      child.kill('SIGUSR2');
      await until('the PostgreSQL process to answer SIGUSR2', async () => answers() > before);
      const last = out.match(/^(restarted|restart failed.*)$/gm)!.pop()!;
      if (last !== 'restarted') throw new Error(last);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The postmaster of the server on `pgDir`: the first line of its postmaster.pid. */
export function postmasterPid(pgDir: string): number {
  return Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` still runs: it exists and is not a zombie (an ended backend waits there until whoever inherited it reaps it). */
function running(pid: number): boolean {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return raw.slice(raw.lastIndexOf(')') + 2, raw.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (from /proc). */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(raw.slice(raw.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * `kill -9` of the postmaster on `pgDir`, as an operator or the OOM killer would; resolves once
 * it and every process it had started are gone. Its backends end themselves when they notice
 * their postmaster's death; until then one of them can still answer (and commit) a statement
 * sent just after the kill, so the caller waits for them too: what it does next meets a
 * database that is away. The postmaster is stopped first (SIGSTOP), so that it starts no
 * backend between the listing of its children and the kill.
 */
export async function killPostmaster(pgDir: string): Promise<{ pid: number; at: number }> {
  const pid = postmasterPid(pgDir);
  process.kill(pid, 'SIGSTOP');
  const children = childPids(pid);
  const at = Date.now();
  process.kill(pid, 'SIGKILL');
  await until(`postmaster ${pid} and its ${children.length} processes to be gone`, async () => !alive(pid) && !children.some(running), 10_000, 10);
  return { pid, at };
}

/** Polls `fn` every `everyMs` until it returns something truthy; fails after `boundMs` (a generous bound, not a timing assertion). */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, boundMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + boundMs;
  while (true) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${boundMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Answer {
  what: string;
  started: number;
  ended: number;
  /** 0: no HTTP answer at all (connection refused or reset). */
  status: number;
  code?: string;
  retryAfter: string | null;
  contentType: string | null;
  body?: Record<string, unknown>;
  error?: string;
}

/** One request to the API process, answered or not. */
export async function ask(what: string, url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    return {
      what,
      started,
      ended: Date.now(),
      status: res.status,
      code: typeof body?.code === 'string' ? body.code : undefined,
      retryAfter: res.headers.get('retry-after'),
      contentType: res.headers.get('content-type'),
      body,
    };
  } catch (e) {
    return { what, started, ended: Date.now(), status: 0, retryAfter: null, contentType: null, error: String((e as Error)?.cause ?? e) };
  }
}

/** Whether an answer is the one a client must get while the database is away. */
export function isUnavailableAnswer(a: Answer): boolean {
  return (
    a.status === 503 &&
    a.code === 'DATABASE_UNAVAILABLE' &&
    /^\d+$/.test(a.retryAfter ?? '') &&
    /^application\/problem\+json/.test(a.contentType ?? '') &&
    typeof (a.body?.message as { ja?: unknown } | undefined)?.ja === 'string' &&
    typeof (a.body?.message as { en?: unknown } | undefined)?.en === 'string'
  );
}

/** The answers that are neither one of the `ok` statuses nor a well-formed 503 DATABASE_UNAVAILABLE. */
export function unexpectedAnswers(answers: Answer[], ok: number[]): Answer[] {
  return answers.filter((a) => !ok.includes(a.status) && !isUnavailableAnswer(a)).map(({ body: _body, ...a }) => a);
}

/** Over HTTP, as regional IT would: a city on the Katori preset (7-digit cards) and a signed-in librarian of it. */
export async function cityWithLibrarian(apiUrl: string, adminPassword: string, slugPrefix: string, name: string): Promise<{ slug: string; librarian: string }> {
  const admin = (await ask('admin login', `${apiUrl}/api/platform/login`, { method: 'POST', body: { username: 'admin', password: adminPassword } })).body!.token as string;
  const slug = `${slugPrefix}${Date.now().toString(36)}`;
  const created = await ask('tenant', `${apiUrl}/api/platform/tenants`, { method: 'POST', token: admin, body: { slug, name, preset: 'katori' } });
  if (created.status !== 201) throw new Error(`tenant: ${created.status} ${JSON.stringify(created.body)}`);
  const username = `${slugPrefix}-lib`;
  await ask('librarian', `${apiUrl}/api/platform/tenants/${slug}/staff`, { method: 'POST', token: admin, body: { username, password: 'outage-librarian-1', role: 'librarian' } });
  const login = await ask('librarian login', `${apiUrl}/api/t/${slug}/staff/login`, { method: 'POST', body: { username, password: 'outage-librarian-1' } });
  return { slug, librarian: login.body!.token as string };
}

/** A librarian's write that needs the database: registers a patron with the card number `card`. */
export function registerPatron(apiUrl: string, slug: string, librarian: string, card: string): Promise<Answer> {
  return ask('register patron', `${apiUrl}/api/t/${slug}/admin/patrons`, {
    method: 'POST',
    token: librarian,
    body: { cardNumber: card, name: '停電 太郎', nameKana: 'テイデン タロウ', birthDate: '1980-01-01' },
  });
}
