import type { Browser } from 'playwright-core';
import { api, createRecord, provisionLibrary, tokyoDay, type Library } from './support/admin-setup';
import { japanesePage, launchBrowser, screenshot, startApp } from './support/browser';
import { startServer } from './support/server';

/** 0 = Sunday … 6 = Saturday of a YYYY-MM-DD day. */
const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** 館の案内: the branch guide and the opening calendar (開館カレンダー), as a patron sees them. */
describe('OPAC libraries page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let lib: Library;
  const today = tokyoDay();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lib = await provisionLibrary(server.url);
    // the librarians close the central library today for stock-taking
    await api(server.url, `/t/${lib.slug}/admin/closed-days`, { token: lib.token, body: { branchCode: 'sawara', date: today, reason: '蔵書点検' } });
    // and enter what patrons read about it, closing it every week on the weekday after today
    await api(server.url, `/t/${lib.slug}/admin/branches/sawara`, {
      method: 'PATCH',
      token: lib.token,
      body: { address: '千葉県香取市佐原イ（試験用）', phone: '0478-00-0000', hours: { ja: '火〜金 9:30〜19:00\n土・日 9:30〜17:00' }, weeklyClosed: [(weekdayOf(today) + 1) % 7] },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each branch, whether it is open today, and this month’s calendar with today’s closure', async () => {
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/${lib.slug}/`);
    await page.getByRole('link', { name: '館の案内' }).first().click();
    await page.getByRole('heading', { level: 1, name: '館の案内' }).waitFor();
    expect(await page.title()).toContain('館の案内');

    const sawara = page.locator('article[data-branch="sawara"]');
    await sawara.getByRole('heading', { name: '佐原中央図書館' }).waitFor();
    await sawara.getByText('本日休館').waitFor();
    // what the librarians entered, through the API, as the patron reads it
    expect(await sawara.locator('.address').textContent()).toContain('千葉県香取市佐原イ（試験用）');
    expect(await sawara.locator('.phone a').getAttribute('href')).toBe('tel:0478000000');
    expect(await sawara.locator('.hours').textContent()).toContain('土・日 9:30〜17:00');
    expect(await sawara.locator('.weekly').textContent()).toContain(`毎週${'日月火水木金土'[(weekdayOf(today) + 1) % 7]}曜日`);

    const [year, month, day] = today.split('-').map(Number);
    const table = page.locator('table.month-grid');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toBe(`${year}年${month}月 佐原中央図書館の開館カレンダー`);
    const todayCell = table.locator('td[aria-current="date"]');
    expect(await todayCell.getAttribute('data-date')).toBe(today);
    expect(await todayCell.textContent()).toContain('休');
    expect(await todayCell.textContent()).toContain(`${month}月${day}日`);
    await page.locator('.closed-days').getByText('蔵書点検').waitFor();
    await screenshot(page, 'opac-libraries');

    // the next month asks the API again and draws that month
    await page.getByRole('button', { name: '次の月' }).click();
    const next = month === 12 ? `${year + 1}年1月` : `${year}年${month + 1}月`;
    await page.locator('table.month-grid caption', { hasText: next }).waitFor();
    expect(await page.locator('td[aria-current="date"]').count()).toBe(0);
    await page.close();
  });

  it('marks a copy at the closed library 本日休館 on the record page', async () => {
    const rec = await createRecord(server.url, lib, '坊っちゃん', 'CAL-0001', 'sawara');
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/${lib.slug}/records/${rec.id}`);
    // the app's holdings say 本日休館 (the server's table has the copies and their status): started as a first key does
    await startApp(page);
    const row = page.locator('table.copies tbody tr').first();
    await row.getByText('本日休館').waitFor();
    expect(await row.locator('td').first().textContent()).toContain('佐原中央図書館');
    await page.close();
  });

  it('reads in English', async () => {
    const page = await japanesePage(browser);
    await page.goto(`${server.url}/opac/${lib.slug}/libraries`);
    // the app started first (its first load may wait for its chunks' first brotli: startApp allows for it),
    // so the switch is the app's and not the click that starts it
    await startApp(page);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Libraries & opening days' }).waitFor();
    await page.locator('article[data-branch="sawara"]').getByText('Closed today').waitFor();
    await page.locator('table.month-grid caption', { hasText: 'Opening calendar of Sawara Central Library' }).waitFor();
    await page.close();
  });
});
