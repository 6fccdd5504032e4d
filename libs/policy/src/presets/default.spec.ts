import { neverClosed } from '../calendar';
import { normalizeCardNumber } from '../card';
import { Codes } from '../codes';
import { computeHoldShelfExpiry, decideHoldPlacement, holdActions } from '../holds';
import { publicListWindows } from '../lists';
import { computeDueDate } from '../loans';
import { validatePassword } from '../password';
import { decideRenewal } from '../renewal';
import { BulletCase } from '../test-helpers';
import { PRESETS } from './index';

// CITIES.md "Where a guide is silent (defaults for every preset and for new tenants)"
const policy = PRESETS.default.policy;
const DOC = 'CITIES.md "Where a guide is silent"';

const cases: BulletCase[] = [
  {
    bullet: 'card number: 4–14 half-width digits, no prefix, no check digit',
    seed: DOC,
    check: () => {
      expect(normalizeCardNumber('1234', policy.card)).toMatchObject({ ok: true });
      expect(normalizeCardNumber('12345678901234', policy.card)).toMatchObject({ ok: true });
      expect(normalizeCardNumber('123', policy.card)).toMatchObject({ ok: false, code: Codes.CARD_FORMAT });
      expect(normalizeCardNumber('123456789012345', policy.card)).toMatchObject({ ok: false });
    },
  },
  {
    bullet: 'password: 6–32 half-width letters, digits, symbols, case-sensitive; lockout 10 failures / 15 minutes',
    seed: DOC,
    check: () => {
      expect(validatePassword('aB3$%^', policy.password).ok).toBe(true);
      expect(validatePassword('a'.repeat(32), policy.password).ok).toBe(true);
      expect(validatePassword('a'.repeat(33), policy.password).ok).toBe(false);
      expect(policy.password.caseSensitive).toBe(true);
      expect(policy.lockout).toEqual({ maxFailures: 10, lockMinutes: 15 });
    },
  },
  {
    bullet: 'loans: 14 days, 10 items; renewal once +14 from the due date, refused on holds or overdue',
    seed: DOC,
    check: () => {
      expect(computeDueDate({ policy, loanDate: '2025-06-01', isClosed: neverClosed })).toBe('2025-06-15');
      expect(policy.loans.maxItems).toBe(10);
      const base = { policy, loan: { dueDate: '2025-06-15', renewals: 0 }, today: '2025-06-10', hasHoldsByOthers: false, channel: 'online' as const, isClosed: neverClosed };
      expect(decideRenewal(base)).toEqual({ ok: true, newDueDate: '2025-06-29' });
      expect(decideRenewal({ ...base, loan: { ...base.loan, renewals: 1 } })).toMatchObject({ code: Codes.RENEWAL_LIMIT });
      expect(decideRenewal({ ...base, hasHoldsByOthers: true })).toMatchObject({ code: Codes.ITEM_HAS_HOLDS });
      expect(decideRenewal({ ...base, today: '2025-06-16' })).toMatchObject({ code: Codes.OVERDUE });
    },
  },
  {
    bullet: 'holds: any loanable copy; at most 10 active; contact e-mail or none',
    seed: DOC,
    check: () => {
      const base = { policy, record: { copies: [{ loanable: true, status: 'on-shelf' as const }] }, activeHoldCount: 9, contact: 'none' as const };
      expect(decideHoldPlacement(base)).toEqual({ ok: true });
      expect(decideHoldPlacement({ ...base, activeHoldCount: 10 })).toMatchObject({ code: Codes.HOLD_LIMIT });
      expect(decideHoldPlacement({ ...base, contact: 'phone' })).toMatchObject({ code: Codes.CONTACT_NOT_ALLOWED });
    },
  },
  {
    bullet: 'hold shelf 7 days from the day it is secured; cancel and pickup change while waiting only; cancelled listed 14 days',
    seed: DOC,
    check: () => {
      expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-02', isClosed: neverClosed })).toBe('2025-06-09');
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web' })).toMatchObject({ cancel: true, changePickup: true });
      expect(holdActions(policy, { status: 'in-transit', placedVia: 'web' })).toMatchObject({ cancel: false, changePickup: false });
      expect(policy.holds.cancelledVisibleDays).toBe(14);
    },
  },
  {
    bullet: 'card validity: none',
    seed: DOC,
    check: () => expect(policy.cardValidity.months).toBeNull(),
  },
  {
    bullet: 'public lists: new arrivals 30 days, best loans over 1 year, top 10',
    seed: DOC,
    check: () =>
      expect(publicListWindows(policy, '2025-06-10')).toMatchObject({
        newArrivals: { receivedSince: '2025-05-11', publishedSince: null },
        bestLoans: { since: '2024-06-10' },
        topN: 10,
      }),
  },
];

describe('preset default (new tenants)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
