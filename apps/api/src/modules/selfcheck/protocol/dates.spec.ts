import { formatSipDate, formatSipDay, isSipDate, parseSipDate } from './dates';

describe('SIP2 dates YYYYMMDDZZZZHHMMSS', () => {
  it('writes an instant in Japan’s local time with a blank zone', () => {
    expect(formatSipDate(new Date('2026-12-14T01:30:05Z'))).toBe('20261214    103005');
    // past midnight in Japan while still the previous day in UTC
    expect(formatSipDate(new Date('2026-12-31T15:00:00Z'))).toBe('20270101    000000');
  });

  it('writes a due date as the end of that library day', () => {
    expect(formatSipDay('2026-12-14')).toBe('20261214    235959');
  });

  it('reads local time as Japan’s and "   Z" as UTC', () => {
    expect(parseSipDate('20261214    103005')?.toISOString()).toBe('2026-12-14T01:30:05.000Z');
    expect(parseSipDate('20261214   Z103005')?.toISOString()).toBe('2026-12-14T10:30:05.000Z');
    // Evergreen's and Koha's recorded requests
    expect(isSipDate('20100623    172148')).toBe(true);
    expect(isSipDate('20060329    203000')).toBe(true);
  });

  it('refuses what is not a date: wrong length, letters, an impossible day or time, another zone', () => {
    for (const bad of ['', '2026121410300', '2026121X    103005', '20260230    103005', '20261214    250000', '20261214 JST103005', ' '.repeat(18)]) {
      expect(parseSipDate(bad)).toBeNull();
    }
  });
});
