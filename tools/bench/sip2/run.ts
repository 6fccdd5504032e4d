/**
 * Benchmark: self-check machines over SIP2 (issue #18 target: 50 concurrent SIP connections
 * doing checkout/checkin pairs, ≥ 200 operations/s, p95 ≤ 50 ms on this machine).
 *
 *   node -r ./tools/register.cjs tools/bench/sip2/run.ts [--connections 50] [--ops 6000] [--rates 200,250]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder. The API runs as its
 * own process with its SIP2 server on (as `npm start` runs it). One `katori` tenant, one
 * self-check machine registered through the admin API; patrons and copies are written straight
 * into the tenant schema (setup, not measured). Each of the N connections signs in as the
 * machine (one login each, not measured), then lends one of its copies to its patron (11) and
 * takes it back (09), again and again: every measured operation is one SIP2 message and its
 * answer, with error detection (AY/AZ) on, one tenant transaction on the server.
 *
 * 1. Paced: the N machines together send `rate` operations per second (each machine one
 *    every N/rate seconds, as self-check machines with patrons at them do). Latency counts
 *    from the moment a message was due, so a server that falls behind is not flattered.
 * 2. Flat out: the N machines send their next message as soon as the answer arrives (N in
 *    flight at all times): the most the server does, and what queueing costs at that point.
 */
import * as os from 'node:os';
import { Client } from 'pg';
import { quotedTenantSchema } from '../../../libs/tenancy/src';
import { freePort } from '../../../apps/api/src/engine/database/embedded-postgres';
import { SipTestClient } from '../../../apps/api/test/support/sip2-client';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, benchLibrary, poster } from '../lib/library';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { fmt, summarize } from '../lib/stats';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const CONNECTIONS = Number(arg('connections', '50'));
const OPS = Number(arg('ops', '6000'));
const RATES = arg('rates', '200,250').split(',').map(Number);
const PASSWORD = 'bench-admin-password';

interface Machine {
  client: SipTestClient;
  card: string;
  barcodes: string[];
  next: number;
}

async function main() {
  const database = await benchDatabase();
  const { url: dbUrl, embedded } = database;
  const sipPort = await freePort();
  const api = await startApiProcess({
    DATABASE_URL: dbUrl,
    PLATFORM_ADMIN_PASSWORD: PASSWORD,
    DB_POOL_SIZE: '20',
    SIP2_PORT: String(sipPort),
    SIP2_HOST: '127.0.0.1',
  });
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const machines: Machine[] = [];
  try {
    const { slug, staff } = await benchLibrary(api.url, PASSWORD, 'benchsip');
    const machine = await poster(api.url)(
      `/api/t/${slug}/admin/self-check-machines`,
      { login: 'bench-sc', name: 'ベンチ 自動貸出機', branchCode: 'sawara', permissions: { checkout: true, checkin: true, renew: true, patronInfo: true } },
      staff,
    );
    if (machine.status !== 201) throw new Error(`machine: ${JSON.stringify(machine.body)}`);
    const schema = quotedTenantSchema(slug);

    // --- setup: one patron per machine, plenty of copies with Japanese titles ------------------
    const copiesPerMachine = 100;
    for (let m = 0; m < CONNECTIONS; m++) {
      const card = String(3000000 + m);
      await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ($1, $2, 'ベンチ')`, [card, `自動貸出機${m}の利用者`]);
      const barcodes: string[] = [];
      for (let c = 0; c < copiesPerMachine; c++) barcodes.push(`S${m}-${c}`);
      await db.query(
        `WITH r AS (INSERT INTO ${schema}.records (title) SELECT 'ベンチ資料 ' || b FROM unnest($1::text[]) AS b RETURNING id, title)
         INSERT INTO ${schema}.items (record_id, barcode, branch_code)
         SELECT r.id, b, 'sawara' FROM r JOIN unnest($1::text[]) AS b ON r.title = 'ベンチ資料 ' || b`,
        [barcodes],
      );
      const client = await SipTestClient.connect(sipPort);
      const login = await client.login('bench-sc', machine.body.password, slug);
      if (login.fixed !== '1') throw new Error(`login ${m}: ${login.raw}`);
      machines.push({ client, card, barcodes, next: 0 });
    }

    let errors = 0;
    /** One checkout or checkin (alternately) of a machine; returns its latency from `due` (ms). */
    const step = async (m: Machine, op: number, due: number): Promise<number> => {
      const barcode = m.barcodes[Math.floor(m.next / 2) % m.barcodes.length];
      const answer = op % 2 === 0 ? await m.client.checkout(m.card, barcode) : await m.client.checkin(barcode);
      if (answer.fixed[0] !== '1') errors++;
      m.next++;
      return performance.now() - due;
    };
    // every machine ends a part with its copy back on the shelf
    const settle = async () => Promise.all(machines.map(async (m) => m.next % 2 === 1 && (await step(m, 1, performance.now()))));

    const measure = async (label: string, run: () => Promise<{ latencies: number[]; seconds: number }>) => {
      await settle();
      errors = 0;
      const pg = postmasterPid(embedded?.dataDir);
      const cpu0 = { api: cpuSeconds(api.pid), pg: pg ? cpuSeconds(pg) : NaN };
      const load0 = os.loadavg()[0];
      const { latencies, seconds } = await run();
      const cpu1 = { api: cpuSeconds(api.pid), pg: pg ? cpuSeconds(pg) : NaN };
      const s = summarize(latencies);
      const perOp = { api: ((cpu1.api - cpu0.api) * 1000) / s.n, pg: ((cpu1.pg - cpu0.pg) * 1000) / s.n };
      return [
        `   ${label}: ${(s.n / seconds).toFixed(0)} ops/s   p50 ${fmt(s.p50)}   p95 ${fmt(s.p95)}   p99 ${fmt(s.p99)}   max ${fmt(s.max)}   errors ${errors}`,
        `      (${s.n} operations in ${seconds.toFixed(1)} s; CPU per op: API ${perOp.api.toFixed(2)} ms + PostgreSQL ${Number.isNaN(perOp.pg) ? 'n/a' : `${perOp.pg.toFixed(2)} ms`}; load average ${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)})`,
      ];
    };

    const paced = (rate: number, total: number) => async () => {
      const perMachine = Math.ceil(total / machines.length / 2) * 2;
      const interval = (machines.length / rate) * 1000;
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        machines.map(async (m, k) => {
          const offset = (k / machines.length) * interval;
          for (let i = 0; i < perMachine; i++) {
            const due = started + offset + i * interval;
            const wait = due - performance.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            latencies.push(await step(m, i, due));
          }
        }),
      );
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };
    const flatOut = (total: number) => async () => {
      const perMachine = Math.ceil(total / machines.length / 2) * 2;
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        machines.map(async (m) => {
          for (let i = 0; i < perMachine; i++) latencies.push(await step(m, i, performance.now()));
        }),
      );
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };

    await flatOut(Math.min(1000, OPS))(); // warm-up: JIT, pool, prepared statements on every connection
    const lines = [
      `SIP2 self-check benchmark (${os.cpus().length} cores, ${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}, API + SIP2 server in its own process), ${new Date().toISOString()}`,
      `${CONNECTIONS} SIP2 connections, each lending a copy to its patron (11) and taking it back (09), AY/AZ on   (target: ≥ 200 ops/s, p95 ≤ 50 ms)`,
    ];
    for (const rate of RATES) lines.push(...(await measure(`paced at ${rate} ops/s`, paced(rate, OPS))));
    lines.push(...(await measure('flat out (50 in flight)', flatOut(OPS))));
    await settle();
    const [{ open }] = (await db.query(`SELECT count(*)::int AS open FROM ${schema}.loans WHERE returned_at IS NULL`)).rows;
    lines.push(`   loans left open: ${open} (must be 0)   loans made: ${(await db.query(`SELECT count(*)::int AS n FROM ${schema}.loans`)).rows[0].n}`);
    console.log(lines.join('\n'));
  } finally {
    for (const m of machines) m.client.close();
    await db.end();
    await api.stop();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
