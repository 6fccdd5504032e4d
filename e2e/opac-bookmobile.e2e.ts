import type { Browser, Page } from 'playwright-core';
import { tokyoDay } from './support/admin-setup';
import { wcagProblems } from './support/axe';
import { japanesePhone, launchBrowser, screenshot, startApp } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';

/**
 * Kushiro's 図書館バス on a phone (390 px): the hold form lists the bus's stations with their
 * next visits and parking place, names whole; 館の案内 shows the bus's timetable and the
 * month's visits. The timetable is entered through the librarians' API.
 */
describe('OPAC bookmobile on a phone in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let kushiro: OpacFixture;
  let recordId: string;
  const card = '20261206';
  const password = 'Bus+2026x';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    kushiro = await OpacFixture.create(server.url, 'kushiro');
    // a station with a long name, visited in two days and a week later
    await kushiro.staff('PUT', '/admin/bookmobile/stations/bm-08/stops', {
      stops: [{ dates: [tokyoDay(2), tokyoDay(9)], start: '10:00', end: '10:40', place: '正面玄関前の来客用駐車場' }],
    });
    await kushiro.staff('PUT', '/admin/bookmobile/stations/bm-09/stops', { stops: [{ dates: [tokyoDay(3)], start: '13:30', end: '14:10', place: '公園駐車場' }] });
    recordId = (await kushiro.record({ title: '吾輩は猫である', author: '夏目漱石', branchCode: 'central', barcodes: ['BM-E2E-1'] })).id;
    const patron = await kushiro.patron({ cardNumber: card, name: '釧路 花子', nameKana: 'クシロ ハナコ', birthDate: '1980-04-01' });
    const temporary = await kushiro.temporaryPassword(patron.id);
    const first = await fetch(`${server.url}/api/t/${kushiro.slug}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: card, password: temporary }),
    }).then((r) => r.json());
    await fetch(`${server.url}/api/t/${kushiro.slug}/me/password`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ currentPassword: temporary, newPassword: password }),
    });
    const asPatron = await kushiro.asPatron(card, password);
    await asPatron('POST', '/me/cart', { recordId });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(path: string): Promise<Page> {
    const page = await japanesePhone(browser);
    await page.goto(kushiro.page(path));
    return page;
  }

  /** Nothing wider than the phone: no sideways scrolling. */
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('lists the stations with their next visits and place in the hold form, names whole, and says the earliest pickup', async () => {
    const page = await phone('login');
    await page.getByLabel('利用者カードの番号').fill(card);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: /釧路 花子 さんの利用状況/ }).waitFor();
    await page.goto(kushiro.page('cart'));
    await page.getByRole('heading', { name: '予約かご' }).waitFor();
    await page.getByRole('button', { name: /選択した 1 点を予約する/ }).click();
    await page.getByRole('combobox', { name: '受取館' }).click();
    await page.getByRole('option', { name: '図書館バス（釧路BM）' }).click();

    const stations = page.getByRole('radiogroup');
    const hall = page.locator('fieldset.stations mat-radio-button', { hasText: 'ジョーワ・創路文化ホール' });
    await hall.waitFor();
    expect(await page.locator('fieldset.stations legend').textContent()).toContain('ステーション');
    expect(await hall.textContent()).toContain('10:00〜10:40');
    expect(await hall.textContent()).toContain('正面玄関前の来客用駐車場');
    // the name is whole: nothing cut off on a 390 px screen
    const name = hall.locator('.station-name');
    const clipped = await name.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    expect(clipped).toBe(false);
    const box = await name.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    await page.getByRole('radio', { name: /ジョーワ・創路文化ホール/ }).check();
    const earliest = page.locator('.station-earliest');
    await earliest.waitFor();
    const [, m, d] = tokyoDay(2).split('-').map(Number);
    expect(await earliest.textContent()).toContain(`受け取れるのは早くて`);
    expect(await earliest.textContent()).toContain(`${m}月${d}日`);
    expect(await stations.count()).toBeGreaterThan(0);
    await screenshot(page, 'opac-bookmobile-stations-phone');
    expect(await wcagProblems(page, 'form.hold-form')).toEqual([]);
    await page.close();
  });

  it('says on the record page when a hold for a bus station can be picked up at the earliest', async () => {
    const page = await phone(`records/${recordId}`);
    // the note is the app's (the server's record page has the copies and 予約する): started as a first key does
    await startApp(page);
    const note = page.locator('.bus-pickup');
    await note.waitFor();
    const [, m, d] = tokyoDay(2).split('-').map(Number);
    expect(await note.textContent()).toContain(`早くて ${tokyoDay(2).slice(0, 4)}年${m}月${d}日`);
    expect(await note.textContent()).toContain('ジョーワ・創路文化ホール');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('shows the bus’s timetable and the month’s visits on 館の案内, on a phone', async () => {
    const page = await phone('libraries');
    const bus = page.locator('opac-bookmobile-timetable');
    await bus.getByRole('heading', { name: /図書館バス（釧路BM） 巡回表/ }).waitFor();
    const station = bus.locator('[data-station="bm-08"]');
    expect(await station.locator('.station-name').textContent()).toBe('ジョーワ・創路文化ホール');
    expect(await station.textContent()).toContain('正面玄関前の来客用駐車場');
    // the bus's card says nothing of 本日開館: it has visits, not opening hours
    expect(await page.locator('article[data-branch="bm"] .today').count()).toBe(0);
    // the month's visits from today, with the station names (a visit next month shows after paging)
    const thisMonth = tokyoDay(0).slice(0, 7);
    for (const day of [tokyoDay(2), tokyoDay(3)].filter((x) => x.startsWith(thisMonth))) {
      await bus.locator(`.day[data-date="${day}"]`).waitFor();
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'opac-bookmobile-libraries-phone');
    expect(await wcagProblems(page)).toEqual([]);
    await page.close();
  });
});
