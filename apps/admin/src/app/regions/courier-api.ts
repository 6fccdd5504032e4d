import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../core/api';

export interface Localized {
  ja: string;
  en: string;
}

/** A stop as the API names it: the city and branch (internal keys), their names for people. */
export interface CourierStopView {
  city: string | null;
  branch: string;
  cityName: string | null;
  branchName: string | null;
  branchNameEn: string | null;
  /** False when the city has left the region or the branch is gone (the stop is left out of trips). */
  member: boolean;
}

export interface CourierRunView {
  name: string;
  weekday: number | null;
  weeks: number[];
  dates: string[];
  note: string;
  pattern: Localized;
  stops: CourierStopView[];
}

export interface CourierClosure {
  first: string;
  last: string;
  note: string;
}

export interface CourierMember {
  city: string;
  cityName: string;
  status: 'active' | 'suspended';
  branches: { code: string; name: string; nameEn: string | null; active: boolean }[];
}

/** `GET /api/platform/regions/{code}/courier`. */
export interface CourierTimetableView {
  region: { code: string; name: string; nameEn: string | null };
  sameDayHandover: boolean;
  updatedAt: string | null;
  runs: CourierRunView[];
  closures: CourierClosure[];
  members: CourierMember[];
}

/** The body of `PUT …/courier`. */
export interface CourierTimetableInput {
  sameDayHandover: boolean;
  runs: { name: string; weekday: number | null; weeks: number[]; dates: string[]; note: string; stops: { city: string; branch: string }[] }[];
  closures: CourierClosure[];
}

export interface CourierArrival {
  regionCode: string;
  handedOver: string;
  from: { city: string; cityName: string; branch: string; branchName: string };
  to: { city: string; cityName: string; branch: string; branchName: string };
  departs: { date: string; run: { name: string; pattern: Localized } };
  arrives: { date: string; run: { name: string; pattern: Localized } };
}

/** The courier timetable of a region (連絡車), for regional IT. */
@Injectable({ providedIn: 'root' })
export class CourierApi {
  private readonly api = inject(Api);

  private path(code: string): string {
    return `/platform/regions/${encodeURIComponent(code)}/courier`;
  }

  get(code: string): Observable<CourierTimetableView> {
    return this.api.get<CourierTimetableView>(this.path(code));
  }

  put(code: string, timetable: CourierTimetableInput): Observable<CourierTimetableView> {
    return this.api.put<CourierTimetableView>(this.path(code), timetable);
  }

  arrival(code: string, from: string, to: string, date: string): Observable<CourierArrival> {
    return this.api.get<CourierArrival>(`${this.path(code)}/arrival`, { from, to, date });
  }
}
