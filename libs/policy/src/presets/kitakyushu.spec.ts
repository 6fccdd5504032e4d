import { neverClosed, weeklyClosedDays } from '../calendar';
import { normalizeCardNumber } from '../card';
import { Codes, EmailWarnings, NotReservableReasons, PasswordReasons } from '../codes';
import { checkEmailAddress } from '../email';
import {
  computeHoldShelfExpiry,
  decideHoldPlacement,
  HoldPlacementInput,
  holdActions,
  holdStatusLabel,
  isCancelledHoldVisible,
  mayAllocateInOrderedSeries,
} from '../holds';
import { decidePasswordRegistration, matchIdentity } from '../identity';
import { defaultPolicy, diffPolicies } from '../parse';
import { validatePassword } from '../password';
import { decideRenewal, RenewalInput } from '../renewal';
import { BulletCase } from '../test-helpers';
import { PRESETS } from './index';

// CITIES.md "kitakyushu — 北九州市"; seeds/002_2411390b848746ba.txt
const preset = PRESETS.kitakyushu;
const policy = preset.policy;
const SEED = 'seeds/002_2411390b848746ba.txt';

const stored = { nameKana: 'キタ ハナコ', birthDate: '1985-11-03', phone: '093-123-4567' };
const apply = (over: object = {}) =>
  decidePasswordRegistration(policy, {
    typed: { birthDate: '19851103', phone: '093-123-4567' },
    stored,
    password: 'Kokura2025',
    confirm: 'Kokura2025',
    termsAccepted: true,
    channel: 'web',
    ...over,
  });
const renewal = (over: Partial<RenewalInput> = {}, loan: Partial<RenewalInput['loan']> = {}) =>
  decideRenewal({
    policy,
    loan: { dueDate: '2025-06-20', renewals: 0, ownedByCity: true, ...loan },
    today: '2025-06-10',
    hasHoldsByOthers: false,
    channel: 'online',
    isClosed: neverClosed,
    ...over,
  });
const hold = (over: Partial<HoldPlacementInput> = {}) =>
  decideHoldPlacement({ policy, record: { copies: [{ loanable: true, status: 'on-shelf' }] }, activeHoldCount: 0, contact: 'email', hasEmail: true, ...over });

const cases: BulletCase[] = [
  {
    bullet: 'online password application needs consent to the terms',
    seed: `${SEED}:23-24`,
    check: () => {
      expect(apply()).toMatchObject({ ok: true });
      expect(apply({ termsAccepted: false })).toMatchObject({ ok: false, code: Codes.TERMS_REQUIRED });
    },
  },
  {
    bullet: 'identity: card number + birth date + registered phone number',
    seed: `${SEED}:24`,
    check: () => {
      expect(policy.registration.identityFields).toEqual(['birthDate', 'phone']);
      expect(matchIdentity({ birthDate: '1985-11-03', phone: '０９３１２３４５６７' }, stored, policy.registration)).toEqual({ ok: true });
      expect(apply({ typed: { birthDate: '19851103', phone: '093-123-4568' } })).toMatchObject({ ok: false, code: Codes.IDENTITY_MISMATCH });
      expect(apply({ typed: { birthDate: '19851103' } })).toMatchObject({ ok: false, code: Codes.IDENTITY_REQUIRED });
      // A card number is checked with the default rules; Kitakyushu's cards have 10 digits.
      expect(normalizeCardNumber('0123456789', policy.card)).toEqual({ ok: true, cardNumber: '0123456789' });
    },
  },
  {
    bullet: 'no phone on file: temporary password at the counter, then apply for the real one',
    seed: `${SEED}:27`,
    check: () => {
      const r = matchIdentity({ birthDate: '19851103', phone: '0931234567' }, { ...stored, phone: null }, policy.registration);
      expect(r).toMatchObject({ ok: false, code: Codes.IDENTITY_MISMATCH, cause: 'no-phone-on-file' });
      if (!r.ok) expect(r.message.ja).toContain('カウンターで仮パスワード');
      expect(policy.password.temporaryMustChange).toBe(true);
    },
  },
  {
    bullet: 'password: 6–20 half-width alphanumerics, case-sensitive',
    seed: `${SEED}:25`,
    check: () => {
      expect(validatePassword('Kokura', policy.password).ok).toBe(true);
      expect(validatePassword('a1b2c', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_SHORT]);
      expect(validatePassword('a'.repeat(20), policy.password).ok).toBe(true);
      expect(validatePassword('a'.repeat(21), policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_LONG]);
      expect(validatePassword('kokura!', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.CHARS]);
      expect(policy.password.caseSensitive).toBe(true);
    },
  },
  {
    bullet: 'password: no half-width katakana',
    seed: `${SEED}:25`,
    check: () => {
      const r = validatePassword('ｺｸﾗ2025', policy.password);
      expect(r.reasons.map((x) => x.code)).toEqual([PasswordReasons.HALFWIDTH_KATAKANA]);
      expect(r.reasons[0].message.ja).toBe('半角カタカナは使用できません。');
    },
  },
  {
    bullet: 'change any time after login; forgot password: apply again',
    seed: `${SEED}:31-36`,
    check: () => expect(policy.passwordReset).toBe('register-again'),
  },
  {
    bullet: 'cart is temporary: anyone can fill it; login to see and reserve it',
    seed: `${SEED}:42-43`,
    check: () => expect(policy.cart.requiresLogin).toBe(false),
  },
  {
    bullet: 'only items owned by the city and loanable can be reserved; others by paper request at the counter',
    seed: `${SEED}:44`,
    check: () => {
      expect(hold()).toEqual({ ok: true });
      expect(hold({ record: { copies: [{ loanable: false, status: 'on-shelf' }] } })).toMatchObject({
        code: Codes.NOT_RESERVABLE,
        reason: NotReservableReasons.NO_LOANABLE_COPY,
      });
      const notOwned = { record: { copies: [{ loanable: true, status: 'on-shelf' as const, owned: false }] } };
      const r = hold(notOwned);
      expect(r).toMatchObject({ code: Codes.NOT_RESERVABLE, reason: NotReservableReasons.NOT_OWNED });
      if (!r.ok) expect(r.message.ja).toContain('カウンター');
      expect(hold({ ...notOwned, channel: 'counter' })).toEqual({ ok: true });
    },
  },
  {
    bullet: 'hold form: pick pickup library and contact method (e-mail needs a registered address)',
    seed: `${SEED}:45, 57-58`,
    check: () => {
      expect(hold({ contact: 'none' })).toEqual({ ok: true });
      expect(hold({ contact: 'email', hasEmail: false })).toMatchObject({ ok: false, code: Codes.EMAIL_REQUIRED });
    },
  },
  {
    bullet: 'hold states: 予約中です (cancel or change pickup), 取寄・準備中です and ご用意できました (no change)',
    seed: `${SEED}:47`,
    check: () => {
      expect(holdStatusLabel(policy, 'waiting').ja).toBe('予約中です');
      expect(holdStatusLabel(policy, 'in-transit').ja).toBe('取寄・準備中です');
      expect(holdStatusLabel(policy, 'ready').ja).toBe('ご用意できました');
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web' })).toMatchObject({ cancel: true, changePickup: true });
      for (const status of ['in-transit', 'ready'] as const) {
        expect(holdActions(policy, { status, placedVia: 'web' })).toMatchObject({ cancel: false, changePickup: false });
      }
    },
  },
  {
    bullet: 'cancelled holds stay listed for 2 weeks',
    seed: `${SEED}:46`,
    check: () => {
      expect(isCancelledHoldVisible(policy, '2025-06-01', '2025-06-15')).toBe(true);
      expect(isCancelledHoldVisible(policy, '2025-06-01', '2025-06-16')).toBe(false);
    },
  },
  {
    bullet: 'queue position shown as an estimate',
    seed: `${SEED}:51`,
    check: () => expect(policy.display.queuePosition).toBe('estimate'),
  },
  {
    bullet: 'ready notice by the contact method chosen per hold',
    seed: `${SEED}:48, 57-58`,
    check: () => expect(policy.notices.holdReady).toBe('always'),
  },
  {
    bullet: 'hold shelf: 1 week from the day after the notice, closed days excluded',
    seed: `${SEED}:48`,
    check: () => {
      const args = { policy, securedDate: '2025-05-31', noticeDate: '2025-06-02', branchCode: 'central' };
      expect(computeHoldShelfExpiry({ ...args, isClosed: neverClosed })).toBe('2025-06-09');
      // Mondays closed: Tue 3 … Sun 8 are six days, Mon 9 is not counted, Tue 10 is the seventh.
      expect(computeHoldShelfExpiry({ ...args, isClosed: weeklyClosedDays([1]) })).toBe('2025-06-10');
    },
  },
  {
    bullet: 'ordered series holds: choose the order; a later volume waits for the earlier; one hold per volume',
    seed: `${SEED}:49-52`,
    check: () => {
      expect(hold({ ordered: true })).toEqual({ ok: true });
      expect(mayAllocateInOrderedSeries(policy, ['waiting'])).toBe(false);
      expect(mayAllocateInOrderedSeries(policy, ['ready'])).toBe(true);
      expect(hold({ ordered: true, alreadyHeld: true })).toMatchObject({ ok: false, code: Codes.ALREADY_HELD });
    },
  },
  {
    bullet: 'new magazine issues are reservable once catalogued',
    seed: `${SEED}:53`,
    check: () => {
      // A just-catalogued issue is an owned, loanable copy like any other.
      expect(hold({ record: { copies: [{ loanable: true, status: 'on-shelf', owned: true }] } })).toEqual({ ok: true });
      expect(hold({ record: { copies: [] } })).toMatchObject({ ok: false, code: Codes.NOT_RESERVABLE });
    },
  },
  {
    bullet: 'e-mail register / change / delete; confirmation mail on registration',
    seed: `${SEED}:60-63, 80`,
    check: () => {
      expect(policy.email.confirmation).toBe('notice');
      expect(policy.email.deletable).toBe(true);
    },
  },
  {
    bullet: 'warn on addresses that cannot be delivered: consecutive dots, a dot right before @',
    seed: `${SEED}:71`,
    check: () => {
      expect(policy.email.warnUndeliverable).toBe(true);
      expect(checkEmailAddress('hana..kita@example.jp').warnings.map((w) => w.code)).toEqual([EmailWarnings.CONSECUTIVE_DOTS]);
      expect(checkEmailAddress('hana.@example.jp').warnings.map((w) => w.code)).toEqual([EmailWarnings.DOT_BEFORE_AT]);
      expect(checkEmailAddress('hana.kita@example.jp').warnings).toEqual([]);
    },
  },
  {
    bullet: 'renewal: city-owned items, before the due date, no holds by others, once',
    seed: `${SEED}:93`,
    check: () => {
      expect(renewal({}, { ownedByCity: false })).toMatchObject({ ok: false, code: Codes.ILL_NOT_RENEWABLE });
      expect(renewal({}, { ill: true })).toMatchObject({ ok: false, code: Codes.ILL_NOT_RENEWABLE });
      expect(renewal({ today: '2025-06-21' })).toMatchObject({ ok: false, code: Codes.OVERDUE });
      expect(renewal({ hasHoldsByOthers: true })).toMatchObject({ ok: false, code: Codes.ITEM_HAS_HOLDS });
      expect(renewal({}, { renewals: 1 })).toMatchObject({ ok: false, code: Codes.RENEWAL_LIMIT });
    },
  },
  {
    bullet: 'removing from the cart: 「解除」',
    seed: `${SEED}:46`,
    check: () => {
      expect(policy.display.words.cartRemove.ja).toBe('解除');
    },
  },
  {
    bullet: 'renewal: new due date = day of renewal + 2 weeks',
    seed: `${SEED}:93`,
    check: () => {
      expect(renewal()).toEqual({ ok: true, newDueDate: '2025-06-24' });
      expect(renewal({ today: '2025-06-20' })).toEqual({ ok: true, newDueDate: '2025-07-04' });
      // on the day of the loan (due in 2 weeks) a renewal would move nothing: refused, not used up
      expect(renewal({ today: '2025-06-06' })).toMatchObject({ ok: false, code: Codes.RENEWAL_NO_GAIN });
    },
  },
  {
    bullet: 'everything else is the default (where the guide is silent)',
    seed: `${SEED} (whole guide)`,
    check: () =>
      expect(diffPolicies(defaultPolicy(), policy).map((c) => c.path)).toEqual([
        'password.maxLength',
        'password.classes',
        'registration.online',
        'registration.identityFields',
        'registration.termsRequired',
        'registration.noPhoneOnFileGoesToCounter',
        'passwordReset',
        'email.confirmation',
        'renewal.basis',
        'renewal.blockedByIll',
        'holds.ownedOnly',
        'holds.shelfCountFrom',
        'holds.shelfExcludeClosedDays',
        'holds.orderedSeries',
        'cart.requiresLogin',
        'display.holdStatusLabels.waiting.ja',
        'display.holdStatusLabels.in-transit.ja',
        'display.holdStatusLabels.in-transit.en',
        'display.words.cartRemove.ja',
        'display.queuePosition',
      ]),
  },
];

describe('preset kitakyushu (北九州市)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
