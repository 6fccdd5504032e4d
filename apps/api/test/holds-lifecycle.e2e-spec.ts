import { adminToken, createTestApp, TestApp } from './support/app';
import { jaDay } from './support/notices-factories';
import {
  addClosedDay,
  api,
  changePolicy,
  day,
  expectStatus,
  Library,
  mails,
  seedPatron,
  seedRecord,
  setHoldLastDay,
  setupLibrary,
} from './support/circulation-factories';

/**
 * The hold life cycle at the desk: waiting → in transit → ready (hold shelf, expiry per
 * policy, closed days) → collected | expired | cancelled; walk-in priority and the pull
 * list; postponed holds; ordered series (順番予約); title-level holds.
 */
describe('holds: the life cycle at the desk', () => {
  let t: TestApp;
  const libs: Record<string, Library> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  async function itemStatus(lib: Library, barcode: string): Promise<string> {
    const [r] = await t.ds.query(`SELECT status FROM ${lib.schema}.items WHERE barcode = $1`, [barcode]);
    return r.status;
  }
  async function holdRow(lib: Library, id: string) {
    const [r] = await t.ds.query(
      `SELECT status, item_id, to_char(expires_at,'YYYY-MM-DD') AS last_day, to_char(notice_date,'YYYY-MM-DD') AS notice_date FROM ${lib.schema}.holds WHERE id = $1`,
      [id],
    );
    return r;
  }

  /** A title with `n` copies at `branchCode`, all lent to one borrower. */
  async function lentTitle(lib: Library, branchCode: string, n = 1, extra: { title?: string; series?: string; volume?: string } = {}) {
    const rec = await seedRecord(lib, { ...extra, copies: Array.from({ length: n }, () => ({ branchCode })) });
    const borrower = await seedPatron(lib);
    for (const b of rec.barcodes) expectStatus(await api(lib).checkout(borrower.cardNumber, b), 201);
    return { rec, borrower };
  }

  it('katori: a returned copy is trapped for the first hold — ready on this branch’s shelf, with notice and last day; the holder collects it', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const { rec } = await lentTitle(lib, 'sawara');
    const first = await seedPatron(lib, { email: 'first@example.jp' });
    const second = await seedPatron(lib);
    const [h1] = expectStatus(await a.placeHolds(first.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201).body;
    const [h2] = expectStatus(await a.placeHolds(second.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201).body;
    expect(h2.queuePosition).toBe(2);

    const res = expectStatus(await a.checkin(rec.barcodes[0], { branchCode: 'sawara' }), 200);
    expect(res.body.loan).toBeDefined();
    expect(res.body.trappedHold).toEqual({
      holdId: h1.id,
      pickupPointCode: 'sawara-counter',
      pickupPointName: '佐原中央図書館 窓口',
      pickupBranchCode: 'sawara',
      status: 'ready',
      patron: { cardNumber: first.cardNumber, name: first.name },
      title: rec.title,
      itemBarcode: rec.barcodes[0],
      lastDay: day(7), // a week from the day it is secured
    });
    expect(res.body.item.status).toBe('on-hold-shelf');
    const ready = await mails(lib, 'hold-ready', first.id);
    expect(ready).toHaveLength(1);
    expect(ready[0].body).toContain(`取置期限：${jaDay(day(7))}`);
    expect(ready[0].to_address).toBe('first@example.jp');

    const shelf = expectStatus(await a.get('/desk/hold-shelf'), 200).body;
    expect(shelf).toContainEqual(expect.objectContaining({ holdId: h1.id, itemBarcode: rec.barcodes[0], lastDay: day(7), expired: false, patron: expect.objectContaining({ cardNumber: first.cardNumber }) }));
    expect(expectStatus(await a.myHolds(first.token), 200).body[0]).toMatchObject({ status: 'ready', expiresAt: day(7), queuePosition: null });
    expect(expectStatus(await a.myHolds(second.token), 200).body[0]).toMatchObject({ status: 'waiting', queuePosition: 1 });

    // the copy is for its holder only
    expect(expectStatus(await a.checkout(second.cardNumber, rec.barcodes[0]), 409).body.code).toBe('ITEM_RESERVED_FOR_ANOTHER');
    const loan = expectStatus(await a.checkout(first.cardNumber, rec.barcodes[0]), 201);
    expect(loan.body.collectedHoldId).toBe(h1.id);
    expect((await holdRow(lib, h1.id)).status).toBe('collected');
    expect(expectStatus(await a.get('/desk/hold-shelf'), 200).body.some((s: { holdId: string }) => s.holdId === h1.id)).toBe(false);
    // and a collected hold leaves the patron's list
    expect(expectStatus(await a.myHolds(first.token), 200).body).toEqual([]);
  });

  it('katori: a copy checked in at another branch than the pickup point goes in transit, and is ready once received there', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const { rec } = await lentTitle(lib, 'sawara');
    const patron = await seedPatron(lib);
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'omigawa-counter', contact: 'email' }), 201).body;
    const res = expectStatus(await a.checkin(rec.barcodes[0], { branchCode: 'sawara' }), 200);
    expect(res.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'in-transit', pickupBranchCode: 'omigawa' });
    expect(res.body.trappedHold.lastDay).toBeUndefined();
    expect(await itemStatus(lib, rec.barcodes[0])).toBe('in-transit');
    expect(await mails(lib, 'hold-ready', patron.id)).toHaveLength(0);
    // received at the wrong branch: refused, says where it goes
    const wrong = expectStatus(await a.post('/desk/transits/receive', { itemBarcode: rec.barcodes[0], branchCode: 'yamada' }), 409);
    expect(wrong.body).toMatchObject({ code: 'TRANSIT_WRONG_BRANCH', pickupBranchCode: 'omigawa' });
    const got = expectStatus(await a.post('/desk/transits/receive', { itemBarcode: rec.barcodes[0], branchCode: 'omigawa' }), 200);
    expect(got.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(7) });
    expect(got.body.item.status).toBe('on-hold-shelf');
    expect(await mails(lib, 'hold-ready', patron.id)).toHaveLength(1);
    // a copy on the shelf is not in transit
    const other = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    expect(expectStatus(await a.post('/desk/transits/receive', { itemBarcode: other.barcodes[0], branchCode: 'sawara' }), 409).body.code).toBe('NOT_IN_TRANSIT');
  });

  it('kushiro: a hold for a bookmobile station travels to the bookmobile', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const { rec } = await lentTitle(lib, 'central');
    const patron = await seedPatron(lib);
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'bm-05', contact: 'none' }), 201).body;
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold).toMatchObject({ status: 'in-transit', pickupBranchCode: 'bm', pickupPointCode: 'bm-05' });
    const got = expectStatus(await a.post('/desk/transits/receive', { itemBarcode: rec.barcodes[0], branchCode: 'bm' }), 200);
    expect(got.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(7) });
  });

  it('kitakyushu: the shelf week counts from the day after the notice and skips closed days', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    await addClosedDay(lib, day(2), 'central');
    await addClosedDay(lib, day(5)); // all branches
    const { rec } = await lentTitle(lib, 'central');
    const patron = await seedPatron(lib, { email: 'k@example.jp' });
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'email' }), 201).body;
    const res = expectStatus(await a.checkin(rec.barcodes[0]), 200);
    // 7 open days after today, two closed days skipped
    expect(res.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(9) });
    expect(await holdRow(lib, hold.id)).toMatchObject({ status: 'ready', last_day: day(9), notice_date: day(0) });
    expect(expectStatus(await a.get('/desk/hold-shelf?branchCode=central'), 200).body).toContainEqual(expect.objectContaining({ holdId: hold.id, lastDay: day(9) }));
  });

  it('koga: the shelf week runs from the ready e-mail', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const { rec } = await lentTitle(lib, 'main');
    const patron = await seedPatron(lib, { email: 'koga@example.jp' });
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201).body;
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(7) });
    expect((await holdRow(lib, hold.id)).notice_date).toBe(day(0));
    expect(await mails(lib, 'hold-ready', patron.id)).toHaveLength(1);
  });

  it('expires an uncollected hold after its last day and passes the copy to the next hold (hold-shelf clear and daily job)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    await changePolicy(lib, (p) => {
      p.notices.holdExpired = 'always';
    });
    const { rec } = await lentTitle(lib, 'sawara');
    const [p1, p2, p3] = [await seedPatron(lib), await seedPatron(lib), await seedPatron(lib)];
    const [h1] = expectStatus(await a.placeHolds(p1.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201).body;
    const [h2] = expectStatus(await a.placeHolds(p2.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201).body;
    const [h3] = expectStatus(await a.placeHolds(p3.token, { recordIds: [rec.id], pickupPointCode: 'omigawa-counter', contact: 'none' }), 201).body;
    expectStatus(await a.checkin(rec.barcodes[0]), 200);
    await setHoldLastDay(lib, h1.id, day(-1));
    expect(expectStatus(await a.get('/desk/hold-shelf'), 200).body.find((s: { holdId: string }) => s.holdId === h1.id).expired).toBe(true);

    const cleared = expectStatus(await a.post('/desk/hold-shelf/clear-expired'), 200);
    expect(cleared.body.expired).toEqual([h1.id]);
    expect(cleared.body.passedOn).toEqual([expect.objectContaining({ holdId: h2.id, status: 'ready', lastDay: day(7) })]);
    expect(await holdRow(lib, h1.id)).toMatchObject({ status: 'expired' });
    expect(expectStatus(await a.myHolds(p1.token), 200).body[0]).toMatchObject({ id: h1.id, status: 'expired', cancellable: false });
    expect(await mails(lib, 'hold-expired', p1.id)).toHaveLength(1);
    expect(await mails(lib, 'hold-ready', p2.id)).toHaveLength(1);
    expect(await itemStatus(lib, rec.barcodes[0])).toBe('on-hold-shelf');

    // the daily job does the same: the next patron's pickup is at another branch, so the copy travels
    await setHoldLastDay(lib, h2.id, day(-1));
    const job = expectStatus(await a.post('/admin/jobs/expire-holds/run'), 200);
    expect(job.body.result).toEqual({ expired: 1, passedOn: 1 });
    expect(await holdRow(lib, h3.id)).toMatchObject({ status: 'in-transit' });
    expect(await itemStatus(lib, rec.barcodes[0])).toBe('in-transit');
    expect(expectStatus(await a.post('/admin/jobs/expire-holds/run'), 200).body.result).toEqual({ expired: 0, passedOn: 0 });
    await changePolicy(lib, (p) => {
      p.notices.holdExpired = 'off';
    });
  });

  it('kushiro (walk-in priority): a hold does not take the copy off the shelf; the daily pull list brings it in', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }, { branchCode: 'tobu' }] });
    const holder = await seedPatron(lib);
    const [hold] = expectStatus(await a.placeHolds(holder.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    expect(hold).toMatchObject({ status: 'waiting', queuePosition: 1 });
    expect(await itemStatus(lib, rec.barcodes[0])).toBe('on-shelf');
    const pull = expectStatus(await a.get('/desk/pull-list'), 200).body.filter((e: { recordId: string }) => e.recordId === rec.id);
    // one hold wants one copy
    expect(pull).toHaveLength(1);
    expect(pull[0]).toMatchObject({ reason: 'wanted', branchCode: 'central', itemBarcode: rec.barcodes[0] });
    expect(expectStatus(await a.get('/desk/pull-list?branchCode=tobu'), 200).body.filter((e: { recordId: string }) => e.recordId === rec.id)).toHaveLength(1);
    // a walk-in borrower takes the copy from the shelf before it is pulled
    const walkIn = await seedPatron(lib);
    expectStatus(await a.checkout(walkIn.cardNumber, rec.barcodes[0]), 201);
    // the librarian pulls the other copy and checks it in: now it is trapped
    const pulled = expectStatus(await a.checkin(rec.barcodes[1], { branchCode: 'tobu' }), 200);
    expect(pulled.body.loan).toBeUndefined();
    expect(pulled.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'in-transit', pickupBranchCode: 'central' });
    expect(expectStatus(await a.get('/desk/pull-list'), 200).body.filter((e: { recordId: string }) => e.recordId === rec.id)).toEqual([]);
  });

  it('katori (no walk-in priority): a copy on the shelf is set aside at once and appears on the pull list', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'omigawa' }, { branchCode: 'sawara' }] });
    const holder = await seedPatron(lib);
    const [hold] = expectStatus(await a.placeHolds(holder.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201).body;
    // the copy at the pickup branch is preferred
    expect(hold).toMatchObject({ status: 'in-transit', itemBarcode: rec.barcodes[1], cancellable: false });
    expect(await itemStatus(lib, rec.barcodes[1])).toBe('reserved');
    expect(expectStatus(await a.get('/desk/pull-list?branchCode=sawara'), 200).body).toContainEqual(
      expect.objectContaining({ reason: 'allocated', itemBarcode: rec.barcodes[1], holdId: hold.id, pickupPointCode: 'sawara-counter' }),
    );
    const walkIn = await seedPatron(lib);
    expect(expectStatus(await a.checkout(walkIn.cardNumber, rec.barcodes[1]), 409).body.code).toBe('ITEM_RESERVED_FOR_ANOTHER');
    expectStatus(await a.checkout(walkIn.cardNumber, rec.barcodes[0]), 201); // the other copy is free
    const res = expectStatus(await a.checkin(rec.barcodes[1], { branchCode: 'sawara' }), 200);
    expect(res.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(7) });
  });

  it('skips postponed holds when trapping, keeping their place in the queue', async () => {
    const lib = libs.city003;
    const a = api(lib);
    await changePolicy(lib, (p) => {
      p.holds.postponeAllowed = true;
    });
    const { rec } = await lentTitle(lib, 'central');
    const [away, next] = [await seedPatron(lib), await seedPatron(lib)];
    const [h1] = expectStatus(await a.placeHolds(away.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    const [h2] = expectStatus(await a.placeHolds(next.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    expectStatus(await a.patch(`/me/holds/${h1.id}`, { suspendedUntil: day(14) }, away.token), 200);
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold.holdId).toBe(h2.id);
    expect(expectStatus(await a.myHolds(away.token), 200).body[0]).toMatchObject({ id: h1.id, status: 'waiting', queuePosition: 1, suspendedUntil: day(14) });
  });

  it('kitakyushu ordered series (順番予約): a later volume is never allocated before the earlier one', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    const vol1 = await lentTitle(lib, 'central', 1, { title: '三国志 1', series: '三国志', volume: '1' });
    const vol2 = await lentTitle(lib, 'central', 1, { title: '三国志 2', series: '三国志', volume: '2' });
    const reader = await seedPatron(lib);
    const placed = expectStatus(
      await a.placeHolds(reader.token, { recordIds: [vol1.rec.id, vol2.rec.id], pickupPointCode: 'central-counter', contact: 'none', ordered: true }),
      201,
    ).body;
    expect(placed.map((h: { ordered: { position: number } }) => h.ordered.position)).toEqual([1, 2]);
    const [h1, h2] = placed;
    // someone else also waits for volume 2, behind the series reader
    const other = await seedPatron(lib);
    const [o2] = expectStatus(await a.placeHolds(other.token, { recordIds: [vol2.rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;

    // volume 2 comes back first: the series reader's hold must wait, so the copy goes to the other patron
    const first = expectStatus(await a.checkin(vol2.rec.barcodes[0]), 200).body;
    expect(first.trappedHold.holdId).toBe(o2.id);
    expect((await holdRow(lib, h2.id)).status).toBe('waiting');

    // a second copy of volume 2 is bought and shelved: still not for the series reader
    await t.ds.query(`INSERT INTO ${lib.schema}.items (record_id, barcode, branch_code) VALUES ($1, $2, 'central')`, [vol2.rec.id, `${vol2.rec.barcodes[0]}-2`]);
    expect((await a.checkin(`${vol2.rec.barcodes[0]}-2`)).body.trappedHold).toBeUndefined();
    expect((await holdRow(lib, h2.id)).status).toBe('waiting');

    // volume 1 comes back: ready; and at once volume 2's copy on the shelf is set aside for the reader
    const v1 = expectStatus(await a.checkin(vol1.rec.barcodes[0]), 200).body;
    expect(v1.trappedHold).toMatchObject({ holdId: h1.id, status: 'ready' });
    expect(await holdRow(lib, h2.id)).toMatchObject({ status: 'in-transit' });
    expect(await itemStatus(lib, `${vol2.rec.barcodes[0]}-2`)).toBe('reserved');
    expect(expectStatus(await a.get('/desk/pull-list'), 200).body).toContainEqual(expect.objectContaining({ holdId: h2.id, reason: 'allocated' }));
  });

  it('title-level holds: any loanable copy satisfies; a not-for-loan copy is never trapped', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'main' }, { branchCode: 'main' }, { branchCode: 'main', loanable: false }] });
    const borrower = await seedPatron(lib);
    for (const b of rec.barcodes.slice(0, 2)) expectStatus(await a.checkout(borrower.cardNumber, b), 201);
    const patron = await seedPatron(lib);
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201).body;
    expect((await a.checkin(rec.barcodes[2])).body.trappedHold).toBeUndefined();
    expect(expectStatus(await a.checkin(rec.barcodes[1]), 200).body.trappedHold.holdId).toBe(hold.id);
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold).toBeUndefined();
  });

  it('a patron who borrows another copy of a title they hold collects the hold; the copy kept for them passes on (Kushiro)', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    // copy A is on loan at the central library, copy B stands on the bookmobile's shelf
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }, { branchCode: 'bm' }] });
    const borrower = await seedPatron(lib);
    expectStatus(await a.checkout(borrower.cardNumber, rec.barcodes[0]), 201);
    const [holder, next] = [await seedPatron(lib), await seedPatron(lib)];
    const [h1] = expectStatus(await a.placeHolds(holder.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    const [h2] = expectStatus(await a.placeHolds(next.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    // walk-in priority: copy B stays on the shelf; copy A comes back and waits for the holder
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold).toMatchObject({ holdId: h1.id, status: 'ready' });
    // …who meanwhile borrows copy B at the bookmobile
    const loan = expectStatus(await a.checkout(holder.cardNumber, rec.barcodes[1]), 201).body;
    expect(loan.collectedHoldId).toBe(h1.id);
    expect(await holdRow(lib, h1.id)).toMatchObject({ status: 'collected' });
    // copy A goes from the hold shelf to the next patron, at once
    expect(await holdRow(lib, h2.id)).toMatchObject({ status: 'ready', last_day: day(7) });
    expect(expectStatus(await a.myHolds(next.token), 200).body[0]).toMatchObject({ status: 'ready', itemBarcode: rec.barcodes[0] });
  });

  it('staff cancel a ready hold: the patron is told by e-mail and the copy passes on', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const { rec } = await lentTitle(lib, 'main');
    const [p1, p2] = [await seedPatron(lib), await seedPatron(lib)];
    const [h1] = expectStatus(await a.placeHolds(p1.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201).body;
    const [h2] = expectStatus(await a.placeHolds(p2.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201).body;
    expectStatus(await a.checkin(rec.barcodes[0]), 200);
    const res = expectStatus(await a.post(`/desk/holds/${h1.id}/cancel`, { reason: '利用者の申し出' }), 200);
    expect(res.body.status).toBe('cancelled');
    expect(await mails(lib, 'hold-cancelled', p1.id)).toHaveLength(1);
    expect(await holdRow(lib, h2.id)).toMatchObject({ status: 'ready', last_day: day(7) });
  });
});
