import {
  decideIllRequest,
  AGREEMENT_PRESETS,
  AgreementCodes,
  agreementPresetTerms,
  decideHomeCard,
  decideVisitorCheckout,
  decideVisitorHold,
  decideVisitorRegistration,
  decideVisitorRenewal,
  decideVisitorReturn,
  diffAgreementTerms,
  explainAgreement,
  parseAgreementTerms,
  policyForVisitor,
} from './agreement';
import { neverClosed } from './calendar';
import { Codes } from './codes';
import { policyOf } from './test-helpers';

// A host whose own residents get 30 items for 3 weeks, with a rule for children: a visitor
// must get the agreement's terms, not these.
const host = policyOf({
  loans: { periodDays: 21, maxItems: 30, rules: [{ id: 'kids', patronCategory: 'child', maxItems: 50, periodDays: 28 }] },
  renewal: { maxRenewals: 2 },
});
const loans = (n: number) => Array.from({ length: n }, () => ({ materialType: 'book', branchCode: 'main' }));
const checkout = (terms: ReturnType<typeof agreementPresetTerms> | null, n: number) =>
  decideVisitorCheckout({ terms: terms ?? null, hostPolicy: host, loanDate: '2026-12-14', isClosed: neverClosed, loanable: true, materialType: 'book', branchCode: 'main', currentLoans: loans(n) });
const renewal = (terms: ReturnType<typeof agreementPresetTerms> | null, renewals = 0) =>
  decideVisitorRenewal(terms ?? null, {
    policy: host,
    loan: { dueDate: '2026-12-28', renewals },
    today: '2026-12-20',
    hasHoldsByOthers: false,
    channel: 'counter',
    isClosed: neverClosed,
  });

describe('agreement schema', () => {
  it('fills defaults from an empty object (the 相互利用 shape, contact data withheld)', () => {
    const r = parseAgreementTerms({});
    expect(r).toMatchObject({ ok: true, terms: { residentsMayBorrow: true, card: 'host-card', loans: { maxItems: 10, periodDays: 14 }, holds: false, renewals: false, returns: 'lender-only', contactData: false } });
  });

  it('refuses unknown keys, wrong enums and out-of-range numbers with the policy codes', () => {
    const r = parseAgreementTerms({ card: 'any', loans: { maxItems: -1, periodDays: 1.5 }, colour: 'red' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['card', Codes.POLICY_INVALID_VALUE],
        ['loans.maxItems', Codes.POLICY_TOO_SMALL],
        ['loans.periodDays', Codes.POLICY_NOT_INTEGER],
        ['colour', Codes.POLICY_UNKNOWN_KEY],
      ]),
    );
    expect(r.errors.every((e) => e.message.ja && e.message.en)).toBe(true);
  });

  it('diffs two versions by path', () => {
    const a = agreementPresetTerms('mutual-use');
    const b = { ...a, loans: { maxItems: 5, periodDays: 14 } };
    expect(diffAgreementTerms(a, b)).toEqual([{ path: 'loans.maxItems', before: 10, after: 5 }]);
  });

  it('presets are valid terms and hand out copies', () => {
    for (const p of Object.values(AGREEMENT_PRESETS)) expect(parseAgreementTerms(p.terms)).toEqual({ ok: true, terms: p.terms });
    const copy = agreementPresetTerms('mutual-use');
    if (!copy) throw new Error('missing preset');
    copy.loans.maxItems = 1;
    expect(AGREEMENT_PRESETS['mutual-use'].terms.loans.maxItems).toBe(10);
    expect(agreementPresetTerms('nope')).toBeUndefined();
  });
});

describe('no agreement', () => {
  it('refuses every decision with NO_AGREEMENT and a reason in both languages', () => {
    for (const d of [decideVisitorRegistration(null, 'host-card'), checkout(null, 0), renewal(null), decideVisitorHold(null), decideVisitorReturn(null, 'a', 'b')]) {
      expect(d).toMatchObject({ ok: false, code: AgreementCodes.NO_AGREEMENT });
      if (!d.ok) expect(d.message.ja).toContain('協定');
    }
  });
});

describe('preset 相互利用 (mutual-use)', () => {
  const terms = agreementPresetTerms('mutual-use') ?? null;

  it('registers the visitor with a host card, keeping contact data; the home card is not honoured', () => {
    expect(decideVisitorRegistration(terms, 'host-card')).toEqual({ ok: true, copyContactData: true });
    expect(decideVisitorRegistration(terms, 'home-card')).toMatchObject({ ok: false, code: AgreementCodes.HOME_CARD_NOT_HONOURED });
  });

  it('lends 10 items for 2 weeks whatever the host gives its own residents', () => {
    expect(checkout(terms, 9)).toEqual({ ok: true, dueDate: '2026-12-28' });
    expect(checkout(terms, 10)).toMatchObject({ ok: false, code: Codes.LOAN_LIMIT, limit: 10 });
  });

  it('allows no renewals and no holds, and items go back to the lender', () => {
    expect(renewal(terms)).toMatchObject({ ok: false, code: AgreementCodes.AGREEMENT_NO_RENEWALS });
    expect(decideVisitorHold(terms)).toMatchObject({ ok: false, code: AgreementCodes.AGREEMENT_NO_HOLDS });
    expect(decideVisitorReturn(terms, 'koga', 'kitakyushu')).toMatchObject({ ok: false, code: AgreementCodes.RETURN_TO_LENDER });
    expect(decideVisitorReturn(terms, 'koga', 'koga')).toEqual({ ok: true });
  });

  it('suspended: registration and loans refused with AGREEMENT_SUSPENDED', () => {
    const off = terms && { ...terms, residentsMayBorrow: false };
    expect(decideVisitorRegistration(off, 'host-card')).toMatchObject({ ok: false, code: AgreementCodes.AGREEMENT_SUSPENDED });
    expect(checkout(off, 0)).toMatchObject({ ok: false, code: AgreementCodes.AGREEMENT_SUSPENDED });
  });
});

describe('preset 共通利用券 (common-card)', () => {
  const terms = agreementPresetTerms('common-card') ?? null;

  it('honours the home card and copies no contact data; a host registration is not what it asks', () => {
    expect(decideVisitorRegistration(terms, 'home-card')).toEqual({ ok: true, copyContactData: false });
    expect(decideVisitorRegistration(terms, 'host-card')).toMatchObject({ ok: false, code: AgreementCodes.HOST_CARD_REQUIRED });
  });

  it('renews by the host renewal rules, up to the host’s count', () => {
    expect(renewal(terms, 0)).toEqual({ ok: true, newDueDate: '2027-01-11' });
    expect(renewal(terms, 2)).toMatchObject({ ok: false, code: Codes.RENEWAL_LIMIT });
  });

  it('refuses a loan on a home card that has expired since it was scanned', () => {
    const base = { terms, hostPolicy: host, loanDate: '2026-12-14', isClosed: neverClosed, loanable: true, currentLoans: [] };
    expect(decideVisitorCheckout({ ...base, cardExpiresAt: '2026-12-13' })).toMatchObject({ ok: false, code: AgreementCodes.HOME_CARD_EXPIRED });
    expect(decideVisitorCheckout({ ...base, cardExpiresAt: '2026-12-14' })).toMatchObject({ ok: true });
  });

  it('returns anywhere', () => {
    expect(decideVisitorReturn(terms, 'koga', 'kitakyushu')).toEqual({ ok: true });
  });
});

describe('home card check (by the home city’s own record)', () => {
  it('unknown, blocked, expired, good', () => {
    expect(decideHomeCard(null, '2026-12-14')).toMatchObject({ ok: false, code: AgreementCodes.HOME_CARD_UNKNOWN });
    expect(decideHomeCard({ status: 'blocked', expiresAt: null }, '2026-12-14')).toMatchObject({ ok: false, code: AgreementCodes.HOME_CARD_BLOCKED });
    expect(decideHomeCard({ status: 'active', expiresAt: '2026-12-13' }, '2026-12-14')).toMatchObject({ ok: false, code: AgreementCodes.HOME_CARD_EXPIRED });
    expect(decideHomeCard({ status: 'active', expiresAt: '2026-12-14' }, '2026-12-14')).toEqual({ ok: true });
  });
});

describe('policyForVisitor', () => {
  it('replaces the resident period, limit and rules; keeps the host’s calendar-facing rules', () => {
    const terms = agreementPresetTerms('mutual-use');
    if (!terms) throw new Error('missing preset');
    const p = policyForVisitor(host, terms);
    expect(p.loans).toMatchObject({ periodDays: 14, maxItems: 10, rules: [] });
    expect(p.renewal.maxRenewals).toBe(0);
    expect(p.renewal.basis).toBe(host.renewal.basis);
    expect(host.loans.maxItems).toBe(30); // the host's own policy is untouched
  });
});

describe('explainAgreement (the tester)', () => {
  it('gives the decision, the due date and every term in words', () => {
    const e = explainAgreement(agreementPresetTerms('mutual-use') ?? null, host, { kind: 'checkout', currentLoans: 3, today: '2026-12-14' });
    expect(e).toMatchObject({ ok: true, dueDate: '2026-12-28' });
    expect(e.why.ja).toContain('10点');
    expect(e.terms.map((r) => r.field)).toContain('contactData');
    const common = agreementPresetTerms('common-card') ?? null;
    const mutual = agreementPresetTerms('mutual-use') ?? null;
    const at = (terms: typeof common, kind: Parameters<typeof explainAgreement>[2]['kind']) => explainAgreement(terms, host, { kind, today: '2026-12-14' });
    expect([at(mutual, 'home-card'), at(mutual, 'renew'), at(mutual, 'hold'), at(mutual, 'return-elsewhere')].map((x) => x.code)).toEqual([
      AgreementCodes.HOME_CARD_NOT_HONOURED,
      AgreementCodes.AGREEMENT_NO_RENEWALS,
      AgreementCodes.AGREEMENT_NO_HOLDS,
      AgreementCodes.RETURN_TO_LENDER,
    ]);
    expect([at(common, 'home-card'), at(common, 'renew'), at(common, 'return-elsewhere')].every((x) => x.ok)).toBe(true);
    expect(at(common, 'renew')).toMatchObject({ dueDate: '2026-12-28' });
    expect(at(common, 'register')).toMatchObject({ ok: false, code: AgreementCodes.HOST_CARD_REQUIRED });
    const refused = explainAgreement(null, host, { kind: 'register', today: '2026-12-14' });
    expect(refused).toMatchObject({ ok: false, code: AgreementCodes.NO_AGREEMENT, terms: [] });
  });
});

describe('decideIllRequest (相互貸借)', () => {
  it('is off unless the agreement provides for it, and says what the lender may see', () => {
    expect(decideIllRequest(null)).toMatchObject({ ok: false, code: 'NO_AGREEMENT' });
    const off = parseAgreementTerms({});
    if (!off.ok) throw new Error('default terms must parse');
    expect(decideIllRequest(off.terms)).toMatchObject({ ok: false, code: 'AGREEMENT_NO_ILL' });
    const on = parseAgreementTerms({ ill: { requests: true, loanDays: 21 } });
    if (!on.ok) throw new Error('terms must parse');
    expect(decideIllRequest(on.terms)).toEqual({ ok: true, lenderSeesPatronName: false, loanDays: 21 });
  });
});
