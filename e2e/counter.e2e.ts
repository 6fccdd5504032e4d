import type { Browser, Page } from 'playwright-core';
import { api, createPatron, createRecord, Library, nav, patronPassword, provisionLibrary, signInLibrarian, tokyoDay } from './support/admin-setup';
import { japanesePage, launchBrowser } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';


/**
 * The counter and the guides in Chromium against the real API (issue #21): the desk's card
 * scan with the holds waiting on the shelf, the re-scan that renews, the loan receipt and the
 * function keys; Kushiro's counter serving an expired card; Koga's web hold on a book whose
 * only copy is on the hold shelf for someone else.
 */
describe('the counter and the guides in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('desk: the card shows the holds waiting on the shelf; lending one, scanning it again renews it; the receipt prints; F2 opens check-in', async () => {
    const lib: Library = await provisionLibrary(server.url);
    const reader = await createPatron(server.url, lib, '4100001', '佐原 花子', 'サワラ ハナコ');
    await createPatron(server.url, lib, '4100002', '小見川 一郎', 'オミガワ イチロウ');
    const record = await createRecord(server.url, lib, '銀河鉄道の夜', 'RCPT-0001');
    // lent to someone else, held by the reader at the counter, returned: on the hold shelf for her
    await api(server.url, `/t/${lib.slug}/desk/checkouts`, { token: lib.token, body: { cardNumber: '4100002', itemBarcode: 'RCPT-0001' } });
    await api(server.url, `/t/${lib.slug}/desk/holds`, { token: lib.token, body: { patronId: reader.id, recordId: record.id, pickupPoint: 'sawara-counter', contact: 'none' } });
    await api(server.url, `/t/${lib.slug}/desk/checkins`, { token: lib.token, body: { itemBarcode: 'RCPT-0001', branchCode: 'sawara' } });

    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, lib);
    await nav(page, '貸出');
    await page.getByRole('heading', { name: '貸出', exact: true }).waitFor();
    await page.getByText('F1 貸出・F2 返却・F3 延長').waitFor();

    const card = page.getByRole('textbox', { name: '利用者番号（カード）' });
    await card.fill('4100001');
    await card.press('Enter');
    const ready = page.getByRole('region', { name: /予約棚でお待ちの資料 1 点/ });
    await ready.getByText('銀河鉄道の夜').waitFor();
    await ready.getByText(new RegExp(`取置期限 ${Number(tokyoDay(7).slice(0, 4))}年`)).waitFor();

    const item = page.getByRole('textbox', { name: '資料番号' });
    await item.fill('RCPT-0001');
    await item.press('Enter');
    await page.locator('[data-feedback][data-kind="ok"]').getByText('予約資料の受け取りです').waitFor();
    await page.getByRole('region', { name: /予約棚でお待ちの資料/ }).waitFor({ state: 'detached' });

    const receipt = page.locator('[data-receipt]');
    await receipt.getByText('貸出レシート').waitFor();
    await receipt.getByText('銀河鉄道の夜').waitFor();
    await receipt.getByText('合計 1 点').waitFor();
    expect(await receipt.textContent()).not.toContain('4100001');

    // the same book scanned again for the same patron: a renewal is offered, not 先に返却処理を
    await item.fill('RCPT-0001');
    await item.press('Enter');
    await page.locator('[data-feedback][data-kind="info"]').getByText('この利用者に貸出中の資料です').waitFor();
    await page.getByRole('button', { name: '延長する' }).click();
    await page.locator('[data-feedback][data-kind="ok"]').getByText('延長しました').waitFor();

    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: '返却', exact: true }).waitFor();
    await page.close();
  });

  it('kushiro: the counter takes a hold on an expired card (the web refuses it) and says to renew the card', async () => {
    const lib: Library = await provisionLibrary(server.url, 'kushiro', '釧路市立図書館');
    await api(server.url, `/t/${lib.slug}/admin/patrons`, {
      token: lib.token,
      body: { cardNumber: '41000011', name: '阿寒 次郎', nameKana: 'アカン ジロウ', birthDate: '1975-05-05', expiresAt: tokyoDay(-3) },
    });
    await createRecord(server.url, lib, '挽歌', 'KSR-0001', 'central');

    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, lib);
    await nav(page, '予約受付');
    const card = page.getByRole('textbox', { name: '利用者番号（カード）' });
    await card.fill('41000011');
    await card.press('Enter');
    const info = page.locator('[data-feedback][data-kind="info"]');
    await info.getByText(/利用者カードの有効期限が切れています/).waitFor();
    await info.getByText('窓口では予約を受け付けられます。カードの更新手続きをご案内ください。').waitFor();

    const record = page.getByRole('textbox', { name: '書名・資料番号' });
    await record.fill('挽歌');
    await record.press('Enter');
    await page.getByRole('heading', { name: '予約する資料：「挽歌」' }).waitFor();
    await page.getByRole('button', { name: '予約を受け付ける' }).click();
    const ok = page.locator('[data-feedback][data-kind="ok"]');
    await ok.getByText('予約を受け付けました').waitFor();
    await ok.getByText('窓口では予約を受け付けられます。カードの更新手続きをご案内ください。').waitFor();
    await page.close();
  });

  it('kushiro: a hold for the 予約取置室 gets a shelf when the book is trapped; the slip, the shelf list and the patron\'s My page name it', async () => {
    const lib: Library = await provisionLibrary(server.url, 'kushiro', '釧路市立図書館');
    const reader = await createPatron(server.url, lib, '41000021', '春採 みどり', 'ハルトリ ミドリ');
    await createPatron(server.url, lib, '41000022', '鶴見 太郎', 'ツルミ タロウ');
    const record = await createRecord(server.url, lib, '霧の街', 'KSR-LOCK-1', 'central');
    const password = await patronPassword(server.url, lib, reader.id, '41000021');
    const patron = await api<{ token: string }>(server.url, `/t/${lib.slug}/auth/login`, { body: { cardNumber: '41000021', password } });
    // out with someone else; the reader asks for it at the hold locker room
    await api(server.url, `/t/${lib.slug}/desk/checkouts`, { token: lib.token, body: { cardNumber: '41000022', itemBarcode: 'KSR-LOCK-1' } });
    await api(server.url, `/t/${lib.slug}/me/holds`, { token: patron.token, body: { recordIds: [record.id], pickupPointCode: 'central-locker', contact: 'none' } });

    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, lib);
    await nav(page, '返却');
    await page.getByRole('heading', { name: '返却', exact: true }).waitFor();
    const returned = page.locator('input[name=itemBarcode]');
    await returned.fill('KSR-LOCK-1');
    await returned.press('Enter');
    await page.locator('[data-feedback][data-kind="hold"]').waitFor();
    const slip = page.locator('[data-slip]');
    await slip.getByText('春採 みどり 様').waitFor();
    await slip.getByText('中央図書館 予約取置室').waitFor();
    const shelf = slip.locator('.shelf-number');
    await shelf.getByText('取置室の棚').waitFor();
    const number = (await shelf.textContent())!.replace('取置室の棚', '').trim();
    expect(number).toMatch(/^[1-9][0-9]*$/);
    const holds = await api<{ status: string; shelfNumber?: number }[]>(server.url, `/t/${lib.slug}/admin/patrons/${reader.id}/holds`, { token: lib.token });
    expect(holds).toEqual([expect.objectContaining({ status: 'ready', shelfNumber: Number(number) })]);
    await page.close();

    // the patron signs in to the OPAC and reads the shelf on My page's holds
    const opac = await japanesePage(browser);
    await opac.goto(`${server.url}/opac/${lib.slug}/login`);
    await opac.getByLabel('利用者カードの番号').fill('41000021');
    await opac.getByLabel('パスワード', { exact: true }).fill(password);
    await opac.getByRole('button', { name: 'ログイン', exact: true }).click();
    await opac.getByRole('heading', { name: /春採 みどり さんの利用状況/ }).waitFor();
    await opac.goto(`${server.url}/opac/${lib.slug}/my/holds`);
    await opac.getByText('霧の街').first().waitFor();
    await opac.locator('.shelf-number').getByText(`予約取置室の棚番号 ${number}`).waitFor();
    await opac.close();
  });

  it('koga: a loanable book whose only copy waits on the hold shelf for someone else can be reserved on the web', async () => {
    const koga = await OpacFixture.create(server.url, 'koga');
    const rec = await koga.record({ title: '古賀の民話', titleReading: 'コガ ノ ミンワ', branchCode: 'main', barcodes: ['KOGA-0001'] });
    const first = await koga.patron({ cardNumber: '100000101', name: '古賀 一郎', nameKana: 'コガ イチロウ', birthDate: '1980-01-02', email: 'ichiro@example.jp' });
    const reader = await koga.patron({ cardNumber: '100000102', name: '古賀 花子', nameKana: 'コガ ハナコ', birthDate: '1985-03-04', phone: '0924000000' });
    await koga.registerPassword('100000102', 'koga1234', { nameKana: 'コガ ハナコ', birthDate: '19850304', phone: '0924000000' });
    await koga.staff('PATCH', `/admin/patrons/${reader.id}`, { email: 'hanako@example.jp' }); // Koga's contact is e-mail only
    await koga.patron({ cardNumber: '100000103', name: '古賀 三郎', nameKana: 'コガ サブロウ', birthDate: '1970-01-01' });
    await koga.checkout('100000103', 'KOGA-0001');
    await koga.staff('POST', '/desk/holds', { patronId: first.id, recordId: rec.id });
    await koga.staff('POST', '/desk/checkins', { itemBarcode: 'KOGA-0001' }); // on the hold shelf for 一郎

    const page = await japanesePage(browser);
    await page.goto(koga.page('login'));
    await page.getByLabel('利用者カードの番号').fill('100000102');
    await page.getByLabel('パスワード', { exact: true }).fill('koga1234');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: /古賀 花子 さんの利用状況/ }).waitFor();

    await page.goto(koga.page(`records/${rec.id}`));
    await page.getByRole('heading', { name: '古賀の民話' }).waitFor();
    await page.getByRole('button', { name: '予約かごに入れる' }).click();
    await page.getByText('予約かごに入れました。').waitFor();
    expect(await page.getByText('貸出できない資料').count()).toBe(0);
    await page.getByRole('link', { name: '予約かごを見る' }).click();
    await page.getByRole('heading', { name: '予約かご' }).waitFor();
    await page.getByRole('button', { name: /選択した 1 点を予約する/ }).click();
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('heading', { name: '予約内容の確認' }).waitFor();
    await page.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByText('1 点の予約を受け付けました。').waitFor();
    const holds = await (await koga.asPatron('100000102', 'koga1234'))<{ recordId: string; status: string }[]>('GET', '/me/holds');
    expect(holds).toEqual([expect.objectContaining({ recordId: rec.id, status: 'waiting' })]);
    await page.close();
  });

  it('katori kiosk: a patron registers a password by touch alone — numeric keys, the 50音 pad for the katakana name, letters for the password — then signs in', async () => {
    const katori = await OpacFixture.create(server.url, 'katori');
    await katori.patron({ cardNumber: '2100001', name: '山田 ガク', nameKana: 'ヤマダ ガク', birthDate: '1971-04-16' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 }, locale: 'ja-JP', hasTouch: true });
    page.setDefaultTimeout(15_000);
    await page.goto(katori.page('register?kiosk=1'));
    await page.getByRole('heading', { name: 'パスワード登録' }).waitFor();
    const keys = page.locator('.kiosk-keys');
    const tapKeys = async (text: string) => {
      for (const k of text) await keys.getByRole('button', { name: k, exact: true }).tap();
    };
    const field = (name: string) => page.locator(`input[name="${name}"]`);
    /** A finger on the field's box (its label covers an empty input's middle). */
    const touchField = (name: string) => page.locator('mat-form-field', { has: field(name) }).tap();

    await touchField('card');
    await tapKeys('2100001');
    await touchField('nameKana');
    await keys.getByRole('group', { name: /50音キー/ }).waitFor();
    await tapKeys('ヤマタ');
    await keys.getByRole('button', { name: '濁点（゛）' }).tap();
    await keys.getByRole('button', { name: '空白', exact: true }).tap();
    await tapKeys('カ');
    await keys.getByRole('button', { name: '濁点（゛）' }).tap();
    await tapKeys('ク');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="nameKana"]')?.value === 'ヤマダ　ガク');
    await touchField('birthDate');
    await tapKeys('19710401');
    await touchField('new-password');
    await tapKeys('tosho24');
    await touchField('confirm-password');
    await tapKeys('tosho24');
    for (const name of ['card', 'nameKana', 'birthDate', 'new-password', 'confirm-password']) expect(await field(name).getAttribute('readonly')).not.toBeNull();

    await page.getByRole('button', { name: '登録する', exact: true }).tap();
    await page.getByText('パスワードを登録しました。').waitFor();
    const me = await (await katori.asPatron('2100001', 'tosho24'))<{ cardNumber: string }>('GET', '/me');
    expect(me.cardNumber).toBe('2100001');
    await page.close();
  });
});
