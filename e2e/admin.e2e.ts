import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { ADMIN_PASSWORD, startServer } from './support/server';

describe('admin console in Chromium', () => {
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

  it('lets the regional admin sign in and create a tenant from a preset', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    await page.goto(`${server.url}/admin/`);
    await page.getByText('広域管理者').first().click();
    await page.getByLabel(/ユーザー名|ユーザーID/).first().fill('admin');
    await page.getByLabel(/パスワード/).first().fill(ADMIN_PASSWORD);
    await screenshot(page, 'admin-login');
    await page.getByRole('button', { name: /ログイン/ }).click();
    await page.getByText(/テナント|図書館一覧/).first().waitFor();
    const slug = `koga${Date.now().toString(36)}`.slice(0, 30);
    await page.getByRole('button', { name: /新規|作成|追加/ }).first().click();
    await page.getByLabel(/スラッグ/).fill(slug);
    await page.getByLabel(/名称|図書館名/).first().fill('古賀市立図書館');
    await page.getByLabel(/プリセット/).click();
    await page.getByRole('option', { name: /古賀/ }).click();
    await page.getByRole('button', { name: /^作成|作成する/ }).click();
    await page.getByRole('cell', { name: slug }).waitFor();
    await screenshot(page, 'admin-tenants');
    // the tenant really exists and answers
    const info = await fetch(`${server.url}/api/t/${slug}/info`).then((r) => r.json());
    expect(info.name).toBe('古賀市立図書館');
    await page.close();
  });
});
