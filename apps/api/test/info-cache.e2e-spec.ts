import { addDays } from '@shiori/policy';
import { quotedTenantSchema } from '@shiori/tenancy';
import { Clock } from '../src/engine/clock';
import { tokyoDate } from '../src/engine/time';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { CatalogTenant, twoCatalogTenants } from './support/catalog-factories';
import { holdClock } from './support/clock';

/**
 * `/info` is answered from a serialised copy per city (InfoRoute, InfoService.infoJson) that
 * serves only while what it was made of is unchanged (the city's `info_version`, moved by a
 * trigger on every table /info is made of, read in one statement per request) and, for a city
 * with a bookmobile, only on the day it was made (its stations' next visits). Two API
 * instances on one database: a change made through either one (or straight in the database)
 * is in the very next /info of both, and the other city's /info never moves.
 */
describe('/info: a change is seen at once by the next /info, on this instance and another', () => {
  let a: TestApp;
  let b: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;
  let kushiro: CatalogTenant;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
    [katori, koga] = await twoCatalogTenants(a, 'katori', 'koga');
    const admin = await adminToken(a);
    const slug = await createTenant(a, admin, 'kushiro'); // a bookmobile (bm) with stations bm-01…
    kushiro = { slug, token: await librarianToken(a, admin, slug), branches: [] };
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const as = (c: CatalogTenant) => ({ Authorization: `Bearer ${c.token}` });
  const info = async (t: TestApp, c: CatalogTenant) => (await t.http().get(`/api/t/${c.slug}/info`).expect(200)).body;
  /** /info of `c` from both instances, which must agree. */
  const both = async (c: CatalogTenant) => {
    const [fromA, fromB] = [await info(a, c), await info(b, c)];
    expect(fromB).toEqual(fromA);
    return fromA;
  };

  it('branches, pickup points, the policy and the city settings, changed through either instance', async () => {
    const kogaBefore = await both(koga);
    const before = await both(katori); // both instances now hold katori's answer
    expect(before.slug).toBe(katori.slug);
    expect(before.branches.length).toBeGreaterThan(0);

    const code = katori.branches[0];
    await a.http().patch(`/api/t/${katori.slug}/admin/branches/${code}`).set(as(katori)).send({ name: '情報テスト館' }).expect(200);
    expect((await both(katori)).branches.find((x: { code: string }) => x.code === code).name).toBe('情報テスト館');

    await b.http().post(`/api/t/${katori.slug}/admin/pickup-points`).set(as(katori)).send({ code: 'info-pp', name: '情報テスト受取所', kind: 'counter', branchCode: code }).expect(201);
    expect((await both(katori)).pickupPoints.map((p: { code: string }) => p.code)).toContain('info-pp');
    await a.http().patch(`/api/t/${katori.slug}/admin/pickup-points/info-pp`).set(as(katori)).send({ active: false }).expect(200);
    expect((await both(katori)).pickupPoints.map((p: { code: string }) => p.code)).not.toContain('info-pp');

    const current = (await b.http().get(`/api/t/${katori.slug}/admin/policy`).set(as(katori)).expect(200)).body;
    const { version, changedBy, changedAt, ...policy } = current;
    void version; void changedBy; void changedAt;
    expect(before.policy.password.minLength).not.toBe(11);
    policy.password.minLength = 11;
    await b.http().put(`/api/t/${katori.slug}/admin/policy`).set(as(katori)).send(policy).expect(200);
    expect((await both(katori)).policy.password.minLength).toBe(11);

    // a writer that is not the API at all (a migration, an operator's SQL)
    await a.ds.query(`UPDATE ${quotedTenantSchema(katori.slug)}.settings SET value = jsonb_set(value, '{name}', '"情報テスト市立図書館"') WHERE key = 'city'`);
    expect((await both(katori)).name).toBe('情報テスト市立図書館');

    expect(await both(koga)).toEqual(kogaBefore);
  });

  it('a city with a bookmobile: its stations\' next visits follow a timetable change (either instance, or SQL) and the day changing', async () => {
    const clocks = [holdClock(a), holdClock(b)]; // both instances' days move together, by the test
    try {
      const schema = quotedTenantSchema(kushiro.slug);
      // dates counted from the held day: no closed day of the preset may move them
      await a.ds.query(`DELETE FROM ${schema}.closed_days`);
      await a.ds.query(`UPDATE ${schema}.branches SET weekly_closed = '{}'`);
      const today = tokyoDate(a.app.get(Clock).now());
      const d = (n: number) => addDays(today, n);
      const visits = async () =>
        (await both(kushiro)).pickupPoints.find((p: { code: string }) => p.code === 'bm-01').nextVisits as { date: string; start: string }[];
      const kogaBefore = await both(koga);
      expect(await visits()).toEqual([]); // both instances now hold the answer without stops

      const stops = [{ dates: [d(1), d(2), d(3), d(4)], start: '10:00', end: '10:30', place: '情報テスト前' }];
      await a.http().put(`/api/t/${kushiro.slug}/admin/bookmobile/stations/bm-01/stops`).set(as(kushiro)).send({ stops }).expect(200);
      expect((await visits()).map((v) => v.date)).toEqual([d(1), d(2), d(3)]);
      // the bus's own closed day, through the other instance
      await b.http().put(`/api/t/${kushiro.slug}/admin/bookmobile/bm/closures`).set(as(kushiro)).send({ closedDays: [d(2)], schoolHolidays: [] }).expect(200);
      expect((await visits()).map((v) => v.date)).toEqual([d(1), d(3), d(4)]);
      // straight in the database: the library calendar, then the stop itself
      await a.ds.query(`INSERT INTO ${schema}.closed_days (branch_code, date, reason) VALUES (NULL, $1, '情報テスト休館')`, [d(3)]);
      expect((await visits()).map((v) => v.date)).toEqual([d(1), d(4)]);
      await a.ds.query(`UPDATE ${schema}.bookmobile_stops SET start_time = '11:00', end_time = '11:30' WHERE station_code = 'bm-01'`);
      expect((await visits()).map((v) => `${v.date} ${v.start}`)).toEqual([`${d(1)} 11:00`, `${d(4)} 11:00`]);

      // the day changes with nothing written: the visit of the day before is gone
      for (const c of clocks) c.advance(2 * 24 * 3600);
      expect((await visits()).map((v) => v.date)).toEqual([d(4)]);
      for (const c of clocks) c.advance(3 * 24 * 3600);
      expect(await visits()).toEqual([]);

      expect(await both(koga)).toEqual(kogaBefore);
    } finally {
      for (const c of clocks) c.release();
    }
  });

  it('answers 304 to the ETag it gave while nothing changed, and the new answer after a change', async () => {
    const first = await a.http().get(`/api/t/${koga.slug}/info`).expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    await a.http().get(`/api/t/${koga.slug}/info`).set('If-None-Match', etag).expect(304);
    await b.http().get(`/api/t/${koga.slug}/info`).set('If-None-Match', etag).expect(304);
    // with a cookie the request goes through the cookie parser to InfoRoute's Nest middleware instead of the front: the same answer
    const withCookie = await b.http().get(`/api/t/${koga.slug}/info`).set('Cookie', 'lang=ja').expect(200);
    expect(withCookie.headers.etag).toBe(etag);
    expect(withCookie.body).toEqual(first.body);
    const code = koga.branches[0];
    await b.http().patch(`/api/t/${koga.slug}/admin/branches/${code}`).set(as(koga)).send({ nameEn: 'Info Test Branch' }).expect(200);
    const after = await a.http().get(`/api/t/${koga.slug}/info`).set('If-None-Match', etag).expect(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body.branches.find((x: { code: string }) => x.code === code).nameEn).toBe('Info Test Branch');
  });

  it('refuses an unknown city (404) and a name that is no UTF-8 (400) as problem+json, with and without a cookie', async () => {
    // a name no city has, and ones that are not even UTF-8 (a lone surrogate's bytes, a cut
    // character: found by the fuzzer, a 500 at the front): the same answer either way
    for (const [slug, status, code] of [
      ['no-such-city-info', 404, 'TENANT_NOT_FOUND'],
      ['%ED%A0%80', 400, 'VALIDATION'],
      ['a%E3%81', 400, 'VALIDATION'],
    ] as const) {
      for (const cookie of [undefined, 'lang=ja']) {
        const req = a.http().get(`/api/t/${slug}/info`);
        const res = await (cookie ? req.set('Cookie', cookie) : req).expect(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe(code);
      }
    }
  });

  it('health answers {"status":"ok"} with and without a cookie', async () => {
    expect((await a.http().get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await a.http().get('/api/health').set('Cookie', 'lang=ja').expect(200)).body).toEqual({ status: 'ok' });
  });
});
