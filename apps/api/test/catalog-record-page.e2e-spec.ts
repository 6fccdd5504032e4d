import type { RecordCopy, RecordDetail } from '@shiori/contracts';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, setItemStatus, twoCatalogTenants } from './support/catalog-factories';

/** Every field of the contract, once (a field added to or removed from RecordDetail fails tsc here). */
const DETAIL_KEYS: Record<keyof RecordDetail, true> = {
  id: true, title: true, titleReading: true, subtitle: true, authors: true, publisher: true, publishedYear: true, isbn: true,
  materialType: true, series: true, volume: true, ndc: true, receivedAt: true, callNumber: true, coverUrl: true,
  availability: true, activeHolds: true, copies: true, reservable: true,
};
const COPY_KEYS: Record<keyof RecordCopy, true> = {
  barcode: true, branchCode: true, branchName: true, status: true, loanable: true, shelfLocation: true, callNumber: true,
  materialType: true, dueDate: true,
};

/**
 * The OPAC record page: copies where a patron finds them and whether the hold button shows,
 * under each city's rule — 香取 reserves any loanable copy, 古賀 only copies on loan.
 */
describe('catalogue record page', () => {
  let t: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;

  beforeAll(async () => {
    t = await createTestApp();
    [katori, koga] = await twoCatalogTenants(t, 'katori', 'koga');
  });
  afterAll(() => t.close());

  const page = async (c: CatalogTenant, id: string) => (await t.http().get(`/api/t/${c.slug}/records/${id}`).expect(200)).body;

  it('lists the copies with branch, status, loan category and shelf, without withdrawn ones', async () => {
    const [c1, c2, c3] = [barcode(), barcode(), barcode()];
    const r = await createRecord(t, katori, {
      title: '銀河鉄道の夜',
      titleReading: 'ギンガ テツドウ ノ ヨル',
      authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }],
      publisher: '新潮社',
      publishedYear: 1989,
      isbn: '9784101092058',
      items: [
        { barcode: c1, branchCode: katori.branches[0], shelfLocation: '一般 913.6 ミ' },
        { barcode: c2, branchCode: katori.branches[1], loanable: false, shelfLocation: '参考' },
        { barcode: c3, branchCode: katori.branches[1] },
      ],
    });
    await setItemStatus(t, katori.slug, c3, 'withdrawn');
    const res = await t.http().get(`/api/t/${katori.slug}/records/${r.id}`).expect(200);
    expect(res.headers.etag).toBeDefined();
    expect(res.headers['cache-control']).toMatch(/public/);
    expect(res.body).toMatchObject({
      id: r.id,
      title: '銀河鉄道の夜',
      titleReading: 'ギンガ テツドウ ノ ヨル',
      authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }],
      publishedYear: 1989,
      isbn: '9784101092058',
      availability: { total: 2, available: 1, onLoan: 0, status: 'available' },
      activeHolds: 0,
      reservable: { ok: true },
    });
    expect(res.body.copies).toEqual([
      { barcode: c1, branchCode: katori.branches[0], branchName: expect.any(String), status: 'on-shelf', loanable: true, shelfLocation: '一般 913.6 ミ', materialType: null, callNumber: null, dueDate: null },
      { barcode: c2, branchCode: katori.branches[1], branchName: expect.any(String), status: 'on-shelf', loanable: false, shelfLocation: '参考', materialType: null, callNumber: null, dueDate: null },
    ]);
    expect(res.body).not.toHaveProperty('controlNumber');
    // exactly the contract's fields go out: not the cataloguer's (control number, dates) nor a copy's `owned`
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(DETAIL_KEYS).sort());
    for (const copy of res.body.copies) expect(Object.keys(copy).sort()).toEqual(Object.keys(COPY_KEYS).sort());
  });

  it('香取: a 禁帯出 record shows no hold button; a loanable copy on the shelf may be reserved', async () => {
    const ref = await createRecord(t, katori, { title: '香取市史', items: [{ barcode: barcode(), branchCode: katori.branches[0], loanable: false }] });
    expect((await page(katori, ref.id)).reservable).toEqual({
      ok: false,
      code: 'NOT_RESERVABLE',
      reason: 'NO_LOANABLE_COPY',
      message: { ja: expect.stringContaining('予約できません'), en: expect.any(String) },
    });
    const onShelf = await createRecord(t, katori, { title: '伊能忠敬', items: [{ barcode: barcode(), branchCode: katori.branches[0] }] });
    expect((await page(katori, onShelf.id)).reservable).toEqual({ ok: true });
    const none = await createRecord(t, katori, { title: '所蔵なしの本' });
    expect((await page(katori, none.id)).reservable).toMatchObject({ ok: false, reason: 'NO_LOANABLE_COPY' });
  });

  it('古賀: only a record whose copies are all on loan may be reserved online', async () => {
    const copy = barcode();
    const r = await createRecord(t, koga, { title: '古賀の歴史', items: [{ barcode: copy, branchCode: koga.branches[0] }] });
    expect((await page(koga, r.id)).reservable).toMatchObject({ ok: false, code: 'NOT_RESERVABLE', reason: 'ON_SHELF' });
    await setItemStatus(t, koga.slug, copy, 'on-loan');
    const lent = await page(koga, r.id);
    expect(lent.reservable).toEqual({ ok: true });
    expect(lent.copies[0].status).toBe('on-loan');
    expect(lent.availability).toEqual({ total: 1, available: 0, onLoan: 1, status: 'on-loan' });
    const ref = await createRecord(t, koga, { title: '古賀市統計書', items: [{ barcode: barcode(), branchCode: koga.branches[0], loanable: false }] });
    expect((await page(koga, ref.id)).reservable).toMatchObject({ ok: false, reason: 'NO_LOANABLE_COPY' });
  });

  it('answers 404 for unknown ids, malformed ids and other cities’ records', async () => {
    const r = await createRecord(t, koga, { title: '古賀だけの本' });
    await t.http().get(`/api/t/${katori.slug}/records/${r.id}`).expect(404);
    const bad = await t.http().get(`/api/t/${katori.slug}/records/not-a-uuid`).expect(404);
    expect(bad.body.code).toBe('RECORD_NOT_FOUND');
    await t.http().get(`/api/t/${katori.slug}/records/00000000-0000-4000-8000-000000000000`).expect(404);
  });
});
