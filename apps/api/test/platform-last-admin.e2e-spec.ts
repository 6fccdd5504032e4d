import { StaffService } from '../src/modules/platform/staff.service';
import { adminToken, createTestApp, privateDatabase, TestApp, uniqueSlug } from './support/app';

const PASSWORD = 'platform-pass-1';

/**
 * The last active platform admin cannot be disabled. Whether an admin is the last one is a
 * question about every platform admin there is, so this runs on a platform of its own (a
 * database of its own on the suites' server): on the shared database, the suites running beside
 * this one create platform admins of their own (and use them) while it runs; disabling them
 * would break those suites, and one created between the disabling and the question would make
 * "admin" not the last, and disable the account every suite signs in with.
 */
describe('platform: the last active platform admin (a platform of its own)', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    db = await privateDatabase();
    t = await createTestApp({}, db.url);
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const platformLogin = (username: string, password: string) => t.http().post('/api/platform/login').send({ username, password });

  it('refuses to disable the last active platform admin with 409 LAST_PLATFORM_ADMIN; another one can be disabled', async () => {
    const username = `pa${uniqueSlug()}`;
    const row = await t.app.get(StaffService).create({ username, password: PASSWORD, role: 'platform-admin', tenantId: null });
    const other = { id: row.id, username, token: (await platformLogin(username, PASSWORD).expect(200)).body.token as string };
    const [me] = await t.ds.query(`SELECT id FROM platform.staff WHERE role = 'platform-admin' AND lower(username) = 'admin'`);
    // on this platform, "admin" and the one just created are the only platform admins
    const others: { id: string }[] = await t.ds.query(`SELECT id FROM platform.staff WHERE role = 'platform-admin' AND disabled_at IS NULL AND id <> $1`, [me.id]);
    expect(others.map((o) => o.id)).toEqual([other.id]);
    await t.http().patch(`/api/platform/staff/${other.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);
    // the disabled admin's session ended at once
    await t.http().get('/api/platform/tenants').set(bearer(other.token)).expect(401);
    expect((await platformLogin(other.username, PASSWORD).expect(401)).body.code).toBe('LOGIN_FAILED');

    const refused = await t.http().patch(`/api/platform/staff/${me.id}`).set(bearer(admin)).send({ disabled: true }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'LAST_PLATFORM_ADMIN', status: 409 });
    expect(refused.body.message.ja).toContain('広域管理者');
    expect(refused.body.message.en).toContain('last active platform admin');
    // nothing changed: still enabled, the session still works
    await t.http().get('/api/platform/tenants').set(bearer(admin)).expect(200);
    const admins = await t.http().get('/api/platform/admins').set(bearer(admin)).expect(200);
    expect(admins.body.find((s: { id: string }) => s.id === me.id).disabled).toBe(false);
    // a display name change of the last admin is fine
    await t.http().patch(`/api/platform/staff/${me.id}`).set(bearer(admin)).send({ displayName: '広域管理者' }).expect(200);
  });
});
