import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { createPatron } from './support/patrons';

describe('statistics, audit log, news and events, regional health', () => {
  let t: TestApp;
  let admin: string;
  let slug: string;
  let other: string;
  let lib: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    slug = await createTenant(t, admin, 'koga');
    other = await createTenant(t, admin, 'katori');
    lib = await librarianToken(t, admin, slug);
  });
  afterAll(() => t.close());

  it('counts loans per month and branch, holds and new patrons, and shows the audit log', async () => {
    const auth = { Authorization: `Bearer ${lib}` };
    const info = await t.http().get(`/api/t/${slug}/info`).expect(200);
    const branch = info.body.branches[0].code;
    await createPatron(t, slug, lib, { cardNumber: '101010101' });
    await t.http().post(`/api/t/${slug}/admin/records`).set(auth).send({ title: '坊っちゃん', items: [{ barcode: 'S-1', branchCode: branch }] }).expect(201);
    await t.http().post(`/api/t/${slug}/desk/checkouts`).set(auth).send({ cardNumber: '101010101', itemBarcode: 'S-1' }).expect(201);
    const stats = await t.http().get(`/api/t/${slug}/admin/statistics`).set(auth).expect(200);
    expect(stats.body.loansPerMonth).toHaveLength(12);
    expect(stats.body.loansPerMonth[11].value).toBe(1);
    expect(stats.body.loansPerBranch.find((b: { branchCode: string }) => b.branchCode === branch).loans).toBe(1);
    expect(stats.body.newPatronsPerMonth[11].value).toBe(1);
    expect(stats.body.totals).toMatchObject({ patrons: 1, records: 1, openLoans: 1 });
    const audit = await t.http().get(`/api/t/${slug}/admin/audit?entity=patron`).set(auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'patron.create', actorKind: 'librarian' });
  });

  it('publishes news and events for the OPAC home, editable by librarians only', async () => {
    const auth = { Authorization: `Bearer ${lib}` };
    const today = new Date().toISOString().slice(0, 10);
    await t.http().post(`/api/t/${slug}/admin/news`).set(auth).send({ kind: 'event', title: 'おはなし会' }).expect(400);
    const ev = await t.http().post(`/api/t/${slug}/admin/news`).set(auth).send({ kind: 'event', title: 'おはなし会', eventDate: today }).expect(201);
    await t.http().post(`/api/t/${slug}/admin/news`).set(auth).send({ kind: 'news', title: '年末年始の休館', body: '12月29日から休館します。' }).expect(201);
    const pub = await t.http().get(`/api/t/${slug}/news`).expect(200);
    expect(pub.body.events.map((e: { title: string }) => e.title)).toEqual(['おはなし会']);
    expect(pub.body.news.map((e: { title: string }) => e.title)).toEqual(['年末年始の休館']);
    expect((await t.http().get(`/api/t/${other}/news`).expect(200)).body).toEqual({ news: [], events: [] });
    const all = await t.http().get(`/api/t/${slug}/admin/news`).set(auth).expect(200);
    expect(all.body).toHaveLength(2);
    await t.http().delete(`/api/t/${slug}/admin/news/${ev.body.id}`).expect(401);
    await t.http().delete(`/api/t/${slug}/admin/news/${ev.body.id}`).set(auth).expect(204);
  });

  it('gives regional IT a health summary per tenant', async () => {
    const res = await t.http().get('/api/platform/health').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.database).toBe('ok');
    const row = res.body.tenants.find((x: { slug: string }) => x.slug === slug);
    expect(row).toMatchObject({ status: 'active', pendingMigrations: [], outbox: expect.objectContaining({ failed: 0 }) });
    await t.http().get('/api/platform/health').set('Authorization', `Bearer ${lib}`).expect(403);
  });
});
