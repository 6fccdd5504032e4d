import { tenantManager } from '@shiori/tenancy';
import { addDays } from '@shiori/policy';
import { tokyoDate } from '../src/engine/time';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, insertHold, insertLoan, insertPatron, twoCatalogTenants } from './support/catalog-factories';

/**
 * Public lists within each city's policy windows: 香取 shows new arrivals of the last 30
 * days published in the last 3 years and ranks loans over 3 years; 古賀 has no age limit
 * and ranks over one year. Recommended lists are curated by librarians.
 */
describe('catalogue public lists', () => {
  let t: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;
  // the library day as each test starts, not as the file was loaded: setting the cities up takes
  // a while, and a window counted from a day that has ended meanwhile (midnight in Japan) is a day off
  let today = tokyoDate();
  let year = Number(today.slice(0, 4));
  beforeEach(() => {
    today = tokyoDate();
    year = Number(today.slice(0, 4));
  });
  const daysAgo = (n: number) => addDays(today, -n);
  const list = async (c: CatalogTenant, name: string, query: Record<string, string | number> = {}) =>
    (await t.http().get(`/api/t/${c.slug}/lists/${name}`).query(query).expect(200)).body;

  async function setPublicLists(c: CatalogTenant, change: Record<string, unknown>) {
    const current = (await t.http().get(`/api/t/${c.slug}/admin/policy`).set('Authorization', `Bearer ${c.token}`).expect(200)).body;
    await t
      .http()
      .put(`/api/t/${c.slug}/admin/policy`)
      .set('Authorization', `Bearer ${c.token}`)
      .send({ ...current, publicLists: { ...current.publicLists, ...change } })
      .expect(200);
  }

  beforeAll(async () => {
    t = await createTestApp();
    [katori, koga] = await twoCatalogTenants(t, 'katori', 'koga');
  });
  afterAll(() => t.close());

  it('new arrivals: received within N days, not published more than M years ago, newest first', async () => {
    const mk = (c: CatalogTenant, title: string, receivedAt: string, publishedYear?: number) =>
      createRecord(t, c, { title, receivedAt, publishedYear, items: [{ barcode: barcode(), branchCode: c.branches[c.branches.length - 1] }] });
    await mk(katori, '新着 五日前', daysAgo(5), year);
    await mk(katori, '新着 二十九日前', daysAgo(29), year - 1);
    await mk(katori, '新着 三十日前', daysAgo(30), year - 2);
    await mk(katori, '新着 出版年不明', daysAgo(2));
    await mk(katori, '旧着 三十一日前', daysAgo(31), year);
    await mk(katori, '旧着 四十日前', daysAgo(40), year);
    await mk(katori, '新着だが十年前の出版', daysAgo(3), year - 10);
    await mk(katori, '受入予定（未来）', addDays(today, 5), year);
    const withdrawn = await mk(katori, '新着だが除籍', daysAgo(1), year);
    await t.http().delete(`/api/t/${katori.slug}/admin/records/${withdrawn.id}`).set('Authorization', `Bearer ${katori.token}`).expect(200);

    const res = await list(katori, 'new-arrivals');
    expect(res.list).toBe('new-arrivals');
    expect(res.window).toEqual({ receivedSince: daysAgo(30), publishedSince: expect.stringMatching(new RegExp(`^${year - 3}-`)) });
    expect(res.hits.map((h: { title: string }) => h.title)).toEqual(['新着 出版年不明', '新着 五日前', '新着 二十九日前', '新着 三十日前']);
    expect(res.total).toBe(4);
    expect(res.hits[0]).toMatchObject({ receivedAt: daysAgo(2), availability: { total: 1, available: 1, onLoan: 0, status: 'available' } });
    const page2 = await list(katori, 'new-arrivals', { size: 3, page: 2 });
    expect(page2.hits.map((h: { title: string }) => h.title)).toEqual(['新着 三十日前']);
    expect(await list(katori, 'new-arrivals', { branch: katori.branches[0] })).toMatchObject({ total: 0, hits: [] });

    // 古賀 has no publication-age limit
    await mk(koga, '古賀の新着（十年前の出版）', daysAgo(3), year - 10);
    await mk(koga, '古賀の旧着', daysAgo(45), year);
    const kogaList = await list(koga, 'new-arrivals');
    expect(kogaList.window.publishedSince).toBeNull();
    expect(kogaList.hits.map((h: { title: string }) => h.title)).toEqual(['古賀の新着（十年前の出版）']);
  });

  it('best loans: the top N by loans within the window; older loans do not count', async () => {
    const patron = await insertPatron(t, katori.slug);
    const books: { title: string; copy: string }[] = [];
    for (let i = 1; i <= 12; i++) {
      const copy = barcode();
      await createRecord(t, katori, { title: `人気の本 ${String(i).padStart(2, '0')}`, items: [{ barcode: copy, branchCode: katori.branches[0] }] });
      books.push({ title: `人気の本 ${String(i).padStart(2, '0')}`, copy });
    }
    // book i is borrowed i times in the last year
    for (const [i, b] of books.entries()) {
      for (let k = 0; k <= i; k++) await insertLoan(t, katori.slug, patron, b.copy, `${daysAgo(10 + k)}T10:00:00+09:00`);
    }
    // a book borrowed 50 times four years ago is outside 香取's 3-year window
    const oldCopy = barcode();
    await createRecord(t, katori, { title: '昔の人気本', items: [{ barcode: oldCopy, branchCode: katori.branches[0] }] });
    for (let k = 0; k < 50; k++) await insertLoan(t, katori.slug, patron, oldCopy, `${daysAgo(4 * 365 + k)}T10:00:00+09:00`);

    const res = await list(katori, 'best-loans');
    expect(res).toMatchObject({ list: 'best-loans', topN: 10, window: { since: expect.stringMatching(new RegExp(`^${year - 3}-`)) } });
    expect(res.hits.map((h: { title: string; count: number; rank: number }) => [h.title, h.count, h.rank])).toEqual(
      Array.from({ length: 10 }, (_, j) => [`人気の本 ${String(12 - j).padStart(2, '0')}`, 12 - j, j + 1]),
    );

    await setPublicLists(katori, { topN: 3 });
    expect((await list(katori, 'best-loans')).hits.map((h: { title: string }) => h.title)).toEqual(['人気の本 12', '人気の本 11', '人気の本 10']);
    // 古賀 has no loans of its own
    expect((await list(koga, 'best-loans')).hits).toEqual([]);
  });

  it('best holds (ベスト予約): the titles with the most holds waiting now; collected, expired and cancelled ones are over', async () => {
    const patrons = [];
    for (let i = 0; i < 3; i++) patrons.push(await insertPatron(t, koga.slug));
    const wanted = await createRecord(t, koga, { title: '予約の多い本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    const some = await createRecord(t, koga, { title: '予約のある本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    const cancelled = await createRecord(t, koga, { title: '取消ばかりの本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    const old = await createRecord(t, koga, { title: '去年より前に予約された本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    for (const p of patrons) await insertHold(t, koga.slug, p, wanted.id, `${daysAgo(3)}T09:00:00+09:00`);
    await insertHold(t, koga.slug, patrons[0], some.id, `${daysAgo(100)}T09:00:00+09:00`, 'collected');
    for (const p of patrons) await insertHold(t, koga.slug, p, cancelled.id, `${daysAgo(2)}T09:00:00+09:00`, 'cancelled');
    for (const p of patrons) await insertHold(t, koga.slug, p, old.id, `${daysAgo(400)}T09:00:00+09:00`, 'collected');
    const longWaited = await createRecord(t, koga, { title: '長く待たれている本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    for (const p of patrons.slice(0, 2)) await insertHold(t, koga.slug, p, longWaited.id, `${daysAgo(1200)}T09:00:00+09:00`);
    await insertHold(t, koga.slug, patrons[2], some.id, `${daysAgo(5)}T09:00:00+09:00`);
    const res = await list(koga, 'best-holds');
    expect(res.hits.map((h: { title: string; count: number }) => [h.title, h.count])).toEqual([
      ['予約の多い本', 3],
      ['長く待たれている本', 2],
      ['予約のある本', 1],
    ]);
    expect(res.window.since).toBeNull();
  });

  it('refuses a list the city does not publish', async () => {
    await setPublicLists(koga, { enabled: ['new-arrivals', 'recommended'] });
    const res = await t.http().get(`/api/t/${koga.slug}/lists/best-holds`).expect(404);
    expect(res.body.code).toBe('LIST_NOT_PUBLISHED');
    await t.http().get(`/api/t/${koga.slug}/lists/best-loans`).expect(404);
    await t.http().get(`/api/t/${katori.slug}/lists/best-holds`).expect(200);
  });

  it('recommended lists: librarians curate, the OPAC shows the published ones in order', async () => {
    const auth = { Authorization: `Bearer ${katori.token}` };
    const r1 = await createRecord(t, katori, { title: '注文の多い料理店', titleReading: 'チュウモン ノ オオイ リョウリテン', items: [{ barcode: barcode(), branchCode: katori.branches[0] }] });
    const r2 = await createRecord(t, katori, { title: '風の又三郎', titleReading: 'カゼ ノ マタサブロウ' });
    const r3 = await createRecord(t, katori, { title: 'セロ弾きのゴーシュ' });
    const created = await t.http().post(`/api/t/${katori.slug}/admin/lists`).set(auth).send({ title: '夏休みに読みたい宮沢賢治', description: '小学生向け', recordIds: [r2.id, r1.id] }).expect(201);
    expect(created.body).toMatchObject({ title: '夏休みに読みたい宮沢賢治', description: '小学生向け', published: true });
    expect(created.body.records.map((r: { title: string }) => r.title)).toEqual(['風の又三郎', '注文の多い料理店']);
    const hidden = await t.http().post(`/api/t/${katori.slug}/admin/lists`).set(auth).send({ title: '準備中のリスト', published: false, recordIds: [r3.id] }).expect(201);

    let pub = await list(katori, 'recommended');
    expect(pub.lists.map((l: { title: string }) => l.title)).toEqual(['夏休みに読みたい宮沢賢治']);
    expect(pub.lists[0].hits.map((h: { title: string }) => h.title)).toEqual(['風の又三郎', '注文の多い料理店']);
    expect(pub.lists[0].hits[1].availability.status).toBe('available');

    await t.http().patch(`/api/t/${katori.slug}/admin/lists/${created.body.id}`).set(auth).send({ recordIds: [r1.id, r3.id, r2.id], description: null }).expect(200);
    await t.http().patch(`/api/t/${katori.slug}/admin/lists/${hidden.body.id}`).set(auth).send({ published: true, sort: -1 }).expect(200);
    pub = await list(katori, 'recommended');
    expect(pub.lists.map((l: { title: string; description: string | null }) => [l.title, l.description])).toEqual([
      ['準備中のリスト', null],
      ['夏休みに読みたい宮沢賢治', null],
    ]);
    expect(pub.lists[1].hits.map((h: { title: string }) => h.title)).toEqual(['注文の多い料理店', 'セロ弾きのゴーシュ', '風の又三郎']);

    // a withdrawn record drops out of the public list
    await t.http().delete(`/api/t/${katori.slug}/admin/records/${r3.id}`).set(auth).expect(200);
    pub = await list(katori, 'recommended');
    expect(pub.lists[1].hits.map((h: { title: string }) => h.title)).toEqual(['注文の多い料理店', '風の又三郎']);

    const unknown = await t.http().post(`/api/t/${katori.slug}/admin/lists`).set(auth).send({ title: 'x', recordIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(unknown.body.code).toBe('LIST_RECORDS_UNKNOWN');
    const all = await t.http().get(`/api/t/${katori.slug}/admin/lists`).set(auth).expect(200);
    expect(all.body.map((l: { title: string; entryCount: number }) => [l.title, l.entryCount])).toEqual([
      ['準備中のリスト', 1],
      ['夏休みに読みたい宮沢賢治', 3],
    ]);
    await t.http().delete(`/api/t/${katori.slug}/admin/lists/${hidden.body.id}`).set(auth).expect(204);
    await t.http().get(`/api/t/${katori.slug}/admin/lists/${hidden.body.id}`).set(auth).expect(404);
    const audit = await inTenant(t, katori.slug, () => tenantManager().query(`SELECT action FROM audit_log WHERE entity = 'recommended_list' ORDER BY id`));
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['list.create', 'list.create', 'list.update', 'list.update', 'list.delete']);
    // the other city sees none of it
    expect((await list(koga, 'recommended')).lists).toEqual([]);
    await t.http().get(`/api/t/${koga.slug}/admin/lists/${created.body.id}`).set({ Authorization: `Bearer ${koga.token}` }).expect(404);
  });
});
