import { tenantManager, tenantSchemaName } from '@shiori/tenancy';
import { Client } from 'pg';
import { TenantRegistry } from '../src/engine/tenancy/tenant-registry.service';
import { ImportsService } from '../src/modules/catalog/imports/imports.service';
import { createTestApp, TestApp } from './support/app';
import { CatalogTenant, createRecord, inTenant, twoCatalogTenants, waitForImport } from './support/catalog-factories';

/** A CSV of `n` records without copies: long enough to be caught while it runs. */
function bigCsv(n: number, tag: string): Buffer {
  const rows = ['書名,ヨミ,出版年'];
  for (let i = 0; i < n; i++) rows.push(`復旧試験 ${tag} ${i},フッキュウ シケン ${i},2001`);
  return Buffer.from(rows.join('\n'));
}

interface Report {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: { index: number; reason: string }[];
  error: string | null;
  finishedAt: string | null;
}

const INTERRUPTED = /^取込中にサーバーが停止したため中断しました。取り込み済みの (\d+) 件(（全 (\d+) 件中）)?は保存されています。もう一度取り込んでください。 \/ Interrupted: the server stopped during the import\. The (\d+)( of (\d+))? records already processed are kept; import the file again\.$/;

/** pg_locks rows of an import's lock ($1 tenant id, $2 import id): written out here, not taken from the code under test. */
const LOCK_OF_IMPORT = `locktype = 'advisory' AND objsubid = 2 AND granted
  AND classid::text::bigint = (hashtext('catalog-import:' || $1)::bigint & 4294967295)
  AND objid::text::bigint = (hashtext($2)::bigint & 4294967295)`;

/**
 * Imports interrupted by the end of their process (crash, kill -9, deploy) are marked failed
 * with what they had processed, by any instance, at start-up and periodically; an import
 * whose process still runs (on this instance or another) is never touched.
 */
describe('catalogue imports: recovery of interrupted imports', () => {
  let one: TestApp;
  let two: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;

  beforeAll(async () => {
    [one, two] = await Promise.all([createTestApp(), createTestApp()]);
    [a, b] = await twoCatalogTenants(one);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
  });

  const upload = (inst: TestApp, c: CatalogTenant, file: Buffer, name: string) =>
    inst.http().post(`/api/t/${c.slug}/admin/imports`).set('Authorization', `Bearer ${c.token}`).attach('file', file, name).expect(202);
  const report = async (inst: TestApp, c: CatalogTenant, id: string): Promise<Report> =>
    (await inst.http().get(`/api/t/${c.slug}/admin/imports/${id}`).set('Authorization', `Bearer ${c.token}`).expect(200)).body;
  /** The report as stored, read without HTTP. */
  const stored = (c: CatalogTenant, id: string): Promise<Report> => inTenant(one, c.slug, () => one.app.get(ImportsService).get(id));
  const tenantId = async (c: CatalogTenant) => (await one.app.get(TenantRegistry).findBySlug(c.slug))!.id;

  /** How many sessions hold the import's advisory lock (pg_locks shows the two int4 keys as unsigned oids). */
  const heldLocks = async (c: CatalogTenant, id: string): Promise<number> =>
    (await one.ds.query(`SELECT count(*)::int AS n FROM pg_locks WHERE ${LOCK_OF_IMPORT}`, [await tenantId(c), id]))[0].n;

  /** An import row left `running` mid-way by a process that is gone: nobody holds its lock. */
  async function abandonedImport(c: CatalogTenant, p: { total: number; processed: number; created: number; updated: number; rejected?: { index: number; reason: string }[] }) {
    const rows = await inTenant(one, c.slug, () =>
      tenantManager().query(
        `INSERT INTO imports (status, format, filename, total, processed, created, updated, rejected, created_by, started_at)
         VALUES ('running', 'csv', 'crashed.csv', $1, $2, $3, $4, $5, 'lib', now() - interval '3 minutes') RETURNING id`,
        [p.total, p.processed, p.created, p.updated, JSON.stringify(p.rejected ?? [])],
      ),
    );
    return rows[0].id as string;
  }

  /** Waits until the import has written progress while running (it is past its start). */
  async function waitUntilUnderway(inst: TestApp, c: CatalogTenant, id: string): Promise<Report> {
    const until = Date.now() + 20_000;
    for (;;) {
      const r = await report(inst, c, id);
      if (r.status !== 'running') throw new Error(`import ${id} ended before the test could catch it running: ${JSON.stringify(r)}`);
      if (r.processed > 0) return r;
      if (Date.now() > until) throw new Error(`import ${id} made no progress`);
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  it('marks an import whose process is gone failed, keeping its records and its per-record report', async () => {
    const kept = await createRecord(one, a, { title: '中断前に登録された本' }); // committed by the import before it died
    const id = await abandonedImport(a, { total: 10, processed: 3, created: 2, updated: 1, rejected: [{ index: 1, reason: 'no title' }] });
    const other = await abandonedImport(b, { total: 0, processed: 0, created: 0, updated: 0 });

    const found = await one.app.get(ImportsService).recoverInterrupted();
    // what this instance recovered is named exactly; an instance with the jobs on that shares the
    // database (a suite running beside this one) may have recovered one of them first, and the
    // report below is then its work (the same report, whoever wrote it)
    const expected = [
      { slug: a.slug, id, processed: 3, total: 10 },
      { slug: b.slug, id: other, processed: 0, total: 0 },
    ];
    for (const f of found.filter((x) => x.id === id || x.id === other)) expect(expected).toContainEqual(f);
    expect(found.filter((f) => (f.slug === a.slug || f.slug === b.slug) && f.id !== id && f.id !== other)).toEqual([]);

    const r = await report(two, a, id); // the same answer from either instance
    expect(r).toMatchObject({ status: 'failed', total: 10, processed: 3, created: 2, updated: 1, rejected: [{ index: 1, reason: 'no title' }] });
    expect(r.finishedAt).not.toBeNull();
    expect(r.error).toMatch(INTERRUPTED);
    expect(r.error).toContain('取り込み済みの 3 件（全 10 件中）');
    expect(r.error).toContain('The 3 of 10 records already processed are kept');
    const empty = await report(one, b, other);
    expect(empty).toMatchObject({ status: 'failed', processed: 0 });
    expect(empty.error).toMatch(INTERRUPTED);
    expect(empty.error).toContain('取り込み済みの 0 件は保存されています');
    // the records it had committed stay
    await one.http().get(`/api/t/${a.slug}/admin/records/${kept.id}`).set('Authorization', `Bearer ${a.token}`).expect(200);
    // the list shows it failed too, and the recovery is audited
    const list = await one.http().get(`/api/t/${a.slug}/admin/imports`).set('Authorization', `Bearer ${a.token}`).expect(200);
    expect(list.body.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'failed', processed: 3, rejectedCount: 1 });
    const audit = await inTenant(one, a.slug, () => tenantManager().query(`SELECT after FROM audit_log WHERE action = 'import.interrupted' AND entity_id = $1`, [id]));
    expect(audit).toEqual([{ after: { processed: 3, total: 10 } }]);

    // a second pass finds nothing more to do and leaves the report as it is
    const again = await two.app.get(ImportsService).recoverInterrupted();
    expect(again.filter((f) => f.id === id || f.id === other)).toEqual([]);
    expect(await report(one, a, id)).toEqual(r);
  });

  it('never touches an import that another live instance is running, from upload to finish', async () => {
    const N = 1500;
    // a transaction that lets the import read but not write the city's records keeps it running
    // mid-way (its lock held, its first records not yet written) for as long as the test needs,
    // however fast the importer is
    const blocker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await blocker.connect();
    let id: string;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${tenantSchemaName(b.slug)}".records IN SHARE MODE`);
      const res = await upload(two, b, bigCsv(N, 'live'), 'live.csv');
      id = res.body.id;
      // at once (its row is committed; its process may not have begun) and then mid-way, from either instance
      const early = await Promise.all([one.app.get(ImportsService).recoverInterrupted(), two.app.get(ImportsService).recoverInterrupted()]);
      expect(early.flat().map((f) => f.id)).not.toContain(id);
      // underway: the other instance's session holds the import's lock
      const until = Date.now() + 20_000;
      while ((await heldLocks(b, id)) === 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
      expect(await heldLocks(b, id)).toBe(1);
      const mid = await one.app.get(ImportsService).recoverInterrupted();
      expect(mid.map((f) => f.id)).not.toContain(id);
      const still = await report(one, b, id);
      expect(still).toMatchObject({ status: 'running', error: null, finishedAt: null });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }

    const done = await waitForImport(one, b, id, 60_000);
    expect(done).toMatchObject({ status: 'done', total: N, processed: N, created: N, updated: 0, rejected: [], error: null });
    // and let go once the import has finished (the connection went back to the pool without it)
    const until = Date.now() + 20_000; // a bound, not a wait: it ends as soon as the lock is let go
    while ((await heldLocks(b, id)) > 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
    expect(await heldLocks(b, id)).toBe(0);
  });

  it('never touches an import between the commit of its upload and the start of its processing', async () => {
    const imports = one.app.get(ImportsService);
    const tenant = (await one.app.get(TenantRegistry).findBySlug(a.slug))!;
    const bytes = bigCsv(3, 'gap');
    // as the command line does: the row commits first, the processing follows
    const { id, format, lock } = await inTenant(one, a.slug, () => imports.create(bytes, 'gap.csv'));
    expect((await report(one, a, id)).status).toBe('running');
    const found = await two.app.get(ImportsService).recoverInterrupted();
    expect(found.map((f) => f.id)).not.toContain(id);
    expect((await report(one, a, id)).status).toBe('running');
    const r = await imports.process(tenant, id, bytes, format, lock);
    expect(r).toMatchObject({ status: 'done', total: 3, processed: 3, created: 3, error: null });
  });

  it('lets go of the lock of an upload whose transaction rolls back', async () => {
    const imports = one.app.get(ImportsService);
    let id = '';
    await expect(
      inTenant(one, a.slug, async () => {
        id = (await imports.create(bigCsv(1, 'rollback'), 'rollback.csv')).id;
        expect(await heldLocks(a, id)).toBe(1);
        throw new Error('the request failed after the upload was recorded');
      }),
    ).rejects.toThrow(/request failed/);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const until = Date.now() + 20_000; // a bound, not a wait: it ends as soon as the lock is let go
    while ((await heldLocks(a, id)) > 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
    expect(await heldLocks(a, id)).toBe(0);
    const rows = await inTenant(one, a.slug, () => tenantManager().query(`SELECT id FROM imports WHERE id = $1`, [id]));
    expect(rows).toEqual([]);
  });

  it('when the session holding a running import’s lock ends, recovery marks it failed and the import stops', async () => {
    const N = 5000; // it is stopped long before the end
    const id: string = (await upload(two, a, bigCsv(N, 'killed'), 'killed.csv')).body.id;
    await waitUntilUnderway(one, a, id);
    // what a crash does to the database: the owner's session ends and PostgreSQL drops its lock
    const killed = await one.ds.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE ${LOCK_OF_IMPORT}`, [await tenantId(a), id]);
    expect(killed).toEqual([{ ok: true }]);
    // recovery marks it failed: this instance's pass, or (when suites beside this one share the
    // database) another instance's pass that came first; the report is the same whoever wrote it
    let mine: { id: string; processed: number } | undefined;
    let r = await report(one, a, id);
    // bounded by time, not by a count of tries: on a busy machine the backend may take a while to go
    for (const until = Date.now() + 20_000; r.status === 'running' && Date.now() < until; ) {
      mine = (await one.app.get(ImportsService).recoverInterrupted()).find((f) => f.id === id);
      r = await report(one, a, id);
      if (r.status === 'running') await new Promise((res) => setTimeout(res, 20));
    }
    expect(r).toMatchObject({ status: 'failed', total: N });
    if (mine) expect(r.processed).toBe(mine.processed);
    expect(r.processed).toBeGreaterThan(0);
    expect(r.processed).toBeLessThan(N);
    expect(r.error).toMatch(INTERRUPTED);
    expect(r.error).toContain(`取り込み済みの ${r.processed} 件（全 ${N} 件中）`);
    // the process on the other instance notices at its next progress write and stops: once it has
    // ended, the report is still as recovery left it and the file was not written to its end
    await two.app.get(ImportsService).idle();
    expect(await report(one, a, id)).toEqual(r);
    const [{ n }] = await inTenant(one, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE title LIKE '復旧試験 killed %'`));
    expect(n).toBeGreaterThanOrEqual(r.created);
    expect(n).toBeLessThan(N);
  });

  it('when the thread reading an import’s file dies, the import fails at once with what it wrote, and lets go of its lock', async () => {
    const N = 5000; // the reader is stopped long before the end
    const imports = two.app.get(ImportsService);
    // the city's records kept from being written while the reader is stopped, so the import is caught mid-file
    const blocker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await blocker.connect();
    let id: string;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${tenantSchemaName(b.slug)}".records IN SHARE MODE`);
      id = (await upload(two, b, bigCsv(N, 'reader'), 'reader.csv')).body.id;
      // its first batch has come from the reader: the import waits for the city's records to write it
      const writing = async () =>
        (await blocker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass AND mode = 'RowExclusiveLock'`, [`"${tenantSchemaName(b.slug)}".records`])).rows[0].n;
      const until = Date.now() + 20_000;
      while ((await writing()) === 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
      expect(await writing()).toBe(1);
      expect(await report(one, b, id)).toMatchObject({ status: 'running', total: N, processed: 0 });
      // what a crash of the thread does (an exception, out of memory): it ends before the end of the file
      await imports.threads.get(id)!.stopReader();
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await imports.idle();
    expect(imports.threads.has(id)).toBe(false);
    const r = await report(one, b, id);
    expect(r).toMatchObject({ status: 'failed', total: N, updated: 0, rejected: [] });
    expect(r.finishedAt).not.toBeNull();
    expect(r.error).toMatch(/^取込ファイルの読み取りが途中で止まったため中断しました。.* \/ Stopped: reading the file failed part-way\./);
    expect(r.error).toContain(`取り込み済みの ${r.processed} 件（全 ${N} 件中）`);
    expect(r.processed).toBeGreaterThan(0); // the batch it was writing, and any it had received
    expect(r.processed).toBeLessThan(N);
    expect(r.created).toBe(r.processed); // the batches it had read are written whole, the rest not at all
    const [{ n }] = await inTenant(one, b.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE title LIKE '復旧試験 reader %'`));
    expect(n).toBe(r.created);
    // its lock is let go, and recovery leaves the report as the import wrote it
    const until = Date.now() + 20_000; // a bound, not a wait: it ends as soon as the lock is let go
    while ((await heldLocks(b, id)) > 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
    expect(await heldLocks(b, id)).toBe(0);
    expect((await one.app.get(ImportsService).recoverInterrupted()).map((f) => f.id)).not.toContain(id);
    expect(await report(one, b, id)).toEqual(r);
  });

  // The last two tests start a third instance and close it. Passport keeps one strategy per name for
  // the whole process (the last app created serves every app's logins), so once the third instance is
  // closed, the tests read reports straight from the database, and no test may follow them.
  it('recovers at start-up: a new instance marks the abandoned import failed without being asked', async () => {
    const id = await abandonedImport(a, { total: 5, processed: 4, created: 4, updated: 0 });
    const three = await createTestApp();
    try {
      const until = Date.now() + 20_000;
      let r = await stored(a, id);
      while (r.status === 'running' && Date.now() < until) {
        await new Promise((res) => setTimeout(res, 50));
        r = await stored(a, id);
      }
      expect(r).toMatchObject({ status: 'failed', total: 5, processed: 4, created: 4 });
      expect(r.error).toMatch(INTERRUPTED);
      expect(r.error).toContain('取り込み済みの 4 件（全 5 件中）');
    } finally {
      await three.close();
    }
  });

  it('on shutdown, an instance stops its running imports and marks them interrupted at once', async () => {
    const four = await createTestApp();
    let closed = false;
    try {
      const N = 5000; // it is stopped long before the end
      const id: string = (await upload(four, b, bigCsv(N, 'shutdown'), 'shutdown.csv')).body.id;
      await waitUntilUnderway(four, b, id);
      await four.close();
      closed = true;
      const r = await stored(b, id);
      expect(r).toMatchObject({ status: 'failed', total: N });
      expect(r.processed).toBeGreaterThan(0);
      expect(r.processed).toBeLessThan(N);
      expect(r.created).toBe(r.processed); // exact: it stopped between two records
      expect(r.finishedAt).not.toBeNull();
      expect(r.error).toMatch(INTERRUPTED);
      expect(r.error).toContain(`取り込み済みの ${r.processed} 件（全 ${N} 件中）`);
      const [{ n }] = await inTenant(one, b.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE title LIKE '復旧試験 shutdown %'`));
      expect(n).toBe(r.created);
    } finally {
      if (!closed) await four.close();
    }
  });
});
