import { quotedTenantSchema } from '@shiori/tenancy';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { createPatron } from './support/patrons';

describe('policy as versioned, explainable data (librarians)', () => {
  let t: TestApp;
  let slug: string;
  let other: string;
  let lib: string;
  const auth = () => ({ Authorization: `Bearer ${lib}` });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    slug = await createTenant(t, admin, 'katori');
    other = await createTenant(t, admin, 'koga');
    lib = await librarianToken(t, admin, slug);
  });
  afterAll(() => t.close());

  it('saves a changed rule as a new version, and the next decision follows it', async () => {
    const current = await t.http().get(`/api/t/${slug}/admin/policy`).set(auth()).expect(200);
    expect(current.body.version).toBe(1);
    expect(current.body.password.minLength).toBe(6);
    await createPatron(t, slug, lib, { cardNumber: '0100001', nameKana: 'カトリ イチロウ', birthDate: '1980-01-01' });
    const register = (password: string) =>
      t.http().post(`/api/t/${slug}/auth/register-password`).send({ cardNumber: '0100001', password, identity: { nameKana: 'カトリイチロウ', birthDate: '19800101' } });
    await register('abc123').expect(200);

    const { version, changedBy, changedAt, ...policy } = current.body;
    void version; void changedBy; void changedAt;
    policy.password.minLength = 10;
    const saved = await t.http().put(`/api/t/${slug}/admin/policy`).set(auth()).send(policy).expect(200);
    expect(saved.body.version).toBe(2);
    const refused = await register('abc123').expect(422);
    expect(refused.body.code).toBe('PASSWORD_POLICY');
    await register('abc123abc1').expect(200);
    const info = await t.http().get(`/api/t/${slug}/info`).expect(200);
    expect(JSON.stringify(info.body.policy)).toContain('10');

    const versions = await t.http().get(`/api/t/${slug}/admin/policy/versions`).set(auth()).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await t.http().get(`/api/t/${slug}/admin/policy/diff?from=1&to=2`).set(auth()).expect(200);
    expect(diff.body.changes).toEqual([{ path: 'password.minLength', before: 6, after: 10 }]);
    // revert = a new version with the old content
    const reverted = await t.http().post(`/api/t/${slug}/admin/policy/versions/1/revert`).set(auth()).expect(201);
    expect(reverted.body.version).toBe(3);
    await register('abc123').expect(200);
    // the other tenant's policy never moved
    const koga = await t.http().get(`/api/t/${other}/info`).expect(200);
    expect(koga.body.slug).toBe(other);
  });

  it('refuses an invalid policy with field errors and changes nothing', async () => {
    const before = await t.http().get(`/api/t/${slug}/admin/policy/versions`).set(auth()).expect(200);
    const { body } = await t.http().get(`/api/t/${slug}/admin/policy`).set(auth()).expect(200);
    const { version, changedBy, changedAt, ...policy } = body;
    void version; void changedBy; void changedAt;
    policy.password.minLength = 0;
    policy.loans.periodDays = 'two weeks';
    const res = await t.http().put(`/api/t/${slug}/admin/policy`).set(auth()).send(policy).expect(422);
    expect(res.body.code).toBe('POLICY_INVALID');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['password.minLength', 'loans.periodDays']));
    expect(res.body.errors[0].message.ja).toBeTruthy();
    const after = await t.http().get(`/api/t/${slug}/admin/policy/versions`).set(auth()).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('explains which loan rule applies and why', async () => {
    const { body } = await t.http().get(`/api/t/${slug}/admin/policy`).set(auth()).expect(200);
    const { version, changedBy, changedAt, ...policy } = body;
    void version; void changedBy; void changedAt;
    policy.loans.rules = [
      { id: 'av-short', materialType: 'av', periodDays: 7 },
      { id: 'child-av', materialType: 'av', patronCategory: 'child', periodDays: 10 },
    ];
    await t.http().put(`/api/t/${slug}/admin/policy`).set(auth()).send(policy).expect(200);
    const res = await t.http().post(`/api/t/${slug}/admin/policy/explain`).set(auth()).send({ patronCategory: 'child', materialType: 'av', branchCode: 'sawara' }).expect(200);
    const period = res.body.values.find((v: { field: string }) => v.field === 'periodDays');
    expect(period.value).toBe(10);
    expect(JSON.stringify(period.source)).toContain('child-av');
    expect(period.why.ja).toBeTruthy();
    const general = await t.http().post(`/api/t/${slug}/admin/policy/explain`).set(auth()).send({ patronCategory: 'general', materialType: 'book' }).expect(200);
    expect(general.body.values.find((v: { field: string }) => v.field === 'periodDays').value).toBe(policy.loans.periodDays);
  });

  it('lists the patron categories and material types rules may name', async () => {
    const res = await t.http().get(`/api/t/${slug}/admin/codes`).set(auth()).expect(200);
    expect(res.body.categories.map((c: { code: string }) => c.code)).toContain('general');
    expect(res.body.materialTypes.map((c: { code: string }) => c.code)).toContain('book');
  });

  it('manages branches, pickup points with a timetable, and closed days with national holidays', async () => {
    await t.http().post(`/api/t/${slug}/admin/branches`).set(auth()).send({ code: 'omigawa2', name: '小見川第二分室' }).expect(201);
    const dup = await t.http().post(`/api/t/${slug}/admin/branches`).set(auth()).send({ code: 'omigawa2', name: 'x' }).expect(409);
    expect(dup.body.code).toBe('BRANCH_EXISTS');
    await t
      .http()
      .post(`/api/t/${slug}/admin/pickup-points`)
      .set(auth())
      .send({ code: 'bm-park', name: '中央公園', kind: 'bookmobile-station', branchCode: 'omigawa2', timetable: [{ weekday: 2, weeks: [1, 3], time: '10:00-10:30' }] })
      .expect(201);
    const points = await t.http().get(`/api/t/${slug}/admin/pickup-points`).set(auth()).expect(200);
    expect(points.body.find((p: { code: string }) => p.code === 'bm-park').timetable[0]).toMatchObject({ weekday: 2, weeks: [1, 3] });
    expect(points.body.map((p: { code: string }) => p.code)).toContain('omigawa2-counter');
    await t.http().post(`/api/t/${slug}/admin/closed-days`).set(auth()).send({ date: '2027-12-29', reason: '年末休館' }).expect(201);
    await t.http().post(`/api/t/${slug}/admin/closed-days`).set(auth()).send({ date: '2027-12-29' }).expect(409);
    await t.http().post(`/api/t/${slug}/admin/closed-days`).set(auth()).send({ date: '2027-13-45' }).expect(400);
    const hol = await t.http().post(`/api/t/${slug}/admin/closed-days/holidays`).set(auth()).send({ year: 2027 }).expect(201);
    expect(hol.body.holidays).toBeGreaterThanOrEqual(16);
    const days = await t.http().get(`/api/t/${slug}/admin/closed-days?from=2027-01-01&to=2027-12-31`).set(auth()).expect(200);
    expect(days.body.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2027-01-01', '2027-12-29']));
    const audit = await t.ds.query(`SELECT count(*)::int AS n FROM ${quotedTenantSchema(slug)}.audit_log WHERE action LIKE 'closed-day%'`);
    expect(audit[0].n).toBeGreaterThanOrEqual(2);
  });
});
