import { cliCommands } from '../src/engine/cli-commands';
import { runAsCli } from '../src/engine/http/request-context';
import { StaffService } from '../src/modules/platform/staff.service';
import { TenantsService } from '../src/modules/platform/tenants.service';
import { adminToken, createTenant, createTestApp, TestApp, uniqueSlug } from './support/app';
import { holdClock } from './support/clock';

const PASSWORD = 'librarian-pass-1';
const TEMPORARY = /^[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}$/;

/**
 * Staff account management by platform admins: list, edit, disable/enable (sessions end at
 * once), temporary password with forced change, unlock, audit (the last platform admin:
 * platform-last-admin.e2e-spec.ts).
 */
describe('platform: staff account management (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let ipCounter = 0;

  beforeAll(async () => {
    // Each sign-in below comes from its own address (X-Forwarded-For, believed because the
    // test client on the loopback plays the trusted proxy), so the per-IP sign-in rate limit
    // (30 a minute) does not interfere with the lockout and login checks.
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const nextIp = () => {
    ipCounter++;
    return `10.77.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
  };

  function librarianLogin(slug: string, username: string, password: string) {
    return t.http().post(`/api/t/${slug}/staff/login`).set('X-Forwarded-For', nextIp()).send({ username, password });
  }

  function platformLogin(username: string, password: string) {
    return t.http().post('/api/platform/login').set('X-Forwarded-For', nextIp()).send({ username, password });
  }

  async function addLibrarian(slug: string, username = `s${uniqueSlug()}`, displayName?: string): Promise<{ id: string; username: string }> {
    const res = await t
      .http()
      .post(`/api/platform/tenants/${slug}/staff`)
      .set(bearer(admin))
      .send({ username, password: PASSWORD, role: 'librarian', ...(displayName ? { displayName } : {}) })
      .expect(201);
    return { id: res.body.id, username };
  }

  async function addPlatformAdmin(): Promise<{ id: string; username: string; token: string }> {
    const username = `pa${uniqueSlug()}`;
    const row = await t.app.get(StaffService).create({ username, password: PASSWORD, role: 'platform-admin', tenantId: null });
    const login = await platformLogin(username, PASSWORD).expect(200);
    return { id: row.id, username, token: login.body.token };
  }

  async function auditActions(staffId: string): Promise<{ action: string; actor_name: string | null; actor_kind: string }[]> {
    return t.ds.query(`SELECT action, actor_name, actor_kind FROM platform.audit_log WHERE entity = 'staff' AND entity_id = $1 ORDER BY id`, [staffId]);
  }

  it('lists a library’s staff with role, display name, status, last sign-in and lockout (never the password)', async () => {
    const slug = await createTenant(t, admin);
    const a = await addLibrarian(slug, `a-${slug}`, '田中 花子');
    const b = await addLibrarian(slug, `b-${slug}`);
    const before = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
    expect(before.body).toHaveLength(2);
    expect(before.body[0]).toMatchObject({
      id: a.id,
      username: a.username,
      role: 'librarian',
      displayName: '田中 花子',
      disabled: false,
      lastLoginAt: null,
      lockedUntil: null,
      mustChangePassword: false,
    });
    expect(JSON.stringify(before.body)).not.toMatch(/argon2|password_hash|passwordHash/);

    await librarianLogin(slug, b.username, PASSWORD).expect(200);
    const after = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
    const row = after.body.find((s: { id: string }) => s.id === b.id);
    expect(new Date(row.lastLoginAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const one = await t.http().get(`/api/platform/staff/${b.id}`).set(bearer(admin)).expect(200);
    expect(one.body).toMatchObject({ id: b.id, username: b.username });

    const admins = await t.http().get('/api/platform/admins').set(bearer(admin)).expect(200);
    expect(admins.body.map((s: { username: string }) => s.username)).toContain('admin');
    expect(admins.body.every((s: { role: string; tenantId: string | null }) => s.role === 'platform-admin' && s.tenantId === null)).toBe(true);

    const missing = await t.http().get('/api/platform/tenants/no-such-library/staff').set(bearer(admin)).expect(404);
    expect(missing.body.code).toBe('TENANT_NOT_FOUND');
  });

  it('edits the display name (trimmed; empty or null clears it) and audits the change', async () => {
    const slug = await createTenant(t, admin);
    const s = await addLibrarian(slug);
    const res = await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ displayName: '  鈴木 一郎 ' }).expect(200);
    expect(res.body).toMatchObject({ id: s.id, displayName: '鈴木 一郎', disabled: false });
    const list = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
    expect(list.body[0].displayName).toBe('鈴木 一郎');
    await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ displayName: '' }).expect(200, /"displayName":null/);
    await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ displayName: null }).expect(200);

    const audit = await auditActions(s.id);
    expect(audit.map((a) => a.action)).toEqual(['staff.create', 'staff.update', 'staff.update']);
    expect(audit[1]).toMatchObject({ actor_name: 'admin', actor_kind: 'platform-admin' });
    const [row] = await t.ds.query(`SELECT before, after, tenant_id FROM platform.audit_log WHERE entity_id = $1 AND action = 'staff.update' ORDER BY id LIMIT 1`, [s.id]);
    expect(row.before).toEqual({ displayName: null });
    expect(row.after).toEqual({ displayName: '鈴木 一郎' });
    expect(row.tenant_id).toBeTruthy();
  });

  it('disabling ends the account’s sessions at once and its sign-in fails like an unknown user; enabling lets it in again', async () => {
    const slug = await createTenant(t, admin);
    const s = await addLibrarian(slug);
    const login = await librarianLogin(slug, s.username, PASSWORD).expect(200);
    const token = login.body.token;
    await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(token)).expect(200);

    const res = await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);
    expect(res.body).toMatchObject({ disabled: true });
    expect(res.body.disabledAt).toBeTruthy();

    const refused = await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(token)).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM platform.sessions WHERE staff_id = $1`, [s.id]);
    expect(n).toBe(0);

    const failed = await librarianLogin(slug, s.username, PASSWORD).expect(401);
    const unknown = await librarianLogin(slug, `nobody-${slug}`, PASSWORD).expect(401);
    expect(failed.body.code).toBe('LOGIN_FAILED');
    expect(failed.body).toEqual(unknown.body);

    // disabling twice changes nothing
    await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);

    const enabled = await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send({ disabled: false }).expect(200);
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null });
    const again = await librarianLogin(slug, s.username, PASSWORD).expect(200);
    await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(again.body.token)).expect(200);

    expect((await auditActions(s.id)).map((a) => a.action)).toEqual(['staff.create', 'staff.disable', 'staff.enable']);
  });

  it('resets a librarian’s password: the temporary one works only to change it, then everything works', async () => {
    const slug = await createTenant(t, admin);
    const s = await addLibrarian(slug);
    const old = await librarianLogin(slug, s.username, PASSWORD).expect(200);

    const reset = await t.http().post(`/api/platform/staff/${s.id}/reset-password`).set(bearer(admin)).expect(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}-[a-km-np-zA-HJ-NP-Z2-9]{4}$/);
    expect(reset.body).toMatchObject({ mustChangePassword: true, staff: { id: s.id, mustChangePassword: true } });

    // the old session and the old password are gone
    await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(old.body.token)).expect(401);
    expect((await librarianLogin(slug, s.username, PASSWORD).expect(401)).body.code).toBe('LOGIN_FAILED');

    const temp = await librarianLogin(slug, s.username, temporary).expect(200);
    expect(temp.body.mustChangePassword).toBe(true);
    const tok = temp.body.token;
    for (const path of [`/api/t/${slug}/admin/policy`, `/api/t/${slug}/admin/patrons?q=a`]) {
      const r = await t.http().get(path).set(bearer(tok)).expect(403);
      expect(r.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(r.body.message.ja).toBeTruthy();
      expect(r.body.message.en).toBeTruthy();
    }

    const change = (body: object) => t.http().put(`/api/t/${slug}/staff/me/password`).set(bearer(tok)).send(body);
    expect((await change({ currentPassword: 'wrong-password', newPassword: 'brand-new-pass-1' }).expect(422)).body.code).toBe('STAFF_CURRENT_PASSWORD_WRONG');
    expect((await change({ currentPassword: temporary, newPassword: 'short' }).expect(422)).body.code).toBe('WEAK_STAFF_PASSWORD');
    expect((await change({ currentPassword: temporary, newPassword: temporary }).expect(422)).body.code).toBe('STAFF_PASSWORD_UNCHANGED');
    expect((await change({ currentPassword: temporary }).expect(400)).body.code).toBe('VALIDATION');
    await change({ currentPassword: temporary, newPassword: 'brand-new-pass-1' }).expect(200, { changed: true });

    // the same session now works, and so does the new password; the temporary one is gone
    await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(tok)).expect(200);
    await librarianLogin(slug, s.username, temporary).expect(401);
    const fresh = await librarianLogin(slug, s.username, 'brand-new-pass-1').expect(200);
    expect(fresh.body.mustChangePassword).toBe(false);
    await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(fresh.body.token)).expect(200);

    const list = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
    expect(list.body[0].mustChangePassword).toBe(false);
    expect((await auditActions(s.id)).map((a) => a.action)).toEqual(['staff.create', 'staff.reset-password', 'staff.change-password']);
  });

  it('resets a platform admin’s password: only /platform/me and the password change stay open until it is changed', async () => {
    const other = await addPlatformAdmin();
    const reset = await t.http().post(`/api/platform/staff/${other.id}/reset-password`).set(bearer(admin)).expect(200);
    await t.http().get('/api/platform/tenants').set(bearer(other.token)).expect(401);
    const temp = await platformLogin(other.username, reset.body.temporaryPassword).expect(200);
    expect(temp.body.mustChangePassword).toBe(true);
    const tok = temp.body.token;
    expect((await t.http().get('/api/platform/tenants').set(bearer(tok)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.http().post(`/api/platform/staff/${other.id}/unlock`).set(bearer(tok)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await t.http().get('/api/platform/me').set(bearer(tok)).expect(200);
    expect(me.body).toMatchObject({ username: other.username, mustChangePassword: true });
    await t
      .http()
      .put('/api/platform/me/password')
      .set(bearer(tok))
      .send({ currentPassword: reset.body.temporaryPassword, newPassword: 'another-admin-pass' })
      .expect(200);
    await t.http().get('/api/platform/tenants').set(bearer(tok)).expect(200);
    await platformLogin(other.username, 'another-admin-pass').expect(200);
    await t.http().post('/api/platform/logout').set(bearer(tok)).expect(204);
  });

  it('unlock forgets an account’s failed sign-ins, so new addresses no longer wait', async () => {
    const clock = holdClock(t);
    try {
      const slug = await createTenant(t, admin);
      const s = await addLibrarian(slug);
      // every failure from its own address (nextIp): guessing from everywhere
      for (let i = 0; i < 10; i++) {
        expect((await librarianLogin(slug, s.username, `wrong-${i}`).expect(401)).body.code).toBe('LOGIN_FAILED');
      }
      // now an address the account never used waits, and the answer is the same as for a wrong password
      expect((await librarianLogin(slug, s.username, PASSWORD).expect(401)).body.code).toBe('LOGIN_FAILED');
      const list = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
      expect(list.body[0].lockedUntil).not.toBeNull();
      expect(list.body[0].failedLogins).toBe(10);

      const res = await t.http().post(`/api/platform/staff/${s.id}/unlock`).set(bearer(admin)).expect(200);
      expect(res.body).toMatchObject({ id: s.id, lockedUntil: null, failedLogins: 0 });
      await librarianLogin(slug, s.username, PASSWORD).expect(200);
      // unlocking an account with no failures is harmless and not audited again
      await t.http().post(`/api/platform/staff/${s.id}/unlock`).set(bearer(admin)).expect(200);
      expect((await auditActions(s.id)).map((a) => a.action)).toEqual(['staff.create', 'staff.unlock']);
    } finally {
      clock.release();
    }
  });

  // the last active platform admin: platform-last-admin.e2e-spec.ts, on a platform of its own

  it('keeps staff management to platform admins: a librarian gets 403 for any tenant, their own included', async () => {
    const a = await createTenant(t, admin);
    const b = await createTenant(t, admin);
    const libA = await addLibrarian(a);
    const libB = await addLibrarian(b);
    const tok = (await librarianLogin(a, libA.username, PASSWORD).expect(200)).body.token;
    const sneaky = `x${uniqueSlug()}`;
    const calls = [
      t.http().get(`/api/platform/tenants/${a}/staff`),
      t.http().get(`/api/platform/tenants/${b}/staff`),
      t.http().get('/api/platform/admins'),
      t.http().get(`/api/platform/staff/${libB.id}`),
      t.http().patch(`/api/platform/staff/${libB.id}`).send({ disabled: true }),
      t.http().patch(`/api/platform/staff/${libA.id}`).send({ displayName: 'x' }),
      t.http().post(`/api/platform/staff/${libB.id}/reset-password`),
      t.http().post(`/api/platform/staff/${libB.id}/unlock`),
      t.http().post('/api/platform/admins').send({ username: sneaky }),
      t.http().get('/api/platform/audit'),
      t.http().get('/api/platform/audit?actor=admin&action=staff'),
    ];
    for (const call of calls) {
      const res = await call.set(bearer(tok)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // and without a session at all
    await t.http().get(`/api/platform/tenants/${a}/staff`).expect(401);
    await t.http().get('/api/platform/audit').expect(401);
    await t.http().post('/api/platform/admins').send({ username: sneaky }).expect(401);
    expect(await t.ds.query(`SELECT id FROM platform.staff WHERE username = $1`, [sneaky])).toEqual([]);
    // nothing changed for tenant B's librarian
    await librarianLogin(b, libB.username, PASSWORD).expect(200);
  });

  it('refuses bad bodies and ids with 400 VALIDATION, unknown accounts with 404 STAFF_NOT_FOUND', async () => {
    const slug = await createTenant(t, admin);
    const s = await addLibrarian(slug);
    const bad: unknown[] = [
      {},
      { displayName: 5 },
      { displayName: 'x'.repeat(101) },
      { disabled: 'yes' },
      { disabled: 'true' },
      { disabled: null },
      { disabled: 1 },
      { role: 'platform-admin' },
      { displayName: 'ok', password: 'sneaky-password' },
    ];
    for (const body of bad) {
      const res = await t.http().patch(`/api/platform/staff/${s.id}`).set(bearer(admin)).send(body as object).expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    await t.http().patch('/api/platform/staff/not-a-uuid').set(bearer(admin)).send({ disabled: true }).expect(400);
    await t.http().post('/api/platform/staff/not-a-uuid/reset-password').set(bearer(admin)).expect(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      t.http().patch(`/api/platform/staff/${unknown}`).send({ disabled: true }),
      t.http().post(`/api/platform/staff/${unknown}/reset-password`),
      t.http().post(`/api/platform/staff/${unknown}/unlock`),
      t.http().get(`/api/platform/staff/${unknown}`),
    ]) {
      const res = await call.set(bearer(admin)).expect(404);
      expect(res.body).toMatchObject({ code: 'STAFF_NOT_FOUND' });
      expect(res.body.message.ja).toBeTruthy();
    }
    const tok = (await librarianLogin(slug, s.username, PASSWORD).expect(200)).body.token;
    for (const body of [{}, { currentPassword: PASSWORD }, { currentPassword: PASSWORD, newPassword: 12345678901 }, { currentPassword: '', newPassword: 'long-enough-1' }]) {
      const res = await t.http().put(`/api/t/${slug}/staff/me/password`).set(bearer(tok)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION');
    }
    // nothing changed
    const list = await t.http().get(`/api/platform/tenants/${slug}/staff`).set(bearer(admin)).expect(200);
    expect(list.body[0]).toMatchObject({ disabled: false, displayName: null });
  });

  /** A platform admin created through the API, past the forced password change, with a session. */
  async function newAdminViaApi(displayName?: string): Promise<{ id: string; username: string; token: string }> {
    const username = `ops${uniqueSlug()}`;
    const created = await t
      .http()
      .post('/api/platform/admins')
      .set(bearer(admin))
      .send({ username, ...(displayName ? { displayName } : {}) })
      .expect(201);
    const temp = await platformLogin(username, created.body.temporaryPassword).expect(200);
    await t
      .http()
      .put('/api/platform/me/password')
      .set(bearer(temp.body.token))
      .send({ currentPassword: created.body.temporaryPassword, newPassword: PASSWORD })
      .expect(200);
    return { id: created.body.staff.id, username, token: temp.body.token };
  }

  interface AuditItem {
    id: string;
    at: string;
    actorKind: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    entity: string;
    entityId: string | null;
    tenantSlug: string | null;
    staffUsername: string | null;
    before: unknown;
    after: unknown;
  }

  async function readAudit(token: string, query: Record<string, string | number>): Promise<{ total: number; page: number; size: number; items: AuditItem[] }> {
    const res = await t.http().get('/api/platform/audit').query(query).set(bearer(token)).expect(200);
    return res.body;
  }

  it('creates a further platform admin: a temporary password shown once, changed at the first sign-in', async () => {
    const username = `ops${uniqueSlug()}`;
    const res = await t.http().post('/api/platform/admins').set(bearer(admin)).send({ username, displayName: ' 佐藤 一郎 ' }).expect(201);
    expect(res.body.temporaryPassword).toMatch(TEMPORARY);
    expect(res.body).toMatchObject({
      mustChangePassword: true,
      staff: { username, role: 'platform-admin', tenantId: null, displayName: '佐藤 一郎', disabled: false, mustChangePassword: true },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_hash|passwordHash/);
    const id: string = res.body.staff.id;

    const admins = await t.http().get('/api/platform/admins').set(bearer(admin)).expect(200);
    expect(admins.body.find((s: { id: string }) => s.id === id)).toMatchObject({ username, mustChangePassword: true });

    // the user name is taken among platform admins, in any case
    const dup = await t.http().post('/api/platform/admins').set(bearer(admin)).send({ username: username.toUpperCase() }).expect(409);
    expect(dup.body.code).toBe('STAFF_EXISTS');
    const bodies = [
      {},
      { username: 'x' },
      { username: 'has space' },
      { username: `ok${uniqueSlug()}`, password: 'chosen-password-1' },
      { username: `ok${uniqueSlug()}`, role: 'librarian' },
      { username: `ok${uniqueSlug()}`, displayName: 'x'.repeat(101) },
    ];
    for (const body of bodies) {
      const bad = await t.http().post('/api/platform/admins').set(bearer(admin)).send(body).expect(400);
      expect(bad.body.code).toBe('VALIDATION');
    }

    // only the password change is open with the temporary password
    const temp = await platformLogin(username, res.body.temporaryPassword).expect(200);
    expect(temp.body.mustChangePassword).toBe(true);
    const tok = temp.body.token;
    expect((await t.http().get('/api/platform/tenants').set(bearer(tok)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.http().post('/api/platform/admins').set(bearer(tok)).send({ username: `ok${uniqueSlug()}` }).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http().put('/api/platform/me/password').set(bearer(tok)).send({ currentPassword: res.body.temporaryPassword, newPassword: 'second-admin-pass' }).expect(200);
    await t.http().get('/api/platform/tenants').set(bearer(tok)).expect(200);
    expect((await platformLogin(username, 'second-admin-pass').expect(200)).body.mustChangePassword).toBe(false);
    await platformLogin(username, res.body.temporaryPassword).expect(401);

    const audit = await auditActions(id);
    expect(audit.map((a) => a.action)).toEqual(['staff.create', 'staff.change-password']);
    expect(audit[0]).toMatchObject({ actor_name: 'admin', actor_kind: 'platform-admin' });
    const [created] = await t.ds.query(`SELECT after FROM platform.audit_log WHERE entity_id = $1 AND action = 'staff.create'`, [id]);
    expect(created.after).toMatchObject({ username, role: 'platform-admin', mustChangePassword: true });
    expect(JSON.stringify(created.after)).not.toContain(res.body.temporaryPassword);
  });

  it('refuses a platform admin disabling their own account with 409 CANNOT_DISABLE_SELF; a colleague can', async () => {
    const me = await newAdminViaApi();
    const refused = await t.http().patch(`/api/platform/staff/${me.id}`).set(bearer(me.token)).send({ disabled: true, displayName: '辞める人' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'CANNOT_DISABLE_SELF', status: 409 });
    expect(refused.body.message.ja).toContain('自分のアカウント');
    expect(refused.body.message.en).toContain('another platform admin');
    // nothing changed (the display name neither): still enabled, the session still works
    await t.http().get('/api/platform/tenants').set(bearer(me.token)).expect(200);
    const self = await t.http().get(`/api/platform/staff/${me.id}`).set(bearer(me.token)).expect(200);
    expect(self.body).toMatchObject({ disabled: false, displayName: null });
    // editing one's own display name is fine
    await t.http().patch(`/api/platform/staff/${me.id}`).set(bearer(me.token)).send({ displayName: '山田' }).expect(200);

    // a colleague disables it
    await t.http().patch(`/api/platform/staff/${me.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);
    await t.http().get('/api/platform/tenants').set(bearer(me.token)).expect(401);
    expect((await auditActions(me.id)).map((a) => a.action)).toEqual(['staff.create', 'staff.change-password', 'staff.update', 'staff.disable']);
  });

  it('audits tenant suspend/resume and staff changes, readable newest first through GET /platform/audit with filters and paging', async () => {
    const ops = await newAdminViaApi('運用 担当');
    const slug = uniqueSlug();
    await createTenant(t, ops.token, undefined, slug);
    const suspend = () => t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(ops.token)).send({ status: 'suspended' }).expect(200);
    await suspend();
    await suspend(); // no change: not audited again
    await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(ops.token)).send({ status: 'active' }).expect(200, /"status":"active"/);
    const lib = await t
      .http()
      .post(`/api/platform/tenants/${slug}/staff`)
      .set(bearer(ops.token))
      .send({ username: `lib-${slug}`, password: PASSWORD, role: 'librarian' })
      .expect(201);
    await t.http().patch(`/api/platform/staff/${lib.body.id}`).set(bearer(ops.token)).send({ disabled: true }).expect(200);
    await t.http().post(`/api/platform/staff/${lib.body.id}/reset-password`).set(bearer(ops.token)).expect(200);

    // everything this admin did, newest first (the user name matches in any case)
    const all = await readAudit(admin, { actor: ops.username.toUpperCase() });
    expect(all.items.map((e) => e.action)).toEqual([
      'staff.reset-password',
      'staff.disable',
      'staff.create',
      'tenant.resume',
      'tenant.suspend',
      'tenant.create',
      'staff.change-password',
    ]);
    expect(all).toMatchObject({ total: 7, page: 1, size: 50 });
    expect(all.items.every((e) => e.actorName === ops.username && e.actorKind === 'platform-admin' && e.actorId === ops.id)).toBe(true);
    const times = all.items.map((e) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.items[0]).toMatchObject({ entity: 'staff', entityId: lib.body.id, staffUsername: `lib-${slug}`, tenantSlug: slug });

    // action: starts with
    const tenantRows = await readAudit(admin, { actor: ops.username, action: 'tenant' });
    expect(tenantRows.items.map((e) => e.action)).toEqual(['tenant.resume', 'tenant.suspend', 'tenant.create']);
    expect(tenantRows.items[1]).toMatchObject({ entity: 'tenant', tenantSlug: slug, before: { status: 'active' }, after: { status: 'suspended' } });
    expect(tenantRows.items[0]).toMatchObject({ before: { status: 'suspended' }, after: { status: 'active' } });
    expect(tenantRows.items[2].after).toMatchObject({ slug, status: 'active' });
    expect((await readAudit(admin, { actor: ops.username, action: 'tenant.sus' })).items.map((e) => e.action)).toEqual(['tenant.suspend']);
    expect((await readAudit(admin, { actor: ops.username, action: 'staff.d' })).total).toBe(1);

    // paging: the pages together are the whole list, in order
    const paged: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const r = await readAudit(admin, { actor: ops.username, size: 2, page });
      expect(r).toMatchObject({ total: 7, page, size: 2 });
      expect(r.items.length).toBe(page < 4 ? 2 : 1);
      paged.push(...r.items.map((e) => e.id));
    }
    expect(paged).toEqual(all.items.map((e) => e.id));
    expect((await readAudit(admin, { actor: ops.username, size: 2, page: 5 })).items).toEqual([]);

    // time: dates are days in Japan (from inclusive, to to the end of that day); instants as given.
    // The days are those the rows were written on (one day, or two in a run across midnight in
    // Japan), not the day the test asks on, which may already be the next one.
    const japanDay = (at: string | number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(at));
    const firstDay = japanDay(all.items[all.items.length - 1].at);
    const lastDay = japanDay(all.items[0].at);
    const dayBefore = japanDay(new Date(`${firstDay}T00:00:00+09:00`).getTime() - 1);
    expect((await readAudit(admin, { actor: ops.username, from: firstDay, to: lastDay })).total).toBe(7);
    expect((await readAudit(admin, { actor: ops.username, to: dayBefore })).total).toBe(0);
    const suspendedAt = tenantRows.items[1].at;
    expect((await readAudit(admin, { actor: ops.username, action: 'tenant', from: suspendedAt })).items.map((e) => e.action)).toEqual(['tenant.resume', 'tenant.suspend']);
    expect((await readAudit(admin, { actor: ops.username, action: 'tenant', to: suspendedAt })).items.map((e) => e.action)).toEqual(['tenant.create']);
    expect((await readAudit(admin, { actor: ops.username, from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);

    // bad filters: 400 VALIDATION with the field named
    const bad: [Record<string, string>, string][] = [
      [{ size: '0' }, 'size'],
      [{ size: '201' }, 'size'],
      [{ page: '0' }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ action: '%' }, 'action'],
      [{ action: 'staff_' }, 'action'],
      [{ actor: 'x' }, 'actor'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-02-30' }, 'from'],
      [{ to: '2026-05-01T10:00' }, 'to'],
      [{ from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ tenant: 'katori' }, 'tenant'],
    ];
    for (const [query, field] of bad) {
      const res = await t.http().get('/api/platform/audit').query(query).set(bearer(admin));
      expect([JSON.stringify(query), res.status, res.body.code]).toEqual([JSON.stringify(query), 400, 'VALIDATION']);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });

  it('from the command line: create-admin and reset-password print a temporary password that must be changed; audited as cli', async () => {
    const username = `cli${uniqueSlug()}`;
    async function cli(...positional: string[]): Promise<{ code: number; out: string }> {
      const lines: string[] = [];
      const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
      try {
        const code = await cliCommands.staff(t.app, positional, ['staff', ...positional]);
        return { code, out: lines.join('\n') };
      } finally {
        spy.mockRestore();
      }
    }
    const printed = (out: string) => out.split('\n').map((l) => l.trim()).find((l) => TEMPORARY.test(l)) as string;

    const created = await cli('create-admin', username, '--name', 'CLI 管理者');
    expect(created.code).toBe(0);
    expect(created.out).toContain(`Platform admin ${username} created.`);
    const first = printed(created.out);
    expect(first).toMatch(TEMPORARY);
    const login = await platformLogin(username, first).expect(200);
    expect(login.body).toMatchObject({ mustChangePassword: true, staff: { username, displayName: 'CLI 管理者', role: 'platform-admin' } });
    await t.http().put('/api/platform/me/password').set(bearer(login.body.token)).send({ currentPassword: first, newPassword: 'forgotten-password' }).expect(200);
    const session = (await platformLogin(username, 'forgotten-password').expect(200)).body.token;

    // the password is forgotten: the CLI resets it (any case of the user name)
    const reset = await cli('reset-password', username.toUpperCase());
    expect(reset.code).toBe(0);
    const temporary = printed(reset.out);
    expect(temporary).toMatch(TEMPORARY);
    expect(temporary).not.toBe(first);
    await t.http().get('/api/platform/tenants').set(bearer(session)).expect(401); // its sessions ended
    await platformLogin(username, 'forgotten-password').expect(401);
    const temp = await platformLogin(username, temporary).expect(200);
    expect(temp.body.mustChangePassword).toBe(true);
    expect((await t.http().get('/api/platform/tenants').set(bearer(temp.body.token)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http().put('/api/platform/me/password').set(bearer(temp.body.token)).send({ currentPassword: temporary, newPassword: 'remembered-password' }).expect(200);
    await t.http().get('/api/platform/tenants').set(bearer(temp.body.token)).expect(200);
    expect((await platformLogin(username, 'remembered-password').expect(200)).body.mustChangePassword).toBe(false);

    // a library's staff member with --tenant; tenant commands run as the CLI are audited as cli too
    const slug = await createTenant(t, admin);
    const lib = await addLibrarian(slug);
    const libReset = await cli('reset-password', lib.username, '--tenant', slug);
    expect((await librarianLogin(slug, lib.username, printed(libReset.out)).expect(200)).body.mustChangePassword).toBe(true);
    await runAsCli(() => t.app.get(TenantsService).setStatus(slug, 'suspended'));

    const audit = await t.ds.query(
      `SELECT action, actor_kind, actor_name FROM platform.audit_log WHERE entity_id = ANY($1) AND actor_kind = 'cli' ORDER BY id`,
      [[login.body.staff.id, lib.id, (await t.app.get(TenantsService).get(slug)).id]],
    );
    expect(audit).toEqual([
      { action: 'staff.create', actor_kind: 'cli', actor_name: null },
      { action: 'staff.reset-password', actor_kind: 'cli', actor_name: null },
      { action: 'staff.reset-password', actor_kind: 'cli', actor_name: null },
      { action: 'tenant.suspend', actor_kind: 'cli', actor_name: null },
    ]);
    const viaApi = await readAudit(admin, { actor: 'cli', action: 'staff', size: 200 });
    expect(viaApi.items.filter((e) => e.staffUsername === username).map((e) => e.action)).toEqual(['staff.reset-password', 'staff.create']);

    // errors: unknown account, taken user name, bad input
    await expect(cli('reset-password', `nobody${uniqueSlug()}`)).rejects.toThrow(/No such staff account\. \(STAFF_NOT_FOUND\)/);
    await expect(cli('reset-password', lib.username)).rejects.toThrow(/STAFF_NOT_FOUND/); // a librarian needs --tenant
    await expect(cli('reset-password', 'x', '--tenant', 'nosuchcity')).rejects.toThrow(/no such tenant/);
    await expect(cli('create-admin', username)).rejects.toThrow(/STAFF_EXISTS/);
    await expect(cli('create-admin', 'a b')).rejects.toThrow(/usage/);
    await expect(cli('reset-password')).rejects.toThrow(/usage/);
    await expect(cli('frobnicate')).rejects.toThrow(/unknown command: staff frobnicate/);
  });
});
