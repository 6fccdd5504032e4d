import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { api, createPatron, createRecord, Library, nav, patronToken, provisionLibrary, signInLibrarian, tokyoDay } from './support/admin-setup';
import { launchBrowser, screenshot } from './support/browser';
import { ADMIN_PASSWORD, startServer } from './support/server';

const MARC_FILE = path.resolve(__dirname, '..', 'apps', 'api', 'test', 'fixtures', 'marc', 'pymarc', 'test.dat');

/** Follows a link of the side navigation (pages repeat some of them as buttons). */

/** "2026年5月15日" as the console writes a library day in Japanese. */
const jaDay = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

describe('admin console in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let lib: Library;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lib = await provisionLibrary(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = () => browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'ja-JP' });

  it('lets a librarian change the loan period; the next check-out follows it', async () => {
    const patron = await createPatron(server.url, lib, '1234567', '香取 太郎', 'カトリ タロウ');
    await createRecord(server.url, lib, '吾輩は猫である', 'E2E-0001');

    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await screenshot(page, 'admin-dashboard');
    await nav(page, '貸出・予約のルール');
    const period = page.locator('input[name="loans.periodDays"]');
    await period.waitFor();
    expect(await period.inputValue()).toBe('14');
    // the schema speaks while typing
    await period.fill('0');
    await page.getByText('1以上にしてください。').first().waitFor();
    await period.fill('21');
    await page.getByText('1 件の変更（未保存）').waitFor();
    await page.locator('#policy-loans').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'admin-policy');
    await page.getByRole('button', { name: '新しい版として保存' }).click();
    await page.getByRole('dialog').getByText('貸出期間').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '新しい版として保存' }).click();
    await page.getByText(/第 2 版として保存しました/).waitFor();

    // a rule for audiovisual material: 7 days, in the material × category × branch table
    await page.getByRole('button', { name: '規則を追加' }).click();
    await page.locator('[name="loans.rules.0.materialType"]').click();
    await page.getByRole('option', { name: /視聴覚資料/ }).click();
    await page.locator('input[name="loans.rules.0.periodDays"]').fill('7');
    await page.locator('input[name="loans.rules.0.id"]').fill('av');
    await page.locator('#policy-loans').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.getByText('1 件の変更（未保存）').waitFor();
    await screenshot(page, 'admin-policy-rules');
    await page.getByRole('button', { name: '新しい版として保存' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '新しい版として保存' }).click();
    await page.getByText(/第 3 版として保存しました/).waitFor();

    // the history shows what changed, readable
    await nav(page, 'ルールの変更履歴');
    await page.getByText('第 2 版 → 第 3 版：1 件の違い').waitFor();
    await page.getByRole('cell', { name: /資料種別=av.*貸出期間=7日/ }).waitFor();
    await screenshot(page, 'admin-policy-history');

    // and the rule tester explains which rule gives which value
    await nav(page, 'ルールの確認');
    await page.getByRole('button', { name: '確認する' }).click();
    await page.locator('[data-field="periodDays"]').getByText('21日', { exact: true }).waitFor();
    await page.locator('mat-select[name=materialType]').click();
    await page.getByRole('option', { name: /視聴覚資料/ }).click();
    await page.getByRole('button', { name: '確認する' }).click();
    await page.locator('[data-field="periodDays"]').getByText('7日', { exact: true }).waitFor();
    await page.locator('[data-field="periodDays"]').getByText('規則「av」', { exact: true }).waitFor();
    await screenshot(page, 'admin-explain');

    // the next check-out is due in 21 days
    await nav(page, '貸出');
    await page.getByRole('heading', { name: '貸出', exact: true }).waitFor();
    const card = page.locator('input[name=cardNumber]');
    await card.fill('1234567');
    await card.press('Enter');
    await page.locator('[data-patron]').getByText('香取 太郎').waitFor();
    const item = page.locator('input[name=itemBarcode]');
    await item.fill('E2E-0001');
    await item.press('Enter');
    const due = tokyoDay(21);
    await page.locator('[data-feedback][data-kind="ok"]').getByText(jaDay(due)).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('itemBarcode');
    await screenshot(page, 'admin-checkout');
    const loans = await api<{ dueDate: string }[]>(server.url, `/t/${lib.slug}/admin/patrons/${patron.id}/loans`, { token: lib.token });
    expect(loans.map((l) => l.dueDate)).toEqual([due]);

    // the same copy scanned again is the patron's own loan: a renewal is offered, not a refusal
    await item.fill('E2E-0001');
    await item.press('Enter');
    await page.locator('[data-feedback][data-kind="info"]').waitFor();
    // a refusal is said in words, in red: a barcode the library does not have
    await item.fill('E2E-9999');
    await item.press('Enter');
    await page.locator('[data-feedback][data-kind="refused"]').waitFor();
    await screenshot(page, 'admin-checkout-refused');
    await page.close();
  });

  it('checks a book out at the desk, and on its return traps the next hold with a slip', async () => {
    const a = await createPatron(server.url, lib, '2345678', '佐原 一郎', 'サワラ イチロウ');
    const b = await createPatron(server.url, lib, '3456789', '小見川 花子', 'オミガワ ハナコ');
    const record = await createRecord(server.url, lib, '銀河鉄道の夜', 'E2E-0002');
    void a;

    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await nav(page, '貸出');
    await page.getByRole('heading', { name: '貸出', exact: true }).waitFor();
    const card = page.locator('input[name=cardNumber]');
    await card.fill('2345678');
    await card.press('Enter');
    const item = page.locator('input[name=itemBarcode]');
    await item.fill('E2E-0002');
    await item.press('Enter');
    await page.locator('[data-feedback][data-kind="ok"]').getByText('銀河鉄道の夜').first().waitFor();

    // while it is out, another patron reserves it (OPAC side, through the API)
    const token = await patronToken(server.url, lib, b.id, '3456789');
    await api(server.url, `/t/${lib.slug}/me/holds`, { token, body: { recordIds: [record.id], pickupPointCode: 'sawara-counter', contact: 'none' } });

    // the return traps the copy for that hold: amber answer and the slip
    await nav(page, '返却');
    await page.getByRole('heading', { name: '返却', exact: true }).waitFor(); // not the check-out page's field, still fading out
    const returned = page.locator('input[name=itemBarcode]');
    await returned.fill('E2E-0002');
    await returned.press('Enter');
    await page.locator('[data-feedback][data-kind="hold"]').getByText('予約資料です：予約棚へ').waitFor();
    const slip = page.locator('[data-slip]');
    await slip.getByText('小見川 花子 様').waitFor();
    await slip.getByText('佐原中央図書館 窓口').waitFor();
    const holds = await api<{ status: string; expiresAt: string }[]>(server.url, `/t/${lib.slug}/admin/patrons/${b.id}/holds`, { token: lib.token });
    expect(holds[0].status).toBe('ready');
    await slip.getByText(jaDay(holds[0].expiresAt)).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('itemBarcode');
    await screenshot(page, 'admin-checkin-slip');

    // the hold shelf lists it
    await nav(page, '予約棚');
    await page.getByRole('cell', { name: /小見川 花子/ }).waitFor();
    await screenshot(page, 'admin-hold-shelf');

    // the patron's page shows the hold
    await page.getByRole('link', { name: '小見川 花子' }).click();
    await page.getByRole('heading', { name: '予約', exact: true }).waitFor();
    await page.getByText('銀河鉄道の夜').first().waitFor();
    await screenshot(page, 'admin-patron');
    await page.close();
  });

  it('imports a MARC file with a progress bar and a per-record report', async () => {
    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await nav(page, '書誌の一括取り込み');
    await page.locator('input[name=file]').setInputFiles(MARC_FILE);
    await page.getByText('test.dat').waitFor();
    await page.getByRole('button', { name: '取り込みを開始' }).click();
    await page.getByRole('progressbar', { name: '取り込みの進み具合' }).waitFor();
    await page.locator('[data-import-status][data-status="done"]').waitFor({ timeout: 60_000 });
    await page.getByText('10 / 10 件').waitFor();
    const created = Number(await page.locator('[data-created]').textContent());
    const updated = Number(await page.locator('[data-updated]').textContent());
    expect(created + updated).toBe(10); // a record met twice in the file is updated, not duplicated
    expect(created).toBeGreaterThanOrEqual(9);
    expect(await page.locator('[data-rejected]').textContent()).toBe('0');
    await page.getByText('すべての書誌を取り込みました。').waitFor();
    await screenshot(page, 'admin-import');

    // the records are there to edit
    await nav(page, '書誌・所蔵');
    await page.getByLabel('書名・著者名・ISBN').fill('perl');
    await page.getByLabel('書名・著者名・ISBN').press('Enter');
    await page.getByRole('link', { name: /Perl/i }).first().click();
    await page.getByRole('heading', { name: '書誌の編集' }).waitFor();
    await screenshot(page, 'admin-record');
    await page.close();
  });

  it('closed-day calendar with national holidays, branches, notice preview, news and events, audit log, statistics; English', async () => {
    const page = await newPage();
    await signInLibrarian(page, server.url, lib);
    await nav(page, '休館日カレンダー');
    const year = Number(tokyoDay().slice(0, 4));
    await page.getByRole('button', { name: `${year}年の祝日をすべて休館日にする` }).click();
    await page.getByText(new RegExp(`${year}年の祝日 \\d+ 日のうち \\d+ 日を休館日にしました`)).waitFor();
    const days = await api<unknown[]>(server.url, `/t/${lib.slug}/admin/closed-days?from=${year}-01-01&to=${year}-12-31`, { token: lib.token });
    expect(days.length).toBeGreaterThanOrEqual(15);
    await screenshot(page, 'admin-calendar');

    await nav(page, '館・受取場所');
    await page.getByRole('heading', { name: /佐原中央図書館/ }).waitFor();
    await screenshot(page, 'admin-branches');

    await nav(page, '通知文面');
    await page.getByRole('button', { name: 'プレビュー' }).click();
    await page.locator('[data-preview]').waitFor();
    await page.locator('[data-preview]').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-templates');

    // library news and the events calendar of the OPAC
    await nav(page, 'お知らせ・行事');
    await page.getByRole('radio', { name: '行事' }).click();
    await page.getByLabel('タイトル').fill('おはなし会');
    await page.getByLabel('行事の日').fill(tokyoDay(7));
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByText('保存しました。').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'おはなし会' }).waitFor();
    await screenshot(page, 'admin-news');
    const opacNews = await fetch(`${server.url}/api/t/${lib.slug}/news`).then((r) => r.json());
    expect(opacNews.events.map((e: { title: string }) => e.title)).toContain('おはなし会');

    // who changed what
    await nav(page, '操作履歴');
    await page.getByRole('cell', { name: 'お知らせの掲載' }).first().waitFor();
    await page.getByRole('row').filter({ hasText: 'お知らせの掲載' }).getByRole('button', { name: '変更内容を見る' }).click();
    await page.getByRole('cell', { name: 'おはなし会', exact: true }).waitFor();
    await screenshot(page, 'admin-audit');

    // statistics with charts
    await nav(page, '統計');
    await page.getByRole('img', { name: '月別の貸出数' }).waitFor();
    await screenshot(page, 'admin-statistics');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByRole('heading', { name: 'Statistics', exact: true }).waitFor();
    await page.getByRole('img', { name: 'Loans per month' }).waitFor();
    await screenshot(page, 'admin-statistics-en');
    await page.close();
  });
  it('lets the regional admin sign in and create a tenant from a preset, checking the slug live', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByText('広域管理者').first().click();
    await page.getByLabel(/ユーザー名/).first().fill('admin');
    await page.getByLabel(/パスワード/).first().fill(ADMIN_PASSWORD);
    await screenshot(page, 'admin-login');
    await page.getByRole('button', { name: /^ログイン$/ }).click();
    await page.getByRole('heading', { name: '図書館一覧' }).waitFor();

    await page.getByRole('link', { name: '図書館を追加' }).click();
    // a slug in use is caught while typing
    await page.getByLabel(/スラッグ/).fill(lib.slug);
    await page.getByText('そのスラッグは使用中です').waitFor();
    const slug = `koga${Date.now().toString(36)}`.slice(0, 30);
    await page.getByLabel(/スラッグ/).fill(slug);
    await page.getByText(`「${slug}」は使用できます`).waitFor();
    await page.getByLabel(/図書館名/).first().fill('古賀市立図書館');
    await page.getByLabel(/プリセット/).click();
    await page.getByRole('option', { name: /古賀/ }).click();
    await screenshot(page, 'admin-tenant-create');
    await page.getByRole('button', { name: /^作成$/ }).click();
    await page.getByRole('cell', { name: slug }).waitFor();
    await page.getByRole('img', { name: '本日の貸出数（図書館別）' }).waitFor(); // the SVG chart
    await screenshot(page, 'admin-tenants');
    // the tenant really exists, with the preset's rules (Koga: 9-digit cards starting with 10)
    const info = await fetch(`${server.url}/api/t/${slug}/info`).then((r) => r.json());
    expect(info.name).toBe('古賀市立図書館');
    expect(info.policy.card.fixedPrefix).toBe('10');

    // staff accounts and the health page
    await page.getByRole('cell', { name: slug }).getByRole('link').click();
    await page.getByRole('heading', { name: '職員アカウント', exact: true }).waitFor();
    await page.getByLabel('ユーザー名').fill('koga-staff');
    await page.getByLabel('初期パスワード').fill('koga-initial-password');
    await page.getByRole('button', { name: /職員アカウントを追加/ }).click();
    await page.getByRole('cell', { name: 'koga-staff' }).waitFor();
    await nav(page, 'システムの状態');
    await page.getByText('正常に応答しています').waitFor();
    await page.getByRole('rowheader', { name: new RegExp(slug) }).waitFor();
    // the database servers and the libraries on each: here the one PostgreSQL, with the new library on it
    await page.getByRole('heading', { name: 'データベースのサーバーと図書館の配置' }).waitFor();
    await page.locator('admin-cluster-nodes').getByText(slug).waitFor();
    expect(await page.locator('admin-cluster-nodes h3').first().textContent()).toContain('PostgreSQL（単一サーバー）');
    await screenshot(page, 'admin-health');
    await page.close();
  });

  it('opens every librarian screen without a script error, in Japanese and in English', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await signInLibrarian(page, server.url, lib);
    const menu = page.getByRole('navigation', { name: /管理メニュー|Admin menu/ });
    for (const lang of ['ja', 'en'] as const) {
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.locator('html[lang="en"]').waitFor();
      }
      const count = await menu.getByRole('link').count();
      for (let i = 0; i < count; i++) {
        const link = menu.getByRole('link').nth(i);
        const name = (await link.textContent())?.trim();
        await link.click();
        await page.locator('#main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect({ screen: name, problems }).toEqual({ screen: name, problems: [] });
      }
    }
    await nav(page, 'Register a patron');
    await screenshot(page, 'admin-patron-new-en');
    await page.close();
  });
});

