import { adminToken, createTenant, createTestApp, librarianToken, TestApp, uniqueSlug } from './support/app';

/** Regions (issue #15): regional IT creates, reads and edits them; every write is audited; bad input is problem+json. */
describe('regions: regional IT edits regions and their member libraries (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let cityA: string;
  let cityB: string;
  let cityC: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    cityA = await createTenant(t, admin, 'kitakyushu');
    cityB = await createTenant(t, admin, 'koga');
    cityC = await createTenant(t, admin, 'katori');
  });
  afterAll(() => t.close());

  it('creates a region (201), lists it and reads it back with its members', async () => {
    const code = uniqueSlug('r');
    const res = await t.http().post('/api/platform/regions').set(auth()).send({ code, name: '福岡県', nameEn: 'Fukuoka Prefecture', members: [cityA, cityB] }).expect(201);
    expect(res.body).toMatchObject({ code, name: '福岡県', nameEn: 'Fukuoka Prefecture' });
    expect(res.body.members.map((m: { slug: string }) => m.slug)).toEqual([cityA, cityB]);
    const list = await t.http().get('/api/platform/regions').set(auth()).expect(200);
    expect(list.body.find((r: { code: string }) => r.code === code)).toBeTruthy();
    const one = await t.http().get(`/api/platform/regions/${code}`).set(auth()).expect(200);
    expect(one.body.members).toEqual(expect.arrayContaining([expect.objectContaining({ slug: cityA, status: 'active' })]));
  });

  it('lets a city be in several regions, and tells each city its regions publicly', async () => {
    const pref = uniqueSlug('p');
    const area = uniqueSlug('a');
    await t.http().post('/api/platform/regions').set(auth()).send({ code: pref, name: '県', members: [cityA, cityB, cityC] }).expect(201);
    await t.http().post('/api/platform/regions').set(auth()).send({ code: area, name: '定住自立圏', members: [cityA] }).expect(201);
    const a = await t.http().get(`/api/t/${cityA}/regions`).expect(200);
    expect(a.body.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining([pref, area]));
    expect(a.body.find((r: { code: string }) => r.code === area)).toMatchObject({ name: '定住自立圏', opacPath: `/opac/r/${area}/` });
    const c = await t.http().get(`/api/t/${cityC}/regions`).expect(200);
    expect(c.body.map((r: { code: string }) => r.code)).toContain(pref);
    expect(c.body.map((r: { code: string }) => r.code)).not.toContain(area);
  });

  it('renames and adds/removes members, audited with before and after', async () => {
    const code = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set(auth()).send({ code, name: '旧名', members: [cityA, cityB] }).expect(201);
    const res = await t
      .http()
      .patch(`/api/platform/regions/${code}`)
      .set(auth())
      .send({ name: '新名', nameEn: 'New name', addMembers: [cityC], removeMembers: [cityB] })
      .expect(200);
    expect(res.body).toMatchObject({ name: '新名', nameEn: 'New name' });
    expect(res.body.members.map((m: { slug: string }) => m.slug).sort()).toEqual([cityA, cityC].sort());

    const audit = await t.http().get('/api/platform/audit').query({ action: 'region' }).set(auth()).expect(200);
    const mine = audit.body.items.filter((e: { entityId: string }) => e.entityId === code);
    expect(mine.map((e: { action: string }) => e.action).sort()).toEqual(['region.create', 'region.update']);
    const update = mine.find((e: { action: string }) => e.action === 'region.update');
    expect(update).toMatchObject({ actorName: 'admin', entity: 'region' });
    expect(update.before).toMatchObject({ name: '旧名' });
    expect(update.before.members.sort()).toEqual([cityA, cityB].sort());
    expect(update.after).toMatchObject({ name: '新名', added: [cityC], removed: [cityB] });
  });

  it('a change that changes nothing is not audited', async () => {
    const code = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set(auth()).send({ code, name: '同じ', members: [cityA] }).expect(201);
    await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({ name: '同じ', addMembers: [cityA] }).expect(200);
    const audit = await t.http().get('/api/platform/audit').query({ action: 'region.update' }).set(auth()).expect(200);
    expect(audit.body.items.filter((e: { entityId: string }) => e.entityId === code)).toEqual([]);
  });

  it('answers problem+json with stable codes for bad input', async () => {
    const code = uniqueSlug('r');
    await t.http().post('/api/platform/regions').set(auth()).send({ code, name: '一', members: [cityA] }).expect(201);
    const taken = await t.http().post('/api/platform/regions').set(auth()).send({ code, name: '二', members: [cityB] }).expect(409);
    expect(taken.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(taken.body).toMatchObject({ code: 'REGION_CODE_TAKEN' });
    expect(taken.body.message.ja).toBeTruthy();
    expect(taken.body.message.en).toBeTruthy();

    const unknown = await t.http().post('/api/platform/regions').set(auth()).send({ code: uniqueSlug('r'), name: '三', members: [cityA, 'nosuchcity'] }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_CITY' });
    expect(unknown.body.errors[0]).toMatchObject({ path: 'members', code: 'UNKNOWN_CITY' });

    const invalid = await t.http().post('/api/platform/regions').set(auth()).send({ code: 'Bad Code', name: '', members: [] }).expect(400);
    expect(invalid.body.code).toBe('VALIDATION');
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['code', 'name', 'members']));

    await t.http().get(`/api/platform/regions/${uniqueSlug('x')}`).set(auth()).expect(404).expect((r) => expect(r.body.code).toBe('REGION_NOT_FOUND'));
    await t.http().get('/api/platform/regions/NOT_A_CODE').set(auth()).expect(404).expect((r) => expect(r.body.code).toBe('REGION_NOT_FOUND'));
    await t.http().patch(`/api/platform/regions/${uniqueSlug('x')}`).set(auth()).send({ name: 'x' }).expect(404);

    const nothing = await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({}).expect(400);
    expect(nothing.body.errors[0].code).toBe('NOTHING_TO_CHANGE');
    const nullName = await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({ name: null }).expect(400);
    expect(nullName.body.code).toBe('VALIDATION');
    const both = await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({ addMembers: [cityB], removeMembers: [cityB] }).expect(422);
    expect(both.body.code).toBe('REGION_MEMBER_CONFLICT');
    const empty = await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({ removeMembers: [cityA] }).expect(422);
    expect(empty.body.code).toBe('REGION_NO_MEMBERS');
    const unknownAdd = await t.http().patch(`/api/platform/regions/${code}`).set(auth()).send({ addMembers: ['nosuchcity'] }).expect(422);
    expect(unknownAdd.body.errors[0]).toMatchObject({ path: 'addMembers', code: 'UNKNOWN_CITY' });
  });

  it('is for regional IT only: no sign-in 401, a librarian 403', async () => {
    await t.http().get('/api/platform/regions').expect(401);
    const lib = await librarianToken(t, admin, cityA);
    const res = await t.http().post('/api/platform/regions').set('Authorization', `Bearer ${lib}`).send({ code: uniqueSlug('r'), name: 'x', members: [cityA] }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
