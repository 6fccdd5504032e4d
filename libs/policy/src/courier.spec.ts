import { CourierTimetable, CourierTimetableInput, courierRunsOn, courierTrip, describeCourierRun, parseCourierTimetable } from './courier';

const A = { city: 'katori', branch: 'central' };
const B = { city: 'narita', branch: 'main' };
const C = { city: 'sawara', branch: 'east' };
const members = [A, B, C, { city: 'narita', branch: 'south' }];

/** A valid timetable or the test fails with the issues. */
function timetable(input: CourierTimetableInput): CourierTimetable {
  const r = parseCourierTimetable(input, members);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.timetable;
}

// December 2026: Tuesdays are the 1st, 8th, 15th, 22nd and 29th; Thursdays the 3rd, 10th, 17th, 24th, 31st.
const weekly = timetable({
  runs: [
    { name: '火曜便', weekday: 2, stops: [A, B, C] }, // 毎週火曜 香取→成田→佐原
    { name: '木曜便', weekday: 4, weeks: [2, 4], stops: [C, B] }, // 第2・第4木曜 佐原→成田
  ],
  closures: [{ first: '2026-12-29', last: '2027-01-03', note: '年末年始' }],
});

describe('courier timetable (連絡車)', () => {
  it('lists the runs of a day, none on the region’s closures', () => {
    expect(courierRunsOn(weekly, '2026-12-01')).toEqual([0]);
    expect(courierRunsOn(weekly, '2026-12-10')).toEqual([1]); // 2nd Thursday
    expect(courierRunsOn(weekly, '2026-12-17')).toEqual([]); // 3rd Thursday
    expect(courierRunsOn(weekly, '2026-12-29')).toEqual([]); // 年末年始
  });

  it('a later stop of the same run arrives that day; handover on a courier day counts', () => {
    expect(courierTrip({ timetable: weekly, from: A, to: B, handedOver: '2026-12-08' })).toEqual({
      departs: { date: '2026-12-08', run: 0, runName: '火曜便' },
      arrives: { date: '2026-12-08', run: 0, runName: '火曜便' },
    });
    // handed over on a Wednesday: the next Tuesday's run
    const trip = courierTrip({ timetable: weekly, from: A, to: C, handedOver: '2026-12-02' });
    expect([trip?.departs.date, trip?.arrives.date]).toEqual(['2026-12-08', '2026-12-08']);
  });

  it('keeps the order of stops: a receiver before the sender waits for the next run calling at it', () => {
    // 成田 → 香取: the Tuesday van reaches 香取 before 成田, so the item waits for the next Tuesday
    const trip = courierTrip({ timetable: weekly, from: B, to: A, handedOver: '2026-12-01' });
    expect(trip).toEqual({ departs: { date: '2026-12-01', run: 0, runName: '火曜便' }, arrives: { date: '2026-12-08', run: 0, runName: '火曜便' } });
    // 佐原 → 成田: on a Tuesday the van has passed 成田 (waits for the 2nd Thursday, 佐原→成田 the same day)
    const tue = courierTrip({ timetable: weekly, from: C, to: B, handedOver: '2026-12-08' });
    expect([tue?.departs.date, tue?.arrives.date, tue?.arrives.runName]).toEqual(['2026-12-08', '2026-12-10', '木曜便']);
    const thu = courierTrip({ timetable: weekly, from: C, to: B, handedOver: '2026-12-10' });
    expect([thu?.departs.date, thu?.arrives.date]).toEqual(['2026-12-10', '2026-12-10']);
  });

  it('without same-day handover, a courier day’s item leaves on the next run', () => {
    const next = { ...weekly, sameDayHandover: false };
    const trip = courierTrip({ timetable: next, from: A, to: B, handedOver: '2026-12-08' });
    expect([trip?.departs.date, trip?.arrives.date]).toEqual(['2026-12-15', '2026-12-15']);
  });

  it('skips the region’s closures (年末年始) for departure and arrival', () => {
    const trip = courierTrip({ timetable: weekly, from: A, to: B, handedOver: '2026-12-23' });
    // 12-29 is closed: the first Tuesday after 年末年始 is 2027-01-05
    expect([trip?.departs.date, trip?.arrives.date]).toEqual(['2027-01-05', '2027-01-05']);
    // 成田 → 香取 from 12-22: leaves that day, reaches 香取 after 年末年始
    const back = courierTrip({ timetable: weekly, from: B, to: A, handedOver: '2026-12-22' });
    expect([back?.departs.date, back?.arrives.date]).toEqual(['2026-12-22', '2027-01-05']);
  });

  it('skips a day a library is closed: no call there that day', () => {
    const isClosed = (l: { city: string; branch: string }, date: string) => (l.city === 'narita' && date === '2026-12-08') || (l.city === 'katori' && date === '2026-12-15');
    // 成田 closed on 12-08: the item from 香取 leaves on 12-08 and reaches 成田 with the 木曜便 of 12-10
    const trip = courierTrip({ timetable: weekly, from: A, to: B, handedOver: '2026-12-08', isClosed });
    expect([trip?.departs.date, trip?.arrives.date, trip?.arrives.runName]).toEqual(['2026-12-08', '2026-12-10', '木曜便']);
    // 香取 closed on 12-15: nothing leaves 香取 that day
    const later = courierTrip({ timetable: weekly, from: A, to: C, handedOver: '2026-12-09', isClosed });
    expect([later?.departs.date, later?.arrives.date]).toEqual(['2026-12-22', '2026-12-22']);
  });

  it('takes runs on listed dates, and answers null when no run calls at both', () => {
    const dated = timetable({ runs: [{ name: '臨時便', dates: ['2026-12-11'], stops: [A, C] }] });
    const trip = courierTrip({ timetable: dated, from: A, to: C, handedOver: '2026-12-01' });
    expect(trip?.arrives).toEqual({ date: '2026-12-11', run: 0, runName: '臨時便' });
    expect(courierTrip({ timetable: dated, from: A, to: B, handedOver: '2026-12-01' })).toBeNull();
    expect(courierTrip({ timetable: dated, from: A, to: C, handedOver: '2026-12-12' })).toBeNull(); // no run after
    expect(courierTrip({ timetable: dated, from: A, to: A, handedOver: '2026-12-01' })).toBeNull();
  });

  it('describes a run as the region prints it', () => {
    expect(describeCourierRun(weekly.runs[0])).toEqual({ ja: '毎週火曜', en: 'Every Tue' });
    expect(describeCourierRun(weekly.runs[1])).toEqual({ ja: '第2・第4木曜', en: '2nd & 4th Thu' });
  });

  it('names each problem of a timetable with a stable code and its path', () => {
    const r = parseCourierTimetable(
      {
        runs: [
          { weekday: null, stops: [A] },
          { weekday: 1, dates: ['2026-02-30'], stops: [A, { city: 'chiba', branch: 'main' }, A] },
        ],
        closures: [{ first: '2026-12-31', last: '2026-12-29' }],
      },
      members,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['closures.0.last', 'COURIER_DATE'],
      ['runs.0.weekday', 'COURIER_NO_DAYS'],
      ['runs.0.stops', 'COURIER_TOO_FEW_STOPS'],
      ['runs.1.dates.0', 'COURIER_DATE'],
      ['runs.1.stops.1', 'COURIER_UNKNOWN_LIBRARY'],
      ['runs.1.stops.2', 'COURIER_DUPLICATE_STOP'],
    ]);
    expect(r.errors[0].message.ja).toContain('日付');
    const shape = parseCourierTimetable({ runs: [{ weekday: 9, stops: [] }] }, members);
    expect(shape.ok || shape.errors.map((e) => e.code)).toEqual(['COURIER_FORMAT']);
  });
});
