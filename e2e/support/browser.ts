import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Where the browser tests put their screenshots: test-output/screenshots (not in git), or the
 * README's docs/screenshots when UPDATE_SCREENSHOTS=1, so a test run leaves the tree clean.
 */
const SHOTS = path.resolve(__dirname, '..', '..', ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test-output', 'screenshots']));

/** Debian Chromium, headless; a clear failure (never a skip) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  watchForAppErrors(browser);
  return browser;
}

/**
 * Exceptions thrown by the apps' code in any page of the tests' browsers: an uncaught error,
 * or a JavaScript error the apps' ErrorHandler logged (it shows 「予期しないエラーが発生しました。」
 * and the test could still pass). Problems the API answered (a refused check-out …) are not
 * exceptions and are not collected. Each test fails on what it left here (app-errors.setup.ts).
 */
const appErrors: string[] = [];
const JS_EXCEPTION = /^(?:ERROR )?(?:TypeError|ReferenceError|RangeError|SyntaxError|EvalError|URIError)\b|\bNG0\d{3}\b/;

function watchPage(page: Page): void {
  page.on('pageerror', (e) => appErrors.push(`${page.url()}: uncaught ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && JS_EXCEPTION.test(m.text())) appErrors.push(`${page.url()}: ${m.text()}`);
  });
}

function watchContext(context: BrowserContext): BrowserContext {
  context.on('page', watchPage);
  return context;
}

function watchForAppErrors(browser: Browser): void {
  // browser.newPage() makes its page in a context of its own, through newContext
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
}

/** What the apps threw since the last call (and forgets it). */
export function takeAppErrors(): string[] {
  return appErrors.splice(0, appErrors.length);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** A page as a Japanese desktop user has it (1280×900, ja-JP), with a 15 s default wait. */
export async function japanesePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  page.setDefaultTimeout(15_000);
  return page;
}

/** A page as a Japanese patron has it on a phone (390×844, touch, ja-JP), with a 15 s default wait. */
export async function japanesePhone(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Waits until no animation or transition of a finite length runs on the page (a menu opening,
 * a dialog sliding in, a ripple fading), failing at the page's timeout if one never ends;
 * endless ones (an indeterminate progress bar) are left running. What reads how the page looks
 * (axe's colour contrast, boxes that must not overlap) reads it settled, not half-way through a
 * fade: a menu item at 40 % opacity has 40 % of its contrast.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || !Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity))),
  );
}

/**
 * The OPAC's app on a page the server drew: there the app starts on the patron's first
 * interaction (apps/opac/src/first-interaction.ts), so a test of what only the app does (the
 * 絞り込み drawer, the pager) first does what a keyboard user's first key does, a Tab into the
 * page, and waits for the app's ready signal (`<html data-app="ready">`). On a page that starts
 * the app at once it only waits for the signal.
 */
export async function startApp(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset['app'] !== undefined);
  if ((await page.evaluate(() => document.documentElement.dataset['app'])) === 'waiting') await page.keyboard.press('Tab');
  // the first page of a fresh server also waits for its chunks' first brotli (quality 11, once per file): up to 30 s on a busy machine
  await page.waitForFunction(() => document.documentElement.dataset['app'] === 'ready', undefined, { timeout: 30_000 });
}
