import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startApp } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';

/**
 * Finding the book in Chromium (#20): suggestions as you type in the search box, used with
 * the keyboard as an ARIA combobox, the 「もしかして」 link after a search that missed, and the
 * result list's filters: 予約可, leaving an author out, NDC classes by name, the year range,
 * 「この条件で新着お知らせ」 (all of them saved in one click, listed in words on My page),
 * and sharing the search's link.
 */
describe('OPAC: suggestions and もしかして in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: OpacFixture;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await OpacFixture.create(server.url, 'katori');
    await katori.record({ title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デ アル', author: '夏目漱石', branchCode: 'sawara', barcodes: ['300001'] });
    await katori.record({ title: 'こころ', titleReading: 'ココロ', author: '夏目漱石', branchCode: 'omigawa', barcodes: ['300011'] });
    // 坊っちゃん (under 漱石's own name, so the searches for 夏目漱石 above keep their two) and two books about it: 禁帯出 (no hold), a walking guide classed under geography
    const book = (title: string, author: string, publishedYear: number, ndc: string, barcode: string, loanable: boolean) =>
      katori.staff('POST', '/admin/records', { title, authors: [{ name: author }], publishedYear, ndc, materialType: 'book', items: [{ barcode, branchCode: 'sawara', loanable }] });
    await book('坊っちゃん', '夏目 金之助', 1950, '913.6', '300021', true);
    await book('坊っちゃん事典', '平岡 敏夫', 1990, '910.2', '300022', false);
    await book('坊っちゃんの散歩道', '平岡 敏夫', 2010, '291.3', '300023', true);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    page.setDefaultTimeout(15_000);
    await page.goto(katori.page(path));
    // suggestions, もしかして, the filters and sharing are the app's: started as a keyboard user's first key does
    await startApp(page);
    return page;
  }

  it('suggests as you type; ↓ and Enter search the suggestion', async () => {
    const page = await newPage('');
    const box = page.getByRole('combobox', { name: '検索語' });
    await box.click();
    await box.pressSequentially('夏目', { delay: 50 });
    const option = page.getByRole('option', { name: /夏目漱石/ });
    await option.first().waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('ArrowDown');
    await page.locator('[role="combobox"][aria-activedescendant]').waitFor();
    const active = await box.getAttribute('aria-activedescendant');
    expect(active && (await page.locator(`#${active}`).textContent())).toContain('夏目漱石');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(decodeURIComponent(page.url())).toContain('q=夏目漱石');
    await page.getByText('「夏目漱石」の検索結果：2 件').waitFor();
    await page.close();
  });

  it('offers もしかして after a miss; the link searches the suggestion', async () => {
    const page = await newPage(`search?q=${encodeURIComponent('夏目漱右')}`);
    await page.getByText('「夏目漱右」に一致する資料は見つかりませんでした').waitFor();
    const link = page.getByRole('link', { name: '夏目漱石' });
    await link.waitFor();
    expect(await page.locator('.did-you-mean').textContent()).toContain('もしかして');
    await link.click();
    await page.getByText('「夏目漱石」の検索結果：2 件').waitFor();
    // the box now holds the suggestion the patron chose
    expect(await page.getByRole('combobox', { name: '検索語' }).inputValue()).toBe('夏目漱石');
    await page.close();
  });

  it('narrows to what can be reserved, leaves an author out, and names NDC classes (Japanese literature, geography)', async () => {
    const page = await newPage(`search?q=${encodeURIComponent('坊っちゃん')}`);
    await page.getByText('「坊っちゃん」の検索結果：3 件').waitFor();
    // 予約可 under Katori's rule: any loanable copy (the 禁帯出 事典 cannot be reserved)
    const reservable = page.getByRole('link', { name: '予約できる資料のみ' });
    // the count is shown once the city's rules (/info) have arrived, which may be after the results
    const reservableCount = reservable.locator('xpath=..').locator('.count');
    await reservableCount.waitFor();
    expect(await reservableCount.textContent()).toBe('(2)');
    await reservable.click();
    await page.getByText('「坊っちゃん」の検索結果：2 件').waitFor();
    expect(page.url()).toContain('reservable=true');
    await page.locator('.filters').getByText('予約可', { exact: true }).waitFor();

    // the author facet: leave 平岡 敏夫 out (NOT)
    await page.getByRole('button', { name: '著者', exact: true }).click();
    await page.getByRole('link', { name: '「平岡 敏夫」を除く' }).click();
    await page.getByText('「坊っちゃん」の検索結果：1 件').waitFor();
    expect(decodeURIComponent(page.url())).toContain('notAuthorName=平岡 敏夫');
    await page.locator('.filters').getByText('除外：平岡 敏夫').waitFor();
    expect(await page.locator('opac-hit-list').textContent()).toContain('坊っちゃん');
    await page.close();

    // NDC facets by name, one level deeper after a click: 9 文学 → 91 日本文学
    const ndc = await newPage(`search?q=${encodeURIComponent('坊っちゃん')}`);
    await ndc.getByRole('button', { name: '分類', exact: true }).click();
    await ndc.getByRole('link', { name: '2 歴史', exact: true }).waitFor();
    await ndc.getByRole('link', { name: '9 文学', exact: true }).click();
    // the class searched is named in the sentence of the total too (an advanced condition)
    await ndc.locator('.total', { hasText: '2 件' }).waitFor();
    await ndc.getByRole('link', { name: '91 日本文学', exact: true }).waitFor();
    // the chip names the class, not only its number
    await ndc.locator('.filters').getByText('9 文学').waitFor();
    await ndc.close();
  });

  it('filters by a year range typed into two labelled boxes, refusing a reversed one', async () => {
    const page = await newPage(`search?q=${encodeURIComponent('坊っちゃん')}`);
    await page.getByText('「坊っちゃん」の検索結果：3 件').waitFor();
    await page.getByRole('button', { name: '出版年', exact: true }).click();
    const from = page.getByRole('spinbutton', { name: '何年から' });
    const to = page.getByRole('spinbutton', { name: '何年まで' });
    await from.fill('2000');
    await to.fill('1990');
    await page.getByRole('alert').getByText('「何年から」は「何年まで」より前の年にしてください。').waitFor();
    expect(await page.getByRole('button', { name: 'この範囲で絞り込む' }).isDisabled()).toBe(true);
    await from.fill('1980');
    await to.fill('2000');
    await page.getByRole('button', { name: 'この範囲で絞り込む' }).click();
    await page.locator('.total', { hasText: '1 件' }).waitFor();
    expect(page.url()).toMatch(/yearFrom=1980&yearTo=2000|yearTo=2000&yearFrom=1980/);
    expect(await page.locator('opac-hit-list').textContent()).toContain('坊っちゃん事典');
    await page.close();
  });

  it('saves a filtered search as a new-arrival alert in one click; My page lists its filters in words', async () => {
    // a Katori patron with a password of their own and an e-mail on file (alerts are mailed)
    const card = '3000901';
    const { id } = await katori.patron({ cardNumber: card, name: '香取 一郎', nameKana: 'カトリ イチロウ', birthDate: '1971-04-16' });
    await katori.registerPassword(card, 'tosho2024', { nameKana: 'カトリ イチロウ', birthDate: '19710401' });
    await katori.staff('PATCH', `/admin/patrons/${id}`, { email: 'ichiro.alerts@example.jp' });
    const page = await newPage('login');
    await page.getByLabel('利用者カードの番号').fill(card);
    await page.getByLabel('パスワード', { exact: true }).fill('tosho2024');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: /香取 一郎 さんの利用状況/ }).waitFor();

    // 坊っちゃん, 予約可, leaving 平岡 敏夫 out, published 1900–1960
    await page.goto(katori.page(`search?q=${encodeURIComponent('坊っちゃん')}&reservable=true&notAuthorName=${encodeURIComponent('平岡 敏夫')}&yearFrom=1900&yearTo=1960`));
    await page.locator('.total', { hasText: '1 件' }).waitFor();
    await page.getByRole('button', { name: 'この条件で新着お知らせ' }).click();
    const notice = page.locator('.alert-notice');
    await notice.getByText(/を新着お知らせに保存しました/).waitFor();
    await notice.getByRole('link', { name: '新着お知らせの一覧' }).click();
    await page.getByRole('heading', { name: '新着お知らせ', level: 2 }).waitFor();
    const entry = page.locator('ul.entries li').filter({ hasText: '坊っちゃん' });
    await entry.waitFor();
    const words = await entry.locator('.meta').first().textContent();
    expect(words).toContain('検索語: 坊っちゃん');
    expect(words).toContain('著者: 除外：平岡 敏夫');
    expect(words).toContain('出版年: 1900–1960');
    expect(words).toContain('予約可');
    // 「今すぐ検索」 opens that very search again
    await entry.getByRole('link', { name: '今すぐ検索' }).click();
    await page.locator('.total', { hasText: '1 件' }).waitFor();
    const url = decodeURIComponent(page.url());
    for (const part of ['q=坊っちゃん', 'reservable=true', 'notAuthorName=平岡 敏夫', 'yearFrom=1900', 'yearTo=1960']) expect(url).toContain(part);
    await page.close();
  });

  it('copies the link of a search to share it, and offers printing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(katori.page(`search?q=${encodeURIComponent('坊っちゃん')}`));
    await startApp(page);
    await page.getByText('「坊っちゃん」の検索結果：3 件').waitFor();
    await page.getByRole('button', { name: 'リンクを共有' }).click();
    await page.getByText('この検索のリンクをコピーしました。').waitFor();
    expect(decodeURIComponent(await page.evaluate(() => navigator.clipboard.readText()))).toContain('search?q=坊っちゃん');
    await page.getByRole('button', { name: '印刷' }).waitFor();
    await context.close();
  });
});
