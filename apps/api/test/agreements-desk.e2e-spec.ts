import { addDays } from '@shiori/policy';
import { adminToken, createTestApp, TestApp } from './support/app';
import { api, bearer, cardNumberFor, day, expectStatus, Library, seedPatron, seedRecord, setupLibrary, today } from './support/circulation-factories';

/**
 * 広域利用 (issue #15): agreements between cities kept by regional IT, visitors registered at
 * the host's desk, their loans on the agreement's terms, the home card checked against the
 * home city, the home My page listing loans elsewhere. Three cities: koga residents borrow at
 * kitakyushu; katori has no agreement with anyone.
 */
describe('agreements: visitors from another city at the desk', () => {
  let t: TestApp;
  let admin: string;
  let host: Library; // kitakyushu
  let home: Library; // koga
  let lone: Library; // katori: no agreement
  let agreementId: string;

  const platform = () => ({
    get: (path: string, token = admin) => t.http().get(`/api/platform/agreements${path}`).set(bearer(token)),
    post: (path: string, body: object, token = admin) => t.http().post(`/api/platform/agreements${path}`).set(bearer(token)).send(body),
    patch: (path: string, body: object, token = admin) => t.http().patch(`/api/platform/agreements${path}`).set(bearer(token)).send(body),
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    host = await setupLibrary(t, admin, 'kitakyushu');
    home = await setupLibrary(t, admin, 'koga');
    lone = await setupLibrary(t, admin, 'katori');
    const res = expectStatus(await platform().post('', { homeCity: home.slug, hostCity: host.slug, preset: 'mutual-use', reciprocal: true }), 201);
    expect(res.body).toHaveLength(2);
    agreementId = res.body.find((a: { homeCity: { slug: string } }) => a.homeCity.slug === home.slug).id;
  });
  afterAll(() => t.close());

  describe('regional IT keeps agreements as versioned data', () => {
    it('lists, reads, versions with before/after, and audits a change', async () => {
      const one = expectStatus(await platform().get(`/${agreementId}`), 200).body;
      expect(one).toMatchObject({ version: 1, preset: 'mutual-use', hostCity: { slug: host.slug }, terms: { card: 'host-card', loans: { maxItems: 10, periodDays: 14 }, holds: false } });
      const changed = expectStatus(await platform().patch(`/${agreementId}`, { preset: 'mutual-use', terms: { loans: { maxItems: 3 } } }), 200).body;
      expect(changed).toMatchObject({ version: 2, terms: { loans: { maxItems: 3, periodDays: 14 } } });
      const versions = expectStatus(await platform().get(`/${agreementId}/versions`), 200).body;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(versions[0]).toMatchObject({ changedBy: 'admin', changes: [{ path: 'loans.maxItems', before: 10, after: 3 }] });
      const audit = expectStatus(await t.http().get('/api/platform/audit?action=agreement.update').set(bearer(admin)), 200).body;
      // the platform's audit log is shared: other suites change agreements of their own meanwhile
      const mine = audit.items.filter((i: { entityId: string }) => i.entityId === agreementId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ action: 'agreement.update', entityId: agreementId, before: { loans: { maxItems: 10 } }, after: { loans: { maxItems: 3 } } });
      // back to the preset's 10 items for the rest of the suite
      expectStatus(await platform().patch(`/${agreementId}`, { preset: 'mutual-use' }), 200);
      const all = expectStatus(await platform().get(''), 200).body;
      expect(all.filter((a: { id: string }) => a.id === agreementId)).toHaveLength(1);
    });

    it('explains a situation: decision and reason, for the saved terms or a draft', async () => {
      const ok = expectStatus(await platform().post('/explain', { homeCity: home.slug, hostCity: host.slug, situation: 'checkout', currentLoans: 9, today: '2026-12-14' }), 200).body;
      expect(ok).toMatchObject({ ok: true, agreementId, dueDate: '2026-12-28' });
      expect(ok.why.ja).toContain('10点');
      const full = expectStatus(await platform().post('/explain', { homeCity: home.slug, hostCity: host.slug, situation: 'checkout', currentLoans: 10 }), 200).body;
      expect(full).toMatchObject({ ok: false, code: 'LOAN_LIMIT' });
      const renew = expectStatus(await platform().post('/explain', { homeCity: home.slug, hostCity: host.slug, situation: 'renew' }), 200).body;
      expect(renew).toMatchObject({ ok: false, code: 'AGREEMENT_NO_RENEWALS' });
      const draft = expectStatus(await platform().post('/explain', { homeCity: home.slug, hostCity: host.slug, situation: 'home-card', terms: { card: 'home-card' } }), 200).body;
      expect(draft).toMatchObject({ ok: true, agreementId: null });
      const none = expectStatus(await platform().post('/explain', { homeCity: lone.slug, hostCity: host.slug, situation: 'register' }), 200).body;
      expect(none).toMatchObject({ ok: false, code: 'NO_AGREEMENT' });
      expect(none.why.en).toMatch(/no agreement/i);
    });

    it('answers bad input with problem+json and stable codes; librarians cannot reach it', async () => {
      const invalid = expectStatus(await platform().post('', { homeCity: lone.slug, hostCity: host.slug, terms: { loans: { maxItems: -1 }, card: 'any', colour: 1 } }), 422);
      expect(invalid.headers['content-type']).toContain('application/problem+json');
      expect(invalid.body.code).toBe('AGREEMENT_INVALID');
      expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['terms.card', 'terms.colour', 'terms.loans.maxItems']);
      expect(expectStatus(await platform().post('', { homeCity: home.slug, hostCity: host.slug, preset: 'mutual-use' }), 409).body.code).toBe('AGREEMENT_EXISTS');
      expect(expectStatus(await platform().post('', { homeCity: home.slug, hostCity: home.slug }), 422).body.code).toBe('AGREEMENT_SAME_CITY');
      expect(expectStatus(await platform().post('', { homeCity: 'nowhere-city', hostCity: host.slug }), 422).body.code).toBe('AGREEMENT_UNKNOWN_CITY');
      expect(expectStatus(await platform().post('', { homeCity: 'Bad Slug', hostCity: host.slug }), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await platform().post('', { homeCity: lone.slug, hostCity: host.slug, preset: 'free-for-all' }), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await platform().patch(`/${agreementId}`, {}), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await platform().patch(`/${agreementId}`, { terms: 'x' }), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await platform().get('/00000000-0000-4000-8000-000000000000'), 404).body.code).toBe('AGREEMENT_NOT_FOUND');
      expect(expectStatus(await platform().get('/not-a-uuid'), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await platform().post('/explain', { homeCity: home.slug, hostCity: host.slug, situation: 'fly' }), 400).body.code).toBe('VALIDATION');
      expectStatus(await platform().get('', host.staff), 403);
      expectStatus(await platform().patch(`/${agreementId}`, { preset: 'common-card' }, host.staff), 403);
    });

    it('shows each city its own agreements, read-only', async () => {
      const mine = expectStatus(await api(host).get('/admin/agreements'), 200).body;
      expect(mine).toHaveLength(2);
      expect(mine.every((a: { homeCity: { slug: string }; hostCity: { slug: string } }) => [a.homeCity.slug, a.hostCity.slug].includes(host.slug))).toBe(true);
      expect(expectStatus(await api(lone).get('/admin/agreements'), 200).body).toEqual([]);
      expectStatus(await api(host).get('/admin/agreements', lone.staff), 403);
    });
  });

  describe('at the host’s desk', () => {
    it('registers a resident of the agreed city with a card of the host, and lends on the agreement’s terms', async () => {
      const resident = await seedPatron(home, { name: '古賀 太郎', email: 'taro@example.jp' });
      const hostCard = cardNumberFor('kitakyushu');
      const reg = expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug, homeCardNumber: resident.cardNumber, cardNumber: hostCard }), 201).body;
      expect(reg).toMatchObject({ cardNumber: hostCard, name: '古賀 太郎', email: 'taro@example.jp', homeCity: { slug: home.slug }, agreementId, refreshed: false });
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug, homeCardNumber: resident.cardNumber, cardNumber: cardNumberFor('kitakyushu') }), 409).body.code).toBe('VISITOR_EXISTS');
      // koga's own audit log records which city checked its patron's card
      const homeAudit = expectStatus(await api(home).get('/admin/audit?action=visitor.home-check'), 200).body;
      expect(homeAudit.items[0]).toMatchObject({ entityId: resident.id, after: { hostCity: host.slug, ok: true } });
      const listed = expectStatus(await api(host).get('/admin/visitors'), 200).body;
      expect(listed.map((v: { id: string }) => v.id)).toContain(reg.id);

      // 10 items for 14 days, whatever kitakyushu gives its residents
      const rec = await seedRecord(host, { copies: Array.from({ length: 11 }, () => ({ branchCode: 'central' })) });
      for (let i = 0; i < 10; i++) {
        const loan = expectStatus(await api(host).checkout(hostCard, rec.barcodes[i]), 201).body;
        if (i === 0) expect(loan.dueDate >= addDays(today(), 14)).toBe(true);
        if (i === 0) expect(loan.dueDate <= addDays(today(), 21)).toBe(true); // a closed day may move it on
      }
      const over = expectStatus(await api(host).checkout(hostCard, rec.barcodes[10]), 422).body;
      expect(over).toMatchObject({ code: 'LOAN_LIMIT', limit: 10 });
      // no renewals under 相互利用, even at the counter
      expect(expectStatus(await api(host).post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 409).body.code).toBe('AGREEMENT_NO_RENEWALS');
      // no holds under 相互利用, even taken at the counter
      const wanted = await seedRecord(host, { copies: [{ branchCode: 'central', status: 'on-loan' }] });
      expect(expectStatus(await api(host).post('/desk/holds', { patronId: reg.id, recordId: wanted.id }), 409).body.code).toBe('AGREEMENT_NO_HOLDS');

      // a resident of the host itself still gets the host's rules (renewable at the counter)
      const local = await seedPatron(host);
      const localRec = await seedRecord(host, { copies: [{ branchCode: 'central' }] });
      // (lent a week ago: a renewal on the loan's own day would not move its due date)
      expectStatus(await api(host).checkout(local.cardNumber, localRec.barcodes[0], { at: new Date(Date.now() - 7 * 86_400_000).toISOString() }), 201);
      expectStatus(await api(host).post('/desk/renewals', { itemBarcode: localRec.barcodes[0] }), 200);

      // the home city's My page lists the loans at the host, the lending city named
      const elsewhere = expectStatus(await api(home).get('/me/loans-elsewhere', resident.token), 200).body;
      expect(elsewhere.loans).toHaveLength(10);
      expect(elsewhere.loans[0]).toMatchObject({ city: { slug: host.slug, name: expect.stringContaining('テスト市立図書館') }, title: rec.title, itemBarcode: rec.barcodes[0] });
      expect(elsewhere.unavailable).toEqual([]);
      // the visitor's own list at home: nothing borrowed at home
      expect(expectStatus(await api(home).get('/me/loans', resident.token), 200).body).toEqual([]);
      // another koga patron sees none of them
      const neighbour = await seedPatron(home);
      expect(expectStatus(await api(home).get('/me/loans-elsewhere', neighbour.token), 200).body.loans).toEqual([]);

      // statistics per agreement per month at the host
      const stats = expectStatus(await api(host).get('/admin/agreements/statistics'), 200).body;
      expect(stats).toEqual([{ agreementId, homeCity: { slug: home.slug, name: expect.any(String) }, month: today().slice(0, 7), loans: 10 }]);
    });

    it('refuses a resident of a city with no agreement (NO_AGREEMENT, with the reason) and reads nothing of that city', async () => {
      const stranger = await seedPatron(lone);
      const res = expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: stranger.cardNumber, cardNumber: cardNumberFor('kitakyushu') }), 403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('NO_AGREEMENT');
      expect(res.body.detail).toContain('協定');
      // an unknown card of the agreed city is not an agreement problem
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug, homeCardNumber: '109999999', cardNumber: cardNumberFor('kitakyushu') }), 404).body.code).toBe('HOME_CARD_UNKNOWN');
      // the home card is not honoured under 相互利用
      const resident = await seedPatron(home);
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug, homeCardNumber: resident.cardNumber }), 422).body.code).toBe('HOME_CARD_NOT_HONOURED');
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: host.slug, homeCardNumber: '1' }), 422).body.code).toBe('AGREEMENT_SAME_CITY');
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: 'Koga!', homeCardNumber: '1' }), 400).body.code).toBe('VALIDATION');
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug }), 400).body.code).toBe('VALIDATION');
    });

    it('honours the home card where the agreement says so, checked against the home city (expired, blocked refused), copying no contact data', async () => {
      // katori residents at kitakyushu on 共通利用券 terms, with holds and renewals
      const common = expectStatus(await platform().post('', { homeCity: lone.slug, hostCity: host.slug, preset: 'common-card', terms: { loans: { maxItems: 2, periodDays: 7 } } }), 201).body[0];
      const good = await seedPatron(lone, { name: '香取 花子', email: 'hanako@example.jp', expiresAt: day(30) });
      const expired = await seedPatron(lone, { expiresAt: day(-1) });
      const blocked = await seedPatron(lone, { status: 'blocked' });
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: expired.cardNumber }), 403).body.code).toBe('HOME_CARD_EXPIRED');
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: blocked.cardNumber }), 403).body.code).toBe('HOME_CARD_BLOCKED');
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: good.cardNumber, cardNumber: cardNumberFor('kitakyushu') }), 422).body.code).toBe('HOST_CARD_REQUIRED');

      const scanned = expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: good.cardNumber }), 201).body;
      expect(scanned).toMatchObject({ name: '香取 花子', email: null, phone: null, expiresAt: day(30), agreementId: common.id, refreshed: false });
      const again = expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: good.cardNumber }), 201).body;
      expect(again).toMatchObject({ id: scanned.id, refreshed: true });

      // lent on the home card: 2 items for 7 days, renewable by the host's renewal rules
      const rec = await seedRecord(host, { copies: [{ branchCode: 'central' }, { branchCode: 'central' }, { branchCode: 'central' }] });
      const loan = expectStatus(await api(host).checkout(good.cardNumber, rec.barcodes[0], { homeCity: lone.slug }), 201).body;
      expect(loan.dueDate >= addDays(today(), 7) && loan.dueDate < addDays(today(), 14)).toBe(true);
      expectStatus(await api(host).checkout(good.cardNumber, rec.barcodes[1], { homeCity: lone.slug }), 201);
      expect(expectStatus(await api(host).checkout(good.cardNumber, rec.barcodes[2], { homeCity: lone.slug }), 422).body).toMatchObject({ code: 'LOAN_LIMIT', limit: 2 });
      expectStatus(await api(host).post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 200);
      // the home card alone (without the home city) is not a card of this library
      expect(['CARD_NOT_FOUND', 'CARD_FORMAT']).toContain((await api(host).checkout(good.cardNumber, rec.barcodes[2])).body.code);

      // the home card expires at home after the scan: the host's counter cannot serve it (the home city renews it)
      await t.ds.query(`UPDATE ${lone.schema}.patrons SET expires_at = $2 WHERE id = $1`, [good.id, day(-1)]);
      expectStatus(await api(host).post(`/desk/checkins`, { itemBarcode: rec.barcodes[1] }), 200);
      expect(expectStatus(await api(host).post('/admin/visitors', { homeCity: lone.slug, homeCardNumber: good.cardNumber }), 403).body.code).toBe('HOME_CARD_EXPIRED');
      await t.ds.query(`UPDATE ${host.schema}.patrons SET expires_at = $2 WHERE id = $1`, [scanned.id, day(-1)]);
      expect(expectStatus(await api(host).checkout(good.cardNumber, rec.barcodes[1], { homeCity: lone.slug }), 403).body.code).toBe('HOME_CARD_EXPIRED');

      // the agreement suspended: no more loans to its visitors
      expectStatus(await platform().patch(`/${common.id}`, { preset: 'common-card', terms: { residentsMayBorrow: false } }), 200);
      expect(expectStatus(await api(host).checkout(good.cardNumber, rec.barcodes[2], { homeCity: lone.slug }), 403).body.code).toBe('AGREEMENT_SUSPENDED');
    });
  });

  describe('isolation', () => {
    it('no librarian of one city reads another city’s patrons, visitors, agreements or statistics through this', async () => {
      for (const path of ['/admin/visitors', '/admin/agreements', '/admin/agreements/statistics']) {
        expectStatus(await api(host).get(path, home.staff), 403);
        expectStatus(await api(home).get(path, host.staff), 403);
      }
      // a librarian of koga cannot register visitors at kitakyushu's desk
      expectStatus(await api(host).post('/admin/visitors', { homeCity: home.slug, homeCardNumber: '100000001' }, home.staff), 403);
      // koga's own visitor list holds nobody of kitakyushu's registrations
      expect(expectStatus(await api(home).get('/admin/visitors'), 200).body).toEqual([]);
      // a patron's token of koga does not read loans elsewhere at kitakyushu's address
      const resident = await seedPatron(home);
      expectStatus(await api(host).get('/me/loans-elsewhere', resident.token), 401);
    });
  });
});
