import { tenantManager } from '@shiori/tenancy';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, insertPatron, search, setItemStatus, titles, twoCatalogTenants } from './support/catalog-factories';

/** Cataloguing: records and copies through the librarians' API, on two tenants. */
describe('catalogue records and copies', () => {
  let t: TestApp;
  let a: CatalogTenant;
  let b: CatalogTenant;
  const admin = (c: CatalogTenant) => ({ Authorization: `Bearer ${c.token}` });

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = await twoCatalogTenants(t);
  });
  afterAll(() => t.close());

  it('creates a record with copies; the ISBN is stored as ISBN-13 and availability is computed', async () => {
    const [b1, b2] = [barcode(), barcode()];
    const res = await t
      .http()
      .post(`/api/t/${a.slug}/admin/records`)
      .set(admin(a))
      .send({
        title: '吾輩は猫である',
        titleReading: 'ワガハイ ワ ネコ デ アル',
        authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
        publisher: '岩波書店',
        publishedYear: 1990,
        isbn: '4-00-310101-4',
        ndc: '913.6',
        volume: '上',
        items: [
          { barcode: b1, branchCode: a.branches[0] },
          { barcode: b2, branchCode: a.branches[1], loanable: false, shelfLocation: '郷土資料' },
        ],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      title: '吾輩は猫である',
      isbn: '9784003101018',
      materialType: 'book',
      ndc: '913.6',
      volume: '上',
      availability: { total: 2, available: 1, onLoan: 0, status: 'available' },
      withdrawnAt: null,
    });
    expect(res.body.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.items).toEqual([
      expect.objectContaining({ barcode: b1, branchCode: a.branches[0], status: 'on-shelf', loanable: true }),
      expect.objectContaining({ barcode: b2, branchCode: a.branches[1], status: 'on-shelf', loanable: false, shelfLocation: '郷土資料' }),
    ]);
    const got = await t.http().get(`/api/t/${a.slug}/admin/records/${res.body.id}`).set(admin(a)).expect(200);
    expect(got.body.items).toHaveLength(2);
    // the write is audited
    const audit = await inTenant(t, a.slug, () => tenantManager().query(`SELECT action, actor_kind FROM audit_log WHERE entity_id = $1`, [res.body.id]));
    expect(audit).toEqual([{ action: 'record.create', actor_kind: 'librarian' }]);
  });

  it('refuses bad input with problem+json codes and writes nothing', async () => {
    const missingTitle = await t.http().post(`/api/t/${a.slug}/admin/records`).set(admin(a)).send({ publisher: 'x' }).expect(400);
    expect(missingTitle.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missingTitle.body.code).toBe('VALIDATION');
    expect(missingTitle.body.errors.map((e: { path: string }) => e.path)).toContain('title');

    const badIsbn = await t.http().post(`/api/t/${a.slug}/admin/records`).set(admin(a)).send({ title: 'x', isbn: '978-4-00-310101-9' }).expect(422);
    expect(badIsbn.body.code).toBe('ISBN_INVALID');

    const unknownBranch = await t
      .http()
      .post(`/api/t/${a.slug}/admin/records`)
      .set(admin(a))
      .send({ title: '幻の本', items: [{ barcode: barcode(), branchCode: 'nowhere' }] })
      .expect(422);
    expect(unknownBranch.body.code).toBe('BRANCH_NOT_FOUND');

    const unknownType = await t.http().post(`/api/t/${a.slug}/admin/records`).set(admin(a)).send({ title: '幻の本', materialType: 'scroll' }).expect(422);
    expect(unknownType.body.code).toBe('MATERIAL_TYPE_UNKNOWN');

    const dup = barcode();
    await createRecord(t, a, { title: '重複の元', items: [{ barcode: dup, branchCode: a.branches[0] }] });
    const clash = await t
      .http()
      .post(`/api/t/${a.slug}/admin/records`)
      .set(admin(a))
      .send({ title: '幻の本', items: [{ barcode: barcode(), branchCode: a.branches[0] }, { barcode: dup, branchCode: a.branches[0] }] })
      .expect(409);
    expect(clash.body.code).toBe('BARCODE_EXISTS');
    // none of the refused records exists: the request transaction rolled back
    const ghosts = await inTenant(t, a.slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE title = '幻の本'`));
    expect(ghosts[0].n).toBe(0);
  });

  it('keeps the search columns in step when a record is edited', async () => {
    const r = await createRecord(t, a, { title: '旧い書名の本', authors: [{ name: '山田 花子' }] });
    expect(titles(await search(t, a.slug, { q: '旧い書名' }))).toContain('旧い書名の本');
    const res = await t
      .http()
      .patch(`/api/t/${a.slug}/admin/records/${r.id}`)
      .set(admin(a))
      .send({ title: '新しい表題の本', titleReading: 'アタラシイ ヒョウダイ ノ ホン', authors: [{ name: '鈴木 一郎', reading: 'スズキ イチロウ' }], subtitle: null })
      .expect(200);
    expect(res.body).toMatchObject({ title: '新しい表題の本', subtitle: null, authors: [{ name: '鈴木 一郎', reading: 'スズキ イチロウ' }] });
    expect(titles(await search(t, a.slug, { q: '旧い書名' }))).not.toContain('新しい表題の本');
    expect(titles(await search(t, a.slug, { q: '新しい表題' }))).toContain('新しい表題の本');
    expect(titles(await search(t, a.slug, { q: 'あたらしいひょうだい' }))).toContain('新しい表題の本');
    expect(titles(await search(t, a.slug, { author: '鈴木一郎' }))).toContain('新しい表題の本');
    expect(titles(await search(t, a.slug, { author: '山田' }))).not.toContain('新しい表題の本');
  });

  it('adds, edits and withdraws copies; availability follows every change', async () => {
    const first = barcode();
    const r = await createRecord(t, a, { title: '所蔵変更の本', items: [{ barcode: first, branchCode: a.branches[0] }] });
    const second = barcode();
    const added = await t.http().post(`/api/t/${a.slug}/admin/records/${r.id}/items`).set(admin(a)).send({ barcode: second, branchCode: a.branches[1] }).expect(201);
    expect(added.body).toMatchObject({ barcode: second, branchCode: a.branches[1], status: 'on-shelf', loanable: true });
    const availability = async () => (await t.http().get(`/api/t/${a.slug}/admin/records/${r.id}`).set(admin(a)).expect(200)).body.availability;
    expect(await availability()).toEqual({ total: 2, available: 2, onLoan: 0, status: 'available' });

    await t.http().patch(`/api/t/${a.slug}/admin/items/${first}`).set(admin(a)).send({ loanable: false }).expect(200);
    await t.http().patch(`/api/t/${a.slug}/admin/items/${second}`).set(admin(a)).send({ status: 'missing' }).expect(200);
    expect(await availability()).toEqual({ total: 2, available: 0, onLoan: 0, status: 'reference-only' });

    await t.http().patch(`/api/t/${a.slug}/admin/items/${second}`).set(admin(a)).send({ status: 'on-shelf', branchCode: a.branches[2], shelfLocation: '児童 913' }).expect(200);
    const moved = await t.http().get(`/api/t/${a.slug}/admin/items/${second}`).set(admin(a)).expect(200);
    expect(moved.body).toMatchObject({ branchCode: a.branches[2], shelfLocation: '児童 913', status: 'on-shelf', recordId: r.id, title: '所蔵変更の本' });
    expect(await availability()).toEqual({ total: 2, available: 1, onLoan: 0, status: 'available' });

    // the desk lends it: the librarian cannot mark a copy in a patron's hands as missing
    await setItemStatus(t, a.slug, second, 'on-loan');
    expect(await availability()).toEqual({ total: 2, available: 0, onLoan: 1, status: 'on-loan' });
    const refused = await t.http().patch(`/api/t/${a.slug}/admin/items/${second}`).set(admin(a)).send({ status: 'missing' }).expect(409);
    expect(refused.body.code).toBe('ITEM_IN_CIRCULATION');
    await setItemStatus(t, a.slug, second, 'on-shelf');

    const gone = await t.http().delete(`/api/t/${a.slug}/admin/items/${first}`).set(admin(a)).expect(200);
    expect(gone.body.status).toBe('withdrawn');
    expect(await availability()).toEqual({ total: 1, available: 1, onLoan: 0, status: 'available' });

    const badStatus = await t.http().patch(`/api/t/${a.slug}/admin/items/${second}`).set(admin(a)).send({ status: 'on-loan' }).expect(400);
    expect(badStatus.body.code).toBe('VALIDATION');
    await t.http().patch(`/api/t/${a.slug}/admin/items/NOPE-1`).set(admin(a)).send({ loanable: true }).expect(404);
    const dup = await t.http().post(`/api/t/${a.slug}/admin/records/${r.id}/items`).set(admin(a)).send({ barcode: second, branchCode: a.branches[0] }).expect(409);
    expect(dup.body.code).toBe('BARCODE_EXISTS');
  });

  it('withdraws a record: gone from search and the OPAC, refused while a copy is on loan or a hold waits', async () => {
    const copy = barcode();
    const r = await createRecord(t, a, { title: '除籍予定の本', items: [{ barcode: copy, branchCode: a.branches[0] }] });
    await setItemStatus(t, a.slug, copy, 'on-loan');
    const onLoan = await t.http().delete(`/api/t/${a.slug}/admin/records/${r.id}`).set(admin(a)).expect(409);
    expect(onLoan.body.code).toBe('RECORD_IN_CIRCULATION');
    await setItemStatus(t, a.slug, copy, 'on-shelf');

    const patron = await insertPatron(t, a.slug);
    await inTenant(t, a.slug, () =>
      tenantManager().query(
        `INSERT INTO holds (patron_id, record_id, pickup_point_code, policy_version) SELECT $1, $2, code, 1 FROM pickup_points LIMIT 1`,
        [patron, r.id],
      ),
    );
    const held = await t.http().delete(`/api/t/${a.slug}/admin/records/${r.id}`).set(admin(a)).expect(409);
    expect(held.body.code).toBe('RECORD_HAS_HOLDS');
    await inTenant(t, a.slug, () => tenantManager().query(`UPDATE holds SET status = 'cancelled', cancelled_at = now() WHERE record_id = $1`, [r.id]));

    expect(titles(await search(t, a.slug, { q: '除籍予定' }))).toEqual(['除籍予定の本']);
    const res = await t.http().delete(`/api/t/${a.slug}/admin/records/${r.id}`).set(admin(a)).expect(200);
    expect(res.body.withdrawnAt).not.toBeNull();
    expect(res.body.items[0].status).toBe('withdrawn');
    expect(titles(await search(t, a.slug, { q: '除籍予定' }))).toEqual([]);
    await t.http().get(`/api/t/${a.slug}/records/${r.id}`).expect(404);
    const again = await t.http().patch(`/api/t/${a.slug}/admin/records/${r.id}`).set(admin(a)).send({ title: 'x' }).expect(409);
    expect(again.body.code).toBe('RECORD_WITHDRAWN');
  });

  it('keeps each tenant’s catalogue to itself', async () => {
    const shared = barcode();
    const ra = await createRecord(t, a, { title: '香取だけの郷土誌', items: [{ barcode: shared, branchCode: a.branches[0] }] });
    // the same barcode is free in the other city
    const rb = await createRecord(t, b, { title: '古賀だけの郷土誌', items: [{ barcode: shared, branchCode: b.branches[0] }] });
    await t.http().get(`/api/t/${b.slug}/admin/records/${ra.id}`).set(admin(b)).expect(404);
    await t.http().get(`/api/t/${a.slug}/records/${rb.id}`).expect(404);
    expect(titles(await search(t, a.slug, { q: '郷土誌' }))).toEqual(['香取だけの郷土誌']);
    expect(titles(await search(t, b.slug, { q: '郷土誌' }))).toEqual(['古賀だけの郷土誌']);
    // a librarian of one city cannot catalogue in the other
    const cross = await t.http().post(`/api/t/${a.slug}/admin/records`).set(admin(b)).send({ title: 'x' }).expect(403);
    expect(cross.body.code).toBe('FORBIDDEN');
    await t.http().post(`/api/t/${a.slug}/admin/records`).send({ title: 'x' }).expect(401);
  });
});
