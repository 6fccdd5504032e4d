import type { Localized, PatronFacingPolicy, PickupPointKind } from '@shiori/policy';

/** What a pickup point is: a counter (窓口), a locker room (予約取置室), a bookmobile station (ステーション); libs/policy's. */
export type { PickupPointKind };

/**
 * Text the library writes for patrons in Japanese, English when it wrote one (a branch's
 * opening hours, a pickup point's note): the OPAC falls back to the Japanese.
 */
export interface PlaceNote {
  ja: string;
  en?: string | null;
}

/** A pickup point's published service times as the librarians typed them (the bus's stops are the bookmobile's timetable). */
export interface PickupTimetableEntry {
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** Weeks of the month (1–5). */
  weeks?: number[];
  /** `10:00` or `10:00-10:30`. */
  time?: string;
  note?: string;
}

/** A branch as patrons read it (`GET /info`): a library, a reading room or a bookmobile (移動図書館), with its guide (館の案内). */
export interface PublicBranch {
  code: string;
  name: string;
  nameEn: string | null;
  /** Holds collected here ask which of its pickup points (Kushiro's counter / locker room, the bus's stations). */
  askPickupPoint: boolean;
  isBookmobile: boolean;
  address: string | null;
  phone: string | null;
  /** Opening hours as the library words them (free text, several lines). */
  hours: PlaceNote | null;
  /** Regular weekly closing days (定休日), 0 = Sunday … 6 = Saturday; [] for none. */
  weeklyClosed: number[];
}

/** A branch as librarians edit it (`GET/POST/PATCH /admin/branches`): with whether it is in use and its display order. */
export interface Branch extends PublicBranch {
  active: boolean;
  /** Display order (smaller first). */
  sort: number;
}

/** One visit of the bookmobile at a station: the day, the time window, where the bus parks. */
export interface StationVisit {
  date: string;
  start: string;
  end: string;
  place: string;
  note: string;
}

/** A pickup point as patrons read it (`GET /info`): a bookmobile station carries its next visits, for the pickup choice. */
export interface PublicPickupPoint {
  code: string;
  name: string;
  nameEn: string | null;
  kind: PickupPointKind;
  branchCode: string;
  timetable: PickupTimetableEntry[];
  /** What the patron should know before choosing it (Kushiro: 「予約本受取窓口は4階です。」); null for none. */
  note: PlaceNote | null;
  /** A bookmobile station's next visits (three). */
  nextVisits?: StationVisit[];
}

/** A pickup point as librarians edit it (`GET/POST/PATCH /admin/pickup-points`). */
export interface PickupPoint extends Omit<PublicPickupPoint, 'nextVisits'> {
  active: boolean;
  /** Display order within the branch (smaller first). */
  sort: number;
}

/**
 * `GET /info`: what every patron page needs first: the city's name and colour, its active
 * branches in display order, its active pickup points (by branch code, then each branch's
 * order: list them under `branches` for the display order), and the patron-facing part of
 * its policy.
 */
export interface LibraryInfo {
  slug: string;
  name: string;
  theme: { primary: string } | null;
  branches: PublicBranch[];
  pickupPoints: PublicPickupPoint[];
  policy: PatronFacingPolicy;
}

/** `DELETE /admin/pickup-points/{code}`: deleted, or taken out of use when finished holds name it. */
export interface PickupPointDeletion {
  outcome: 'deleted' | 'deactivated';
  finishedHolds: number;
  pickupPoint: PickupPoint;
}

/** What history names a branch (then a delete takes it out of use instead). */
export interface BranchHistory {
  withdrawnCopies: number;
  loans: number;
  holds: number;
  pastClosedDays: number;
  news: number;
  policyVersions: number;
}

/**
 * `DELETE /admin/branches/{code}`: deleted with its pickup points and coming closed days, or
 * taken out of use with its pickup points when history names it.
 */
export interface BranchDeletion {
  outcome: 'deleted' | 'deactivated';
  history: BranchHistory;
  branch: Branch;
  pickupPoints: PickupPoint[];
}

/** A closed day the librarians set (`GET/POST /admin/closed-days`): one branch's, or the whole city's (`branchCode: null`). */
export interface ClosedDay {
  /** A bigint, as text. */
  id: string;
  branchCode: string | null;
  date: string;
  reason: string | null;
}

/** `POST /admin/closed-days/holidays`: the year's national holidays added as closed days. */
export interface HolidaysAdded {
  year: number;
  holidays: number;
  added: number;
}

/** A day a branch does not open in the public calendar. */
export interface CalendarClosedDay {
  date: string;
  /** e.g. 文化の日, 蔵書点検; null for a regular closing day and unexplained closures. */
  reason: string | null;
  /** The branch's regular closing weekday (定休日). */
  weekly: boolean;
}

/** One branch in the public calendar: every day it is closed in the range, sorted by date. */
export interface BranchCalendar {
  code: string;
  name: string;
  nameEn: string | null;
  weeklyClosed: number[];
  openToday: boolean;
  closed: CalendarClosedDay[];
}

/** `GET /calendar?from&to` (開館カレンダー): the active branches in display order. */
export interface OpeningCalendar {
  from: string;
  to: string;
  /** Today in Japan (YYYY-MM-DD). */
  today: string;
  branches: BranchCalendar[];
}

/** A school holiday (学校の長期休業): school stations have no stop from `first` to `last`. */
export interface SchoolHoliday {
  first: string;
  last: string;
  note: string;
}

/** One stop of a station's timetable as stored (the days as a day pattern), with the pattern in words. */
export interface BookmobileStopView {
  stationCode: string;
  /** 0 = Sunday … 6 = Saturday; null for listed dates only. */
  weekday: number | null;
  /** Weeks of the month (1–5); [] for every week. */
  weeks: number[];
  dates: string[];
  start: string;
  end: string;
  place: string;
  note: string;
  school: boolean;
  /** The days in words (第1・第3 火曜日). */
  pattern: Localized;
}

/** A station of a bus in the timetable editor, with its stops. */
export interface BookmobileStationTimetable {
  code: string;
  name: string;
  nameEn: string | null;
  branchCode: string;
  stops: BookmobileStopView[];
}

/** The bus's own closed days and the school holidays (`PUT /admin/bookmobile/{code}/closures` answers them). */
export interface BookmobileClosures {
  closedDays: string[];
  schoolHolidays: SchoolHoliday[];
}

/** `GET /admin/bookmobile` (each bus) and `…/{code}/timetable`: a bus's stations with their stops, and its closures. */
export interface BusTimetable extends BookmobileClosures {
  code: string;
  name: string;
  nameEn: string | null;
  stations: BookmobileStationTimetable[];
}

/** `GET /admin/bookmobile/{code}/preview`: the bus's visits day by day (the editor's 8 weeks). */
export interface BusPreview {
  code: string;
  name: string;
  from: string;
  to: string;
  days: { date: string; closed: boolean; visits: (StationVisit & { stationCode: string; stationName: string })[] }[];
}

/** One CSV row's outcome: its line in the file (header = line 1) and, when left out, why. */
export interface TimetableImportRow {
  line: number;
  station: string;
  ok: boolean;
  errors: { field: string; code: string; message: Localized }[];
}

/** `POST /admin/bookmobile/{code}/import`: a published timetable as CSV; rows with problems are left out and reported. */
export interface TimetableImportReport {
  total: number;
  imported: number;
  rejected: number;
  stations: number;
  rows: TimetableImportRow[];
}

/** A station as patrons read the timetable: its stops in words and its next visits. */
export interface PublicStation {
  code: string;
  name: string;
  nameEn: string | null;
  stops: { pattern: Localized; start: string; end: string; place: string; note: string; school: boolean }[];
  nextVisits: StationVisit[];
}

/** One bus in `GET /bookmobile`: its stations and the month's visits, in date and time order. */
export interface PublicBus extends BookmobileClosures {
  code: string;
  name: string;
  nameEn: string | null;
  stations: PublicStation[];
  visits: (StationVisit & { stationCode: string })[];
}

/** `GET /bookmobile?from&visits` (館の案内, the station picker): the active buses and the month from `from`. */
export interface PublicBookmobile {
  today: string;
  from: string;
  to: string;
  buses: PublicBus[];
}
