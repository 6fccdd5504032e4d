import { quotedTenantSchema } from '@shiori/tenancy';
import { adminToken, createTestApp, TestApp } from './support/app';
import { api, bearer, changePolicy, day, expectStatus, Library, seedPatron, setupLibrary } from './support/circulation-factories';

/**
 * Deleting a branch (places, `DELETE /api/t/{slug}/admin/branches/{code}`), as deleting a
 * pickup point: refused (409 BRANCH_IN_USE, with counts) while copies, open loans or active
 * holds use it or it is the library's last branch in use; taken out of use with its pickup
 * points when history names it; otherwise deleted with its pickup points and closed days.
 * Every change audited; Katori and Koga side by side show isolation.
 */
describe('branches: delete, or take out of use when history names them', () => {
  let t: TestApp;
  let katori: Library;
  let koga: Library;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    katori = await setupLibrary(t, admin, 'katori');
    koga = await setupLibrary(t, admin, 'koga');
  });
  afterAll(() => t.close());

  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${++seq}`;
  const main = 'sawara'; // Katori's central library: the copies and loans of other branches live there
  const del = (lib: Library, code: string, token = lib.staff) => t.http().delete(`/api/t/${lib.slug}/admin/branches/${code}`).set(bearer(token));
  const audit = (lib: Library, entity: string, id: string) =>
    t.ds.query(`SELECT action, actor_kind AS "actorKind", before, after FROM ${quotedTenantSchema(lib.slug)}.audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`, [entity, id]) as Promise<
      { action: string; actorKind: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]
    >;
  const actions = async (lib: Library, entity: string, id: string) => (await audit(lib, entity, id)).map((r) => r.action);
  const branch = async (lib: Library, code: string) =>
    (expectStatus(await api(lib).get('/admin/branches'), 200).body as { code: string; active: boolean }[]).find((b) => b.code === code);
  const pointsOf = async (lib: Library, code: string) =>
    (expectStatus(await api(lib).get('/admin/pickup-points'), 200).body as { code: string; branchCode: string; active: boolean }[]).filter((p) => p.branchCode === code);
  /** A new branch (with the counter every branch gets) through the API. */
  const newBranch = async (lib: Library, extra: Record<string, unknown> = {}) => {
    const code = unique('br');
    expectStatus(await api(lib).post('/admin/branches', { code, name: `分室 ${code}`, ...extra }), 201);
    return code;
  };
  const newPoint = async (lib: Library, branchCode: string) => {
    const code = unique('pp');
    expectStatus(await api(lib).post('/admin/pickup-points', { code, name: `受取場所 ${code}`, kind: 'locker', branchCode }), 201);
    return code;
  };
  /** A record catalogued through the API with one copy per branch code; returns the barcodes. */
  const copiesAt = async (lib: Library, ...branchCodes: string[]) => {
    const items = branchCodes.map((branchCode) => ({ barcode: unique('bc'), branchCode }));
    const res = expectStatus(await api(lib).post('/admin/records', { title: `館の資料 ${unique('r')}`, items }), 201);
    return { recordId: res.body.id as string, barcodes: items.map((i) => i.barcode) };
  };
  const hold = async (lib: Library, recordId: string, pickupPoint: string, status: string) => {
    const patron = await seedPatron(lib);
    await t.ds.query(`INSERT INTO ${lib.schema}.holds (patron_id, record_id, status, pickup_point_code, policy_version) VALUES ($1,$2,$3,$4,1)`, [
      patron.id,
      recordId,
      status,
      pickupPoint,
    ]);
  };
  const count = async (lib: Library, sql: string, params: unknown[]) => ((await t.ds.query(sql.replace(/\{s\}/g, lib.schema), params)) as { n: number }[])[0].n;
  const noHistory = { withdrawnCopies: 0, loans: 0, holds: 0, pastClosedDays: 0, news: 0, policyVersions: 0 };

  it('deletes a branch nothing ever used, with its pickup points and coming closed days; audited; gone everywhere; then 404', async () => {
    const code = await newBranch(katori, { nameEn: 'Temporary Annex' });
    const locker = await newPoint(katori, code);
    expectStatus(await api(katori).post('/admin/closed-days', { date: day(10), branchCode: code, reason: '開館準備' }), 201);

    const res = expectStatus(await del(katori, code), 200);
    expect(res.body).toEqual({
      outcome: 'deleted',
      history: noHistory,
      branch: {
        code,
        name: `分室 ${code}`,
        nameEn: 'Temporary Annex',
        askPickupPoint: false,
        isBookmobile: false,
        active: true,
        sort: expect.any(Number),
        address: null,
        phone: null,
        hours: null,
        weeklyClosed: [],
      },
      // in code order: br-…-counter, then pp-…
      pickupPoints: [
        expect.objectContaining({ code: `${code}-counter`, kind: 'counter', branchCode: code }),
        expect.objectContaining({ code: locker, kind: 'locker', branchCode: code }),
      ],
    });

    expect(await branch(katori, code)).toBeUndefined();
    expect(await pointsOf(katori, code)).toEqual([]);
    expect(await count(katori, `SELECT count(*)::int AS n FROM {s}.closed_days WHERE branch_code = $1`, [code])).toBe(0);
    const info = expectStatus(await t.http().get(`/api/t/${katori.slug}/info`), 200).body;
    expect(info.branches.map((b: { code: string }) => b.code)).not.toContain(code);

    const rows = await audit(katori, 'branch', code);
    expect(rows.map((r) => r.action)).toEqual(['branch.create', 'branch.delete']);
    expect(rows[1]).toMatchObject({ actorKind: 'librarian', before: { code, nameEn: 'Temporary Annex' }, after: null });
    expect(await actions(katori, 'pickup-point', locker)).toEqual(['pickup-point.create', 'pickup-point.delete']);
    expect(await actions(katori, 'pickup-point', `${code}-counter`)).toEqual(['pickup-point.delete']);
    const [closedDay] = await t.ds.query(
      `SELECT action, before FROM ${katori.schema}.audit_log WHERE entity = 'closed-day' AND action = 'closed-day.delete' AND before->>'branchCode' = $1`,
      [code],
    );
    expect(closedDay).toMatchObject({ before: { branchCode: code, date: day(10), reason: '開館準備' } });

    // gone: a second delete does not find it
    const again = await del(katori, code).expect(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect((await del(katori, 'no-such-branch').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('refuses a branch its copies belong to or holds wait at (409, counts, ja and en), changing nothing; once they are gone, history keeps it out of use', async () => {
    const code = await newBranch(katori, { nameEn: 'Station Annex' });
    const counter = `${code}-counter`;
    const { recordId, barcodes } = await copiesAt(katori, code, code);
    await hold(katori, recordId, counter, 'waiting');
    await hold(katori, recordId, counter, 'collected'); // history only

    const res = await del(katori, code).expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'BRANCH_IN_USE',
      status: 409,
      type: expect.stringContaining('branch-in-use'),
      copies: 2,
      openLoans: 0,
      activeHolds: 1,
      lastActiveBranch: false,
    });
    expect(res.body.message.ja).toContain(`この館（分室 ${code}）には除籍されていない資料が2点、受け取り前の予約が1件あるため削除できません。`);
    expect(res.body.message.en).toContain('This branch (Station Annex) still has 2 copies not withdrawn and 1 hold not yet collected, so it cannot be deleted.');
    // nothing changed, nothing audited but the creation
    expect(await branch(katori, code)).toMatchObject({ code, active: true });
    expect(await pointsOf(katori, code)).toEqual([expect.objectContaining({ code: counter, active: true })]);
    expect(await actions(katori, 'branch', code)).toEqual(['branch.create']);

    // one copy withdrawn, one moved to the central library, the hold cancelled: nothing current is left
    expectStatus(await api(katori).delete(`/admin/items/${barcodes[0]}`), 200);
    expectStatus(await api(katori).patch(`/admin/items/${barcodes[1]}`, { branchCode: main }), 200);
    const moved = expectStatus(await del(katori, code), 409).body;
    expect(moved).toMatchObject({ copies: 0, activeHolds: 1 });
    expect(moved.message.ja).not.toContain('資料が');
    await t.ds.query(`UPDATE ${katori.schema}.holds SET status = 'cancelled' WHERE pickup_point_code = $1 AND status = 'waiting'`, [counter]);

    // the withdrawn copy and the holds still name it: out of use, with its pickup points, not deleted
    const out = expectStatus(await del(katori, code), 200).body;
    expect(out).toMatchObject({
      outcome: 'deactivated',
      history: { ...noHistory, withdrawnCopies: 1, holds: 2 },
      branch: { code, nameEn: 'Station Annex', active: false },
      pickupPoints: [{ code: counter, active: false }],
    });
    expect(await branch(katori, code)).toMatchObject({ code, active: false });
    expect(await pointsOf(katori, code)).toEqual([expect.objectContaining({ code: counter, active: false })]);
    expect(await count(katori, `SELECT count(*)::int AS n FROM {s}.items WHERE branch_code = $1`, [code])).toBe(1);
    expect(await count(katori, `SELECT count(*)::int AS n FROM {s}.holds WHERE pickup_point_code = $1`, [counter])).toBe(2);
    const info = expectStatus(await t.http().get(`/api/t/${katori.slug}/info`), 200).body;
    expect(info.branches.map((b: { code: string }) => b.code)).not.toContain(code);
    expect(info.pickupPoints.map((p: { code: string }) => p.code)).not.toContain(counter);

    const rows = await audit(katori, 'branch', code);
    expect(rows.map((r) => r.action)).toEqual(['branch.create', 'branch.deactivate']);
    expect(rows[1]).toMatchObject({ actorKind: 'librarian', before: { active: true }, after: { active: false, history: { withdrawnCopies: 1, holds: 2 } } });
    expect(await actions(katori, 'pickup-point', counter)).toEqual(['pickup-point.deactivate']);
  });

  it('refuses a branch while a loan made there is open, though no copy of its own; once returned, the loan history keeps it', async () => {
    const code = await newBranch(katori);
    const { barcodes } = await copiesAt(katori, main);
    const patron = await seedPatron(katori);
    expectStatus(await api(katori).checkout(patron.cardNumber, barcodes[0], { branchCode: code }), 201);

    const res = await del(katori, code).expect(409);
    expect(res.body).toMatchObject({ code: 'BRANCH_IN_USE', copies: 0, openLoans: 1, activeHolds: 0, lastActiveBranch: false });
    expect(res.body.message.ja).toContain(`この館（分室 ${code}）には貸出中の資料が1件あるため削除できません。`);
    expect(res.body.message.en).toContain(`This branch (分室 ${code}) still has 1 open loan, so it cannot be deleted.`);
    expect(await branch(katori, code)).toMatchObject({ active: true });

    expectStatus(await api(katori).checkin(barcodes[0], { branchCode: main }), 200);
    const out = expectStatus(await del(katori, code), 200).body;
    expect(out).toMatchObject({ outcome: 'deactivated', history: { ...noHistory, loans: 1 }, branch: { code, active: false } });
    expect(await count(katori, `SELECT count(*)::int AS n FROM {s}.loans WHERE branch_code = $1`, [code])).toBe(1);
  });

  it('counts past closed days, news and loan rules as history too; closed days to come go with the branch', async () => {
    const closed = await newBranch(katori);
    expectStatus(await api(katori).post('/admin/closed-days', { date: day(-3), branchCode: closed }), 201);
    expectStatus(await api(katori).post('/admin/closed-days', { date: day(3), branchCode: closed }), 201);
    expect(expectStatus(await del(katori, closed), 200).body).toMatchObject({ outcome: 'deactivated', history: { ...noHistory, pastClosedDays: 1 } });
    expect(await count(katori, `SELECT count(*)::int AS n FROM {s}.closed_days WHERE branch_code = $1`, [closed])).toBe(2);

    const news = await newBranch(katori);
    await t.ds.query(`INSERT INTO ${katori.schema}.news (title, branch_code) VALUES ('分室のおはなし会', $1)`, [news]);
    expect(expectStatus(await del(katori, news), 200).body).toMatchObject({ outcome: 'deactivated', history: { ...noHistory, news: 1 } });

    const ruled = await newBranch(katori);
    await changePolicy(katori, (p) => p.loans.rules.push({ id: unique('rule'), note: '', materialType: null, patronCategory: null, branchCode: ruled, periodDays: 7, maxItems: null, maxRenewals: null, renewalPeriodDays: null }));
    expect(expectStatus(await del(katori, ruled), 200).body).toMatchObject({ outcome: 'deactivated', history: { ...noHistory, policyVersions: 1 }, branch: { code: ruled, active: false } });
  });

  it('refuses to delete the last branch in use; an inactive branch beside it can go', async () => {
    const res = await del(koga, 'main').expect(409);
    expect(res.body).toMatchObject({ code: 'BRANCH_IN_USE', status: 409, copies: 0, openLoans: 0, activeHolds: 0, lastActiveBranch: true });
    expect(res.body.message.ja).toContain('この館（古賀市立図書館）は使用中の最後の館のため削除できません。');
    expect(res.body.message.en).toContain('This branch (Koga City Library) is the last branch in use, so it cannot be deleted.');
    expect(await branch(koga, 'main')).toMatchObject({ active: true });

    const spare = await newBranch(koga);
    expectStatus(await api(koga).patch(`/admin/branches/${spare}`, { active: false }), 200);
    expect(expectStatus(await del(koga, spare), 200).body).toMatchObject({ outcome: 'deleted', branch: { code: spare, active: false } });
    expect((await del(koga, 'main').expect(409)).body.lastActiveBranch).toBe(true);
  });

  it('is for the library’s own librarians: not for a patron, another library’s librarian or no session', async () => {
    const code = await newBranch(katori);
    const patron = await seedPatron(katori);
    expect((await del(katori, code, patron.token).expect(403)).body.code).toBe('FORBIDDEN');
    await del(katori, code, koga.staff).expect(403);
    await t.http().delete(`/api/t/${katori.slug}/admin/branches/${code}`).expect(401);
    // Katori's code means nothing in Koga
    expect((await del(koga, code).expect(404)).body.code).toBe('NOT_FOUND');
    // untouched: still there, nothing audited but its creation
    expect(await branch(katori, code)).toMatchObject({ code, active: true });
    expect(await actions(katori, 'branch', code)).toEqual(['branch.create']);
  });
});
