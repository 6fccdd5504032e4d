import type { Browser } from 'playwright-core';
import { api, platformToken, provisionLibrary, signInRegionalIt, type Library } from './support/admin-setup';
import { wcagProblems } from './support/axe';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';

/**
 * Regional IT edits a region's courier timetable (連絡車) in the admin console: a run on
 * Tuesdays calling at two libraries chosen by name, put in order, a closure; saved, and the
 * preview 「次の便」 gives the departure and arrival.
 */
describe('admin console: courier timetable (regional IT) in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let north: Library;
  let south: Library;
  let code: string;
  // names of this suite's own (the suites share one server with cities of the same names)
  const stamp = Date.now().toString(36).slice(-4);
  const northName = `連絡北市立図書館${stamp}`;
  const southName = `連絡南市立図書館${stamp}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    north = await provisionLibrary(server.url, 'kitakyushu', northName);
    south = await provisionLibrary(server.url, 'koga', southName);
    code = `crr${Date.now().toString(36)}`;
    const token = await platformToken(server.url);
    await api(server.url, '/platform/regions', { token, body: { code, name: `連絡県${stamp}`, members: [north.slug, south.slug] } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a run with two libraries in order and a closure, saves it, and previews the next run', async () => {
    const page = await japanesePage(browser);
    await signInRegionalIt(page, server.url);

    await page.getByRole('link', { name: '連絡車の時刻表' }).click();
    await page.getByRole('heading', { level: 1, name: '連絡車の時刻表' }).waitFor();
    await page.getByRole('combobox', { name: '地域' }).click();
    await page.getByRole('option', { name: `連絡県${stamp}` }).click();
    await page.getByText('便はまだありません。').waitFor();

    // a run: named, every Tuesday, 南 then 北 (added in the other order, then moved)
    await page.getByRole('button', { name: '便を追加' }).click();
    const run = page.locator('fieldset[data-run="0"]');
    await run.getByLabel('便の名前（例：火曜便）').fill('火曜便');
    await run.getByRole('combobox', { name: '1番目に立ち寄る館' }).click();
    await page.getByRole('option', { name: northName }).click();
    await run.getByRole('combobox', { name: '2番目に立ち寄る館' }).click();
    await page.getByRole('option', { name: southName }).click();
    // each library is named by its city and branch (古賀 has one library: 「{city}　古賀市立図書館」)
    await run.getByRole('button', { name: new RegExp(`^${southName}\\s+.+を1つ前へ$`) }).click();
    await run.getByRole('combobox', { name: '1番目に立ち寄る館' }).getByText(southName).waitFor();

    await page.getByRole('button', { name: '運休期間を追加' }).click();
    const closure = page.locator('fieldset.closure').first();
    await closure.getByLabel('開始日').fill('2026-12-29');
    await closure.getByLabel('終了日').fill('2027-01-03');
    await closure.getByLabel('メモ').fill('年末年始');

    // a bad date first: the API's message shows beside the run, nothing is saved
    await run.getByLabel(/ほかの運行日/).fill('2026-02-30');
    await page.getByRole('button', { name: '時刻表を保存' }).click();
    await page.getByText('保存できませんでした。赤字の項目を確認してください。').waitFor();
    await run.getByLabel(/ほかの運行日/).fill('');
    await page.getByRole('button', { name: '時刻表を保存' }).click();
    await page.getByText(`「連絡県${stamp}」の連絡車の時刻表を保存しました。`).waitFor();
    await screenshot(page, 'admin-courier');

    // the API has what the screen showed
    const token = await platformToken(server.url);
    const saved = await api<{ runs: { name: string; weekday: number; stops: { city: string; branch: string }[] }[]; closures: { first: string; last: string; note: string }[] }>(
      server.url,
      `/platform/regions/${code}/courier`,
      { token },
    );
    expect(saved.runs).toHaveLength(1);
    expect(saved.runs[0]).toMatchObject({ name: '火曜便', weekday: 2 });
    expect(saved.runs[0].stops.map((s) => s.city)).toEqual([south.slug, north.slug]);
    expect(saved.closures).toEqual([{ first: '2026-12-29', last: '2027-01-03', note: '年末年始' }]);

    // 次の便: 南 → 北 handed over on Wednesday 2026-12-23: the 29th is closed, so Tuesday 2027-01-05
    const preview = page.locator('section.preview');
    await preview.getByRole('combobox', { name: '発送する館' }).click();
    await page.getByRole('option', { name: southName }).click();
    await preview.getByRole('combobox', { name: '受け取る館' }).click();
    await page.getByRole('option', { name: northName }).click();
    await preview.getByLabel('資料を渡す日').fill('2026-12-23');
    await preview.getByRole('button', { name: '次の便を調べる' }).click();
    await preview.getByText(/到着予定：2027年1月5日\(火\)（火曜便）/).waitFor();
    await preview.getByText(/発送：2027年1月5日\(火\)/).waitFor();
    // no slug or code is shown to the librarian
    const text = (await page.locator('admin-courier-page').textContent()) ?? '';
    expect(text).not.toContain(north.slug);
    expect(text).not.toContain(south.slug);
    expect(await wcagProblems(page, 'admin-courier-page')).toEqual([]);

    // English second: the same screen and answer
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courier timetable' }).waitFor();
    await preview.getByText(/Expected: .*5 Jan 2027.*\(火曜便\)/).waitFor();
    expect(await wcagProblems(page, 'admin-courier-page')).toEqual([]);
    await page.close();
  });
});
