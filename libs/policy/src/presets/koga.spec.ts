import { neverClosed } from '../calendar';
import { normalizeCardNumber } from '../card';
import { CardFormatReasons, Codes, NotReservableReasons, PasswordReasons } from '../codes';
import { dueReminderDate } from '../account';
import { computeHoldShelfExpiry, decideHoldPlacement, HoldPlacementInput } from '../holds';
import { decidePasswordRegistration, matchIdentity } from '../identity';
import { defaultPolicy, diffPolicies } from '../parse';
import { holdNotes } from '../patron-facing';
import { validatePassword } from '../password';
import { decideRenewal, RenewalInput } from '../renewal';
import { BulletCase } from '../test-helpers';
import { PRESETS } from './index';

// CITIES.md "koga — 古賀市"; seeds/004_98062ac54aa49287.txt
const preset = PRESETS.koga;
const policy = preset.policy;
const SEED = 'seeds/004_98062ac54aa49287.txt';

const stored = { nameKana: 'コガ イチロウ', birthDate: '2009-03-01', phone: '092-942-1234' };
const onLoan = { loanable: true, status: 'on-loan' as const };
const hold = (over: Partial<HoldPlacementInput> = {}) =>
  decideHoldPlacement({ policy, record: { copies: [onLoan] }, activeHoldCount: 0, otherRequestCount: 0, contact: 'email', hasEmail: true, ...over });
const renewal = (over: Partial<RenewalInput> = {}, loan: Partial<RenewalInput['loan']> = {}) =>
  decideRenewal({
    policy,
    loan: { dueDate: '2025-06-20', renewals: 0, ...loan },
    today: '2025-06-10',
    hasHoldsByOthers: false,
    channel: 'online',
    isClosed: neverClosed,
    ...over,
  });

const cases: BulletCase[] = [
  {
    bullet: 'card number: 9 digits starting with 10',
    seed: `${SEED}:20, 35, 56`,
    check: () => {
      expect(normalizeCardNumber('100012345', policy.card)).toEqual({ ok: true, cardNumber: '100012345' });
      expect(normalizeCardNumber('200012345', policy.card)).toMatchObject({ ok: false, code: Codes.CARD_FORMAT, reason: CardFormatReasons.PREFIX });
      expect(normalizeCardNumber('10001234', policy.card)).toMatchObject({ ok: false, reason: CardFormatReasons.TOO_SHORT });
      expect(normalizeCardNumber('1000123456', policy.card)).toMatchObject({ ok: false, reason: CardFormatReasons.TOO_LONG });
    },
  },
  {
    bullet: 'online registration: card number + katakana name + birth date YYYYMMDD + phone',
    seed: `${SEED}:24-38, 56-59`,
    check: () => {
      expect(policy.registration).toMatchObject({ online: true, identityFields: ['nameKana', 'birthDate', 'phone'], birthDatePrecision: 'day' });
      const typed = { nameKana: 'コガイチロウ', birthDate: '20090301', phone: '092-942-1234' };
      expect(matchIdentity(typed, stored, policy.registration)).toEqual({ ok: true });
      expect(matchIdentity({ ...typed, birthDate: '20090302' }, stored, policy.registration)).toMatchObject({ code: Codes.IDENTITY_MISMATCH });
      expect(matchIdentity({ ...typed, phone: undefined }, stored, policy.registration)).toMatchObject({ code: Codes.IDENTITY_REQUIRED, field: 'phone' });
      expect(decidePasswordRegistration(policy, { typed, stored, password: 'koga12', confirm: 'koga12', channel: 'web' })).toMatchObject({ ok: true });
    },
  },
  {
    bullet: 'password: 4–8 half-width alphanumerics',
    seed: `${SEED}:21, 64, 70`,
    check: () => {
      expect(validatePassword('ab12', policy.password).ok).toBe(true);
      expect(validatePassword('abCD1234', policy.password).ok).toBe(true);
      expect(validatePassword('ab1', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_SHORT]);
      expect(validatePassword('abcd12345', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_LONG]);
      expect(validatePassword('ab_12', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.CHARS]);
    },
  },
  {
    bullet: 'forgot password: register again',
    seed: `${SEED}:156`,
    check: () => expect(policy.passwordReset).toBe('register-again'),
  },
  {
    bullet: 'e-mail added under user information; confirmation link must be opened (double opt-in)',
    seed: `${SEED}:84-88, 114`,
    check: () => expect(policy.email.confirmation).toBe('double-opt-in'),
  },
  {
    bullet: 'changing e-mail: use it for future contact and also for holds already placed; e-mail can be deleted',
    seed: `${SEED}:73-74, 128`,
    check: () => expect(policy.email).toMatchObject({ askApplyToExistingHolds: true, deletable: true }),
  },
  {
    bullet: 'password change form: old, new, re-enter',
    seed: `${SEED}:118-124`,
    check: () => {
      expect(validatePassword('neu123', policy.password, { confirm: 'neu123' }).ok).toBe(true);
      expect(validatePassword('neu123', policy.password, { confirm: 'neu124' }).reasons.map((r) => r.code)).toEqual([PasswordReasons.MISMATCH]);
    },
  },
  {
    bullet: 'My page: loans, holds, cancelled holds, favourites, My bookshelf (more shelves), reading marathon; events calendar',
    seed: `${SEED}:95-108, 157-159`,
    check: () => {
      expect(policy.display.usageTabs).toEqual(['loans', 'holds', 'cancelled-holds', 'cart']);
      expect(policy.holds.cancelledVisibleDays).toBeGreaterThan(0);
      expect(policy.features).toMatchObject({ bookshelves: true, customShelves: true, readingHistory: true, readingMarathon: true, eventsCalendar: true });
    },
  },
  {
    bullet: 'web holds: only items currently on loan',
    seed: `${SEED}:14, 135, 139`,
    check: () => {
      expect(hold()).toEqual({ ok: true });
      expect(hold({ record: { copies: [onLoan, { loanable: true, status: 'on-shelf' }] } })).toMatchObject({
        code: Codes.NOT_RESERVABLE,
        reason: NotReservableReasons.ON_SHELF,
      });
      // the only copy on the hold shelf or in transit for someone else is not on the shelf either
      expect(hold({ record: { copies: [{ loanable: true, status: 'reserved' }] } })).toEqual({ ok: true });
      expect(hold({ record: { copies: [{ loanable: true, status: 'in-transit' }] } })).toEqual({ ok: true });
      expect(holdNotes(policy).map((n) => n.ja).join()).toContain('書架にない資料のみ');
    },
  },
  {
    bullet: 'at most 10 holds at once, counting requests placed by other means (ILL, unheld new books)',
    seed: `${SEED}:140`,
    check: () => {
      expect(hold({ activeHoldCount: 7, otherRequestCount: 2 })).toEqual({ ok: true });
      expect(hold({ activeHoldCount: 7, otherRequestCount: 3 })).toMatchObject({ ok: false, code: Codes.HOLD_LIMIT, limit: 10 });
      expect(hold({ activeHoldCount: 10 })).toMatchObject({ ok: false, code: Codes.HOLD_LIMIT });
    },
  },
  {
    bullet: 'contact: e-mail only (also for holds placed at the counter)',
    seed: `${SEED}:141`,
    check: () => {
      expect(policy.holds.contactMethods).toEqual(['email']);
      expect(hold({ contact: 'none' })).toMatchObject({ code: Codes.CONTACT_NOT_ALLOWED });
      expect(hold({ contact: 'phone', channel: 'counter' })).toMatchObject({ code: Codes.CONTACT_NOT_ALLOWED });
    },
  },
  {
    bullet: 'hold shelf: 1 week from the ready e-mail, then cancelled',
    seed: `${SEED}:142, 144`,
    check: () => {
      expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-01', noticeDate: '2025-06-02', branchCode: 'main', isClosed: neverClosed })).toBe(
        '2025-06-09',
      );
    },
  },
  {
    bullet: 'series cannot be ordered',
    seed: `${SEED}:139`,
    check: () => {
      expect(hold({ ordered: true })).toMatchObject({ ok: false, code: Codes.ORDERED_NOT_SUPPORTED });
      expect(holdNotes(policy).map((n) => n.ja).join()).toContain('順番通りに用意することはできません');
    },
  },
  {
    bullet: 'e-mails: hold received, ready for pickup, due-date reminder',
    seed: `${SEED}:16, 135, 144`,
    check: () => {
      // these three and no others: no overdue mail
      expect(policy.notices).toMatchObject({ holdPlaced: 'always', holdReady: 'always', dueReminder: 'always', overdue: 'off' });
      expect(dueReminderDate(policy, '2025-06-20')).toBe('2025-06-18');
    },
  },
  {
    bullet: 'renewal: once, within the loan period, if no one else has a hold',
    seed: `${SEED}:12`,
    check: () => {
      expect(renewal()).toEqual({ ok: true, newDueDate: '2025-07-04' });
      expect(renewal({}, { renewals: 1 })).toMatchObject({ code: Codes.RENEWAL_LIMIT });
      expect(renewal({ today: '2025-06-21' })).toMatchObject({ code: Codes.OVERDUE });
      expect(renewal({ hasHoldsByOthers: true })).toMatchObject({ code: Codes.ITEM_HAS_HOLDS });
    },
  },
  {
    bullet: 'everything else is the default (where the guide is silent)',
    seed: `${SEED} (whole guide)`,
    check: () =>
      expect(diffPolicies(defaultPolicy(), policy).map((c) => c.path)).toEqual([
        'card.minLength',
        'card.maxLength',
        'card.fixedPrefix',
        'password.minLength',
        'password.maxLength',
        'password.classes',
        'registration.online',
        'registration.identityFields',
        'passwordReset',
        'email.askApplyToExistingHolds',
        'holds.reservable',
        'holds.countsRequestsFromOtherChannels',
        'holds.contactMethods',
        'holds.shelfCountFrom',
        'features.customShelves',
        'features.readingMarathon',
        'features.eventsCalendar',
        'notices.holdPlaced',
        'notices.dueReminder',
        'notices.overdue',
        'display.usageTabs',
      ]),
  },
];

describe('preset koga (古賀市)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
