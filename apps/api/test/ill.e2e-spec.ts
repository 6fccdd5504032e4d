import { addDays } from '@shiori/policy';
import { CityMessages } from '../src/modules/ill/messages/city-messages';
import { adminToken, createTestApp, TestApp, uniqueSlug } from './support/app';
import { api, bearer, cardNumberFor, day, expectStatus, Library, mails, seedPatron, SeededPatron, seedRecord, setupLibrary, today } from './support/circulation-factories';

/**
 * 相互貸借 (issue #16) between real tenants on real PostgreSQL: Katori (the borrowing city, whose
 * policy does not renew ILL loans) requests from Koga (the lending city); the copy comes back
 * by Kitakyushu (return anywhere); a fourth city outside the region cannot take part. Every
 * cross-city step is a message delivered by the worker (CityMessages.deliverAll, run here for
 * this suite's cities only).
 */
describe('ILL: requests between two cities, on the courier, returned anywhere', () => {
  let t: TestApp;
  let admin: string;
  let borrower: Library; // katori
  let lender: Library; // koga
  let third: Library; // kitakyushu: a member of the region where the copy is returned
  let outside: Library; // not in the region
  let patron: SeededPatron;
  let cities: string[];

  const deliver = () => t.app.get(CityMessages).deliverAll(cities);
  const incoming = async (number: string) => {
    const list = expectStatus(await api(lender).get('/admin/ill/incoming?size=200'), 200).body;
    return list.items.find((x: { number: string }) => x.number === number);
  };
  const request = async (recordId: string, extra: object = {}) =>
    expectStatus(await api(borrower).post('/admin/ill/requests', { lenderCity: lender.slug, recordId, cardNumber: patron.cardNumber, pickupBranchCode: 'sawara', ...extra }), 201).body;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    borrower = await setupLibrary(t, admin, 'katori');
    lender = await setupLibrary(t, admin, 'koga');
    third = await setupLibrary(t, admin, 'kitakyushu');
    outside = await setupLibrary(t, admin, 'city003');
    cities = [borrower.slug, lender.slug, third.slug, outside.slug];
    await t
      .http()
      .post('/api/platform/regions')
      .set(bearer(admin))
      .send({ code: uniqueSlug('r'), name: '千葉・福岡テスト圏', members: [borrower.slug, lender.slug, third.slug] })
      .expect(201);
    // Katori's residents may ask Koga for ILL (21 days), returnable anywhere in the region; the patron's name stays in Katori
    expectStatus(
      await t.http().post('/api/platform/agreements').set(bearer(admin)).send({
        homeCity: borrower.slug,
        hostCity: lender.slug,
        preset: 'mutual-use',
        terms: { returns: 'anywhere', ill: { requests: true, loanDays: 21 } },
      }),
      201,
    );
    // Kitakyushu's residents may borrow at Koga (広域利用) but not ask for ILL, and return to Koga only
    expectStatus(await t.http().post('/api/platform/agreements').set(bearer(admin)).send({ homeCity: third.slug, hostCity: lender.slug, preset: 'mutual-use' }), 201);
    patron = await seedPatron(borrower, { name: '香取花子', email: 'hanako@example.jp' });
  });
  afterAll(() => t.close());

  it('makes the whole trip: request, accept, send, arrive, lend, return at a third city, home', async () => {
    const rec = await seedRecord(lender, { title: '利根川図志', copies: [{ branchCode: 'main' }] });
    const barcode = rec.barcodes[0];

    // the borrowing city's librarian requests the lender's record for the patron
    const made = await request(rec.id);
    expect(made).toMatchObject({ status: 'requested', title: '利根川図志', lenderCity: { slug: lender.slug }, patron: { cardNumber: patron.cardNumber, name: '香取花子' } });
    expect(made.number).toMatch(/^ILL-\d{6}$/);
    expect(await incoming(made.number)).toBeUndefined(); // nothing crossed yet: the message waits in Katori's outbox

    expect(await deliver()).toMatchObject({ delivered: 1, duplicates: 0, failed: 0, retried: 0 });
    const asked = await incoming(made.number);
    expect(asked).toMatchObject({ status: 'requested', title: '利根川図志', recordId: rec.id, borrowerCity: { slug: borrower.slug }, patronName: null, nextCourier: null });

    // the lender accepts with a copy from the shelf: it cannot be lent in Koga meanwhile
    const lenderPatron = await seedPatron(lender);
    expect(expectStatus(await api(lender).post(`/admin/ill/incoming/${asked.id}/accept`, { itemBarcode: barcode }), 200).body).toMatchObject({ status: 'accepted', itemBarcode: barcode });
    expect(expectStatus(await api(lender).checkout(lenderPatron.cardNumber, barcode), 409).body.code).toBe('ITEM_ON_ILL');
    expectStatus(await api(lender).post(`/admin/ill/incoming/${asked.id}/send`), 200);
    await deliver();
    const sent = expectStatus(await api(borrower).get(`/admin/ill/requests/${made.id}`), 200).body;
    expect(sent).toMatchObject({ status: 'in-transit', itemBarcode: barcode });
    expect(sent.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'accepted', 'in-transit']);

    // arrival: Katori does not know the barcode; the scan matches the request and the patron is told
    const arrived = expectStatus(await api(borrower).post('/admin/ill/checkins', { itemBarcode: barcode }), 200).body;
    expect(arrived).toMatchObject({ action: 'arrived', request: { status: 'arrived', number: made.number } });
    const ready = await mails(borrower, 'hold-ready', patron.id);
    expect(ready).toHaveLength(1);
    expect(ready[0].body).toContain('利根川図志');

    // lent on the agreement's ILL period, on a day Katori is open
    const lent = expectStatus(await api(borrower).post(`/admin/ill/requests/${made.id}/lend`), 200).body;
    expect(lent.status).toBe('on-loan');
    expect(lent.dueDate >= addDays(today(), 21)).toBe(true);
    expect(lent.dueDate <= day(28)).toBe(true);
    // Katori's rule: a book borrowed from another city's library is not renewable
    const renew = expectStatus(await api(borrower).post(`/admin/ill/requests/${made.id}/renew`), 409);
    expect(renew.headers['content-type']).toContain('application/problem+json');
    expect(renew.body.code).toBe('ILL_NOT_RENEWABLE');

    // the patron sees where the request is (the lending city by its name only)
    const mine = expectStatus(await t.http().get(`/api/t/${borrower.slug}/me/ill`).set(bearer(patron.token)), 200).body;
    expect(mine).toEqual([expect.objectContaining({ number: made.number, title: '利根川図志', status: 'on-loan', dueDate: lent.dueDate, lenderCity: { name: expect.any(String) } })]);
    expect(mine[0].lenderCity).toEqual({ name: `テスト市立図書館 ${lender.slug}` });

    await deliver();
    expect(await incoming(made.number)).toMatchObject({ status: 'on-loan', dueDate: lent.dueDate });

    // returned at Kitakyushu (the barcode is unknown there): routed home to Koga
    const routed = expectStatus(await api(third).post('/admin/ill/checkins', { itemBarcode: barcode }), 200).body;
    expect(routed).toMatchObject({ action: 'routed-home', request: { status: 'in-transit-home', ownerCity: { slug: lender.slug }, title: '利根川図志' } });
    const transits = expectStatus(await api(third).get('/admin/ill/transits'), 200).body;
    expect(transits.items.map((x: { itemBarcode: string }) => x.itemBarcode)).toEqual([barcode]);
    // scanned twice: still one transit, one message
    expect(expectStatus(await api(third).post('/admin/ill/checkins', { itemBarcode: barcode }), 200).body).toMatchObject({ action: 'in-transit-home', request: { itemBarcode: barcode } });
    expect(await t.ds.query(`SELECT kind FROM ${third.schema}.city_messages_out`)).toEqual([{ kind: 'ill.returned-elsewhere' }]);
    await deliver();
    expect(await incoming(made.number)).toMatchObject({ status: 'in-transit-home', returnedAt: { slug: third.slug } });
    expect(expectStatus(await api(borrower).get(`/admin/ill/requests/${made.id}`), 200).body).toMatchObject({ status: 'in-transit-home', returnedAt: { slug: third.slug } });

    // home: the lender's scan closes it at both ends and the copy can be lent in Koga again
    const home = expectStatus(await api(lender).post('/admin/ill/checkins', { itemBarcode: barcode }), 200).body;
    expect(home).toMatchObject({ action: 'back-on-shelf', request: { status: 'back-on-shelf' } });
    await deliver();
    expect(expectStatus(await api(borrower).get(`/admin/ill/requests/${made.id}`), 200).body.status).toBe('back-on-shelf');
    expectStatus(await api(lender).checkout(lenderPatron.cardNumber, barcode), 201);

    // every staff step is in each city's own audit log
    const audit = await t.ds.query(`SELECT action FROM ${lender.schema}.audit_log WHERE action LIKE 'ill.%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['ill.accept', 'ill.send', 'ill.check-in-home']);
  });

  it('returns a visitor’s loan (広域利用) at another member city: the lender’s loan is closed and the copy travels home', async () => {
    const resident = await seedPatron(borrower);
    const hostCard = cardNumberFor('koga');
    expectStatus(await api(lender).post('/admin/visitors', { homeCity: borrower.slug, homeCardNumber: resident.cardNumber, cardNumber: hostCard }), 201);
    const rec = await seedRecord(lender, { title: '古河の雪華図説', copies: [{ branchCode: 'main' }] });
    const barcode = rec.barcodes[0];
    expectStatus(await api(lender).checkout(hostCard, barcode), 201);

    const routed = expectStatus(await api(third).post('/admin/ill/checkins', { itemBarcode: barcode }), 200).body;
    expect(routed).toMatchObject({ action: 'routed-home', request: { status: 'in-transit-home', ownerCity: { slug: lender.slug }, title: '古河の雪華図説' } });
    await deliver();
    const [loan] = await t.ds.query(
      `SELECT l.returned_at IS NOT NULL AS returned, i.status FROM ${lender.schema}.loans l JOIN ${lender.schema}.items i ON i.id = l.item_id WHERE i.barcode = $1`,
      [barcode],
    );
    expect(loan).toEqual({ returned: true, status: 'in-transit' });
    // home: the desk's check-in shelves it
    expect(expectStatus(await api(lender).checkin(barcode), 200).body.item.status).toBe('on-shelf');
  });

  it('sends a visitor back to the lending city where the agreement says so (RETURN_TO_LENDER)', async () => {
    const resident = await seedPatron(third);
    const hostCard = cardNumberFor('koga');
    expectStatus(await api(lender).post('/admin/visitors', { homeCity: third.slug, homeCardNumber: resident.cardNumber, cardNumber: hostCard }), 201);
    const rec = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    expectStatus(await api(lender).checkout(hostCard, rec.barcodes[0]), 201);
    const refused = expectStatus(await api(borrower).post('/admin/ill/checkins', { itemBarcode: rec.barcodes[0] }), 409).body;
    expect(refused).toMatchObject({ code: 'RETURN_TO_LENDER', lenderCity: { slug: lender.slug } });
    expect(refused.message.ja).toContain('借りた市');
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM ${borrower.schema}.city_messages_out WHERE kind = 'visitor-loan.returned-elsewhere'`)).toEqual([{ n: 0 }]);
  });

  it('keeps a message for a suspended city, in order, and delivers it once the city is back', async () => {
    const rec = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    const setStatus = async (status: string) => expectStatus(await t.http().patch(`/api/platform/tenants/${lender.slug}`).set(bearer(admin)).send({ status }), 200);
    const made = await request(rec.id);
    const second = await request(rec.id);
    expectStatus(await api(borrower).post(`/admin/ill/requests/${second.id}/cancel`), 200);
    await setStatus('suspended');
    try {
      expect(await deliver()).toMatchObject({ delivered: 0, retried: 1 });
      const waiting = await t.ds.query(`SELECT kind, status, attempts, last_error FROM ${borrower.schema}.city_messages_out WHERE status = 'pending' ORDER BY id`);
      expect(waiting.map((w: { kind: string }) => w.kind)).toEqual(['ill.request', 'ill.request', 'ill.update']);
      expect(waiting[0]).toMatchObject({ attempts: 1, last_error: expect.stringContaining('suspended') });
      expect(waiting[1]).toMatchObject({ attempts: 0, last_error: null }); // held back behind the first, not tried
      // the borrowing city's librarians see what waits and why
      const listed = expectStatus(await api(borrower).get('/admin/ill/messages?status=pending'), 200).body;
      expect(listed.total).toBe(3);
      expect(listed.items[2]).toMatchObject({ kind: 'ill.request', number: made.number, toCity: { slug: lender.slug }, attempts: 1, lastError: expect.stringContaining('suspended') });
      expect(expectStatus(await api(borrower).get('/admin/ill/messages?status=lost'), 400).body.code).toBe('VALIDATION');
    } finally {
      await setStatus('active');
    }
    // the backoff is over (as if its seconds had passed)
    await t.ds.query(`UPDATE ${borrower.schema}.city_messages_out SET next_attempt_at = now() WHERE status = 'pending'`);
    expect(await deliver()).toMatchObject({ delivered: 3, retried: 0, failed: 0 });
    expect((await incoming(made.number)).status).toBe('requested');
  });

  it('keeps the patron from the lending city’s staff', async () => {
    const rec = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    const made = await request(rec.id);
    await deliver();
    const asked = await incoming(made.number);
    const one = expectStatus(await api(lender).get(`/admin/ill/incoming/${asked.id}`), 200).body;
    for (const seen of [asked, one]) {
      const text = JSON.stringify(seen);
      expect(text).not.toContain('香取花子');
      expect(text).not.toContain(patron.cardNumber);
      expect(text).not.toContain('hanako@example.jp');
    }
    // the lender's staff cannot open the borrowing city's request, by its path or by theirs
    expectStatus(await api(borrower).get(`/admin/ill/requests/${made.id}`, lender.staff), 403);
    expect(expectStatus(await api(lender).get(`/admin/ill/requests/${made.id}`), 404).body.code).toBe('ILL_REQUEST_NOT_FOUND');
    const rows = await t.ds.query(`SELECT patron_id, patron_name FROM ${lender.schema}.ill_requests WHERE number = $1`, [made.number]);
    expect(rows).toEqual([{ patron_id: null, patron_name: null }]);
  });

  it('declines with a reason, and cancels before and after acceptance (the copy goes back on the shelf)', async () => {
    const rec = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    const one = await request(rec.id);
    await deliver();
    const reason = '貸出禁止資料のため';
    expectStatus(await api(lender).post(`/admin/ill/incoming/${(await incoming(one.number)).id}/decline`, { reason }), 200);
    await deliver();
    expect(expectStatus(await api(borrower).get(`/admin/ill/requests/${one.id}`), 200).body).toMatchObject({ status: 'declined', declineReason: reason });

    const two = await request(rec.id);
    expectStatus(await api(borrower).post(`/admin/ill/requests/${two.id}/cancel`), 200);
    await deliver();
    expect((await incoming(two.number)).status).toBe('cancelled');

    const three = await request(rec.id);
    await deliver();
    expectStatus(await api(lender).post(`/admin/ill/incoming/${(await incoming(three.number)).id}/accept`, { itemBarcode: rec.barcodes[0] }), 200);
    await deliver();
    expectStatus(await api(borrower).post(`/admin/ill/requests/${three.id}/cancel`), 200);
    await deliver();
    expect((await incoming(three.number)).status).toBe('cancelled');
    const [item] = await t.ds.query(`SELECT status FROM ${lender.schema}.items WHERE barcode = $1`, [rec.barcodes[0]]);
    expect(item.status).toBe('on-shelf');
    // a cancelled request cannot be cancelled again, or sent
    expect(expectStatus(await api(borrower).post(`/admin/ill/requests/${three.id}/cancel`), 409).body.code).toBe('ILL_WRONG_STATUS');
    expect(expectStatus(await api(lender).post(`/admin/ill/incoming/${(await incoming(three.number)).id}/send`), 409).body.code).toBe('ILL_WRONG_STATUS');
  });

  it('refuses what the agreement or the region does not allow, and bad input, with stable codes', async () => {
    const rec = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    const other = await seedRecord(lender, { copies: [{ branchCode: 'main' }] });
    const post = (lib: Library, body: object) => api(lib).post('/admin/ill/requests', body);
    const ok = { lenderCity: lender.slug, recordId: rec.id, cardNumber: patron.cardNumber };
    // Kitakyushu's agreement with Koga has no ILL; Koga has no agreement with Katori; city003 is not in the region
    const kPatron = await seedPatron(third);
    expect(expectStatus(await post(third, { ...ok, cardNumber: kPatron.cardNumber }), 403).body.code).toBe('AGREEMENT_NO_ILL');
    const kogaPatron = await seedPatron(lender);
    const katoriRec = await seedRecord(borrower, { copies: [{ branchCode: 'sawara' }] });
    expect(expectStatus(await post(lender, { lenderCity: borrower.slug, recordId: katoriRec.id, cardNumber: kogaPatron.cardNumber }), 403).body.code).toBe('NO_AGREEMENT');
    const oPatron = await seedPatron(outside);
    expect(expectStatus(await post(outside, { ...ok, cardNumber: oPatron.cardNumber }), 403).body.code).toBe('ILL_NOT_IN_REGION');
    expect(expectStatus(await post(borrower, { ...ok, lenderCity: 'no-such-city' }), 422).body.code).toBe('ILL_LENDER_UNKNOWN');
    expect(expectStatus(await post(borrower, { ...ok, lenderCity: borrower.slug }), 422).body.code).toBe('ILL_SAME_CITY');
    expect(expectStatus(await post(borrower, { ...ok, recordId: '00000000-0000-4000-8000-000000000000' }), 404).body.code).toBe('ILL_RECORD_NOT_FOUND');
    expect(expectStatus(await post(borrower, { ...ok, cardNumber: '9999999' }), 404).body.code).toBe('PATRON_NOT_FOUND');
    const bad = expectStatus(await post(borrower, { lenderCity: 'Bad Slug', recordId: 'x', cardNumber: '' }), 400);
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cardNumber', 'lenderCity', 'recordId']);
    expect(expectStatus(await api(borrower).get('/admin/ill/requests?status=lost-forever'), 400).body.code).toBe('VALIDATION');
    expect(expectStatus(await api(borrower).get('/admin/ill/requests/not-a-uuid'), 404).body.code).toBe('ILL_REQUEST_NOT_FOUND');
    // the lender picks a copy of another record, or a copy on loan
    const made = await request(rec.id);
    await deliver();
    const id = (await incoming(made.number)).id;
    expect(expectStatus(await api(lender).post(`/admin/ill/incoming/${id}/accept`, { itemBarcode: other.barcodes[0] }), 422).body.code).toBe('ILL_ITEM_NOT_OF_REQUEST');
    expect(expectStatus(await api(lender).post(`/admin/ill/incoming/${id}/accept`, {}), 400).body.code).toBe('VALIDATION');
    expect(expectStatus(await api(lender).post(`/admin/ill/incoming/${id}/decline`, { reason: '' }), 400).body.code).toBe('VALIDATION');
    // a barcode nobody in the region lent
    expect(expectStatus(await api(third).post('/admin/ill/checkins', { itemBarcode: 'NOBODY-0001' }), 404).body.code).toBe('ILL_UNKNOWN_BARCODE');
    // a patron cannot reach the staff paths
    expectStatus(await api(borrower).get('/admin/ill/requests', patron.token), 403);
  });
});
