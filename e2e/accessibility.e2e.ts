import type { Browser, Page } from 'playwright-core';
import { signInLibrarian, signInRegionalIt } from './support/admin-setup';
import { animationsDone, japanesePage, launchBrowser } from './support/browser';
import { OpacFixture } from './support/opac-api';
import { startServer } from './support/server';

/** What axe-core reports of one rule broken on a page. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (the WCAG rules: 2.0, 2.1 and 2.2, levels A and AA) on the page as it is now
 * and returns what it finds, one line per rule and element, so a failure says what to fix.
 */
async function wcagProblems(page: Page): Promise<string[]> {
  // the icon font first: until it has loaded, an icon button's ligature ('visibility') reads
  // as visible text, and axe would report its name as not matching it
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // and nothing half-way through a fade or a slide (a ripple, a panel opening): axe reads a
  // fading element's contrast as it is at that moment
  await animationsDone(page);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as Violation[]).flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
}

/**
 * Accessibility (WCAG AA, STYLE.md): the pages patrons and librarians use most, in Japanese
 * and in English, checked by axe-core in Chromium after they have loaded their data. Every
 * problem axe finds fails the test with the rule and the element.
 */
describe('accessibility: WCAG 2.x A/AA rules on the main pages (axe-core in Chromium)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let katori: OpacFixture;
  let recordId: string;
  const card = '1000091';
  const password = 'tosho2024';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    katori = await OpacFixture.create(server.url, 'katori');
    recordId = (await katori.record({ title: '吾輩は猫である', titleReading: 'ワガハイ ワ ネコ デアル', author: '夏目 漱石', branchCode: 'sawara', barcodes: ['A11Y-0001', 'A11Y-0002'] })).id;
    await katori.record({ title: '猫の事務所', author: '宮沢 賢治', branchCode: 'omigawa', barcodes: ['A11Y-0003'] });
    await katori.patron({ cardNumber: card, name: '香取 花子', nameKana: 'カトリ ハナコ', birthDate: '1971-04-16' });
    await katori.registerPassword(card, password, { nameKana: 'カトリ ハナコ', birthDate: '19710401' });
    // a loan and a hold, so My page, loans and holds show their tables, not empty states
    await katori.staff('POST', '/desk/checkouts', { cardNumber: card, itemBarcode: 'A11Y-0001' });
    const other = (await katori.record({ title: '猫町', author: '萩原 朔太郎', branchCode: 'sawara', barcodes: ['A11Y-0004'] })).id;
    const asPatron = await katori.asPatron(card, password);
    await asPatron('POST', '/me/holds', { recordIds: [other], pickupPointCode: 'sawara-counter', contact: 'none' });
    // a self-check machine, so its page shows the list, not the empty state
    const machine = { checkout: true, checkin: true, renew: false, patronInfo: true };
    await katori.staff('POST', '/admin/self-check-machines', { login: 'a11y-sc', name: '佐原 自動貸出機1', branchCode: 'sawara', permissions: machine });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a page, waits for what shows it has loaded, and checks it in Japanese and then in English. */
  async function check(page: Page, url: string, loaded: (p: Page) => Promise<unknown>): Promise<string[]> {
    await page.goto(url);
    await loaded(page);
    const ja = await wcagProblems(page);
    await page.getByRole('button', { name: /English/ }).first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await loaded(page).catch(() => undefined);
    const en = await wcagProblems(page);
    await page.getByRole('button', { name: /日本語/ }).first().click();
    return [...ja.map((p) => `[ja] ${p}`), ...en.map((p) => `[en] ${p}`)];
  }

  it('OPAC: home, search results (list and grid), record, 館の案内, cart, login, registration', async () => {
    const page = await japanesePage(browser);
    const problems: Record<string, string[]> = {};
    const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).first().waitFor();
    problems.home = await check(page, katori.page(''), (p) => p.locator('main h1, main h2').first().waitFor());
    problems.search = await check(page, katori.page('search?q=猫'), (p) => p.getByRole('link', { name: /吾輩は猫である/ }).first().waitFor());
    // the tile view (kept in localStorage) from its toggle, whose accessible name is checked here too
    await page.getByRole('radio', { name: 'タイル表示' }).click();
    problems.grid = await check(page, katori.page('search?q=猫'), (p) => p.getByRole('link', { name: /吾輩は猫である/ }).first().waitFor());
    expect(await page.getByRole('radio', { name: 'タイル表示' }).getAttribute('aria-checked')).toBe('true');
    problems.record = await check(page, katori.page(`records/${recordId}`), h1);
    problems.libraries = await check(page, katori.page('libraries'), (p) => p.locator('table.month-grid').waitFor());
    problems.cart = await check(page, katori.page('cart'), h1);
    problems.login = await check(page, katori.page('login'), (p) => p.getByLabel(/利用者カードの番号|Library card number/).waitFor());
    problems.register = await check(page, katori.page('register'), h1);
    await page.close();
    expect(problems).toEqual({ home: [], search: [], grid: [], record: [], libraries: [], cart: [], login: [], register: [] });
  });

  it('OPAC, signed in: My page, loans, holds', async () => {
    const page = await japanesePage(browser);
    await page.goto(katori.page('login'));
    await page.getByLabel('利用者カードの番号').fill(card);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { name: /香取 花子 さんの利用状況/ }).waitFor();
    const problems: Record<string, string[]> = {};
    problems.my = await check(page, katori.page('my'), (p) => p.getByRole('heading', { level: 1 }).waitFor());
    problems.loans = await check(page, katori.page('my/loans'), (p) => p.getByText('吾輩は猫である').first().waitFor());
    problems.holds = await check(page, katori.page('my/holds'), (p) => p.getByText('猫町').first().waitFor());
    await page.close();
    expect(problems).toEqual({ my: [], loans: [], holds: [] });
  });

  // the librarian's pages in two halves: each signs in, so each stays within its time on a busy machine
  const librarianPages = async (pages: (admin: (path: string) => string, h1: (p: Page) => Promise<unknown>) => [string, string, (p: Page) => Promise<unknown>][]) => {
    const page = await japanesePage(browser);
    const problems: Record<string, string[]> = {};
    const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).first().waitFor();
    problems.login = await check(page, `${server.url}/admin/`, (p) => p.getByLabel(/ユーザー名|User name/).first().waitFor());
    await signInLibrarian(page, server.url, { slug: katori.slug, name: `katori e2e`, librarian: { username: 'librarian', password: 'librarian-pass-1' }, token: '' });
    const admin = (path: string) => `${server.url}/admin/${path}`;
    for (const [name, url, ready] of pages(admin, h1)) problems[name] = await check(page, url, ready);
    await page.close();
    return problems;
  };

  it('admin, librarian: login, dashboard, desk, self-check machines, patrons', async () => {
    const problems = await librarianPages((admin, h1) => [
      ['dashboard', admin('dashboard'), h1],
      ['checkout', admin('desk/checkout'), h1],
      ['checkin', admin('desk/checkin'), h1],
      ['holdShelf', admin('desk/hold-shelf'), h1],
      ['selfCheck', admin('desk/self-check'), (p) => p.locator('tr[data-machine="a11y-sc"]').waitFor()],
      ['patrons', admin('patrons'), h1],
    ]);
    expect(problems).toEqual({ login: [], dashboard: [], checkout: [], checkin: [], holdShelf: [], selfCheck: [], patrons: [] });
  });

  it('admin, librarian: catalogue, record, imports, places, calendar, policy, statistics', async () => {
    const problems = await librarianPages((admin, h1) => [
      ['catalog', admin('catalog'), h1],
      ['record', admin(`catalog/records/${recordId}`), h1],
      ['imports', admin('catalog/imports'), h1],
      ['branches', admin('branches'), h1],
      ['calendar', admin('calendar'), (p) => p.locator('table').first().waitFor()],
      ['policy', admin('policy'), h1],
      ['statistics', admin('statistics'), h1],
    ]);
    expect(problems).toEqual({ login: [], catalog: [], record: [], imports: [], branches: [], calendar: [], policy: [], statistics: [] });
  });

  it('admin, regional IT: tenants, a library (staff, public address), new tenant, health', async () => {
    const page = await japanesePage(browser);
    await signInRegionalIt(page, server.url);
    const h1 = (p: Page) => p.getByRole('heading', { level: 1 }).first().waitFor();
    const problems: Record<string, string[]> = {};
    problems.tenants = await check(page, `${server.url}/admin/tenants`, (p) => p.getByRole('link', { name: new RegExp(katori.slug) }).first().waitFor());
    problems.tenant = await check(page, `${server.url}/admin/tenants/${katori.slug}`, (p) => p.getByRole('heading', { name: '利用者向けURL（メールのリンク）' }).waitFor());
    problems.create = await check(page, `${server.url}/admin/tenants/new`, h1);
    // the health page once its database servers section has loaded (the one PostgreSQL here)
    problems.health = await check(page, `${server.url}/admin/health`, (p) => p.locator('admin-cluster-nodes li h3').first().waitFor());
    await page.close();
    expect(problems).toEqual({ tenants: [], tenant: [], create: [], health: [] });
  });
});
