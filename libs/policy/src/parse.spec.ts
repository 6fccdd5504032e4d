import { Codes } from './codes';
import { defaultPolicy, diffPolicies, parsePolicy } from './parse';
import { PolicySchema } from './schema';

function errorsOf(input: unknown) {
  const r = parsePolicy(input);
  if (r.ok) throw new Error('expected the policy to be refused');
  return r.errors;
}

describe('defaultPolicy: CITIES.md "Where a guide is silent"', () => {
  const p = defaultPolicy();

  it('card: 4–14 half-width digits, no prefix, no check digit', () => {
    expect(p.card).toMatchObject({ minLength: 4, maxLength: 14, fixedPrefix: null, checkDigit: 'none', strippedPrefixes: [] });
  });
  it('password: 6–32 letters, digits, symbols, case-sensitive; lockout 10 failures / 15 minutes', () => {
    expect(p.password).toMatchObject({ minLength: 6, maxLength: 32, classes: ['letters', 'digits', 'symbols'], caseSensitive: true });
    expect(p.lockout).toEqual({ maxFailures: 10, lockMinutes: 15 });
  });
  it('loans: 14 days, 10 items; renewal once, +14 days from the due date, refused on holds or overdue', () => {
    expect(p.loans).toEqual({ periodDays: 14, maxItems: 10, rules: [] });
    expect(p.renewal).toMatchObject({ maxRenewals: 1, basis: 'due-date', periodDays: 14, blockedByHolds: true, blockedByOverdue: true });
  });
  it('holds: any loanable copy, 10 active, e-mail or none, 7 shelf days from securing, waiting-only changes, 14 days visible', () => {
    expect(p.holds).toMatchObject({
      reservable: 'any-loanable',
      maxActive: 10,
      shelfDays: 7,
      shelfCountFrom: 'secured-day',
      cancelAllowedIn: ['waiting'],
      pickupChangeAllowedIn: ['waiting'],
      cancelledVisibleDays: 14,
    });
    expect([...p.holds.contactMethods].sort()).toEqual(['email', 'none']);
  });
  it('card validity: none', () => {
    expect(p.cardValidity.months).toBeNull();
  });
  it('public lists: new arrivals 30 days, best loans over 1 year, top 10', () => {
    expect(p.publicLists).toMatchObject({ newArrivalDays: 30, bestLoansWindow: { amount: 1, unit: 'years' }, topN: 10 });
  });
  it('returns a fresh object each time', () => {
    const a = defaultPolicy();
    a.loans.periodDays = 99;
    expect(defaultPolicy().loans.periodDays).toBe(14);
  });
});

describe('parsePolicy', () => {
  it('accepts a partial policy and fills defaults', () => {
    const r = parsePolicy({ loans: { periodDays: 21 } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy.loans.periodDays).toBe(21);
      expect(r.policy.loans.maxItems).toBe(10);
      expect(r.policy.holds.maxActive).toBe(10);
    }
  });

  it('round-trips its own output unchanged', () => {
    const p = defaultPolicy();
    const r = parsePolicy(JSON.parse(JSON.stringify(p)));
    expect(r).toEqual({ ok: true, policy: p });
  });

  it('refuses a non-object', () => {
    expect(errorsOf('nope')).toEqual([expect.objectContaining({ path: '', code: Codes.POLICY_INVALID_TYPE })]);
  });

  it('addresses field errors by dotted path, inside arrays too', () => {
    const errors = errorsOf({
      loans: { rules: [{ id: 'av', materialType: 'av', periodDays: 0 }] },
      holds: { contactMethods: ['fax'], maxActive: 2.5 },
      renewal: { basis: 'tomorrow' },
      card: { fixedPrefix: 'AB' },
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.code]));
    expect(byPath).toEqual({
      'loans.rules.0.periodDays': Codes.POLICY_TOO_SMALL,
      'holds.contactMethods.0': Codes.POLICY_INVALID_VALUE,
      'holds.maxActive': Codes.POLICY_NOT_INTEGER,
      'renewal.basis': Codes.POLICY_INVALID_VALUE,
      'card.fixedPrefix': Codes.POLICY_INVALID_FORMAT,
    });
    for (const e of errors) {
      expect(e.message.ja.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  });

  it('names each unknown key', () => {
    const errors = errorsOf({ card: { lenght: 7 }, colour: 'red' });
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['card.lenght', Codes.POLICY_UNKNOWN_KEY],
        ['colour', Codes.POLICY_UNKNOWN_KEY],
      ]),
    );
  });

  it('reports too-big values with the limit', () => {
    const [e] = errorsOf({ loans: { periodDays: 400 } });
    expect(e).toMatchObject({ path: 'loans.periodDays', code: Codes.POLICY_TOO_BIG });
    expect(e.message.en).toContain('366');
  });

  it.each([
    [{ card: { minLength: 9, maxLength: 3 } }, 'card.maxLength', Codes.POLICY_RANGE],
    [{ password: { minLength: 10, maxLength: 8 } }, 'password.maxLength', Codes.POLICY_RANGE],
    [{ password: { symbols: '+a' } }, 'password.symbols', Codes.POLICY_INVALID_FORMAT],
    [{ card: { minLength: 2, fixedPrefix: '10' } }, 'card.fixedPrefix', Codes.POLICY_TOO_BIG],
    [{ registration: { online: true } }, 'registration.identityFields', Codes.POLICY_IDENTITY_FIELDS_REQUIRED],
    [{ passwordReset: 'register-again' }, 'passwordReset', Codes.POLICY_RESET_NEEDS_ONLINE_REGISTRATION],
    [{ holds: { cancelAllowedIn: ['waiting', 'collected'] } }, 'holds.cancelAllowedIn.1', Codes.POLICY_INVALID_VALUE],
    [{ holds: { contactMethods: ['email', 'email'] } }, 'holds.contactMethods.1', Codes.POLICY_DUPLICATE],
    [{ holds: { contactMethods: [] } }, 'holds.contactMethods', Codes.POLICY_TOO_SMALL],
    [{ loans: { rules: [{ id: 'r', periodDays: 7 }] } }, 'loans.rules.0', Codes.POLICY_RULE_NO_CRITERIA],
    [{ loans: { rules: [{ id: 'r', materialType: 'av' }] } }, 'loans.rules.0', Codes.POLICY_RULE_NO_EFFECT],
    [
      { loans: { rules: [{ id: 'r', materialType: 'av', periodDays: 7 }, { id: 'r', materialType: 'book', periodDays: 7 }] } },
      'loans.rules.1.id',
      Codes.POLICY_DUPLICATE,
    ],
  ])('refuses an inconsistent policy: %j → %s', (input, path, code) => {
    expect(errorsOf(input)).toEqual([expect.objectContaining({ path, code })]);
  });

  it('is the same schema the presets and defaults go through', () => {
    expect(PolicySchema.parse({})).toEqual(defaultPolicy());
  });
});

describe('diffPolicies', () => {
  it('lists nothing for equal policies', () => {
    expect(diffPolicies(defaultPolicy(), defaultPolicy())).toEqual([]);
  });

  it('lists changed leaves by path, whole plain arrays, and rules by index', () => {
    const a = defaultPolicy();
    const b = defaultPolicy();
    b.loans.periodDays = 21;
    b.holds.contactMethods = ['email'];
    a.loans.rules = [{ id: 'av', note: '', materialType: 'av', patronCategory: null, branchCode: null, periodDays: 7, maxItems: null, maxRenewals: null, renewalPeriodDays: null }];
    b.loans.rules = [{ ...a.loans.rules[0], periodDays: 10 }, { ...a.loans.rules[0], id: 'mag', materialType: 'magazine' }];
    expect(diffPolicies(a, b)).toEqual([
      { path: 'loans.periodDays', before: 14, after: 21 },
      { path: 'loans.rules.0.periodDays', before: 7, after: 10 },
      { path: 'loans.rules.1', before: undefined, after: b.loans.rules[1] },
      { path: 'holds.contactMethods', before: ['email', 'none'], after: ['email'] },
    ]);
  });
});
