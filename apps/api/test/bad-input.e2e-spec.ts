import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';

/**
 * The outside security test's reproductions of bad input that reached PostgreSQL and
 * answered 500 (issue #22, item 7): each now answers 4xx problem+json naming the field, and
 * writes nothing. Two tenants, as every suite; the fuzzer (fuzz.e2e-spec.ts) covers the rest.
 */
describe('bad input answers 4xx, naming the field', () => {
  let t: TestApp;
  let admin: string;
  let slug: string;
  let other: string;
  let lib: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    slug = await createTenant(t, admin, 'katori');
    other = await createTenant(t, admin, 'koga');
    lib = { Authorization: `Bearer ${await librarianToken(t, admin, slug)}` };
  });
  afterAll(() => t.close());

  function expectField(res: { status: number; body: { code: string; errors?: { path: string; code?: string }[] }; headers: Record<string, string> }, status: number, field: string, code?: string) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, ...(code ? { code } : {}) })]));
  }

  it('validates date query parameters (news ?from=x unauthenticated, admin closed-days ?from=)', async () => {
    for (const from of ['x', '2026-02-30', '0000-00-00', '275760-09-13']) {
      expectField(await t.http().get(`/api/t/${slug}/news`).query({ from }), 400, 'from', 'isCalendarDate');
      expectField(await t.http().get(`/api/t/${slug}/admin/closed-days`).query({ from }).set(lib), 400, 'from', 'isCalendarDate');
      expectField(await t.http().get(`/api/t/${other}/calendar`).query({ to: from }), 400, 'to', 'isCalendarDate');
    }
    await t.http().get(`/api/t/${slug}/news`).query({ from: '2026-12-01', to: '2027-02-28' }).expect(200);
    await t.http().get(`/api/t/${slug}/admin/closed-days`).query({ from: '2026-12-01' }).set(lib).expect(200);
  });

  it('refuses impossible and out-of-range dates in bodies, with a Japanese and English message', async () => {
    for (const date of ['2026-02-30', '0000-00-00', '275760-09-13', '1799-12-31']) {
      const patron = await t.http().post(`/api/t/${slug}/admin/patrons`).set(lib).send({ cardNumber: '0001234', name: '図書 花子', nameKana: 'トショ ハナコ', birthDate: date });
      expectField(patron, 400, 'birthDate', 'isCalendarDate');
      expect(patron.body.errors[0].message.ja).toContain('実在する日付');
      expectField(await t.http().post(`/api/t/${slug}/admin/patrons`).set(lib).send({ cardNumber: '0001234', name: '図書 花子', nameKana: 'トショ ハナコ', expiresAt: date }), 400, 'expiresAt');
      expectField(await t.http().post(`/api/t/${slug}/admin/records`).set(lib).send({ title: 'こころ', receivedAt: date }), 400, 'receivedAt');
      expectField(await t.http().post(`/api/t/${slug}/admin/news`).set(lib).send({ kind: 'event', title: 'おはなし会', eventDate: date }), 400, 'eventDate');
      expectField(await t.http().post(`/api/t/${slug}/admin/closed-days`).set(lib).send({ date }), 400, 'date');
    }
    expectField(await t.http().post(`/api/t/${slug}/desk/checkins`).set(lib).send({ itemBarcode: 'X', at: '0000-01-01T00:00:00+09:00' }), 400, 'at', 'isInstant');
    expectField(await t.http().get('/api/platform/audit').query({ from: '2026-13-01' }).set('Authorization', `Bearer ${admin}`), 400, 'from');
    const rows = await t.ds.query(`SELECT count(*)::int AS n FROM tenant_${slug}.patrons`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses NUL and lone surrogates anywhere, the unauthenticated logins included', async () => {
    expectField(await t.http().post('/api/platform/login').send({ username: 'ad\u0000min', password: 'x' }), 400, 'username', 'NUL_CHARACTER');
    expectField(await t.http().post(`/api/t/${slug}/staff/login`).send({ username: 'lib\u0000', password: 'x' }), 400, 'username', 'NUL_CHARACTER');
    expectField(await t.http().post(`/api/t/${slug}/auth/login`).send({ cardNumber: '0001\ud800', password: 'x' }), 400, 'cardNumber', 'LONE_SURROGATE');
    expectField(await t.http().post(`/api/t/${slug}/admin/records`).set(lib).send({ title: 'こころ', authors: [{ name: '夏目\u0000漱石' }] }), 400, 'authors.0.name', 'NUL_CHARACTER');
    expectField(await t.http().get(`/api/t/${slug}/admin/records`).query({ q: 'a\u0000' }).set(lib), 400, 'q', 'NUL_CHARACTER');
    expectField(await t.http().get(`/api/t/${slug}/admin/items/A%00B`).set(lib), 400, 'barcode', 'NUL_CHARACTER');
    expectField(await t.http().put(`/api/t/${slug}/admin/policy`).set(lib).send({ ['key\u0000']: 1 }), 400, 'key\u0000', 'NUL_CHARACTER');
    const records = await t.ds.query(`SELECT count(*)::int AS n FROM tenant_${slug}.records`);
    expect(records[0].n).toBe(0);
  });

  it('refuses integer ids and page numbers past their column (closed-days/99999999999999999999, audit?page=1e308)', async () => {
    expectField(await t.http().delete(`/api/t/${slug}/admin/closed-days/99999999999999999999`).set(lib), 400, 'id', 'INTEGER_ID');
    expectField(await t.http().delete(`/api/t/${slug}/admin/closed-days/1e3`).set(lib), 400, 'id', 'INTEGER_ID');
    await t.http().delete(`/api/t/${slug}/admin/closed-days/9223372036854775807`).set(lib).expect(404);
    expectField(await t.http().post(`/api/t/${slug}/admin/policy/versions/2147483648/revert`).set(lib), 400, 'version', 'INTEGER_ID');
    expectField(await t.http().get(`/api/t/${slug}/admin/policy/diff`).query({ from: '1', to: '99999999999' }).set(lib), 400, 'to', 'INTEGER_ID');
    expectField(await t.http().get(`/api/t/${slug}/admin/audit`).query({ page: '1e308' }).set(lib), 400, 'page');
    expectField(await t.http().get(`/api/t/${slug}/admin/statistics`).query({ months: '1.5' }).set(lib), 400, 'months');
    await t.http().get(`/api/t/${slug}/admin/audit`).query({ page: '2', size: '10' }).set(lib).expect(200);
  });

  it('refuses a query parameter given twice where one value is taken', async () => {
    expectField(await t.http().get(`/api/t/${slug}/admin/patrons?q=a&q=b`).set(lib), 400, 'q', 'isString');
    expectField(await t.http().get(`/api/t/${slug}/desk/hold-shelf?branchCode=a&branchCode=b`).set(lib), 400, 'branchCode');
    expectField(await t.http().get(`/api/t/${slug}/news?from=2026-12-01&from=2026-12-02`), 400, 'from');
    await t.http().get(`/api/t/${slug}/admin/patrons?q=a`).set(lib).expect(200);
    await t.http().get(`/api/t/${slug}/desk/hold-shelf?branchCode=`).set(lib).expect(200);
  });

  it('refuses null for a field that cannot be empty in a PATCH, naming it', async () => {
    const info = await t.http().get(`/api/t/${slug}/info`).expect(200);
    const branch = info.body.branches[0].code;
    const record = await t.http().post(`/api/t/${slug}/admin/records`).set(lib).send({ title: 'こころ', items: [{ barcode: 'NULL-1', branchCode: branch }] }).expect(201);
    const title = await t.http().patch(`/api/t/${slug}/admin/records/${record.body.id}`).set(lib).send({ title: null });
    expectField(title, 400, 'title', 'isDefined');
    expect(title.body.errors.find((e: { code: string }) => e.code === 'isDefined').message.ja).toContain('null');
    expectField(await t.http().patch(`/api/t/${slug}/admin/items/NULL-1`).set(lib).send({ status: null }), 400, 'status', 'isDefined');
    expectField(await t.http().patch(`/api/t/${slug}/admin/items/NULL-1`).set(lib).send({ loanable: null }), 400, 'loanable', 'isDefined');
    // where null means "clear", it still does
    await t.http().patch(`/api/t/${slug}/admin/records/${record.body.id}`).set(lib).send({ subtitle: null, receivedAt: null }).expect(200);
    const after = await t.http().get(`/api/t/${slug}/admin/records/${record.body.id}`).set(lib).expect(200);
    expect(after.body).toMatchObject({ title: 'こころ', subtitle: null, receivedAt: null });
  });

  it('checks a branch code before writing: closed-days/holidays with an unknown branch is 422 BRANCH_NOT_FOUND, nothing added', async () => {
    const res = await t.http().post(`/api/t/${slug}/admin/closed-days/holidays`).set(lib).send({ year: 2027, branchCode: 'nosuch' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'BRANCH_NOT_FOUND', errors: [expect.objectContaining({ path: 'branchCode' })] });
    const rows = await t.ds.query(`SELECT count(*)::int AS n FROM tenant_${slug}.closed_days`);
    expect(rows[0].n).toBe(0);
  });

  it('routes case-sensitively: /api/T/{slug}/search is a plain 404 problem+json', async () => {
    for (const path of [`/api/T/${other}/search`, `/API/t/${other}/info`, `/api/t/${other}/Info`, `/api/t/${other}/SEARCH?q=x`]) {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    await t.http().get(`/api/t/${other}/search`).query({ q: 'x' }).expect(200);
  });
});
