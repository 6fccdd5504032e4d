import { getPreset } from '@shiori/policy';
import { migrateTenants, quotedTenantSchema } from '@shiori/tenancy';
import { TENANT_MIGRATIONS } from '../src/migrations/tenant';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';

interface Point {
  code: string;
  name: string;
  note: { ja: string; en?: string } | null;
}

/**
 * Pickup-point notes (受取場所の案内): a city preset's note (Kushiro's central library: the
 * hold counter and the hold locker room are on the 4th floor, seeds/001_…txt:109, 125-127)
 * reaches a new tenant's pickup points and the patrons' /info; a tenant provisioned before
 * the column existed gets it from migration 0009; librarians edit and clear notes, audited
 * and validated; other tenants never see another's notes.
 */
describe('pickup-point notes: from the preset to /info, edited by librarians', () => {
  let t: TestApp;
  let admin: string;
  let kushiro: string;
  let katori: string;
  let lib: string;
  let seq = 0;
  const kushiroPreset = getPreset('kushiro')!;
  const presetNote = (code: string) => kushiroPreset.pickupPoints.find((p) => p.code === code)!.note!;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    kushiro = await createTenant(t, admin, 'kushiro');
    katori = await createTenant(t, admin, 'katori');
    lib = await librarianToken(t, admin, kushiro);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++seq}`;
  const info = async (slug: string) => (await t.http().get(`/api/t/${slug}/info`).expect(200)).body as { pickupPoints: Point[] };
  const infoPoint = async (slug: string, code: string) => (await info(slug)).pickupPoints.find((p) => p.code === code);
  const patch = (code: string, body: unknown, slug = kushiro, token = lib) => t.http().patch(`/api/t/${slug}/admin/pickup-points/${code}`).set(as(token)).send(body as object);
  const audit = (slug: string, code: string) =>
    t.ds.query(
      `SELECT action, actor_kind AS "actorKind", before, after FROM ${quotedTenantSchema(slug)}.audit_log WHERE entity = 'pickup-point' AND entity_id = $1 ORDER BY id`,
      [code],
    ) as Promise<{ action: string; actorKind: string; before: Point | null; after: Point | null }[]>;

  it('gives a new Kushiro tenant the city’s notes: 4階 at the central counter and the locker room, in /info', async () => {
    const points = (await info(kushiro)).pickupPoints;
    const counter = points.find((p) => p.code === 'central-counter')!;
    expect(counter.note).toEqual({ ja: '予約本受取窓口は4階です。', en: 'The hold pickup counter is on the 4th floor.' });
    const locker = points.find((p) => p.code === 'central-locker')!;
    expect(locker.note?.ja).toContain('4階');
    expect(locker.note?.ja).toContain('パスワード');
    expect(locker.note?.en).toMatch(/4th floor/);
    // the points the guide says nothing about carry no note (null, not left out)
    const others = points.filter((p) => p.code !== 'central-counter' && p.code !== 'central-locker');
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((p) => p.note === null)).toBe(true);
    // the librarians' list has it too
    const list = await t.http().get(`/api/t/${kushiro}/admin/pickup-points`).set(as(lib)).expect(200);
    expect(list.body.find((p: Point) => p.code === 'central-counter').note).toEqual(counter.note);
  });

  it('lets a librarian edit a note (trimmed, blank English left out) and clear it, each write audited with before and after', async () => {
    const edited = await patch('central-counter', { note: { ja: '  予約本の受取窓口は4階（エレベーター前）です。 ', en: '  ' } }).expect(200);
    expect(edited.body.note).toEqual({ ja: '予約本の受取窓口は4階（エレベーター前）です。' });
    expect((await infoPoint(kushiro, 'central-counter'))!.note).toEqual({ ja: '予約本の受取窓口は4階（エレベーター前）です。' });

    const english = await patch('central-counter', { note: { ja: '予約本の受取窓口は4階です。', en: 'Collect holds on the 4th floor.' } }).expect(200);
    expect(english.body.note).toEqual({ ja: '予約本の受取窓口は4階です。', en: 'Collect holds on the 4th floor.' });

    const cleared = await patch('central-counter', { note: null }).expect(200);
    expect(cleared.body.note).toBeNull();
    expect((await infoPoint(kushiro, 'central-counter'))!.note).toBeNull();
    // other fields leave the note alone
    await patch('central-locker', { nameEn: 'Hold locker room (4F)' }).expect(200);
    expect((await infoPoint(kushiro, 'central-locker'))!.note).toEqual(presetNote('central-locker'));

    const rows = await audit(kushiro, 'central-counter');
    expect(rows.map((r) => r.action)).toEqual(['pickup-point.update', 'pickup-point.update', 'pickup-point.update']);
    expect(rows.every((r) => r.actorKind === 'librarian')).toBe(true);
    expect(rows[0].before!.note).toEqual(presetNote('central-counter'));
    expect(rows[0].after!.note).toEqual({ ja: '予約本の受取窓口は4階（エレベーター前）です。' });
    expect(rows[2].before!.note).toEqual({ ja: '予約本の受取窓口は4階です。', en: 'Collect holds on the 4th floor.' });
    expect(rows[2].after!.note).toBeNull();
  });

  it('takes a note when a pickup point is created, audited; without one the note is null', async () => {
    const code = unique('pp');
    const created = await t
      .http()
      .post(`/api/t/${kushiro}/admin/pickup-points`)
      .set(as(lib))
      .send({ code, name: '阿寒分館 予約受取棚', kind: 'locker', branchCode: 'central', note: { ja: '1階入口の右です。', en: 'Right of the ground-floor entrance.' } })
      .expect(201);
    expect(created.body.note).toEqual({ ja: '1階入口の右です。', en: 'Right of the ground-floor entrance.' });
    expect((await infoPoint(kushiro, code))!.note).toEqual({ ja: '1階入口の右です。', en: 'Right of the ground-floor entrance.' });
    const [row] = await audit(kushiro, code);
    expect(row).toMatchObject({ action: 'pickup-point.create', before: null, after: { note: { ja: '1階入口の右です。' } } });

    const plain = unique('pp');
    const noNote = await t.http().post(`/api/t/${kushiro}/admin/pickup-points`).set(as(lib)).send({ code: plain, name: '受取場所', kind: 'counter', branchCode: 'central' }).expect(201);
    expect(noNote.body.note).toBeNull();
  });

  it('refuses a bad note with field errors (400 VALIDATION) and changes nothing', async () => {
    const before = await infoPoint(kushiro, 'central-locker');
    const auditBefore = (await audit(kushiro, 'central-locker')).length;
    const bodies: [unknown, string][] = [
      [{ note: {} }, 'note.ja'],
      [{ note: { ja: '' } }, 'note.ja'],
      [{ note: { ja: '   ' } }, 'note.ja'],
      [{ note: { ja: 5 } }, 'note.ja'],
      [{ note: { en: 'English only' } }, 'note.ja'],
      [{ note: { ja: 'あ'.repeat(501) } }, 'note.ja'],
      [{ note: { ja: '4階です。', en: 'x'.repeat(501) } }, 'note.en'],
      [{ note: { ja: '4階です。', en: 7 } }, 'note.en'],
      [{ note: { ja: '4階です。', fr: 'Au 4e étage.' } }, 'note.fr'],
      [{ note: '4階です。' }, 'note'],
      [{ note: ['4階です。'] }, 'note'],
      [{ note: [{ ja: '4階です。' }] }, 'note'],
    ];
    for (const [body, path] of bodies) {
      const res = await patch('central-locker', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // exactly 500 characters is allowed (and then put back)
    await patch('central-locker', { note: { ja: 'あ'.repeat(500), en: 'x'.repeat(500) } }).expect(200);
    await patch('central-locker', { note: before!.note }).expect(200);
    // creation validates the same way
    const created = await t
      .http()
      .post(`/api/t/${kushiro}/admin/pickup-points`)
      .set(as(lib))
      .send({ code: unique('pp'), name: '受取場所', kind: 'counter', branchCode: 'central', note: { ja: ' ' } })
      .expect(400);
    expect(created.body.errors.map((e: { path: string }) => e.path)).toContain('note.ja');

    expect((await infoPoint(kushiro, 'central-locker'))!.note).toEqual(before!.note);
    expect((await audit(kushiro, 'central-locker')).length).toBe(auditBefore + 2); // only the two good writes
  });

  it('keeps other tenants apart: Katori has no notes, and a Kushiro librarian cannot write Katori’s', async () => {
    const katoriPoints = (await info(katori)).pickupPoints;
    expect(katoriPoints.length).toBeGreaterThan(0);
    expect(katoriPoints.every((p) => p.note === null)).toBe(true);
    const target = katoriPoints[0].code;
    const res = await patch(target, { note: { ja: '他市のメモ' } }, katori, lib);
    expect(res.status).toBe(403);
    expect((await infoPoint(katori, target))!.note).toBeNull();
    expect(await audit(katori, target)).toHaveLength(0);
    // and Kushiro's edits above did not touch Katori (nor a second Kushiro tenant)
    const second = await createTenant(t, admin, 'kushiro');
    expect((await infoPoint(second, 'central-counter'))!.note).toEqual(presetNote('central-counter'));
  });

  it('back-fills the preset’s notes into a tenant provisioned before migration 0009, keeping what librarians wrote', async () => {
    const old = await createTenant(t, admin, 'kushiro');
    const schema = quotedTenantSchema(old);
    const own = unique('pp');
    // the tenant as it was before 0009: no note column, 0009 not applied; the library had
    // renamed its counter and added a point of its own
    await t.ds.query(`INSERT INTO ${schema}.pickup_points (code, name, kind, branch_code) VALUES ($1, '独自の受取場所', 'counter', 'central')`, [own]);
    await t.ds.query(`UPDATE ${schema}.pickup_points SET name = '中央図書館 4階窓口' WHERE code = 'central-counter'`);
    await t.ds.query(`ALTER TABLE ${schema}.pickup_points DROP CONSTRAINT pickup_points_note, DROP COLUMN note`);
    await t.ds.query(`DELETE FROM ${schema}.schema_migrations WHERE name = '0009-pickup-point-notes'`);

    const [result] = await migrateTenants(t.ds, [old], TENANT_MIGRATIONS);
    expect(result).toMatchObject({ ok: true, applied: ['0009-pickup-point-notes'] });
    const points = (await info(old)).pickupPoints;
    expect(points.find((p) => p.code === 'central-counter')!.note).toEqual(presetNote('central-counter'));
    expect(points.find((p) => p.code === 'central-locker')!.note).toEqual(presetNote('central-locker'));
    expect(points.find((p) => p.code === own)!.note).toBeNull();
    expect(points.filter((p) => p.note).map((p) => p.code).sort()).toEqual(['central-counter', 'central-locker']);

    // a note a librarian wrote is not overwritten, only an empty one is filled
    await t.ds.query(`UPDATE ${schema}.pickup_points SET note = '{"ja":"図書館独自の案内"}' WHERE code = 'central-locker'`);
    await t.ds.query(`UPDATE ${schema}.pickup_points SET note = NULL WHERE code = 'central-counter'`);
    await t.ds.query(`DELETE FROM ${schema}.schema_migrations WHERE name = '0009-pickup-point-notes'`);
    expect((await migrateTenants(t.ds, [old], TENANT_MIGRATIONS))[0]).toMatchObject({ ok: true, applied: ['0009-pickup-point-notes'] });
    expect((await infoPoint(old, 'central-locker'))!.note).toEqual({ ja: '図書館独自の案内' });
    expect((await infoPoint(old, 'central-counter'))!.note).toEqual(presetNote('central-counter'));

    // once applied, a cleared note stays cleared: the back-fill does not run again
    await t.ds.query(`UPDATE ${schema}.pickup_points SET note = NULL WHERE code = 'central-counter'`);
    expect((await migrateTenants(t.ds, [old], TENANT_MIGRATIONS))[0]).toMatchObject({ ok: true, applied: [] });
    expect((await infoPoint(old, 'central-counter'))!.note).toBeNull();

    // a tenant of another preset (no notes) or of a preset that no longer exists migrates without one
    const plain = await createTenant(t, admin, 'katori');
    const gone = await createTenant(t, admin, 'kushiro');
    await t.ds.query(`UPDATE ${quotedTenantSchema(gone)}.settings SET value = jsonb_set(value, '{preset}', '"retired"') WHERE key = 'city'`);
    for (const slug of [plain, gone]) {
      const s = quotedTenantSchema(slug);
      await t.ds.query(`UPDATE ${s}.pickup_points SET note = NULL`);
      await t.ds.query(`DELETE FROM ${s}.schema_migrations WHERE name = '0009-pickup-point-notes'`);
    }
    const report = await migrateTenants(t.ds, [plain, gone], TENANT_MIGRATIONS);
    expect(report.every((r) => r.ok)).toBe(true);
    expect((await info(plain)).pickupPoints.every((p) => p.note === null)).toBe(true);
    expect((await info(gone)).pickupPoints.every((p) => p.note === null)).toBe(true);
  });

  it('refuses a malformed note at the database too (the column’s constraint)', async () => {
    const schema = quotedTenantSchema(kushiro);
    await expect(t.ds.query(`UPDATE ${schema}.pickup_points SET note = '"4階"' WHERE code = 'central-locker'`)).rejects.toThrow(/pickup_points_note/);
    await expect(t.ds.query(`UPDATE ${schema}.pickup_points SET note = '{"en":"4th floor"}' WHERE code = 'central-locker'`)).rejects.toThrow(/pickup_points_note/);
    await expect(t.ds.query(`UPDATE ${schema}.pickup_points SET note = '{"ja":" "}' WHERE code = 'central-locker'`)).rejects.toThrow(/pickup_points_note/);
    await expect(t.ds.query(`UPDATE ${schema}.pickup_points SET note = '{"ja":"4階","en":4}' WHERE code = 'central-locker'`)).rejects.toThrow(/pickup_points_note/);
  });
});
