import type { Browser, Page } from 'playwright-core';
import { api, createPatron, createRecord, nav, platformToken, provisionLibrary, signInLibrarian, signInRegionalIt } from './support/admin-setup';
import { japanesePage, launchBrowser } from './support/browser';
import { startServer } from './support/server';
import { wcagProblems } from './support/axe';


/**
 * 広域利用 at the host's desk, in Chromium against the real API: a librarian of the host city
 * reads the agreement in words, registers a resident of the agreed city (checked with the
 * home city), sees them listed, and is refused, in words, for a card the home city does not know.
 */
describe('admin console: registering a visitor from another city in Chromium', () => {
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

  it('registers a koga resident at kitakyushu’s desk under 相互利用 and lists them', async () => {
    const host = await provisionLibrary(server.url, 'kitakyushu', '北九州市立図書館');
    const home = await provisionLibrary(server.url, 'koga', '古賀市立図書館');
    const admin = await platformToken(server.url);
    await api(server.url, '/platform/agreements', { token: admin, body: { homeCity: home.slug, hostCity: host.slug, preset: 'mutual-use' } });
    const resident = await createPatron(server.url, home, '100012345', '古賀 一郎', 'コガ イチロウ');

    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, host);
    await nav(page, '広域利用');
    await page.getByRole('heading', { name: '広域利用', exact: true }).waitFor();
    // the agreement, read-only, in words
    const agreement = page.getByRole('region', { name: '古賀市立図書館 の住民が当館を利用' });
    await agreement.getByText('貸出は10点までです。').waitFor();
    await agreement.getByText('予約はできません。').waitFor();

    // an unknown card of the home city: refused in words, nothing registered
    const city = page.getByRole('combobox', { name: '住んでいる市' });
    await city.click();
    await page.getByRole('option', { name: '古賀市立図書館', exact: true }).click();
    await page.getByRole('listbox', { name: '住んでいる市' }).waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: '住んでいる市の利用者カード番号' }).fill('109999999');
    await page.getByRole('textbox', { name: '当館で発行するカード番号' }).fill('00002001');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('alert').getByText('住んでいる市にこの利用者カードは登録されていません。').waitFor();

    // the right card: registered, and listed with the home city named
    await page.getByRole('textbox', { name: '住んでいる市の利用者カード番号' }).fill('100012345');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('status').getByText('古賀 一郎 さんを登録しました（カード 00002001）。').waitFor();
    const row = page.locator('table.visitors tbody tr').filter({ hasText: '古賀 一郎' });
    await row.waitFor();
    expect((await row.textContent()) ?? '').toContain('古賀市立図書館');

    const visitors = await api<{ cardNumber: string; homeCity: { slug: string } }[]>(server.url, `/t/${host.slug}/admin/visitors`, { token: host.token });
    expect(visitors.map((v) => [v.cardNumber, v.homeCity.slug])).toEqual([['00002001', home.slug]]);
    // the page with its agreement, form and visitor table meets WCAG AA (axe-core)
    expect(await wcagProblems(page)).toEqual([]);

    // lent at kitakyushu; the patron's own city's My page names the loan and the lending city
    await createRecord(server.url, host, '坊っちゃん', 'KKY-1001', 'central');
    await api(server.url, `/t/${host.slug}/desk/checkouts`, { token: host.token, body: { cardNumber: '00002001', itemBarcode: 'KKY-1001' } });
    // koga's password rules (4–8 letters and digits): the temporary password changed at the first sign-in
    const { temporaryPassword } = await api<{ temporaryPassword: string }>(server.url, `/t/${home.slug}/admin/patrons/${resident.id}/temporary-password`, { token: home.token, body: {} });
    const first = await api<{ token: string; mustChangePassword: boolean }>(server.url, `/t/${home.slug}/auth/login`, { body: { cardNumber: '100012345', password: temporaryPassword } });
    const password = first.mustChangePassword ? 'koga2468' : temporaryPassword;
    if (first.mustChangePassword) {
      await api(server.url, `/t/${home.slug}/me/password`, { method: 'PUT', token: first.token, body: { currentPassword: temporaryPassword, newPassword: password } });
    }
    const opac = await japanesePage(browser);
    await opac.goto(`${server.url}/opac/${home.slug}/login`);
    await opac.getByLabel('利用者カードの番号').fill('100012345');
    await opac.getByLabel('パスワード', { exact: true }).fill(password);
    await opac.getByRole('button', { name: 'ログイン', exact: true }).click();
    await opac.getByRole('heading', { name: /古賀 一郎 さんの利用状況/ }).waitFor();
    await opac.goto(`${server.url}/opac/${home.slug}/my/loans`);
    const section = opac.getByRole('region', { name: '他市で借りている資料' });
    await section.waitFor();
    const loanRow = section.locator('tbody tr').filter({ hasText: '坊っちゃん' });
    await loanRow.waitFor();
    expect((await loanRow.textContent()) ?? '').toContain('北九州市立図書館');
  });

  it('admits a resident by the home card under 共通利用券 (no contact data copied) and lends on it', async () => {
    const host = await provisionLibrary(server.url, 'kitakyushu', '北九州市立図書館');
    const home = await provisionLibrary(server.url, 'koga', '古賀市立図書館');
    const admin = await platformToken(server.url);
    await api(server.url, '/platform/agreements', { token: admin, body: { homeCity: home.slug, hostCity: host.slug, preset: 'common-card' } });
    await api(server.url, `/t/${home.slug}/admin/patrons`, { token: home.token, body: { cardNumber: '100054321', name: '古賀 二郎', nameKana: 'コガ ジロウ', email: 'jiro@example.jp' } });
    await createRecord(server.url, host, '吾輩は猫である', 'KKY-0001', 'central');

    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, host);
    await nav(page, '広域利用');
    const city = page.getByRole('combobox', { name: '住んでいる市' });
    await city.click();
    await page.getByRole('option', { name: '古賀市立図書館', exact: true }).click();
    await page.getByRole('listbox', { name: '住んでいる市' }).waitFor({ state: 'detached' });
    await page.getByText('この協定では住んでいる市のカードをそのまま使います。', { exact: false }).waitFor();
    expect(await page.getByRole('textbox', { name: '当館で発行するカード番号' }).count()).toBe(0);
    await page.getByRole('textbox', { name: '住んでいる市の利用者カード番号' }).fill('100054321');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('status').getByText('古賀 二郎 さんを登録しました（カード 100054321）。').waitFor();

    await page.getByRole('heading', { name: '古賀 二郎 さんへの貸出（住んでいる市のカード）' }).waitFor();
    await page.getByRole('textbox', { name: '資料番号' }).fill('KKY-0001');
    await page.getByRole('button', { name: '貸出する' }).click();
    await page.getByText('「吾輩は猫である」を貸し出しました。', { exact: false }).waitFor();

    const visitors = await api<{ email: string | null; openLoans: number }[]>(server.url, `/t/${host.slug}/admin/visitors`, { token: host.token });
    expect(visitors).toEqual([expect.objectContaining({ email: null, openLoans: 1 })]);
  });

  it('lets regional IT create an agreement from the 相互利用 preset and test a decision on it', async () => {
    await provisionLibrary(server.url, 'kitakyushu', '宗像市民図書館');
    await provisionLibrary(server.url, 'koga', '福津市図書館');
    const page = await japanesePage(browser);
    await signInRegionalIt(page, server.url);
    await nav(page, '広域利用の協定');
    await page.getByRole('heading', { name: '新しい協定' }).waitFor();
    await page.getByRole('heading', { name: '協定の一覧' }).waitFor(); // the list has loaded
    await page.getByRole('combobox', { name: '住んでいる市' }).waitFor(); // shown once the cities have loaded

    const choose = async (label: string, option: string) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.getByRole('listbox', { name: label }).waitFor({ state: 'detached' });
    };
    await choose('住んでいる市', '福津市図書館');
    await choose('貸出する市', '宗像市民図書館');
    await choose('ひな形', '相互利用');
    expect(await page.getByRole('spinbutton', { name: '貸出点数の上限' }).inputValue()).toBe('10');
    await page.getByRole('button', { name: '作成', exact: true }).click();
    const row = page.locator('table tbody tr').filter({ hasText: '福津市図書館' }).filter({ hasText: '宗像市民図書館' });
    await row.waitFor();
    expect((await row.textContent()) ?? '').toContain('貸出は10点までです。');

    await row.getByRole('button', { name: '編集' }).click();
    await page.getByRole('heading', { name: '福津市図書館 の住民 → 宗像市民図書館（第1版）の変更' }).waitFor();
    await page.getByRole('spinbutton', { name: '貸出中の点数' }).fill('10');
    await page.getByRole('button', { name: '判定する' }).click();
    await page.getByRole('status').getByText('認められません').waitFor();
    await page.getByRole('status').getByText('貸出できる冊数の上限に達しています。').waitFor();
    expect(await wcagProblems(page)).toEqual([]);
  });
});
