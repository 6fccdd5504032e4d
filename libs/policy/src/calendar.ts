import { addDays, isIsoDate, weekdayOf } from './dates';

/**
 * Whether a branch is closed on a date. Decisions take this function rather than a list
 * so the API can back it with whatever it has (closed-day table, Japanese holidays,
 * weekly closing days) without this library knowing how it is stored.
 * `branchCode` undefined means "the library system as a whole".
 */
export type ClosedDays = (date: string, branchCode?: string) => boolean;

/** A calendar where every day is open. */
export const neverClosed: ClosedDays = () => false;

/** A closed day from the admin calendar: `branchCode` null (or absent) closes every branch. */
export interface ClosedDayEntry {
  date: string;
  branchCode?: string | null;
}

/**
 * ClosedDays from a list of entries, as the admin calendar stores them
 * (`POST /admin/closed-days {branchCode?, date}`: no branch = all branches).
 */
export function closedDaysFromList(entries: readonly ClosedDayEntry[]): ClosedDays {
  const all = new Set<string>();
  const perBranch = new Set<string>();
  for (const e of entries) {
    if (!isIsoDate(e.date)) throw new RangeError(`closed day is not an ISO date: ${e.date}`);
    if (e.branchCode == null) all.add(e.date);
    else perBranch.add(`${e.branchCode}\u0000${e.date}`);
  }
  return (date, branchCode) => all.has(date) || (branchCode !== undefined && perBranch.has(`${branchCode}\u0000${date}`));
}

/** Weekly closing days (0 = Sunday … 6 = Saturday), for one branch or, without a code, all. */
export function weeklyClosedDays(weekdays: readonly number[], branchCode?: string): ClosedDays {
  const set = new Set(weekdays);
  return (date, branch) => (branchCode === undefined || branch === branchCode) && set.has(weekdayOf(date));
}

/** Closed when any of the calendars says closed (e.g. weekly days + holidays + special days). */
export function combineClosedDays(...calendars: ClosedDays[]): ClosedDays {
  return (date, branchCode) => calendars.some((c) => c(date, branchCode));
}

/** A year of closed days in a row is a calendar mistake, not a real closure. */
const MAX_SEARCH_DAYS = 366;

/**
 * The first open day on or after `date` at the branch. Throws if the branch seems closed
 * for a whole year, which can only be bad calendar data and must not loop forever.
 */
export function nextOpenDay(date: string, isClosed: ClosedDays, branchCode?: string): string {
  let d = date;
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    if (!isClosed(d, branchCode)) return d;
    d = addDays(d, 1);
  }
  throw new RangeError(`branch ${branchCode ?? '(all)'} has no open day within a year of ${date}`);
}

/**
 * The date `count` open days after `start` (start itself not counted), skipping closed
 * days. Used for hold-shelf periods that exclude closed days (Kitakyushu).
 */
export function addOpenDays(start: string, count: number, isClosed: ClosedDays, branchCode?: string): string {
  let d = start;
  let counted = 0;
  let steps = 0;
  while (counted < count) {
    d = addDays(d, 1);
    if (!isClosed(d, branchCode)) counted++;
    if (++steps > count + MAX_SEARCH_DAYS) {
      throw new RangeError(`branch ${branchCode ?? '(all)'} has too few open days after ${start}`);
    }
  }
  return d;
}
