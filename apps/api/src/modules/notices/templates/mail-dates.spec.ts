import { mailDate, withMailDates } from './mail-dates';

describe('dates in mails', () => {
  it('writes a day as a Japanese reader does, and in English for English mails', () => {
    expect(mailDate('2026-12-14', 'ja')).toBe('2026年12月14日');
    expect(mailDate('2026-06-08', 'ja')).toBe('2026年6月8日');
    expect(mailDate('2026-12-14', 'en')).toBe('14 December 2026');
    expect(mailDate('not a date', 'ja')).toBe('not a date');
  });

  it('formats only the fields typed as dates, in lists too', () => {
    const data = withMailDates('due-reminder', { library: '2026-01-01', loans: [{ title: '2026-02-02', dueDate: '2026-03-04' }], dueDate: '2026-03-04', daysLeft: 2 }, 'ja');
    expect(data).toEqual({ library: '2026-01-01', loans: [{ title: '2026-02-02', dueDate: '2026年3月4日' }], dueDate: '2026年3月4日', daysLeft: 2 });
  });
});
