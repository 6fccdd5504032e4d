import { publicListWindows, windowStart } from './lists';
import { policyOf } from './test-helpers';

describe('publicListWindows', () => {
  it('default: new arrivals 30 days, no age limit, best loans over a year, top 10', () => {
    expect(publicListWindows(policyOf(), '2025-06-10')).toEqual({
      enabled: ['new-arrivals', 'best-loans', 'best-holds', 'recommended'],
      newArrivals: { receivedSince: '2025-05-11', publishedSince: null, publishedNotBeforeYear: null },
      bestLoans: { since: '2024-06-10' },
      topN: 10,
    });
  });

  it('with a publication age limit and a multi-year window', () => {
    const policy = policyOf({ publicLists: { newArrivalMaxPublicationAgeYears: 3, bestLoansWindow: { amount: 3, unit: 'years' }, topN: 5 } });
    expect(publicListWindows(policy, '2025-06-10')).toMatchObject({
      newArrivals: { publishedSince: '2022-06-10', publishedNotBeforeYear: 2022 },
      bestLoans: { since: '2022-06-10' },
      topN: 5,
    });
  });

  it('window units', () => {
    expect(windowStart('2025-03-31', { amount: 90, unit: 'days' })).toBe('2024-12-31');
    expect(windowStart('2025-03-31', { amount: 1, unit: 'months' })).toBe('2025-02-28');
    expect(windowStart('2024-02-29', { amount: 1, unit: 'years' })).toBe('2023-02-28');
  });
});
