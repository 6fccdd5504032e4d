import type { Browser } from 'playwright-core';
import { api, createPatron, createRecord, patronPassword, platformToken, provisionLibrary, signInLibrarian, type Library } from './support/admin-setup';
import { wcagProblems } from './support/axe';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';

/**
 * 取り寄せ申込 (issue #16) in Chromium against the real API: a patron of a city whose agreement
 * lets patrons ask finds a title of another member city with the regional search (opened from
 * their city's OPAC), asks for it, sees it on My page; the city's librarian forwards it to the
 * lending city, which receives the request once regional IT delivers the messages.
 */
describe('OPAC: a patron asks for a title of another city of the region, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let borrower: Library;
  let lender: Library;
  let admin: string;
  const stamp = Date.now().toString(36).slice(-4);
  const borrowerName = `香取申込市立図書館${stamp}`;
  const lenderName = `古賀申込市立図書館${stamp}`;
  const regionName = `申込県${stamp}`;
  const title = `雪華図説${stamp}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    borrower = await provisionLibrary(server.url, 'katori', borrowerName);
    lender = await provisionLibrary(server.url, 'koga', lenderName);
    admin = await platformToken(server.url);
    await api(server.url, '/platform/regions', { token: admin, body: { code: `ask${Date.now().toString(36)}`, name: regionName, members: [borrower.slug, lender.slug] } });
    await api(server.url, '/platform/agreements', {
      token: admin,
      body: { homeCity: borrower.slug, hostCity: lender.slug, preset: 'mutual-use', terms: { ill: { requests: true, patronsMayAsk: true, loanDays: 21 } } },
    });
    await createRecord(server.url, lender, title, `ASK-${stamp}`, 'main');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks from the regional search, follows it on My page, and the librarian forwards it to the lending city', async () => {
    const patron = await createPatron(server.url, borrower, '4200001', '佐原 申子', 'サワラ シンコ');
    const password = await patronPassword(server.url, borrower, patron.id, '4200001');
    const opac = await japanesePage(browser);
    await opac.goto(`${server.url}/opac/${borrower.slug}/login`);
    await opac.getByLabel('利用者カードの番号').fill('4200001');
    await opac.getByLabel('パスワード', { exact: true }).fill(password);
    await opac.getByRole('button', { name: 'ログイン', exact: true }).click();
    await opac.getByRole('heading', { name: /佐原 申子 さんの利用状況/ }).waitFor();

    // from the city's OPAC to the region's search, which knows the reader's city
    await opac.goto(`${server.url}/opac/${borrower.slug}/`);
    await opac.getByRole('link', { name: `${regionName}の図書館をまとめて探す` }).click();
    await opac.getByRole('heading', { level: 1, name: `${regionName}の図書館をまとめて探す` }).waitFor();
    await opac.getByRole('combobox', { name: '検索語' }).fill(title);
    await opac.getByRole('button', { name: '検索' }).click();
    await opac.getByRole('link', { name: `${borrowerName}で取り寄せを申し込む` }).click();

    // the ask page of the patron's own city, signed in
    await opac.getByRole('heading', { name: 'ほかの市の図書館から取り寄せる' }).waitFor();
    expect(new URL(opac.url()).pathname).toBe(`/opac/${borrower.slug}/ill/ask`);
    await opac.getByText(title, { exact: true }).waitFor();
    await opac.getByText(lenderName, { exact: true }).waitFor();
    expect(await wcagProblems(opac, 'opac-ill-ask-page')).toEqual([]);
    await opac.getByLabel('図書館への連絡事項（任意）').fill('夏休みに読みたい');
    await opac.getByRole('button', { name: '取り寄せを申し込む' }).click();
    const done = opac.getByRole('status').getByText(/申し込みました（受付番号 ILL-\d{6}）/);
    await done.waitFor();
    const number = /ILL-\d{6}/.exec((await done.textContent()) ?? '')![0];
    await screenshot(opac, 'opac-ill-ask');

    // My page: the library is checking it, and the patron may still withdraw it
    await opac.getByRole('link', { name: 'マイページで状況を見る' }).click();
    const section = opac.getByRole('region', { name: '相互貸借（ほかの市からの取り寄せ）' });
    const mine = section.locator('tbody tr').filter({ hasText: title });
    await mine.getByText('申込受付（図書館で確認中）').waitFor();
    await mine.getByRole('button', { name: `「${title}」の取り寄せ申込を取り消す` }).waitFor();
    expect(await wcagProblems(opac, '[data-ill]')).toEqual([]);

    // the librarian forwards it to the lending city
    const desk = await japanesePage(browser);
    await signInLibrarian(desk, server.url, borrower);
    await desk.getByRole('navigation', { name: /管理メニュー|Admin menu/ }).getByRole('link', { name: '依頼（借受）', exact: true }).click();
    const row = desk.locator(`tr[data-request="${number}"]`);
    await row.locator('[data-status]').getByText('利用者申込（確認待ち）', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('利用者からの連絡：夏休みに読みたい');
    expect(await wcagProblems(desk, 'admin-ill-requests-page')).toEqual([]);
    await row.getByRole('button', { name: `貸出館へ依頼（${number}「${title}」）` }).click();
    await row.locator('[data-status]').getByText('依頼中', { exact: true }).waitFor();
    await desk.close();

    await api(server.url, '/platform/city-messages/deliver', { token: admin, body: { tenants: [borrower.slug, lender.slug] } });
    const incoming = await api<{ items: { number: string; status: string; note: string | null }[] }>(server.url, `/t/${lender.slug}/admin/ill/incoming`, { token: lender.token });
    expect(incoming.items.find((x) => x.number === number)).toMatchObject({ status: 'requested', note: '夏休みに読みたい' });

    // My page again: requested, no longer the patron's to withdraw
    await opac.reload();
    await mine.getByText('依頼中', { exact: true }).waitFor();
    expect(await mine.getByRole('button').count()).toBe(0);
    await opac.close();
  });
});
