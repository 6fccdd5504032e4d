/**
 * What one `/info` probe costs PostgreSQL, statement by statement (issue #25, 500 tenants):
 *   node -r ./tools/register.cjs tools/bench/tenants/probe-cost.ts [--tenants 100] [--runs 10000]
 * Makes `--tenants` cities (presets in turn) on a fresh embedded PostgreSQL through this
 * checkout's API, then, on one connection, runs each statement `--runs` times over the cities
 * in turn, and prints the backend's CPU per statement (from /proc) for: the fingerprint
 * statement /info used before migration 0029 (json_agg over branches and pickup points, md5),
 * unprepared (what a connection that has not prepared a city's statement pays) and prepared
 * (named, one per city), and the `info_version` probe unprepared and prepared.
 */
import { Client } from 'pg';
import * as os from 'node:os';
import { quotedTenantSchema } from '@shiori/tenancy';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { cpuSeconds } from '../lib/proc';
import { BRANCH_COLUMNS, PICKUP_COLUMNS } from '../../../apps/api/src/modules/places/places.service';

const TENANTS = arg('tenants', 100);
const RUNS = arg('runs', 10000);
const PRESETS = ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga'];
const PASSWORD = 'bench-admin-password';

/** The fingerprint statement of InfoService before migration 0029 (main at 9756f5d). */
function fingerprint(schema: string): string {
  const info = `SELECT (SELECT max(version) FROM ${schema}.policy_versions) AS version,
    (SELECT coalesce(json_agg(b ORDER BY b.sort, b.code), '[]')::text FROM (SELECT ${BRANCH_COLUMNS} FROM ${schema}.branches WHERE active) b) AS branches,
    (SELECT coalesce(json_agg(p ORDER BY p."branchCode", p.sort, p.code), '[]')::text FROM (SELECT ${PICKUP_COLUMNS} FROM ${schema}.pickup_points WHERE active) p) AS "pickupPoints",
    (SELECT value::text FROM ${schema}.settings WHERE key = 'city') AS city,
    EXISTS (SELECT 1 FROM ${schema}.branches WHERE active AND is_bookmobile) AS "hasBookmobile"`;
  const hash = `md5(concat_ws(chr(31), coalesce(i.version::text, '-'), i.branches, i."pickupPoints", coalesce(i.city, '-'))) AS hash`;
  return `SELECT i."hasBookmobile", ${hash} FROM (${info}) i`;
}

const probe = (schema: string) => `SELECT version::text AS version FROM ${schema}.info_version`;

async function main() {
  const db = await benchDatabase();
  const api = await startApiProcess({ DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD });
  const client = new Client({ connectionString: db.url });
  try {
    const { token } = (await (await fetch(`${api.url}/api/platform/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()) as { token: string };
    const schemas: string[] = [];
    for (let i = 0; i < TENANTS; i++) {
      const slug = `p${i.toString().padStart(4, '0')}`;
      const r = await fetch(`${api.url}/api/platform/tenants`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ slug, name: `プローブ市 ${i}`, preset: PRESETS[i % PRESETS.length] }) });
      if (r.status !== 201) throw new Error(`create ${slug}: ${r.status} ${await r.text()}`);
      schemas.push(quotedTenantSchema(slug));
    }
    await client.connect();
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
    const run = async (label: string, text: (schema: string) => string, prepared: boolean, cities = schemas) => {
      // one pass over the cities first: catalog caches warm, named statements prepared
      for (let i = 0; i < cities.length; i++) await client.query(prepared ? { name: `${label}-${cities.length}-${i}`, text: text(cities[i]) } : text(cities[i]));
      const cpu0 = cpuSeconds(pid);
      const t0 = performance.now();
      for (let i = 0; i < RUNS; i++) {
        const k = i % cities.length;
        await client.query(prepared ? { name: `${label}-${cities.length}-${k}`, text: text(cities[k]) } : text(cities[k]));
      }
      const ms = performance.now() - t0;
      return `${label.padEnd(12)}${prepared ? 'prepared  ' : 'unprepared'}  ${String(cities.length).padStart(4)} ${cities.length === 1 ? 'city  ' : 'cities'}  backend CPU ${(((cpuSeconds(pid) - cpu0) / RUNS) * 1e6).toFixed(0).padStart(5)} µs/statement   round trip ${((ms / RUNS) * 1000).toFixed(0).padStart(5)} µs`;
    };
    const lines = [`Probe cost (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}), ${TENANTS} cities, ${RUNS} runs each, ${new Date().toISOString()}`];
    lines.push(await run('fingerprint', fingerprint, false));
    lines.push(await run('fingerprint', fingerprint, true));
    lines.push(await run('version', probe, false));
    lines.push(await run('version', probe, true));
    // the same statements over one city: what the one-city instance of tenants/run.ts pays
    lines.push(await run('version', probe, false, schemas.slice(0, 1)));
    lines.push(await run('version', probe, true, schemas.slice(0, 1)));
    console.log(lines.join('\n'));
  } finally {
    await client.end().catch(() => undefined);
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
