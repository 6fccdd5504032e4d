import { DatabaseKind } from '../src/engine/database/database-kind';
import { ClusterService } from '../src/modules/platform/cluster.service';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp, uniqueSlug } from './support/app';

const PRESETS = ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga'];

describe('platform: tenants, staff, errors (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  it('answers health when the database answers', async () => {
    await t.http().get('/api/health').expect(200, { status: 'ok' });
  });

  it('publishes OpenAPI at /api/docs-json and the UI at /api/docs', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/platform/tenants', '/api/t/{slug}/info', '/api/health']));
    await t.http().get('/api/docs').redirects(1).expect(200);
  });

  it('refuses a wrong admin password with the uniform LOGIN_FAILED', async () => {
    const res = await t.http().post('/api/platform/login').send({ username: 'admin', password: 'wrong' }).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'LOGIN_FAILED', status: 401 });
    expect(res.body.message.ja).toBeTruthy();
    expect(res.body.message.en).toBeTruthy();
  });

  it('needs a platform admin for the tenant registry', async () => {
    await t.http().get('/api/platform/tenants').expect(401);
    const slug = await createTenant(t, admin, 'katori');
    const lib = await librarianToken(t, admin, slug);
    const res = await t.http().get('/api/platform/tenants').set('Authorization', `Bearer ${lib}`).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it.each(PRESETS)('creates a tenant from preset %s with its branches and policy', async (preset) => {
    const slug = uniqueSlug(preset.slice(0, 4));
    const res = await t
      .http()
      .post('/api/platform/tenants')
      .set('Authorization', `Bearer ${admin}`)
      .send({ slug, name: `${preset} 市立図書館`, preset })
      .expect(201);
    expect(res.body).toMatchObject({ slug, status: 'active', preset });
    const info = await t.http().get(`/api/t/${slug}/info`).expect(200);
    expect(info.body.name).toBe(`${preset} 市立図書館`);
    expect(info.body.branches.length).toBeGreaterThan(0);
    expect(info.body.pickupPoints.length).toBeGreaterThan(0);
    const list = await t.http().get('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.map((x: { slug: string }) => x.slug)).toContain(slug);
  });

  it('refuses a duplicate slug with 409 and a bad slug with 400 field errors', async () => {
    const slug = await createTenant(t, admin);
    const dup = await t.http().post('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).send({ slug, name: 'x' }).expect(409);
    expect(dup.body.code).toBe('TENANT_EXISTS');
    for (const bad of ['Bad', '1abc', 'a', 'x'.repeat(40), 'a_b', 'ｋａｔｏｒｉ']) {
      const res = await t.http().post('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).send({ slug: bad, name: 'x' }).expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors[0].path).toBe('slug');
    }
    const unknownPreset = await t
      .http()
      .post('/api/platform/tenants')
      .set('Authorization', `Bearer ${admin}`)
      .send({ slug: uniqueSlug(), name: 'x', preset: 'atlantis' })
      .expect(422);
    expect(unknownPreset.body.code).toBe('UNKNOWN_PRESET');
  });

  it('suspends and resumes a tenant: 503 TENANT_SUSPENDED meanwhile', async () => {
    const slug = await createTenant(t, admin, 'koga');
    await t.http().patch(`/api/platform/tenants/${slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'suspended' }).expect(200);
    const res = await t.http().get(`/api/t/${slug}/info`).expect(503);
    expect(res.body.code).toBe('TENANT_SUSPENDED');
    await t.http().patch(`/api/platform/tenants/${slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'active' }).expect(200);
    await t.http().get(`/api/t/${slug}/info`).expect(200);
    await t.http().patch(`/api/platform/tenants/${slug}`).set('Authorization', `Bearer ${admin}`).send({ status: 'closed' }).expect(400);
  });

  it('tells regional IT which database server holds each library (plain PostgreSQL: one server; Citus: a worker each)', async () => {
    const slug = await createTenant(t, admin, 'koga');
    await t.http().get('/api/platform/cluster').expect(401);
    const before: string[] = (await t.http().get('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).expect(200)).body.map((x: { slug: string }) => x.slug);
    const res = await t.http().get('/api/platform/cluster').set('Authorization', `Bearer ${admin}`).expect(200);
    const citus = t.app.get(DatabaseKind).citus;
    expect(res.body.citus).toBe(citus);
    const holding = res.body.nodes.filter((n: { cities: { slug: string }[] }) => n.cities.some((c) => c.slug === slug));
    expect(holding).toHaveLength(1);
    if (citus) {
      // the coordinator and the workers; a new library lives on a worker
      expect(res.body.nodes.map((n: { role: string }) => n.role).sort()).toEqual(['coordinator', 'worker', 'worker']);
      expect(holding[0]).toMatchObject({ role: 'worker', active: true });
      expect(holding[0].cities.find((c: { slug: string }) => c.slug === slug).bytes).toBeGreaterThan(0);
    } else {
      // one server with every library, and nowhere to move one to
      expect(res.body.nodes).toEqual([expect.objectContaining({ role: 'single', active: true })]);
      // other suites create libraries meanwhile (none are ever deleted): every library that existed
      // before the question is on the one server, and nothing is there that did not exist after it
      const held: string[] = res.body.nodes[0].cities.map((c: { slug: string }) => c.slug);
      const after = (await t.http().get('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).expect(200)).body;
      const afterSlugs: string[] = after.map((x: { slug: string }) => x.slug);
      expect(held.filter((s) => !afterSlugs.includes(s))).toEqual([]);
      expect(before.filter((s) => !held.includes(s))).toEqual([]);
      await expect(t.app.get(ClusterService).move(slug, '127.0.0.1:5433')).rejects.toMatchObject({ code: 'NOT_A_CLUSTER' });
    }
  });

  it('answers an unknown tenant with 404 TENANT_NOT_FOUND', async () => {
    const res = await t.http().get('/api/t/nosuchcity/info').expect(404);
    expect(res.body.code).toBe('TENANT_NOT_FOUND');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and a 3 MB body with 413', async () => {
    const bad = await t.http().post('/api/platform/login').set('Content-Type', 'application/json').send('{"username": "admin",').expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const big = await t
      .http()
      .post('/api/platform/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin', password: 'x'.repeat(3 * 1024 * 1024) }))
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses unknown body fields and answers unknown API paths with problem+json 404', async () => {
    const res = await t.http().post('/api/platform/login').send({ username: 'admin', password: 'x', admin: true }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('admin');
    const nf = await t.http().get('/api/nothing-here').expect(404);
    expect(nf.body.code).toBe('NOT_FOUND');
  });

  it('signs librarians in to their own tenant only; their token is refused on another tenant', async () => {
    const a = await createTenant(t, admin, 'katori');
    const b = await createTenant(t, admin, 'kushiro');
    const libA = await librarianToken(t, admin, a);
    await t.http().get(`/api/t/${a}/admin/policy`).set('Authorization', `Bearer ${libA}`).expect(200);
    const res = await t.http().get(`/api/t/${b}/admin/policy`).set('Authorization', `Bearer ${libA}`).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    // logging out ends the session
    await t.http().post(`/api/t/${a}/staff/logout`).set('Authorization', `Bearer ${libA}`).expect(204);
    await t.http().get(`/api/t/${a}/admin/policy`).set('Authorization', `Bearer ${libA}`).expect(401);
    // the same user name does not sign in to the other tenant
    await t.http().post(`/api/t/${b}/staff/login`).send({ username: `lib-${a}`, password: 'librarian-pass-1' }).expect(401);
  });

  it('uses cookie sessions with CSRF protection for writes', async () => {
    const agent = t.http();
    const login = await t.http().post('/api/platform/login').send({ username: 'admin', password: 'test-admin-password' }).expect(200);
    const cookie = login.headers['set-cookie'] as unknown as string[];
    expect(cookie.join(';')).toMatch(/sid=.*HttpOnly/i);
    expect(cookie.join(';')).toMatch(/SameSite=Lax/i);
    const slug = uniqueSlug();
    const refused = await t.http().post('/api/platform/tenants').set('Cookie', cookie).send({ slug, name: 'x' }).expect(403);
    expect(refused.body.code).toBe('CSRF');
    const csrf = await t.http().get('/api/csrf').set('Cookie', cookie).expect(200);
    expect(csrf.body.token).toBe(login.body.csrfToken);
    await t.http().post('/api/platform/tenants').set('Cookie', cookie).set('X-CSRF-Token', csrf.body.token).send({ slug, name: 'x' }).expect(201);
    await t.http().post('/api/platform/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf.body.token).expect(204);
    await t.http().get('/api/platform/tenants').set('Cookie', cookie).expect(401);
    void agent;
  });
});
