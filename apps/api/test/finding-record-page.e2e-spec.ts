import { tenantManager } from '@shiori/tenancy';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, insertHold, insertPatron, twoCatalogTenants } from './support/catalog-factories';

/**
 * The record page helps find the book on the shelf (#20): a 請求記号 per copy (its own, the
 * record's as catalogued, else NDC + author mark + volume), the shelf location, the 返却予定日
 * of a loaned copy, the hold queue, and the record's cover address. Librarians edit call
 * numbers in the item editor's API. Two cities: a record page is its city's only.
 */
describe('record page: call numbers, due dates, queue, cover', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  let id: string;
  const own = barcode('C');
  const plain = barcode('C');
  const loaned = barcode('C');

  const page = async (slug: string, recordId: string) => (await t.http().get(`/api/t/${slug}/records/${recordId}`).expect(200)).body;
  const copy = (body: { copies: { barcode: string }[] }, code: string) => body.copies.find((c) => c.barcode === code) as Record<string, unknown>;
  const staff = (method: 'patch', path: string) => t.http()[method](`/api/t/${a.slug}/admin${path}`).set('Authorization', `Bearer ${a.token}`);

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
    const created = await createRecord(t, a, {
      title: '坊っちゃん',
      titleReading: 'ボッチャン',
      authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
      ndc: '913.6',
      volume: '上',
      items: [
        { barcode: own, branchCode: a.branches[0], shelfLocation: '大活字本コーナー', callNumber: '大活字 913.6/ナ' },
        { barcode: plain, branchCode: a.branches[0], shelfLocation: '文庫' },
        { barcode: loaned, branchCode: a.branches[1] },
      ],
    });
    id = created.id;
    // the desk lent one copy, due 2026年12月20日, and two patrons wait for the book
    const patron = await insertPatron(t, a.slug);
    await inTenant(t, a.slug, async () => {
      await tenantManager().query(
        `INSERT INTO loans (item_id, patron_id, branch_code, loaned_at, due_date, policy_version)
         SELECT i.id, $2, i.branch_code, '2026-12-06T10:00:00+09:00', '2026-12-20', 1 FROM items i WHERE i.barcode = $1`,
        [loaned, patron],
      );
      await tenantManager().query(`UPDATE items SET status = 'on-loan' WHERE barcode = $1`, [loaned]);
    });
    await insertHold(t, a.slug, patron, id, '2026-12-06T11:00:00+09:00');
    await insertHold(t, a.slug, await insertPatron(t, a.slug), id, '2026-12-06T12:00:00+09:00');
  });
  afterAll(() => t.close());

  it('shows each copy’s call number, shelf location and the due date of the loaned one, and the queue', async () => {
    const body = await page(a.slug, id);
    expect(copy(body, own)).toMatchObject({ callNumber: '大活字 913.6/ナ', shelfLocation: '大活字本コーナー', status: 'on-shelf', dueDate: null });
    expect(copy(body, plain)).toMatchObject({ callNumber: '913.6/ナ/上', shelfLocation: '文庫', dueDate: null });
    expect(copy(body, loaned)).toMatchObject({ callNumber: '913.6/ナ/上', status: 'on-loan', dueDate: '2026-12-20' });
    expect(body.activeHolds).toBe(2);
    expect(body.coverUrl).toBeNull();
    // no patron data on the public page
    expect(JSON.stringify(body)).not.toContain('図書 太郎');
  });

  it('lets librarians set a copy’s call number and the record’s; clearing the copy’s falls back to the record’s', async () => {
    const item = await staff('patch', `/items/${plain}`).send({ callNumber: '913.6/ナツ/上' }).expect(200);
    expect(item.body.callNumber).toBe('913.6/ナツ/上');
    expect(copy(await page(a.slug, id), plain)).toMatchObject({ callNumber: '913.6/ナツ/上' });
    await staff('patch', `/records/${id}`).send({ callNumber: 'K913/ナ', coverUrl: 'https://example.org/covers/botchan.jpg' }).expect(200);
    await staff('patch', `/items/${plain}`).send({ callNumber: null }).expect(200);
    const body = await page(a.slug, id);
    expect(copy(body, plain)).toMatchObject({ callNumber: 'K913/ナ' });
    expect(copy(body, own)).toMatchObject({ callNumber: '大活字 913.6/ナ' });
    expect(body.coverUrl).toBe('https://example.org/covers/botchan.jpg');
    // the edit is audited
    const audit = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'item' AND entity_id = $1`, [plain]));
    expect(audit[0].n).toBeGreaterThanOrEqual(2);
  });

  it('refuses a cover address that is not http(s) and too long a call number (problem+json)', async () => {
    const bad = await staff('patch', `/records/${id}`).send({ coverUrl: 'javascript:alert(1)' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION');
    await staff('patch', `/items/${plain}`).send({ callNumber: 'x'.repeat(61) }).expect(400);
  });

  it('is this city’s only', async () => {
    const other = await t.http().get(`/api/t/${b.slug}/records/${id}`).expect(404);
    expect(other.body.code).toBe('RECORD_NOT_FOUND');
  });
});
