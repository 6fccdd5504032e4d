import { quotedTenantSchema } from '@shiori/tenancy';
import { createTestApp, TestApp } from './support/app';
import { CatalogTenant, createRecord, insertHold, insertPatron, twoCatalogTenants } from './support/catalog-factories';

/**
 * Branches and pickup points as librarians edit them (module places): every field but the code
 * can change after creation, pickup points can be deleted unless holds still use them, every
 * write is audited, every body validated. Katori and Koga side by side show isolation.
 */
describe('places: branches and pickup points, fully editable; pickup points deletable', () => {
  let t: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    [katori, koga] = await twoCatalogTenants(t, 'katori', 'koga');
  });
  afterAll(() => t.close());

  const as = (c: CatalogTenant) => ({ Authorization: `Bearer ${c.token}` });
  const base = (c: CatalogTenant) => `/api/t/${c.slug}/admin`;
  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++seq}`;
  const audit = (c: CatalogTenant, entity: string, id: string) =>
    t.ds.query(`SELECT action, actor_kind AS "actorKind", before, after FROM ${quotedTenantSchema(c.slug)}.audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`, [entity, id]) as Promise<
      { action: string; actorKind: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]
    >;
  const branch = async (c: CatalogTenant, code: string) =>
    ((await t.http().get(`${base(c)}/branches`).set(as(c)).expect(200)).body as { code: string }[]).find((b) => b.code === code);
  const point = async (c: CatalogTenant, code: string) =>
    ((await t.http().get(`${base(c)}/pickup-points`).set(as(c)).expect(200)).body as { code: string }[]).find((p) => p.code === code);
  const newBranch = async (c: CatalogTenant, extra: Record<string, unknown> = {}) => {
    const code = unique('br');
    await t.http().post(`${base(c)}/branches`).set(as(c)).send({ code, name: `分室 ${code}`, ...extra }).expect(201);
    return code;
  };
  const newPoint = async (c: CatalogTenant, branchCode: string, extra: Record<string, unknown> = {}) => {
    const code = unique('pp');
    await t.http().post(`${base(c)}/pickup-points`).set(as(c)).send({ code, name: `受取場所 ${code}`, kind: 'counter', branchCode, ...extra }).expect(201);
    return code;
  };
  /** A hold of a new record by a new patron at `pickupPoint`, with `status`. */
  const holdAt = async (c: CatalogTenant, pickupPoint: string, status = 'waiting') => {
    const rec = await createRecord(t, c, { title: `予約の本 ${unique('r')}` });
    const patron = await insertPatron(t, c.slug);
    await insertHold(t, c.slug, patron, rec.id, new Date().toISOString(), status, pickupPoint);
  };

  it('changes every field of a branch but its code, one at a time, each write audited with before and after', async () => {
    const code = await newBranch(katori, { nameEn: 'Annex' });
    const changes: Record<string, unknown>[] = [
      { name: '佐原駅前分室' },
      { nameEn: 'Sawara Station Annex' },
      { askPickupPoint: true },
      { isBookmobile: true },
      { active: false },
      { sort: 42 },
      { nameEn: null }, // cleared
      { nameEn: 'Sawara Annex' },
      { nameEn: '' }, // cleared too
      { active: true, isBookmobile: false, name: '  佐原駅前図書室  ' }, // several at once, trimmed
      { address: '千葉県香取市佐原イ' },
      { phone: '0478-52-0000' },
      { hours: { ja: '9:30〜17:00' } },
      { weeklyClosed: [1] },
    ];
    for (const change of changes) {
      const res = await t.http().patch(`${base(katori)}/branches/${code}`).set(as(katori)).send(change).expect(200);
      expect(res.body.code).toBe(code);
    }
    expect(await branch(katori, code)).toEqual({
      code,
      name: '佐原駅前図書室',
      nameEn: null,
      askPickupPoint: true,
      isBookmobile: false,
      active: true,
      sort: 42,
      address: '千葉県香取市佐原イ',
      phone: '0478-52-0000',
      hours: { ja: '9:30〜17:00' },
      weeklyClosed: [1],
    });
    const rows = await audit(katori, 'branch', code);
    expect(rows.map((r) => r.action)).toEqual(['branch.create', ...changes.map(() => 'branch.update')]);
    expect(rows.every((r) => r.actorKind === 'librarian')).toBe(true);
    expect(rows[6]).toMatchObject({ before: { sort: expect.any(Number) }, after: { sort: 42 } });
    expect(rows[4]).toMatchObject({ before: { isBookmobile: false }, after: { isBookmobile: true } });

    // the code is the key: it cannot be changed
    const refused = await t.http().patch(`${base(katori)}/branches/${code}`).set(as(katori)).send({ code: 'renamed' }).expect(400);
    expect(refused.body.code).toBe('VALIDATION');
    // the public info lists it, without internal columns
    const info = await t.http().get(`/api/t/${katori.slug}/info`).expect(200);
    expect(info.body.branches.find((b: { code: string }) => b.code === code)).toEqual({
      code,
      name: '佐原駅前図書室',
      nameEn: null,
      askPickupPoint: true,
      isBookmobile: false,
      address: '千葉県香取市佐原イ',
      phone: '0478-52-0000',
      hours: { ja: '9:30〜17:00' },
      weeklyClosed: [1],
    });
  });

  it('changes every field of a pickup point but its code: name, English name, kind, branch, timetable, active, order', async () => {
    const from = await newBranch(katori);
    const to = await newBranch(katori, { isBookmobile: true });
    const code = await newPoint(katori, from);
    const timetable = [
      { weekday: 2, weeks: [1, 3], time: '10:00-10:30', note: '正門前' },
      { weekday: 5, time: '14:00' },
    ];
    const changes: Record<string, unknown>[] = [
      { name: '駅前ロッカー' },
      { nameEn: 'Station locker' },
      { kind: 'locker' },
      { branchCode: to },
      { kind: 'bookmobile-station', timetable },
      { active: false },
      { sort: 7 },
      { nameEn: null },
      { active: true },
    ];
    for (const change of changes) await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(katori)).send(change).expect(200);
    expect(await point(katori, code)).toEqual({ code, name: '駅前ロッカー', nameEn: null, kind: 'bookmobile-station', branchCode: to, timetable, note: null, active: true, sort: 7 });

    // a timetable can be emptied
    const emptied = await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(katori)).send({ kind: 'counter', timetable: [] }).expect(200);
    expect(emptied.body).toMatchObject({ kind: 'counter', timetable: [] });

    const rows = await audit(katori, 'pickup-point', code);
    expect(rows.map((r) => r.action)).toEqual(['pickup-point.create', ...changes.map(() => 'pickup-point.update'), 'pickup-point.update']);
    expect(rows[4]).toMatchObject({ before: { branchCode: from }, after: { branchCode: to } });

    // the patrons' view follows: listed under its new branch while active, gone while not
    const info = await t.http().get(`/api/t/${katori.slug}/info`).expect(200);
    expect(info.body.pickupPoints.find((p: { code: string }) => p.code === code)).toMatchObject({ branchCode: to, name: '駅前ロッカー' });
  });

  it('keeps a pickup point at its branch while a hold is in transit to it or on its shelf; a waiting hold does not', async () => {
    const from = await newBranch(katori);
    const to = await newBranch(katori);
    const waiting = await newPoint(katori, from);
    await holdAt(katori, waiting, 'waiting');
    await t.http().patch(`${base(katori)}/pickup-points/${waiting}`).set(as(katori)).send({ branchCode: to }).expect(200);

    for (const status of ['in-transit', 'ready']) {
      const code = await newPoint(katori, from);
      await holdAt(katori, code, status);
      const res = await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(katori)).send({ branchCode: to, name: '移転先' }).expect(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'PICKUP_POINT_BRANCH_IN_USE', status: 409, holds: 1 });
      expect(res.body.message.ja).toContain('1件');
      expect(res.body.message.en).toContain('1 hold');
      expect(await point(katori, code)).toMatchObject({ branchCode: from, name: `受取場所 ${code}` }); // nothing changed
      // other fields still change
      await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(katori)).send({ name: '改名のみ', branchCode: from }).expect(200);
    }
    // an unknown branch is refused as such
    const bad = await t.http().patch(`${base(katori)}/pickup-points/${waiting}`).set(as(katori)).send({ branchCode: 'no-such-branch' }).expect(422);
    expect(bad.body.code).toBe('BRANCH_NOT_FOUND');
  });

  it('deletes a pickup point no hold ever used; audited; gone from the lists', async () => {
    const b = await newBranch(katori);
    const code = await newPoint(katori, b, { nameEn: 'Temporary counter' });
    const res = await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(katori)).expect(200);
    expect(res.body).toMatchObject({ outcome: 'deleted', finishedHolds: 0, pickupPoint: { code, nameEn: 'Temporary counter' } });
    expect(await point(katori, code)).toBeUndefined();
    const rows = await audit(katori, 'pickup-point', code);
    expect(rows.map((r) => r.action)).toEqual(['pickup-point.create', 'pickup-point.delete']);
    expect(rows[1]).toMatchObject({ before: { code, branchCode: b }, after: null });
    expect((await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(katori)).expect(404)).body.code).toBe('PICKUP_POINT_NOT_FOUND');
  });

  it('refuses to delete a pickup point a waiting hold uses (409, how many, ja and en); with only finished holds it is taken out of use', async () => {
    const b = await newBranch(katori);
    const code = await newPoint(katori, b);
    await holdAt(katori, code, 'waiting');
    const once = await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(katori)).expect(409);
    expect(once.headers['content-type']).toContain('application/problem+json');
    expect(once.body).toMatchObject({ code: 'PICKUP_POINT_IN_USE', status: 409, activeHolds: 1, type: expect.stringContaining('pickup-point-in-use') });
    expect(once.body.message.ja).toContain('1件の予約で使われている');
    expect(once.body.message.en).toContain('1 hold still uses');

    await holdAt(katori, code, 'ready');
    await holdAt(katori, code, 'collected');
    const twice = await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(katori)).expect(409);
    expect(twice.body.activeHolds).toBe(2);
    expect(twice.body.message.ja).toContain('2件');
    expect(twice.body.message.en).toContain('2 holds still use');
    // refused: nothing changed, nothing audited but the creation
    expect(await point(katori, code)).toMatchObject({ code, active: true });
    expect((await audit(katori, 'pickup-point', code)).map((r) => r.action)).toEqual(['pickup-point.create']);

    // the holds finish: the history still names the point, so it is taken out of use, not deleted
    await t.ds.query(`UPDATE ${quotedTenantSchema(katori.slug)}.holds SET status = 'cancelled' WHERE pickup_point_code = $1 AND status IN ('waiting','ready')`, [code]);
    const res = await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(katori)).expect(200);
    expect(res.body).toMatchObject({ outcome: 'deactivated', finishedHolds: 3, pickupPoint: { code, active: false } });
    expect(await point(katori, code)).toMatchObject({ code, active: false });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${quotedTenantSchema(katori.slug)}.holds WHERE pickup_point_code = $1`, [code]);
    expect(n).toBe(3);
    const info = await t.http().get(`/api/t/${katori.slug}/info`).expect(200);
    expect(info.body.pickupPoints.map((p: { code: string }) => p.code)).not.toContain(code);
    expect((await audit(katori, 'pickup-point', code)).map((r) => r.action)).toEqual(['pickup-point.create', 'pickup-point.deactivate']);
  });

  it('keeps libraries apart: another library’s places cannot be seen, edited or deleted', async () => {
    const b = await newBranch(katori);
    const code = await newPoint(katori, b);
    // Koga's librarian on Katori's API: forbidden
    await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(koga)).send({ name: '乗っ取り' }).expect(403);
    await t.http().delete(`${base(katori)}/pickup-points/${code}`).set(as(koga)).expect(403);
    await t.http().patch(`${base(katori)}/branches/${b}`).set(as(koga)).send({ name: '乗っ取り' }).expect(403);
    // Katori's codes mean nothing in Koga
    expect((await t.http().patch(`${base(koga)}/pickup-points/${code}`).set(as(koga)).send({ name: 'x' }).expect(404)).body.code).toBe('PICKUP_POINT_NOT_FOUND');
    expect((await t.http().delete(`${base(koga)}/pickup-points/${code}`).set(as(koga)).expect(404)).body.code).toBe('PICKUP_POINT_NOT_FOUND');
    expect((await t.http().patch(`${base(koga)}/branches/${b}`).set(as(koga)).send({ name: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
    // nor can a Koga pickup point move to a Katori branch
    const kogaPoint = await newPoint(koga, koga.branches[0]);
    expect((await t.http().patch(`${base(koga)}/pickup-points/${kogaPoint}`).set(as(koga)).send({ branchCode: b }).expect(422)).body.code).toBe('BRANCH_NOT_FOUND');
    expect(await point(katori, code)).toMatchObject({ name: `受取場所 ${code}` });
    expect(await point(koga, code)).toBeUndefined();
    // no session, no access
    await t.http().delete(`${base(katori)}/pickup-points/${code}`).expect(401);
  });

  it('validates every body: 400 VALIDATION problem+json naming the field, nothing changed', async () => {
    const b = await newBranch(katori);
    const code = await newPoint(katori, b);
    const pointBodies: [Record<string, unknown>, string][] = [
      [{}, ''],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ nameEn: 'x'.repeat(101) }, 'nameEn'],
      [{ kind: 'shelf' }, 'kind'],
      [{ kind: null }, 'kind'],
      [{ branchCode: 'not a code!' }, 'branchCode'],
      [{ active: 'yes' }, 'active'],
      [{ active: null }, 'active'],
      [{ sort: -1 }, 'sort'],
      [{ sort: 1.5 }, 'sort'],
      [{ sort: 'first' }, 'sort'],
      [{ timetable: null }, 'timetable'],
      [{ timetable: 'mondays' }, 'timetable'],
      [{ timetable: [{ weekday: 9 }] }, 'timetable.0.weekday'],
      [{ timetable: [{ weeks: [6] }] }, 'timetable.0.weeks'],
      [{ timetable: [{ time: 'morning' }] }, 'timetable.0.time'],
      [{ timetable: [{ extra: 1 }] }, 'timetable.0.extra'],
      [{ code: 'other' }, 'code'],
    ];
    for (const [body, path] of pointBodies) {
      const res = await t.http().patch(`${base(katori)}/pickup-points/${code}`).set(as(katori)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.message).toEqual({ ja: expect.any(String), en: expect.any(String) });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const branchBodies: [Record<string, unknown>, string][] = [
      [{}, ''],
      [{ name: '' }, 'name'],
      [{ name: null }, 'name'],
      [{ isBookmobile: 'no' }, 'isBookmobile'],
      [{ askPickupPoint: 1 }, 'askPickupPoint'],
      [{ sort: 100001 }, 'sort'],
      [{ email: 'sawara@example.jp' }, 'email'],
      [{ weeklyClosed: [0, 9] }, 'weeklyClosed'],
    ];
    for (const [body, path] of branchBodies) {
      const res = await t.http().patch(`${base(katori)}/branches/${b}`).set(as(katori)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // creation validates the same way
    const created = await t.http().post(`${base(katori)}/pickup-points`).set(as(katori)).send({ code: unique('pp'), name: ' ', kind: 'counter', branchCode: b }).expect(400);
    expect(created.body.errors.map((e: { path: string }) => e.path)).toContain('name');
    // nothing changed, only the creations audited
    expect(await point(katori, code)).toMatchObject({ name: `受取場所 ${code}`, kind: 'counter', active: true, timetable: [] });
    expect((await audit(katori, 'pickup-point', code)).map((r) => r.action)).toEqual(['pickup-point.create']);
    expect((await audit(katori, 'branch', b)).map((r) => r.action)).toEqual(['branch.create']);
  });
});
