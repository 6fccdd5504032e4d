import { tenantManager } from '@shiori/tenancy';
import { adminToken, createTestApp, TestApp } from './support/app';
import { inTenant } from './support/catalog-factories';
import { api, changePolicy, day, expectStatus, Library, seedPatron, seedRecord, setupLibrary } from './support/circulation-factories';
import { patronLogin } from './support/patrons';
import { ALL, createMachine, holdContact, HOME, sipDay, startSip2, withPin } from './support/selfcheck';
import { SipTestClient } from './support/sip2-client';

/**
 * Self-check machines over SIP2, end to end: a real TCP connection to the server the API
 * process runs, spoken by a client written from the protocol (support/sip2-client.ts), and
 * every decision checked against what the desk and the OPAC say over HTTP.
 */
describe('self-check machines (SIP2): sessions by each city’s rules', () => {
  let t: TestApp;
  let admin: string;
  let port: number;
  const libs: Record<string, Library> = {};
  const clients: SipTestClient[] = [];
  const connect = async (opts: Parameters<typeof SipTestClient.connect>[1] = {}) => {
    const c = await SipTestClient.connect(port, opts);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp({ SIP2_PORT: '0', SIP2_HOST: '127.0.0.1' });
    port = await startSip2(t);
    admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  /** A pickup point at another library of the city where there is one (the copy then travels), else at home. */
  async function pickupFor(lib: Library): Promise<{ code: string; branch: string }> {
    const points: { code: string; branch: string; kind: string }[] = await inTenant(t, lib.slug, () =>
      tenantManager().query(`SELECT code, branch_code AS branch, kind FROM pickup_points WHERE active AND kind = 'counter' ORDER BY sort, code`),
    );
    return points.find((p) => p.branch !== HOME[lib.preset]) ?? points[0];
  }

  /** The city's reason for refusing a renewal at the machine: the patron's own rules (as on the web). */
  const renewalRefusal: Record<string, string> = {
    katori: 'ITEM_HAS_HOLDS',
    kushiro: 'ITEM_HAS_HOLDS',
    kitakyushu: 'ITEM_HAS_HOLDS',
    city003: 'NOT_RENEWABLE_ONLINE', // 003:145-147: renewals at the counter only
    koga: 'ITEM_HAS_HOLDS',
  };

  it.each(['katori', 'kushiro', 'kitakyushu', 'city003', 'koga'])(
    '%s: login, status, patron information with the PIN, checkout of a Japanese title, a renewal refused by the city’s rule, a checkin that traps a hold',
    async (preset) => {
      const lib = libs[preset];
      const a = api(lib);
      const machine = await createMachine(lib, { name: '本館 自動貸出機1' });
      const patron = await seedPatron(lib, { name: '夏目 花子' });
      const { pin } = await withPin(lib, patron);
      const holder = await seedPatron(lib, { name: '森 太郎' });
      const book = await seedRecord(lib, { title: '吾輩は猫である', copies: [{ branchCode: HOME[preset] }] });
      const barcode = book.barcodes[0];

      const sc = await connect();
      expect((await sc.login(machine.login, machine.password, lib.slug)).raw).toMatch(/^941AY\dAZ[0-9A-F]{4}$/);

      const status = await sc.scStatus();
      expect(status.code).toBe('98');
      expect(status.fixed.slice(0, 6)).toBe('YYYYNN'); // on line, checkin, checkout, renewals; no status update, no offline
      expect(status.fixed.slice(12, 30)).toMatch(/^\d{8} {4}\d{6}$/);
      expect(status.fixed.slice(30)).toBe('2.00');
      expect(status.get('BX')).toBe('YYYNYYYYYNYNNNYN'); // patron status, checkout, checkin, status, resend, login, info, end, item info, renew
      expect(status.get('AO')).toBe(lib.slug);
      expect(status.get('AM')).toBe(`テスト市立図書館 ${lib.slug}`);

      const info = await sc.patronInformation(patron.cardNumber, { pin });
      expect(info.code).toBe('64');
      expect(info.fixed.slice(0, 14)).toBe(' '.repeat(14));
      expect(info.fixed.slice(14, 17)).toBe('014'); // answered in Japanese
      expect(info.fixed.slice(35)).toBe('000000000000000000000000'); // no holds, overdues, loans, fines, recalls, holds waiting
      expect([info.get('AA'), info.get('AE'), info.get('BL'), info.get('CQ')]).toEqual([patron.cardNumber, '夏目 花子', 'Y', 'Y']);
      expect((await sc.patronInformation(patron.cardNumber, { pin: 'not-the-pin' })).get('CQ')).toBe('N');

      // the loan is the desk's: the same due date the patron then sees on the web
      const out = await sc.checkout(patron.cardNumber, barcode);
      expect(out.code).toBe('12');
      expect(out.fixed.slice(0, 4)).toBe('1NUY'); // ok, not a renewal, magnetic media unknown, desensitize
      const [loan] = expectStatus(await a.myLoans(patron.token), 200).body;
      expect(loan).toMatchObject({ itemBarcode: barcode, title: '吾輩は猫である', branchCode: HOME[preset] });
      expect([out.get('AA'), out.get('AB'), out.get('AJ'), out.get('AH')]).toEqual([patron.cardNumber, barcode, '吾輩は猫である', sipDay(loan.dueDate)]);
      expect(out.get('AF')).toContain('「吾輩は猫である」を貸し出しました。');
      const [audit] = expectStatus(await a.get(`/admin/audit?action=loan.checkout&entity=loan&entityId=${loan.id}`), 200).body.items;
      expect(audit).toMatchObject({ actorKind: 'self-check', actorId: machine.id, actorName: '本館 自動貸出機1' });

      const charged = await sc.patronInformation(patron.cardNumber, { list: 2 });
      expect(charged.fixed.slice(43, 47)).toBe('0001'); // charged items count
      expect(charged.fields.get('AU')).toEqual([barcode]);

      // another patron reserves the title on the web; the city's rule then refuses the renewal,
      // with the reason the OPAC gives for the same loan
      const pickup = await pickupFor(lib);
      expectStatus(await a.placeHolds(holder.token, { recordIds: [book.id], pickupPointCode: pickup.code, contact: holdContact(preset) }), 201);
      const web = expectStatus(await a.post(`/me/loans/${loan.id}/renew`, {}, patron.token), 409);
      expect(web.body.code).toBe(renewalRefusal[preset]);
      const renewal = await sc.renew(patron.cardNumber, barcode);
      expect(renewal.code).toBe('30');
      expect(renewal.fixed.slice(0, 2)).toBe('0N');
      expect(renewal.get('AF')).toBe(web.body.detail);
      expect(expectStatus(await a.myLoans(patron.token), 200).body[0]).toMatchObject({ dueDate: loan.dueDate, renewals: 0 });

      // the return traps the copy for the hold: on the hold shelf here, or in transit to the pickup library
      const back = await sc.checkin(barcode);
      expect(back.code).toBe('10');
      expect(back.fixed.slice(0, 4)).toBe('1YUY'); // ok, resensitize, magnetic unknown, alert
      const here = pickup.branch === HOME[preset];
      expect([back.get('AB'), back.get('AQ'), back.get('AJ'), back.get('AA')]).toEqual([barcode, HOME[preset], '吾輩は猫である', patron.cardNumber]);
      expect([back.get('CV'), back.get('CT'), back.get('CY')]).toEqual([here ? '01' : '02', pickup.branch, holder.cardNumber]);
      expect(back.get('DA')).toBeUndefined(); // the hold patron's name stays off the return machine
      expect(back.get('AF')).toBe('「吾輩は猫である」を返却しました。');
      const [hold] = expectStatus(await a.myHolds(holder.token), 200).body;
      expect(hold.status).toBe(here ? 'ready' : 'in-transit');
      expect(expectStatus(await a.myLoans(patron.token), 200).body).toEqual([]);

      const item = await sc.itemInformation(barcode);
      expect(item.fixed.slice(0, 2)).toBe(here ? '08' : '10');
      expect([item.get('AJ'), item.get('AQ'), item.get('CF')]).toEqual(['吾輩は猫である', HOME[preset], '1']);

      const bye = await sc.endSession(patron.cardNumber);
      expect(bye.fixed[0]).toBe('Y');
      expect(bye.get('AF')).toBe('ご利用ありがとうございました。');
    },
  );

  it('Kushiro: an expired card is refused at the machine (the city’s rule) and served at the counter', async () => {
    const lib = libs.kushiro;
    const machine = await createMachine(lib);
    const patron = await seedPatron(lib, { expiresAt: day(-1) });
    const book = await seedRecord(lib, { title: '挽歌', copies: [{ branchCode: 'central' }] });
    const sc = await connect();
    await sc.login(machine.login, machine.password, lib.slug);

    const info = await sc.patronInformation(patron.cardNumber);
    expect(info.fixed.slice(0, 4)).toBe('YY Y'); // charge, renewal and hold privileges denied
    expect(info.get('AF')).toBe('利用者カードの有効期限が切れています。窓口で更新の手続きをしてください。');
    const refused = await sc.checkout(patron.cardNumber, book.barcodes[0]);
    expect(refused.fixed.slice(0, 4)).toBe('0NUN');
    expect(refused.get('AF')).toBe('利用者カードの有効期限が切れています。窓口で更新の手続きをしてください。');
    expect((await sc.itemInformation(book.barcodes[0])).fixed.slice(0, 2)).toBe('03'); // still on the shelf

    // the same card at the desk: lent, and the desk is told the card has expired
    const desk = expectStatus(await api(lib).checkout(patron.cardNumber, book.barcodes[0]), 201);
    expect(desk.body).toMatchObject({ itemBarcode: book.barcodes[0], cardExpired: true });
    // a city whose policy does not block the machine lends on an expired card there too (Katori)
    const katori = libs.katori;
    const kMachine = await createMachine(katori);
    const kPatron = await seedPatron(katori, { expiresAt: day(-1) });
    const kBook = await seedRecord(katori, { copies: [{ branchCode: 'sawara' }] });
    const k = await connect();
    await k.login(kMachine.login, kMachine.password, katori.slug);
    expect((await k.checkout(kPatron.cardNumber, kBook.barcodes[0])).fixed[0]).toBe('1');
  });

  it('checks the PIN as the OPAC password with the OPAC’s sign-in backoff: failures at the machine make the web wait too, and back', async () => {
    const lib = await setupLibrary(t, admin, 'koga');
    await changePolicy(lib, (p) => {
      p.lockout.maxFailures = 3;
    });
    const machine = await createMachine(lib);
    const patron = await seedPatron(lib);
    const { pin } = await withPin(lib, patron);
    const book = await seedRecord(lib, { copies: [{ branchCode: 'main' }] });
    const sc = await connect();
    await sc.login(machine.login, machine.password, lib.slug);
    const wrong = await sc.patronStatus(patron.cardNumber, 'wrong-0');
    expect(wrong.get('CQ')).toBe('N');
    for (let i = 1; i < 3; i++) expect((await sc.patronStatus(patron.cardNumber, `wrong-${i}`)).get('CQ')).toBe('N');
    // the card must wait now: the right PIN is refused at the machine exactly like a wrong one
    // (nothing tells a guesser that the card is waiting), and on the web from the same address
    const waiting = await sc.patronStatus(patron.cardNumber, pin);
    expect([waiting.get('CQ'), waiting.get('AF')]).toEqual(['N', wrong.get('AF')]);
    const refused = await sc.checkout(patron.cardNumber, book.barcodes[0], { pin });
    expect([refused.fixed[0], refused.get('AF')]).toEqual(['0', wrong.get('AF')]);
    expect(expectStatus(await patronLogin(t, lib.slug, patron.cardNumber, pin), 401).body.code).toBe('LOGIN_FAILED');
    // a wrong password on the web counts at the machine as well (one count, not two)
    const other = await seedPatron(lib);
    const { pin: otherPin } = await withPin(lib, other);
    for (let i = 0; i < 2; i++) expectStatus(await patronLogin(t, lib.slug, other.cardNumber, `wrong-${i}`), 401);
    expect((await sc.patronStatus(other.cardNumber, 'wrong-again')).get('CQ')).toBe('N');
    expect((await sc.patronStatus(other.cardNumber, otherPin)).get('CQ')).toBe('N');
    // a third card, never wrong, is served at once: the wait is per card
    const third = await seedPatron(lib);
    const { pin: thirdPin } = await withPin(lib, third);
    expect((await sc.patronStatus(third.cardNumber, thirdPin)).get('CQ')).toBe('Y');
  });

  it('two cities on two connections at once never see each other, and a connection cannot change city', async () => {
    const [a, b] = [libs.katori, libs.koga];
    const [ma, mb] = [await createMachine(a), await createMachine(b)];
    // the same barcode in both cities, different books
    const shared = `SAME-${Date.now().toString(36)}`;
    for (const [lib, title] of [
      [a, '香取の本'],
      [b, '古賀の本'],
    ] as const) {
      await inTenant(t, lib.slug, async () => {
        const [r] = await tenantManager().query(`INSERT INTO records (title) VALUES ($1) RETURNING id`, [title]);
        await tenantManager().query(`INSERT INTO items (record_id, barcode, branch_code) VALUES ($1,$2,$3)`, [r.id, shared, HOME[lib.preset]]);
      });
    }
    const pa = await seedPatron(a);
    const pb = await seedPatron(b);
    const [ca, cb] = [await connect(), await connect()];
    await Promise.all([ca.login(ma.login, ma.password, a.slug), cb.login(mb.login, mb.password, b.slug)]);

    const [outA, infoB] = await Promise.all([ca.checkout(pa.cardNumber, shared), cb.itemInformation(shared)]);
    expect([outA.fixed[0], outA.get('AJ')]).toEqual(['1', '香取の本']);
    expect([infoB.fixed.slice(0, 2), infoB.get('AJ'), infoB.get('BG')]).toEqual(['03', '古賀の本', b.slug]);
    // Katori's patron is no patron of Koga's (BL N), even while both talk
    const [foreign, own] = await Promise.all([cb.patronStatus(pa.cardNumber), ca.patronStatus(pa.cardNumber)]);
    expect(foreign.get('BL')).toBe('N');
    expect(own.get('BL')).toBe('Y');
    expect((await cb.checkout(pb.cardNumber, shared)).get('AJ')).toBe('古賀の本');
    expect((await ca.itemInformation(shared)).fixed.slice(0, 2)).toBe('04'); // still lent in Katori, to Katori's patron

    // Koga's machine naming Katori, and a Katori connection signing in as Koga's machine: refused
    const wrong = await connect();
    expect((await wrong.login(mb.login, mb.password, a.slug)).raw).toMatch(/^940/);
    expect((await ca.login(mb.login, mb.password, b.slug)).raw).toMatch(/^940/);
    expect((await ca.scStatus()).get('AO')).toBe(a.slug);
  });

  it('a revoked machine’s open connection is refused at its next message; a new password ends it too', async () => {
    const lib = libs.kitakyushu;
    const m = await createMachine(lib);
    const sc = await connect();
    await sc.login(m.login, m.password, lib.slug);
    expect((await sc.scStatus()).code).toBe('98');
    expectStatus(await api(lib).patch(`/admin/self-check-machines/${m.id}`, { enabled: false }), 200);
    sc.send('9900802.00');
    expect(await sc.next()).toBeNull();
    await sc.closed;
    const again = await connect();
    expect((await again.login(m.login, m.password, lib.slug)).raw).toMatch(/^940/);

    expectStatus(await api(lib).patch(`/admin/self-check-machines/${m.id}`, { enabled: true }), 200);
    const back = await connect();
    expect((await back.login(m.login, m.password, lib.slug)).raw).toMatch(/^941/);
    const { password } = expectStatus(await api(lib).post(`/admin/self-check-machines/${m.id}/password`, {}), 200).body;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    back.send('9900802.00');
    expect(await back.next()).toBeNull();
    const fresh = await connect();
    expect((await fresh.login(m.login, password, lib.slug)).raw).toMatch(/^941/);
  });

  it('answers a repeated message (same sequence number) and 97 with the last answer, lending once', async () => {
    const lib = libs.koga;
    const m = await createMachine(lib);
    const patron = await seedPatron(lib);
    const book = await seedRecord(lib, { copies: [{ branchCode: 'main' }] });
    const sc = await connect();
    await sc.login(m.login, m.password, lib.slug);
    const message = `11NN${'20250101    100000'}${' '.repeat(18)}AO|AA${patron.cardNumber}|AB${book.barcodes[0]}|AC|`;
    sc.send(message, { sequence: '4' });
    const first = (await sc.next())!;
    sc.send(message, { sequence: '4' }); // our answer was lost: the machine sends the same message again
    const second = (await sc.next())!;
    expect(first.fixed[0]).toBe('1');
    expect(second.raw).toBe(first.raw);
    sc.write('97AZFEF5\r');
    expect((await sc.next())!.raw).toBe(first.raw);
    expect(expectStatus(await api(lib).myLoans(patron.token), 200).body).toHaveLength(1);
    // the same scan with the next sequence number is a new message: the copy is on loan now
    const third = await sc.checkout(patron.cardNumber, book.barcodes[0]);
    expect(third.fixed[0]).toBe('0');
  });

  it('does only what the machine may do, renews a copy offered again, cancels a checkout, speaks English on request', async () => {
    const lib = libs.katori;
    const returnsOnly = await createMachine(lib, { permissions: { ...ALL, checkout: false, renew: false, patronInfo: false } });
    const patron = await seedPatron(lib);
    const book = await seedRecord(lib, { title: '坊っちゃん', copies: [{ branchCode: 'sawara' }] });
    const dropBox = await connect();
    await dropBox.login(returnsOnly.login, returnsOnly.password, lib.slug);
    const status = await dropBox.scStatus();
    expect(status.fixed.slice(0, 4)).toBe('YYNN');
    expect(status.get('BX')).toBe('NNYNYYYNYNYNNNNN');
    const refused = await dropBox.checkout(patron.cardNumber, book.barcodes[0]);
    expect(refused.fixed[0]).toBe('0');
    expect(refused.get('AF')).toBe('この機器ではこの手続きはできません。カウンターにお申し出ください。');
    expect((await dropBox.patronStatus(patron.cardNumber)).get('BL')).toBe('N');

    const full = await createMachine(lib);
    const sc = await connect();
    await sc.login(full.login, full.password, lib.slug);
    const lent = await sc.checkout(patron.cardNumber, book.barcodes[0]);
    // the same copy offered again by its borrower, the machine allowing renewals: renewed
    const again = await sc.checkout(patron.cardNumber, book.barcodes[0], { renewalPolicy: 'Y' });
    expect(again.fixed.slice(0, 2)).toBe('1Y');
    expect(again.get('AF')).toContain('延長しました');
    const [loan] = expectStatus(await api(lib).myLoans(patron.token), 200).body;
    expect(loan.renewals).toBe(1);
    expect(again.get('AH')).toBe(sipDay(loan.dueDate));
    expect(again.get('AH')! >= lent.get('AH')!).toBe(true);
    const [renewal] = await inTenant(t, lib.slug, () => tenantManager().query(`SELECT channel FROM loan_renewals WHERE loan_id = $1`, [loan.id]));
    expect(renewal.channel).toBe('self-check');

    // the machine could not desensitise: it cancels, and the loan is gone
    const other = await seedRecord(lib, { copies: [{ branchCode: 'sawara' }] });
    await sc.checkout(patron.cardNumber, other.barcodes[0]);
    const cancelled = await sc.checkout(patron.cardNumber, other.barcodes[0], { cancel: true });
    expect(cancelled.fixed.slice(0, 4)).toBe('1NUN');
    expect((await sc.itemInformation(other.barcodes[0])).fixed.slice(0, 2)).toBe('03');

    const english = await sc.patronInformation('no-such-card', { language: '001' });
    expect([english.fixed.slice(14, 17), english.get('BL'), english.get('AF')]).toEqual(['001', 'N', 'No patron has this card number.']);
  });

  it('speaks Shift_JIS (Windows-31J) to a machine whose account says so, checksums over those bytes', async () => {
    const lib = libs.kitakyushu;
    const m = await createMachine(lib, { charset: 'windows-31j' });
    const patron = await seedPatron(lib, { name: '髙橋 ポン太' });
    const book = await seedRecord(lib, { title: 'ポケット図鑑①', copies: [{ branchCode: 'central' }] });
    const sc = await connect({ charset: 'windows-31j' });
    await sc.login(m.login, m.password, lib.slug);
    const out = await sc.checkout(patron.cardNumber, book.barcodes[0]);
    expect([out.fixed[0], out.get('AJ')]).toEqual(['1', 'ポケット図鑑①']);
    expect((await sc.patronStatus(patron.cardNumber)).get('AE')).toBe('髙橋 ポン太');
    // a UTF-8 reader of the same bytes would not see the title
    const utf8 = await connect();
    const um = await createMachine(lib);
    await utf8.login(um.login, um.password, lib.slug);
    expect((await utf8.itemInformation(book.barcodes[0])).get('AJ')).toBe('ポケット図鑑①');
    // an old Western machine (IBM850) gets its screen messages in English; Japanese it cannot show becomes ?
    const western = await createMachine(lib, { charset: 'ibm850' });
    const latin = await connect();
    await latin.login(western.login, western.password, lib.slug);
    const returned = await latin.checkin(book.barcodes[0]);
    expect([returned.fixed[0], returned.get('AJ'), returned.get('AF')]).toEqual(['1', '???????', 'Checked in ?????????.']);
  });
});

describe('self-check machines: the librarians’ API', () => {
  let t: TestApp;
  let libs: Library[];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    libs = [await setupLibrary(t, admin, 'katori'), await setupLibrary(t, admin, 'kushiro')];
  });
  afterAll(() => t.close());

  it('registers, lists, changes, sets a password and deletes a machine, every write audited, the password never stored or shown again', async () => {
    const [lib] = libs;
    const a = api(lib);
    // what the vendor's technician types besides the login: this app runs no SIP2 server
    expect(expectStatus(await a.get('/admin/self-check-machines/connection'), 200).body).toEqual({ port: null, tls: false, libraryId: lib.slug });
    const created = expectStatus(
      await a.post('/admin/self-check-machines', {
        login: 'sawara-sc1',
        name: '佐原 自動貸出機1',
        branchCode: 'sawara',
        permissions: { checkout: true, checkin: true, renew: false, patronInfo: true },
        password: 'vendor-set-pw1',
      }),
      201,
    ).body;
    expect(created).toMatchObject({ password: 'vendor-set-pw1', machine: { login: 'sawara-sc1', charset: 'utf-8', enabled: true, permissions: { renew: false } } });
    const list = expectStatus(await a.get('/admin/self-check-machines'), 200).body;
    expect(list).toEqual([expect.objectContaining({ id: created.machine.id, name: '佐原 自動貸出機1', branchCode: 'sawara', lastLoginAt: null })]);
    expect(JSON.stringify(list)).not.toMatch(/password|argon/);
    const [row] = await inTenant(t, lib.slug, () => tenantManager().query(`SELECT password_hash FROM self_check_machines WHERE id = $1`, [created.machine.id]));
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const changed = expectStatus(await a.patch(`/admin/self-check-machines/${created.machine.id}`, { name: '佐原 返却機', permissions: { checkout: false, checkin: true, renew: false, patronInfo: false } }), 200).body;
    expect(changed).toMatchObject({ name: '佐原 返却機', permissions: { checkout: false, checkin: true } });
    const generated = expectStatus(await a.post(`/admin/self-check-machines/${created.machine.id}/password`, {}), 200).body.password;
    expect(generated).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expectStatus(await a.delete(`/admin/self-check-machines/${created.machine.id}`), 204);
    expectStatus(await a.get(`/admin/self-check-machines/${created.machine.id}`), 404);

    const audit = expectStatus(await a.get(`/admin/audit?entity=self-check-machine&entityId=${created.machine.id}`), 200).body.items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual([
      'self-check-machine.create',
      'self-check-machine.delete',
      'self-check-machine.password',
      'self-check-machine.update',
    ]);
    expect(audit.every((e: { actorKind: string }) => e.actorKind === 'librarian')).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/vendor-set-pw1|argon/);
  });

  it('refuses bad input with problem+json and loses nothing; the other city never sees the machine', async () => {
    const [lib, other] = libs;
    const a = api(lib);
    const bad = await a.post('/admin/self-check-machines', { login: 'a|b', name: '', branchCode: 'sawara', permissions: { checkout: 'yes' }, password: 'short', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['login', 'name', 'password', 'permissions.checkout', 'extra']));
    const unknownBranch = expectStatus(await a.post('/admin/self-check-machines', { login: 'x-sc', name: 'x', branchCode: 'atlantis', permissions: ALL }), 422);
    expect(unknownBranch.body).toMatchObject({ code: 'UNKNOWN_BRANCH', errors: [{ path: 'branchCode' }] });
    expectStatus(await a.post('/admin/self-check-machines', { login: 'dup-sc', name: '1', branchCode: 'sawara', permissions: ALL }), 201);
    const dup = expectStatus(await a.post('/admin/self-check-machines', { login: 'dup-sc', name: '2', branchCode: 'sawara', permissions: ALL }), 409);
    expect(dup.body.code).toBe('SELF_CHECK_LOGIN_TAKEN');
    expect(dup.body.message.ja).toBe('このログイン名は別の機器が使っています。');
    expectStatus(await a.patch('/admin/self-check-machines/not-a-uuid', { enabled: false }), 404);
    expectStatus(await a.patch('/admin/self-check-machines/00000000-0000-4000-8000-000000000000', { enabled: false }), 404);
    expect(expectStatus(await a.get('/admin/self-check-machines'), 200).body.map((m: { login: string }) => m.login)).toEqual(['dup-sc']);

    // Kushiro's librarian sees none of Katori's machines and cannot reach them by Katori's path
    expect(expectStatus(await api(other).get('/admin/self-check-machines'), 200).body).toEqual([]);
    expectStatus(await t.http().get(`/api/t/${lib.slug}/admin/self-check-machines`).set('Authorization', `Bearer ${other.staff}`), 403);
    expectStatus(await t.http().get(`/api/t/${lib.slug}/admin/self-check-machines`), 401);
  });
});
