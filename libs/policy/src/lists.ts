import { addDays, addMonths, yearOf } from './dates';
import { Policy, PublicList, Window } from './schema';

export interface PublicListWindows {
  /** Lists the city publishes on its OPAC. */
  enabled: PublicList[];
  newArrivals: {
    /** Items received on or after this day are new. */
    receivedSince: string;
    /** Items published before this day are left out; null = no age limit. */
    publishedSince: string | null;
    /**
     * The same limit for records that only know their year of publication: the year of
     * `publishedSince`, so a book that might still be young enough is kept.
     */
    publishedNotBeforeYear: number | null;
  };
  bestLoans: { since: string };
  topN: number;
}

/** The day a window of time before `today` starts. */
export function windowStart(today: string, window: Window): string {
  switch (window.unit) {
    case 'days':
      return addDays(today, -window.amount);
    case 'months':
      return addMonths(today, -window.amount);
    case 'years':
      return addMonths(today, -12 * window.amount);
  }
}

/**
 * Date windows of the public lists for `today`. Katori: new arrivals = received in the last
 * 30 days, leaving out books published 3 or more years ago; best readers = top 10 over the
 * past 3 years (seeds/000_…txt:14-15).
 */
export function publicListWindows(policy: Policy, today: string): PublicListWindows {
  const p = policy.publicLists;
  const publishedSince =
    p.newArrivalMaxPublicationAgeYears === null ? null : windowStart(today, { amount: p.newArrivalMaxPublicationAgeYears, unit: 'years' });
  return {
    enabled: [...p.enabled],
    newArrivals: {
      receivedSince: addDays(today, -p.newArrivalDays),
      publishedSince,
      publishedNotBeforeYear: publishedSince === null ? null : yearOf(publishedSince),
    },
    bestLoans: { since: windowStart(today, p.bestLoansWindow) },
    topN: p.topN,
  };
}
