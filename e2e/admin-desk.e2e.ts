import type { Browser, Page } from 'playwright-core';
import { api, createPatron, createRecord, Library, nav, patronPassword, provisionLibrary, signInLibrarian } from './support/admin-setup';
import { japanesePage, launchBrowser } from './support/browser';
import { startServer } from './support/server';

/** Follows a link of the side navigation (pages repeat some of them as buttons). */

interface StaffHold {
  id: string;
  title: string;
  status: string;
  pickupPointCode: string;
  placedVia: string;
  placedBy: string;
}

interface PickupPointRow {
  code: string;
  name: string;
  active: boolean;
}

/**
 * The desk's counter hold (予約受付) and the pickup points of 館・受取場所, in Chromium against
 * the real API. Each test works in a library of its own (a fresh Katori tenant), so no other
 * test's data is in the way.
 */
describe('admin console: counter holds and pickup points in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = () => japanesePage(browser);

  it('takes a hold at the counter for a patron, who then finds it in the OPAC; refuses a duplicate and a 禁帯出 record in words', async () => {
    const lib: Library = await provisionLibrary(server.url);
    const patron = await createPatron(server.url, lib, '4000001', '栗源 三郎', 'クリモト サブロウ');
    await createRecord(server.url, lib, '坊っちゃん', 'DESK-0001');
    await createRecord(server.url, lib, '郷土資料 香取の歴史', 'DESK-0002', 'sawara', false);
    const kokoro = await createRecord(server.url, lib, 'こころ', 'DESK-0003');

    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await nav(page, '予約受付');
    await page.getByRole('heading', { name: '予約受付', exact: true }).waitFor();

    // the card, as scanned
    const card = page.getByRole('textbox', { name: '利用者番号（カード）' });
    await card.fill('4000001');
    await card.press('Enter');
    await page.locator('[data-patron]').getByText('栗源 三郎').waitFor();
    await page.getByText('予約はありません。').waitFor();

    // the record by title: one hit is chosen at once
    const record = page.getByRole('textbox', { name: '書名・資料番号' });
    await record.fill('坊っちゃん');
    await record.press('Enter');
    await page.getByRole('heading', { name: '予約する資料：「坊っちゃん」' }).waitFor();

    // the pickup point: no earlier hold and no desk branch set, so the first branch's counter
    // (libs/policy defaultPickupPoint); another branch's counter is chosen instead
    const pickup = page.getByRole('combobox', { name: '受取場所' });
    await pickup.getByText('佐原中央図書館 窓口', { exact: true }).waitFor();
    await pickup.click();
    await page.getByRole('option', { name: '小見川図書館 窓口', exact: true }).click();
    await page.getByRole('listbox', { name: '受取場所' }).waitFor({ state: 'detached' });
    expect((await pickup.textContent())?.trim()).toBe('小見川図書館 窓口');
    await page.getByRole('button', { name: '予約を受け付ける' }).click();

    const ok = page.locator('[data-feedback][data-kind="ok"]');
    await ok.getByText('予約を受け付けました').waitFor();
    await ok.getByText('「坊っちゃん」 受取場所：小見川図書館 窓口').waitFor();

    // the patron's holds on this screen list it, taken at the counter
    const row = page.locator('[data-holds] tbody tr').filter({ hasText: '坊っちゃん' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('小見川図書館 窓口');
    expect(rowText).toContain('カウンター（図書 花子）'); // taken at the counter, by this librarian (display name, admin-setup.ts)
    await row.getByRole('button', { name: '「坊っちゃん」の予約を取り消す' }).waitFor();

    // the hold really is the patron's, at that pickup point, recorded as placed at the counter
    const holds = await api<StaffHold[]>(server.url, `/t/${lib.slug}/admin/patrons/${patron.id}/holds`, { token: lib.token });
    expect(holds.map((h) => ({ title: h.title, pickupPointCode: h.pickupPointCode, placedVia: h.placedVia, placedBy: h.placedBy }))).toEqual([
      { title: '坊っちゃん', pickupPointCode: 'omigawa-counter', placedVia: 'counter', placedBy: 'staff' },
    ]);

    // the same record again: refused in words, and nothing is added. The pickup point starts
    // where the patron's latest hold is collected now
    await record.fill('坊っちゃん');
    await record.press('Enter');
    await page.getByRole('heading', { name: '予約する資料：「坊っちゃん」' }).waitFor();
    await pickup.getByText('小見川図書館 窓口', { exact: true }).waitFor();
    await page.getByRole('button', { name: '予約を受け付ける' }).click();
    const refused = page.locator('[data-feedback][data-kind="refused"]');
    await refused.getByText('予約を受け付けられません').waitFor();
    await refused.getByText('この資料はすでに予約しています。').waitFor();

    // a 禁帯出 (reference only) record cannot be reserved, at the counter either
    await record.fill('香取の歴史');
    await record.press('Enter');
    await page.getByRole('heading', { name: '予約する資料：「郷土資料 香取の歴史」' }).waitFor();
    await page.getByRole('button', { name: '予約を受け付ける' }).click();
    await refused.getByText('予約を受け付けられません').waitFor();
    await refused.getByText('貸出できない資料（禁帯出・館内閲覧のみなど）は予約できません。').waitFor();
    await refused.getByText('郷土資料 香取の歴史').waitFor(); // the subject: which record was refused
    const after = await api<StaffHold[]>(server.url, `/t/${lib.slug}/admin/patrons/${patron.id}/holds`, { token: lib.token });
    expect(after.map((h) => h.title)).toEqual(['坊っちゃん']);
    expect(await page.locator('[data-holds] tbody tr').count()).toBe(1);
    await page.close();

    // the patron signs in to the OPAC and sees the hold the counter took
    const password = await patronPassword(server.url, lib, patron.id, '4000001');
    const opac = await newPage();
    await opac.goto(`${server.url}/opac/${lib.slug}/login`);
    await opac.getByLabel('利用者カードの番号').fill('4000001');
    await opac.getByLabel('パスワード', { exact: true }).fill(password);
    await opac.getByRole('button', { name: 'ログイン', exact: true }).click();
    await opac.getByRole('heading', { name: /栗源 三郎 さんの利用状況/ }).waitFor();
    await opac.getByRole('link', { name: /予約状況/ }).first().click();
    await opac.getByRole('heading', { name: '予約状況' }).waitFor();
    const opacRow = opac.locator('table.holds tbody tr').filter({ hasText: '坊っちゃん' });
    await opacRow.waitFor();
    expect(await opacRow.textContent()).toContain('小見川図書館 窓口');
    expect(await opac.locator('table.holds tbody tr').count()).toBe(1);
    // the OPAC's hold form starts at the same place, by the same rule: the library of that hold
    await opac.goto(`${server.url}/opac/${lib.slug}/hold/${kokoro.id}`);
    await opac.getByText('「こころ」を予約します。').waitFor();
    await opac.getByRole('combobox', { name: '受取館' }).getByText('小見川図書館', { exact: true }).waitFor();
    await opac.close();
  });

  it('renames a pickup point, refuses to delete one a waiting hold uses (saying how many), and deletes an unused one', async () => {
    const lib: Library = await provisionLibrary(server.url);
    // a waiting hold for Omigawa's counter: the only copy is out on loan
    await createPatron(server.url, lib, '5000001', '佐原 一郎', 'サワラ イチロウ');
    await createPatron(server.url, lib, '5000002', '小見川 花子', 'オミガワ ハナコ');
    const record = await createRecord(server.url, lib, '三四郎', 'PP-0001');
    await api(server.url, `/t/${lib.slug}/desk/checkouts`, { token: lib.token, body: { cardNumber: '5000001', itemBarcode: 'PP-0001' } });
    const hold = await api<{ status: string; pickupPointCode: string }>(server.url, `/t/${lib.slug}/desk/holds`, {
      token: lib.token,
      body: { patronCard: '5000002', recordId: record.id, pickupPoint: 'omigawa-counter', contact: 'none' },
    });
    expect({ status: hold.status, pickupPointCode: hold.pickupPointCode }).toEqual({ status: 'waiting', pickupPointCode: 'omigawa-counter' });
    // and a hold locker no hold has ever used
    await api(server.url, `/t/${lib.slug}/admin/pickup-points`, {
      token: lib.token,
      body: { code: 'sawara-locker', name: '佐原中央図書館 予約受取棚', kind: 'locker', branchCode: 'sawara' },
    });
    const points = () => api<PickupPointRow[]>(server.url, `/t/${lib.slug}/admin/pickup-points`, { token: lib.token });

    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await nav(page, '館・受取場所');
    await page.getByRole('heading', { name: /小見川図書館/ }).waitFor();

    // rename Omigawa's counter
    const omigawa = page.locator('tr[data-point="omigawa-counter"]');
    await omigawa.getByRole('button', { name: '小見川図書館 窓口 を編集' }).click();
    const form = page.getByRole('form', { name: '受取場所「小見川図書館 窓口」の編集' });
    await form.getByLabel('名称', { exact: true }).fill('小見川図書館 本館窓口');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('小見川図書館 本館窓口 を保存しました。').waitFor();
    await omigawa.getByRole('rowheader', { name: /小見川図書館 本館窓口/ }).waitFor();
    expect(await form.count()).toBe(0);
    expect((await points()).find((p) => p.code === 'omigawa-counter')).toMatchObject({ name: '小見川図書館 本館窓口', active: true });

    // deleting it is refused while the hold waits for it: the dialog says why, with the count
    await omigawa.getByRole('button', { name: '小見川図書館 本館窓口 を削除' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '受取場所「小見川図書館 本館窓口」を削除しますか？' }).waitFor();
    await dialog.getByRole('button', { name: '削除する' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('削除できません', { exact: true }).waitFor();
    await refusal.getByText(/この受取場所（小見川図書館 本館窓口）は1件の予約で使われているため削除できません。/).waitFor();
    expect(await dialog.getByRole('button', { name: '削除する' }).count()).toBe(0);
    await dialog.getByRole('button', { name: '代わりに使用を停止する' }).waitFor();
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await points()).find((p) => p.code === 'omigawa-counter')).toMatchObject({ name: '小見川図書館 本館窓口', active: true });
    expect(await omigawa.count()).toBe(1);

    // the unused locker is deleted outright
    const locker = page.locator('tr[data-point="sawara-locker"]');
    await locker.getByRole('button', { name: '佐原中央図書館 予約受取棚 を削除' }).click();
    await dialog.getByRole('heading', { name: '受取場所「佐原中央図書館 予約受取棚」を削除しますか？' }).waitFor();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('佐原中央図書館 予約受取棚 を削除しました。').waitFor();
    await locker.waitFor({ state: 'detached' });
    expect((await points()).map((p) => p.code)).not.toContain('sawara-locker');
    await page.close();
  });
});
