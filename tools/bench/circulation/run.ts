/**
 * Benchmark: the circulation desk through the HTTP API (DESIGN.md targets: ≥ 200 check-out /
 * check-in operations per second; no copy ever allocated to two holds under concurrent
 * check-ins).
 *
 *   node -r ./tools/register.cjs tools/bench/circulation/run.ts [--ops 6000] [--concurrency 4,8] [--rounds 5] [--json out.json] [--pg-data dir,…]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder. The API runs as
 * its own process (as `npm start` runs it). Patrons, records, copies and the waiting holds
 * of part 2 are written straight into the tenant schema (setup, not measured); every measured
 * operation is an HTTP request to the desk API.
 *
 * 1. Throughput: `concurrency` desk terminals, each lending and returning its own copies
 *    (check-out, then check-in of the same copy), `ops` operations in all, per level.
 *    Little's law ties the two targets: at 200 ops/s a p95 of 30 ms leaves room for about
 *    four requests in flight, so the sweep shows where both hold.
 * 2. Allocation: `rounds` times, 5 titles × 10 copies on loan, 40 patrons holding 2–3 of the
 *    titles each (overlapping queues), then all 50 copies checked in at once at two branches.
 *    Counts copies allocated to more than one hold and holds with more than one copy.
 * `--json <file>` also writes the figures as JSON (tools/bench/citus compares two databases).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Client } from 'pg';
import { quotedTenantSchema } from '../../../libs/tenancy/src';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { benchLibrary, poster } from '../lib/library';
import { cpuSeconds, postmasterPid } from '../lib/proc';
import { fmt, load, summarize } from '../lib/stats';
const OPS = arg('ops', 6000);
/** Desk terminals working at once; a list (`--concurrency 2,4,8`) runs part 1 once per value. */
const CONCURRENCY_LEVELS = (() => {
  const i = process.argv.indexOf('--concurrency');
  return (i > 0 ? process.argv[i + 1] : '4,8').split(',').map(Number);
})();
const CONCURRENCY = Math.max(...CONCURRENCY_LEVELS);
const ROUNDS = arg('rounds', 5);
const PASSWORD = 'bench-admin-password';
const SLUG = 'benchcirc';

async function main() {
  const database = await benchDatabase();
  const { url: dbUrl, embedded } = database;
  const api = await startApiProcess({ DATABASE_URL: dbUrl, PLATFORM_ADMIN_PASSWORD: PASSWORD, DB_POOL_SIZE: '20', RATE_LIMIT_PER_MINUTE: '1000000' });
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const post = poster(api.url);
    const { slug, staff } = await benchLibrary(api.url, PASSWORD, SLUG);
    const schema = quotedTenantSchema(slug);
    const desk = (op: 'checkouts' | 'checkins', body: object) => post(`/api/t/${slug}/desk/${op}`, body, staff);

    // --- setup: one patron per terminal, plenty of copies (one title each) ------------------
    const copiesPerTerminal = 200;
    const terminals: { card: string; barcodes: string[] }[] = [];
    for (let w = 0; w < CONCURRENCY; w++) {
      const card = String(2000000 + w);
      await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ($1, $2, 'ベンチ')`, [card, `端末${w}の利用者`]);
      const barcodes: string[] = [];
      for (let c = 0; c < copiesPerTerminal; c++) {
        const barcode = `T${w}-${c}`;
        await db.query(
          `WITH r AS (INSERT INTO ${schema}.records (title) VALUES ($1) RETURNING id)
           INSERT INTO ${schema}.items (record_id, barcode, branch_code) SELECT id, $2, 'sawara' FROM r`,
          [`ベンチ資料 ${w}-${c}`, barcode],
        );
        barcodes.push(barcode);
      }
      terminals.push({ card, barcodes });
    }

    // --- 1. throughput -------------------------------------------------------------------
    let errors = 0;
    const run = async (total: number, level: number, checkout?: number[], checkin?: number[]) => {
      const active = terminals.slice(0, level);
      const perTerminal = Math.ceil(total / level / 2);
      const started = performance.now();
      await Promise.all(
        active.map(async (term) => {
          for (let i = 0; i < perTerminal; i++) {
            const barcode = term.barcodes[i % term.barcodes.length];
            let t0 = performance.now();
            const out = await desk('checkouts', { cardNumber: term.card, itemBarcode: barcode });
            checkout?.push(performance.now() - t0);
            if (out.status !== 201) errors++;
            t0 = performance.now();
            const back = await desk('checkins', { itemBarcode: barcode, branchCode: 'sawara' });
            checkin?.push(performance.now() - t0);
            if (back.status !== 200) errors++;
          }
        }),
      );
      return { seconds: (performance.now() - started) / 1000, ops: perTerminal * 2 * level };
    };
    await run(Math.min(800, OPS), CONCURRENCY); // warm-up: JIT, pool, plan caches
    errors = 0;
    // the database servers whose CPU is counted: the embedded one, or those named by --pg-data
    // (data folders, comma-separated: the nodes of a Citus cluster, tools/bench/citus)
    const pgDirs = process.argv.includes('--pg-data') ? process.argv[process.argv.indexOf('--pg-data') + 1].split(',') : [embedded?.dataDir];
    const pgPids = pgDirs.map(postmasterPid).filter((p): p is number => p !== undefined);
    const pgCpu = () => (pgPids.length ? pgPids.reduce((s, p) => s + cpuSeconds(p), 0) : NaN);
    const cores = os.cpus().length;
    const part1: string[] = [];
    const levels: {
      terminals: number;
      opsPerSecond: number;
      p50: number;
      p95: number;
      p99: number;
      checkoutP50: number;
      checkinP50: number;
      errors: number;
      cpuMsPerOp: { api: number; db: number };
    }[] = [];
    for (const level of CONCURRENCY_LEVELS) {
      const checkout: number[] = [];
      const checkin: number[] = [];
      errors = 0;
      const cpu0 = { api: cpuSeconds(api.pid), pg: pgCpu() };
      const load0 = os.loadavg()[0];
      const measured = await run(OPS, level, checkout, checkin);
      const cpu1 = { api: cpuSeconds(api.pid), pg: pgCpu() };
      const cpuPerOp = { api: ((cpu1.api - cpu0.api) * 1000) / measured.ops, pg: ((cpu1.pg - cpu0.pg) * 1000) / measured.ops };
      const capacity = (cores * 1000) / (cpuPerOp.api + (Number.isNaN(cpuPerOp.pg) ? 0 : cpuPerOp.pg));
      const all = summarize([...checkout, ...checkin]);
      const co = summarize(checkout);
      const ci = summarize(checkin);
      levels.push({
        terminals: level,
        opsPerSecond: measured.ops / measured.seconds,
        p50: all.p50,
        p95: all.p95,
        p99: all.p99,
        checkoutP50: co.p50,
        checkinP50: ci.p50,
        errors,
        cpuMsPerOp: { api: cpuPerOp.api, db: cpuPerOp.pg },
      });
      part1.push(
        `   ${String(level).padStart(2)} terminals: ${(measured.ops / measured.seconds).toFixed(0)} ops/s   p50 ${fmt(all.p50)}   p95 ${fmt(all.p95)}   p99 ${fmt(all.p99)}   errors ${errors}`,
        `                (check-out p95 ${fmt(co.p95)}, check-in p95 ${fmt(ci.p95)}; CPU per op: API ${cpuPerOp.api.toFixed(2)} ms + PostgreSQL ${Number.isNaN(cpuPerOp.pg) ? 'n/a' : cpuPerOp.pg.toFixed(2) + ' ms'}` +
          ` → ~${capacity.toFixed(0)} ops/s if the ${cores} cores were ours alone; load average ${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)})`,
      );
    }

    // --- 2. allocation under concurrent check-ins ----------------------------------------
    const [{ version }] = (await db.query(`SELECT max(version) AS version FROM ${schema}.policy_versions`)).rows;
    let doubleCopies = 0;
    let doubleHolds = 0;
    let trappedTotal = 0;
    let conflicts = 0;
    const burst: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const titles: { id: string; barcodes: string[] }[] = [];
      for (let ti = 0; ti < 5; ti++) {
        const { rows } = await db.query(`INSERT INTO ${schema}.records (title) VALUES ($1) RETURNING id`, [`人気の本 ${round}-${ti}`]);
        const barcodes: string[] = [];
        const card = `3${String(round).padStart(2, '0')}${ti}000`;
        await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ($1, '借りている人', 'カリテ')`, [card]);
        for (let c = 0; c < 10; c++) {
          const barcode = `H${round}-${ti}-${c}`;
          await db.query(`INSERT INTO ${schema}.items (record_id, barcode, branch_code) VALUES ($1, $2, 'sawara')`, [rows[0].id, barcode]);
          const out = await desk('checkouts', { cardNumber: card, itemBarcode: barcode });
          if (out.status !== 201) throw new Error(`setup checkout: ${JSON.stringify(out.body)}`);
          barcodes.push(barcode);
        }
        titles.push({ id: rows[0].id, barcodes });
      }
      for (let p = 0; p < 40; p++) {
        const { rows } = await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ($1, $2, 'マツヒト') RETURNING id`, [
          `4${String(round).padStart(2, '0')}${String(p).padStart(4, '0')}`,
          `待つ人 ${p}`,
        ]);
        for (const ti of new Set([p % 5, (p + 1) % 5, (p * 3) % 5])) {
          await db.query(
            `INSERT INTO ${schema}.holds (patron_id, record_id, pickup_point_code, contact, policy_version) VALUES ($1, $2, $3, 'none', $4)`,
            [rows[0].id, titles[ti].id, p % 2 ? 'omigawa-counter' : 'sawara-counter', version],
          );
        }
      }
      const barcodes = titles.flatMap((t) => t.barcodes);
      const results = await Promise.all(
        barcodes.map(async (b, i) => {
          const t0 = performance.now();
          const r = await desk('checkins', { itemBarcode: b, branchCode: i % 2 ? 'omigawa' : 'sawara' });
          burst.push(performance.now() - t0);
          return r;
        }),
      );
      conflicts += results.filter((r) => r.status === 409).length;
      trappedTotal += results.filter((r) => r.body?.trappedHold).length;
      const ids = titles.map((t) => t.id);
      doubleCopies += (
        await db.query(
          `SELECT item_id FROM ${schema}.holds WHERE record_id = ANY($1::uuid[]) AND item_id IS NOT NULL AND status IN ('in-transit','ready')
            GROUP BY item_id HAVING count(*) > 1`,
          [ids],
        )
      ).rowCount!;
      // a hold holds one item_id by construction; count patrons × titles served twice as well
      doubleHolds += (
        await db.query(
          `SELECT patron_id, record_id FROM ${schema}.holds WHERE record_id = ANY($1::uuid[]) AND status IN ('in-transit','ready')
            GROUP BY patron_id, record_id HAVING count(*) > 1`,
          [ids],
        )
      ).rowCount!;
    }
    const b = summarize(burst);

    const lines = [
      `Circulation benchmark (${os.cpus().length} cores, ${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}, API in its own process), ${new Date().toISOString()}`,
      `1. check-out + check-in through HTTP (each terminal lends a copy and takes it back), ~${OPS} operations per level   (target: ≥ 200 ops/s, p95 ≤ 30 ms):`,
      ...part1,
      `2. ${ROUNDS} rounds × 50 concurrent check-ins (5 titles × 10 copies, 40 patrons with overlapping holds, 2 branches):`,
      `   copies trapped ${trappedTotal}/${ROUNDS * 50}   409 conflicts ${conflicts}   check-in p50 ${fmt(b.p50)} p95 ${fmt(b.p95)} max ${fmt(b.max)}`,
      `   copies allocated to two holds: ${doubleCopies}   patrons served twice for one title: ${doubleHolds}   (must be 0)`,
    ];
    console.log(lines.join('\n'));
    const jsonOut = process.argv.indexOf('--json');
    if (jsonOut > 0) {
      fs.writeFileSync(
        process.argv[jsonOut + 1],
        JSON.stringify({ levels, burst: { rounds: ROUNDS, trapped: trappedTotal, conflicts, p50: b.p50, p95: b.p95, max: b.max, doubleCopies, doubleHolds } }, null, 2),
      );
    }
    if (doubleCopies || doubleHolds) process.exitCode = 1;
  } finally {
    await db.end();
    await api.stop();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
