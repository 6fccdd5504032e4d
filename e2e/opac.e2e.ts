import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { ADMIN_PASSWORD, startServer } from './support/server';

describe('OPAC in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let slug: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const login = await fetch(`${server.url}/api/platform/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    }).then((r) => r.json());
    slug = `katori${Date.now().toString(36)}`.slice(0, 30);
    const res = await fetch(`${server.url}/api/platform/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ slug, name: '香取市立図書館', preset: 'katori' }),
    });
    expect(res.status).toBe(201);
    // a librarian publishes a news item for the home page
    const staff = await fetch(`${server.url}/api/platform/tenants/${slug}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ username: 'news-editor', password: 'news-editor-pass', role: 'librarian' }),
    });
    expect(staff.status).toBe(201);
    const lib = await fetch(`${server.url}/api/t/${slug}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'news-editor', password: 'news-editor-pass' }),
    }).then((r) => r.json());
    const news = await fetch(`${server.url}/api/t/${slug}/admin/news`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lib.token}` },
      body: JSON.stringify({ kind: 'news', title: '年末年始の休館のお知らせ', body: '12月29日から1月3日まで休館します。' }),
    });
    expect(news.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the city’s home page in Japanese, and in English on request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    await page.goto(`${server.url}/opac/${slug}/`);
    await page.getByText('香取市立図書館').first().waitFor();
    expect(await page.title()).toContain('香取市立図書館');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByText('佐原中央図書館').first().waitFor();
    await page.getByRole('heading', { name: '図書館からのお知らせ' }).waitFor();
    await page.getByText('年末年始の休館のお知らせ').waitFor();
    await screenshot(page, 'opac-home');
    await page.getByRole('button', { name: /English/ }).click();
    await page.locator('html[lang="en"]').waitFor();
    await page.close();
  });

  it('serves the same build for every city under /opac/{slug}/ with the right base href', async () => {
    const html = await fetch(`${server.url}/opac/${slug}/search?q=x`).then((r) => r.text());
    expect(html).toContain(`<base href="/opac/${slug}/">`);
  });
});
