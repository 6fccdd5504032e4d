import { z } from 'zod';
import { ClosedDays, neverClosed } from './calendar';
import { addDays, compareDates, isIsoDate } from './dates';
import { DateRangeSchema, dayPatternShape, DayPattern, describeDayPattern, inDateRanges, patternFallsOn } from './day-pattern';
import { t, Localized } from './i18n';
import { CodeSchema, DueDateStop, Policy } from './schema';

/**
 * The bookmobile (移動図書館・図書館バス) as data: each station's stops, the bus's own closed
 * days and the school holidays that cancel stops at schools, and the rules that follow
 * the bus: a loan made on the bus is due on a stop of its station, a hold for a station is
 * ready at its next stop and waits a number of stops, not days.
 *
 * A stop repeats by weekday (every week, or in some weeks of the month: 第1・第3火曜 is
 * `weekday: 2, weeks: [1, 3]`) or happens on listed dates, as libraries print timetables.
 * Times are the town's wall clock, 'HH:MM'. Nothing here reads the clock.
 */

const HHMM = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of a real 'HH:MM' time (00:00–23:59), else null. */
export function minutesOf(time: string): number | null {
  const m = HHMM.exec(time);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

export const BookmobileStopSchema = z.strictObject({
  stationCode: CodeSchema,
  /** The days of the stop (day-pattern.ts, shared with the courier's runs). */
  ...dayPatternShape,
  start: z.string(),
  end: z.string(),
  /** Where the bus parks: 「正門前」「駐車場東側」. */
  place: z.string().max(200).default(''),
  note: z.string().max(200).default(''),
  /** A school station: no stop during school holidays. */
  school: z.boolean().default(false),
});
export type BookmobileStop = z.output<typeof BookmobileStopSchema>;
export type BookmobileStopInput = z.input<typeof BookmobileStopSchema>;

/** One bus: its stops at every station, its own closed days and the school holidays. */
export const BookmobileTimetableSchema = z.strictObject({
  stops: z.array(BookmobileStopSchema).max(2000).default([]),
  /** Days the bus does not run (点検, 年末年始): every stop of that day is cancelled. */
  closedDays: z.array(z.string()).max(366).default([]),
  /** 学校の長期休業: stops marked `school` are not served. */
  schoolHolidays: z.array(DateRangeSchema).max(50).default([]),
});
export type BookmobileTimetable = z.output<typeof BookmobileTimetableSchema>;
export type BookmobileTimetableInput = z.input<typeof BookmobileTimetableSchema>;

/** Codes of the field problems of a timetable (the API answers them as problem+json `errors`). */
export const TimetableIssueCodes = {
  TIMETABLE_FORMAT: 'TIMETABLE_FORMAT',
  TIMETABLE_TIME: 'TIMETABLE_TIME',
  TIMETABLE_DATE: 'TIMETABLE_DATE',
  TIMETABLE_NO_DAYS: 'TIMETABLE_NO_DAYS',
  TIMETABLE_UNKNOWN_STATION: 'TIMETABLE_UNKNOWN_STATION',
  TIMETABLE_OVERLAP: 'TIMETABLE_OVERLAP',
} as const;
export type TimetableIssueCode = (typeof TimetableIssueCodes)[keyof typeof TimetableIssueCodes];

export const TIMETABLE_ISSUE_MESSAGES: Record<TimetableIssueCode, Localized> = {
  TIMETABLE_FORMAT: t('時刻表の形式が正しくありません。', 'The timetable is not in the right format.'),
  TIMETABLE_TIME: t(
    '時刻は 00:00〜23:59 の「時:分」で、終了は開始より後にしてください。',
    'Times are HH:MM, 00:00 to 23:59, and the end must be after the start.',
  ),
  TIMETABLE_DATE: t('日付は 2026-12-14 の形の実在する日付にしてください。', 'Dates must be real dates like 2026-12-14.'),
  TIMETABLE_NO_DAYS: t('曜日か日付を指定してください。', 'Give a weekday or dates.'),
  TIMETABLE_UNKNOWN_STATION: t('このバスのステーションではありません。', 'Not a station of this bus.'),
  TIMETABLE_OVERLAP: t('同じバスの別の停車と時間が重なっています。', 'Overlaps another stop of the same bus.'),
};

export interface TimetableIssue {
  /** Dotted path such as `stops.2.end`. */
  path: string;
  code: TimetableIssueCode;
  message: Localized;
}

export type ParseTimetableResult = { ok: true; timetable: BookmobileTimetable } | { ok: false; errors: TimetableIssue[] };

/**
 * Validates a bus's whole timetable: the shape, real times and dates, stations that belong
 * to the bus, and no two stops of the bus at once (it cannot be at two stations).
 */
export function parseTimetable(input: unknown, stationCodes: readonly string[]): ParseTimetableResult {
  const parsed = BookmobileTimetableSchema.safeParse(input);
  const issue = (path: (string | number)[], code: TimetableIssueCode): TimetableIssue => ({
    path: path.join('.'),
    code,
    message: TIMETABLE_ISSUE_MESSAGES[code],
  });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => issue(i.path.map(String), TimetableIssueCodes.TIMETABLE_FORMAT)) };
  }
  const tt = parsed.data;
  const errors: TimetableIssue[] = [];
  const known = new Set(stationCodes);
  tt.closedDays.forEach((d, i) => isIsoDate(d) || errors.push(issue(['closedDays', i], TimetableIssueCodes.TIMETABLE_DATE)));
  tt.schoolHolidays.forEach((r, i) => {
    if (!isIsoDate(r.first)) errors.push(issue(['schoolHolidays', i, 'first'], TimetableIssueCodes.TIMETABLE_DATE));
    if (!isIsoDate(r.last) || (isIsoDate(r.first) && compareDates(r.first, r.last) > 0)) {
      errors.push(issue(['schoolHolidays', i, 'last'], TimetableIssueCodes.TIMETABLE_DATE));
    }
  });
  const sound: number[] = [];
  tt.stops.forEach((s, i) => {
    let ok = true;
    if (!known.has(s.stationCode)) {
      errors.push(issue(['stops', i, 'stationCode'], TimetableIssueCodes.TIMETABLE_UNKNOWN_STATION));
      ok = false;
    }
    const [a, b] = [minutesOf(s.start), minutesOf(s.end)];
    if (a === null) errors.push(issue(['stops', i, 'start'], TimetableIssueCodes.TIMETABLE_TIME));
    if (b === null || (a !== null && b <= a)) errors.push(issue(['stops', i, 'end'], TimetableIssueCodes.TIMETABLE_TIME));
    if (a === null || b === null || b <= a) ok = false;
    s.dates.forEach((d, j) => {
      if (!isIsoDate(d)) {
        errors.push(issue(['stops', i, 'dates', j], TimetableIssueCodes.TIMETABLE_DATE));
        ok = false;
      }
    });
    if (s.weekday === null && s.dates.length === 0) {
      errors.push(issue(['stops', i, 'weekday'], TimetableIssueCodes.TIMETABLE_NO_DAYS));
      ok = false;
    }
    if (ok) sound.push(i);
  });
  // Overlaps only between stops that are otherwise sound, reported on the later stop.
  for (let x = 0; x < sound.length; x++) {
    for (let y = 0; y < x; y++) {
      if (stopsOverlap(tt.stops[sound[y]], tt.stops[sound[x]])) {
        errors.push(issue(['stops', sound[x], 'start'], TimetableIssueCodes.TIMETABLE_OVERLAP));
        break;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, timetable: tt };
}

/** Whether a stop's pattern falls on a date (before closures). */
export function stopFallsOn(stop: BookmobileStop, date: string): boolean {
  return patternFallsOn(stop, date);
}

function timesOverlap(a: BookmobileStop, b: BookmobileStop): boolean {
  return (minutesOf(a.start) ?? 0) < (minutesOf(b.end) ?? 0) && (minutesOf(b.start) ?? 0) < (minutesOf(a.end) ?? 0);
}

/** Whether two stops can ever fall on the same day at overlapping times. */
export function stopsOverlap(a: BookmobileStop, b: BookmobileStop): boolean {
  if (!timesOverlap(a, b)) return false;
  if (a.dates.some((d) => stopFallsOn(b, d)) || b.dates.some((d) => stopFallsOn(a, d))) return true;
  if (a.weekday === null || b.weekday === null || a.weekday !== b.weekday) return false;
  if (a.weeks.length === 0 || b.weeks.length === 0) return true;
  return a.weeks.some((w) => b.weeks.includes(w));
}

/** One visit of the bus at a station on a day. */
export interface BookmobileVisit {
  stationCode: string;
  date: string;
  start: string;
  end: string;
  place: string;
  note: string;
}

/** How far ahead visits are looked for: a station visited less than once a year has none. */
const HORIZON_DAYS = 400;

/** Whether the bus runs on a date: not its closed day, nor the library calendar's (for `busCode`). */
function busRuns(tt: BookmobileTimetable, date: string, isClosed: ClosedDays, busCode?: string): boolean {
  return !tt.closedDays.includes(date) && !isClosed(date, busCode);
}

function inSchoolHoliday(tt: BookmobileTimetable, date: string): boolean {
  return inDateRanges(tt.schoolHolidays, date);
}

export interface VisitQuery {
  timetable: BookmobileTimetable;
  /** Extra closed days, e.g. the library calendar for the bus's branch. */
  isClosed?: ClosedDays;
  busCode?: string;
}

/** Every visit of the bus on a date (all stations), in time order. */
export function visitsOn(q: VisitQuery, date: string): BookmobileVisit[] {
  const tt = q.timetable;
  if (!busRuns(tt, date, q.isClosed ?? neverClosed, q.busCode)) return [];
  const holiday = inSchoolHoliday(tt, date);
  return tt.stops
    .filter((s) => stopFallsOn(s, date) && !(s.school && holiday))
    .map((s) => ({ stationCode: s.stationCode, date, start: s.start, end: s.end, place: s.place, note: s.note }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The next `count` visits of a station on or after `from` (the day itself included), in
 * order. Fewer when the station has fewer within about a year.
 */
export function nextVisits(q: VisitQuery, stationCode: string, from: string, count: number): BookmobileVisit[] {
  const out: BookmobileVisit[] = [];
  let d = from;
  for (let i = 0; i < HORIZON_DAYS && out.length < count; i++, d = addDays(d, 1)) {
    for (const v of visitsOn(q, d)) if (v.stationCode === stationCode && out.length < count) out.push(v);
  }
  return out;
}

/** Visits of a station on or before `to`, latest first, not earlier than `notBefore`. */
function visitsBackFrom(q: VisitQuery, stationCode: string, to: string, notBefore: string): BookmobileVisit | null {
  for (let d = to; compareDates(d, notBefore) >= 0; d = addDays(d, -1)) {
    const v = visitsOn(q, d).filter((x) => x.stationCode === stationCode);
    if (v.length) return v[v.length - 1];
  }
  return null;
}

export interface StopDueDateInput extends VisitQuery {
  stationCode: string;
  /** The day the loan period ends as the library counts it (loan date + period). */
  target: string;
  /** The first day the due date may be (the day after the loan, or after the old due date on renewal). */
  earliest: string;
  mode: DueDateStop;
}

/**
 * A due date on a visit of the station, never on a day the bus is not there. `last-before`
 * takes the last visit on or before `target` (a shorter loan, returned to the bus on time);
 * when none lies between `earliest` and `target`, the first visit after is taken. `first-after`
 * takes the first visit on or after `target`. Null when the station has no visit in a year:
 * the caller keeps its ordinary due date.
 */
export function stopDueDate(input: StopDueDateInput): BookmobileVisit | null {
  if (input.mode === 'last-before') {
    const before = visitsBackFrom(input, input.stationCode, input.target, input.earliest);
    if (before) return before;
  }
  const from = compareDates(input.target, input.earliest) >= 0 ? input.target : input.earliest;
  return nextVisits(input, input.stationCode, from, 1)[0] ?? null;
}

export interface StationHoldShelfInput extends VisitQuery {
  stationCode: string;
  /** The day the copy was trapped for the hold (at a library: it rides the bus from the next day). */
  trappedDate: string;
  /** How many stops the hold waits for the patron, the ready stop included. */
  stops: number;
}

/** When a hold for a station can be picked up and the last stop it waits for. */
export interface StationHoldShelf {
  ready: BookmobileVisit;
  last: BookmobileVisit;
  visits: BookmobileVisit[];
}

/**
 * A hold for a station is ready at the station's first visit after the day it is trapped,
 * and waits `stops` visits (the ready stop counted): it expires the day after the last.
 * Null when the station has no visit ahead.
 */
export function stationHoldShelf(input: StationHoldShelfInput): StationHoldShelf | null {
  const visits = nextVisits(input, input.stationCode, addDays(input.trappedDate, 1), Math.max(1, input.stops));
  if (visits.length === 0) return null;
  return { ready: visits[0], last: visits[visits.length - 1], visits };
}

/** 第1・第3火曜 / 毎週火曜 / dates, as a timetable prints a stop's pattern. */
export function describeStopPattern(stop: DayPattern): Localized {
  return describeDayPattern(stop);
}

/**
 * A due date (of a loan made on the bus, or its renewal) moved onto a visit of its station,
 * the way the city chose (`policy.bookmobile.dueDateStop`). `dueDate` is the date the
 * ordinary rules give; `earliest` the first day it may be (the day after the loan, or after
 * the old due date on renewal). The ordinary date stays when the station has no visit ahead.
 */
export function dueDateOnStop(policy: Policy, q: VisitQuery, stationCode: string, dueDate: string, earliest: string): string {
  return stopDueDate({ ...q, stationCode, target: dueDate, earliest, mode: policy.bookmobile.dueDateStop })?.date ?? dueDate;
}
