import { CardRules, Localized, normalizeCardNumber } from '@shiori/policy';
import { catchError, map, Observable, of } from 'rxjs';
import type { StaffPatronView } from '@shiori/contracts';
import { PatronsApi } from '../patrons/patrons-api';

/** How the desk's card step ended. */
export type CardStep =
  /** the number breaks the city's card rules: said before asking the API */
  | { kind: 'invalid'; message: Localized }
  | { kind: 'found'; number: string; patron: StaffPatronView }
  | { kind: 'unknown'; number: string }
  /** the lookup failed: go on with the number, the desk request itself decides */
  | { kind: 'unchecked'; number: string };

/** A home card as the API keys it (normalised as agreements' homeCardKey): NFKC, no spaces or dashes. */
export function normalizeHomeCard(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s\-‐－−]/g, '');
}

/**
 * The card step for a visitor of another city with their home card (広域利用): the host's card
 * rules do not apply; the visitor is known here as `{homeCity}:{card}` once registered. `number`
 * is the home card, sent to the check-out with the home city.
 */
export function homeCardStep(typed: string, homeCity: string, patrons: PatronsApi): Observable<CardStep> {
  const number = normalizeHomeCard(typed);
  const key = `${homeCity}:${number}`;
  return patrons.search(key).pipe(
    map((found): CardStep => {
      const patron = found.find((x) => x.cardNumber === key);
      return patron ? { kind: 'found', number, patron } : { kind: 'unknown', number };
    }),
    catchError(() => of<CardStep>({ kind: 'unchecked', number })),
  );
}

/**
 * The card step of every desk screen (check-out, 予約受付): the number as the city prints it
 * (dashes, full-width digits, a stripped prefix) normalised by the card rules, then the
 * patron with exactly that card.
 */
export function cardStep(typed: string, rules: CardRules | undefined, patrons: PatronsApi): Observable<CardStep> {
  let number = typed;
  if (rules) {
    const r = normalizeCardNumber(typed, rules);
    if (!r.ok) return of({ kind: 'invalid', message: r.message });
    number = r.cardNumber;
  }
  return patrons.search(number).pipe(
    map((found): CardStep => {
      const patron = found.find((x) => x.cardNumber === number);
      return patron ? { kind: 'found', number, patron } : { kind: 'unknown', number };
    }),
    catchError(() => of<CardStep>({ kind: 'unchecked', number })),
  );
}
