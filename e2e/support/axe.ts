import type { Page } from 'playwright-core';
import { animationsDone } from './browser';

/** What axe-core reports of one rule broken on a page. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE = require.resolve('axe-core/axe.min.js');

/**
 * axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is once its animations have ended, one line per rule and
 * element (the same check as accessibility.e2e.ts, for the suites of one feature). `within`
 * (a CSS selector) checks only that part of the page, the feature's own.
 */
export async function wcagProblems(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // what has just been opened (a menu, a dialog) is still fading in: its contrast is not yet its own
  await animationsDone(page);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document | Element, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const context = selector ? document.querySelector(selector) : document;
    if (!context) throw new Error(`nothing matches ${selector}`);
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations;
  }, within ?? null);
  return (violations as Violation[]).flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
}
