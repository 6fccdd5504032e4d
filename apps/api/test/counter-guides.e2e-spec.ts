import { adminToken, createTestApp, PUBLIC_URL, TestApp } from './support/app';
import { insertRecord } from './support/notices-factories';
import { api, bearer, day, expectStatus, Library, mails, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * The guides' rules where the counter and the web meet (issue #21), per city, each suite
 * with two cities so a rule of one is seen not to leak into the other.
 */
describe('counter and guides: the rules as each city’s guide words them', () => {
  let t: TestApp;
  const libs: Record<string, Library> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    for (const preset of ['koga', 'kushiro', 'kitakyushu', 'katori']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  describe('koga: web holds on items not on the shelf (貸出中 and its kin)', () => {
    it('the only copy on the hold shelf for someone else can be reserved, and the record page says so', async () => {
      const lib = libs.koga;
      const a = api(lib);
      const rec = await seedRecord(lib, { title: '取置中の本', copies: [{ branchCode: 'main' }] });
      const page = async () => expectStatus(await t.http().get(`/api/t/${lib.slug}/records/${rec.id}`), 200).body;
      expect((await page()).reservable).toMatchObject({ ok: false, reason: 'ON_SHELF' });

      const borrower = await seedPatron(lib);
      const first = await seedPatron(lib);
      expectStatus(await a.checkout(borrower.cardNumber, rec.barcodes[0]), 201);
      expectStatus(await a.placeHolds(first.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201);
      const back = expectStatus(await a.checkin(rec.barcodes[0]), 200);
      expect(back.body.trappedHold).toMatchObject({ status: 'ready' });

      // on the hold shelf for the first patron: not on the shelf for anyone else
      expect((await page()).reservable).toEqual({ ok: true });
      const second = await seedPatron(lib);
      const placed = expectStatus(await a.placeHolds(second.token, { recordIds: [rec.id], pickupPointCode: 'main-counter', contact: 'email' }), 201);
      expect(placed.body).toEqual([expect.objectContaining({ recordId: rec.id, status: 'waiting' })]);
    });

    it('a copy in transit for someone else can be reserved; a copy on the shelf still cannot', async () => {
      const lib = libs.koga;
      const a = api(lib);
      const moving = await seedRecord(lib, { title: '回送中の本', copies: [{ branchCode: 'main', status: 'in-transit' }] });
      const onShelf = await seedRecord(lib, { title: '書架の本', copies: [{ branchCode: 'main' }, { branchCode: 'main', status: 'on-loan' }] });
      const patron = await seedPatron(lib);
      expectStatus(await a.placeHolds(patron.token, { recordIds: [moving.id], pickupPointCode: 'main-counter', contact: 'email' }), 201);
      const refused = expectStatus(await a.placeHolds(patron.token, { recordIds: [onShelf.id], pickupPointCode: 'main-counter', contact: 'email' }), 422);
      expect(refused.body).toMatchObject({ code: 'NOT_RESERVABLE', reason: 'ON_SHELF' });
    });

    it('kushiro takes holds on any loanable copy, on the shelf too', async () => {
      const lib = libs.kushiro;
      const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
      const patron = await seedPatron(lib);
      expectStatus(await api(lib).placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'central-counter', contact: 'none' }), 201);
    });
  });

  describe('kitakyushu: renewal from the day of renewal', () => {
    it('on the day of the loan a renewal would move nothing: refused (まだ延長できません), the one renewal kept, online and at the desk', async () => {
      const lib = libs.kitakyushu;
      const a = api(lib);
      const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
      const patron = await seedPatron(lib);
      const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201).body;
      expect(loan.dueDate).toBe(day(14));
      expect(expectStatus(await a.myLoans(patron.token), 200).body[0].renewable).toMatchObject({ ok: false, code: 'RENEWAL_NO_GAIN' });
      const refused = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 409);
      expect(refused.body).toMatchObject({ code: 'RENEWAL_NO_GAIN' });
      expect(refused.body.detail ?? refused.body.title).toBeTruthy();
      expect(expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 409).body.code).toBe('RENEWAL_NO_GAIN');
      const [row] = await t.ds.query(`SELECT renewals FROM ${lib.schema}.loans WHERE id = $1`, [loan.id]);
      expect(row.renewals).toBe(0);
    });

    it('kushiro counts from the due date, so a renewal on the day of the loan still adds two weeks', async () => {
      const lib = libs.kushiro;
      const a = api(lib);
      const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
      const patron = await seedPatron(lib);
      const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201).body;
      const renewed = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 200);
      expect(renewed.body.renewals).toBe(1);
      expect(renewed.body.dueDate > loan.dueDate).toBe(true);
    });
  });

  describe('ready mails carry the OPAC link (from configuration)', () => {
    it.each([
      ['kitakyushu', 'central', 'central-counter'],
      ['kushiro', 'central', 'central-counter'],
    ] as const)('%s: the ready notice links to the patron’s hold list in the city’s OPAC', async (preset, branch, pickup) => {
      const lib = libs[preset];
      const a = api(lib);
      const rec = await seedRecord(lib, { copies: [{ branchCode: branch }] });
      const borrower = await seedPatron(lib);
      const patron = await seedPatron(lib, { email: `${preset}.ready@example.jp` });
      expectStatus(await a.checkout(borrower.cardNumber, rec.barcodes[0]), 201);
      expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: pickup, contact: 'email' }), 201);
      expectStatus(await a.checkin(rec.barcodes[0]), 200);
      const [ready] = await mails(lib, 'hold-ready', patron.id);
      expect(ready.body).toContain(`${PUBLIC_URL}/opac/${lib.slug}/my/holds`);
    });
  });

  describe('katori: My page 新着お知らせ N 点 counts new arrivals', () => {
    it('counts the records that arrived within the new-arrival window and match a saved condition, not the conditions', async () => {
      const lib = libs.katori;
      const patron = await seedPatron(lib, { email: 'katori.alerts@example.jp' });
      const auth = bearer(patron.token);
      await t.http().post(`/api/t/${lib.slug}/me/alerts`).set(auth).send({ name: '漱石', query: { author: '夏目漱石' } }).expect(201);
      await t.http().post(`/api/t/${lib.slug}/me/alerts`).set(auth).send({ name: '猫', query: { q: '猫' } }).expect(201);
      await insertRecord(t, lib.slug, { title: 'こころ', authors: [{ name: '夏目漱石' }] });
      await insertRecord(t, lib.slug, { title: '吾輩は猫である', authors: [{ name: '夏目漱石' }] }); // both conditions: counted once
      await insertRecord(t, lib.slug, { title: '三四郎', authors: [{ name: '夏目漱石' }], createdAgo: '40 days' }); // before the 30 days
      await insertRecord(t, lib.slug, { title: '銀河鉄道の夜', authors: [{ name: '宮沢賢治' }] });
      const me = expectStatus(await api(lib).get('/me', patron.token), 200).body;
      expect(me.counts).toMatchObject({ alerts: 2, savedAlerts: 2 });

      // Kushiro's patron with the same condition sees Kushiro's catalogue only
      const other = await seedPatron(libs.kushiro, { email: 'kushiro.alerts@example.jp' });
      await t.http().post(`/api/t/${libs.kushiro.slug}/me/alerts`).set(bearer(other.token)).send({ name: '漱石', query: { author: '夏目漱石' } }).expect(201);
      expect(expectStatus(await api(libs.kushiro).get('/me', other.token), 200).body.counts.alerts).toBe(0);
    });
  });

  describe('the desk: an item scanned again for the patron who has it', () => {
    it.each(['kushiro', 'koga'] as const)('%s: says the patron has it (ITEM_ON_LOAN_TO_PATRON) so the desk can renew; another patron is still told to check it in', async (preset) => {
      const lib = libs[preset];
      const a = api(lib);
      const branch = preset === 'koga' ? 'main' : 'central';
      const rec = await seedRecord(lib, { copies: [{ branchCode: branch }] });
      const patron = await seedPatron(lib);
      const loan = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 201).body;
      const again = expectStatus(await a.checkout(patron.cardNumber, rec.barcodes[0]), 409);
      expect(again.body).toMatchObject({ code: 'ITEM_ON_LOAN_TO_PATRON', loanId: loan.id, dueDate: loan.dueDate, itemBarcode: rec.barcodes[0] });
      expect(again.body.message.ja).toContain('延長');
      const other = await seedPatron(lib);
      expect(expectStatus(await a.checkout(other.cardNumber, rec.barcodes[0]), 409).body.code).toBe('ITEM_ON_LOAN');
      // the offered renewal is the counter's, by the city's rules
      const renewed = expectStatus(await a.post('/desk/renewals', { itemBarcode: rec.barcodes[0] }), 200);
      expect(renewed.body).toMatchObject({ id: loan.id, renewals: 1 });
      // the audit log can say which book, in words: the title and the barcode
      for (const action of ['loan.checkout', 'loan.renew']) {
        const [entry] = expectStatus(await a.get(`/admin/audit?action=${action}&entityId=${loan.id}`), 200).body.items;
        expect(entry.after).toMatchObject({ title: rec.title, itemBarcode: rec.barcodes[0] });
      }
    });
  });

  describe('words for librarians: the sign-in offers libraries by name', () => {
    it('lists every active library’s name and code without signing in, and nothing else', async () => {
      const res = expectStatus(await t.http().get('/api/platform/libraries'), 200);
      const codes = res.body.map((l: { code: string }) => l.code);
      for (const lib of [libs.koga, libs.kushiro]) expect(codes).toContain(lib.slug);
      for (const l of res.body) expect(Object.keys(l).sort()).toEqual(['code', 'name']);
    });
  });

  describe('kushiro: the hold locker room (予約取置室) shelf', () => {
    it('gives each copy trapped to the locker room the lowest free shelf, in the ready mail and on My page; the counter has none', async () => {
      const lib = libs.kushiro;
      const a = api(lib);
      const borrower = await seedPatron(lib);
      const trap = async (pickup: string, email: string) => {
        const rec = await seedRecord(lib, { copies: [{ branchCode: 'central' }] });
        const patron = await seedPatron(lib, { email });
        expectStatus(await a.checkout(borrower.cardNumber, rec.barcodes[0]), 201);
        expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: pickup, contact: 'email' }), 201);
        const back = expectStatus(await a.checkin(rec.barcodes[0], { branchCode: 'central' }), 200).body;
        return { rec, patron, trapped: back.trappedHold };
      };
      const first = await trap('central-locker', 'locker1@example.jp');
      const second = await trap('central-locker', 'locker2@example.jp');
      const counter = await trap('central-counter', 'counter@example.jp');
      expect(first.trapped).toMatchObject({ status: 'ready', shelfNumber: 1 });
      expect(second.trapped).toMatchObject({ status: 'ready', shelfNumber: 2 });
      expect(counter.trapped.shelfNumber).toBeUndefined();

      const [mail] = await mails(lib, 'hold-ready', second.patron.id);
      expect(mail.body).toContain('（棚番号 2）');
      expect((await mails(lib, 'hold-ready', counter.patron.id))[0].body).not.toContain('棚番号');
      const [mine] = expectStatus(await a.myHolds(second.patron.token), 200).body;
      expect(mine).toMatchObject({ status: 'ready', shelfNumber: 2 });

      // the first patron collects: shelf 1 is free for the next copy
      expectStatus(await a.checkout(first.patron.cardNumber, first.rec.barcodes[0]), 201);
      const third = await trap('central-locker', 'locker3@example.jp');
      expect(third.trapped).toMatchObject({ shelfNumber: 1 });
    });
  });
});
