import { adminToken, createTestApp, TestApp } from './support/app';
import {
  addClosedDay,
  api,
  changePolicy,
  day,
  daysAgoAt10,
  expectStatus,
  Library,
  mails,
  seedPatron,
  seedRecord,
  setupLibrary,
  today,
} from './support/circulation-factories';

/**
 * The circulation desk on a real PostgreSQL through the HTTP app: check-out by each city's
 * rules, check-in, back-dated loans, limits, refusals, the overdue job; and two libraries
 * side by side, so every suite also shows tenant isolation.
 */
describe('circulation desk: check-out and check-in', () => {
  let t: TestApp;
  let admin: string;
  const libs: Record<string, Library> = {};
  /** The first branch of each preset (where seeded copies live). */
  const home: Record<string, string> = { katori: 'sawara', kushiro: 'central', kitakyushu: 'central', city003: 'central', koga: 'main' };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  /** How a patron or the desk might type each city's card number (the policy folds them). */
  const typed: Record<string, (card: string) => string> = {
    katori: (c) => c.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), // full-width digits
    kushiro: (c) => `A${c}`, // pre-2018 cards carry a leading A
    kitakyushu: (c) => ` ${c} `,
    city003: (c) => `${c.slice(0, 7)}-${c.slice(7)}`, // printed 0123456-7
    koga: (c) => `${c.slice(0, 3)}-${c.slice(3)}`,
  };

  it.each(['katori', 'kushiro', 'kitakyushu', 'city003', 'koga'])(
    '%s: lends with the card normalised by the policy, due in the loan period, recording the policy version',
    async (preset) => {
      const lib = libs[preset];
      const patron = await seedPatron(lib);
      const rec = await seedRecord(lib, { copies: [{ branchCode: home[preset] }] });
      const res = expectStatus(await api(lib).checkout(typed[preset](patron.cardNumber), rec.barcodes[0]), 201);
      expect(res.body).toMatchObject({
        itemBarcode: rec.barcodes[0],
        title: rec.title,
        patron: { id: patron.id, cardNumber: patron.cardNumber },
        loanDate: today(),
        dueDate: day(14),
        overdue: false,
        renewals: 0,
        branchCode: home[preset],
        materialType: 'book',
        policyVersion: 1,
      });
      const [row] = await t.ds.query(`SELECT policy_version, to_char(due_date,'YYYY-MM-DD') AS due FROM ${lib.schema}.loans WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ policy_version: 1, due: day(14) });
      const [item] = await t.ds.query(`SELECT status FROM ${lib.schema}.items WHERE barcode = $1`, [rec.barcodes[0]]);
      expect(item.status).toBe('on-loan');
    },
  );

  it('moves a due date that falls on a closed day to the next open day of the lending branch (Kitakyushu)', async () => {
    const lib = libs.kitakyushu;
    await addClosedDay(lib, day(14), 'central');
    await addClosedDay(lib, day(15)); // all branches
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    const res = expectStatus(await api(lib).checkout(patron.cardNumber, rec.barcodes[0]), 201);
    expect(res.body.dueDate).toBe(day(16));
  });

  it('limits loans by material type and by patron category; the most specific rule wins (Katori)', async () => {
    const lib = libs.katori;
    const version = await changePolicy(lib, (p) => {
      p.loans.rules = [
        { id: 'av', note: '', materialType: 'av', patronCategory: null, branchCode: null, periodDays: 7, maxItems: 1, maxRenewals: null, renewalPeriodDays: null },
        { id: 'child', note: '', materialType: null, patronCategory: 'child', branchCode: null, periodDays: null, maxItems: 2, maxRenewals: null, renewalPeriodDays: null },
        { id: 'child-av', note: '', materialType: 'av', patronCategory: 'child', branchCode: null, periodDays: 3, maxItems: null, maxRenewals: null, renewalPeriodDays: null },
      ];
    });
    const a = api(lib);
    const adult = await seedPatron(lib);
    const dvd1 = await seedRecord(lib, { materialType: 'av', copies: [{ branchCode: 'sawara' }] });
    const dvd2 = await seedRecord(lib, { copies: [{ branchCode: 'sawara', materialType: 'av' }] }); // the copy's own type counts
    const book = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    const first = expectStatus(await a.checkout(adult.cardNumber, dvd1.barcodes[0]), 201);
    expect(first.body).toMatchObject({ dueDate: day(7), materialType: 'av', policyVersion: version });
    const refused = expectStatus(await a.checkout(adult.cardNumber, dvd2.barcodes[0]), 422);
    expect(refused.body).toMatchObject({ code: 'LOAN_LIMIT', limit: 1 });
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    // books are not limited by the AV rule
    expect(expectStatus(await a.checkout(adult.cardNumber, book.barcodes[0]), 201).body.dueDate).toBe(day(14));

    const child = await seedPatron(lib, { category: 'child' });
    const books = await Promise.all([1, 2, 3].map(() => seedRecord(lib, { copies: [{ branchCode: 'sawara' }] })));
    expectStatus(await a.checkout(child.cardNumber, books[0].barcodes[0]), 201);
    expectStatus(await a.checkout(child.cardNumber, books[1].barcodes[0]), 201);
    expect(expectStatus(await a.checkout(child.cardNumber, books[2].barcodes[0]), 422).body).toMatchObject({ code: 'LOAN_LIMIT', limit: 2 });
    // a child borrowing a DVD: the rule naming both (3 days) beats the AV rule (7 days)
    const child2 = await seedPatron(lib, { category: 'child' });
    const dvd3 = await seedRecord(lib, { materialType: 'av', copies: [{ branchCode: 'sawara' }] });
    expect(expectStatus(await a.checkout(child2.cardNumber, dvd3.barcodes[0]), 201).body.dueDate).toBe(day(3));
    // nothing half-written: the refused copy is still on the shelf
    const [item] = await t.ds.query(`SELECT status FROM ${lib.schema}.items WHERE barcode = $1`, [books[2].barcodes[0]]);
    expect(item.status).toBe('on-shelf');
  });

  it('refuses with clear codes: card format, unknown card, blocked patron, not for loan, on loan, unknown copy; serves an expired card with a warning', async () => {
    const c3 = api(libs.city003);
    const patron = await seedPatron(libs.city003);
    const rec = await seedRecord(libs.city003, { copies: [{ branchCode: 'central' }] });
    // city003's check digit: change the last digit and the card is refused before any lookup
    const badCard = patron.cardNumber.slice(0, 7) + String((Number(patron.cardNumber[7]) + 1) % 10);
    expect(expectStatus(await c3.checkout(badCard, rec.barcodes[0]), 422).body).toMatchObject({ code: 'CARD_FORMAT', reason: 'CARD_CHECK_DIGIT' });

    const lib = libs.kushiro;
    const a = api(lib);
    const book = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    const reference = await seedRecord(lib, { copies: [{ branchCode: 'central', loanable: false }] });
    expect(expectStatus(await a.checkout('99999999', book.barcodes[0]), 404).body.code).toBe('CARD_NOT_FOUND');
    const blocked = await seedPatron(lib, { status: 'blocked' });
    expect(expectStatus(await a.checkout(blocked.cardNumber, book.barcodes[0]), 403).body.code).toBe('PATRON_BLOCKED');
    // an expired card is served at the counter, where cards are renewed, and the desk is told;
    // Kushiro refuses it on the web and at the self-check machine (selfcheck-sip2.e2e-spec.ts)
    const expired = await seedPatron(lib, { expiresAt: day(-1) });
    const spare = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    expect(expectStatus(await a.checkout(expired.cardNumber, spare.barcodes[0]), 201).body.cardExpired).toBe(true);
    const valid = await seedPatron(lib, { expiresAt: today() }); // valid through its expiry date
    expect(expectStatus(await a.checkout(valid.cardNumber, reference.barcodes[0]), 422).body.code).toBe('NOT_LOANABLE');
    expect(expectStatus(await a.checkout(valid.cardNumber, book.barcodes[0]), 201).body.cardExpired).toBeUndefined();
    const other = await seedPatron(lib);
    expect(expectStatus(await a.checkout(other.cardNumber, book.barcodes[0]), 409).body.code).toBe('ITEM_ON_LOAN');
    expect(expectStatus(await a.checkout(other.cardNumber, 'NO-SUCH-BARCODE'), 404).body.code).toBe('ITEM_NOT_FOUND');
    const missing = await seedRecord(lib, { copies: [{ branchCode: 'central', status: 'missing' }] });
    expect(expectStatus(await a.checkout(other.cardNumber, missing.barcodes[0]), 409).body.code).toBe('ITEM_NOT_AVAILABLE');
    expect(expectStatus(await a.checkout(other.cardNumber, book.barcodes[0], { branchCode: 'atlantis' }), 409).body.code).toBe('ITEM_ON_LOAN');
    const free = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    expect(expectStatus(await a.checkout(other.cardNumber, free.barcodes[0], { branchCode: 'atlantis' }), 422).body.code).toBe('UNKNOWN_BRANCH');
    expect(expectStatus(await a.checkout('', free.barcodes[0]), 400).body.code).toBe('VALIDATION');
  });

  it('records a back-dated loan (a bookmobile’s offline loans uploaded later); the future is refused', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'bm' }, { branchCode: 'bm' }, { branchCode: 'bm' }] });
    const res = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0], { at: daysAgoAt10(10) }), 201);
    expect(res.body).toMatchObject({ loanDate: day(-10), dueDate: day(4), branchCode: 'bm' });
    expect(new Date(res.body.loanedAt).toISOString()).toBe(new Date(daysAgoAt10(10)).toISOString());
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[1], { at: future }), 422).body.code).toBe('AT_IN_FUTURE');
    // a time without a zone is ambiguous: refused as a field error
    const noZone = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[1], { at: `${day(-1)}T10:00:00` }), 400);
    expect(noZone.body.errors[0].path).toBe('at');
    // a loan back-dated 20 days is overdue at once
    const late = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[2], { at: daysAgoAt10(20) }), 201);
    expect(late.body).toMatchObject({ dueDate: day(-6), overdue: true });
  });

  it('checks in: closes the loan (overdue shown), shelves the copy, and a second check-in finds no loan', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0], { at: daysAgoAt10(20) }), 201).body;
    const mine = expectStatus(await a.myLoans(patron.token), 200).body;
    expect(mine).toEqual([expect.objectContaining({ id: loan.id, overdue: true, dueDate: day(-6) })]);

    const res = expectStatus(await a.checkin(rec.barcodes[0], { branchCode: 'omigawa' }), 200);
    expect(res.body.loan).toMatchObject({ id: loan.id, overdue: true, returnBranchCode: 'omigawa', patron: { cardNumber: patron.cardNumber } });
    expect(res.body.trappedHold).toBeUndefined();
    expect(res.body.item).toEqual({ barcode: rec.barcodes[0], status: 'on-shelf', branchCode: 'sawara' });
    expect(expectStatus(await a.myLoans(patron.token), 200).body).toEqual([]);
    const again = expectStatus(await a.checkin(rec.barcodes[0]), 200);
    expect(again.body.loan).toBeUndefined();
    expect(again.body.notice.code).toBe('ALREADY_CHECKED_IN');
    expect(expectStatus(await a.checkin('NO-SUCH'), 404).body.code).toBe('ITEM_NOT_FOUND');
  });

  it('answers a second scan of the same copy with ALREADY_CHECKED_IN, one after the other or both at once, two holds waiting', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const alreadyIn = { code: 'ALREADY_CHECKED_IN', message: { ja: expect.stringContaining('返却処理済み'), en: expect.stringContaining('already checked in') } };
    const lent = async () => {
      const rec = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
      expectStatus(await a.checkout((await seedPatron(lib)).cardNumber, rec.barcodes[0]), 201);
      const holds = [];
      for (let i = 0; i < 2; i++) {
        holds.push(expectStatus(await a.placeHolds((await seedPatron(lib)).token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'email' }), 201).body[0]);
      }
      return { barcode: rec.barcodes[0], holds };
    };
    const holdStatuses = async (ids: string[]) =>
      (await t.ds.query(`SELECT id, status FROM ${lib.schema}.holds WHERE id = ANY($1) ORDER BY queue_seq`, [ids])).map((h: { status: string }) => h.status);

    // one after the other: the second scan says so, and shows the first hold's slip again
    const one = await lent();
    const first = expectStatus(await a.checkin(one.barcode), 200).body;
    expect(first.loan).toBeDefined();
    expect(first.notice).toBeUndefined();
    expect(first.trappedHold).toMatchObject({ holdId: one.holds[0].id, status: 'ready' });
    const second = expectStatus(await a.checkin(one.barcode), 200).body;
    expect(second).toMatchObject({ notice: alreadyIn, trappedHold: { holdId: one.holds[0].id, status: 'ready' } });
    expect(second.loan).toBeUndefined();
    expect(await holdStatuses(one.holds.map((h: { id: string }) => h.id))).toEqual(['ready', 'waiting']);

    // both at once (a double scan, or two desks): one closes the loan, the other waits for it and says already checked in
    for (let round = 0; round < 20; round++) {
      const copy = await lent();
      const both = await Promise.all([a.checkin(copy.barcode), a.checkin(copy.barcode)]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      const closing = both.filter((r) => r.body.loan);
      expect(closing).toHaveLength(1);
      expect(both.filter((r) => r.body.notice?.code === 'ALREADY_CHECKED_IN')).toHaveLength(1);
      for (const r of both) expect(r.body.trappedHold).toMatchObject({ holdId: copy.holds[0].id, status: 'ready' });
      expect(await holdStatuses(copy.holds.map((h: { id: string }) => h.id))).toEqual(['ready', 'waiting']);
      const [{ open, closed }] = await t.ds.query(
        `SELECT count(*) FILTER (WHERE l.returned_at IS NULL)::int AS open, count(*) FILTER (WHERE l.returned_at IS NOT NULL)::int AS closed
           FROM ${lib.schema}.loans l JOIN ${lib.schema}.items i ON i.id = l.item_id WHERE i.barcode = $1`,
        [copy.barcode],
      );
      expect({ open, closed }).toEqual({ open: 0, closed: 1 });
    }
  });

  it('back-dates a return (book drop emptied next morning), never before the loan', async () => {
    const lib = libs.city003;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0], { at: daysAgoAt10(16) }), 201); // due yesterday - 1
    expect(expectStatus(await a.checkin(rec.barcodes[0], { at: daysAgoAt10(17) }), 422).body.code).toBe('AT_BEFORE_LOAN');
    const res = expectStatus(await a.checkin(rec.barcodes[0], { at: daysAgoAt10(2) }), 200);
    expect(res.body.loan).toMatchObject({ dueDate: day(-2), overdue: false });
    expect(new Date(res.body.loan.returnedAt).toISOString()).toBe(new Date(daysAgoAt10(2)).toISOString());
  });

  it('shows the desk a patron’s loans, renewable at the counter', async () => {
    const lib = libs.city003;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201);
    const res = expectStatus(await a.get(`/admin/patrons/${patron.id}/loans`), 200);
    expect(res.body).toEqual([expect.objectContaining({ itemBarcode: rec.barcodes[0], hasHolds: false, renewable: { ok: true, newDueDate: day(28) } })]);
    expect(expectStatus(await a.get(`/admin/patrons/not-a-uuid/loans`), 404).body.code).toBe('NOT_FOUND');
    // patrons cannot reach the desk
    expect(expectStatus(await a.post('/desk/checkouts', { cardNumber: patron.cardNumber, itemBarcode: rec.barcodes[0] }, patron.token), 403).body.code).toBe(
      'FORBIDDEN',
    );
  });

  it('marks overdue loans once a day and only marks them: the overdue mail is the notices job’s (job run by a librarian)', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const patron = await seedPatron(lib, { email: 'late@example.jp' });
    const recs = await Promise.all([1, 2].map(() => seedRecord(lib, { copies: [{ branchCode: 'main' }] })));
    for (const r of recs) expectStatus(await a.checkout(patron.cardNumber, r.barcodes[0], { at: daysAgoAt10(30) }), 201);
    const onTime = await seedRecord(lib, { copies: [{ branchCode: 'main' }] });
    expectStatus(await a.checkout(patron.cardNumber, onTime.barcodes[0]), 201);
    const run = expectStatus(await a.post('/admin/jobs/mark-overdue/run'), 200);
    expect(run.body).toEqual({ job: 'mark-overdue', result: { marked: 2 } });
    const rows = await t.ds.query(
      `SELECT to_char(overdue_since,'YYYY-MM-DD') AS s, overdue_notified_at AS n FROM ${lib.schema}.loans WHERE patron_id = $1 ORDER BY due_date, id`,
      [patron.id],
    );
    expect(rows).toEqual([
      { s: day(-15), n: null },
      { s: day(-15), n: null },
      { s: null, n: null }, // due in 14 days
    ]);
    // marking sends nothing and leaves the loans to the notices job (notices-jobs.e2e-spec.ts)
    expect(await mails(lib, 'overdue', patron.id)).toEqual([]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${lib.schema}.outbox WHERE patron_id = $1`, [patron.id]);
    expect(n).toBe(0);
    // the desk shows them overdue
    const loans = expectStatus(await a.get(`/admin/patrons/${patron.id}/loans`), 200).body as { overdue: boolean }[];
    expect(loans.map((l) => l.overdue).sort()).toEqual([false, true, true]);
    // idempotent
    expect(expectStatus(await a.post('/admin/jobs/mark-overdue/run'), 200).body.result).toEqual({ marked: 0 });
    const audit = await t.ds.query(`SELECT action, after FROM ${lib.schema}.audit_log WHERE entity_id = 'mark-overdue' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'job.run', after: { marked: 2 } },
      { action: 'job.run', after: { marked: 0 } },
    ]);
    expect(expectStatus(await a.post('/admin/jobs/no-such-job/run'), 404).body.code).toBe('JOB_NOT_FOUND');
  });

  it('audits every desk write', async () => {
    const lib = libs.kitakyushu;
    const a = api(lib);
    const patron = await seedPatron(lib);
    const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
    const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201).body;
    expectStatus(await a.checkin(rec.barcodes[0]), 200);
    const rows = await t.ds.query(`SELECT action, actor_kind FROM ${lib.schema}.audit_log WHERE entity_id IN ($1, (SELECT id::text FROM ${lib.schema}.items WHERE barcode = $2)) ORDER BY id`, [
      loan.id,
      rec.barcodes[0],
    ]);
    expect(rows).toEqual([
      { action: 'loan.checkout', actor_kind: 'librarian' },
      { action: 'loan.checkin', actor_kind: 'librarian' },
    ]);
  });

  it('keeps libraries apart: another library’s card, copy and patron session mean nothing here', async () => {
    const katori = api(libs.katori);
    const koga = libs.koga;
    const kogaPatron = await seedPatron(koga);
    const kogaBook = await seedRecord(koga, { copies: [{ branchCode: 'main' }] });
    const katoriPatron = await seedPatron(libs.katori);
    // Koga's copy is unknown in Katori, Koga's card too (and not even a Katori card format)
    expect(expectStatus(await katori.checkout(katoriPatron.cardNumber, kogaBook.barcodes[0]), 404).body.code).toBe('ITEM_NOT_FOUND');
    const katoriBook = await seedRecord(libs.katori, { copies: [{ branchCode: 'sawara' }] });
    expect([404, 422]).toContain((await katori.checkout(kogaPatron.cardNumber, katoriBook.barcodes[0])).status);
    // a Koga patron session is not a Katori session
    expect(expectStatus(await katori.myLoans(kogaPatron.token), 401).body.code).toBe('UNAUTHENTICATED');
    // Katori's librarian cannot work Koga's desk
    const res = await t.http().post(`/api/t/${koga.slug}/desk/checkouts`).set('Authorization', `Bearer ${libs.katori.staff}`).send({ cardNumber: kogaPatron.cardNumber, itemBarcode: kogaBook.barcodes[0] });
    expect(res.status).toBe(403);
  });
});

describe('circulation jobs: scheduled only where the instance runs jobs', () => {
  it('registers the daily expiry, overdue-marking and overdue-notice crons with JOBS=1, none with JOBS=0', async () => {
    const { SchedulerRegistry } = await import('@nestjs/schedule');
    const withJobs = await createTestApp({ JOBS: '1' });
    try {
      const registry = withJobs.app.get(SchedulerRegistry);
      const names = [...registry.getCronJobs().keys()];
      for (const n of names) registry.getCronJob(n).stop(); // registered is enough; never tick inside a test
      // the overdue mail's only producer is scheduled wherever the marking is
      expect(names).toEqual(expect.arrayContaining(['holds.expire-holds', 'circulation.mark-overdue', 'notices.overdue-notices']));
    } finally {
      await withJobs.close();
    }
    const without = await createTestApp({ JOBS: '0' });
    try {
      const names = [...without.app.get(SchedulerRegistry).getCronJobs().keys()];
      expect(names).not.toContain('holds.expire-holds');
      expect(names).not.toContain('circulation.mark-overdue');
      expect(names).not.toContain('notices.overdue-notices');
    } finally {
      await without.close();
    }
  });
});

describe('circulation: prepared desk statements never cross tenants', () => {
  it('one pooled connection serving two libraries alternately: each request sees only its own copies', async () => {
    // two connections (a request also reads its session outside its transaction): requests
    // of both tenants, one after the other, run on the same pooled connections
    const t = await createTestApp({ DB_POOL_SIZE: '2' });
    try {
      const admin = await adminToken(t);
      const a = await setupLibrary(t, admin, 'katori');
      const b = await setupLibrary(t, admin, 'kitakyushu');
      const barcode = `SAME-${Date.now()}`;
      for (const [lib, branch, title] of [[a, 'sawara', '香取の本'], [b, 'central', '北九州の本']] as const) {
        const [{ id }] = await t.ds.query(`INSERT INTO ${lib.schema}.records (title) VALUES ($1) RETURNING id`, [title]);
        await t.ds.query(`INSERT INTO ${lib.schema}.items (record_id, barcode, branch_code) VALUES ($1,$2,$3)`, [id, barcode, branch]);
      }
      const pa = await seedPatron(a);
      const pb = await seedPatron(b);
      for (let round = 0; round < 3; round++) {
        const outA = expectStatus(await api(a).checkout(pa.cardNumber, barcode), 201);
        const outB = expectStatus(await api(b).checkout(pb.cardNumber, barcode), 201);
        expect([outA.body.title, outB.body.title]).toEqual(['香取の本', '北九州の本']);
        expect(outB.body.patron.id).toBe(pb.id);
        const inB = expectStatus(await api(b).checkin(barcode), 200);
        const inA = expectStatus(await api(a).checkin(barcode), 200);
        expect([inA.body.loan.title, inB.body.loan.title]).toEqual(['香取の本', '北九州の本']);
      }
      const [{ n: loansA }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${a.schema}.loans WHERE patron_id = $1`, [pa.id]);
      const [{ n: loansB }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${b.schema}.loans WHERE patron_id = $1`, [pb.id]);
      expect([loansA, loansB]).toEqual([3, 3]);

      // the PostgreSQL behaviour this relies on: a statement prepared under one search_path is
      // planned again when run under another (one connection, two tenant schemas)
      const qr = t.ds.createQueryRunner();
      await qr.connect();
      try {
        const pgClient = (qr as unknown as { databaseConnection: { query: (q: object) => Promise<{ rows: { title: string }[] }> } }).databaseConnection;
        const stmt = { name: 'test_search_path_replan', text: 'SELECT r.title FROM items i JOIN records r ON r.id = i.record_id WHERE i.barcode = $1', values: [barcode] };
        const titles: string[] = [];
        for (const lib of [a, b, a]) {
          await qr.query(`SET search_path TO ${lib.schema}, platform`);
          titles.push((await pgClient.query(stmt)).rows[0].title);
        }
        expect(titles).toEqual(['香取の本', '北九州の本', '香取の本']);
      } finally {
        await qr.query('RESET search_path');
        await qr.release();
      }
    } finally {
      await t.close();
    }
  });
});
