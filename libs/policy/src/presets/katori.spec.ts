import { neverClosed } from '../calendar';
import { normalizeCardNumber } from '../card';
import { CardFormatReasons, Codes, PasswordReasons } from '../codes';
import { holdActions, reservableForDisplay } from '../holds';
import { decidePasswordRegistration, matchIdentity } from '../identity';
import { publicListWindows } from '../lists';
import { defaultPolicy, diffPolicies } from '../parse';
import { passwordRulesText, validatePassword } from '../password';
import { decideRenewal, RenewalInput } from '../renewal';
import { BulletCase } from '../test-helpers';
import { asksPickupPoint, PRESETS } from './index';

// CITIES.md "katori — 香取市"; seeds/000_b03486ede5165335.txt
const preset = PRESETS.katori;
const policy = preset.policy;
const SEED = 'seeds/000_b03486ede5165335.txt';

// The library keeps year and month only (000:130-132), stored with day 01.
const stored = { nameKana: 'サワラ タロウ', birthDate: '2002-04-01', phone: null };
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
    bullet: 'service points: four reading facilities, each with a counter pickup',
    seed: `${SEED}:37`,
    check: () => {
      expect(preset.branches.map((b) => b.name.ja)).toEqual(['佐原中央図書館', '小見川図書館', '山田公民館図書室', '栗源市民センター図書室']);
      for (const b of preset.branches) {
        expect(preset.pickupPoints.filter((p) => p.branchCode === b.code).map((p) => p.kind)).toEqual(['counter']);
        expect(asksPickupPoint(preset, b.code)).toBe(false);
      }
    },
  },
  {
    bullet: 'card number: 7 half-width digits from the back of the card',
    seed: `${SEED}:9, 63, 93, 251`,
    check: () => {
      expect(normalizeCardNumber('0446443', policy.card)).toEqual({ ok: true, cardNumber: '0446443' });
      expect(normalizeCardNumber('044644', policy.card)).toMatchObject({ ok: false, code: Codes.CARD_FORMAT, reason: CardFormatReasons.TOO_SHORT });
      expect(normalizeCardNumber('04464430', policy.card)).toMatchObject({ ok: false, reason: CardFormatReasons.TOO_LONG });
    },
  },
  {
    bullet: 'card number typed without hyphen: hyphens and full-width digits are folded',
    seed: `${SEED}:128`,
    check: () => {
      expect(normalizeCardNumber('044-6443', policy.card)).toEqual({ ok: true, cardNumber: '0446443' });
      expect(normalizeCardNumber('０４４６４４３', policy.card)).toEqual({ ok: true, cardNumber: '0446443' });
    },
  },
  {
    bullet: 'online password registration on the web, the kiosk and phones; no counter visit',
    seed: `${SEED}:39, 188-190, 317-327`,
    check: () => {
      expect(policy.registration.online).toBe(true);
      const req = { typed: { nameKana: 'サワラ タロウ', birthDate: '20020401' }, stored, password: 'Sawara+1', confirm: 'Sawara+1' };
      expect(decidePasswordRegistration(policy, { ...req, channel: 'web' })).toMatchObject({ ok: true });
      expect(decidePasswordRegistration(policy, { ...req, channel: 'kiosk' })).toMatchObject({ ok: true });
    },
  },
  {
    bullet: 'identity: card number + katakana name (space optional) + birth date YYYYMMDD',
    seed: `${SEED}:93-97, 128-129`,
    check: () => {
      expect(policy.registration.identityFields).toEqual(['nameKana', 'birthDate']);
      expect(matchIdentity({ nameKana: 'サワラタロウ', birthDate: '20020401' }, stored, policy.registration)).toEqual({ ok: true });
      expect(matchIdentity({ nameKana: 'サワラ　タロウ', birthDate: '20020401' }, stored, policy.registration)).toEqual({ ok: true });
      expect(matchIdentity({ nameKana: 'サワラ ハナコ', birthDate: '20020401' }, stored, policy.registration)).toMatchObject({ code: Codes.IDENTITY_MISMATCH });
    },
  },
  {
    bullet: 'birth date day is always entered as 01 (19710416 → 19710401)',
    seed: `${SEED}:130-132`,
    check: () => {
      expect(policy.registration.birthDatePrecision).toBe('month');
      const born = { ...stored, birthDate: '1971-04-01' };
      expect(matchIdentity({ nameKana: 'サワラ タロウ', birthDate: '19710401' }, born, policy.registration)).toEqual({ ok: true });
      expect(matchIdentity({ nameKana: 'サワラ タロウ', birthDate: '19710416' }, born, policy.registration)).toMatchObject({ code: Codes.BIRTH_DAY_MUST_BE_01 });
      expect(matchIdentity({ nameKana: 'サワラ タロウ', birthDate: '19710501' }, born, policy.registration)).toMatchObject({ code: Codes.IDENTITY_MISMATCH });
    },
  },
  {
    bullet: 'then new password + confirmation',
    seed: `${SEED}:157, 174`,
    check: () => {
      const r = decidePasswordRegistration(policy, {
        typed: { nameKana: 'サワラ タロウ', birthDate: '20020401' },
        stored,
        password: 'Sawara+1',
        confirm: 'Sawara+2',
        channel: 'web',
      });
      expect(r).toMatchObject({ ok: false, code: Codes.PASSWORD_POLICY });
      if (!r.ok) expect(r.password?.reasons.map((x) => x.code)).toEqual([PasswordReasons.MISMATCH]);
    },
  },
  {
    bullet: 'password: 6–15 characters',
    seed: `${SEED}:162, 177, 270`,
    check: () => {
      expect(validatePassword('abc12', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_SHORT]);
      expect(validatePassword('abc123', policy.password).ok).toBe(true);
      expect(validatePassword('a'.repeat(15), policy.password).ok).toBe(true);
      expect(validatePassword('a'.repeat(16), policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_LONG]);
    },
  },
  {
    bullet: 'password: half-width letters (case-sensitive), digits, symbols +*!%&#',
    seed: `${SEED}:161-163, 176-178`,
    check: () => {
      expect(validatePassword('Ab+*!%&#9', policy.password).ok).toBe(true);
      for (const bad of ['abc$123', 'abc-123', 'abc 123']) {
        expect(validatePassword(bad, policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.CHARS]);
      }
      expect(policy.password.caseSensitive).toBe(true);
      expect(passwordRulesText(policy.password).map((l) => l.ja).join()).toContain('+*!%&#');
    },
  },
  {
    bullet: 'the form shows a live strength meter ("ふつう") and a match indicator ("一致")',
    seed: `${SEED}:173-174, 272-274`,
    check: () => {
      expect(validatePassword('tanaka7', policy.password).strengthLabel.ja).toBe('ふつう');
      expect(validatePassword('tanaka7', policy.password, { confirm: 'tanaka7' }).ok).toBe(true);
      expect(validatePassword('tanaka7', policy.password, { confirm: 'tanaka8' }).ok).toBe(false);
    },
  },
  {
    bullet: 'forgot password = register again; registering replaces the old password',
    seed: `${SEED}:35, 89`,
    check: () => expect(policy.passwordReset).toBe('register-again'),
  },
  {
    bullet: 'new arrivals: received in the last 30 days, excluding items published 3+ years ago',
    seed: `${SEED}:14`,
    check: () => {
      const w = publicListWindows(policy, '2025-06-10');
      expect(w.newArrivals).toEqual({ receivedSince: '2025-05-11', publishedSince: '2022-06-10', publishedNotBeforeYear: 2022 });
    },
  },
  {
    bullet: 'best readers: top 10 most loaned over the past 3 years; best reservations: top 10 now; recommended lists',
    seed: `${SEED}:15-17`,
    check: () => {
      const w = publicListWindows(policy, '2025-06-10');
      expect(w.bestLoans).toEqual({ since: '2022-06-10' });
      expect(w.topN).toBe(10);
      expect(w.enabled).toEqual(['new-arrivals', 'best-loans', 'best-holds', 'recommended']);
    },
  },
  {
    bullet: 'holds: only loanable items',
    seed: `${SEED}:21`,
    check: () => {
      expect(reservableForDisplay(policy, [{ loanable: false, status: 'on-shelf' }])).toMatchObject({ ok: false, code: Codes.NOT_RESERVABLE });
      expect(reservableForDisplay(policy, [{ loanable: true, status: 'on-shelf' }])).toEqual({ ok: true });
    },
  },
  {
    bullet: 'renewal once; refused when another patron has a hold or the item came from outside the city (ILL)',
    seed: `${SEED}:22`,
    check: () => {
      expect(renewal()).toEqual({ ok: true, newDueDate: '2025-07-04' });
      expect(renewal({}, { renewals: 1 })).toMatchObject({ ok: false, code: Codes.RENEWAL_LIMIT });
      expect(renewal({ hasHoldsByOthers: true })).toMatchObject({ ok: false, code: Codes.ITEM_HAS_HOLDS });
      expect(renewal({}, { ill: true })).toMatchObject({ ok: false, code: Codes.ILL_NOT_RENEWABLE });
    },
  },
  {
    bullet: 'loan status, hold status, reservation cart (lists for the logged-in patron)',
    seed: `${SEED}:23-25`,
    check: () => {
      expect(policy.display.usageTabs).toEqual(['loans', 'holds', 'cart']);
      expect(policy.cart.requiresLogin).toBe(true);
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web' }).cancel).toBe(true);
    },
  },
  {
    bullet: 'My bookshelf (favourites); e-mail registration; new-arrival alerts by keyword; loan history (opt-in)',
    seed: `${SEED}:26-30`,
    check: () => {
      expect(policy.features).toMatchObject({ bookshelves: true, alerts: true, readingHistory: true });
      expect(policy.notices.newArrivalAlerts).toBe('opt-in');
      expect(policy.email.deletable).toBe(true);
    },
  },
  {
    bullet: 'due-date reminder by e-mail, opt-in',
    seed: `${SEED}:29`,
    check: () => expect(policy.notices.dueReminder).toBe('opt-in'),
  },
  {
    bullet: 'digital card barcode on a phone for self-checkout',
    seed: `${SEED}:31, 404-412`,
    check: () => expect(policy.features.digitalCard).toBe(true),
  },
  {
    bullet: 'My page: card number, last login, loan / hold / new-arrival counts, last use, card expiry, messages',
    seed: `${SEED}:300-312`,
    check: () =>
      expect(policy.display.myPage).toEqual(['cardNumber', 'lastLogin', 'loanCount', 'holdCount', 'newArrivalCount', 'lastUse', 'cardExpiry', 'messages']),
  },
  {
    bullet: 'kiosk: on-screen keyboard; patron must log out (auto-logout)',
    seed: `${SEED}:218, 314-315`,
    check: () => {
      expect(policy.kiosk.onScreenKeyboard).toBe(true);
      expect(policy.kiosk.autoLogoutSeconds).toBeGreaterThan(0);
      expect(policy.kiosk.autoLogoutSeconds).toBeLessThanOrEqual(300);
    },
  },
  {
    bullet: 'everything else is the default (where the guide is silent)',
    seed: `${SEED} (whole guide)`,
    check: () =>
      expect(diffPolicies(defaultPolicy(), policy).map((c) => c.path)).toEqual([
        'card.minLength',
        'card.maxLength',
        'card.example',
        'password.maxLength',
        'password.symbols',
        'registration.online',
        'registration.identityFields',
        'registration.birthDatePrecision',
        'passwordReset',
        'renewal.blockedByIll',
        'publicLists.newArrivalMaxPublicationAgeYears',
        'publicLists.bestLoansWindow.amount',
        'features.digitalCard',
        'display.myPage',
      ]),
  },
];

describe('preset katori (香取市)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
