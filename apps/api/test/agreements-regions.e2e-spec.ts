import { adminToken, createTestApp, TestApp, uniqueSlug } from './support/app';
import { api, bearer, day, expectStatus, Library, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';

interface View {
  id: string;
  homeCity: { slug: string };
  hostCity: { slug: string } | null;
  hostRegion: { code: string; name: string } | null;
}

/**
 * 広域利用 for all members of a region (platform migration 0007-agreement-regions): one
 * agreement admits a city's residents at every other member of a region; the pair's own
 * agreement wins over the region's; a city outside the region, or one that leaves it, is not
 * admitted. Four cities: kitakyushu, koga and katori in the region, kushiro outside.
 */
describe('agreements for all members of a region', () => {
  let t: TestApp;
  let admin: string;
  let a: Library; // kitakyushu
  let b: Library; // koga: the home city
  let c: Library; // katori
  let outsider: Library; // kushiro
  let region: string;
  let regional: View;

  const platform = {
    get: (path: string) => t.http().get(`/api/platform/agreements${path}`).set(bearer(admin)),
    post: (path: string, body: object) => t.http().post(`/api/platform/agreements${path}`).set(bearer(admin)).send(body),
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    a = await setupLibrary(t, admin, 'kitakyushu');
    b = await setupLibrary(t, admin, 'koga');
    c = await setupLibrary(t, admin, 'katori');
    outsider = await setupLibrary(t, admin, 'kushiro');
    region = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set(bearer(admin)).send({ code: region, name: '福岡県', members: [a.slug, b.slug, c.slug] }).expect(201);
  });
  afterAll(() => t.close());

  it('regional IT makes an agreement with "this region’s members" as host, versioned and audited', async () => {
    const res = expectStatus(await platform.post('', { homeCity: b.slug, hostRegion: region, preset: 'common-card', terms: { loans: { maxItems: 2, periodDays: 7 } } }), 201).body as View[];
    expect(res).toHaveLength(1);
    regional = res[0];
    expect(regional).toMatchObject({ homeCity: { slug: b.slug }, hostCity: null, hostRegion: { code: region, name: '福岡県' }, terms: { card: 'home-card' } });
    expect(expectStatus(await platform.get(`/${regional.id}`), 200).body).toMatchObject({ hostRegion: { code: region } });
    expect((expectStatus(await platform.get(''), 200).body as View[]).filter((v) => v.id === regional.id)).toHaveLength(1);
    const audit = expectStatus(await t.http().get('/api/platform/audit?action=agreement.create').set(bearer(admin)), 200).body;
    expect(audit.items.find((i: { entityId: string }) => i.entityId === regional.id)).toMatchObject({ after: { homeCity: b.slug, hostRegion: region } });
  });

  it('refuses a host that is both or neither, an unknown region, a home city outside the region, and a second one', async () => {
    const code = async (body: object, status: number) => expectStatus(await platform.post('', body), status).body.code;
    expect(await code({ homeCity: b.slug, hostCity: a.slug, hostRegion: region }, 422)).toBe('AGREEMENT_HOST_REQUIRED');
    expect(await code({ homeCity: b.slug }, 422)).toBe('AGREEMENT_HOST_REQUIRED');
    expect(await code({ homeCity: b.slug, hostRegion: 'nosuch-region' }, 422)).toBe('AGREEMENT_UNKNOWN_REGION');
    expect(await code({ homeCity: outsider.slug, hostRegion: region }, 422)).toBe('AGREEMENT_HOME_NOT_IN_REGION');
    expect(await code({ homeCity: b.slug, hostRegion: region, preset: 'mutual-use' }, 409)).toBe('AGREEMENT_EXISTS');
    expect(await code({ homeCity: b.slug, hostRegion: 'Not A Code' }, 400)).toBe('VALIDATION');
    expect(await code({ homeCity: b.slug, hostRegion: null }, 400)).toBe('VALIDATION');
    // the table itself keeps exactly one host
    await expect(t.ds.query(`INSERT INTO platform.agreements (home_tenant_id, host_tenant_id, host_region, terms) VALUES ($1, $2, $3, '{}')`, [b.tenantId, a.tenantId, region])).rejects.toThrow(/agreements_one_host/);
  });

  it('a resident of the home city registers and borrows on the home card at every other member, on the region’s terms', async () => {
    const resident = await seedPatron(b, { name: '古賀 一郎', expiresAt: day(60) });
    for (const host of [a, c]) {
      const visitor = expectStatus(await api(host).post('/admin/visitors', { homeCity: b.slug, homeCardNumber: resident.cardNumber }), 201).body;
      expect(visitor).toMatchObject({ name: '古賀 一郎', agreementId: regional.id });
      const [{ code: branchCode }] = await t.ds.query(`SELECT code FROM ${host.schema}.branches ORDER BY sort, code LIMIT 1`);
      const rec = await seedRecord(host, { copies: [{ branchCode }, { branchCode }, { branchCode }] });
      expectStatus(await api(host).checkout(resident.cardNumber, rec.barcodes[0], { homeCity: b.slug }), 201);
      expectStatus(await api(host).checkout(resident.cardNumber, rec.barcodes[1], { homeCity: b.slug }), 201);
      expect(expectStatus(await api(host).checkout(resident.cardNumber, rec.barcodes[2], { homeCity: b.slug }), 422).body).toMatchObject({ code: 'LOAN_LIMIT', limit: 2 });
    }
    // the home city's My page lists the loans at both members
    const elsewhere = expectStatus(await api(b).get('/me/loans-elsewhere', resident.token), 200).body;
    expect(elsewhere.loans.map((l: { city: { slug: string } }) => l.city.slug).sort()).toEqual([a.slug, a.slug, c.slug, c.slug].sort());
    // the tester reads the region's agreement for any pair of members
    const explained = expectStatus(await platform.post('/explain', { homeCity: b.slug, hostCity: c.slug, situation: 'checkout', currentLoans: 1 }), 200).body;
    expect(explained).toMatchObject({ ok: true, agreementId: regional.id });
    // members see it in their read-only list; the city outside does not
    for (const lib of [a, b, c]) expect((expectStatus(await api(lib).get('/admin/agreements'), 200).body as View[]).map((v) => v.id)).toContain(regional.id);
    expect((expectStatus(await api(outsider).get('/admin/agreements'), 200).body as View[]).map((v) => v.id)).not.toContain(regional.id);
  });

  it('admits nobody of a city outside the region, and nobody at a city outside it', async () => {
    const stranger = await seedPatron(outsider);
    expect(expectStatus(await api(a).post('/admin/visitors', { homeCity: outsider.slug, homeCardNumber: stranger.cardNumber }), 403).body.code).toBe('NO_AGREEMENT');
    const resident = await seedPatron(b);
    expect(expectStatus(await api(outsider).post('/admin/visitors', { homeCity: b.slug, homeCardNumber: resident.cardNumber }), 403).body.code).toBe('NO_AGREEMENT');
    // the region's agreement is one way: kitakyushu's residents are not admitted at koga by it
    const other = await seedPatron(a);
    expect(expectStatus(await api(b).post('/admin/visitors', { homeCity: a.slug, homeCardNumber: other.cardNumber }), 403).body.code).toBe('NO_AGREEMENT');
  });

  it('the pair’s own agreement wins over the region’s', async () => {
    const own = expectStatus(await platform.post('', { homeCity: b.slug, hostCity: c.slug, preset: 'mutual-use' }), 201).body[0] as View;
    expect(expectStatus(await platform.post('/explain', { homeCity: b.slug, hostCity: c.slug, situation: 'register' }), 200).body.agreementId).toBe(own.id);
    expect(expectStatus(await platform.post('/explain', { homeCity: b.slug, hostCity: a.slug, situation: 'register' }), 200).body.agreementId).toBe(regional.id);
    // under 相互利用 the home card is no longer honoured at katori
    const resident = await seedPatron(b);
    expect(expectStatus(await api(c).post('/admin/visitors', { homeCity: b.slug, homeCardNumber: resident.cardNumber }), 422).body.code).toBe('HOME_CARD_NOT_HONOURED');
  });

  it('reciprocal: the same terms for every member as home', async () => {
    const small = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set(bearer(admin)).send({ code: small, name: '小地域', members: [a.slug, c.slug] }).expect(201);
    const made = expectStatus(await platform.post('', { homeCity: a.slug, hostRegion: small, preset: 'common-card', reciprocal: true }), 201).body as View[];
    expect(made.map((v) => v.homeCity.slug).sort()).toEqual([a.slug, c.slug].sort());
    expect(made.every((v) => v.hostRegion?.code === small && v.hostCity === null)).toBe(true);
  });

  // last: changes the region
  it('a city that leaves the region no longer lends to the region’s visitors', async () => {
    const resident = await seedPatron(b, { expiresAt: day(60) });
    expectStatus(await api(a).post('/admin/visitors', { homeCity: b.slug, homeCardNumber: resident.cardNumber }), 201);
    const rec = await seedRecord(a, { copies: [{ branchCode: 'central' }] });
    await t.http().patch(`/api/platform/regions/${region}`).set(bearer(admin)).send({ removeMembers: [a.slug] }).expect(200);
    expect(expectStatus(await api(a).checkout(resident.cardNumber, rec.barcodes[0], { homeCity: b.slug }), 403).body.code).toBe('NO_AGREEMENT');
    expect(expectStatus(await platform.post('/explain', { homeCity: b.slug, hostCity: a.slug, situation: 'register' }), 200).body).toMatchObject({ ok: false, code: 'NO_AGREEMENT' });
  });
});
