import { DatabaseKind } from '../../src/engine/database/database-kind';
import { ClusterService } from '../../src/modules/platform/cluster.service';
import { adminToken, createTestApp, TestApp } from '../support/app';
import { api, cardNumberFor, expectStatus, Library, seedPatron, SeededRecord, seedRecord, setupLibrary } from '../support/circulation-factories';

/**
 * A city moves to another worker while it serves (citus_schema_move, as `tenants move` runs
 * it): patrons search and open records, the desk lends and takes back copies and registers
 * patrons, all through the HTTP API, before, during and after the move. Not one request fails
 * and every write that was answered is there afterwards.
 *
 * Citus only (apps/api/jest.citus.config.js): on plain PostgreSQL there is nowhere to move a
 * city to (platform.e2e-spec.ts shows that answer).
 */
describe('a city moves to another worker while it serves', () => {
  let t: TestApp;
  let lib: Library;

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '12' });
    expect(t.app.get(DatabaseKind).citus).toBe(true);
    lib = await setupLibrary(t, await adminToken(t), 'katori');
  });
  afterAll(() => t.close());

  it('answers every read and write during the move and loses none of them', async () => {
    const cluster = t.app.get(ClusterService);
    const desk = api(lib);
    const records: SeededRecord[] = [];
    for (let i = 0; i < 8; i++) records.push(await seedRecord(lib, { title: `移動中の本 ${i}`, copies: [{ branchCode: 'sawara' }] }));
    const borrower = await seedPatron(lib);

    const where = async () => (await cluster.view()).nodes.find((n) => n.cities.some((c) => c.slug === lib.slug))!;
    const before = await where();
    expect(before.role).toBe('worker');
    const target = (await cluster.view()).nodes.find((n) => n.role === 'worker' && n.id !== before.id)!;

    // phases: 0 before the move, 1 while it runs, 2 after it returned
    let phase = 0;
    let stop = false;
    const errors: string[] = [];
    const done = [0, 0, 0];
    const pairs: { barcode: string; loanId: string }[] = [];
    const patrons: string[] = [];
    // resolved by the operations themselves as they finish (no timers)
    const waiting: { ready: () => boolean; resolve: () => void }[] = [];
    const until = (ready: () => boolean) => new Promise<void>((resolve) => waiting.push({ ready, resolve }));
    const settle = () => {
      for (const w of waiting.splice(0)) {
        if (w.ready() || errors.length) w.resolve();
        else waiting.push(w);
      }
    };
    const count = (started: number) => {
      // an operation counts for a phase only when it started and ended in it
      if (started === phase) done[phase]++;
      settle();
    };
    const fail = (what: string, res: { status: number; body: unknown }) => {
      errors.push(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      settle();
    };

    const reader = async () => {
      for (let i = 0; !stop; i++) {
        const started = phase;
        const r = records[i % records.length];
        const res = i % 2 ? await t.http().get(`/api/t/${lib.slug}/records/${r.id}`) : await t.http().get(`/api/t/${lib.slug}/search`).query({ q: '移動中' });
        if (res.status !== 200) fail('read', res);
        else count(started);
      }
    };
    const lender = async (barcode: string) => {
      while (!stop) {
        const started = phase;
        const out = await desk.checkout(borrower.cardNumber, barcode);
        if (out.status !== 201) {
          fail('check-out', out);
          return;
        }
        const back = await desk.checkin(barcode, { branchCode: 'sawara' });
        if (back.status !== 200) {
          fail('check-in', back);
          return;
        }
        pairs.push({ barcode, loanId: out.body.id });
        count(started);
      }
    };
    const registrar = async () => {
      while (!stop) {
        const started = phase;
        const res = await desk.post('/admin/patrons', { cardNumber: cardNumberFor('katori'), name: '移動 花子', nameKana: 'イドウ ハナコ' });
        if (res.status !== 201) fail('register', res);
        else {
          patrons.push(res.body.id);
          count(started);
        }
      }
    };
    const load = Promise.all([reader(), reader(), lender(records[0].barcodes[0]), lender(records[1].barcodes[0]), registrar()]);

    await until(() => done[0] >= 20);
    phase = 1;
    const moved = await cluster.move(lib.slug, `${target.host}:${target.port}`);
    phase = 2;
    // a few more rounds of everything on the new worker, then stop
    await until(() => done[2] >= 20);
    stop = true;
    await load;

    console.info(
      `moved ${lib.slug} ${moved.from} → ${moved.to} in ${moved.ms} ms; requests answered before/during/after: ${done.join('/')}; ` +
        `errors ${errors.length}; check-out/check-in pairs ${pairs.length}, patrons registered ${patrons.length}`,
    );
    expect(errors).toEqual([]);
    expect(moved).toMatchObject({ from: `${before.host}:${before.port}`, to: `${target.host}:${target.port}` });
    expect((await where()).id).toBe(target.id);
    // reads and writes ran while the city moved
    expect(done[1]).toBeGreaterThan(0);

    // nothing answered is lost: every loan lent and returned, every patron registered
    const loans = await t.ds.query(`SELECT id, returned_at FROM ${lib.schema}.loans WHERE id = ANY($1::uuid[])`, [pairs.map((p) => p.loanId)]);
    expect(loans).toHaveLength(pairs.length);
    expect(loans.every((l: { returned_at: string | null }) => l.returned_at !== null)).toBe(true);
    const registered = await t.ds.query(`SELECT count(*)::int AS n FROM ${lib.schema}.patrons WHERE id = ANY($1::uuid[])`, [patrons]);
    expect(registered[0].n).toBe(patrons.length);
    // and the copies are back on the shelf, lendable on the new worker
    expectStatus(await desk.checkout(borrower.cardNumber, records[2].barcodes[0]), 201);

    // the move is in the platform audit log
    const [audit] = await t.ds.query(`SELECT after FROM platform.audit_log WHERE action = 'tenant.move' AND tenant_id = $1 ORDER BY at DESC LIMIT 1`, [lib.tenantId]);
    expect(audit.after).toEqual({ node: `${target.host}:${target.port}` });
  });

  it('refuses a node that is not an active worker', async () => {
    await expect(t.app.get(ClusterService).move(lib.slug, '127.0.0.1:1')).rejects.toMatchObject({ code: 'NODE_NOT_FOUND' });
  });
});
