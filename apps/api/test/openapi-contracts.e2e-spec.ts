import { getPreset, validatePassword } from '@shiori/policy';
import type { Response } from 'supertest';
import { CONTRACT_SCHEMAS } from '../src/engine/openapi/api-answer';
import { CityMessages } from '../src/modules/ill/messages/city-messages';
import { adminToken, createTestApp, TestApp, uniqueSlug } from './support/app';
import { api, bearer, changePolicy, expectStatus, Library, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';
import { declaredAnswer, OpenApiDoc, refsOf, resolveRef, schemaErrors } from './support/schema-check';

/**
 * Issue #23: the OpenAPI document (`/api/docs-json`) declares what the API answers with the
 * schemas generated from libs/contracts (`@ApiAnswer`), every `$ref` resolves, and real answers
 * of a check-out, a check-in trapping a hold, a patron's holds and the ILL lists conform to what
 * is declared for their status: the required fields are there, the types and enums hold, and no
 * field is sent that the contract does not name.
 */
describe('OpenAPI: answers declared from libs/contracts, and real answers conform', () => {
  let t: TestApp;
  let katori: Library;
  let koga: Library;
  let doc: OpenApiDoc;
  /** The region of Katori and Koga. */
  let region: string;

  /** The ways a real answer breaks the schema its operation declares for its status. */
  function breaks(path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete', res: Response): string[] {
    const schema = declaredAnswer(doc, path, method, res.status);
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} declares no JSON answer for ${res.status}: ${JSON.stringify(res.body)}`);
    return schemaErrors(doc, schema, res.body, { extra: true });
  }

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    katori = await setupLibrary(t, admin, 'katori');
    koga = await setupLibrary(t, admin, 'koga');
    region = uniqueSlug('r');
    expectStatus(await t.http().post('/api/platform/regions').set(bearer(admin)).send({ code: region, name: 'OpenAPI テスト圏', members: [katori.slug, koga.slug] }), 201);
    expectStatus(
      await t.http().post('/api/platform/agreements').set(bearer(admin)).send({
        homeCity: katori.slug,
        hostCity: koga.slug,
        preset: 'mutual-use',
        terms: { ill: { requests: true, loanDays: 21 } },
      }),
      201,
    );
    doc = expectStatus(await t.http().get('/api/docs-json'), 200).body;
  });
  afterAll(() => t.close());

  it('resolves every $ref of the document and carries every schema of libs/contracts', () => {
    const refs = refsOf(doc);
    expect(refs.filter((r) => r.ref === '#/components/schemas/HoldView').length).toBeGreaterThan(0);
    expect(refs.filter((r) => !resolveRef(doc, r.ref))).toEqual([]);
    for (const [name, schema] of Object.entries(CONTRACT_SCHEMAS)) expect({ name, schema: doc.components?.schemas?.[name] }).toEqual({ name, schema });
  });

  it('declares the contract type at the status each route answers', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    expect(declaredAnswer(doc, '/api/t/{slug}/me/holds', 'get', 200)).toEqual({ type: 'array', items: ref('HoldView') });
    expect(declaredAnswer(doc, '/api/t/{slug}/desk/checkouts', 'post', 201)).toEqual(ref('CheckoutResult'));
    // POST with @HttpCode(200): documented at 200, not at the 201 a POST answers by default
    expect(declaredAnswer(doc, '/api/t/{slug}/desk/checkins', 'post', 200)).toEqual(ref('CheckinResult'));
    expect(declaredAnswer(doc, '/api/t/{slug}/desk/checkins', 'post', 201)).toBeUndefined();
    expect(declaredAnswer(doc, '/api/t/{slug}/admin/ill/requests', 'get', 200)).toEqual(ref('IllRequestPage'));
    // the required fields are those the type does not mark optional
    expect(resolveRef(doc, '#/components/schemas/HoldView')?.required).toEqual(expect.arrayContaining(['id', 'status', 'queuePosition', 'policyVersion']));
    expect(resolveRef(doc, '#/components/schemas/HoldView')?.required).not.toContain('readyAt');
  });

  it('answers a check-out, a check-in that traps a hold, and the patron’s holds and loans as declared (Katori)', async () => {
    const a = api(katori);
    const reader = await seedPatron(katori);
    const waiter = await seedPatron(katori);
    const rec = await seedRecord(katori, { title: 'OpenAPI の本', copies: [{ branchCode: 'sawara' }] });

    const lent = expectStatus(await a.checkout(reader.cardNumber, rec.barcodes[0]), 201);
    expect(breaks('/api/t/{slug}/desk/checkouts', 'post', lent)).toEqual([]);
    expect(breaks('/api/t/{slug}/me/loans', 'get', expectStatus(await a.myLoans(reader.token), 200))).toEqual([]);

    const placed = expectStatus(await a.placeHolds(waiter.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201);
    expect(breaks('/api/t/{slug}/me/holds', 'post', placed)).toEqual([]);
    const waiting = expectStatus(await a.myHolds(waiter.token), 200);
    expect(waiting.body).toEqual([expect.objectContaining({ status: 'waiting', queuePosition: 1 })]);
    expect(breaks('/api/t/{slug}/me/holds', 'get', waiting)).toEqual([]);

    const back = expectStatus(await a.checkin(rec.barcodes[0], { branchCode: 'sawara' }), 200);
    expect(back.body).toMatchObject({ loan: { itemBarcode: rec.barcodes[0] }, trappedHold: { status: 'ready' } });
    expect(breaks('/api/t/{slug}/desk/checkins', 'post', back)).toEqual([]);

    const ready = expectStatus(await a.myHolds(waiter.token), 200);
    expect(ready.body).toEqual([expect.objectContaining({ status: 'ready', queuePosition: null })]);
    expect(breaks('/api/t/{slug}/me/holds', 'get', ready)).toEqual([]);
    expect(breaks('/api/t/{slug}/desk/hold-shelf', 'get', expectStatus(await a.get('/desk/hold-shelf'), 200))).toEqual([]);
    const me = expectStatus(await t.http().get(`/api/t/${katori.slug}/me`).set(bearer(waiter.token)), 200);
    expect(breaks('/api/t/{slug}/me', 'get', me)).toEqual([]);
  });

  it('answers an ILL request, the borrowing city’s list and the patron’s view as declared (Katori asks Koga)', async () => {
    const patron = await seedPatron(katori);
    const rec = await seedRecord(koga, { title: '相互貸借の本', copies: [{ branchCode: 'main' }] });
    const made = expectStatus(await api(katori).post('/admin/ill/requests', { lenderCity: koga.slug, recordId: rec.id, cardNumber: patron.cardNumber, pickupBranchCode: 'sawara' }), 201);
    expect(breaks('/api/t/{slug}/admin/ill/requests', 'post', made)).toEqual([]);

    const list = expectStatus(await api(katori).get('/admin/ill/requests?size=200'), 200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(made.body.id);
    expect(breaks('/api/t/{slug}/admin/ill/requests', 'get', list)).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/ill/requests/{id}', 'get', expectStatus(await api(katori).get(`/admin/ill/requests/${made.body.id}`), 200))).toEqual([]);

    const mine = expectStatus(await t.http().get(`/api/t/${katori.slug}/me/ill`).set(bearer(patron.token)), 200);
    expect(mine.body).toHaveLength(1);
    expect(breaks('/api/t/{slug}/me/ill', 'get', mine)).toEqual([]);
  });

  it('answers the desk’s and staff’s views as declared: a counter hold, a patron’s holds and loans, the cart, the pull list, a patron record (Katori)', async () => {
    const a = api(katori);
    const patron = await seedPatron(katori);
    const reader = await seedPatron(katori);
    const rec = await seedRecord(katori, { copies: [{ branchCode: 'sawara' }] });
    expectStatus(await a.checkout(reader.cardNumber, rec.barcodes[0]), 201);
    const desk = expectStatus(await a.post('/desk/holds', { patronId: patron.id, recordId: rec.id, pickupPoint: 'sawara-counter' }), 201);
    expect(breaks('/api/t/{slug}/desk/holds', 'post', desk)).toEqual([]);
    const held = expectStatus(await a.get(`/admin/patrons/${patron.id}/holds`), 200);
    expect(held.body).toHaveLength(1);
    expect(breaks('/api/t/{slug}/admin/patrons/{id}/holds', 'get', held)).toEqual([]);
    const loans = expectStatus(await a.get(`/admin/patrons/${reader.id}/loans`), 200);
    expect(loans.body).toEqual([expect.objectContaining({ hasHolds: true })]);
    expect(breaks('/api/t/{slug}/admin/patrons/{id}/loans', 'get', loans)).toEqual([]);

    const other = await seedRecord(katori, { copies: [{ branchCode: 'sawara' }] });
    expect(breaks('/api/t/{slug}/me/cart', 'post', expectStatus(await a.post('/me/cart', { recordId: other.id }, patron.token), 201))).toEqual([]);
    expect(breaks('/api/t/{slug}/me/cart', 'get', expectStatus(await a.get('/me/cart', patron.token), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/desk/pull-list', 'get', expectStatus(await a.get('/desk/pull-list'), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/patrons/{id}', 'get', expectStatus(await a.get(`/admin/patrons/${patron.id}`), 200))).toEqual([]);
  });

  it('answers the lending city’s incoming list as declared, once the request has crossed (Koga)', async () => {
    const patron = await seedPatron(katori);
    const rec = await seedRecord(koga, { copies: [{ branchCode: 'main' }] });
    const made = expectStatus(await api(katori).post('/admin/ill/requests', { lenderCity: koga.slug, recordId: rec.id, cardNumber: patron.cardNumber, pickupBranchCode: 'sawara' }), 201);
    await t.app.get(CityMessages).deliverAll([katori.slug, koga.slug]);
    const incoming = expectStatus(await api(koga).get('/admin/ill/incoming?size=200'), 200);
    expect(incoming.body.items.map((r: { number: string }) => r.number)).toContain(made.body.number);
    expect(breaks('/api/t/{slug}/admin/ill/incoming', 'get', incoming)).toEqual([]);
  });

  it('answers the sign-in, a password change and its links, the policy screens, the presets and new-arrival alerts as declared (Katori)', async () => {
    const a = api(katori);
    const patron = await seedPatron(katori);
    const temp = expectStatus(await a.post(`/admin/patrons/${patron.id}/temporary-password`, {}), 200).body.temporaryPassword;
    const login = expectStatus(await t.http().post(`/api/t/${katori.slug}/auth/login`).send({ cardNumber: patron.cardNumber, password: temp }), 200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(breaks('/api/t/{slug}/auth/login', 'post', login)).toEqual([]);
    const newPassword = ['shiori2026', 'Tosho-2026-ok', '48291573'].find((p) => p !== temp && validatePassword(p, getPreset('katori')!.policy.password).ok)!;
    const changed = expectStatus(await t.http().put(`/api/t/${katori.slug}/me/password`).set(bearer(login.body.token)).send({ currentPassword: temp, newPassword }), 200);
    expect(breaks('/api/t/{slug}/me/password', 'put', changed)).toEqual([]);
    const forgot = expectStatus(await t.http().post(`/api/t/${katori.slug}/auth/forgot-password`).send({ cardNumber: patron.cardNumber, email: 'nobody@example.jp' }), 202);
    expect(breaks('/api/t/{slug}/auth/forgot-password', 'post', forgot)).toEqual([]);

    expect(breaks('/api/t/{slug}/admin/policy', 'get', expectStatus(await a.get('/admin/policy'), 200))).toEqual([]);
    const versions = expectStatus(await a.get('/admin/policy/versions'), 200);
    expect(breaks('/api/t/{slug}/admin/policy/versions', 'get', versions)).toEqual([]);
    const [{ version }] = versions.body;
    expect(breaks('/api/t/{slug}/admin/policy/diff', 'get', expectStatus(await a.get(`/admin/policy/diff?from=${version}&to=${version}`), 200))).toEqual([]);
    const explained = expectStatus(await a.post('/admin/policy/explain', { patronCategory: 'general', materialType: 'book', branchCode: 'sawara' }), 200);
    expect(breaks('/api/t/{slug}/admin/policy/explain', 'post', explained)).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/codes', 'get', expectStatus(await a.get('/admin/codes'), 200))).toEqual([]);
    const presets = expectStatus(await t.http().get('/api/platform/presets').set(bearer(await adminToken(t))), 200);
    expect(breaks('/api/platform/presets', 'get', presets)).toEqual([]);
    const platformAudit = expectStatus(await t.http().get('/api/platform/audit?size=5').set(bearer(await adminToken(t))), 200);
    expect(platformAudit.body.items.length).toBeGreaterThan(0);
    expect(breaks('/api/platform/audit', 'get', platformAudit)).toEqual([]);

    // the password change ended the patron's other sessions: the one signed in above stays
    const alert = expectStatus(await a.post('/me/alerts', { name: '猫の新刊', query: { q: '猫', ndc: ['913'] } }, login.body.token), 201);
    expect(breaks('/api/t/{slug}/me/alerts', 'post', alert)).toEqual([]);
    const alerts = expectStatus(await a.get('/me/alerts', login.body.token), 200);
    expect(alerts.body).toHaveLength(1);
    expect(breaks('/api/t/{slug}/me/alerts', 'get', alerts)).toEqual([]);
  });

  it('answers the statistics, the audit log, news, notice templates, the outbox and the region’s search and availability as declared (Katori; the region of Katori and Koga)', async () => {
    const a = api(katori);
    const pub = (path: string) => t.http().get(`/api/t/${katori.slug}${path}`);
    const title = '契約の本';
    expectStatus(await a.post('/admin/records', { title, isbn: '9784101010137', items: [{ barcode: `OA${uniqueSlug('b')}`, branchCode: 'sawara' }] }), 201);
    // a mail in the outbox (as NoticesService writes one), whatever the other cases sent
    await t.ds.query(`INSERT INTO ${katori.schema}.outbox (kind, to_address, subject, body, idempotency_key) VALUES ('hold-ready', 'reader@example.jp', 'ご用意しました', '本文', $1)`, [uniqueSlug('o')]);

    expect(breaks('/api/t/{slug}/admin/statistics', 'get', expectStatus(await a.get('/admin/statistics?months=3'), 200))).toEqual([]);
    const news = expectStatus(await a.post('/admin/news', { kind: 'event', title: 'おはなし会', body: '絵本の読み聞かせ', eventDate: '2099-01-09' }), 201);
    expect(breaks('/api/t/{slug}/admin/news', 'post', news)).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/news', 'get', expectStatus(await a.get('/admin/news'), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/news', 'get', expectStatus(await pub('/news'), 200))).toEqual([]);
    const audit = expectStatus(await a.get('/admin/audit?entity=news'), 200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(breaks('/api/t/{slug}/admin/audit', 'get', audit)).toEqual([]);

    expect(breaks('/api/t/{slug}/admin/notices/templates', 'get', expectStatus(await a.get('/admin/notices/templates'), 200))).toEqual([]);
    const saved = await t.http().put(`/api/t/${katori.slug}/admin/notices/templates/hold-ready/ja`).set(bearer(katori.staff)).send({ subject: '【{{library}}】ご用意しました', body: '{{patron.name}} 様\n{{title}}' });
    expect(breaks('/api/t/{slug}/admin/notices/templates/{kind}/{lang}', 'put', expectStatus(saved, 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/notices/templates/{kind}/{lang}', 'get', expectStatus(await a.get('/admin/notices/templates/hold-ready/ja'), 200))).toEqual([]);
    const preview = expectStatus(await a.post('/admin/notices/templates/hold-ready/en/preview', { subject: 'Ready: {{title}}' }), 200);
    expect(breaks('/api/t/{slug}/admin/notices/templates/{kind}/{lang}/preview', 'post', preview)).toEqual([]);
    const outbox = expectStatus(await a.get('/admin/notices/outbox'), 200);
    expect(outbox.body.items.length).toBeGreaterThan(0);
    expect(breaks('/api/t/{slug}/admin/notices/outbox', 'get', outbox)).toEqual([]);
    expect(breaks('/api/t/{slug}/admin/notices/outbox/{id}', 'get', expectStatus(await a.get(`/admin/notices/outbox/${outbox.body.items[0].id}`), 200))).toEqual([]);

    const found = expectStatus(await t.http().get(`/api/r/${region}/search`).query({ q: title }), 200);
    expect(found.body.works.length).toBeGreaterThan(0);
    expect(breaks('/api/r/{region}/search', 'get', found)).toEqual([]);
    const held = expectStatus(await t.http().get(`/api/r/${region}/availability`).query({ isbn: '9784101010137,4-10-101013-7' }), 200);
    expect(held.body.books[0].libraries.map((l: { status: string }) => l.status)).toContain('not-held');
    expect(breaks('/api/r/{region}/availability', 'get', held)).toEqual([]);
  });

  it('answers the patron’s shelves, reading history and reading goal as declared (Katori)', async () => {
    await changePolicy(katori, (p) => Object.assign(p.features, { bookshelves: true, customShelves: true, readMarks: true, readingHistory: true, readingHistoryNeedsNickname: false, readingHistoryNeedsTerms: false, readingMarathon: true }));
    const a = api(katori);
    const reader = await seedPatron(katori);
    const put = (path: string, body: object) => t.http().put(`/api/t/${katori.slug}${path}`).set(bearer(reader.token)).send(body);
    const barcode = `OR${uniqueSlug('b')}`;
    const rec = expectStatus(await a.post('/admin/records', { title: '読書の本', authors: [{ name: '夏目 漱石' }], items: [{ barcode, branchCode: 'sawara' }] }), 201).body;

    expect(breaks('/api/t/{slug}/me/shelves', 'get', expectStatus(await a.get('/me/shelves', reader.token), 200))).toEqual([]);
    const shelf = expectStatus(await a.post('/me/shelves', { name: '夏休み' }, reader.token), 201);
    expect(breaks('/api/t/{slug}/me/shelves', 'post', shelf)).toEqual([]);
    expect(breaks('/api/t/{slug}/me/shelves/{id}', 'patch', expectStatus(await a.patch(`/me/shelves/${shelf.body.id}`, { name: '冬休み' }, reader.token), 200))).toEqual([]);
    const entry = expectStatus(await put(`/me/shelves/${shelf.body.id}/entries/${rec.id}`, { mark: 'read', category: '文学' }), 200);
    expect(breaks('/api/t/{slug}/me/shelves/{id}/entries/{recordId}', 'put', entry)).toEqual([]);
    expect(breaks('/api/t/{slug}/me/shelves/{id}/entries', 'get', expectStatus(await a.get(`/me/shelves/${shelf.body.id}/entries`, reader.token), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/me/shelves/containing', 'get', expectStatus(await a.get(`/me/shelves/containing?recordId=${rec.id}`, reader.token), 200))).toEqual([]);

    expect(breaks('/api/t/{slug}/me/history/settings', 'get', expectStatus(await a.get('/me/history/settings', reader.token), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/me/history/settings', 'put', expectStatus(await put('/me/history/settings', { enabled: true }), 200))).toEqual([]);
    expectStatus(await a.checkout(reader.cardNumber, barcode), 201);
    const history = expectStatus(await a.get('/me/history', reader.token), 200);
    expect(history.body.items.length).toBe(1);
    expect(breaks('/api/t/{slug}/me/history', 'get', history)).toEqual([]);
    expect(breaks('/api/t/{slug}/me/reading-goal', 'put', expectStatus(await put('/me/reading-goal', { target: 12 }), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/me/reading-goal', 'get', expectStatus(await a.get('/me/reading-goal', reader.token), 200))).toEqual([]);
    expect(breaks('/api/t/{slug}/me/history', 'delete', expectStatus(await a.delete('/me/history', reader.token), 200))).toEqual([]);
  });

  it('finds a broken answer: a required field missing, a wrong type, a value outside its enum, a field the contract does not name', async () => {
    const patron = await seedPatron(katori);
    const rec = await seedRecord(katori, { copies: [{ branchCode: 'sawara' }] });
    const other = await seedPatron(katori);
    expectStatus(await api(katori).checkout(other.cardNumber, rec.barcodes[0]), 201);
    expectStatus(await api(katori).placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201);
    const real = expectStatus(await api(katori).myHolds(patron.token), 200);
    expect(breaks('/api/t/{slug}/me/holds', 'get', real)).toEqual([]);
    const schema = declaredAnswer(doc, '/api/t/{slug}/me/holds', 'get', 200)!;
    const [hold] = real.body;
    const { title: _title, ...untitled } = hold;
    expect(schemaErrors(doc, schema, [untitled])).toEqual(['$[0].title: required, missing']);
    expect(schemaErrors(doc, schema, [{ ...hold, queuePosition: '1' }])).toEqual(['$[0].queuePosition: string where a number belongs']);
    expect(schemaErrors(doc, schema, [{ ...hold, status: 'lost-in-space' }])).toEqual([expect.stringContaining('$[0].status: "lost-in-space" is not one of')]);
    expect(schemaErrors(doc, schema, [{ ...hold, patronId: 'x' }], { extra: true })).toEqual(['$[0].patronId: not in the schema']);
    expect(schemaErrors(doc, schema, hold)).toEqual(['$: object where an array belongs']);
  });
});
