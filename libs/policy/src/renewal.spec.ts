import { neverClosed, weeklyClosedDays } from './calendar';
import { Codes } from './codes';
import { decideRenewal, RenewalInput } from './renewal';
import { policyOf } from './test-helpers';

const input = (over: Partial<RenewalInput> = {}, loan: Partial<RenewalInput['loan']> = {}): RenewalInput => ({
  policy: policyOf(),
  loan: { dueDate: '2025-06-20', renewals: 0, ...loan },
  today: '2025-06-10',
  hasHoldsByOthers: false,
  channel: 'online',
  isClosed: neverClosed,
  ...over,
});

describe('decideRenewal', () => {
  it('renews from the due date by default', () => {
    expect(decideRenewal(input())).toEqual({ ok: true, newDueDate: '2025-07-04' });
  });

  it('renews from today when the basis is today', () => {
    expect(decideRenewal(input({ policy: policyOf({ renewal: { basis: 'today' } }) }))).toEqual({ ok: true, newDueDate: '2025-06-24' });
  });

  it('never shortens a loan, nor uses up a renewal that would not lengthen it', () => {
    const policy = policyOf({ renewal: { basis: 'today', periodDays: 3 } });
    expect(decideRenewal(input({ policy }))).toMatchObject({ ok: false, code: Codes.RENEWAL_NO_GAIN });
    expect(decideRenewal(input({ policy, today: '2025-06-18' }))).toEqual({ ok: true, newDueDate: '2025-06-21' });
    // from today, on the day of a 14-day loan: the same due date
    expect(decideRenewal(input({ policy: policyOf({ renewal: { basis: 'today' } }), today: '2025-06-06' }))).toMatchObject({ ok: false, code: Codes.RENEWAL_NO_GAIN });
  });

  it('moves the new due date off a closed day of the lending branch', () => {
    // 2025-07-04 is a Friday.
    expect(decideRenewal(input({ isClosed: weeklyClosedDays([5], 'east') }, { branchCode: 'east' }))).toEqual({
      ok: true,
      newDueDate: '2025-07-05',
    });
  });

  it('uses the renewal values of the matching loan rule', () => {
    const policy = policyOf({ loans: { rules: [{ id: 'mag', materialType: 'magazine', maxRenewals: 0 }, { id: 'av', materialType: 'av', renewalPeriodDays: 7, maxRenewals: 2 }] } });
    expect(decideRenewal(input({ policy }, { materialType: 'magazine' }))).toMatchObject({ ok: false, code: Codes.RENEWAL_LIMIT });
    expect(decideRenewal(input({ policy }, { materialType: 'av', renewals: 1 }))).toEqual({ ok: true, newDueDate: '2025-06-27' });
  });

  it.each([
    ['limit reached', {}, { renewals: 1 }, Codes.RENEWAL_LIMIT],
    ['holds by others', { hasHoldsByOthers: true }, {}, Codes.ITEM_HAS_HOLDS],
    ['overdue', { today: '2025-06-21' }, {}, Codes.OVERDUE],
  ] as const)('refuses when %s', (_name, over, loan, code) => {
    const r = decideRenewal(input(over, loan));
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message.ja.length).toBeGreaterThan(0);
  });

  it('renews on the due date itself (still within the loan period)', () => {
    expect(decideRenewal(input({ today: '2025-06-20' }))).toMatchObject({ ok: true });
  });

  it('ILL and items not owned by the city only when the policy blocks them', () => {
    expect(decideRenewal(input({}, { ill: true }))).toMatchObject({ ok: true });
    const policy = policyOf({ renewal: { blockedByIll: true } });
    expect(decideRenewal(input({ policy }, { ill: true }))).toMatchObject({ ok: false, code: Codes.ILL_NOT_RENEWABLE });
    expect(decideRenewal(input({ policy }, { ownedByCity: false }))).toMatchObject({ ok: false, code: Codes.ILL_NOT_RENEWABLE });
    expect(decideRenewal(input({ policy }, { ownedByCity: true }))).toMatchObject({ ok: true });
  });

  it('holds and overdue block only when the policy says so', () => {
    const lax = policyOf({ renewal: { blockedByHolds: false, blockedByOverdue: false } });
    expect(decideRenewal(input({ policy: lax, hasHoldsByOthers: true, today: '2025-06-25' }))).toMatchObject({ ok: true });
  });

  it('channels: no online renewal still allows the counter; phone can be refused', () => {
    const policy = policyOf({ renewal: { online: false, byPhone: false } });
    expect(decideRenewal(input({ policy }))).toMatchObject({ ok: false, code: Codes.NOT_RENEWABLE_ONLINE });
    expect(decideRenewal(input({ policy, channel: 'phone' }))).toMatchObject({ ok: false, code: Codes.NOT_RENEWABLE_BY_PHONE });
    expect(decideRenewal(input({ policy, channel: 'counter' }))).toEqual({ ok: true, newDueDate: '2025-07-04' });
    // The counter still applies the other rules.
    expect(decideRenewal(input({ policy, channel: 'counter', hasHoldsByOthers: true }))).toMatchObject({ code: Codes.ITEM_HAS_HOLDS });
  });

  it('staff may renew overdue loans only where the policy allows it', () => {
    const late = { today: '2025-06-25', channel: 'counter' as const };
    expect(decideRenewal(input(late))).toMatchObject({ ok: false, code: Codes.OVERDUE });
    const policy = policyOf({ renewal: { overdueRenewableAtCounter: true } });
    expect(decideRenewal(input({ ...late, policy }))).toEqual({ ok: true, newDueDate: '2025-07-04' });
    expect(decideRenewal(input({ ...late, policy, channel: 'online' }))).toMatchObject({ code: Codes.OVERDUE });
  });

  it('reports the most lasting reason first', () => {
    const policy = policyOf({ renewal: { blockedByIll: true } });
    const r = decideRenewal(input({ policy, hasHoldsByOthers: true, today: '2025-06-25' }, { ill: true, renewals: 1 }));
    expect(r).toMatchObject({ code: Codes.ILL_NOT_RENEWABLE });
    expect(decideRenewal(input({ hasHoldsByOthers: true, today: '2025-06-25' }, { renewals: 1 }))).toMatchObject({ code: Codes.RENEWAL_LIMIT });
    expect(decideRenewal(input({ hasHoldsByOthers: true, today: '2025-06-25' }))).toMatchObject({ code: Codes.OVERDUE });
  });
});
