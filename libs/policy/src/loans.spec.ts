import { closedDaysFromList, neverClosed, weeklyClosedDays } from './calendar';
import { Codes } from './codes';
import { computeDueDate, decideCheckout, resolveLoanRule } from './loans';
import { policyOf } from './test-helpers';

const rules = [
  { id: 'av', materialType: 'av', periodDays: 7, maxItems: 3 },
  { id: 'child', patronCategory: 'child', maxItems: 20 },
  { id: 'child-av', materialType: 'av', patronCategory: 'child', periodDays: 10 },
  { id: 'mag-a', materialType: 'magazine', periodDays: 7 },
  { id: 'mag-b', materialType: 'magazine', periodDays: 5, maxRenewals: 0 },
  { id: 'east-mag', materialType: 'magazine', branchCode: 'east', renewalPeriodDays: 7 },
];
const policy = policyOf({ loans: { rules } });

describe('resolveLoanRule', () => {
  it('uses the defaults when no rule matches', () => {
    const r = resolveLoanRule(policy, { materialType: 'book', patronCategory: 'general', branchCode: 'west' });
    expect(r).toMatchObject({ periodDays: 14, maxItems: 10, maxRenewals: 1, renewalPeriodDays: 14, maxItemsScope: {} });
    expect(r.sources.periodDays).toEqual({ kind: 'default', path: 'loans.periodDays' });
    expect(r.sources.maxRenewals).toEqual({ kind: 'default', path: 'renewal.maxRenewals' });
  });

  it('resolves each value separately: the most specific rule that sets it wins', () => {
    const r = resolveLoanRule(policy, { materialType: 'av', patronCategory: 'child', branchCode: 'west' });
    expect(r.periodDays).toBe(10); // child-av (2 criteria) beats av (1)
    expect(r.sources.periodDays).toEqual({ kind: 'rule', ruleId: 'child-av', index: 2, specificity: 2 });
    // child-av does not set maxItems: av and child both do with 1 criterion; av is listed first.
    expect(r.maxItems).toBe(3);
    expect(r.sources.maxItems).toMatchObject({ ruleId: 'av' });
    expect(r.maxItemsScope).toEqual({ materialType: 'av' });
  });

  it('breaks ties by order', () => {
    const r = resolveLoanRule(policy, { materialType: 'magazine', branchCode: 'west' });
    expect(r.periodDays).toBe(7);
    expect(r.sources.periodDays).toMatchObject({ ruleId: 'mag-a' });
    expect(r.maxRenewals).toBe(0);
  });

  it('a criterion the context lacks does not match', () => {
    expect(resolveLoanRule(policy, { materialType: 'av' }).periodDays).toBe(7);
    expect(resolveLoanRule(policy, { patronCategory: 'child' }).periodDays).toBe(14);
    expect(resolveLoanRule(policy, { materialType: 'magazine', branchCode: 'east' }).renewalPeriodDays).toBe(7);
    expect(resolveLoanRule(policy, { materialType: 'magazine' }).renewalPeriodDays).toBe(14);
  });
});

describe('computeDueDate', () => {
  it('adds the loan period of the matching rule', () => {
    expect(computeDueDate({ policy, loanDate: '2025-06-01', materialType: 'book', isClosed: neverClosed })).toBe('2025-06-15');
    expect(computeDueDate({ policy, loanDate: '2025-06-01', materialType: 'av', isClosed: neverClosed })).toBe('2025-06-08');
  });

  it('moves a due date on a closed day to the next open day of the lending branch', () => {
    const closed = closedDaysFromList([{ date: '2025-06-15', branchCode: 'east' }]);
    const mondays = weeklyClosedDays([1]);
    const isClosed = (d: string, b?: string) => closed(d, b) || mondays(d, b);
    // 06-15 (Sun) closed at east, 06-16 is a Monday: due 06-17.
    expect(computeDueDate({ policy, loanDate: '2025-06-01', branchCode: 'east', isClosed })).toBe('2025-06-17');
    expect(computeDueDate({ policy, loanDate: '2025-06-01', branchCode: 'west', isClosed })).toBe('2025-06-15');
  });
});

describe('decideCheckout', () => {
  const base = { policy, loanDate: '2025-06-01', isClosed: neverClosed, loanable: true };
  it('lends with a due date', () => {
    expect(decideCheckout({ ...base, materialType: 'book', currentLoans: [] })).toEqual({ ok: true, dueDate: '2025-06-15' });
  });
  it('refuses items not for loan', () => {
    expect(decideCheckout({ ...base, loanable: false, currentLoans: [] })).toMatchObject({ ok: false, code: Codes.NOT_LOANABLE });
  });
  it('counts the limit within the scope of the rule that set it', () => {
    const loans = [{ materialType: 'av' }, { materialType: 'av' }, { materialType: 'av' }, { materialType: 'book' }];
    expect(decideCheckout({ ...base, materialType: 'av', currentLoans: loans })).toMatchObject({ ok: false, code: Codes.LOAN_LIMIT, limit: 3 });
    expect(decideCheckout({ ...base, materialType: 'book', currentLoans: loans })).toMatchObject({ ok: true });
    const ten = Array.from({ length: 10 }, () => ({ materialType: 'book' }));
    expect(decideCheckout({ ...base, materialType: 'book', currentLoans: ten })).toMatchObject({ ok: false, limit: 10 });
    expect(decideCheckout({ ...base, materialType: 'book', patronCategory: 'child', currentLoans: ten })).toMatchObject({ ok: true });
  });
});
