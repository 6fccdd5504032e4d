/**
 * The database and the loaded tenant of the catalogue benchmarks (search, interop): an
 * embedded PostgreSQL with bench settings kept in a data folder (or DATABASE_URL), and the
 * tenant `search-<N>` loaded once with N records (load.ts) and reused by later runs.
 */
import * as fs from 'node:fs';
import { Client } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { startEmbeddedPostgres } from '../../../apps/api/src/engine/database/embedded-postgres';
import { loadBenchCatalogue } from './load';

/** Server settings for the embedded PostgreSQL of the benchmark (a database server is tuned so in production too). */
const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  work_mem: '16MB',
  maintenance_work_mem: '1GB',
  jit: 'off',
  max_connections: '200',
};

export async function benchDatabase(dataDir: string, fresh: boolean): Promise<{ url: string; stop: () => Promise<void>; settings: string; pgDir?: string }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined, settings: 'DATABASE_URL (as configured)' };
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  let pg = await startEmbeddedPostgres({ dataDir: dataDir });
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  let changed = false;
  for (const [k, v] of Object.entries(PG_SETTINGS)) {
    const now = (await c.query(`SELECT current_setting($1) AS v`, [k])).rows[0].v;
    if (now !== v) {
      await c.query(`ALTER SYSTEM SET ${k} = '${v}'`);
      changed = true;
    }
  }
  await c.end();
  if (changed) {
    await pg.stop();
    pg = await startEmbeddedPostgres({ dataDir: dataDir });
  }
  return { url: pg.url, pgDir: pg.dataDir, stop: () => pg.stop(), settings: `embedded PostgreSQL 18 in ${dataDir}; ${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')}` };
}

/** An API answer as the benchmark reads it (a sign-in's token, a problem's code). */
type ApiBody = { token?: string; code?: string } & Record<string, unknown>;

async function json(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as ApiBody };
}

/** The tenant of the catalogue benchmarks for records records (reused when a previous run loaded it). */
export function benchSlug(records: number): string {
  return `search-${records}`;
}

/**
 * The bench tenant, loaded with records records (reused when a previous run loaded it);
 * `slug` names another one (the regional benchmark loads several cities).
 */
export async function prepareBenchTenant(
  dbUrl: string,
  apiUrl: string,
  records: number,
  password: string,
  slug = benchSlug(records),
): Promise<{ loadReport?: Awaited<ReturnType<typeof loadBenchCatalogue>> }> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const schema = quotedTenantSchema(slug);
    const loaded = await db
      .query(`SELECT value FROM ${schema}.settings WHERE key = 'bench-loaded'`)
      .then((r) => r.rows[0]?.value === records)
      .catch(() => false);
    if (loaded) {
      console.log(`Reusing tenant ${slug} (${records.toLocaleString()} records already loaded).`);
      return {};
    }
    // an interrupted earlier load: start over
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.query(`DELETE FROM platform.tenants WHERE slug = $1`, [slug]);
    const admin = await json(`${apiUrl}/api/platform/login`, 'POST', { username: 'admin', password: password });
    if (admin.status !== 200) throw new Error(`platform login: ${admin.status} ${JSON.stringify(admin.body)}`);
    const created = await json(`${apiUrl}/api/platform/tenants`, 'POST', { slug: slug, name: `検索ベンチ市 (${records})`, preset: 'katori' }, admin.body.token);
    if (created.status !== 201) throw new Error(`create tenant: ${created.status} ${JSON.stringify(created.body)}`);
    console.log(`Loading ${records.toLocaleString()} records into ${slug} …`);
    await db.query(`SET search_path TO ${schema}, platform`);
    const loadReport = await loadBenchCatalogue(db, records, (m) => console.log(m));
    await db.query(`INSERT INTO settings (key, value) VALUES ('bench-loaded', $1)`, [JSON.stringify(records)]);
    return { loadReport };
  } finally {
    await db.end();
  }
}

