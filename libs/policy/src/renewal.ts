import { ClosedDays, nextOpenDay } from './calendar';
import { Codes, MESSAGES } from './codes';
import { addDays, compareDates, maxDate } from './dates';
import { Localized } from './i18n';
import { resolveLoanRule } from './loans';
import { Policy } from './schema';

/** Who asks for the renewal: the patron online (web/kiosk), staff at the counter, or staff on a phone call. */
export type RenewalChannel = 'online' | 'counter' | 'phone';

export interface RenewalLoan {
  dueDate: string;
  /** Renewals already made on this loan. */
  renewals: number;
  /** Borrowed through interlibrary loan from outside the city. */
  ill?: boolean;
  /** false when the copy belongs to another library system (Kitakyushu renews city-owned items only). */
  ownedByCity?: boolean;
  materialType?: string | null;
  /** The lending branch; its calendar decides whether the new due date is open. */
  branchCode?: string | null;
}

export interface RenewalInput {
  policy: Policy;
  loan: RenewalLoan;
  patronCategory?: string | null;
  today: string;
  /** Another patron has a hold waiting on this title/item. */
  hasHoldsByOthers: boolean;
  channel: RenewalChannel;
  isClosed: ClosedDays;
}

export type RenewalRefusalCode =
  | typeof Codes.NOT_RENEWABLE_ONLINE
  | typeof Codes.NOT_RENEWABLE_BY_PHONE
  | typeof Codes.ILL_NOT_RENEWABLE
  | typeof Codes.RENEWAL_LIMIT
  | typeof Codes.RENEWAL_NO_GAIN
  | typeof Codes.OVERDUE
  | typeof Codes.ITEM_HAS_HOLDS;

export type RenewalDecision =
  | { ok: true; newDueDate: string }
  | { ok: false; code: RenewalRefusalCode; message: Localized };

/**
 * Decides a renewal: the new due date, or the reason it is refused. The same function
 * drives the loan list's "延長不可" in the OPAC, the patron's renew call and the desk.
 *
 * Checks run from the most permanent reason to the most passing one, so the patron is
 * told the reason that will still hold tomorrow: channel, ILL, count, overdue, holds, and
 * last a renewal that would not move the due date.
 */
export function decideRenewal(input: RenewalInput): RenewalDecision {
  const { policy, loan, today, channel } = input;
  const r = policy.renewal;
  const refuse = (code: RenewalRefusalCode): RenewalDecision => ({ ok: false, code, message: MESSAGES[code] });

  if (channel === 'online' && !r.online) return refuse(Codes.NOT_RENEWABLE_ONLINE);
  if (channel === 'phone' && !r.byPhone) return refuse(Codes.NOT_RENEWABLE_BY_PHONE);
  if (r.blockedByIll && (loan.ill === true || loan.ownedByCity === false)) return refuse(Codes.ILL_NOT_RENEWABLE);

  const rule = resolveLoanRule(policy, {
    materialType: loan.materialType,
    patronCategory: input.patronCategory,
    branchCode: loan.branchCode,
  });
  if (loan.renewals >= rule.maxRenewals) return refuse(Codes.RENEWAL_LIMIT);

  const overdue = compareDates(today, loan.dueDate) > 0;
  const staff = channel === 'counter' || channel === 'phone';
  if (overdue && r.blockedByOverdue && !(staff && r.overdueRenewableAtCounter)) return refuse(Codes.OVERDUE);

  if (r.blockedByHolds && input.hasHoldsByOthers) return refuse(Codes.ITEM_HAS_HOLDS);

  // Kushiro counts from the due date (seeds/001_…txt:164), Kitakyushu from the day of
  // renewal (seeds/002_…txt:93). A renewal never shortens a loan.
  const base = r.basis === 'due-date' ? loan.dueDate : today;
  const raw = maxDate(addDays(base, rule.renewalPeriodDays), loan.dueDate);
  const newDueDate = nextOpenDay(raw, input.isClosed, loan.branchCode ?? undefined);
  // Counted from today (Kitakyushu), a renewal on the day of the loan would give the same due
  // date and use up the only renewal: refused, so the patron renews when it helps.
  if (compareDates(newDueDate, loan.dueDate) <= 0) return refuse(Codes.RENEWAL_NO_GAIN);
  return { ok: true, newDueDate };
}
