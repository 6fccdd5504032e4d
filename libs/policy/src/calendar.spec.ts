import { addOpenDays, closedDaysFromList, combineClosedDays, neverClosed, nextOpenDay, weeklyClosedDays } from './calendar';

describe('calendar', () => {
  const list = closedDaysFromList([
    { date: '2025-06-03', branchCode: null }, // all branches
    { date: '2025-06-04', branchCode: 'east' },
    { date: '2025-06-05' }, // absent branch = all
  ]);

  it('closes a day for every branch or for one', () => {
    expect(list('2025-06-03', 'east')).toBe(true);
    expect(list('2025-06-03', 'west')).toBe(true);
    expect(list('2025-06-04', 'east')).toBe(true);
    expect(list('2025-06-04', 'west')).toBe(false);
    expect(list('2025-06-04')).toBe(false);
    expect(list('2025-06-05', 'west')).toBe(true);
    expect(list('2025-06-06', 'east')).toBe(false);
  });

  it('refuses malformed dates in the list', () => {
    expect(() => closedDaysFromList([{ date: '2025-6-3' }])).toThrow(RangeError);
  });

  it('closes weekly days, per branch or for all', () => {
    const mondays = weeklyClosedDays([1]);
    expect(mondays('2025-06-02', 'x')).toBe(true); // Monday
    expect(mondays('2025-06-03', 'x')).toBe(false);
    const eastSundays = weeklyClosedDays([0], 'east');
    expect(eastSundays('2025-06-01', 'east')).toBe(true);
    expect(eastSundays('2025-06-01', 'west')).toBe(false);
  });

  it('combines calendars', () => {
    const c = combineClosedDays(weeklyClosedDays([1]), list);
    expect(c('2025-06-02', 'west')).toBe(true);
    expect(c('2025-06-03', 'west')).toBe(true);
    expect(c('2025-06-06', 'west')).toBe(false);
  });

  it('finds the next open day, the day itself when open', () => {
    expect(nextOpenDay('2025-06-06', list, 'east')).toBe('2025-06-06');
    expect(nextOpenDay('2025-06-03', list, 'east')).toBe('2025-06-06');
    expect(nextOpenDay('2025-06-03', list, 'west')).toBe('2025-06-04');
    expect(nextOpenDay('2025-06-03', neverClosed)).toBe('2025-06-03');
  });

  it('gives up loudly on a calendar with no open day', () => {
    expect(() => nextOpenDay('2025-06-03', () => true, 'x')).toThrow(RangeError);
    expect(() => addOpenDays('2025-06-03', 3, () => true, 'x')).toThrow(RangeError);
  });

  it('counts open days after a start day', () => {
    expect(addOpenDays('2025-06-02', 7, neverClosed)).toBe('2025-06-09');
    // Mondays closed: Tue 3 … Sun 8 are six days, Mon 9 is skipped, Tue 10 is the seventh.
    expect(addOpenDays('2025-06-02', 7, weeklyClosedDays([1]))).toBe('2025-06-10');
  });
});
