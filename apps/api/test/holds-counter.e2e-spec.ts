import { adminToken, createTestApp, TestApp } from './support/app';
import { defaultPickupPoint } from '@shiori/policy';
import { api, bearer, day, expectStatus, Library, mails, seedPatron, SeededPatron, seedRecord, setupLibrary } from './support/circulation-factories';

/**
 * Counter holds (カウンターでの予約受付): a librarian takes a hold for a patron standing at
 * the desk or phoning in. The patron's own rules and refusal codes apply as on the OPAC; the
 * desk may go beyond the hold limit (only that) when it says so, and every such write is
 * recorded as the librarian's and audited.
 */
describe('holds: placed by staff at the counter', () => {
  let t: TestApp;
  const libs: Record<string, Library> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'koga']) libs[preset] = await setupLibrary(t, admin, preset);
  });
  afterAll(() => t.close());

  const deskHold = (lib: Library, body: object, token = lib.staff) => api(lib).post('/desk/holds', body, token);

  /** A title whose copies are all on loan to someone (so any city lets a patron hold it). */
  async function onLoanTitle(lib: Library, branchCode: string, title?: string) {
    const rec = await seedRecord(lib, { title, copies: [{ branchCode }] });
    const borrower = await seedPatron(lib);
    for (const b of rec.barcodes) expectStatus(await api(lib).checkout(borrower.cardNumber, b), 201);
    return rec;
  }

  /** Gives the patron `n` active holds through the OPAC. */
  async function fillHolds(lib: Library, patron: SeededPatron, n: number, pickupPointCode: string, contact = 'none') {
    const recs = [];
    for (let i = 0; i < n; i++) recs.push(await seedRecord(lib, { copies: [{ branchCode: pickupPointCode.split('-')[0], status: 'on-loan' }] }));
    expectStatus(await api(lib).placeHolds(patron.token, { recordIds: recs.map((r) => r.id), pickupPointCode, contact }), 201);
  }

  const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

  async function auditRows(lib: Library, action: string, entityId: string) {
    return t.ds.query(`SELECT actor_kind, actor_name, before, after FROM ${lib.schema}.audit_log WHERE action = $1 AND entity_id = $2`, [action, entityId]);
  }

  it('takes a hold for the patron by card: the usual pickup point, recorded as the librarian’s, in the patron’s list and the queue, audited (Katori)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const rec = await onLoanTitle(lib, 'sawara', '銀河鉄道の夜');
    const first = await seedPatron(lib, { name: '佐原 一郎' });
    expectStatus(await a.placeHolds(first.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201);

    const patron = await seedPatron(lib, { name: '香取 花子', email: 'hanako@example.jp' });
    // the card as a scanner or a hurried hand types it: full-width digits are normalised by the city's card rules
    const res = expectStatus(await deskHold(lib, { patronCard: toFullWidth(patron.cardNumber), recordId: rec.id, note: '電話で受付' }), 201);
    expect(res.body).toMatchObject({
      recordId: rec.id,
      title: '銀河鉄道の夜',
      status: 'waiting',
      queuePosition: 2,
      pickupPointCode: 'sawara-counter', // no earlier hold: the library's first counter
      contact: 'email', // as the OPAC form: e-mail when offered and the patron has an address
      placedVia: 'counter',
      placedBy: 'staff',
      limitOverridden: false,
      note: '電話で受付',
      noticeQueued: false, // Katori sends no hold-received mail
      patron: { id: patron.id, cardNumber: patron.cardNumber, name: '香取 花子' },
    });
    const holdId = res.body.id;

    // the patron sees it in the OPAC, behind the earlier hold
    const mine = expectStatus(await a.myHolds(patron.token), 200).body;
    expect(mine).toEqual([expect.objectContaining({ id: holdId, title: '銀河鉄道の夜', queuePosition: 2, placedVia: 'counter', status: 'waiting' })]);
    expect(mine[0].note).toBeUndefined(); // the desk's note is the desk's
    expect(expectStatus(await a.myHolds(first.token), 200).body[0].queuePosition).toBe(1);

    const [row] = await t.ds.query(
      `SELECT placed_via, placed_by, placed_by_staff_id, placed_by_staff_name, limit_override, staff_note, policy_version FROM ${lib.schema}.holds WHERE id = $1`,
      [holdId],
    );
    const [staff] = await t.ds.query(`SELECT id, username FROM platform.staff WHERE username = $1`, [`lib-${lib.slug}`.slice(0, 60)]);
    expect(row).toEqual({
      placed_via: 'counter',
      placed_by: 'staff',
      placed_by_staff_id: staff.id,
      placed_by_staff_name: staff.username,
      limit_override: false,
      staff_note: '電話で受付',
      policy_version: 1,
    });
    const [audit] = await auditRows(lib, 'hold.place', holdId);
    expect(audit).toMatchObject({
      actor_kind: 'librarian',
      actor_name: staff.username,
      before: null,
      after: { patronCard: patron.cardNumber, recordId: rec.id, title: '銀河鉄道の夜', pickupPointCode: 'sawara-counter', placedVia: 'counter', note: '電話で受付' },
    });

    // the desk's view of the patron's holds says who placed each
    const staffView = expectStatus(await a.get(`/admin/patrons/${patron.id}/holds`), 200).body;
    expect(staffView).toEqual([expect.objectContaining({ id: holdId, placedBy: 'staff', placedByStaff: staff.username, limitOverride: false, note: '電話で受付' })]);

    // by patron id, at another pickup point; the next hold then defaults to that usual point.
    // A librarian with a display name is shown by it (受付: 佐原 一郎, not the sign-in name)
    await t.ds.query(`UPDATE platform.staff SET display_name = '佐原 一郎' WHERE id = $1`, [staff.id]);
    const rec2 = await onLoanTitle(lib, 'omigawa', '風の又三郎');
    const second = expectStatus(await deskHold(lib, { patronId: patron.id, recordId: rec2.id, pickupPoint: 'omigawa-counter', contact: 'none' }), 201);
    const afterRename = expectStatus(await a.get(`/admin/patrons/${patron.id}/holds`), 200).body;
    expect(afterRename.find((h: { id: string }) => h.id === second.body.id)).toMatchObject({ placedBy: 'staff', placedByStaff: '佐原 一郎' });
    expect(second.body).toMatchObject({ title: '風の又三郎', pickupPointCode: 'omigawa-counter', pickupPointName: '小見川図書館 窓口', contact: 'none' });
    const rec3 = await onLoanTitle(lib, 'sawara', '注文の多い料理店');
    expect(expectStatus(await deskHold(lib, { patronId: patron.id, recordId: rec3.id }), 201).body.pickupPointCode).toBe('omigawa-counter');
    expect(expectStatus(await a.myHolds(patron.token), 200).body).toHaveLength(3);
  });

  it('chooses the pickup point by the apps’ one rule (libs/policy defaultPickupPoint): the last used point while offered, else the first branch’s counter; /me and the staff view say the last used (Katori)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    /** What the OPAC's hold form and the desk start from: /info's points and the patron's last used point. */
    const appsChoice = async () => {
      const info = expectStatus(await a.get('/info'), 200).body;
      const me = expectStatus(await a.get('/me', patron.token), 200).body;
      const staffView = expectStatus(await a.get(`/admin/patrons/${patron.id}`), 200).body;
      expect(staffView.lastPickupPointCode).toBe(me.lastPickupPointCode);
      // the points in the branches' display order, as the OPAC's form and the desk list them (/info lists them by branch code)
      const points = info.branches.flatMap((b: { code: string }) => info.pickupPoints.filter((p: { branchCode: string }) => p.branchCode === b.code));
      return { last: me.lastPickupPointCode, code: defaultPickupPoint({ points, lastUsedPointCode: me.lastPickupPointCode })?.code };
    };
    const deskDefault = async (title: string) =>
      expectStatus(await deskHold(lib, { patronId: patron.id, recordId: (await onLoanTitle(lib, 'sawara', title)).id, contact: 'none' }), 201).body.pickupPointCode;

    // no hold yet: the first branch's counter, in every tier
    expect(await appsChoice()).toEqual({ last: null, code: 'sawara-counter' });
    expect(await deskDefault('こころ')).toBe('sawara-counter');

    // a hold at another branch's counter: the next starts there
    const kusamakura = await onLoanTitle(lib, 'omigawa', '草枕');
    expectStatus(await deskHold(lib, { patronId: patron.id, recordId: kusamakura.id, pickupPoint: 'omigawa-counter', contact: 'none' }), 201);
    expect(await appsChoice()).toEqual({ last: 'omigawa-counter', code: 'omigawa-counter' });

    // the patron's latest hold at a locker room: the next starts there
    expectStatus(await a.post('/admin/pickup-points', { code: 'sawara-shelf', name: '佐原中央図書館 予約棚', kind: 'locker', branchCode: 'sawara' }), 201);
    const rec = await onLoanTitle(lib, 'sawara', '三四郎');
    expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'sawara-shelf', contact: 'none' }), 201);
    expect(await appsChoice()).toEqual({ last: 'sawara-shelf', code: 'sawara-shelf' });
    expect(await deskDefault('それから')).toBe('sawara-shelf');

    // the locker taken out of use: still the last used, but no longer offered: the first
    // branch's counter again (not the latest hold's at a point still open, 小見川)
    expectStatus(await a.patch('/admin/pickup-points/sawara-shelf', { active: false }), 200);
    const held = expectStatus(await a.myHolds(patron.token), 200).body.map((h: { pickupPointCode: string }) => h.pickupPointCode);
    expect(held).toContain('sawara-shelf');
    expect(await appsChoice()).toEqual({ last: 'sawara-shelf', code: 'sawara-counter' });
    expect(await deskDefault('門')).toBe('sawara-counter');
    expect(await appsChoice()).toEqual({ last: 'sawara-counter', code: 'sawara-counter' });
  });

  it('refuses exactly as the OPAC does, with the same codes: 禁帯出, duplicate, blocked card, contact (Katori)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib, { email: null });
    const reference = await seedRecord(lib, { title: '日本国語大辞典 第一巻', copies: [{ branchCode: 'sawara', loanable: false }] });
    const opacRefusal = expectStatus(await a.placeHolds(patron.token, { recordIds: [reference.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 422);
    const deskRefusal = expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: reference.id, contact: 'none' }), 422);
    expect(deskRefusal.body).toMatchObject({ code: 'NOT_RESERVABLE', reason: 'NO_LOANABLE_COPY', recordId: reference.id });
    // the policy's own words for this refusal, in both languages, for the desk to show
    expect(deskRefusal.body.message.ja).toMatch(/禁帯出/);
    expect(deskRefusal.body.message.en).toMatch(/\S/);
    expect(deskRefusal.body.code).toBe(opacRefusal.body.code);
    expect(deskRefusal.body.reason).toBe(opacRefusal.body.reason);
    expect(deskRefusal.headers['content-type']).toContain('application/problem+json');
    expect(deskRefusal.body.message).toEqual(opacRefusal.body.message);
    // override is for the hold limit only
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: reference.id, contact: 'none', override: true }), 422).body.code).toBe(
      'NOT_RESERVABLE',
    );

    // the same title twice
    const rec = await onLoanTitle(lib, 'sawara', '坊っちゃん');
    expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 201);
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec.id }), 409).body.code).toBe('ALREADY_HELD');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec.id, override: true }), 409).body.code).toBe('ALREADY_HELD');

    // e-mail contact needs an address, at the desk too
    const rec2 = await onLoanTitle(lib, 'sawara', '三四郎');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec2.id, contact: 'email' }), 422).body.code).toBe('EMAIL_REQUIRED');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec2.id, contact: 'phone' }), 422).body.code).toBe('CONTACT_NOT_ALLOWED');
    // without an address the default contact is none
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec2.id }), 201).body.contact).toBe('none');

    // a blocked card
    const blocked = await seedPatron(lib, { status: 'blocked' });
    const rec3 = await onLoanTitle(lib, 'sawara', 'こころ');
    const webBlocked = expectStatus(await a.placeHolds(blocked.token, { recordIds: [rec3.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 403);
    const deskBlocked = expectStatus(await deskHold(lib, { patronCard: blocked.cardNumber, recordId: rec3.id }), 403);
    expect([webBlocked.body.code, deskBlocked.body.code]).toEqual(['PATRON_BLOCKED', 'PATRON_BLOCKED']);

    // the desk's own mistakes
    expect(expectStatus(await deskHold(lib, { patronCard: '12', recordId: rec3.id }), 422).body).toMatchObject({ code: 'CARD_FORMAT', reason: 'CARD_TOO_SHORT' });
    expect(expectStatus(await deskHold(lib, { patronCard: '9999999', recordId: rec3.id }), 404).body.code).toBe('CARD_NOT_FOUND');
    expect(expectStatus(await deskHold(lib, { patronId: '00000000-0000-4000-8000-000000000000', recordId: rec3.id }), 404).body.code).toBe('PATRON_NOT_FOUND');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: '00000000-0000-4000-8000-000000000000' }), 404).body.code).toBe(
      'RECORD_NOT_FOUND',
    );
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec3.id, pickupPoint: 'nowhere' }), 422).body.code).toBe(
      'UNKNOWN_PICKUP_POINT',
    );
    expect(expectStatus(await deskHold(lib, { recordId: rec3.id }), 400).body.code).toBe('VALIDATION');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, patronId: patron.id, recordId: rec3.id }), 400).body.code).toBe('VALIDATION');
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec3.id, placedBy: 'patron' }), 400).body.code).toBe('VALIDATION');
    // nothing was written by the refusals
    const held = expectStatus(await a.myHolds(patron.token), 200).body.map((h: { title: string }) => h.title);
    expect(held.sort()).toEqual(['三四郎', '坊っちゃん']);
  });

  it('refuses beyond the hold limit as the OPAC does; override takes it beyond the limit only, recorded and audited (Katori)', async () => {
    const lib = libs.katori;
    const a = api(lib);
    const patron = await seedPatron(lib);
    await fillHolds(lib, patron, 10, 'sawara-counter');
    const rec = await onLoanTitle(lib, 'sawara', '吾輩は猫である');
    const web = expectStatus(await a.placeHolds(patron.token, { recordIds: [rec.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 409);
    const desk = expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec.id, contact: 'none' }), 409);
    expect(web.body).toMatchObject({ code: 'HOLD_LIMIT', limit: 10 });
    expect(desk.body).toMatchObject({ code: 'HOLD_LIMIT', limit: 10, recordId: rec.id });
    expect(desk.body.message).toEqual(web.body.message);
    expect(expectStatus(await a.myHolds(patron.token), 200).body).toHaveLength(10);

    // override does not lift the other rules
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec.id, contact: 'phone', override: true }), 422).body.code).toBe(
      'CONTACT_NOT_ALLOWED',
    );
    const reference = await seedRecord(lib, { title: '広辞苑', copies: [{ branchCode: 'sawara', loanable: false }] });
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: reference.id, contact: 'none', override: true }), 422).body.code).toBe(
      'NOT_RESERVABLE',
    );

    const over = expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: rec.id, contact: 'none', override: true }), 201);
    expect(over.body).toMatchObject({ title: '吾輩は猫である', placedBy: 'staff', limitOverridden: true, status: 'waiting' });
    expect(expectStatus(await a.myHolds(patron.token), 200).body).toHaveLength(11);
    const [row] = await t.ds.query(`SELECT limit_override, placed_by FROM ${lib.schema}.holds WHERE id = $1`, [over.body.id]);
    expect(row).toEqual({ limit_override: true, placed_by: 'staff' });
    const [audit] = await auditRows(lib, 'hold.place', over.body.id);
    expect(audit.after).toMatchObject({ limitOverride: { limit: 10, activeHolds: 10 } });
    // the patron's own next hold is still refused: the override was for that one hold
    const next = await onLoanTitle(lib, 'sawara');
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [next.id], pickupPointCode: 'sawara-counter', contact: 'none' }), 409).body.code).toBe('HOLD_LIMIT');

    // under the limit, override changes nothing and records nothing
    const other = await seedPatron(lib);
    const free = expectStatus(await deskHold(lib, { patronCard: other.cardNumber, recordId: next.id, override: true }), 201);
    expect(free.body.limitOverridden).toBe(false);
  });

  it('one at a time per patron: two desks taking the last hold under the limit at once leave exactly one (Katori)', async () => {
    const lib = libs.katori;
    const patron = await seedPatron(lib);
    await fillHolds(lib, patron, 9, 'sawara-counter');
    const [r1, r2] = [await onLoanTitle(lib, 'sawara', '羅生門'), await onLoanTitle(lib, 'sawara', '蜘蛛の糸')];
    const results = await Promise.all([
      deskHold(lib, { patronCard: patron.cardNumber, recordId: r1.id, contact: 'none' }),
      deskHold(lib, { patronCard: patron.cardNumber, recordId: r2.id, contact: 'none' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('HOLD_LIMIT');
    expect(expectStatus(await api(lib).myHolds(patron.token), 200).body).toHaveLength(10);
  });

  it('kushiro: the hold-received mail when the patron asks for it; an expired card refused on the web, served at the counter; counter holds are cancelled at the desk (audited)', async () => {
    const lib = libs.kushiro;
    const a = api(lib);
    const patron = await seedPatron(lib, { name: '釧路 太郎', email: 'taro@example.jp' });
    const [r1, r2] = [await onLoanTitle(lib, 'central', '羆嵐'), await onLoanTitle(lib, 'central', '氷点')];
    const quiet = expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: r1.id, pickupPoint: 'central-counter', contact: 'none' }), 201);
    expect(quiet.body.noticeQueued).toBe(false);
    expect(await mails(lib, 'hold-received', patron.id)).toHaveLength(0);
    const asked = expectStatus(
      await deskHold(lib, { patronCard: patron.cardNumber, recordId: r2.id, pickupPoint: 'central-counter', contact: 'email', emailConfirmation: true }),
      201,
    );
    expect(asked.body.noticeQueued).toBe(true);
    const received = await mails(lib, 'hold-received', patron.id);
    expect(received).toHaveLength(1);
    expect(received[0].to_address).toBe('taro@example.jp');
    expect(received[0].body).toContain('氷点');

    // an expired card is closed to holds on the web in Kushiro; the counter serves it (and says so)
    const expired = await seedPatron(lib, { expiresAt: day(-1) });
    const r3 = await onLoanTitle(lib, 'central', '挽歌');
    expect(expectStatus(await a.placeHolds(expired.token, { recordIds: [r3.id], pickupPointCode: 'central-counter', contact: 'none' }), 403).body.code).toBe(
      'CARD_EXPIRED',
    );
    expect(expectStatus(await deskHold(lib, { patronCard: expired.cardNumber, recordId: r3.id }), 201).body).toMatchObject({ status: 'waiting', cardExpired: true });

    // Kushiro: a hold taken at the counter is cancelled at the counter, not online
    const mine = expectStatus(await a.myHolds(patron.token), 200).body.find((h: { id: string }) => h.id === quiet.body.id);
    expect(mine).toMatchObject({ placedVia: 'counter', cancellable: false });
    expect(expectStatus(await a.delete(`/me/holds/${quiet.body.id}`, patron.token), 409).body.code).toBe('HOLD_NOT_CANCELLABLE');
    const cancelled = expectStatus(await a.post(`/desk/holds/${quiet.body.id}/cancel`, { reason: '利用者から電話で取消' }), 200);
    expect(cancelled.body.status).toBe('cancelled');
    const [audit] = await auditRows(lib, 'hold.cancel', quiet.body.id);
    expect(audit).toMatchObject({
      actor_kind: 'librarian',
      before: { status: 'waiting', patronCard: patron.cardNumber, title: '羆嵐' },
      after: { status: 'cancelled', reason: '利用者から電話で取消' },
    });
  });

  it('koga: e-mail contact only and the received mail always; the counter is not bound by the web-only “copies on loan only”', async () => {
    const lib = libs.koga;
    const a = api(lib);
    const patron = await seedPatron(lib, { email: 'koga@example.jp' });
    const onShelf = await seedRecord(lib, { title: '古賀の歴史', copies: [{ branchCode: 'main' }] });
    expect(expectStatus(await a.placeHolds(patron.token, { recordIds: [onShelf.id], pickupPointCode: 'main-counter', contact: 'email' }), 422).body).toMatchObject({
      code: 'NOT_RESERVABLE',
      reason: 'ON_SHELF',
    });
    const placed = expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: onShelf.id }), 201);
    expect(placed.body).toMatchObject({ contact: 'email', placedVia: 'counter', noticeQueued: true });
    expect((await mails(lib, 'hold-received', patron.id))[0].body).toContain('古賀の歴史');

    const noMail = await seedPatron(lib, { email: null });
    const loaned = await seedRecord(lib, { copies: [{ branchCode: 'main', status: 'on-loan' }] });
    expect(expectStatus(await deskHold(lib, { patronCard: noMail.cardNumber, recordId: loaned.id }), 422).body.code).toBe('EMAIL_REQUIRED');
    // 禁帯出 is refused at the counter too
    const reference = await seedRecord(lib, { copies: [{ branchCode: 'main', loanable: false, status: 'on-loan' }] });
    expect(expectStatus(await deskHold(lib, { patronCard: patron.cardNumber, recordId: reference.id }), 422).body).toMatchObject({
      code: 'NOT_RESERVABLE',
      reason: 'NO_LOANABLE_COPY',
    });
  });

  it('is for this library’s staff only: patrons, anonymous callers and other libraries’ librarians are turned away', async () => {
    const lib = libs.katori;
    const patron = await seedPatron(lib);
    const rec = await onLoanTitle(lib, 'sawara', '高瀬舟');
    const body = { patronCard: patron.cardNumber, recordId: rec.id };
    expect(expectStatus(await deskHold(lib, body, patron.token), 403).body.code).toBe('FORBIDDEN');
    expect(expectStatus(await t.http().post(`/api/t/${lib.slug}/desk/holds`).send(body), 401).body.code).toBe('UNAUTHENTICATED');
    // Kushiro's librarian in Katori's desk
    const foreign = await t.http().post(`/api/t/${lib.slug}/desk/holds`).set(bearer(libs.kushiro.staff)).send(body);
    expect(expectStatus(foreign, 403).body.code).toBe('FORBIDDEN');
    expect(expectStatus(await api(lib).get(`/admin/patrons/${patron.id}/holds`, patron.token), 403).body.code).toBe('FORBIDDEN');
    const anyHold = expectStatus(await deskHold(lib, body), 201).body.id;
    expect(expectStatus(await t.http().post(`/api/t/${lib.slug}/desk/holds/${anyHold}/cancel`).set(bearer(libs.kushiro.staff)).send({}), 403).body.code).toBe(
      'FORBIDDEN',
    );
    // and Katori's patron is no patron of Kushiro's
    expect(expectStatus(await deskHold(libs.kushiro, { patronId: patron.id, recordId: rec.id }), 404).body.code).toBe('PATRON_NOT_FOUND');
    expect(expectStatus(await api(lib).myHolds(patron.token), 200).body).toHaveLength(1);
  });
});
