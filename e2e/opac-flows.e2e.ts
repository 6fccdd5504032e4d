import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';

/**
 * The patron's OPAC in Chromium against the real API: search → record → cart → hold → My
 * page; 予約する from a record page in 3 screens (record → form → done); renewals and 延長不可; Katori's online registration (confirmed by mail where an
 * e-mail is on file); city003's forced change of a
 * temporary password; kiosk auto-logout; the digital card's barcode.
 */
describe('OPAC patron flows in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: OpacFixture;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await OpacFixture.create(server.url, 'katori');
    await katori.record({ title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', author: '夏目漱石', branchCode: 'sawara', barcodes: ['100001', '100002'] });
    await katori.record({ title: 'こころ', titleReading: 'ココロ', author: '夏目漱石', branchCode: 'omigawa', barcodes: ['100011'] });
    await katori.record({ title: '坊っちゃん', titleReading: 'ボッチャン', author: '夏目漱石', branchCode: 'sawara', barcodes: ['100021'] });
    await katori.record({ title: '郷土資料 香取の歴史', author: '香取市', branchCode: 'sawara', barcodes: ['100031'], loanable: false });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(width = 1280, height = 900, query = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP' });
    page.setDefaultTimeout(15_000);
    if (query) await page.goto(katori.page(query));
    return page;
  }

  /** A Katori patron with a password registered online (name in katakana, birth day 01). */
  async function katoriPatron(card: string, password = 'tosho2024'): Promise<string> {
    await katori.patron({ cardNumber: card, name: '香取 花子', nameKana: 'カトリ ハナコ', birthDate: '1971-04-16' });
    await katori.registerPassword(card, password, { nameKana: 'カトリ ハナコ', birthDate: '19710401' });
    return password;
  }

  async function signIn(page: Page, f: OpacFixture, card: string, password: string): Promise<void> {
    await page.goto(f.page('login'));
    await page.getByLabel('利用者カードの番号').fill(card);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  }

  it('searches in Japanese, opens the record, reserves it from the cart and finds the hold on My page', async () => {
    const password = await katoriPatron('1000001');
    const page = await newPage();
    await signIn(page, katori, '１０００００１', password); // full-width digits are fine
    await page.getByRole('heading', { name: /香取 花子 さんの利用状況/ }).waitFor();
    await screenshot(page, 'opac-my-page');

    await page.getByRole('link', { name: /さがす/ }).click();
    await page.getByRole('combobox', { name: '検索語' }).fill('わがはい');
    await page.getByRole('combobox', { name: '検索語' }).press('Enter');
    await page.getByText(/の検索結果：1 件/).waitFor();
    await screenshot(page, 'opac-search');
    await page.getByRole('link', { name: '吾輩は猫である' }).click();

    await page.getByRole('heading', { name: '吾輩は猫である' }).waitFor();
    expect(await page.locator('.copies tbody tr').count()).toBe(2);
    await page.getByRole('cell', { name: '貸出可' }).first().waitFor();
    await page.getByRole('cell', { name: '帯出可' }).first().waitFor();
    await screenshot(page, 'opac-record');
    await page.getByRole('button', { name: '予約かごに入れる' }).click();
    await page.getByText('予約かごに入れました。').waitFor();
    await page.getByRole('link', { name: '予約かごを見る' }).click();

    await page.getByRole('heading', { name: '予約かご' }).waitFor();
    await page.getByText('吾輩は猫である').waitFor();
    await page.getByRole('button', { name: /選択した 1 点を予約する/ }).click();
    await page.getByRole('combobox', { name: '受取館' }).waitFor();
    await page.getByRole('radio', { name: '連絡不要' }).waitFor();
    await screenshot(page, 'opac-hold-form');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('heading', { name: '予約内容の確認' }).waitFor();
    await page.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByText('1 点の予約を受け付けました。').waitFor();
    await page.getByRole('link', { name: '予約状況を見る' }).click();

    await page.getByRole('heading', { name: '予約状況' }).waitFor();
    const row = page.locator('table.holds tbody tr').filter({ hasText: '吾輩は猫である' });
    await row.waitFor();
    expect(await row.textContent()).toContain('佐原中央図書館');
    await screenshot(page, 'opac-holds');

    // a 禁帯出 record has no cart button, and says why
    await page.goto(katori.page('search?q=' + encodeURIComponent('香取の歴史')));
    await page.getByRole('link', { name: /郷土資料/ }).click();
    await page.getByRole('cell', { name: '禁帯出' }).waitFor();
    expect(await page.getByRole('button', { name: '予約かごに入れる' }).count()).toBe(0);
    await page.close();
  });

  it('places a hold from a record page in 3 screens (record → form → done); signed out, 予約する signs in first and comes back to the form', async () => {
    const password = await katoriPatron('1000009');
    // records of its own: a hold sets their one copy aside, which the other tests must not meet (nor count: not 夏目漱石)
    await katori.record({ title: '高瀬舟', titleReading: 'タカセブネ', author: '森鷗外', branchCode: 'omigawa', barcodes: ['100041'] });
    await katori.record({ title: '舞姫', titleReading: 'マイヒメ', author: '森鷗外', branchCode: 'sawara', barcodes: ['100051'] });
    const page = await newPage();

    // signed out: 予約する asks for sign-in, then opens the hold form for that record
    await page.goto(katori.page('search?q=' + encodeURIComponent('舞姫')));
    await page.getByRole('link', { name: '舞姫' }).click();
    await page.getByRole('heading', { name: '舞姫' }).waitFor();
    await page.getByRole('link', { name: '予約する', exact: true }).click();
    await page.getByLabel('利用者カードの番号').fill('1000009');
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByText('「舞姫」を予約します。').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/\/hold\/[0-9a-f-]{36}$/);

    // signed in: from the record page to a placed hold, counting the page states the patron sees
    await page.goto(katori.page('search?q=' + encodeURIComponent('高瀬舟')));
    await page.getByRole('link', { name: '高瀬舟' }).click();
    const screens: string[] = [];
    /** What the patron has on screen: the address and the page's heading and step. */
    const screen = async () => {
      const heading = (await page.locator('main h1').first().textContent())?.trim();
      const current = page.locator('[aria-current="step"]');
      const step = (await current.count()) ? (await current.textContent())?.trim() : '';
      screens.push(`${new URL(page.url()).pathname} ${heading} ${step}`);
    };
    await page.getByRole('heading', { name: '高瀬舟' }).waitFor();
    await screen();
    await page.getByRole('link', { name: '予約する', exact: true }).click();
    await page.getByText('「高瀬舟」を予約します。').waitFor();
    await page.getByRole('combobox', { name: '受取館' }).waitFor(); // the cart's form: pickup library prefilled
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(1); // a contact method chosen for the patron
    await screen();
    await screenshot(page, 'opac-hold-direct-form');
    await page.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByText('1 点の予約を受け付けました。').waitFor();
    await screen();
    expect(screens).toHaveLength(3);
    expect(new Set(screens).size).toBe(3);
    expect(screens[1]).toContain('1. 受取方法');
    expect(screens[2]).toContain('2. 完了');

    await page.getByRole('link', { name: '予約状況を見る' }).click();
    await page.getByRole('heading', { name: '予約状況' }).waitFor();
    const row = page.locator('table.holds tbody tr').filter({ hasText: '高瀬舟' });
    await row.waitFor();
    expect(await row.textContent()).toContain('佐原中央図書館');
    expect(await page.locator('table.holds tbody tr').filter({ hasText: '舞姫' }).count()).toBe(0); // only the one placed
    await page.close();
  });

  it('renews a loan, and shows 延長不可 with the reason where another patron has reserved the item', async () => {
    const password = await katoriPatron('1000002');
    await katori.checkout('1000002', '100011'); // こころ
    await katori.checkout('1000002', '100021'); // 坊っちゃん
    const other = await katoriPatron('1000003', 'other2024');
    const asOther = await katori.asPatron('1000003', other);
    const search = await fetch(`${server.url}/api/t/${katori.slug}/search?q=${encodeURIComponent('坊っちゃん')}`).then((r) => r.json());
    await asOther('POST', '/me/holds', { recordIds: [search.hits[0].id], pickupPointCode: 'sawara-counter', contact: 'none' });

    const page = await newPage();
    await signIn(page, katori, '1000002', password);
    await page.getByRole('link', { name: /貸出状況/ }).first().click();
    const reserved = page.locator('table.loans tbody tr').filter({ hasText: '坊っちゃん' });
    await reserved.locator('.not-renewable', { hasText: '延長不可' }).waitFor();
    expect(await reserved.textContent()).toContain('他の方の予約が入っているため延長できません');
    expect(await reserved.getByRole('button').count()).toBe(0);

    const kokoro = page.locator('table.loans tbody tr').filter({ hasText: 'こころ' });
    await kokoro.getByRole('button', { name: '「こころ」を延長する' }).click();
    await page.getByText(/「こころ」を延長しました。/).waitFor();
    // renewed once: Katori allows one renewal, so now it is 延長不可 too
    await kokoro.locator('.not-renewable', { hasText: '延長不可' }).waitFor();
    await screenshot(page, 'opac-loans');
    await page.close();
  });

  it('registers a password online with Katori’s identity fields (birth day 01) and signs in with it', async () => {
    await katori.patron({ cardNumber: '1000004', name: '佐原 一郎', nameKana: 'サワラ イチロウ', birthDate: '1985-11-23' });
    const page = await newPage(1280, 900, 'login');
    await page.getByRole('link', { name: /パスワードを登録する/ }).click();
    await page.getByRole('heading', { name: 'パスワード登録' }).waitFor();
    expect(await page.getByLabel('登録している電話番号').count()).toBe(0); // not asked in Katori
    await page.getByLabel('利用者カードの番号').fill('1000004');
    await page.getByLabel('氏名（全角カタカナ）').fill('サワライチロウ');
    await page.getByLabel('生年月日（西暦8桁）').fill('19851123');
    await page.getByLabel('新しいパスワード', { exact: true }).fill('abcdefg1');
    await page.getByLabel('新しいパスワード（確認のため再入力）').fill('abcdefg1');
    await page.getByText('ふつう').waitFor();
    await page.locator('.match .ok').getByText('一致').waitFor();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('生年月日の「日」は 01 と入力してください。').first().waitFor();
    await page.getByLabel('生年月日（西暦8桁）').fill('19851101');
    await screenshot(page, 'opac-register');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('パスワードを登録しました。').waitFor();

    await signIn(page, katori, '1000004', 'abcdefg1');
    await page.getByRole('heading', { name: /佐原 一郎 さんの利用状況/ }).waitFor();
    await page.close();
  });

  it('registers again with an e-mail on file: the confirmation mail is announced, and its link makes the new password valid', async () => {
    await katori.patron({ cardNumber: '1000105', name: '小見川 花子', nameKana: 'オミガワ ハナコ', birthDate: '1980-07-01', email: 'omigawa@example.jp' });
    const page = await newPage(1280, 900, 'register');
    await page.getByLabel('利用者カードの番号').fill('1000105');
    await page.getByLabel('氏名（全角カタカナ）').fill('オミガワ ハナコ');
    await page.getByLabel('生年月日（西暦8桁）').fill('19800701');
    await page.getByLabel('新しいパスワード', { exact: true }).fill('hanako2026');
    await page.getByLabel('新しいパスワード（確認のため再入力）').fill('hanako2026');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText(/確認メールを送信しました。/).waitFor();
    expect(await page.getByText(/これまでのパスワードのままです/).count()).toBe(1);

    // the mail waits in the outbox (no SMTP here): the desk can read it, link and all
    const [mail] = (await katori.staff<{ items: { id: string }[] }>('GET', '/admin/notices/outbox?kind=password-confirm')).items;
    const { body } = await katori.staff<{ body: string }>('GET', `/admin/notices/outbox/${mail.id}`);
    const link = /https?:\/\/\S+confirm-password\?token=[A-Za-z0-9_-]+/.exec(body)![0];
    expect(link.startsWith(katori.page('confirm-password'))).toBe(true);
    await page.goto(link);
    await page.getByText(/新しいパスワードが有効になりました。/).waitFor();
    await signIn(page, katori, '1000105', 'hanako2026');
    await page.getByRole('heading', { name: /小見川 花子 さんの利用状況/ }).waitFor();
    await page.close();
  });

  it('city003: a temporary password lets the patron do nothing but change it', async () => {
    const city003 = await OpacFixture.create(server.url, 'city003');
    const patron = await city003.patron({ cardNumber: '01234567', name: '市民 太郎', nameKana: 'シミン タロウ', birthDate: '1990-01-01' });
    const temporary = await city003.temporaryPassword(patron.id);
    const page = await newPage();
    await signIn(page, city003, '0123456-7', temporary); // typed as printed, with the hyphen
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await page.goto(city003.page('my/loans'));
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor(); // still only the change form
    expect(await page.getByRole('link', { name: /マイページ/ }).count()).toBe(0);
    await page.getByLabel('仮パスワード（カウンターで受け取ったもの）').fill(temporary);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('12a456');
    await page.getByText('使用できない文字が含まれています：a').waitFor();
    await page.getByLabel('新しいパスワード', { exact: true }).fill('482913');
    await page.getByLabel('新しいパスワード（確認のため再入力）').fill('482913');
    await screenshot(page, 'opac-change-password');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await page.getByRole('heading', { name: /市民 太郎 さんの利用状況/ }).waitFor();
    await page.getByText('パスワードを変更しました。').waitFor();
    // city003 renews at the counter only
    await page.getByRole('link', { name: /貸出状況/ }).first().click();
    await page.getByText('貸出の延長は図書館のカウンターで受け付けています').waitFor();
    await page.close();
  });

  it('kiosk: on-screen keyboard sign-in, a visible countdown and automatic sign-out', async () => {
    const kiosk = await OpacFixture.create(server.url, 'katori');
    await kiosk.updatePolicy((p) => (p.kiosk.autoLogoutSeconds = 15));
    await kiosk.patron({ cardNumber: '2000001', name: '小見川 次郎', nameKana: 'オミガワ ジロウ', birthDate: '1960-02-10' });
    await kiosk.registerPassword('2000001', 'abc123', { nameKana: 'オミガワジロウ', birthDate: '19600201' });

    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 }, locale: 'ja-JP' });
    page.setDefaultTimeout(15_000);
    await page.goto(kiosk.page('?kiosk=1'));
    await page.getByRole('link', { name: /ログイン/ }).click();
    const keyboard = page.getByRole('group', { name: /画面キーボード/ });
    await page.getByRole('textbox', { name: '利用者カードの番号' }).click();
    for (const k of '2000001') await keyboard.getByRole('button', { name: k, exact: true }).click();
    await page.getByRole('textbox', { name: 'パスワード', exact: true }).click();
    for (const k of 'abc123') await keyboard.getByRole('button', { name: k, exact: true }).click();
    await screenshot(page, 'opac-kiosk-login');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: /小見川 次郎 さんの利用状況/ }).waitFor();
    await page.getByRole('timer').waitFor();
    // the countdown runs from the sign-in, and My page may take seconds to load on a busy machine:
    // a key restarts it (as any touch or key does), so what is read is the city's full 15 s
    await page.keyboard.press('Shift');
    await page.getByRole('timer').filter({ hasText: /自動ログアウトまで 0:1\d/ }).waitFor();
    await page.getByText(/あと \d+ 秒でログアウトします/).waitFor({ timeout: 20_000 });
    await page.getByText('一定時間操作がなかったため、ログアウトしました。').waitFor({ timeout: 25_000 });
    expect(await page.getByRole('link', { name: /ログイン/ }).count()).toBe(1);
    // the session is over on the server too
    const me = await page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).status, `${server.url}/api/t/${kiosk.slug}/me`);
    expect(me).toBe(401);
    await page.close();
  });

  it('shows the digital library card as an NW-7 barcode', async () => {
    const password = await katoriPatron('1000005');
    const page = await newPage(412, 915); // a phone
    await signIn(page, katori, '1000005', password);
    await page.getByRole('heading', { name: /さんの利用状況/ }).waitFor();
    await page.goto(katori.page('card'));
    await page.getByRole('heading', { name: 'デジタル利用者カード' }).waitFor();
    const barcode = page.locator('.barcode svg path');
    await barcode.first().waitFor();
    expect(await page.locator('.card .number').textContent()).toBe('1000005');
    await screenshot(page, 'opac-digital-card');
    await page.close();
  });

  it('fits a phone: search results and the My page menu', async () => {
    const page = await newPage(390, 844, 'search?q=' + encodeURIComponent('夏目漱石'));
    await page.getByText(/の検索結果：3 件/).waitFor();
    await screenshot(page, 'opac-search-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
  });
});
