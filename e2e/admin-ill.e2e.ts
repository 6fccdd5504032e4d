import type { Browser, Page } from 'playwright-core';
import { api, createPatron, createRecord, patronPassword, platformToken, provisionLibrary, signInLibrarian, tokyoDay, type Library } from './support/admin-setup';
import { wcagProblems } from './support/axe';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';

/** Follows a link of the side navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /管理メニュー|Admin menu/ }).getByRole('link', { name, exact: true }).click();

/**
 * 相互貸借 between two member cities in Chromium against the real API: the borrowing city's
 * librarian requests a title of the lending city for a patron (regional search), the lending
 * city accepts by scanning the copy and puts it on the courier (送付リスト), the borrowing city
 * checks it in and lends it, the patron sees it on My page, it goes home and is received back.
 * The messages between the cities are delivered by regional IT's "deliver now" (jobs are off).
 */
describe('admin console: an interlibrary loan between two cities in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let borrower: Library;
  let lender: Library;
  let admin: string;
  const stamp = Date.now().toString(36).slice(-4);
  const borrowerName = `香取相互市立図書館${stamp}`;
  const lenderName = `古賀相互市立図書館${stamp}`;
  const title = `利根川図志${stamp}`;
  const barcode = `ILL-${stamp}`;

  const deliver = () => api(server.url, '/platform/city-messages/deliver', { token: admin, body: { tenants: [borrower.slug, lender.slug] } });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    borrower = await provisionLibrary(server.url, 'katori', borrowerName);
    lender = await provisionLibrary(server.url, 'koga', lenderName);
    admin = await platformToken(server.url);
    const code = `ill${Date.now().toString(36)}`;
    await api(server.url, '/platform/regions', { token: admin, body: { code, name: `相互県${stamp}`, members: [borrower.slug, lender.slug] } });
    // the courier calls every day of the next four weeks, both ways
    const dates = Array.from({ length: 28 }, (_, i) => tokyoDay(i));
    await api(server.url, `/platform/regions/${code}/courier`, {
      method: 'PUT',
      token: admin,
      body: {
        runs: [
          { name: '往路', dates, stops: [{ city: lender.slug, branch: 'main' }, { city: borrower.slug, branch: 'sawara' }] },
          { name: '復路', dates, stops: [{ city: borrower.slug, branch: 'sawara' }, { city: lender.slug, branch: 'main' }] },
        ],
        closures: [],
      },
    });
    await api(server.url, '/platform/agreements', {
      token: admin,
      body: { homeCity: borrower.slug, hostCity: lender.slug, preset: 'mutual-use', terms: { ill: { requests: true, loanDays: 21 } } },
    });
    await createRecord(server.url, lender, title, barcode, 'main');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('requests, accepts, sends, arrives, lends, returns and goes home, each city in its own words', async () => {
    const patron = await createPatron(server.url, borrower, '4100001', '佐原 相子', 'サワラ アイコ');

    // the borrowing city: a request for the patron, found with the regional search
    const out = await japanesePage(browser);
    await signInLibrarian(out, server.url, borrower);
    await nav(out, '依頼（借受）');
    await out.getByRole('heading', { level: 1, name: '相互貸借 依頼（借受）' }).waitFor();
    await out.getByLabel('利用者の利用者番号').fill('4100001');
    await out.getByRole('searchbox', { name: '地域の資料をさがす（書名・著者・ISBN）' }).fill(title);
    await out.getByRole('button', { name: '地域で検索' }).click();
    await out.getByRole('button', { name: `${lenderName}に依頼する` }).click();
    await out.getByText(`依頼先：${lenderName}「${title}」`).waitFor();
    await out.getByRole('button', { name: '依頼する', exact: true }).click();
    await out.getByRole('status').getByText(new RegExp(`ILL-\\d{6}：${lenderName}へ「${title}」を依頼しました。`)).waitFor();
    const outRow = out.locator('tr[data-request]').filter({ hasText: title });
    await outRow.locator('[data-status]').getByText('依頼中', { exact: true }).waitFor();
    expect(await outRow.textContent()).toContain(lenderName);
    expect(await outRow.textContent()).toContain('佐原 相子');
    const number = (await outRow.getAttribute('data-request')) as string;
    expect(number).toMatch(/^ILL-\d{6}$/);
    expect(await wcagProblems(out, 'admin-ill-requests-page')).toEqual([]);

    await deliver();

    // the lending city: the pull list names the requesting city and its number, never the patron
    const lend = await japanesePage(browser);
    await signInLibrarian(lend, server.url, lender);
    await nav(lend, '依頼（貸出）');
    await lend.getByRole('heading', { level: 1, name: '相互貸借 依頼（貸出）' }).waitFor();
    const inRow = lend.locator(`tr[data-request="${number}"]`);
    await inRow.locator('[data-status]').getByText('依頼中', { exact: true }).waitFor();
    expect(await inRow.textContent()).toContain(borrowerName);
    expect(await inRow.textContent()).not.toContain('佐原 相子');
    expect(await wcagProblems(lend, 'admin-ill-incoming-page')).toEqual([]);
    await inRow.getByLabel(`${number} の資料番号（バーコード）`).fill(barcode);
    await inRow.getByRole('button', { name: `受付（${number}「${title}」）` }).click();
    await inRow.locator('[data-status]').getByText('受付済', { exact: true }).waitFor();
    await inRow.getByRole('button', { name: `発送（${number}「${title}」）` }).click();
    await inRow.locator('[data-status]').getByText('輸送中', { exact: true }).waitFor();

    // 送付リスト: on the van for the borrowing city
    await nav(lend, '送付リスト');
    await lend.getByRole('heading', { level: 1, name: '送付リスト（連絡車）' }).waitFor();
    const group = lend.getByRole('region', { name: new RegExp(`届け先：${borrowerName}`) });
    await group.getByText(title).waitFor();
    expect(await group.textContent()).toContain(barcode);
    await screenshot(lend, 'admin-ill-send-list');
    expect(await wcagProblems(lend, 'admin-ill-send-list-page')).toEqual([]);

    await deliver();

    // the borrowing city: in transit with its expected arrival, checked in by a scan, lent
    await out.reload();
    await outRow.locator('[data-status]').getByText('輸送中', { exact: true }).waitFor();
    expect(await outRow.locator('[data-arrival]').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await out.getByLabel('到着した資料の資料番号（バーコード）').fill(barcode);
    await out.getByRole('button', { name: '到着・返却を記録' }).click();
    await outRow.locator('[data-status]').getByText('到着', { exact: true }).waitFor();
    await outRow.getByRole('button', { name: `貸出（${number}「${title}」）` }).click();
    await outRow.locator('[data-status]').getByText('貸出中', { exact: true }).waitFor();
    await screenshot(out, 'admin-ill-requests');
    // Katori's rule: a copy borrowed from another city is not renewed, said in words
    await outRow.getByRole('button', { name: `延長（${number}「${title}」）` }).click();
    await out.getByRole('alert').getByText('他の図書館から借りた資料は延長できません。').waitFor();

    // the patron: My page tells where the request is, the lending city by its name
    const password = await patronPassword(server.url, borrower, patron.id, '4100001');
    const opac = await japanesePage(browser);
    await opac.goto(`${server.url}/opac/${borrower.slug}/login`);
    await opac.getByLabel('利用者カードの番号').fill('4100001');
    await opac.getByLabel('パスワード', { exact: true }).fill(password);
    await opac.getByRole('button', { name: 'ログイン', exact: true }).click();
    await opac.getByRole('heading', { name: /佐原 相子 さんの利用状況/ }).waitFor();
    await opac.goto(`${server.url}/opac/${borrower.slug}/my`);
    const section = opac.getByRole('region', { name: '相互貸借（ほかの市からの取り寄せ）' });
    const mine = section.locator('tbody tr').filter({ hasText: title });
    await mine.waitFor();
    expect(await mine.textContent()).toContain(lenderName);
    expect(await mine.textContent()).toContain('貸出中');
    expect(await wcagProblems(opac, '[data-ill]')).toEqual([]);
    await opac.close();

    // returned at the desk of the borrowing city, and sent home on the courier
    await outRow.getByRole('button', { name: `返却（${number}「${title}」）` }).click();
    await outRow.locator('[data-status]').getByText('返却済', { exact: true }).waitFor();
    await outRow.getByRole('button', { name: `返送（${number}「${title}」）` }).click();
    await outRow.locator('[data-status]').getByText('返送中', { exact: true }).waitFor();
    await nav(out, '送付リスト');
    await out.getByRole('region', { name: new RegExp(`届け先：${lenderName}`) }).getByText(title).waitFor();

    await deliver();

    // home: the lending city receives it back, and both ends read 完了
    await nav(lend, '依頼（貸出）');
    await inRow.locator('[data-status]').getByText('返送中', { exact: true }).waitFor();
    await inRow.getByRole('button', { name: `返送を受け取った（${number}「${title}」）` }).click();
    await inRow.locator('[data-status]').getByText('完了', { exact: true }).waitFor();
    await deliver();
    await nav(out, '依頼（借受）');
    await outRow.locator('[data-status]').getByText('完了', { exact: true }).waitFor();

    // librarians never read a city's code
    for (const page of [out, lend]) {
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain(borrower.slug);
      expect(text).not.toContain(lender.slug);
    }

    // English second: the same list in the other language, still AA
    await out.getByRole('button', { name: 'English' }).click();
    await out.getByRole('heading', { level: 1, name: 'Interlibrary loans: requests out' }).waitFor();
    await outRow.locator('[data-status]').getByText('Completed', { exact: true }).waitFor();
    expect(await wcagProblems(out, 'admin-ill-requests-page')).toEqual([]);
    await out.close();
    await lend.close();
  });
});
