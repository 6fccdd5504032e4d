import { addDays, addMonths, compareDates, daysBetween, isIsoDate, maxDate, weekdayOf, yearOf } from './dates';

describe('dates', () => {
  it('recognises real ISO calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('20250101')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('is not moved by the host time zone or daylight saving', () => {
    // 2025-03-30 is the EU DST switch; local-time arithmetic would lose or gain an hour there.
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-04-01', 12)).toBe('2026-04-01');
    expect(addMonths('2025-06-10', -36)).toBe('2022-06-10');
  });

  it('compares and measures', () => {
    expect(daysBetween('2025-06-01', '2025-06-15')).toBe(14);
    expect(compareDates('2025-06-01', '2025-06-02')).toBe(-1);
    expect(compareDates('2025-06-02', '2025-06-02')).toBe(0);
    expect(maxDate('2025-06-01', '2025-05-31')).toBe('2025-06-01');
    expect(weekdayOf('2025-06-02')).toBe(1); // a Monday
    expect(yearOf('2022-06-10')).toBe(2022);
  });

  it('throws on malformed input instead of producing a wrong date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2025-02-01', 1.5)).toThrow(RangeError);
  });
});
