import { adminToken, createTestApp, TestApp } from './support/app';
import { api, day, daysAgoAt10, expectStatus, Library, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * Renewals by each city's rules: online (the patron) and at the counter (the desk), with
 * the loan list's `renewable` decided by the same policy before the patron asks.
 */
describe('circulation: renewals per city', () => {
  let t: TestApp;
  const libs: Record<string, Library> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  /** A patron with one loan of a fresh title, checked out `daysAgo` days ago at the first branch. */
  async function loanOf(lib: Library, branchCode: string, daysAgo = 0, extra: { ill?: boolean; owned?: boolean } = {}) {
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode, owned: extra.owned ?? true }] });
    const loan = expectStatus(
      await api(lib).checkout(patron.cardNumber, rec.barcodes[0], { ...(daysAgo ? { at: daysAgoAt10(daysAgo) } : {}), ...(extra.ill ? { ill: true } : {}) }),
      201,
    ).body;
    return { patron, rec, loan };
  }

  /** Another patron waits for the title (a hold on a title whose only copy is on loan). */
  async function holdBy(lib: Library, recordId: string, pickupPointCode: string, contact = 'none') {
    const other = await seedPatron(lib);
    expectStatus(await api(lib).placeHolds(other.token, { recordIds: [recordId], pickupPointCode, contact }), 201);
    return other;
  }

  it('katori: once, +14 days from the due date; refused when someone holds the title or the item came by ILL', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const { patron, loan } = await loanOf(lib, 'sawara', 5); // due in 9 days
    expect(loan.dueDate).toBe(day(9));
    const listed = expectStatus(await a.myLoans(patron.token), 200).body[0];
    expect(listed).toMatchObject({ hasHolds: false, renewable: { ok: true, newDueDate: day(23) } });
    const renewed = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 200);
    expect(renewed.body).toMatchObject({ id: loan.id, dueDate: day(23), renewals: 1 });
    const again = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 409);
    expect(again.body.code).toBe('RENEWAL_LIMIT');
    expect(again.body.message.ja).toContain('延長');
    expect(expectStatus(await a.myLoans(patron.token), 200).body[0].renewable).toEqual({ ok: false, code: 'RENEWAL_LIMIT' });

    const held = await loanOf(lib, 'sawara');
    await holdBy(lib, held.rec.id, 'omigawa-counter');
    expect(expectStatus(await a.myLoans(held.patron.token), 200).body[0]).toMatchObject({ hasHolds: true, renewable: { ok: false, code: 'ITEM_HAS_HOLDS' } });
    expect(expectStatus(await a.post(`/me/loans/${held.loan.id}/renew`, {}, held.patron.token), 409).body.code).toBe('ITEM_HAS_HOLDS');

    const ill = await loanOf(lib, 'sawara', 0, { ill: true });
    expect(ill.loan.ill).toBe(true);
    expect(expectStatus(await a.post(`/me/loans/${ill.loan.id}/renew`, {}, ill.patron.token), 409).body.code).toBe('ILL_NOT_RENEWABLE');

    // a loan of someone else is not found
    expect(expectStatus(await a.post(`/me/loans/${held.loan.id}/renew`, {}, patron.token), 404).body.code).toBe('LOAN_NOT_FOUND');
    expect(expectStatus(await a.post(`/me/loans/not-a-uuid/renew`, {}, patron.token), 404).body.code).toBe('LOAN_NOT_FOUND');
  });

  it('kushiro: from the due date; an overdue loan is refused online but renewed at the counter', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const { patron, loan } = await loanOf(lib, 'central', 5);
    expect(expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 200).body.dueDate).toBe(day(23));

    const late = await loanOf(lib, 'central', 20); // due 6 days ago
    expect(expectStatus(await a.myLoans(late.patron.token), 200).body[0]).toMatchObject({ overdue: true, renewable: { ok: false, code: 'OVERDUE' } });
    expect(expectStatus(await a.post(`/me/loans/${late.loan.id}/renew`, {}, late.patron.token), 409).body.code).toBe('OVERDUE');
    // 001:170: at the counter (or by phone) the librarian may still renew
    const desk = expectStatus(await a.post('/desk/renewals', { itemBarcode: late.rec.barcodes[0] }), 200);
    expect(desk.body).toMatchObject({ dueDate: day(8), renewals: 1, overdue: false });
    const [row] = await t.ds.query(`SELECT overdue_since FROM ${lib.schema}.loans WHERE id = $1`, [late.loan.id]);
    expect(row.overdue_since).toBeNull();

    const held = await loanOf(lib, 'central');
    await holdBy(lib, held.rec.id, 'central-locker');
    expect(expectStatus(await a.post('/desk/renewals', { itemBarcode: held.rec.barcodes[0] }), 409).body.code).toBe('ITEM_HAS_HOLDS');
  });

  it('kitakyushu: from the day of renewal; items not owned by the city and ILL loans are not renewable', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    const { patron, loan } = await loanOf(lib, 'central', 5); // due in 9 days
    const renewed = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 200);
    expect(renewed.body.dueDate).toBe(day(14)); // today + 2 weeks, not due date + 2 weeks
    const notOwned = await loanOf(lib, 'central', 0, { owned: false });
    expect(expectStatus(await a.post(`/me/loans/${notOwned.loan.id}/renew`, {}, notOwned.patron.token), 409).body.code).toBe('ILL_NOT_RENEWABLE');
    const late = await loanOf(lib, 'central', 15);
    expect(expectStatus(await a.post(`/me/loans/${late.loan.id}/renew`, {}, late.patron.token), 409).body.code).toBe('OVERDUE');
  });

  it('city003: no online renewal, not by phone either; the counter renews', async () => {
    const lib = libs.city003;
    const a = api(lib);
    const { patron, rec, loan } = await loanOf(lib, 'central');
    expect(expectStatus(await a.myLoans(patron.token), 200).body[0].renewable).toEqual({ ok: false, code: 'NOT_RENEWABLE_ONLINE' });
    const online = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 409);
    expect(online.body.code).toBe('NOT_RENEWABLE_ONLINE');
    expect(expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0], channel: 'phone' }), 409).body.code).toBe('NOT_RENEWABLE_BY_PHONE');
    const counter = expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 200);
    expect(counter.body).toMatchObject({ id: loan.id, dueDate: day(28), renewals: 1 });
    const [r] = await t.ds.query(`SELECT channel, to_char(old_due_date,'YYYY-MM-DD') AS old, to_char(new_due_date,'YYYY-MM-DD') AS new, policy_version FROM ${lib.schema}.loan_renewals WHERE loan_id = $1`, [
      loan.id,
    ]);
    expect(r).toEqual({ channel: 'counter', old: day(14), new: day(28), policy_version: 1 });
    expect(expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 409).body.code).toBe('RENEWAL_LIMIT');
    expectStatus(await a.checkin(rec.barcodes[0]), 200);
    expect(expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 409).body.code).toBe('NOT_ON_LOAN');
  });

  it('koga: once, within the loan period, unless someone else holds the title', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const { patron, loan } = await loanOf(lib, 'main', 3);
    expect(expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 200).body).toMatchObject({ dueDate: day(25), renewals: 1 });
    expect(expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 409).body.code).toBe('RENEWAL_LIMIT');
    const held = await loanOf(lib, 'main');
    await holdBy(lib, held.rec.id, 'main-counter', 'email'); // Koga: e-mail contact only, and only copies on loan can be held
    expect(expectStatus(await a.post(`/me/loans/${held.loan.id}/renew`, {}, held.patron.token), 409).body.code).toBe('ITEM_HAS_HOLDS');
  });

  it('refuses online renewal on an expired card where the city blocks the web service (Kushiro)', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201).body;
    await t.ds.query(`UPDATE ${lib.schema}.patrons SET expires_at = $2 WHERE id = $1`, [patron.id, day(-1)]);
    expect(expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 403).body.code).toBe('CARD_EXPIRED');
  });
});
