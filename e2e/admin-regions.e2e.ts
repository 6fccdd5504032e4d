import type { Browser } from 'playwright-core';
import { api, platformToken, provisionLibrary, signInRegionalIt, type Library } from './support/admin-setup';
import { japanesePage, launchBrowser, screenshot } from './support/browser';
import { startServer } from './support/server';

/** Regional IT makes a region of two libraries in the admin console, then takes one out of it. */
describe('admin console: regions (regional IT) in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: Library;
  let koga: Library;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await provisionLibrary(server.url, 'katori', '香取市立図書館');
    koga = await provisionLibrary(server.url, 'koga', '古賀市立図書館');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a region with two libraries and edits its members; the API has what the screen showed, audited', async () => {
    const code = `adm${Date.now().toString(36)}`;
    const page = await japanesePage(browser);
    await signInRegionalIt(page, server.url);

    await page.getByRole('link', { name: '地域（横断検索）' }).click();
    await page.getByRole('heading', { level: 1, name: '地域' }).waitFor();
    await page.getByRole('button', { name: '地域を追加' }).click();
    const form = page.locator('admin-region-form');
    await form.getByLabel('地域コード').fill(code);
    await form.getByLabel('名称', { exact: true }).fill('試験県');
    await form.getByLabel('英語の名称').fill('Test Prefecture');
    // the suites share one server where other cities have the same names: the box of this suite's city
    const box = (slug: string) => form.locator(`mat-checkbox[data-library="${slug}"]`).getByRole('checkbox', { name: /市立図書館/ });
    await box(katori.slug).check();
    await box(koga.slug).check();
    await form.getByRole('button', { name: '追加' }).click();
    const row = page.locator(`tr[data-region="${code}"]`);
    await row.getByText('香取市立図書館、古賀市立図書館').waitFor();
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/opac/r/${code}/`);
    await screenshot(page, 'admin-regions');

    await row.getByRole('button', { name: '編集' }).click();
    await form.getByRole('heading', { name: '「試験県」を編集' }).waitFor();
    await box(katori.slug).uncheck();
    await form.getByRole('button', { name: '保存' }).click();
    await row.getByText('香取市立図書館、古賀市立図書館').waitFor({ state: 'detached' });
    await row.getByText('古賀市立図書館').waitFor();
    expect(await row.textContent()).not.toContain('香取市立図書館');

    const token = await platformToken(server.url);
    const region = await api<{ members: { slug: string }[] }>(server.url, `/platform/regions/${code}`, { token });
    expect(region.members.map((m) => m.slug)).toEqual([koga.slug]);
    const audit = await api<{ items: { action: string; entityId: string; after: { removed?: string[] } }[] }>(server.url, '/platform/audit?action=region', { token });
    const mine = audit.items.filter((e) => e.entityId === code);
    expect(mine.map((e) => e.action).sort()).toEqual(['region.create', 'region.update']);
    expect(mine.find((e) => e.action === 'region.update')?.after.removed).toEqual([katori.slug]);
    await page.close();
  });
});
