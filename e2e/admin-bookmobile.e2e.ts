import type { Browser, Page } from 'playwright-core';
import { api, nav, provisionLibrary, signInLibrarian, tokyoDay, type Library } from './support/admin-setup';
import { wcagProblems } from './support/axe';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';


/** The librarian's 図書館バス巡回表 and the desk's 本日の巡回, in Chromium against the real API (Kushiro). */
describe('admin console: the bookmobile timetable and today’s stops in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let lib: Library;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lib = await provisionLibrary(server.url, 'kushiro', '釧路市中央図書館');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a stop to a station, refuses one that overlaps another station’s on the row, and previews it', async () => {
    await api(server.url, `/t/${lib.slug}/admin/bookmobile/stations/bm-02/stops`, { method: 'PUT', token: lib.token, body: { stops: [{ weekday: 3, start: '10:00', end: '10:40' }] } });
    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, lib);
    await nav(page, '図書館バス巡回表');
    await page.getByRole('heading', { name: '図書館バス巡回表', level: 1 }).waitFor();
    await page.getByText('山花小・中学校 の巡回').waitFor();

    await page.getByRole('button', { name: '巡回を追加' }).click();
    // the new row: Tuesday 10:00–10:30 by default; park by the main gate
    await page.locator('input[name="place0"]').fill('正門前');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('山花小・中学校 の巡回を保存しました。').waitFor();
    const preview = page.locator('.preview');
    await preview.getByText('山花小・中学校（正門前）').first().waitFor();

    // Wednesday 10:20 clashes with イオン御園店 (Wednesday 10:00–10:40)
    await page.getByRole('button', { name: '巡回を追加' }).click();
    await page.locator('mat-select[name="weekday1"]').click();
    await page.getByRole('option', { name: '水', exact: true }).click();
    await page.locator('input[name="start1"]').fill('10:20');
    await page.locator('input[name="end1"]').fill('10:50');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('[data-row="1"] .row-error').getByText('同じバスの別の停車と時間が重なっています。').waitFor();

    // 運休日・学校の休み: a day without the bus takes that day's stops out of the preview. Not
    // today's (on a Tuesday in Japan the preview starts with today): the next test lists today's stops
    const days = await preview.locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-date')));
    const firstDay = days.find((day) => day && day !== tokyoDay(0))!;
    const closures = page.getByRole('region', { name: '運休日・学校の休み' });
    await closures.getByRole('button', { name: '運休日を追加' }).click();
    await closures.getByLabel('運休日', { exact: true }).last().fill(firstDay);
    await closures.getByRole('button', { name: '運休日・学校の休みを保存' }).click();
    await closures.getByText('運休日・学校の休みを保存しました。').waitFor();
    await preview.locator(`:scope > li[data-date="${firstDay}"]`).waitFor({ state: 'detached' });
    await screenshot(page, 'admin-bookmobile-timetable');
    expect(await wcagProblems(page)).toEqual([]);
    await page.close();
  });

  it('lists today’s stops at the desk with the station and where the bus parks', async () => {
    await api(server.url, `/t/${lib.slug}/admin/bookmobile/stations/bm-09/stops`, {
      method: 'PUT',
      token: lib.token,
      body: { stops: [{ dates: [tokyoDay(0)], start: '13:30', end: '14:10', place: '公園駐車場' }] },
    });
    const page = await japanesePage(browser);
    await signInLibrarian(page, server.url, lib);
    await nav(page, '本日の巡回');
    await page.getByRole('heading', { name: '本日の巡回', level: 1 }).waitFor();
    const stop = page.locator('section.stop[data-station="bm-09"]');
    await stop.getByRole('heading', { name: /13:30〜14:10 駒場公園（公園駐車場）/ }).waitFor();
    await stop.getByText('受け渡す予約資料（0 点）').waitFor();
    expect(await wcagProblems(page)).toEqual([]);
    await page.close();
  });
});
