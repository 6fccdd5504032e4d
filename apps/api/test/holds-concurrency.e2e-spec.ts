import { adminToken, createTestApp, TestApp } from './support/app';
import { api, expectStatus, Library, seedPatron, SeededPatron, SeededRecord, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * Allocation under concurrency, on the real database: many check-ins at once of copies
 * whose titles share waiting holds. A copy is never allocated to two holds and a hold never
 * gets two copies; the holds served are exactly the first in each queue.
 */
describe('holds: concurrent allocation', () => {
  let t: TestApp;
  let lib: Library;
  let other: Library;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    lib = await setupLibrary(t, admin, 'katori');
    other = await setupLibrary(t, admin, 'kitakyushu');
  });
  afterAll(() => t.close());

  it('50 concurrent check-ins of copies with overlapping holds: no double allocation, first in queue first served', async () => {
    const a = api(lib);
    const TITLES = 5;
    const COPIES = 10;
    const titles: SeededRecord[] = [];
    for (let i = 0; i < TITLES; i++) {
      const rec = await seedRecord(lib, { title: `人気の本 ${i}`, copies: Array.from({ length: COPIES }, () => ({ branchCode: 'sawara' })) });
      const borrower = await seedPatron(lib);
      for (const b of rec.barcodes) expectStatus(await a.checkout(borrower.cardNumber, b), 201);
      titles.push(rec);
    }
    // 40 patrons, each holding 2–3 of the 5 titles: every title has more holds than copies
    const patrons: SeededPatron[] = [];
    for (let p = 0; p < 40; p++) {
      const patron = await seedPatron(lib);
      patrons.push(patron);
      const wanted = [...new Set([p % TITLES, (p + 1) % TITLES, (p * 3) % TITLES])].map((i) => titles[i].id);
      expectStatus(
        await a.placeHolds(patron.token, { recordIds: wanted, pickupPointCode: p % 2 ? 'omigawa-counter' : 'sawara-counter', contact: p % 3 ? 'email' : 'none' }),
        201,
      );
    }
    const queue = await t.ds.query(
      `SELECT id, record_id FROM ${lib.schema}.holds WHERE status = 'waiting' AND record_id = ANY($1::uuid[]) ORDER BY queue_seq`,
      [titles.map((r) => r.id)],
    );
    for (const r of titles) expect(queue.filter((q: { record_id: string }) => q.record_id === r.id).length).toBeGreaterThan(COPIES);

    // every copy comes back at once, at two branches
    const barcodes = titles.flatMap((r) => r.barcodes);
    expect(barcodes).toHaveLength(50);
    const results = await Promise.all(barcodes.map((b, i) => a.checkin(b, { branchCode: i % 2 ? 'omigawa' : 'sawara' })));
    for (const r of results) expectStatus(r, 200);
    const trapped = results.map((r) => r.body.trappedHold).filter(Boolean);
    expect(trapped).toHaveLength(50);
    expect(new Set(trapped.map((h: { holdId: string }) => h.holdId)).size).toBe(50);

    // the database agrees: one copy per hold, one hold per copy, copies of the right title
    const doubleCopies = await t.ds.query(
      `SELECT item_id FROM ${lib.schema}.holds WHERE item_id IS NOT NULL AND status IN ('in-transit','ready') GROUP BY item_id HAVING count(*) > 1`,
    );
    expect(doubleCopies).toEqual([]);
    const allocated = await t.ds.query(
      `SELECT h.id, h.record_id, h.status, i.record_id AS item_record, i.status AS item_status, pp.branch_code AS pickup
         FROM ${lib.schema}.holds h JOIN ${lib.schema}.items i ON i.id = h.item_id JOIN ${lib.schema}.pickup_points pp ON pp.code = h.pickup_point_code
        WHERE h.status IN ('in-transit','ready') AND h.record_id = ANY($1::uuid[])`,
      [titles.map((r) => r.id)],
    );
    expect(allocated).toHaveLength(50);
    for (const h of allocated) {
      expect(h.item_record).toBe(h.record_id);
      expect(h.item_status).toBe(h.status === 'ready' ? 'on-hold-shelf' : 'in-transit');
    }
    // first in each queue, first served: the allocated holds are exactly the first ten of each title
    for (const r of titles) {
      const firstTen = queue.filter((q: { record_id: string }) => q.record_id === r.id).slice(0, COPIES).map((q: { id: string }) => q.id).sort();
      const served = allocated.filter((h: { record_id: string }) => h.record_id === r.id).map((h: { id: string }) => h.id).sort();
      expect(served).toEqual(firstTen);
    }
    // a copy checked in at its hold's pickup branch is ready, elsewhere in transit
    for (const [i, r] of results.entries()) {
      const h = r.body.trappedHold;
      expect(h.status).toBe(h.pickupBranchCode === (i % 2 ? 'omigawa' : 'sawara') ? 'ready' : 'in-transit');
    }
    const waitingCopies = await t.ds.query(`SELECT count(*)::int AS n FROM ${lib.schema}.items WHERE barcode = ANY($1) AND status = 'on-shelf'`, [barcodes]);
    expect(waitingCopies[0].n).toBe(0);
  });

  it('concurrent desk work on one copy and one patron: one loan per copy, one hold per title and patron', async () => {
    const a = api(other);
    const rec = await seedRecord(other, { copies: [{ branchCode: 'central' }] });
    const [p1, p2] = [await seedPatron(other), await seedPatron(other)];
    const both = await Promise.all([a.checkout(p1.cardNumber, rec.barcodes[0]), a.checkout(p2.cardNumber, rec.barcodes[0])]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${other.schema}.loans l JOIN ${other.schema}.items i ON i.id = l.item_id WHERE i.barcode = $1`, [rec.barcodes[0]]);
    expect(n).toBe(1);

    const title = await seedRecord(other, { copies: [{ branchCode: 'central', status: 'on-loan' }] });
    const p3 = await seedPatron(other);
    const tries = await Promise.all(
      Array.from({ length: 5 }, () => a.placeHolds(p3.token, { recordIds: [title.id], pickupPointCode: 'central-counter', contact: 'none' })),
    );
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of tries.filter((x) => x.status !== 201)) expect(r.body.code).toBe('ALREADY_HELD');
  });

  it('check-ins racing the hold-shelf expiry never hand one copy to two holds', async () => {
    const a = api(lib);
    // ten titles, one copy each on the hold shelf with an expired last day, two more holds queued behind
    const recs: SeededRecord[] = [];
    for (let i = 0; i < 10; i++) {
      const rec = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }, { branchCode: 'sawara' }] });
      const borrower = await seedPatron(lib);
      for (const b of rec.barcodes) expectStatus(await a.checkout(borrower.cardNumber, b), 201);
      for (let k = 0; k < 3; k++) {
        const p = await seedPatron(lib);
        expectStatus(await a.placeHolds(p.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201);
      }
      expectStatus(await a.checkin(rec.barcodes[0]), 200);
      recs.push(rec);
    }
    await t.ds.query(`UPDATE ${lib.schema}.holds SET expires_at = current_date - 1 WHERE status = 'ready' AND record_id = ANY($1::uuid[])`, [recs.map((r) => r.id)]);
    const ops = [a.post('/desk/hold-shelf/clear-expired'), ...recs.map((r) => a.checkin(r.barcodes[1])), a.post('/admin/jobs/expire-holds/run')];
    const res = await Promise.all(ops);
    for (const r of res) expect([200, 409]).toContain(r.status); // 409 CONFLICT only if PostgreSQL had to break a deadlock
    const doubles = await t.ds.query(
      `SELECT item_id FROM ${lib.schema}.holds WHERE item_id IS NOT NULL AND status IN ('in-transit','ready') GROUP BY item_id HAVING count(*) > 1`,
    );
    expect(doubles).toEqual([]);
    for (const r of recs) {
      const rows = await t.ds.query(`SELECT status, item_id FROM ${lib.schema}.holds WHERE record_id = $1 ORDER BY queue_seq`, [r.id]);
      const withCopy = rows.filter((h: { status: string }) => h.status === 'ready' || h.status === 'in-transit');
      expect(withCopy.length).toBeLessThanOrEqual(2);
      expect(new Set(withCopy.map((h: { item_id: string }) => h.item_id)).size).toBe(withCopy.length);
    }
  });
});
