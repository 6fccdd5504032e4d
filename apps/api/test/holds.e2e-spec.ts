import { adminToken, createTestApp, TestApp } from './support/app';
import { api, changePolicy, day, expectStatus, Library, mails, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * Holds from the patron's side, per city: the cart, placing holds (all or nothing, decided
 * by the policy), the hold list with queue positions, cancel, pickup change and postpone.
 */
describe('holds: cart, placement and the patron’s hold list', () => {
  let t: TestApp;
  const libs: Record<string, Library> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  /** A title whose copies are all on loan to someone (so any city lets a patron hold it). */
  async function onLoanTitle(lib: Library, branchCode: string, extra: { title?: string; copies?: number } = {}) {
    const rec = await seedRecord(lib, { title: extra.title, copies: Array.from({ length: extra.copies ?? 1 }, () => ({ branchCode })) });
    const borrower = await seedPatron(lib);
    for (const b of rec.barcodes) expectStatus(await api(lib).checkout(borrower.cardNumber, b), 201);
    return rec;
  }

  it('keeps a reservation cart: add, list with the policy’s reservable verdict, select, remove (Koga)', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const onShelf = await seedRecord(lib, { title: '書架にある本', copies: [{ branchCode: 'main' }] });
    const onLoan = await onLoanTitle(lib, 'main', { title: '貸出中の本' });
    expectStatus(await a.post('/me/cart', { recordId: onShelf.id }, patron.token), 201);
    const added = expectStatus(await a.post('/me/cart', { recordId: onLoan.id }, patron.token), 201);
    expect(added.body).toMatchObject({ recordId: onLoan.id, title: '貸出中の本', selected: true, reservable: { ok: true } });
    expectStatus(await a.post('/me/cart', { recordId: onLoan.id }, patron.token), 201); // adding twice keeps one entry
    const cart = expectStatus(await a.get('/me/cart', patron.token), 200).body;
    expect(cart.map((c: { recordId: string }) => c.recordId)).toEqual([onShelf.id, onLoan.id]);
    // Koga reserves only copies on loan: the OPAC can say so before the patron submits
    expect(cart[0].reservable).toEqual({ ok: false, code: 'NOT_RESERVABLE', reason: 'ON_SHELF' });
    expect(expectStatus(await a.patch(`/me/cart/${onShelf.id}`, { selected: false }, patron.token), 200).body.selected).toBe(false);
    expectStatus(await a.delete(`/me/cart/${onShelf.id}`, patron.token), 204);
    expect(expectStatus(await a.delete(`/me/cart/${onShelf.id}`, patron.token), 404).body.code).toBe('CART_ITEM_NOT_FOUND');
    expect(expectStatus(await a.post('/me/cart', { recordId: '00000000-0000-4000-8000-000000000000' }, patron.token), 404).body.code).toBe('RECORD_NOT_FOUND');
    expect(expectStatus(await a.get('/me/cart', patron.token), 200).body).toHaveLength(1);
    // another patron's cart is their own
    const other = await seedPatron(lib);
    expect(expectStatus(await a.get('/me/cart', other.token), 200).body).toEqual([]);
    // staff are not patrons
    expect((await a.get('/me/cart')).status).toBe(401);
  });

  it('places holds all or nothing: the first refusal names the record and nothing is written (Katori)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const ok = await onLoanTitle(lib, 'sawara');
    const reference = await seedRecord(lib, { copies: [{ branchCode: 'sawara', loanable: false }] });
    for (const r of [ok, reference]) expectStatus(await a.post('/me/cart', { recordId: r.id }, patron.token), 201);
    const res = expectStatus(await a.placeHolds(patron.token, { recordIds: [ok.id, reference.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 422);
    expect(res.body).toMatchObject({ code: 'NOT_RESERVABLE', reason: 'NO_LOANABLE_COPY', recordId: reference.id, index: 1 });
    expect(expectStatus(await a.myHolds(patron.token), 200).body).toEqual([]);
    expect(expectStatus(await a.get('/me/cart', patron.token), 200).body).toHaveLength(2);

    const placed = expectStatus(await a.placeHolds(patron.token, { recordIds: [ok.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201);
    expect(placed.body).toEqual([
      expect.objectContaining({ recordId: ok.id, status: 'waiting', queuePosition: 1, pickupPointCode: 'sawara-counter', contact: 'email', policyVersion: 1 }),
    ]);
    // placed holds leave the cart; the rest stays
    expect(expectStatus(await a.get('/me/cart', patron.token), 200).body.map((c: { recordId: string }) => c.recordId)).toEqual([reference.id]);
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [ok.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 409).body.code).toBe('ALREADY_HELD');
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [ok.id], pickupPointCode: 'nowhere', contact: 'email' }), 422).body.code).toBe('UNKNOWN_PICKUP_POINT');
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [ok.id, ok.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 400).body.code).toBe('VALIDATION');
    const [row] = await t.ds.query(`SELECT policy_version FROM ${lib.schema}.holds WHERE id = $1`, [placed.body[0].id]);
    expect(row.policy_version).toBe(1);
  });

  it('katori: at most 10 active holds; e-mail contact needs an address; ordered series are not offered', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const titles = [];
    for (let i = 0; i < 11; i++) titles.push(await seedRecord(lib, { copies: [{ branchCode: 'sawara', status: 'on-loan' }] }));
    const ten = titles.slice(0, 10).map((r) => r.id);
    expectStatus(await a.placeHolds(patron.token, { recordIds: ten.slice(0, 4), pickupPointCode: 'sawara-counter', contact: 'none' }), 201);
    // the limit counts the holds already active plus the ones in this request
    const over = expectStatus(await a.placeHolds(patron.token, { recordIds: [...ten.slice(4), titles[10].id], pickupPointCode: 'sawara-counter', contact: 'none' }), 409);
    expect(over.body).toMatchObject({ code: 'HOLD_LIMIT', limit: 10, index: 6, recordId: titles[10].id });
    expectStatus(await a.placeHolds(patron.token, { recordIds: ten.slice(4), pickupPointCode: 'sawara-counter', contact: 'none' }), 201);
    expect(expectStatus(await a.myHolds(patron.token), 200).body).toHaveLength(10);

    const noMail = await seedPatron(lib, { email: null });
    expect(expectStatus(await a.placeHolds(noMail.token, { recordIds: [titles[10].id], pickupPointCode: 'sawara-counter', contact: 'email' }), 422).body.code).toBe(
      'EMAIL_REQUIRED',
    );
    expect(
      expectStatus(await a.placeHolds(noMail.token, { recordIds: [titles[10].id, titles[9].id], pickupPointCode: 'sawara-counter', contact: 'none', ordered: true }), 422)
        .body.code,
    ).toBe('ORDERED_NOT_SUPPORTED');
  });

  it('koga: only copies on loan, e-mail contact only, at most 10 counting requests placed by other means; a received mail', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const patron = await seedPatron(lib, { email: 'reader@example.jp' });
    const shelf = await seedRecord(lib, { copies: [{ branchCode: 'main' }] });
    const res = expectStatus(await a.placeHolds(patron.token, { recordIds: [shelf.id], pickupPointCode: 'main-counter', contact: 'email' }), 422);
    expect(res.body).toMatchObject({ code: 'NOT_RESERVABLE', reason: 'ON_SHELF' });
    const loaned = [];
    for (let i = 0; i < 8; i++) loaned.push(await seedRecord(lib, { copies: [{ branchCode: 'main', status: 'on-loan' }] }));
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [loaned[0].id], pickupPointCode: 'main-counter', contact: 'none' }), 422).body.code).toBe(
      'CONTACT_NOT_ALLOWED',
    );
    // three requests made at the counter (ILL, books not yet owned) count toward the 10
    for (let i = 0; i < 3; i++) {
      const r = await seedRecord(lib, { copies: [] });
      await t.ds.query(`INSERT INTO ${lib.schema}.holds (patron_id, record_id, pickup_point_code, placed_via, policy_version) VALUES ($1,$2,'main-counter','request',1)`, [
        patron.id,
        r.id,
      ]);
    }
    const seven = loaned.slice(0, 7).map((r) => r.id);
    const placed = expectStatus(await a.placeHolds(patron.token, { recordIds: seven, pickupPointCode: 'main-counter', contact: 'email' }), 201);
    expect(placed.body).toHaveLength(7);
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [loaned[7].id], pickupPointCode: 'main-counter', contact: 'email' }), 409).body).toMatchObject({
      code: 'HOLD_LIMIT',
      limit: 10,
    });
    // 予約受付メール: one mail for the request, listing every title
    const received = await mails(lib, 'hold-received', patron.id);
    expect(received).toHaveLength(1);
    expect(received[0].to_address).toBe('reader@example.jp');
    for (const r of loaned.slice(0, 7)) expect(received[0].body).toContain(r.title);
  });

  it('kushiro: the hold confirmation mail is sent only when the patron asks for it; contact none or e-mail', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const [r1, r2] = [await onLoanTitle(lib, 'central'), await onLoanTitle(lib, 'central')];
    expectStatus(await a.placeHolds(patron.token, { recordIds: [r1.id], pickupPointCode: 'central-locker', contact: 'none' }), 201);
    expect(await mails(lib, 'hold-received', patron.id)).toHaveLength(0);
    expectStatus(await a.placeHolds(patron.token, { recordIds: [r2.id], pickupPointCode: 'bm-03', contact: 'email', emailConfirmation: true }), 201);
    expect(await mails(lib, 'hold-received', patron.id)).toHaveLength(1);
    const r3 = await onLoanTitle(lib, 'central');
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [r3.id], pickupPointCode: 'bm-03', contact: 'phone' }), 422).body.code).toBe('CONTACT_NOT_ALLOWED');
    // an expired card closes the web service in Kushiro; a blocked card everywhere
    const expired = await seedPatron(lib, { expiresAt: day(-1) });
    expect(expectStatus(await a.placeHolds(expired.token, { recordIds: [r1.id], pickupPointCode: 'central-counter', contact: 'none' }), 403).body.code).toBe(
      'CARD_EXPIRED',
    );
    const blocked = await seedPatron(lib, { status: 'blocked' });
    expect(expectStatus(await a.placeHolds(blocked.token, { recordIds: [r1.id], pickupPointCode: 'central-counter', contact: 'none' }), 403).body.code).toBe(
      'PATRON_BLOCKED',
    );
  });

  it('kitakyushu: only copies owned by the city; status words and estimated queue positions of the city', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    const notOwned = await seedRecord(lib, { copies: [{ branchCode: 'central', owned: false, status: 'on-loan' }] });
    const p1 = await seedPatron(lib);
    expect(expectStatus(await a.placeHolds(p1.token, { recordIds: [notOwned.id], pickupPointCode: 'central-counter', contact: 'none' }), 422).body).toMatchObject({
      code: 'NOT_RESERVABLE',
      reason: 'NOT_OWNED',
    });
    const rec = await onLoanTitle(lib, 'central');
    const patrons = [p1, await seedPatron(lib), await seedPatron(lib)];
    for (const p of patrons) expectStatus(await a.placeHolds(p.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201);
    const positions = [];
    for (const p of patrons) positions.push(expectStatus(await a.myHolds(p.token), 200).body[0]);
    expect(positions.map((h) => h.queuePosition)).toEqual([1, 2, 3]);
    expect(positions[0]).toMatchObject({
      status: 'waiting',
      statusLabel: { ja: '予約中です', en: 'Waiting' },
      pickupPointName: '中央図書館 窓口',
      cancellable: true,
      pickupChangeable: true,
      postponable: false,
    });
  });

  it('kitakyushu: cancel and pickup change while waiting only; cancelled holds stay listed for two weeks', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    await t.ds.query(`INSERT INTO ${lib.schema}.branches (code, name) VALUES ('yahata', '八幡図書館')`);
    await t.ds.query(`INSERT INTO ${lib.schema}.pickup_points (code, name, kind, branch_code) VALUES ('yahata-counter', '八幡図書館 窓口', 'counter', 'yahata')`);
    const patron = await seedPatron(lib);
    const rec = await onLoanTitle(lib, 'central');
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    const moved = expectStatus(await a.patch(`/me/holds/${hold.id}`, { pickupPointCode: 'yahata-counter' }, patron.token), 200);
    expect(moved.body).toMatchObject({ pickupPointCode: 'yahata-counter', pickupPointName: '八幡図書館 窓口' });
    expect(expectStatus(await a.patch(`/me/holds/${hold.id}`, { pickupPointCode: 'nowhere' }, patron.token), 422).body.code).toBe('UNKNOWN_PICKUP_POINT');

    // the copy comes back and is trapped: 取寄・準備中 (in transit to Yahata) — no more changes
    const trapped = expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold;
    expect(trapped).toMatchObject({ holdId: hold.id, status: 'in-transit', pickupBranchCode: 'yahata' });
    const inTransit = expectStatus(await a.myHolds(patron.token), 200).body[0];
    expect(inTransit).toMatchObject({ status: 'in-transit', statusLabel: { ja: '取寄・準備中です' }, cancellable: false, pickupChangeable: false });
    expect(expectStatus(await a.patch(`/me/holds/${hold.id}`, { pickupPointCode: 'central-counter' }, patron.token), 409).body.code).toBe('PICKUP_CHANGE_NOT_ALLOWED');
    expect(expectStatus(await a.delete(`/me/holds/${hold.id}`, patron.token), 409).body.code).toBe('HOLD_NOT_CANCELLABLE');

    const other = await onLoanTitle(lib, 'central');
    const [waiting] = expectStatus(await a.placeHolds(patron.token, { recordIds: [other.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    const cancelled = expectStatus(await a.delete(`/me/holds/${waiting.id}`, patron.token), 200);
    expect(cancelled.body).toMatchObject({ id: waiting.id, status: 'cancelled', cancellable: false });
    expect(cancelled.body.cancelledAt).toBeDefined();
    let list = expectStatus(await a.myHolds(patron.token), 200).body;
    expect(list.map((h: { id: string; status: string }) => [h.id, h.status])).toContainEqual([waiting.id, 'cancelled']);
    // 14 days later it is still listed; 15 days later it is gone
    await t.ds.query(`UPDATE ${lib.schema}.holds SET cancelled_at = now() - interval '14 days' WHERE id = $1`, [waiting.id]);
    list = expectStatus(await a.myHolds(patron.token), 200).body;
    expect(list.some((h: { id: string }) => h.id === waiting.id)).toBe(true);
    await t.ds.query(`UPDATE ${lib.schema}.holds SET cancelled_at = now() - interval '15 days' - interval '1 hour' WHERE id = $1`, [waiting.id]);
    list = expectStatus(await a.myHolds(patron.token), 200).body;
    expect(list.some((h: { id: string }) => h.id === waiting.id)).toBe(false);
    // someone else's hold is not found
    const stranger = await seedPatron(lib);
    expect(expectStatus(await a.delete(`/me/holds/${hold.id}`, stranger.token), 404).body.code).toBe('HOLD_NOT_FOUND');
    expect(expectStatus(await a.delete(`/me/holds/xyz`, stranger.token), 404).body.code).toBe('HOLD_NOT_FOUND');
  });

  it('kushiro: holds placed at the counter cannot be cancelled online, nor once a copy is secured', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await onLoanTitle(lib, 'central');
    await t.ds.query(`INSERT INTO ${lib.schema}.holds (patron_id, record_id, pickup_point_code, placed_via, policy_version) VALUES ($1,$2,'central-counter','counter',1)`, [
      patron.id,
      rec.id,
    ]);
    const [counterHold] = expectStatus(await a.myHolds(patron.token), 200).body;
    expect(counterHold).toMatchObject({ placedVia: 'counter', cancellable: false });
    expect(expectStatus(await a.delete(`/me/holds/${counterHold.id}`, patron.token), 409).body.code).toBe('HOLD_NOT_CANCELLABLE');
    // the desk can
    const byStaff = expectStatus(await a.post(`/desk/holds/${counterHold.id}/cancel`, { reason: '電話で取消' }), 200);
    expect(byStaff.body.status).toBe('cancelled');
    expect(await mails(lib, 'hold-cancelled', patron.id)).toHaveLength(0); // contact: none
    expect(expectStatus(await a.post(`/desk/holds/${counterHold.id}/cancel`, {}), 409).body.code).toBe('HOLD_ALREADY_FINISHED');

    // a web hold, once its copy is secured (ready at the counter), is no longer cancelled online
    const [webHold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    expect(webHold.cancellable).toBe(true);
    expect(expectStatus(await a.checkin(rec.barcodes[0]), 200).body.trappedHold).toMatchObject({ holdId: webHold.id, status: 'ready' });
    expect(expectStatus(await a.delete(`/me/holds/${webHold.id}`, patron.token), 409).body.code).toBe('HOLD_NOT_CANCELLABLE');
  });

  it('city003: cancel only while waiting and not yet allocated', async () => {
    const lib = libs.city003;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const onShelf = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    // no walk-in priority: a copy on the shelf is set aside at once (順番待ち until it is on the hold shelf)
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [onShelf.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    expect(hold).toMatchObject({ status: 'in-transit', statusLabel: { ja: '順番待ち' }, cancellable: false, itemBarcode: onShelf.barcodes[0] });
    expect(expectStatus(await a.delete(`/me/holds/${hold.id}`, patron.token), 409).body.code).toBe('HOLD_NOT_CANCELLABLE');
    const loaned = await onLoanTitle(lib, 'central');
    const [waiting] = expectStatus(await a.placeHolds(patron.token, { recordIds: [loaned.id], pickupPointCode: 'central-counter', contact: 'none' }), 201).body;
    expect(waiting).toMatchObject({ status: 'waiting', cancellable: true });
    expectStatus(await a.delete(`/me/holds/${waiting.id}`, patron.token), 200);
  });

  it('postpones a waiting hold only where the policy allows it, and wakes it again', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await onLoanTitle(lib, 'sawara');
    const [hold] = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201).body;
    expect(expectStatus(await a.patch(`/me/holds/${hold.id}`, { suspendedUntil: day(10) }, patron.token), 409).body.code).toBe('POSTPONE_NOT_ALLOWED');
    await changePolicy(lib, (p) => {
      p.holds.postponeAllowed = true;
    });
    const postponed = expectStatus(await a.patch(`/me/holds/${hold.id}`, { suspendedUntil: day(10) }, patron.token), 200);
    expect(postponed.body).toMatchObject({ suspendedUntil: day(10), postponable: true, status: 'waiting' });
    expect(expectStatus(await a.patch(`/me/holds/${hold.id}`, { suspendedUntil: day(-1) }, patron.token), 422).body.code).toBe('SUSPEND_DATE_INVALID');
    expect(expectStatus(await a.patch(`/me/holds/${hold.id}`, { suspendedUntil: '10/10/2030' }, patron.token), 400).body.code).toBe('VALIDATION');
    const woken = expectStatus(await a.patch(`/me/holds/${hold.id}`, { suspendedUntil: null }, patron.token), 200);
    expect(woken.body.suspendedUntil).toBeUndefined();
    await changePolicy(lib, (p) => {
      p.holds.postponeAllowed = false;
    });
  });

  it('keeps libraries apart: another library’s records cannot be held or put in the cart', async () => {
    const katoriRec = await seedRecord(libs.katori, { copies: [{ branchCode: 'sawara', status: 'on-loan' }] });
    const kogaPatron = await seedPatron(libs.koga);
    const k = api(libs.koga);
    expect(expectStatus(await k.placeHolds(kogaPatron.token, { recordIds: [katoriRec.id], pickupPointCode: 'main-counter', contact: 'email' }), 404).body.code).toBe(
      'RECORD_NOT_FOUND',
    );
    expect(expectStatus(await k.post('/me/cart', { recordId: katoriRec.id }, kogaPatron.token), 404).body.code).toBe('RECORD_NOT_FOUND');
  });
});
