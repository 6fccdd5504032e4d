import { z } from 'zod';
import { addDays, isIsoDate } from './dates';
import { DateRangeSchema, dayPatternShape, describeDayPattern, inDateRanges, patternFallsOn } from './day-pattern';
import { t, Localized } from './i18n';
import { CodeSchema } from './schema';

/**
 * The region's courier (連絡車) as data: runs on fixed days (毎週火曜, 第2・第4木曜 or dates; the
 * same day patterns as the bookmobile, day-pattern.ts), each calling at member libraries in
 * order (a branch of a member city: city slug + branch code), and the region's courier
 * closures (年末年始). From it, the expected trip of anything sent from one library to another:
 * it leaves on the first run that calls at the sender on or after the day it is handed over
 * (the day itself only when `sameDayHandover`), and arrives later on that run if the run calls
 * at the receiver after the sender, else on the first later day a run calls at the receiver
 * (it waits at the courier's base overnight). A run does not call at a library on a day that
 * library is closed (nobody to hand over to), nor on a closure of the region.
 */

/** A member library: a branch of a member city. */
export interface CourierLibrary {
  city: string;
  branch: string;
}

/** A city's slug (as the tenant registry's). */
const CITY = /^[a-z][a-z0-9-]{1,30}$/;

export const CourierStopSchema = z.strictObject({ city: z.string().regex(CITY), branch: CodeSchema });

export const CourierRunSchema = z.strictObject({
  /** What the region calls the run: 「A便」「北部ルート」; may be empty. */
  name: z.string().max(100).default(''),
  ...dayPatternShape,
  /** The libraries called at, in order. */
  stops: z.array(CourierStopSchema).max(200),
  note: z.string().max(200).default(''),
});
export type CourierRun = z.output<typeof CourierRunSchema>;

export const CourierTimetableSchema = z.strictObject({
  /** Whether something handed over on a courier day leaves on that day's run (else the next one). */
  sameDayHandover: z.boolean().default(true),
  runs: z.array(CourierRunSchema).max(100).default([]),
  /** Days the courier does not run in the region (年末年始, 点検). */
  closures: z.array(DateRangeSchema).max(200).default([]),
});
export type CourierTimetable = z.output<typeof CourierTimetableSchema>;
export type CourierTimetableInput = z.input<typeof CourierTimetableSchema>;

/** Codes of the field problems of a courier timetable (answered as problem+json `errors`). */
export const CourierIssueCodes = {
  COURIER_FORMAT: 'COURIER_FORMAT',
  COURIER_DATE: 'COURIER_DATE',
  COURIER_NO_DAYS: 'COURIER_NO_DAYS',
  COURIER_TOO_FEW_STOPS: 'COURIER_TOO_FEW_STOPS',
  COURIER_UNKNOWN_LIBRARY: 'COURIER_UNKNOWN_LIBRARY',
  COURIER_DUPLICATE_STOP: 'COURIER_DUPLICATE_STOP',
} as const;
export type CourierIssueCode = (typeof CourierIssueCodes)[keyof typeof CourierIssueCodes];

export const COURIER_ISSUE_MESSAGES: Record<CourierIssueCode, Localized> = {
  COURIER_FORMAT: t('連絡車の時刻表の形式が正しくありません。', 'The courier timetable is not in the right format.'),
  COURIER_DATE: t(
    '日付は 2026-12-29 の形の実在する日付にし、終了日は開始日以降にしてください。',
    'Dates must be real dates like 2026-12-29, and the last day must not be before the first.',
  ),
  COURIER_NO_DAYS: t('便の曜日か日付を指定してください。', 'Give the run a weekday or dates.'),
  COURIER_TOO_FEW_STOPS: t('便には2館以上の立ち寄り先が必要です。', 'A run must call at two libraries or more.'),
  COURIER_UNKNOWN_LIBRARY: t('この地域の加盟館の館（分館）ではありません。', 'Not a library (branch) of a member of this region.'),
  COURIER_DUPLICATE_STOP: t('同じ便で同じ館に2回立ち寄ることはできません。', 'A run cannot call at the same library twice.'),
};

export interface CourierIssue {
  /** Dotted path such as `runs.1.stops.2`. */
  path: string;
  code: CourierIssueCode;
  message: Localized;
}

export type ParseCourierResult = { ok: true; timetable: CourierTimetable } | { ok: false; errors: CourierIssue[] };

const libraryKey = (l: CourierLibrary) => `${l.city}\u0000${l.branch}`;

/**
 * Validates a region's whole courier timetable: the shape, real dates and spans, days for
 * every run, at least two stops per run, each stop a branch of a member city (`libraries`),
 * no library twice in one run.
 */
export function parseCourierTimetable(input: unknown, libraries: readonly CourierLibrary[]): ParseCourierResult {
  const parsed = CourierTimetableSchema.safeParse(input);
  const issue = (path: (string | number)[], code: CourierIssueCode): CourierIssue => ({ path: path.join('.'), code, message: COURIER_ISSUE_MESSAGES[code] });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => issue(i.path.map(String), CourierIssueCodes.COURIER_FORMAT)) };
  const tt = parsed.data;
  const known = new Set(libraries.map(libraryKey));
  const errors: CourierIssue[] = [];
  tt.closures.forEach((r, i) => {
    if (!isIsoDate(r.first)) errors.push(issue(['closures', i, 'first'], CourierIssueCodes.COURIER_DATE));
    if (!isIsoDate(r.last) || (isIsoDate(r.first) && r.first > r.last)) errors.push(issue(['closures', i, 'last'], CourierIssueCodes.COURIER_DATE));
  });
  tt.runs.forEach((run, i) => {
    run.dates.forEach((d, j) => isIsoDate(d) || errors.push(issue(['runs', i, 'dates', j], CourierIssueCodes.COURIER_DATE)));
    if (run.weekday === null && run.dates.length === 0) errors.push(issue(['runs', i, 'weekday'], CourierIssueCodes.COURIER_NO_DAYS));
    if (run.stops.length < 2) errors.push(issue(['runs', i, 'stops'], CourierIssueCodes.COURIER_TOO_FEW_STOPS));
    const seen = new Set<string>();
    run.stops.forEach((s, j) => {
      const key = libraryKey(s);
      if (!known.has(key)) errors.push(issue(['runs', i, 'stops', j], CourierIssueCodes.COURIER_UNKNOWN_LIBRARY));
      else if (seen.has(key)) errors.push(issue(['runs', i, 'stops', j], CourierIssueCodes.COURIER_DUPLICATE_STOP));
      seen.add(key);
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, timetable: tt };
}

/** 毎週火曜 / 第2・第4木曜 / dates, as the region prints a run. */
export function describeCourierRun(run: CourierRun): Localized {
  return describeDayPattern(run);
}

/** Whether a library is closed on a date (its city's calendar for that branch). */
export type LibraryClosed = (library: CourierLibrary, date: string) => boolean;

const neverClosedLibrary: LibraryClosed = () => false;

/** How far ahead runs are looked for: a courier that calls less than once a year has none. */
const HORIZON_DAYS = 400;

export interface CourierTripInput {
  timetable: CourierTimetable;
  from: CourierLibrary;
  to: CourierLibrary;
  /** The day the sender hands the item over ('YYYY-MM-DD'). */
  handedOver: string;
  /** Each library's own closed days; default: always open. */
  isClosed?: LibraryClosed;
}

/** One call of a run at a library. */
export interface CourierCall {
  date: string;
  /** Index of the run in the timetable, and its name. */
  run: number;
  runName: string;
}

export interface CourierTrip {
  departs: CourierCall;
  arrives: CourierCall;
}

/** The runs that go on a date (none on a closure of the region), in timetable order. */
export function courierRunsOn(tt: CourierTimetable, date: string): number[] {
  if (inDateRanges(tt.closures, date)) return [];
  const out: number[] = [];
  tt.runs.forEach((r, i) => patternFallsOn(r, date) && out.push(i));
  return out;
}

/** Where in the run a library is called at on a date: its stop index, or -1 (not a stop, or closed that day). */
function callAt(run: CourierRun, library: CourierLibrary, date: string, isClosed: LibraryClosed): number {
  const i = run.stops.findIndex((s) => s.city === library.city && s.branch === library.branch);
  return i >= 0 && !isClosed(library, date) ? i : -1;
}

/**
 * The expected trip from one library to another: departure on the first run calling at the
 * sender on/after the handover day (after it when the timetable says handovers wait for the
 * next run), arrival the same day when a run of that day calls at the receiver after the
 * sender, else on the first later day a run calls at the receiver. Null when no run calls at
 * both within about a year (or the two are the same library).
 */
export function courierTrip(input: CourierTripInput): CourierTrip | null {
  const { timetable: tt, from, to } = input;
  const isClosed = input.isClosed ?? neverClosedLibrary;
  if (libraryKey(from) === libraryKey(to)) return null;
  if (!courierServes(tt, from) || !courierServes(tt, to)) return null;
  const call = (run: number, date: string): CourierCall => ({ date, run, runName: tt.runs[run].name });

  let d = tt.sameDayHandover ? input.handedOver : addDays(input.handedOver, 1);
  let departs: CourierCall | null = null;
  for (let i = 0; i < HORIZON_DAYS && !departs; i++, d = addDays(d, 1)) {
    for (const r of courierRunsOn(tt, d)) {
      const at = callAt(tt.runs[r], from, d, isClosed);
      if (at < 0) continue;
      departs ??= call(r, d);
      // the same van goes on to the receiver later that day
      if (callAt(tt.runs[r], to, d, isClosed) > at) return { departs: call(r, d), arrives: call(r, d) };
    }
  }
  if (!departs) return null;
  // otherwise it waits at the courier's base for the next day a run calls at the receiver
  let a = addDays(departs.date, 1);
  for (let i = 0; i < HORIZON_DAYS; i++, a = addDays(a, 1)) {
    for (const r of courierRunsOn(tt, a)) if (callAt(tt.runs[r], to, a, isClosed) >= 0) return { departs, arrives: call(r, a) };
  }
  return null;
}

/** Whether a run of the timetable calls at the library (on some day). */
export function courierServes(tt: CourierTimetable, library: CourierLibrary): boolean {
  return tt.runs.some((r) => r.stops.some((s) => libraryKey(s) === libraryKey(library)));
}
