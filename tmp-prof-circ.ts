import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { Client } from 'pg';
import { quotedTenantSchema } from './libs/tenancy/src';
import { startEmbeddedPostgres } from './apps/api/src/engine/database/embedded-postgres';
import { loadConfig } from './apps/api/src/engine/config/config';
import { createApp } from './apps/api/src/engine/bootstrap';
import { StaffService } from './apps/api/src/modules/platform/staff.service';

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-prof-'));
  fs.chmodSync(tmp, 0o755);
  let pg = await startEmbeddedPostgres({ dataDir: tmp });
  { const c = new Client({ connectionString: pg.url }); await c.connect(); await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`); await c.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`); await c.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`); await c.end(); await pg.stop(); pg = await startEmbeddedPostgres({ dataDir: tmp }); const c2 = new Client({ connectionString: pg.url }); await c2.connect(); await c2.query('CREATE EXTENSION pg_stat_statements'); await c2.end(); }
  const config = loadConfig({ PLATFORM_ADMIN_PASSWORD: 'bench-admin-password', LOG_LEVEL: 'error', JOBS: '0', STATIC_DIR: '/nonexistent', DB_POOL_SIZE: '20' });
  const app = await createApp(config, pg.url);
  await app.get(StaffService).ensurePlatformAdmin();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as any).port}`;
  const post = async (p: string, body: unknown, token?: string) => {
    const r = await fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  const admin = (await post('/api/platform/login', { username: 'admin', password: 'bench-admin-password' })).body.token;
  const slug = 'prof';
  await post('/api/platform/tenants', { slug, name: 'prof', preset: 'katori' }, admin);
  await post(`/api/platform/tenants/${slug}/staff`, { username: 'lib', password: 'bench-librarian-1', role: 'librarian' }, admin);
  const staff = (await post(`/api/t/${slug}/staff/login`, { username: 'lib', password: 'bench-librarian-1' })).body.token;
  const db = new Client({ connectionString: pg.url }); await db.connect();
  const schema = quotedTenantSchema(slug);
  await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ('2000000','x','x')`);
  for (let c = 0; c < 100; c++) await db.query(`WITH r AS (INSERT INTO ${schema}.records (title) VALUES ($1) RETURNING id) INSERT INTO ${schema}.items (record_id, barcode, branch_code) SELECT id, $2, 'sawara' FROM r`, [`t${c}`, `B${c}`]);
  const loop = async (n: number) => { for (let i = 0; i < n; i++) { const b = `B${i % 100}`; const a = await post(`/api/t/${slug}/desk/checkouts`, { cardNumber: '2000000', itemBarcode: b }, staff); if (a.status !== 201) throw new Error(JSON.stringify(a.body)); await post(`/api/t/${slug}/desk/checkins`, { itemBarcode: b }, staff); } };
  if (process.env.ASYNC) { await db.query(`ALTER SYSTEM SET synchronous_commit = off`); await db.query(`SELECT pg_reload_conf()`); }
  if (process.env.LOGSTMT) { await db.query(`ALTER SYSTEM SET log_statement = 'all'`); await db.query(`SELECT pg_reload_conf()`); }
  await loop(200);
  await db.query('SELECT pg_stat_statements_reset()');
  const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
  const t0 = performance.now();
  await loop(500);
  const el = performance.now() - t0;
  const { profile } = await s.post('Profiler.stop');
  console.log(`1000 ops in ${el.toFixed(0)} ms => ${(el / 1000).toFixed(2)} ms/op sequential`);
  // self time by function+url
  const total: Record<string, number> = {};
  const byFile: Record<string, number> = {};
  const dt = profile.timeDeltas; const samples = profile.samples;
  const nodes = new Map(profile.nodes.map((n: any) => [n.id, n]));
  for (let i = 0; i < samples.length; i++) { const n: any = nodes.get(samples[i]); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*work\/main\//, '')}:${n.callFrame.lineNumber}`; total[k] = (total[k] ?? 0) + (dt[i] ?? 0); const f = n.callFrame.url.replace(/.*node_modules\/(@[^/]+\/[^/]+|[^/]+).*/, 'nm/$1').replace(/.*work\/main\//, ''); byFile[f] = (byFile[f] ?? 0) + (dt[i] ?? 0); }
  const top = Object.entries(total).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, v] of top) console.log((v / 1000).toFixed(0).padStart(6), 'ms', k);
  console.log('--- by file/package');
  for (const [k, v] of Object.entries(byFile).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(0).padStart(6), 'ms', k);
  const st = await db.query(`SELECT calls, round((total_exec_time/calls)::numeric,3) AS exec_ms, round((total_plan_time/calls)::numeric,3) AS plan_ms, round(((total_exec_time+total_plan_time))::numeric,0) AS total_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time+total_plan_time DESC LIMIT 30`);
  for (const r of st.rows) console.log(String(r.calls).padStart(6), String(r.exec_ms).padStart(8), String(r.plan_ms).padStart(8), String(r.total_ms).padStart(7), r.q);
  await db.end(); await app.close(); await pg.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
