import { runInTenant } from '@shiori/tenancy';
import { TenantRegistry } from '../src/engine/tenancy/tenant-registry.service';
import { CourierService } from '../src/modules/region/courier/courier.service';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp, uniqueSlug } from './support/app';

/**
 * The courier timetable of a region (連絡車, issue #16): regional IT edits it whole, every write
 * is audited, bad input is problem+json with stable codes, and the expected arrival between two
 * member libraries follows the runs' days, the order of their stops, the region's closures and
 * each city's own closed days (read in that city).
 *
 * December 2026: Tuesdays are the 1st, 8th, 15th, 22nd and 29th; Thursdays the 3rd, 10th, 17th, 24th, 31st.
 */
describe('courier timetable: regional IT edits the runs, and the arrival follows them (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let cityA: string; // kitakyushu preset: branch central, and a second branch added below
  let cityB: string; // koga preset: branch main
  let outsider: string; // not a member of the region
  let region: string;
  let libA: string;
  let libB: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const url = () => `/api/platform/regions/${region}/courier`;
  const timetable = () => ({
    sameDayHandover: true,
    runs: [
      // 毎週火曜 A中央 → A東 → B
      { name: '火曜便', weekday: 2, stops: [{ city: cityA, branch: 'central' }, { city: cityA, branch: 'east' }, { city: cityB, branch: 'main' }] },
      // 第2・第4木曜 B → A中央
      { name: '木曜便', weekday: 4, weeks: [2, 4], stops: [{ city: cityB, branch: 'main' }, { city: cityA, branch: 'central' }] },
    ],
    closures: [{ first: '2026-12-29', last: '2027-01-03', note: '年末年始' }],
  });
  const arrival = (from: string, to: string, date: string) => t.http().get(`${url()}/arrival`).query({ from, to, date }).set(auth());

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    cityA = await createTenant(t, admin, 'kitakyushu');
    cityB = await createTenant(t, admin, 'koga');
    outsider = await createTenant(t, admin, 'katori');
    libA = await librarianToken(t, admin, cityA);
    libB = await librarianToken(t, admin, cityB);
    await t.http().post(`/api/t/${cityA}/admin/branches`).set('Authorization', `Bearer ${libA}`).send({ code: 'east', name: '東分館' }).expect(201);
    region = uniqueSlug('c');
    await t.http().post('/api/platform/regions').set(auth()).send({ code: region, name: '福岡県', members: [cityA, cityB] }).expect(201);
  });
  afterAll(() => t.close());

  it('starts empty, listing each member city’s branches by name', async () => {
    const res = await t.http().get(url()).set(auth()).expect(200);
    expect(res.body).toMatchObject({ region: { code: region, name: '福岡県' }, sameDayHandover: true, updatedAt: null, runs: [], closures: [] });
    const a = res.body.members.find((m: { city: string }) => m.city === cityA);
    expect(a.branches.map((b: { code: string; name: string }) => [b.code, b.name])).toEqual(expect.arrayContaining([['central', '中央図書館'], ['east', '東分館']]));
    expect(res.body.members.map((m: { city: string }) => m.city)).not.toContain(outsider);
  });

  it('saves a timetable, reads it back with the stops named, and audits the change', async () => {
    const res = await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    expect(res.body.runs).toHaveLength(2);
    expect(res.body.runs[0]).toMatchObject({ name: '火曜便', weekday: 2, weeks: [], pattern: { ja: '毎週火曜', en: 'Every Tue' } });
    expect(res.body.runs[0].stops.map((s: { branchName: string; member: boolean }) => [s.branchName, s.member])).toEqual([
      ['中央図書館', true],
      ['東分館', true],
      ['古賀市立図書館', true],
    ]);
    expect(res.body.runs[1].pattern.ja).toBe('第2・第4木曜');
    expect(res.body.closures).toEqual([{ first: '2026-12-29', last: '2027-01-03', note: '年末年始' }]);
    expect(res.body.updatedAt).toBeTruthy();
    const again = await t.http().get(url()).set(auth()).expect(200);
    expect(again.body.runs).toEqual(res.body.runs);

    const audit = await t.http().get('/api/platform/audit').query({ action: 'region.courier' }).set(auth()).expect(200);
    const mine = audit.body.items.filter((e: { entityId: string }) => e.entityId === region);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actorName: 'admin', entity: 'region', before: null });
    expect(mine[0].after.runs[0].stops).toEqual([`${cityA}:central`, `${cityA}:east`, `${cityB}:main`]);
  });

  it('gives the arrival: same day later on the run, handover on a courier day, order of stops, closures', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    // handed over on a Tuesday: that day's run goes on from A中央 to B
    const same = await arrival(`${cityA}:central`, `${cityB}:main`, '2026-12-08').expect(200);
    expect(same.body).toMatchObject({
      regionCode: region,
      handedOver: '2026-12-08',
      from: { city: cityA, branch: 'central', branchName: '中央図書館' },
      to: { city: cityB, branch: 'main', branchName: '古賀市立図書館' },
      departs: { date: '2026-12-08', run: { name: '火曜便', pattern: { ja: '毎週火曜' } } },
      arrives: { date: '2026-12-08', run: { name: '火曜便' } },
    });
    // a Wednesday before a 3rd Thursday (no 木曜便): the next Tuesday
    const wed = await arrival(`${cityA}:central`, `${cityB}:main`, '2026-12-16').expect(200);
    expect([wed.body.departs.date, wed.body.arrives.date]).toEqual(['2026-12-22', '2026-12-22']);
    // before a 2nd Thursday: the 木曜便 picks it up at its last stop, A中央, and B has it on Tuesday
    const thu = await arrival(`${cityA}:central`, `${cityB}:main`, '2026-12-09').expect(200);
    expect([thu.body.departs.date, thu.body.departs.run.name, thu.body.arrives.date]).toEqual(['2026-12-10', '木曜便', '2026-12-15']);
    // A東 → A中央: the Tuesday van passes 中央 first, so it arrives with the 2nd Thursday's run
    const back = await arrival(`${cityA}:east`, `${cityA}:central`, '2026-12-08').expect(200);
    expect([back.body.departs.date, back.body.arrives.date, back.body.arrives.run.name]).toEqual(['2026-12-08', '2026-12-10', '木曜便']);
    // A東 is on the Tuesday run only, and 12-29 is 年末年始: the first run after is 2027-01-05
    const newYear = await arrival(`${cityA}:east`, `${cityB}:main`, '2026-12-23').expect(200);
    expect([newYear.body.departs.date, newYear.body.arrives.date]).toEqual(['2027-01-05', '2027-01-05']);
  });

  it('skips a day the receiving library is closed in its own city’s calendar', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    await t.http().post(`/api/t/${cityB}/admin/closed-days`).set('Authorization', `Bearer ${libB}`).send({ branchCode: 'main', date: '2027-01-12', reason: '館内整理' }).expect(201);
    const res = await arrival(`${cityA}:central`, `${cityB}:main`, '2027-01-12').expect(200);
    // leaves A on Tuesday 01-12, but B is closed that day: it arrives with the next run calling at B, the 2nd Thursday
    expect([res.body.departs.date, res.body.arrives.date, res.body.arrives.run.name]).toEqual(['2027-01-12', '2027-01-14', '木曜便']);
  });

  it('exposes CourierService.expectedArrival for the ILL module (null when no shared courier calls at both)', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    const courier = t.app.get(CourierService);
    await expect(courier.expectedArrival({ from: { slug: cityA, branch: 'central' }, to: { slug: cityB, branch: 'main' }, handedOver: '2026-12-16' })).resolves.toEqual({
      regionCode: region,
      departs: '2026-12-22',
      arrives: '2026-12-22',
    });
    // no branch known: whichever of the city's libraries the courier calls at (the earliest arrival)
    await expect(courier.expectedArrival({ from: { slug: cityB, branch: null }, to: { slug: cityA, branch: null }, handedOver: '2026-12-10' })).resolves.toEqual({
      regionCode: region,
      departs: '2026-12-10',
      arrives: '2026-12-10',
    });
    // inside the sending city's tenant transaction, as the ILL module calls it
    const home = (await t.app.get(TenantRegistry).findBySlug(cityA))!;
    const inside = await runInTenant(t.ds, home, () => courier.expectedArrival({ from: { slug: cityA, branch: 'east' }, to: { slug: cityB, branch: 'main' }, handedOver: '2026-12-23' }));
    expect(inside).toEqual({ regionCode: region, departs: '2027-01-05', arrives: '2027-01-05' });
    await expect(courier.expectedArrival({ from: { slug: cityA, branch: 'central' }, to: { slug: outsider, branch: 'central' }, handedOver: '2026-12-09' })).resolves.toBeNull();
    await expect(courier.expectedArrival({ from: { slug: 'nosuchcity', branch: null }, to: { slug: cityB, branch: null }, handedOver: '2026-12-09' })).resolves.toBeNull();
  });

  it('inside a tenant transaction takes no second connection: the other city’s calendar is read after it, for the next answer', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    await t.http().post(`/api/t/${cityB}/admin/closed-days`).set('Authorization', `Bearer ${libB}`).send({ branchCode: 'main', date: '2026-12-01' }).expect(201);
    const courier = t.app.get(CourierService);
    const home = (await t.app.get(TenantRegistry).findBySlug(cityA))!;
    const ask = () => runInTenant(t.ds, home, () => courier.expectedArrival({ from: { slug: cityA, branch: 'east' }, to: { slug: cityB, branch: 'main' }, handedOver: '2026-12-01' }));
    // no copy of B's calendar from 12-01 on this instance yet: B's closed day is not known this once
    expect(await ask()).toEqual({ regionCode: region, departs: '2026-12-01', arrives: '2026-12-01' });
    // read after that transaction: B is closed on 12-01, so it arrives on the next Tuesday
    expect(await ask()).toEqual({ regionCode: region, departs: '2026-12-01', arrives: '2026-12-08' });
    // outside a transaction both calendars are read at once
    await expect(courier.expectedArrival({ from: { slug: cityA, branch: 'east' }, to: { slug: cityB, branch: 'main' }, handedOver: '2026-12-01' })).resolves.toMatchObject({ arrives: '2026-12-08' });
  });

  it('answers problem+json with stable codes for a bad timetable, and keeps the old one', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    const shape = await t
      .http()
      .put(url())
      .set(auth())
      .send({ runs: [{ weekday: 9, dates: ['2026-02-30'], stops: [{ city: 'Bad City', branch: 'x' }] }], closures: [{ first: 'tomorrow' }] })
      .expect(400);
    expect(shape.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(shape.body.code).toBe('VALIDATION');
    expect(shape.body.message).toMatchObject({ ja: expect.any(String), en: expect.any(String) });
    expect(shape.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['runs.0.weekday', 'runs.0.dates', 'runs.0.stops.0.city', 'closures.0.first', 'closures.0.last']),
    );
    await t.http().put(url()).set(auth()).send({ runs: 'every tuesday', closures: [] }).expect(400);

    const rules = await t
      .http()
      .put(url())
      .set(auth())
      .send({
        runs: [
          { stops: [{ city: cityA, branch: 'central' }, { city: cityB, branch: 'main' }] },
          { weekday: 1, stops: [{ city: cityA, branch: 'central' }] },
          { weekday: 3, stops: [{ city: cityA, branch: 'central' }, { city: outsider, branch: 'central' }, { city: cityA, branch: 'nowhere' }, { city: cityA, branch: 'central' }] },
        ],
        closures: [{ first: '2027-01-03', last: '2026-12-29' }],
      })
      .expect(422);
    expect(rules.body.code).toBe('COURIER_INVALID');
    expect(rules.body.message.ja).toContain('連絡車');
    expect(rules.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['closures.0.last', 'COURIER_DATE'],
      ['runs.0.weekday', 'COURIER_NO_DAYS'],
      ['runs.1.stops', 'COURIER_TOO_FEW_STOPS'],
      ['runs.2.stops.1', 'COURIER_UNKNOWN_LIBRARY'],
      ['runs.2.stops.2', 'COURIER_UNKNOWN_LIBRARY'],
      ['runs.2.stops.3', 'COURIER_DUPLICATE_STOP'],
    ]);
    expect(rules.body.errors[3].message).toMatchObject({ ja: expect.any(String), en: expect.any(String) });
    const kept = await t.http().get(url()).set(auth()).expect(200);
    expect(kept.body.runs.map((r: { name: string }) => r.name)).toEqual(['火曜便', '木曜便']);
  });

  it('answers problem+json for a bad arrival query', async () => {
    await t.http().put(url()).set(auth()).send(timetable()).expect(200);
    const format = await arrival(cityA, `${cityB}:main`, '2026-12-32').expect(400);
    expect(format.body.code).toBe('VALIDATION');
    expect(format.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['date', 'from']);
    await t.http().get(`${url()}/arrival`).set(auth()).expect(400);
    const unknown = await arrival(`${cityA}:nowhere`, `${cityB}:main`, '2026-12-08').expect(422);
    expect(unknown.body).toMatchObject({ code: 'COURIER_UNKNOWN_LIBRARY', errors: [{ path: 'from' }] });
    const notMember = await arrival(`${cityA}:central`, `${outsider}:central`, '2026-12-08').expect(422);
    expect(notMember.body).toMatchObject({ code: 'COURIER_UNKNOWN_LIBRARY', errors: [{ path: 'to' }] });
    await arrival(`${cityA}:central`, `${cityA}:central`, '2026-12-08').expect(422).expect((r) => expect(r.body.code).toBe('COURIER_SAME_LIBRARY'));
    // a branch the courier never calls at
    await t.http().post(`/api/t/${cityA}/admin/branches`).set('Authorization', `Bearer ${libA}`).send({ code: 'west', name: '西分館' }).expect(201);
    const noRoute = await arrival(`${cityA}:west`, `${cityB}:main`, '2026-12-08').expect(422);
    expect(noRoute.body.code).toBe('COURIER_NO_ROUTE');
    expect(noRoute.body.message.en).toBeTruthy();
    await t.http().get(`/api/platform/regions/${uniqueSlug('x')}/courier`).set(auth()).expect(404).expect((r) => expect(r.body.code).toBe('REGION_NOT_FOUND'));
    await t.http().put(`/api/platform/regions/NOT_A_CODE/courier`).set(auth()).send(timetable()).expect(404);
  });

  it('is for regional IT only: no sign-in 401, a librarian 403', async () => {
    await t.http().get(url()).expect(401);
    const res = await t.http().put(url()).set('Authorization', `Bearer ${libB}`).send(timetable()).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
