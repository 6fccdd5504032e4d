import type { Browser, Page } from 'playwright-core';
import { api, createRecord, nav, platformToken, provisionLibrary, signInLibrarian, signInRegionalIt } from './support/admin-setup';
import { japanesePage, launchBrowser } from './support/browser';
import { startServer } from './support/server';
import { wcagProblems } from './support/axe';


/** A city by its code: the suites share one server, where several cities have the same name. */
async function chooseCity(page: Page, label: string, slug: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator(`mat-option[data-city="${slug}"]`).click();
  await page.getByRole('listbox', { name: label }).waitFor({ state: 'detached' });
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox', { name: label }).waitFor({ state: 'detached' });
}

/**
 * 広域利用 for a region's members, in Chromium against the real API: regional IT makes one
 * agreement with 「{地域}の加盟館すべて」 as the lending side; a librarian of another member then
 * lends on the resident's home card from the desk's normal check-out screen (お住まいの市).
 */
describe('admin console: a region’s agreement and lending on a home card at the desk in Chromium', () => {
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

  it('regional IT chooses 「福岡県の加盟館すべて」; kitakyushu’s desk lends to a koga resident on the koga card', async () => {
    const host = await provisionLibrary(server.url, 'kitakyushu', '北九州市立図書館');
    const home = await provisionLibrary(server.url, 'koga', '古賀市立図書館');
    const admin = await platformToken(server.url);
    const region = `fk${Date.now().toString(36)}`;
    await api(server.url, '/platform/regions', { token: admin, body: { code: region, name: '福岡県', members: [host.slug, home.slug] } });
    await api(server.url, `/t/${home.slug}/admin/patrons`, { token: home.token, body: { cardNumber: '100054321', name: '古賀 二郎', nameKana: 'コガ ジロウ' } });
    await createRecord(server.url, host, '吾輩は猫である', 'KKY-0101', 'central');

    // regional IT: the agreement for every member of the region
    const regionalIt = await japanesePage(browser);
    await signInRegionalIt(regionalIt, server.url);
    await nav(regionalIt, '広域利用の協定');
    await regionalIt.getByRole('heading', { name: '協定の一覧' }).waitFor();
    await regionalIt.getByRole('combobox', { name: '住んでいる市' }).waitFor();
    await chooseCity(regionalIt, '住んでいる市', home.slug);
    await choose(regionalIt, '貸出する市', '福岡県の加盟館すべて');
    await regionalIt.getByText('住んでいる市を含む地域の、ほかのすべての図書館で利用できます。').waitFor();
    await choose(regionalIt, 'ひな形', '共通利用券');
    await regionalIt.getByRole('button', { name: '作成', exact: true }).click();
    const row = regionalIt.locator('table tbody tr').filter({ hasText: '古賀市立図書館' }).filter({ hasText: '福岡県の加盟館すべて' });
    await row.waitFor();
    expect(await wcagProblems(regionalIt)).toEqual([]);
    const made = await api<{ homeCity: { slug: string }; hostCity: unknown; hostRegion: { code: string } | null }[]>(server.url, '/platform/agreements', { token: admin });
    expect(made.filter((a) => a.homeCity.slug === home.slug)).toEqual([expect.objectContaining({ hostCity: null, hostRegion: expect.objectContaining({ code: region }) })]);

    // the visitor is registered at kitakyushu with the koga card (as the 広域利用 page does)
    await api(server.url, `/t/${host.slug}/admin/visitors`, { token: host.token, body: { homeCity: home.slug, homeCardNumber: '100054321' } });

    // the desk's normal check-out screen: お住まいの市, then the koga card and the item
    const desk = await japanesePage(browser);
    await signInLibrarian(desk, server.url, host);
    await nav(desk, '貸出');
    await desk.getByRole('heading', { name: '貸出', exact: true }).waitFor();
    await choose(desk, 'お住まいの市', '古賀市立図書館');
    const card = desk.locator('input[name=cardNumber]');
    await card.fill('100-054321');
    await card.press('Enter');
    await desk.locator('[data-patron]').getByText('古賀 二郎').waitFor();
    const item = desk.locator('input[name=itemBarcode]');
    await item.fill('KKY-0101');
    await item.press('Enter');
    await desk.locator('[data-feedback][data-kind="ok"]').getByText('吾輩は猫である', { exact: false }).waitFor();
    expect(await wcagProblems(desk)).toEqual([]);
    const visitors = await api<{ openLoans: number; homeCity: { slug: string } }[]>(server.url, `/t/${host.slug}/admin/visitors`, { token: host.token });
    expect(visitors).toEqual([expect.objectContaining({ openLoans: 1, homeCity: expect.objectContaining({ slug: home.slug }) })]);
  });
});
