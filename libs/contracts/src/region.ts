import type { Localized } from '@shiori/policy';

/** A member library of a region, by slug and name, and whether it is in service. */
export interface RegionMember {
  slug: string;
  name: string;
  status: 'active' | 'suspended';
}

/**
 * A region (地域) as regional IT edits it (`GET/POST/PATCH /platform/regions…`): a named set
 * of member libraries that search (and, by agreement, lend) together.
 */
export interface Region {
  code: string;
  name: string;
  nameEn: string | null;
  /** In the order they joined; a library gone from the platform is left out. */
  members: RegionMember[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /t/{slug}/regions`: a region the city belongs to, for its OPAC's link to the regional search. */
export interface CityRegion {
  code: string;
  name: string;
  nameEn: string | null;
  /** The regional OPAC under the instance (`/opac/r/{code}/`). */
  opacPath: string;
}

/** A region by its code and names. */
export interface RegionName {
  code: string;
  name: string;
  nameEn: string | null;
}

/** A stop of a courier run as the editor names it: the city and branch (keys), their names for people. */
export interface CourierStopView {
  /** Null when the stop's city has left the region. */
  city: string | null;
  branch: string;
  cityName: string | null;
  branchName: string | null;
  branchNameEn: string | null;
  /** False when the city has left the region or the branch is gone (the stop is left out of trips). */
  member: boolean;
}

/** A courier run (便): its days (a day pattern, and in words) and the libraries it calls at, in order. */
export interface CourierRunView {
  name: string;
  /** 0 = Sunday … 6 = Saturday; null for listed dates only. */
  weekday: number | null;
  /** Weeks of the month (1–5); [] for every week. */
  weeks: number[];
  dates: string[];
  note: string;
  pattern: Localized;
  stops: CourierStopView[];
}

/** Days the courier does not run (年末年始). */
export interface CourierClosure {
  first: string;
  last: string;
  note: string;
}

/** A branch of a member city, with the names librarians read. */
export interface CourierBranch {
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

/** A member city and its branches, for the editor's choices and the names of stops. */
export interface CourierMember {
  city: string;
  cityName: string;
  status: 'active' | 'suspended';
  branches: CourierBranch[];
}

/** `GET/PUT /platform/regions/{code}/courier`: the region's courier timetable (連絡車) with its member libraries. */
export interface CourierTimetableView {
  region: RegionName;
  /** An item handed over on a courier day leaves on that day's run. */
  sameDayHandover: boolean;
  /** Null before the timetable is first saved. */
  updatedAt: string | null;
  runs: CourierRunView[];
  closures: CourierClosure[];
  members: CourierMember[];
}

/** One end of a courier trip, named. */
export interface CourierLibraryName {
  city: string;
  cityName: string;
  branch: string;
  branchName: string;
}

/** The run a trip leaves or arrives on, and the day. */
export interface CourierLeg {
  date: string;
  run: { name: string; pattern: Localized };
}

/** `GET /platform/regions/{code}/courier/arrival?from&to&date` (次の便): when something handed over leaves and arrives. */
export interface CourierArrival {
  regionCode: string;
  handedOver: string;
  from: CourierLibraryName;
  to: CourierLibraryName;
  departs: CourierLeg;
  arrives: CourierLeg;
}
