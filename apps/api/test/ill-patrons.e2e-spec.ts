import { CityMessages } from '../src/modules/ill/messages/city-messages';
import { adminToken, createTestApp, TestApp, uniqueSlug } from './support/app';
import { api, bearer, expectStatus, Library, seedPatron, SeededPatron, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * 相互貸借 as the patron meets it (issue #16): an ILL loan among the patron's loans (My page and
 * the desk's patron page), renewed or refused by the borrowing city's policy (Katori:
 * ILL_NOT_RENEWABLE; Koga renews), and a patron's own ask where the agreement allows it
 * (`ill.patronsMayAsk`), forwarded to the lender or declined by a librarian. Two real cities.
 */
describe('ILL for patrons: loans among the loans, and asking for a title', () => {
  let t: TestApp;
  let admin: string;
  let katori: Library;
  let koga: Library;
  let hanako: SeededPatron; // Katori's
  let taro: SeededPatron; // Koga's
  let cities: string[];

  const deliver = () => t.app.get(CityMessages).deliverAll(cities);
  const me = (lib: Library, p: SeededPatron) => ({
    get: (path: string) => t.http().get(`/api/t/${lib.slug}/me${path}`).set(bearer(p.token)),
    post: (path: string, body: object = {}) => t.http().post(`/api/t/${lib.slug}/me${path}`).set(bearer(p.token)).send(body),
  });
  const incoming = async (lib: Library, number: string) =>
    expectStatus(await api(lib).get('/admin/ill/incoming?size=200'), 200).body.items.find((x: { number: string }) => x.number === number);

  /** A request made at `borrower`'s desk for `p`, carried through to a loan. */
  async function illLoan(borrower: Library, lender: Library, p: SeededPatron, title: string, pickup?: string) {
    const rec = await seedRecord(lender, { title, copies: [{ branchCode: lender === katori ? 'sawara' : 'main' }] });
    const made = expectStatus(await api(borrower).post('/admin/ill/requests', { lenderCity: lender.slug, recordId: rec.id, cardNumber: p.cardNumber, ...(pickup ? { pickupBranchCode: pickup } : {}) }), 201).body;
    await deliver();
    const asked = await incoming(lender, made.number);
    expectStatus(await api(lender).post(`/admin/ill/incoming/${asked.id}/accept`, { itemBarcode: rec.barcodes[0] }), 200);
    expectStatus(await api(lender).post(`/admin/ill/incoming/${asked.id}/send`), 200);
    await deliver();
    expectStatus(await api(borrower).post(`/admin/ill/requests/${made.id}/receive`), 200);
    const lent = expectStatus(await api(borrower).post(`/admin/ill/requests/${made.id}/lend`), 200).body;
    return { request: made, barcode: rec.barcodes[0], dueDate: lent.dueDate as string, lenderRequestId: asked.id as string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    katori = await setupLibrary(t, admin, 'katori');
    koga = await setupLibrary(t, admin, 'koga');
    cities = [katori.slug, koga.slug];
    await t.http().post('/api/platform/regions').set(bearer(admin)).send({ code: uniqueSlug('r'), name: '利根川テスト圏', members: cities }).expect(201);
    // Katori's patrons may ask Koga themselves; Koga's may not ask Katori (their librarians request for them)
    const agreement = (homeCity: string, hostCity: string, ill: object) =>
      t.http().post('/api/platform/agreements').set(bearer(admin)).send({ homeCity, hostCity, preset: 'mutual-use', terms: { ill } });
    expectStatus(await agreement(katori.slug, koga.slug, { requests: true, loanDays: 21, patronsMayAsk: true }), 201);
    expectStatus(await agreement(koga.slug, katori.slug, { requests: true, loanDays: 7 }), 201);
    hanako = await seedPatron(katori, { name: '香取花子' });
    taro = await seedPatron(koga, { name: '古賀太郎' });
  });
  afterAll(() => t.close());

  it('lists an ILL loan among the patron’s loans and on the desk’s patron page; Katori refuses its renewal (ILL_NOT_RENEWABLE)', async () => {
    const local = await seedRecord(katori, { title: '佐原の町並み', copies: [{ branchCode: 'sawara' }] });
    expectStatus(await api(katori).checkout(hanako.cardNumber, local.barcodes[0]), 201);
    const { request, barcode, dueDate } = await illLoan(katori, koga, hanako, '古河藩日記', 'sawara');

    const mine = expectStatus(await api(katori).myLoans(hanako.token), 200).body;
    expect(mine.map((l: { title: string }) => l.title).sort()).toEqual(['佐原の町並み', '古河藩日記']);
    const ill = mine.find((l: { ill: boolean }) => l.ill);
    expect(ill).toMatchObject({
      id: request.id,
      title: '古河藩日記',
      dueDate,
      itemBarcode: barcode,
      overdue: false,
      hasHolds: false,
      renewable: { ok: false, code: 'ILL_NOT_RENEWABLE' },
      illRequest: { number: request.number, lenderCity: { slug: koga.slug, name: `テスト市立図書館 ${koga.slug}` } },
    });
    expect(mine.find((l: { ill: boolean }) => !l.ill)).toMatchObject({ title: '佐原の町並み', ill: false });
    expect(mine.find((l: { ill: boolean }) => !l.ill).illRequest).toBeUndefined();

    const desk = expectStatus(await api(katori).get(`/admin/patrons/${hanako.id}/loans`), 200).body;
    expect(desk.find((l: { ill: boolean }) => l.ill)).toMatchObject({ id: request.id, title: '古河藩日記', renewable: { ok: false, code: 'ILL_NOT_RENEWABLE' }, illRequest: { lenderCity: { slug: koga.slug } } });

    // renewed neither by the patron nor at the counter (by the lender's barcode)
    const online = expectStatus(await me(katori, hanako).post(`/loans/${request.id}/renew`), 409);
    expect(online.headers['content-type']).toContain('application/problem+json');
    expect(online.body.code).toBe('ILL_NOT_RENEWABLE');
    expect(expectStatus(await api(katori).post('/desk/renewals', { itemBarcode: barcode }), 409).body.code).toBe('ILL_NOT_RENEWABLE');

    // another patron's loan id is not theirs to renew
    const other = await seedPatron(katori);
    expect(expectStatus(await me(katori, other).post(`/loans/${request.id}/renew`), 404).body.code).toBe('LOAN_NOT_FOUND');
    expect(expectStatus(await api(katori).myLoans(other.token), 200).body).toEqual([]);

    // returned: no longer among the loans
    expectStatus(await api(katori).post(`/admin/ill/requests/${request.id}/return`), 200);
    expect(expectStatus(await api(katori).myLoans(hanako.token), 200).body.map((l: { title: string }) => l.title)).toEqual(['佐原の町並み']);
  });

  it('renews an ILL loan where the borrowing city’s policy allows it (Koga), online and at the desk, and tells the lender', async () => {
    const { request, barcode, dueDate, lenderRequestId } = await illLoan(koga, katori, taro, '水郷の四季');
    const [loan] = expectStatus(await api(koga).myLoans(taro.token), 200).body;
    expect(loan).toMatchObject({ id: request.id, ill: true, dueDate, renewable: { ok: true }, illRequest: { lenderCity: { slug: katori.slug } } });
    expect(loan.renewable.newDueDate > dueDate).toBe(true);

    const renewed = expectStatus(await me(koga, taro).post(`/loans/${request.id}/renew`), 200).body;
    expect(renewed).toMatchObject({ id: request.id, ill: true, dueDate: loan.renewable.newDueDate, renewals: 1 });
    const after = expectStatus(await api(koga).myLoans(taro.token), 200).body[0];
    expect(after).toMatchObject({ dueDate: loan.renewable.newDueDate, renewals: 1, renewable: { ok: false, code: 'RENEWAL_LIMIT' } });
    // the desk: Koga renews once, so the counter now refuses too
    expect(expectStatus(await api(koga).post('/desk/renewals', { itemBarcode: barcode }), 409).body.code).toBe('RENEWAL_LIMIT');

    await deliver();
    expect(expectStatus(await api(katori).get(`/admin/ill/incoming/${lenderRequestId}`), 200).body.dueDate).toBe(loan.renewable.newDueDate);
    const audit = await t.ds.query(`SELECT actor_kind AS kind, after FROM ${koga.schema}.audit_log WHERE action = 'ill.renew' AND entity_id = $1`, [request.id]);
    expect(audit).toEqual([expect.objectContaining({ kind: 'patron', after: expect.objectContaining({ channel: 'online', dueDate: loan.renewable.newDueDate }) })]);
  });

  it('lets a patron ask where the agreement allows it; a librarian forwards it to the lender or declines it with a reason', async () => {
    // who may ask whom
    expect(expectStatus(await me(katori, hanako).get('/ill/lenders'), 200).body).toEqual([{ slug: koga.slug, name: `テスト市立図書館 ${koga.slug}` }]);
    expect(expectStatus(await me(koga, taro).get('/ill/lenders'), 200).body).toEqual([]);
    const katoriRec = await seedRecord(katori, { title: '伊能忠敬', copies: [{ branchCode: 'sawara' }] });
    expect(expectStatus(await me(koga, taro).post('/ill', { lenderCity: katori.slug, recordId: katoriRec.id }), 403).body.code).toBe('ILL_PATRONS_MAY_NOT_ASK');

    // Hanako asks Koga for a title Katori lacks: it waits in Katori, nothing crosses yet
    const rec = await seedRecord(koga, { title: '雪華図説', copies: [{ branchCode: 'main' }] });
    const asked = expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: rec.id, pickupBranchCode: 'sawara', note: '夏休みに' }), 201).body;
    expect(asked).toMatchObject({ status: 'asked', title: '雪華図説', lenderCity: { name: `テスト市立図書館 ${koga.slug}` }, cancellable: true, statusLabel: { ja: expect.any(String), en: expect.any(String) } });
    expect(expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: rec.id }), 409).body.code).toBe('ILL_ALREADY_ASKED');
    await deliver();
    expect(await incoming(koga, asked.number)).toBeUndefined();

    // the librarian sees it first in the list, and forwards it: now a request at Koga
    const list = expectStatus(await api(katori).get('/admin/ill/requests?status=asked'), 200).body;
    expect(list.items.map((x: { number: string }) => x.number)).toEqual([asked.number]);
    expect(list.items[0]).toMatchObject({ patron: { cardNumber: hanako.cardNumber }, note: '夏休みに', pickupBranchCode: 'sawara' });
    expect(expectStatus(await api(katori).post(`/admin/ill/requests/${asked.id}/forward`), 200).body).toMatchObject({ status: 'requested', number: asked.number });
    expect(expectStatus(await api(katori).post(`/admin/ill/requests/${asked.id}/forward`), 409).body.code).toBe('ILL_WRONG_STATUS');
    expect(expectStatus(await me(katori, hanako).post(`/ill/${asked.id}/cancel`), 409).body.code).toBe('ILL_WRONG_STATUS');
    await deliver();
    expect(await incoming(koga, asked.number)).toMatchObject({ status: 'requested', title: '雪華図説', note: '夏休みに', patronName: null, borrowerCity: { slug: katori.slug } });

    // a second ask is declined here, with the reason Hanako reads on My page
    const rec2 = await seedRecord(koga, { title: '古河志', copies: [{ branchCode: 'main' }] });
    const second = expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: rec2.id }), 201).body;
    expect(expectStatus(await api(katori).post(`/admin/ill/requests/${second.id}/decline`, { reason: '県立図書館から借りられます' }), 200).body).toMatchObject({ status: 'declined', declineReason: '県立図書館から借りられます' });
    const mine = expectStatus(await me(katori, hanako).get('/ill'), 200).body;
    expect(mine.find((r: { id: string }) => r.id === second.id)).toMatchObject({ status: 'declined', declineReason: '県立図書館から借りられます', cancellable: false });
    expect(mine.find((r: { id: string }) => r.id === asked.id)).toMatchObject({ status: 'requested', cancellable: false });

    // a third is withdrawn by Hanako herself; nobody else can withdraw it
    const rec3 = await seedRecord(koga, { title: '鷹見泉石日記', copies: [{ branchCode: 'main' }] });
    const third = expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: rec3.id }), 201).body;
    const other = await seedPatron(katori);
    expect(expectStatus(await me(katori, other).post(`/ill/${third.id}/cancel`), 404).body.code).toBe('ILL_REQUEST_NOT_FOUND');
    expect(expectStatus(await me(katori, hanako).post(`/ill/${third.id}/cancel`), 200).body).toMatchObject({ status: 'cancelled', cancellable: false });

    // the staff's steps are audited (the patron's ask is the patron's own)
    const audit = await t.ds.query(`SELECT action, entity_id AS "entityId" FROM ${katori.schema}.audit_log WHERE action IN ('ill.forward','ill.decline-ask') ORDER BY id`);
    expect(audit).toEqual([
      { action: 'ill.forward', entityId: asked.id },
      { action: 'ill.decline-ask', entityId: second.id },
    ]);
  });

  it('refuses an ask for a title this city has (by ISBN), and bad input, with stable codes', async () => {
    const theirs = await seedRecord(koga, { title: '利根川図志', copies: [{ branchCode: 'main' }] });
    const ours = await seedRecord(katori, { title: '利根川図志', copies: [{ branchCode: 'sawara' }] });
    await t.ds.query(`UPDATE ${koga.schema}.records SET isbn = '9784003340110' WHERE id = $1`, [theirs.id]);
    await t.ds.query(`UPDATE ${katori.schema}.records SET isbn = '9784003340110' WHERE id = $1`, [ours.id]);
    const held = expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: theirs.id }), 409).body;
    expect(held).toMatchObject({ code: 'ILL_HELD_HERE', recordId: ours.id });

    const bad = expectStatus(await me(katori, hanako).post('/ill', { lenderCity: 'Koga!', recordId: 'nope', note: 'x'.repeat(501) }), 400).body;
    expect(bad.code).toBe('VALIDATION');
    expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(['lenderCity', 'note', 'recordId']);
    expect(expectStatus(await me(katori, hanako).post('/ill', { lenderCity: katori.slug, recordId: theirs.id }), 422).body.code).toBe('ILL_SAME_CITY');
    expect(expectStatus(await me(katori, hanako).post('/ill', { lenderCity: koga.slug, recordId: ours.id }), 404).body.code).toBe('ILL_RECORD_NOT_FOUND');
    expect(expectStatus(await me(katori, hanako).post('/ill/not-a-uuid/cancel'), 404).body.code).toBe('ILL_REQUEST_NOT_FOUND');
    // staff use the desk's request form, not the patron's
    expect([401, 403]).toContain((await t.http().post(`/api/t/${katori.slug}/me/ill`).set(bearer(katori.staff)).send({ lenderCity: koga.slug, recordId: theirs.id })).status);
    // a decline needs its reason
    expect(expectStatus(await api(katori).post(`/admin/ill/requests/${theirs.id}/decline`, {}), 400).body.code).toBe('VALIDATION');
  });
});
