import type { Browser, Page } from 'playwright-core';
import { provisionLibrary, signInLibrarian } from './support/admin-setup';
import { animationsDone, launchBrowser } from './support/browser';
import { startServer } from './support/server';

/**
 * The policy editor — where one mistake changes every loan in the city — with its hints and
 * errors showing, at a desk PC's 1366×900 and a phone's 390 px, in both languages: no text of
 * one field runs into the label of the next (a layout check: no two boxes intersect).
 */
describe('policy editor layout: hints and errors never overlap the next field', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Pairs of text boxes (labels, hints, errors) of the editor's fields that intersect. */
  async function overlaps(page: Page): Promise<string[]> {
    // boxes where they settle: an error or a hint may still be sliding into place
    await animationsDone(page);
    return page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll<HTMLElement>('admin-policy-field mat-label, admin-policy-field mat-hint, admin-policy-field mat-error'))
        .filter((e) => e.offsetParent !== null && e.textContent!.trim())
        .map((e) => ({ text: e.textContent!.trim().slice(0, 30), r: e.getBoundingClientRect() }));
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) out.push(`${boxes[i].text} × ${boxes[j].text}`);
        }
      return out;
    });
  }

  it.each([
    [1366, 900],
    [390, 844],
  ])('at %i×%i, in Japanese and in English, with an error showing', async (width, height) => {
    const lib = await provisionLibrary(server.url);
    const page = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP' });
    page.setDefaultTimeout(15_000);
    await signInLibrarian(page, server.url, lib);
    await page.goto(`${server.url}/admin/policy`);
    const period = page.locator('input[name="loans.periodDays"]');
    await period.waitFor();
    await period.fill('0'); // an error under the field
    await page.getByText('1以上にしてください。').first().waitFor();
    expect(await overlaps(page)).toEqual([]);
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.locator('admin-policy-field mat-label', { hasText: /period/i }).first().waitFor();
    expect(await overlaps(page)).toEqual([]);
    await page.close();
  });
});
