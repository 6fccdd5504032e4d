import type { Browser, Page } from 'playwright-core';
import { japanesePhone, launchBrowser } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';

/**
 * The app started on the patron's first interaction (issue #19, apps/opac/src/first-interaction.ts):
 * a server-rendered page fetches none of Angular's code until the patron reaches for something,
 * and what they did meanwhile is replayed on the app's page: one press on 予約かごに入れる is
 * enough, and what they typed into the server's search box stays, caret included.
 */
describe('OPAC: the app starts on the first interaction', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: OpacFixture;
  let record: { id: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await OpacFixture.create(server.url, 'katori');
    record = await katori.record({ title: '銀河鉄道の夜', titleReading: 'ギンガ テツドウ ノ ヨル', author: '宮沢賢治', branchCode: 'sawara', barcodes: ['410001'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const phone = () => japanesePhone(browser);

  /**
   * The app's own code: the scripts a page fetches beyond its initial ones (main-*.js and the
   * chunks its HTML preloads, a few hundred bytes: first-interaction.ts and what it shares).
   */
  async function appChunks(page: Page, url: string): Promise<string[]> {
    const html = await (await fetch(url)).text();
    const initial = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(html).toMatch(/<script src="main-[A-Z0-9]+\.js" type="module">/);
    const seen: string[] = [];
    page.on('request', (r) => {
      const file = new URL(r.url()).pathname.split('/').pop()!;
      if (r.resourceType() === 'script' && /^chunk-[A-Z0-9]+\.js$/.test(file) && !initial.includes(file)) seen.push(file);
    });
    return seen;
  }

  /** Holds back the app's code until `release()`: what the patron does meanwhile surely happens on the server's page. */
  async function holdAppCode(page: Page): Promise<{ release: () => Promise<void> }> {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const pattern = /\/chunk-[A-Z0-9]+\.js$/;
    await page.route(pattern, async (route) => {
      await gate;
      await route.continue();
    });
    return {
      release: async () => {
        expect(await page.evaluate(() => document.documentElement.dataset['app'])).toBe('starting');
        open();
      },
    };
  }

  it('a record page fetches no chunk of the app until the first interaction, then starts it', async () => {
    const page = await phone();
    const chunks = await appChunks(page, katori.page(`records/${record.id}`));
    await page.goto(katori.page(`records/${record.id}`));
    await page.getByRole('heading', { level: 1, name: '銀河鉄道の夜' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.dataset['app'])).toBe('waiting');
    expect(chunks).toEqual([]);

    // a press on the bar's メニュー starts the app, which opens its menu
    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.waitForFunction(() => document.documentElement.dataset['app'] === 'ready');
    expect(chunks.length).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: 'ログイン' }).waitFor({ state: 'visible' });
    await page.close();
  });

  it('one press on 予約かごに入れる before the app has started keeps the book: sign in and it is in the cart', async () => {
    await katori.patron({ cardNumber: '4100001', name: '香取 花子', nameKana: 'カトリ ハナコ', birthDate: '1985-03-03' });
    await katori.registerPassword('4100001', 'ginga2024', { nameKana: 'カトリ ハナコ', birthDate: '19850301' });
    const page = await phone();
    await page.goto(katori.page(`records/${record.id}`));
    const add = page.getByRole('button', { name: '予約かごに入れる' });
    await add.waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset['app'])).toBe('waiting');
    const code = await holdAppCode(page);
    // the server's button, pressed once: the app starts and presses its own (an anonymous
    // visitor is asked to sign in, the book kept for after it, as the app's page does)
    await add.tap();
    await code.release();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    expect(page.url()).toContain('reason=cart');
    await page.getByLabel('利用者カードの番号').fill('4100001');
    await page.getByLabel('パスワード', { exact: true }).fill('ginga2024');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '銀河鉄道の夜' }).waitFor();
    const asPatron = await katori.asPatron('4100001', 'ginga2024');
    const cart = await asPatron<{ recordId: string }[]>('GET', '/me/cart');
    expect(cart.map((e) => e.recordId)).toEqual([record.id]);
    await page.close();
  });

  it('what is typed into the server’s search box before the app has started stays, every character and the caret', async () => {
    const page = await phone();
    await page.goto(katori.page(''));
    const box = page.locator('#ssr-q');
    await box.waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset['app'])).toBe('waiting');
    const code = await holdAppCode(page);
    // typed while the app's code is still coming; the caret then moved back two characters
    await box.click();
    await page.keyboard.type('ぎんがてつどう', { delay: 10 });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await code.release();
    await page.waitForFunction(() => document.documentElement.dataset['app'] === 'ready');
    const input = page.locator('opac-search-box input[data-replay="q"]');
    await input.waitFor();
    expect(await input.inputValue()).toBe('ぎんがてつどう');
    // the focus is in the app's box, the caret where the patron left it
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.closest('opac-search-box') != null);
    expect(await input.evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd])).toEqual([5, 5]);
    // and typing goes on where it stopped
    await page.keyboard.type('の');
    expect(await input.inputValue()).toBe('ぎんがてつのどう');
    await page.close();
  });
});
