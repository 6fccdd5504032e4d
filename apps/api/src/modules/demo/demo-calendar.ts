import { addDays } from '@shiori/policy';
import { tenantManager } from '@shiori/tenancy';
import { tokyoDate } from '../../engine/time';

/**
 * Demo closed days, so the OPAC's 開館カレンダー and due dates show a calendar at work: the
 * year-end closure almost every Japanese public library keeps (年末年始, 29 December to
 * 3 January), for every branch, this year's and next year's. The cities' own guides give no
 * closing days (seeds/), so no weekly closing day or opening hours are invented for them:
 * librarians enter those on the admin's 館・受取場所 page.
 */
export async function seedDemoCalendar(): Promise<string | void> {
  const year = Number(tokyoDate().slice(0, 4));
  let added = 0;
  for (const y of [year, year + 1]) {
    for (let i = 0; i < 6; i++) {
      const rows = await tenantManager().query(
        `INSERT INTO closed_days (branch_code, date, reason) VALUES (NULL, $1, '年末年始休館') ON CONFLICT DO NOTHING RETURNING id`,
        [addDays(`${y}-12-29`, i)],
      );
      added += rows.length;
    }
  }
  if (added) return `calendar: ${added} year-end closed days`;
}
