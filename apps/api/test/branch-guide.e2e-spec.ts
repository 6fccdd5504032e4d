import { addDays, weekdayOf } from '@shiori/policy';
import { quotedTenantSchema } from '@shiori/tenancy';
import { adminToken, createTestApp, TestApp } from './support/app';
import { api, day, expectStatus, Library, seedPatron, seedRecord, setupLibrary, today } from './support/circulation-factories';

interface CalendarAnswer {
  from: string;
  to: string;
  today: string;
  branches: { code: string; name: string; nameEn: string | null; weeklyClosed: number[]; openToday: boolean; closed: { date: string; reason: string | null; weekly: boolean }[] }[];
}

/**
 * 館の案内 and 開館カレンダー: librarians give each branch its address, telephone number,
 * opening hours and regular weekly closing days (validated, audited); patrons read them in
 * /info and read every branch's closed days in the public calendar; circulation treats a
 * weekly closing day as a closed day (a due date on it moves to the next open day).
 * Katori and Koga side by side show that neither sees the other's branches or days.
 */
describe('branch guide: address, hours, weekly closing days and the public calendar', () => {
  let t: TestApp;
  let katori: Library;
  let koga: Library;
  let kitakyushu: Library;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    katori = await setupLibrary(t, admin, 'katori');
    koga = await setupLibrary(t, admin, 'koga');
    kitakyushu = await setupLibrary(t, admin, 'kitakyushu');
  });
  afterAll(() => t.close());

  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++seq}`;
  const newBranch = async (lib: Library, extra: Record<string, unknown> = {}) => {
    const code = unique('br');
    const res = expectStatus(await api(lib).post('/admin/branches', { code, name: `分館 ${code}`, ...extra }), 201);
    return { code, body: res.body };
  };
  const adminBranch = async (lib: Library, code: string) =>
    (expectStatus(await api(lib).get('/admin/branches'), 200).body as Record<string, unknown>[]).find((b) => b.code === code);
  const infoBranch = async (lib: Library, code: string) =>
    ((await t.http().get(`/api/t/${lib.slug}/info`).expect(200)).body.branches as Record<string, unknown>[]).find((b) => b.code === code);
  const calendar = (lib: Library, query = '') => t.http().get(`/api/t/${lib.slug}/calendar${query}`);
  const calendarOf = async (lib: Library, query: string, code: string) =>
    (expectStatus(await calendar(lib, query), 200).body as CalendarAnswer).branches.find((b) => b.code === code);

  const guide = {
    address: '千葉県香取市佐原イ1812',
    phone: '0478-54-1234',
    hours: { ja: '火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00', en: 'Tue–Fri 9:30–19:00\nSat, Sun, holidays 9:30–17:00' },
  };

  it('stores what librarians enter (weekdays in order), shows it in /info, audits it, and clears it with null or an empty string', async () => {
    const { code, body } = await newBranch(katori, { address: '  千葉県香取市佐原ロ2127  ', weeklyClosed: [1] });
    expect(body).toMatchObject({ address: '千葉県香取市佐原ロ2127', phone: null, hours: null, weeklyClosed: [1] });

    const res = expectStatus(await api(katori).patch(`/admin/branches/${code}`, { ...guide, weeklyClosed: [6, 1] }), 200);
    expect(res.body).toMatchObject({ ...guide, weeklyClosed: [1, 6] });
    expect(await adminBranch(katori, code)).toMatchObject({ ...guide, weeklyClosed: [1, 6] });
    expect(await infoBranch(katori, code)).toMatchObject({ ...guide, weeklyClosed: [1, 6] });

    const [row] = await t.ds.query(
      `SELECT actor_kind AS "actorKind", before, after FROM ${quotedTenantSchema(katori.slug)}.audit_log WHERE action = 'branch.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [code],
    );
    expect(row.actorKind).toBe('librarian');
    expect(row.before).toMatchObject({ address: '千葉県香取市佐原ロ2127', hours: null, weeklyClosed: [1] });
    expect(row.after).toMatchObject({ ...guide, weeklyClosed: [1, 6] });

    // Japanese only: English left out of the stored hours
    expect(expectStatus(await api(katori).patch(`/admin/branches/${code}`, { hours: { ja: '9:00〜17:00', en: '  ' } }), 200).body.hours).toEqual({ ja: '9:00〜17:00' });
    // typed with a Japanese keyboard: full-width digits, the IME's long dash and a full-width hyphen, stored half-width
    expect(expectStatus(await api(katori).patch(`/admin/branches/${code}`, { phone: '０４７８ー５４－１２３４' }), 200).body.phone).toBe('0478-54-1234');
    const cleared = expectStatus(await api(katori).patch(`/admin/branches/${code}`, { address: '', phone: null, hours: null, weeklyClosed: [] }), 200);
    expect(cleared.body).toMatchObject({ address: null, phone: null, hours: null, weeklyClosed: [] });
  });

  it.each([
    ['a telephone number with letters', { phone: '0478-54-ABCD' }, 'phone'],
    ['a weekday beyond Saturday', { weeklyClosed: [7] }, 'weeklyClosed'],
    ['the same weekday twice', { weeklyClosed: [1, 1] }, 'weeklyClosed'],
    ['weekdays that are not a list', { weeklyClosed: 1 }, 'weeklyClosed'],
    ['blank Japanese hours', { hours: { ja: '   ' } }, 'hours'],
    ['hours as a bare string', { hours: '9:00〜17:00' }, 'hours'],
    ['an address over 200 characters', { address: 'あ'.repeat(201) }, 'address'],
  ])('refuses %s with 400 VALIDATION and changes nothing', async (_what, body, path) => {
    const { code } = await newBranch(katori, { ...guide, weeklyClosed: [2] });
    const res = expectStatus(await api(katori).patch(`/admin/branches/${code}`, { address: '変更後の住所', ...body }), 400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body.errors as { path: string }[]).map((e) => e.path.split('.')[0])).toContain(path);
    expect(await adminBranch(katori, code)).toMatchObject({ ...guide, weeklyClosed: [2] });
  });

  it('moves a due date that falls on the lending branch’s weekly closing day to the next open day', async () => {
    const dueDay = day(14); // Katori lends books for 14 days
    const { code } = await newBranch(katori, { weeklyClosed: [weekdayOf(dueDay)] });
    const patron = await seedPatron(katori);
    const rec = await seedRecord(katori, { copies: [{ branchCode: code }] });
    const res = expectStatus(await api(katori).checkout(patron.cardNumber, rec.barcodes[0]), 201);
    expect(res.body.dueDate).toBe(day(15));

    // the same loan from a branch open that day keeps its 14 days
    const other = await newBranch(katori, { weeklyClosed: [weekdayOf(day(15))] });
    const rec2 = await seedRecord(katori, { copies: [{ branchCode: other.code }] });
    expect(expectStatus(await api(katori).checkout(patron.cardNumber, rec2.barcodes[0]), 201).body.dueDate).toBe(dueDay);
  });

  it('skips the pickup branch’s weekly closing day when counting a hold’s shelf week (Kitakyushu: closed days excluded)', async () => {
    const { code } = await newBranch(kitakyushu, { weeklyClosed: [weekdayOf(day(3))] });
    const rec = await seedRecord(kitakyushu, { copies: [{ branchCode: code }] });
    const borrower = await seedPatron(kitakyushu);
    expectStatus(await api(kitakyushu).checkout(borrower.cardNumber, rec.barcodes[0]), 201);
    const patron = await seedPatron(kitakyushu, { email: 'weekly@example.jp' });
    const [hold] = expectStatus(await api(kitakyushu).placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: `${code}-counter`, contact: 'email' }), 201).body;
    const res = expectStatus(await api(kitakyushu).checkin(rec.barcodes[0]), 200);
    // seven open days after today: day 1, 2, (3 closed every week), 4, 5, 6, 7, 8
    expect(res.body.trappedHold).toMatchObject({ holdId: hold.id, status: 'ready', lastDay: day(8) });
  });

  it('lists every closed day of each active branch: weekly days, the library’s own days with their reasons, and today', async () => {
    const from = day(1);
    const to = day(28);
    const monday = 1;
    const { code } = await newBranch(katori, { weeklyClosed: [monday] });
    const shut = await newBranch(katori, { weeklyClosed: [weekdayOf(today())] });
    const retired = await newBranch(katori);
    expectStatus(await api(katori).patch(`/admin/branches/${retired.code}`, { active: false }), 200);
    // one day for every branch, one for this branch only (on a Monday, so its reason wins)
    const allDay = [day(3), day(4), day(5)].find((d) => weekdayOf(d) !== monday)!;
    const mondayInRange = Array.from({ length: 28 }, (_, i) => day(i + 1)).find((d) => weekdayOf(d) === monday)!;
    expectStatus(await api(katori).post('/admin/closed-days', { date: allDay, reason: '特別整理期間' }), 201);
    expectStatus(await api(katori).post('/admin/closed-days', { date: mondayInRange, branchCode: code, reason: '蔵書点検' }), 201);

    const res = expectStatus(await calendar(katori, `?from=${from}&to=${to}`), 200);
    const body = res.body as CalendarAnswer;
    expect(body).toMatchObject({ from, to, today: today() });
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(res.headers.etag).toBeTruthy();

    const branch = body.branches.find((b) => b.code === code)!;
    const mondays = Array.from({ length: 28 }, (_, i) => day(i + 1)).filter((d) => weekdayOf(d) === monday);
    const expected = [
      ...mondays.map((date) => (date === mondayInRange ? { date, reason: '蔵書点検', weekly: false } : { date, reason: null, weekly: true })),
      { date: allDay, reason: '特別整理期間', weekly: false },
    ].sort((a, b) => a.date.localeCompare(b.date));
    expect(branch).toEqual({ code, name: `分館 ${code}`, nameEn: null, weeklyClosed: [monday], openToday: weekdayOf(today()) !== monday, closed: expected });

    // the branch closed on today's weekday says so, even though today is before `from`
    expect(body.branches.find((b) => b.code === shut.code)!.openToday).toBe(false);
    // a branch taken out of use is not in the patrons' calendar; the city's own are, in display order
    expect(body.branches.map((b) => b.code)).not.toContain(retired.code);
    expect(body.branches[0].code).toBe('sawara');
    // Koga's calendar knows nothing of Katori's branches or days
    const kogaBody = expectStatus(await calendar(koga, `?from=${from}&to=${to}`), 200).body as CalendarAnswer;
    expect(kogaBody.branches.map((b) => b.code)).not.toContain(code);
    expect(kogaBody.branches.flatMap((b) => b.closed).some((c) => c.reason === '特別整理期間' || c.reason === '蔵書点検')).toBe(false);
  });

  it('covers this month and the next by default', async () => {
    const body = expectStatus(await calendar(koga), 200).body as CalendarAnswer;
    const first = `${today().slice(0, 8)}01`;
    expect(body.from).toBe(first);
    const [y, m] = first.split('-').map(Number);
    const lastOfNextMonth = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
    expect(body.to).toBe(lastOfNextMonth);
    expect(addDays(body.to, 1).slice(8)).toBe('01');
    expect(body.branches.length).toBeGreaterThan(0);
    expect((await calendarOf(koga, '', body.branches[0].code))!.closed.every((c) => c.date >= body.from && c.date <= body.to)).toBe(true);
  });

  it.each([
    ['an end before the start', '?from=2026-12-10&to=2026-12-01', 'to'],
    ['more than 92 days', '?from=2026-01-01&to=2026-04-30', 'to'],
    ['a date that does not exist', '?from=2026-02-30', 'from'],
    ['a malformed date', '?to=2026-1-5', 'to'],
  ])('refuses %s with 400 VALIDATION', async (_what, query, path) => {
    const res = expectStatus(await calendar(katori, query), 400);
    expect(res.body.code).toBe('VALIDATION');
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it('answers 404 for a city that does not exist', async () => {
    expect((await t.http().get('/api/t/no-such-city/calendar')).status).toBe(404);
  });
});
