import {
  BookmobileTimetable,
  BookmobileTimetableInput,
  describeStopPattern,
  nextVisits,
  parseTimetable,
  stationHoldShelf,
  stopDueDate,
  visitsOn,
} from './bookmobile';
import { weekOfMonth } from './day-pattern';
import { closedDaysFromList } from './calendar';
import { addDays } from './dates';
import { policyOf } from './test-helpers';

/** A valid timetable or the test fails with the issues. */
function timetable(input: BookmobileTimetableInput, stations = ['school', 'park', 'store']): BookmobileTimetable {
  const r = parseTimetable(input, stations);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.timetable;
}

// December 2026: Tuesdays are the 1st, 8th, 15th, 22nd and 29th.
const bus = timetable({
  stops: [
    // 第1・第3火曜 at the park
    { stationCode: 'park', weekday: 2, weeks: [1, 3], start: '10:00', end: '10:40', place: '駐車場東側' },
    // every Thursday at the school, not in school holidays
    { stationCode: 'school', weekday: 4, start: '13:30', end: '14:10', place: '正門前', school: true },
    // every Tuesday at the store, after the park
    { stationCode: 'store', weekday: 2, start: '11:00', end: '11:30', place: '店舗北側' },
  ],
  closedDays: ['2026-12-15'], // the bus's inspection day: the 3rd Tuesday is cancelled
  schoolHolidays: [{ first: '2026-12-24', last: '2027-01-07', note: '冬休み' }],
});

describe('bookmobile timetable', () => {
  it('counts the week of the month a weekday falls in', () => {
    expect(weekOfMonth('2026-12-01')).toBe(1);
    expect(weekOfMonth('2026-12-15')).toBe(3);
    expect(weekOfMonth('2026-12-29')).toBe(5);
  });

  it('lists a day’s visits in time order and drops the bus’s closed days and school holidays', () => {
    expect(visitsOn({ timetable: bus }, '2026-12-01').map((v) => [v.stationCode, v.start])).toEqual([
      ['park', '10:00'],
      ['store', '11:00'],
    ]);
    expect(visitsOn({ timetable: bus }, '2026-12-08').map((v) => v.stationCode)).toEqual(['store']); // 2nd Tuesday
    expect(visitsOn({ timetable: bus }, '2026-12-15')).toEqual([]); // closed
    expect(visitsOn({ timetable: bus }, '2026-12-17').map((v) => v.place)).toEqual(['正門前']);
    expect(visitsOn({ timetable: bus }, '2026-12-24')).toEqual([]); // winter holiday
  });

  it('gives a station’s next visits on a 第1・第3 cycle, skipping a cancelled one', () => {
    expect(nextVisits({ timetable: bus }, 'park', '2026-12-01', 4).map((v) => v.date)).toEqual([
      '2026-12-01',
      '2027-01-05',
      '2027-01-19',
      '2027-02-02',
    ]);
  });

  it('also takes the library calendar’s closed days for the bus', () => {
    const isClosed = closedDaysFromList([{ date: '2026-12-03', branchCode: 'bm' }]);
    expect(nextVisits({ timetable: bus, isClosed, busCode: 'bm' }, 'school', '2026-12-01', 2).map((v) => v.date)).toEqual([
      '2026-12-10',
      '2026-12-17',
    ]);
  });

  it('serves listed dates as well as weekdays', () => {
    const tt = timetable({ stops: [{ stationCode: 'park', dates: ['2026-12-26'], start: '09:00', end: '09:30' }] });
    expect(nextVisits({ timetable: tt }, 'park', '2026-12-01', 3).map((v) => v.date)).toEqual(['2026-12-26']);
  });

  it('prints a stop’s pattern as a timetable does', () => {
    expect(describeStopPattern(bus.stops[0])).toEqual({ ja: '第1・第3火曜', en: '1st & 3rd Tue' });
    expect(describeStopPattern(bus.stops[1]).ja).toBe('毎週木曜');
  });
});

describe('bookmobile timetable validation', () => {
  const codes = (input: unknown) => {
    const r = parseTimetable(input, ['school', 'park']);
    return r.ok ? [] : r.errors.map((e) => `${e.path} ${e.code}`);
  };

  it('refuses impossible times and an end before the start', () => {
    expect(codes({ stops: [{ stationCode: 'park', weekday: 1, start: '25:00', end: '10:00' }] })).toEqual(['stops.0.start TIMETABLE_TIME']);
    expect(codes({ stops: [{ stationCode: 'park', weekday: 1, start: '10:30', end: '10:00' }] })).toEqual(['stops.0.end TIMETABLE_TIME']);
    expect(codes({ stops: [{ stationCode: 'park', weekday: 1, start: '9:00', end: '10:00' }] })).toEqual(['stops.0.start TIMETABLE_TIME']);
  });

  it('refuses a station that is not the bus’s, unreal dates and a stop with no day', () => {
    expect(codes({ stops: [{ stationCode: 'mars', weekday: 1, start: '10:00', end: '10:30' }] })).toEqual([
      'stops.0.stationCode TIMETABLE_UNKNOWN_STATION',
    ]);
    expect(codes({ stops: [{ stationCode: 'park', dates: ['2026-02-30'], start: '10:00', end: '10:30' }] })).toEqual([
      'stops.0.dates.0 TIMETABLE_DATE',
    ]);
    expect(codes({ stops: [{ stationCode: 'park', start: '10:00', end: '10:30' }] })).toEqual(['stops.0.weekday TIMETABLE_NO_DAYS']);
    expect(codes({ stops: [{ stationCode: 'park', weekday: 9, start: '10:00', end: '10:30' }] })).toEqual(['stops.0.weekday TIMETABLE_FORMAT']);
  });

  it('refuses two stops of the bus at the same time, by weekday, week of the month or date', () => {
    const at = (extra: object) => ({ stationCode: 'park', start: '10:00', end: '10:30', ...extra });
    const other = (extra: object) => ({ stationCode: 'school', start: '10:15', end: '10:45', ...extra });
    expect(codes({ stops: [at({ weekday: 2 }), other({ weekday: 2 })] })).toEqual(['stops.1.start TIMETABLE_OVERLAP']);
    expect(codes({ stops: [at({ weekday: 2, weeks: [1, 3] }), other({ weekday: 2, weeks: [2, 4] })] })).toEqual([]);
    expect(codes({ stops: [at({ weekday: 2, weeks: [1, 3] }), other({ weekday: 2, weeks: [3] })] })).toEqual(['stops.1.start TIMETABLE_OVERLAP']);
    expect(codes({ stops: [at({ weekday: 2 }), other({ dates: ['2026-12-08'] })] })).toEqual(['stops.1.start TIMETABLE_OVERLAP']);
    expect(codes({ stops: [at({ weekday: 2 }), other({ dates: ['2026-12-09'] })] })).toEqual([]);
    // back to back is fine
    expect(codes({ stops: [at({ weekday: 2 }), { stationCode: 'school', weekday: 2, start: '10:30', end: '11:00' }] })).toEqual([]);
  });
});

describe('rules that follow the bus', () => {
  const policy = policyOf({});

  it('defaults: due on the last visit before the period ends, holds wait 2 stops', () => {
    expect(policy.bookmobile).toEqual({ dueDateStop: 'last-before', holdShelfStops: 2 });
  });

  it('puts a bus loan’s due date on the station’s last visit before the period ends, across a holiday and a 第1・第3 cycle', () => {
    // Lent at the park on 2026-12-01 for 28 days: the period ends 12-29. The 3rd Tuesday
    // (12-15) is the bus's closed day, so no visit lies between: the first after is 2027-01-05.
    const loanDate = '2026-12-01';
    const due = stopDueDate({ timetable: bus, stationCode: 'park', target: addDays(loanDate, 28), earliest: addDays(loanDate, 1), mode: 'last-before' });
    expect(due?.date).toBe('2027-01-05');
    // Without the closed day the 3rd Tuesday would be taken.
    const open = { ...bus, closedDays: [] };
    expect(stopDueDate({ timetable: open, stationCode: 'park', target: '2026-12-29', earliest: '2026-12-02', mode: 'last-before' })?.date).toBe('2026-12-15');
    // first-after: the period end (Tue 12-29, a 5th Tuesday) has no visit; the next is 2027-01-05.
    expect(stopDueDate({ timetable: open, stationCode: 'park', target: '2026-12-29', earliest: '2026-12-02', mode: 'first-after' })?.date).toBe('2027-01-05');
  });

  it('moves a school station’s due date over the school holiday', () => {
    // Lent at the school on 12-10 for 14 days: 12-24 is in the winter holiday; the last visit
    // before is 12-17, the first after is 2027-01-14.
    const q = { timetable: bus, stationCode: 'school', target: '2026-12-24', earliest: '2026-12-11' };
    expect(stopDueDate({ ...q, mode: 'last-before' })?.date).toBe('2026-12-17');
    expect(stopDueDate({ ...q, mode: 'first-after' })?.date).toBe('2027-01-14');
  });

  it('has no stop due date for a station the bus never visits', () => {
    expect(stopDueDate({ timetable: bus, stationCode: 'nowhere', target: '2026-12-24', earliest: '2026-12-11', mode: 'first-after' })).toBeNull();
  });

  it('readies a station hold at the next visit after it is trapped and keeps it for N visits, across the closed day', () => {
    // Trapped on 12-01 (a park day): it rides the bus from the next visit. 12-15 is closed,
    // so it is ready on 2027-01-05 and waits until the 2nd visit, 2027-01-19.
    const shelf = stationHoldShelf({ timetable: bus, stationCode: 'park', trappedDate: '2026-12-01', stops: 2 });
    expect(shelf?.ready).toMatchObject({ date: '2027-01-05', start: '10:00', end: '10:40', place: '駐車場東側' });
    expect(shelf?.last.date).toBe('2027-01-19');
    expect(stationHoldShelf({ timetable: bus, stationCode: 'park', trappedDate: '2026-12-01', stops: 3 })?.last.date).toBe('2027-02-02');
    expect(stationHoldShelf({ timetable: bus, stationCode: 'nowhere', trappedDate: '2026-12-01', stops: 2 })).toBeNull();
  });
});
