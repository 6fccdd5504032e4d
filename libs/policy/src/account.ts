import { Codes, MESSAGES } from './codes';
import { addDays, addMonths, compareDates } from './dates';
import { Localized } from './i18n';
import { Policy } from './schema';

/**
 * Card validity (Kushiro: renewed yearly at the counter; after the date, the web service
 * and self-checkout are refused, seeds/001_…txt:227-233).
 */

/** The expiry date of a card issued or renewed on `from`, or null when cards do not expire. */
export function cardExpiryFrom(policy: Policy, from: string): string | null {
  const months = policy.cardValidity.months;
  return months === null ? null : addMonths(from, months);
}

/** A card is valid through its expiry date and expired the day after. */
export function isCardExpired(expiresAt: string | null | undefined, today: string): boolean {
  return !!expiresAt && compareDates(today, expiresAt) > 0;
}

export type CardUse = 'web' | 'self-checkout' | 'counter';

export type CardAccessDecision = { ok: true } | { ok: false; code: typeof Codes.CARD_EXPIRED; message: Localized };

/** Whether an expired card blocks this use. The counter always serves (it is where cards are renewed). */
export function decideCardAccess(policy: Policy, expiresAt: string | null | undefined, today: string, use: CardUse): CardAccessDecision {
  if (!isCardExpired(expiresAt, today)) return { ok: true };
  const v = policy.cardValidity;
  const blocked = (use === 'web' && v.blocksWebWhenExpired) || (use === 'self-checkout' && v.blocksSelfCheckoutWhenExpired);
  return blocked ? { ok: false, code: Codes.CARD_EXPIRED, message: MESSAGES.CARD_EXPIRED } : { ok: true };
}

/** The day the card-expiry reminder is due, or null when the city sends none. */
export function cardExpiryReminderDate(policy: Policy, expiresAt: string | null | undefined): string | null {
  if (!expiresAt || policy.notices.cardExpiry === 'off') return null;
  return addDays(expiresAt, -policy.cardValidity.reminderDaysBefore);
}

/** The day the due-date reminder is sent for a loan, or null when the city sends none. */
export function dueReminderDate(policy: Policy, dueDate: string): string | null {
  if (policy.notices.dueReminder === 'off') return null;
  return addDays(dueDate, -policy.notices.dueReminderDaysBefore);
}
