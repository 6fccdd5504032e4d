import { neverClosed } from '../calendar';
import { checkDigitFor, normalizeCardNumber } from '../card';
import { CardFormatReasons, Codes, PasswordReasons } from '../codes';
import { holdActions, holdStatusLabel } from '../holds';
import { decidePasswordRegistration } from '../identity';
import { defaultPolicy, diffPolicies } from '../parse';
import { patronFacingPolicy } from '../patron-facing';
import { generateTemporaryPassword, validatePassword } from '../password';
import { decideRenewal, RenewalInput } from '../renewal';
import { BulletCase } from '../test-helpers';
import { PRESETS } from './index';

// CITIES.md "city003 — unnamed city (貸出券)"; seeds/003_d0ebf2d178b487db.txt
const preset = PRESETS.city003;
const policy = preset.policy;
const SEED = 'seeds/003_d0ebf2d178b487db.txt';

const renewal = (over: Partial<RenewalInput> = {}) =>
  decideRenewal({
    policy,
    loan: { dueDate: '2025-06-20', renewals: 0 },
    today: '2025-06-10',
    hasHoldsByOthers: false,
    channel: 'online',
    isClosed: neverClosed,
    ...over,
  });

const cases: BulletCase[] = [
  {
    bullet: 'card: 8 digits printed 0123456-7 (7 digits + check digit), typed without the hyphen',
    seed: `${SEED}:40-44, 79-83, 164-168`,
    check: () => {
      expect(policy.card.checkDigit).toBe('mod10-weight21');
      expect(checkDigitFor('0123456', policy.card.checkDigit)).toBe('7');
      expect(normalizeCardNumber('01234567', policy.card)).toEqual({ ok: true, cardNumber: '01234567' });
      expect(normalizeCardNumber('0123456-7', policy.card)).toEqual({ ok: true, cardNumber: '01234567' });
      expect(normalizeCardNumber('01234568', policy.card)).toMatchObject({ ok: false, code: Codes.CARD_FORMAT, reason: CardFormatReasons.CHECK_DIGIT });
      expect(normalizeCardNumber('0123456', policy.card)).toMatchObject({ ok: false, reason: CardFormatReasons.TOO_SHORT });
      const hint = patronFacingPolicy(policy).card.hint.map((l) => l.ja).join('\n');
      expect(hint).toContain('0123456-7 は 01234567');
    },
  },
  {
    bullet: 'demo cards minted with the check digit validate',
    seed: `${SEED}:44`,
    check: () => {
      for (const body of ['0000001', '1234567', '9999999']) {
        const card = body + checkDigitFor(body, policy.card.checkDigit);
        expect(normalizeCardNumber(card, policy.card)).toEqual({ ok: true, cardNumber: card });
      }
    },
  },
  {
    bullet: 'password: exactly 6 half-width digits',
    seed: `${SEED}:46, 54-56`,
    check: () => {
      expect(validatePassword('123987', policy.password).ok).toBe(true);
      expect(validatePassword('12345', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_SHORT]);
      expect(validatePassword('1234567', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.TOO_LONG]);
      expect(validatePassword('abc123', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.CHARS]);
      expect(validatePassword('１２３４５６', policy.password).reasons.map((r) => r.code)).toEqual([PasswordReasons.FULLWIDTH]);
    },
  },
  {
    bullet: 'the counter issues a temporary password; it must be changed at first login (new + confirmation)',
    seed: `${SEED}:3-9, 54-58`,
    check: () => {
      expect(policy.password.temporaryMustChange).toBe(true);
      expect(policy.registration.online).toBe(false);
      expect(decidePasswordRegistration(policy, { typed: {}, stored: {}, password: '123456', channel: 'web' })).toMatchObject({
        code: Codes.ONLINE_REGISTRATION_DISABLED,
      });
      const temp = generateTemporaryPassword(policy.password, () => 0.42);
      expect(temp).toMatch(/^\d{6}$/);
      expect(validatePassword('654321', policy.password, { confirm: '654321' }).ok).toBe(true);
      expect(validatePassword('654321', policy.password, { confirm: '654320' }).ok).toBe(false);
    },
  },
  {
    bullet: 'usage view has three tabs: holds, loans, cart',
    seed: `${SEED}:90-102`,
    check: () => expect(policy.display.usageTabs).toEqual(['holds', 'loans', 'cart']),
  },
  {
    bullet: 'loan list columns: item code, loan date, due date, reserved-by-others (有), overdue (延滞), branch, category, title',
    seed: `${SEED}:108-143`,
    check: () =>
      expect(policy.display.loanColumns).toEqual(['itemBarcode', 'loanDate', 'dueDate', 'hasHolds', 'overdue', 'branch', 'materialType', 'title']),
  },
  {
    bullet: 'no online renewal: counter only, not by phone either',
    seed: `${SEED}:145-147`,
    check: () => {
      expect(renewal()).toMatchObject({ ok: false, code: Codes.NOT_RENEWABLE_ONLINE });
      expect(renewal({ channel: 'phone' })).toMatchObject({ ok: false, code: Codes.NOT_RENEWABLE_BY_PHONE });
      expect(renewal({ channel: 'counter' })).toEqual({ ok: true, newDueDate: '2025-07-04' });
      expect(patronFacingPolicy(policy).renewal).toEqual({ online: false });
    },
  },
  {
    bullet: 'hold list columns: title, volume, pickup library, contact, status, hold date, secured date, cancel button',
    seed: `${SEED}:192-267`,
    check: () =>
      expect(policy.display.holdColumns).toEqual(['title', 'volume', 'pickupPoint', 'contact', 'status', 'placedAt', 'securedAt', 'cancel']),
  },
  {
    bullet: 'status 確保済み (ready) or 順番待ち (waiting, or secured but still in transit)',
    seed: `${SEED}:213-240`,
    check: () => {
      expect(holdStatusLabel(policy, 'ready').ja).toBe('確保済み');
      expect(holdStatusLabel(policy, 'waiting').ja).toBe('順番待ち');
      expect(holdStatusLabel(policy, 'in-transit').ja).toBe('順番待ち');
    },
  },
  {
    bullet: 'cancel only while waiting and not yet allocated',
    seed: `${SEED}:236-240, 257-281`,
    check: () => {
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web', allocated: false }).cancel).toBe(true);
      expect(holdActions(policy, { status: 'waiting', placedVia: 'web', allocated: true }).cancel).toBe(false);
      expect(holdActions(policy, { status: 'in-transit', placedVia: 'web', allocated: true }).cancel).toBe(false);
      expect(holdActions(policy, { status: 'ready', placedVia: 'web', allocated: true }).cancel).toBe(false);
    },
  },
  {
    bullet: 'returns out of hours go to the book drop',
    seed: `${SEED}:130-132`,
    check: () => expect(preset.branches.every((b) => b.bookDrop === true)).toBe(true),
  },
  {
    bullet: 'everything else is the default (where the guide is silent)',
    seed: `${SEED} (whole guide)`,
    check: () =>
      expect(diffPolicies(defaultPolicy(), policy).map((c) => c.path)).toEqual([
        'card.minLength',
        'card.maxLength',
        'card.checkDigit',
        'card.example',
        'password.maxLength',
        'password.classes',
        'renewal.online',
        'renewal.byPhone',
        'holds.cancelOnlyUnallocated',
        'display.holdStatusLabels.waiting.ja',
        'display.holdStatusLabels.in-transit.ja',
        'display.holdStatusLabels.in-transit.en',
        'display.holdStatusLabels.ready.ja',
        'display.usageTabs',
        'display.loanColumns',
        'display.holdColumns',
      ]),
  },
];

describe('preset city003 (貸出券)', () => {
  it.each(cases)('$bullet — $seed', ({ check }) => check());
});
