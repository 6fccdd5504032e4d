import { addDays } from '@shiori/policy';
import { runInTenant } from '@shiori/tenancy';
import { seedDemoBookmobile } from '../src/modules/demo/demo-bookmobile';
import { adminToken, createTestApp, TestApp } from './support/app';
import { api, day, expectStatus, Library, mails, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';
import { jaDay } from './support/notices-factories';

/**
 * The bookmobile (図書館バス) of Kushiro: the timetable librarians keep per station (bad input
 * answered as problem+json with field errors), the CSV import's per-row report, the public
 * timetable, and the rules that follow the bus: a loan made on the bus is due on a visit of
 * its station (and its renewal too), a hold for a station is ready at the next visit, waits
 * N visits, and its ready notice names the visit. Katori (no bus) shows isolation.
 */
describe('bookmobile: timetables and the rules that follow the bus', () => {
  let t: TestApp;
  let kushiro: Library;
  let katori: Library;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    kushiro = await setupLibrary(t, admin, 'kushiro');
    katori = await setupLibrary(t, admin, 'katori');
    // Dates below are counted from today: no holiday or weekly closing day may move them.
    await t.ds.query(`DELETE FROM ${kushiro.schema}.closed_days`);
    await t.ds.query(`UPDATE ${kushiro.schema}.branches SET weekly_closed = '{}'`);
    await t.ds.query(`DELETE FROM ${kushiro.schema}.bookmobile_stops`);
  });
  afterAll(() => t.close());

  const putStops = (lib: Library, station: string, stops: object[]) => t.http().put(`/api/t/${lib.slug}/admin/bookmobile/stations/${station}/stops`).set({ Authorization: `Bearer ${lib.staff}` }).send({ stops });
  const putClosures = (lib: Library, bus: string, body: object) => t.http().put(`/api/t/${lib.slug}/admin/bookmobile/${bus}/closures`).set({ Authorization: `Bearer ${lib.staff}` }).send(body);

  it('refuses an impossible time, an end before the start and two stops of the bus at once, with field errors', async () => {
    const bad = expectStatus(await putStops(kushiro, 'bm-01', [{ weekday: 2, start: '25:00', end: '10:00' }, { weekday: 3, start: '10:30', end: '10:00' }]), 422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('TIMETABLE_INVALID');
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['stops.0.start TIMETABLE_TIME', 'stops.1.end TIMETABLE_TIME']);
    expect(bad.body.errors[0].message.ja).toContain('23:59');

    expectStatus(await putStops(kushiro, 'bm-01', [{ weekday: 2, weeks: [1, 3], start: '10:00', end: '10:40', place: '校門前', school: true }]), 200);
    // another station of the same bus on the 3rd Tuesday at 10:20: the bus cannot be at both
    const overlap = expectStatus(await putStops(kushiro, 'bm-02', [{ weekday: 2, weeks: [3], start: '10:20', end: '11:00' }]), 422);
    expect(overlap.body.errors).toEqual([expect.objectContaining({ path: 'stops.0.start', code: 'TIMETABLE_OVERLAP' })]);
    // the 2nd and 4th Tuesdays are free
    const ok = expectStatus(await putStops(kushiro, 'bm-02', [{ weekday: 2, weeks: [2, 4], start: '10:20', end: '11:00', place: '駐車場' }]), 200);
    expect(ok.body.stops[0].pattern).toEqual({ ja: '第2・第4火曜', en: '2nd & 4th Tue' });

    // a station that is not the bus's (or not a station): 404 problem+json
    const unknown = expectStatus(await putStops(kushiro, 'central-counter', [{ weekday: 1, start: '10:00', end: '10:30' }]), 404);
    expect(unknown.body.code).toBe('STATION_NOT_FOUND');
    // a body of the wrong shape: 400 with field errors
    const shape = expectStatus(await putStops(kushiro, 'bm-01', [{ weekday: 9, start: 1000 }]), 400);
    expect(shape.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['stops.0.weekday', 'stops.0.start']));
  });

  it('imports a CSV timetable row by row, reporting unknown stations, unreadable days and overlaps by line', async () => {
    const csv = [
      'station,days,start,end,place,note',
      '駒場公園,第1・第3木,13:00,13:40,駐車場東側,雨天決行',
      'bm-10,毎週金,9:30,10:00,正面入口,',
      '火星ステーション,毎週月,10:00,10:30,,',
      '春日公園,ときどき,10:00,10:30,,',
      'bm-11,第1木,13:20,13:50,,', // overlaps 駒場公園 on the 1st Thursday
    ].join('\n');
    const res = expectStatus(await api(kushiro).post('/admin/bookmobile/bm/import', { csv }), 200);
    expect(res.body).toMatchObject({ total: 5, imported: 2, rejected: 3, stations: 2 });
    const byLine = Object.fromEntries(res.body.rows.map((r: { line: number; ok: boolean; errors: { code: string }[] }) => [r.line, r.ok ? 'ok' : r.errors.map((e) => e.code).join(',')]));
    expect(byLine).toEqual({ 2: 'ok', 3: 'ok', 4: 'TIMETABLE_UNKNOWN_STATION', 5: 'TIMETABLE_NO_DAYS', 6: 'TIMETABLE_OVERLAP' });
    const tt = expectStatus(await api(kushiro).get('/admin/bookmobile/bm/timetable'), 200).body;
    const komaba = tt.stations.find((s: { name: string }) => s.name === '駒場公園');
    expect(komaba.stops).toEqual([expect.objectContaining({ weekday: 4, weeks: [1, 3], start: '13:00', end: '13:40', place: '駐車場東側', note: '雨天決行' })]);
    expect(tt.stations.find((s: { code: string }) => s.code === 'bm-10').stops[0].start).toBe('09:30');
  });

  it('lends on the bus until a visit of the station: the last one before the period ends, skipping the bus’s closed day; a renewal lands on a visit too', async () => {
    // The ordinary due date of this library, from a loan at the counter.
    const probe = await seedRecord(kushiro, { copies: [{ branchCode: 'central' }] });
    const borrower = await seedPatron(kushiro);
    const ordinary = expectStatus(await api(kushiro).checkout(borrower.cardNumber, probe.barcodes[0]), 201).body.dueDate as string;
    const d = (n: number) => addDays(ordinary, n);
    expectStatus(await putStops(kushiro, 'bm-05', [{ dates: [d(-5), d(-3), d(4), d(12)], start: '15:00', end: '15:30', place: '店舗北側' }]), 200);
    expectStatus(await putClosures(kushiro, 'bm', { closedDays: [d(-3)], schoolHolidays: [] }), 200);

    const rec = await seedRecord(kushiro, { copies: [{ branchCode: 'central' }] });
    const loan = expectStatus(await api(kushiro).checkout(borrower.cardNumber, rec.barcodes[0], { stationCode: 'bm-05' }), 201).body;
    expect(loan).toMatchObject({ dueDate: d(-5), branchCode: 'bm', stationCode: 'bm-05' });

    // Kushiro renews 14 days from the due date: d(9), which has no visit; the last before is d(4).
    const renewed = expectStatus(await api(kushiro).post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 200).body;
    expect(renewed.dueDate).toBe(d(4));

    // the city may choose the first visit after the period instead
    const policy = expectStatus(await api(kushiro).get('/admin/policy'), 200).body;
    const { version: _v, changedBy: _b, changedAt: _a, ...body } = policy;
    expectStatus(await t.http().put(`/api/t/${kushiro.slug}/admin/policy`).set({ Authorization: `Bearer ${kushiro.staff}` }).send({ ...body, bookmobile: { dueDateStop: 'first-after', holdShelfStops: 2 } }), 200);
    const other = await seedRecord(kushiro, { copies: [{ branchCode: 'central' }] });
    expect(expectStatus(await api(kushiro).checkout(borrower.cardNumber, other.barcodes[0], { stationCode: 'bm-05' }), 201).body.dueDate).toBe(d(4));
    expectStatus(await t.http().put(`/api/t/${kushiro.slug}/admin/policy`).set({ Authorization: `Bearer ${kushiro.staff}` }).send({ ...body, bookmobile: { dueDateStop: 'last-before', holdShelfStops: 2 } }), 200);
  });

  it('readies a hold for a station at its next visit, keeps it two visits, names the visit in the notice and on today’s stop', async () => {
    expectStatus(await putStops(kushiro, 'bm-09', [{ dates: [day(2), day(5), day(9)], start: '10:00', end: '10:40', place: '駐車場東側' }]), 200);
    const rec = await seedRecord(kushiro, { copies: [{ branchCode: 'central' }] });
    const borrower = await seedPatron(kushiro);
    expectStatus(await api(kushiro).checkout(borrower.cardNumber, rec.barcodes[0]), 201);
    const holder = await seedPatron(kushiro, { email: 'bus@example.jp' });
    const [hold] = expectStatus(await api(kushiro).placeHolds(holder.token, { recordIds: [rec.id], pickupPointCode: 'bm-09', contact: 'email' }), 201).body;

    // returned on the bus (at another station): the copy is at the bus, ready for the next visit of bm-09
    const back = expectStatus(await api(kushiro).checkin(rec.barcodes[0], { stationCode: 'bm-05' }), 200).body;
    expect(back.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(5), pickupStop: { date: day(2), start: '10:00', end: '10:40', place: '駐車場東側' } });
    const [mail] = await mails(kushiro, 'hold-ready', holder.id);
    expect(mail.body).toContain(`受取日時：${jaDay(day(2))} 10:00〜10:40（図書館バス）`);
    expect(mail.body).toContain('停車位置：駐車場東側');
    expect(mail.body).toContain(`取置期限：${jaDay(day(5))}`);
    // the patron's holds list names the visit too
    const mine = expectStatus(await api(kushiro).myHolds(holder.token), 200).body;
    expect(mine.find((h: { id: string }) => h.id === hold.id)).toMatchObject({ status: 'ready', expiresAt: day(5), pickupStop: { date: day(2), start: '10:00', end: '10:40', place: '駐車場東側' } });

    // 本日の巡回 on the day of the visit: the hold to hand out and the copy to load
    const today = expectStatus(await api(kushiro).get(`/desk/bookmobile/today?date=${day(2)}`), 200).body;
    const stop = today.buses[0].stops.find((s: { stationCode: string }) => s.stationCode === 'bm-09');
    expect(stop).toMatchObject({ start: '10:00', place: '駐車場東側' });
    expect(stop.handOut).toEqual([expect.objectContaining({ holdId: hold.id, itemBarcode: rec.barcodes[0], cardNumber: holder.cardNumber })]);
    expect(stop.load.map((h: { holdId: string }) => h.holdId)).toEqual([hold.id]);
    // before the visit there is nothing to hand out at a stop that day
    const earlier = expectStatus(await api(kushiro).get(`/desk/bookmobile/today?date=${day(1)}`), 200).body;
    expect(earlier.buses[0].stops.find((s: { stationCode: string }) => s.stationCode === 'bm-09')).toBeUndefined();
  });

  it('shows patrons the stations’ next visits and a month of stops; the preview lists 8 weeks; Katori has no bus and sees none of Kushiro’s', async () => {
    const pub = expectStatus(await t.http().get(`/api/t/${kushiro.slug}/bookmobile?from=${day(0).slice(0, 8)}01`), 200).body;
    const bus = pub.buses[0];
    expect(bus.code).toBe('bm');
    expect(bus.stations.find((s: { code: string }) => s.code === 'bm-09').nextVisits[0]).toEqual({ date: day(2), start: '10:00', end: '10:40', place: '駐車場東側', note: '' });
    const info = expectStatus(await t.http().get(`/api/t/${kushiro.slug}/info`), 200).body;
    expect(info.pickupPoints.find((p: { code: string }) => p.code === 'bm-09').nextVisits.map((v: { date: string }) => v.date)).toEqual([day(2), day(5), day(9)]);

    const preview = expectStatus(await api(kushiro).get(`/admin/bookmobile/bm/preview?from=${day(0)}`), 200).body;
    expect(preview.days).toHaveLength(56);
    expect(preview.days.find((x: { date: string }) => x.date === day(2)).visits.map((v: { stationCode: string }) => v.stationCode)).toContain('bm-09');

    expect(expectStatus(await t.http().get(`/api/t/${katori.slug}/bookmobile`), 200).body.buses).toEqual([]);
    expectStatus(await putStops(katori, 'bm-09', [{ weekday: 1, start: '10:00', end: '10:30' }]), 404);
    expectStatus(await api(katori).get('/admin/bookmobile/bm/timetable'), 404);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${katori.schema}.bookmobile_stops`);
    expect(n).toBe(0);
  });

  it('demo: gives every station of a bus without a timetable an invented, valid one, and leaves a librarian’s timetable alone', async () => {
    const admin = await adminToken(t);
    const fresh = await setupLibrary(t, admin, 'kushiro');
    const tenant = { id: fresh.tenantId, slug: fresh.slug, name: fresh.slug };
    expect(await runInTenant(t.ds, tenant, () => seedDemoBookmobile(2026))).toBe('bookmobile: invented demo timetable for 18 stations (図書館バス)');
    const tt = expectStatus(await api(fresh).get('/admin/bookmobile/bm/timetable'), 200).body;
    // read back through the validating parser: every station has its stop, none overlapping
    expect(tt.stations.filter((s: { stops: unknown[] }) => s.stops.length === 1)).toHaveLength(18);
    expect(tt.schoolHolidays.map((h: { note: string }) => h.note)).toEqual(['夏休み（デモ）', '冬休み（デモ）', '春休み（デモ）']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${fresh.schema}.bookmobile_stops WHERE demo`);
    expect(n).toBe(18);
    // run again (every demo start): nothing added
    expect(await runInTenant(t.ds, tenant, () => seedDemoBookmobile(2026))).toBeUndefined();
    // Kushiro above has a librarian's timetable: the demo does not touch it
    expect(await runInTenant(t.ds, { id: kushiro.tenantId, slug: kushiro.slug, name: kushiro.slug }, () => seedDemoBookmobile(2026))).toBeUndefined();
  });
});
