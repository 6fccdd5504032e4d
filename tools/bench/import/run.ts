/**
 * Benchmark: catalogue import through the API (DESIGN.md: ≥ 3,000 MARC records/s through the
 * import API, the desk responsive meanwhile: check-out p95 within 1.5× of idle).
 *
 *   node -r ./tools/register.cjs tools/bench/import/run.ts [--records 50000] [--files 1] [--terminals 2] [--desk-pace 5] [--idle-seconds 15] [--reimport 1] [--baseline /path/to/other/checkout]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder; the API runs as its
 * own process. The file: `records` MARC 21 (ISO 2709, UTF-8) records made from the real records
 * of apps/api/test/fixtures/marc (pymarc, ruby-marc, Open Library), each given its own control
 * number (001) and a valid ISBN-13 of its own (020), so every one is a new title; written by
 * a small ISO 2709 writer here and read back by the product's own reader (records over 1.5 KB are
 * left out, so that 50,000 records fit the 64 MB upload limit).
 *
 * 1. Idle desk: `terminals` desk terminals check out and check in copies for `idle-seconds`
 *    (p50/p95 of check-out), each starting `desk-pace` check-outs a second (0: as fast as it can).
 * 2. Import: the file is uploaded (`POST /api/t/{slug}/admin/imports`) while the same desk
 *    terminals keep working; records/s = records / (finished_at − started_at of the import
 *    row), and the desk's check-out p50/p95 during the import (and the ratio to idle).
 * 3. `--files N` imports N − 1 more files of new records into the same city, one after the other
 *    (each with the desk running), and prints the whole catalogue's records/s at the end.
 * 4. `--reimport 1` uploads the first file again: every record matches by ISBN and updates.
 * `--baseline <dir>` runs the same on another checkout's API (e.g. `git archive` of main with
 * node_modules hard-linked) against a second tenant of the same database, after this one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { quotedTenantSchema } from '../../../libs/tenancy/src';
import { readIso2709All } from '../../../apps/api/src/modules/catalog/import/iso2709';
import { isControlField, MarcRecord } from '../../../apps/api/src/modules/catalog/import/marc-record';
import { ApiProcess, startApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { benchLibrary, poster } from '../lib/library';
import { cpuSeconds, postmasterPid, waitForQuietDatabase } from '../lib/proc';
import { summarize } from '../lib/stats';

const RECORDS = arg('records', 50_000);
const TERMINALS = arg('terminals', 2);
const IDLE_SECONDS = arg('idle-seconds', 15);
/**
 * Check-outs a second per terminal (each followed by its check-in): a desk is a librarian
 * scanning books, so each terminal starts one at a fixed pace and the latency is counted from
 * the time it was due (a late start counts too). 0: each terminal as fast as it can, one after
 * the other (closed loop: the desk itself then takes a core, and its "idle" is saturation).
 */
const DESK_PACE = arg('desk-pace', 5);
const REIMPORT = arg('reimport', 0) > 0;
/**
 * Files of `records` new records each, imported one after the other into the same city (the
 * upload limit is 64 MB, about 68,000 records: a city's catalogue of a million arrives as files,
 * as a weekly MARC update does): `--files 20` fills a catalogue of 1,000,000.
 */
const FILES = arg('files', 1);
const PASSWORD = 'bench-admin-password';
const BASELINE = (() => {
  const i = process.argv.indexOf('--baseline');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const FIXTURES = path.join(__dirname, '../../../apps/api/test/fixtures/marc');

/** The good records of the MARC fixtures: the templates of the generated file. */
function templates(): MarcRecord[] {
  const files = ['pymarc/marc.dat', 'pymarc/regression45.dat', 'pymarc/test.dat', 'pymarc/utf8_with_leader_flag.dat', 'ruby-marc/utf8.marc', 'openlibrary/880_Nihon_no_chasho.mrc', 'openlibrary/880_alternate_script.mrc', 'openlibrary/ocm00400866.mrc', 'openlibrary/880_table_of_contents.mrc'];
  // records of a usual size (≤ 1.5 KB; a few fixtures carry long tables of contents): 50,000 of them stay under the 64 MB upload limit
  return files.flatMap((f) => readIso2709All(fs.readFileSync(path.join(FIXTURES, f))).flatMap((r) => (r.record && iso2709(r.record).length <= 1500 ? [r.record] : [])));
}

/** A valid ISBN-13 (979 prefix) for the n-th generated record. */
function isbn13(n: number): string {
  const body = `979${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

/** ISO 2709 in UTF-8 (leader 09 = 'a'). */
function iso2709(rec: MarcRecord): Buffer {
  const FT = 0x1e, SF = 0x1f, RT = 0x1d;
  const dir: string[] = [];
  const data: Buffer[] = [];
  let at = 0;
  for (const f of rec.fields) {
    const body = isControlField(f)
      ? Buffer.concat([Buffer.from(f.value, 'utf8'), Buffer.from([FT])])
      : Buffer.concat([Buffer.from(`${f.ind1 || ' '}${f.ind2 || ' '}`, 'utf8'), ...f.subfields.flatMap((s) => [Buffer.from([SF]), Buffer.from(`${s.code}${s.value}`, 'utf8')]), Buffer.from([FT])]);
    dir.push(`${f.tag}${String(body.length).padStart(4, '0')}${String(at).padStart(5, '0')}`);
    data.push(body);
    at += body.length;
  }
  const directory = Buffer.from(dir.join('') + String.fromCharCode(FT), 'latin1');
  const base = 24 + directory.length;
  const length = base + at + 1;
  const l = rec.leader.padEnd(24, ' ').split('');
  l.splice(0, 5, ...String(length).padStart(5, '0'));
  l[9] = 'a';
  l.splice(10, 2, '2', '2');
  l.splice(12, 5, ...String(base).padStart(5, '0'));
  l.splice(20, 4, '4', '5', '0', '0');
  return Buffer.concat([Buffer.from(l.join(''), 'latin1'), directory, ...data, Buffer.from([RT])]);
}

function marcFile(count: number, seed: number): Buffer {
  const ts = templates();
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const t = ts[i % ts.length];
    const fields = t.fields.filter((f) => f.tag !== '001' && f.tag !== '020');
    out.push(
      iso2709({
        leader: t.leader,
        warnings: [],
        fields: [
          { tag: '001', value: `BENCH${seed}-${i}` },
          ...fields.filter((f) => f.tag < '020'),
          { tag: '020', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: isbn13(seed * 1_000_000 + i) }] },
          ...fields.filter((f) => f.tag > '020'),
        ],
      }),
    );
  }
  return Buffer.concat(out);
}

interface Report {
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: unknown[];
  startedAt: string;
  finishedAt: string;
  error: string | null;
}

async function runOn(name: string, api: ApiProcess, dbUrl: string, pgPid: number | undefined, file: Buffer, lines: string[]) {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const post = poster(api.url);
    const { slug, staff } = await benchLibrary(api.url, PASSWORD, 'imp');
    const schema = quotedTenantSchema(slug);
    const terminals: { card: string; barcodes: string[] }[] = [];
    for (let w = 0; w < TERMINALS; w++) {
      const card = String(3000000 + w);
      await db.query(`INSERT INTO ${schema}.patrons (card_number, name, name_kana) VALUES ($1, $2, 'ベンチ')`, [card, `端末${w}の利用者`]);
      const barcodes: string[] = [];
      for (let c = 0; c < 50; c++) {
        const barcode = `D${w}-${c}`;
        await db.query(
          `WITH r AS (INSERT INTO ${schema}.records (title) VALUES ($1) RETURNING id)
           INSERT INTO ${schema}.items (record_id, barcode, branch_code) SELECT id, $2, 'sawara' FROM r`,
          [`デスク資料 ${w}-${c}`, barcode],
        );
        barcodes.push(barcode);
      }
      terminals.push({ card, barcodes });
    }
    let errors = 0;
    /** Desk terminals lending and returning until `until()` says stop; check-out latencies. */
    const desk = async (until: () => boolean) => {
      const checkout: number[] = [];
      await Promise.all(
        terminals.map(async (term) => {
          const start = performance.now() + Math.random() * (DESK_PACE ? 1000 / DESK_PACE : 0);
          for (let i = 0; !until(); i++) {
            const barcode = term.barcodes[i % term.barcodes.length];
            const due = DESK_PACE ? start + (i * 1000) / DESK_PACE : performance.now();
            if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
            if (until()) break;
            // a kept-alive connection the server closed at the same moment resets: counted as an error, not fatal
            try {
              const t0 = due;
              const out = await post(`/api/t/${slug}/desk/checkouts`, { cardNumber: term.card, itemBarcode: barcode }, staff);
              checkout.push(performance.now() - t0);
              if (out.status !== 201) errors++;
              const back = await post(`/api/t/${slug}/desk/checkins`, { itemBarcode: barcode, branchCode: 'sawara' }, staff);
              if (back.status !== 200) errors++;
            } catch {
              errors++;
            }
          }
        }),
      );
      return checkout;
    };
    await desk(((end) => () => Date.now() > end)(Date.now() + 3000)); // warm-up
    // autovacuum analyses the new city's tables for a while after it is made: the idle desk is measured once that is over
    const quiet = await waitForQuietDatabase(pgPid);
    const idleEnd = Date.now() + IDLE_SECONDS * 1000;
    const idleApi0 = cpuSeconds(api.pid);
    const idleAll0 = idleApi0 + (pgPid ? cpuSeconds(pgPid) : 0);
    const idle = summarize(await desk(() => Date.now() > idleEnd));
    // the desk's CPU per check-out (with its check-in), measured while idle: taken out of the import's CPU per record below
    const deskApi = (cpuSeconds(api.pid) - idleApi0) / Math.max(1, idle.n);
    const deskAll = (cpuSeconds(api.pid) + (pgPid ? cpuSeconds(pgPid) : 0) - idleAll0) / Math.max(1, idle.n);

    let importedRecords = 0;
    let importSeconds = 0;
    const importOnce = async (label: string, file: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([file]), 'bench.mrc');
      const api0 = cpuSeconds(api.pid);
      const pg0 = pgPid ? cpuSeconds(pgPid) : 0;
      const t0 = performance.now();
      const res = await fetch(`${api.url}/api/t/${slug}/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${staff}` }, body: form });
      if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      let report: Report | undefined;
      const poll = (async () => {
        for (;;) {
          const r = (await fetch(`${api.url}/api/t/${slug}/admin/imports/${id}`, { headers: { authorization: `Bearer ${staff}` } })
            .then((x) => x.json())
            .catch(() => ({ status: 'running' }))) as Report;
          if (r.status !== 'running') return (report = r);
          await new Promise((x) => setTimeout(x, 250));
        }
      })();
      const during = summarize(await desk(() => report !== undefined));
      await poll;
      const wall = (performance.now() - t0) / 1000;
      const apiCpu = cpuSeconds(api.pid) - api0;
      // the API's CPU during the import plus PostgreSQL's. (It used to take the API's CPU
      // before the import off twice, in apiCpu and again with the start's total: API+PG came
      // out low by that CPU per record, and n/a whenever the API process had used more before
      // the import (start-up, the desk while idle, a first import) than PostgreSQL used during it.)
      const cpu = apiCpu + (pgPid ? cpuSeconds(pgPid) - pg0 : 0);
      const r = report!;
      const secs = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
      importedRecords += r.processed;
      importSeconds += secs;
      const netApi = ((apiCpu - during.n * deskApi) / r.processed) * 1000;
      const netAll = cpu >= apiCpu && deskAll >= deskApi ? `${(((cpu - during.n * deskAll) / r.processed) * 1000).toFixed(2)} ms` : 'n/a';
      lines.push(
        `${name}, ${label}: ${r.status} ${r.processed}/${r.total} (created ${r.created}, updated ${r.updated}, rejected ${r.rejected.length})${r.error ? ` error ${r.error}` : ''}`,
        `  ${(r.processed / secs).toFixed(0)} records/s (${secs.toFixed(1)} s from the import row's start to its finish; upload to done ${wall.toFixed(1)} s); CPU per record: API ${((apiCpu / r.processed) * 1000).toFixed(2)} ms, API+PG ${cpu >= apiCpu ? `${((cpu / r.processed) * 1000).toFixed(2)} ms` : 'n/a (PostgreSQL read lower at the end than at the start)'} (the desk's share included); without the desk's share (${during.n} check-outs × its idle CPU per check-out and check-in, API ${(deskApi * 1000).toFixed(2)} ms): API ${netApi.toFixed(2)} ms, API+PG ${netAll}`,
        ...api.output().split('\n').filter((l) => l.includes(`import ${id} phases: `)).map((l) => `  time per phase (IMPORT_PHASES=1): ${l.slice(l.indexOf('phases: ') + 8).replace(/\x1b\[[0-9;]*m/g, '')}`),
        `  desk check-out (${TERMINALS} terminals, ${DESK_PACE ? `${DESK_PACE} a second each` : 'as fast as they can'}): idle p50 ${idle.p50.toFixed(1)} ms p95 ${idle.p95.toFixed(1)} ms (${idle.n}${Number.isNaN(quiet) ? '' : `, PostgreSQL at ${quiet.toFixed(0)} ms of CPU a second before it`}); during the import p50 ${during.p50.toFixed(1)} ms p95 ${during.p95.toFixed(1)} ms (${during.n}); p95 ratio ${(during.p95 / idle.p95).toFixed(2)}× (target ≤ 1.5×)`,
      );
    };
    await importOnce('new records', file);
    for (let k = 2; k <= FILES; k++) {
      await importOnce(`file ${k} of ${FILES}, new records (the catalogue holds ${((k - 1) * RECORDS).toLocaleString('en')})`, marcFile(RECORDS, k));
      console.error(lines.slice(-2).join('\n')); // progress of a long run
    }
    if (FILES > 1) lines.push(`all ${FILES} files: ${importedRecords} records in ${importSeconds.toFixed(1)} s of importing: ${(importedRecords / importSeconds).toFixed(0)} records/s`);
    if (REIMPORT) await importOnce('the first file again (every record updates)', file);
    if (errors) lines.push(`  desk errors: ${errors}`);
  } finally {
    await db.end();
  }
}

async function main() {
  const database = await benchDatabase();
  const env = { DATABASE_URL: database.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, DB_POOL_SIZE: '20', RATE_LIMIT_PER_MINUTE: '100000000' };
  const pgPid = postmasterPid(database.embedded?.dataDir);
  const file = marcFile(RECORDS, 1);
  const lines = [
    `Import benchmark (${os.cpus().length} cores, ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}), ${new Date().toISOString()}`,
    `${RECORDS} MARC 21 records (${(file.length / 1e6).toFixed(1)} MB) made from the fixtures' real records; load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  ];
  try {
    const targets: [string, string | undefined][] = [['this checkout', undefined], ...(BASELINE ? [[`baseline (${BASELINE})`, BASELINE] as [string, string]] : [])];
    for (const [name, root] of targets) {
      const api = await startApiProcess(env, root ? { root } : {});
      try {
        await runOn(name, api, database.url, pgPid, file, lines);
      } finally {
        await api.stop();
      }
    }
    lines.push(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(lines.join('\n'));
  } finally {
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
