import type { Browser, Page } from 'playwright-core';
import { api, createRecord, platformToken, provisionLibrary, type Library } from './support/admin-setup';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';
import { wcagProblems } from './support/axe';

/**
 * 横断検索 as a patron uses it: from a member city's OPAC to the region's page, one search over
 * both cities, the book found once with each city's copies, and on to a city's record page.
 */
describe('regional OPAC (横断検索) in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: Library;
  let koga: Library;
  let region: string;
  let kogaRecord: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await provisionLibrary(server.url, 'katori', '香取市立図書館');
    koga = await provisionLibrary(server.url, 'koga', '古賀市立図書館');
    const kogaBranch = (await api<{ branches: { code: string }[] }>(server.url, `/t/${koga.slug}/info`)).branches[0].code;
    await createRecord(server.url, katori, '坊っちゃん', 'RG-K-0001', 'sawara');
    kogaRecord = (await createRecord(server.url, koga, '坊っちゃん', 'RG-G-0001', kogaBranch)).id;
    await createRecord(server.url, koga, '草枕', 'RG-G-0002', kogaBranch);
    region = `e2e${Date.now().toString(36)}`;
    await api(server.url, '/platform/regions', {
      token: await platformToken(server.url),
      body: { code: region, name: '試験県', nameEn: 'Test Prefecture', members: [katori.slug, koga.slug] },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leads from a member city to the regional search, groups the book of both cities and links to a city’s record page', async () => {
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/${koga.slug}/`);
    await page.getByRole('link', { name: '試験県の図書館をまとめて探す' }).click();
    await page.getByRole('heading', { level: 1, name: '試験県の図書館をまとめて探す' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/opac/r/${region}/`);
    await page.getByText('対象の図書館：香取市立図書館、古賀市立図書館').waitFor();

    await page.getByRole('combobox', { name: '検索語' }).fill('坊っちゃん');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByText('「坊っちゃん」の検索結果：1 件').waitFor();
    const work = page.locator('li.work');
    expect(await work.count()).toBe(1);
    expect(await work.getByRole('heading', { level: 3 }).textContent()).toContain('坊っちゃん');
    const rows = work.locator('table.holdings tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('香取市立図書館');
    expect(await rows.nth(1).textContent()).toContain('古賀市立図書館');
    expect(await rows.nth(1).textContent()).toContain('貸出可');
    // facets: both cities with their counts
    const facets = page.getByRole('complementary', { name: '絞り込み' });
    await facets.getByRole('link', { name: '古賀市立図書館' }).waitFor();
    await screenshot(page, 'opac-region-search');
    expect(await wcagProblems(page)).toEqual([]);

    // on to Koga's record page, where a patron places the hold
    await rows.nth(1).getByRole('link', { name: '古賀市立図書館の資料ページ（予約はこちら）' }).click();
    await page.waitForURL(`**/opac/${koga.slug}/records/${kogaRecord}`);
    await page.getByRole('heading', { level: 1, name: '坊っちゃん' }).waitFor();
    await page.close();
  });

  it('narrows by a work’s author, leaves an availability out and says what is filtered, in the URL', async () => {
    const kogaBranch = (await api<{ branches: { code: string }[] }>(server.url, `/t/${koga.slug}/info`)).branches[0].code;
    await createRecord(server.url, katori, '三四郎', 'RG-K-0101', 'sawara');
    await api(server.url, `/t/${koga.slug}/admin/records`, {
      token: koga.token,
      body: { title: '三四郎の東京', authors: [{ name: '平岡 敏夫' }], publishedYear: 1990, items: [{ barcode: 'RG-G-0101', branchCode: kogaBranch, loanable: false }] },
    });
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/r/${region}/?q=${encodeURIComponent('三四郎')}`);
    await page.getByText('「三四郎」の検索結果：2 件').waitFor();
    const facets = page.getByRole('complementary', { name: '絞り込み' });

    // a work's author: that author's works in every library
    await page.getByRole('link', { name: '著者「平岡 敏夫」の資料を各図書館で探す' }).click();
    await page.getByText('「三四郎」の検索結果：1 件').waitFor();
    expect(decodeURIComponent(page.url())).toContain('author=平岡 敏夫');
    const authorChip = facets.getByRole('link', { name: '「著者：平岡 敏夫」の絞り込みを解除' });
    await authorChip.click();
    await page.getByText('「三四郎」の検索結果：2 件').waitFor();

    // leave 貸出可 out: only the 館内利用のみ book is left, and the filter is said in words
    await facets.getByRole('link', { name: '「貸出可」を除く' }).click();
    await page.getByText('「三四郎」の検索結果：1 件').waitFor();
    expect(page.url()).toContain('notAvailability=available');
    expect(await page.locator('li.work h3').textContent()).toContain('三四郎の東京');
    await facets.getByRole('link', { name: '「貸出状況：除外 貸出可」の絞り込みを解除' }).waitFor();
    expect(await wcagProblems(page)).toEqual([]);
    await page.close();
  });

  it('reads in English and says when nothing matches; an unknown region says so', async () => {
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/r/${region}/?q=${encodeURIComponent('存在しない本のタイトル')}`);
    await page.getByText('「存在しない本のタイトル」に一致する資料は見つかりませんでした。').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search all libraries in Test Prefecture' }).waitFor();
    expect(await wcagProblems(page)).toEqual([]);
    await page.goto(`${server.url}/opac/r/nosuchregion${Date.now().toString(36)}/`);
    await page.getByRole('alert').getByText('There is no such region. Please check the URL.').waitFor();
    await page.close();
  });
});
