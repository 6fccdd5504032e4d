import { closedDaysFromList, neverClosed, weeklyClosedDays } from './calendar';
import { Codes, NotReservableReasons } from './codes';
import {
  ACTIVE_HOLD_STATUSES,
  ALLOCATED_HOLD_STATUSES,
  computeHoldShelfExpiry,
  decideHoldPlacement,
  defaultHoldContact,
  HoldCopy,
  holdActions,
  holdStatusLabel,
  isCancelledHoldVisible,
  isActiveHold,
  isHoldShelfExpired,
  loanCategoryLabel,
  mayAllocateInOrderedSeries,
  reservableForDisplay,
} from './holds';
import { policyOf } from './test-helpers';

const onShelf: HoldCopy = { loanable: true, status: 'on-shelf' };
const onLoan: HoldCopy = { loanable: true, status: 'on-loan' };
const reference: HoldCopy = { loanable: false, status: 'on-shelf' };
const elsewhere: HoldCopy = { loanable: true, status: 'on-shelf', owned: false };

describe('reservableForDisplay', () => {
  const any = policyOf();
  it('any loanable copy', () => {
    expect(reservableForDisplay(any, [onShelf])).toEqual({ ok: true });
    expect(reservableForDisplay(any, [reference, onLoan])).toEqual({ ok: true });
    expect(reservableForDisplay(any, [reference])).toMatchObject({ ok: false, code: Codes.NOT_RESERVABLE, reason: NotReservableReasons.NO_LOANABLE_COPY });
    expect(reservableForDisplay(any, [])).toMatchObject({ ok: false, reason: NotReservableReasons.NO_LOANABLE_COPY });
    expect(reservableForDisplay(any, [{ loanable: true, status: 'missing' }])).toMatchObject({ ok: false });
  });

  it('owned copies only', () => {
    const owned = policyOf({ holds: { ownedOnly: true } });
    expect(reservableForDisplay(owned, [elsewhere])).toMatchObject({ ok: false, reason: NotReservableReasons.NOT_OWNED });
    expect(reservableForDisplay(owned, [elsewhere, onLoan])).toEqual({ ok: true });
    expect(reservableForDisplay(owned, [elsewhere], 'counter')).toEqual({ ok: true });
  });

  it('only copies on loan', () => {
    const onlyOnLoan = policyOf({ holds: { reservable: 'only-on-loan' } });
    expect(reservableForDisplay(onlyOnLoan, [onLoan, onLoan])).toEqual({ ok: true });
    expect(reservableForDisplay(onlyOnLoan, [onLoan, onShelf])).toMatchObject({ ok: false, reason: NotReservableReasons.ON_SHELF });
    // Not on the shelf = 貸出中 and its kin: on the hold shelf or in transit for someone else.
    expect(reservableForDisplay(onlyOnLoan, [{ loanable: true, status: 'in-transit' }])).toEqual({ ok: true });
    expect(reservableForDisplay(onlyOnLoan, [{ loanable: true, status: 'reserved' }])).toEqual({ ok: true });
    expect(reservableForDisplay(onlyOnLoan, [{ loanable: true, status: 'reserved' }, onShelf])).toMatchObject({ ok: false, reason: NotReservableReasons.ON_SHELF });
    expect(reservableForDisplay(onlyOnLoan, [{ loanable: true, status: 'missing' }])).toMatchObject({ ok: false, reason: NotReservableReasons.NO_LOANABLE_COPY });
    // A reference copy on the shelf does not make an on-loan copy unreservable.
    expect(reservableForDisplay(onlyOnLoan, [onLoan, reference])).toEqual({ ok: true });
    expect(reservableForDisplay(onlyOnLoan, [onShelf], 'counter')).toEqual({ ok: true });
  });

  it('labels loan categories', () => {
    expect(loanCategoryLabel(true).ja).toBe('帯出可');
    expect(loanCategoryLabel(false).ja).toBe('禁帯出');
  });
});

describe('decideHoldPlacement', () => {
  const policy = policyOf();
  const base = { policy, record: { copies: [onLoan] }, activeHoldCount: 0, contact: 'email' as const, hasEmail: true };

  it('accepts a hold', () => {
    expect(decideHoldPlacement(base)).toEqual({ ok: true });
  });
  it.each([
    ['already held', { alreadyHeld: true }, Codes.ALREADY_HELD],
    ['not reservable', { record: { copies: [reference] } }, Codes.NOT_RESERVABLE],
    ['at the limit', { activeHoldCount: 10 }, Codes.HOLD_LIMIT],
    ['contact not offered', { contact: 'phone' as const }, Codes.CONTACT_NOT_ALLOWED],
    ['e-mail without an address', { hasEmail: false }, Codes.EMAIL_REQUIRED],
    ['ordered series not offered', { ordered: true }, Codes.ORDERED_NOT_SUPPORTED],
  ])('refuses when %s', (_n, over, code) => {
    const r = decideHoldPlacement({ ...base, ...over });
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message.ja.length).toBeGreaterThan(0);
  });

  it('counts other requests only when the policy says so', () => {
    expect(decideHoldPlacement({ ...base, activeHoldCount: 8, otherRequestCount: 5 })).toEqual({ ok: true });
    const counting = policyOf({ holds: { countsRequestsFromOtherChannels: true } });
    expect(decideHoldPlacement({ ...base, policy: counting, activeHoldCount: 8, otherRequestCount: 2 })).toMatchObject({
      code: Codes.HOLD_LIMIT,
      limit: 10,
    });
    expect(decideHoldPlacement({ ...base, policy: counting, activeHoldCount: 8, otherRequestCount: 1 })).toEqual({ ok: true });
  });

  it('accepts an ordered series hold where offered', () => {
    expect(decideHoldPlacement({ ...base, policy: policyOf({ holds: { orderedSeries: true } }), ordered: true })).toEqual({ ok: true });
  });
});

describe('computeHoldShelfExpiry', () => {
  it('counts from the day after securing, closed days included', () => {
    const policy = policyOf();
    expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-02', isClosed: neverClosed })).toBe('2025-06-09');
    expect(computeHoldShelfExpiry({ policy, securedDate: '2025-06-02', isClosed: weeklyClosedDays([4]) })).toBe('2025-06-09');
  });

  it('keeps the item to the next open day when the last day is closed, unless told not to', () => {
    const closed = weeklyClosedDays([1]); // 2025-06-09 is a Monday
    expect(computeHoldShelfExpiry({ policy: policyOf(), securedDate: '2025-06-02', isClosed: closed })).toBe('2025-06-10');
    const strict = policyOf({ holds: { shelfLastDayMovesToOpenDay: false } });
    expect(computeHoldShelfExpiry({ policy: strict, securedDate: '2025-06-02', isClosed: closed })).toBe('2025-06-09');
  });

  it('counts from the notice day, excluding closed days at the pickup branch', () => {
    const policy = policyOf({ holds: { shelfCountFrom: 'notice-day', shelfExcludeClosedDays: true } });
    const closed = closedDaysFromList([
      { date: '2025-06-05', branchCode: 'east' },
      { date: '2025-06-06', branchCode: 'east' },
    ]);
    const args = { policy, securedDate: '2025-06-01', noticeDate: '2025-06-02', isClosed: closed };
    expect(computeHoldShelfExpiry({ ...args, branchCode: 'east' })).toBe('2025-06-11');
    expect(computeHoldShelfExpiry({ ...args, branchCode: 'west' })).toBe('2025-06-09');
    // No notice yet: the secured day stands in.
    expect(computeHoldShelfExpiry({ ...args, noticeDate: null, branchCode: 'west' })).toBe('2025-06-08');
  });

  it('knows when the shelf period is over', () => {
    expect(isHoldShelfExpired('2025-06-09', '2025-06-09')).toBe(false);
    expect(isHoldShelfExpired('2025-06-09', '2025-06-10')).toBe(true);
  });
});

describe('holdActions', () => {
  it('default: cancel and change pickup while waiting only, no postpone', () => {
    const policy = policyOf();
    expect(holdActions(policy, { status: 'waiting', placedVia: 'web' })).toMatchObject({ cancel: true, changePickup: true, postpone: false });
    for (const status of ['in-transit', 'ready', 'collected', 'expired', 'cancelled'] as const) {
      const a = holdActions(policy, { status, placedVia: 'web' });
      expect([a.cancel, a.changePickup]).toEqual([false, false]);
      expect(a.refusals).toMatchObject({ cancel: Codes.HOLD_NOT_CANCELLABLE, changePickup: Codes.PICKUP_CHANGE_NOT_ALLOWED });
    }
  });

  it('counter holds and allocated holds where the policy says so', () => {
    const policy = policyOf({ holds: { cancelOnlineForCounterHolds: false, cancelOnlyUnallocated: true, postponeAllowed: true } });
    expect(holdActions(policy, { status: 'waiting', placedVia: 'counter' }).cancel).toBe(false);
    expect(holdActions(policy, { status: 'waiting', placedVia: 'web', allocated: true })).toMatchObject({ cancel: false, postpone: false });
    expect(holdActions(policy, { status: 'waiting', placedVia: 'web', allocated: false })).toMatchObject({ cancel: true, postpone: true });
  });

  it('a wider policy allows more states', () => {
    const policy = policyOf({ holds: { cancelAllowedIn: ['waiting', 'in-transit', 'ready'] } });
    expect(holdActions(policy, { status: 'ready', placedVia: 'web' })).toMatchObject({ cancel: true, changePickup: false });
  });
});

describe('ordered series, labels and visibility', () => {
  it('holds back a later volume while an earlier one waits', () => {
    const policy = policyOf({ holds: { orderedSeries: true } });
    expect(mayAllocateInOrderedSeries(policy, [])).toBe(true);
    expect(mayAllocateInOrderedSeries(policy, ['ready', 'waiting'])).toBe(false);
    expect(mayAllocateInOrderedSeries(policy, ['collected', 'in-transit', 'cancelled'])).toBe(true);
    expect(mayAllocateInOrderedSeries(policyOf(), ['waiting'])).toBe(true);
  });

  it('words statuses per policy', () => {
    expect(holdStatusLabel(policyOf(), 'ready').ja).toBe('ご用意できました');
    const p = policyOf({ display: { holdStatusLabels: { ready: { ja: '確保済み', en: 'Ready' } } } });
    expect(holdStatusLabel(p, 'ready').ja).toBe('確保済み');
    expect(holdStatusLabel(p, 'waiting').ja).toBe('予約中');
  });

  it('keeps cancelled holds listed for the configured days', () => {
    const policy = policyOf({ holds: { cancelledVisibleDays: 14 } });
    expect(isCancelledHoldVisible(policy, '2025-06-01', '2025-06-15')).toBe(true);
    expect(isCancelledHoldVisible(policy, '2025-06-01', '2025-06-16')).toBe(false);
    expect(isCancelledHoldVisible(policyOf({ holds: { cancelledVisibleDays: 0 } }), '2025-06-01', '2025-06-02')).toBe(false);
  });
});

describe('active holds', () => {
  it('are those that still want or have a copy; a finished hold is not active', () => {
    expect([...ACTIVE_HOLD_STATUSES]).toEqual(['waiting', 'in-transit', 'ready']);
    expect(ALLOCATED_HOLD_STATUSES.every((st) => isActiveHold(st))).toBe(true);
    for (const st of ['collected', 'expired', 'cancelled']) expect(isActiveHold(st)).toBe(false);
  });
});

describe('defaultHoldContact (e-mail if the city offers it and the patron has an address)', () => {
  it('is e-mail where the city offers it and the patron has an address', () => {
    expect(defaultHoldContact(['email', 'none'], true)).toBe('email');
    expect(defaultHoldContact(['phone', 'email'], true)).toBe('email');
  });

  it('is the first other method for a patron without an address', () => {
    expect(defaultHoldContact(['email', 'none'], false)).toBe('none');
    expect(defaultHoldContact(['email', 'phone', 'none'], false)).toBe('phone');
  });

  it('is never e-mail where the city does not offer it', () => {
    expect(defaultHoldContact(['phone', 'none'], true)).toBe('phone');
    expect(defaultHoldContact(['none'], true)).toBe('none');
  });

  it('is e-mail where it is all the city offers, address or not', () => {
    expect(defaultHoldContact(['email'], false)).toBe('email');
  });
});
