import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** One stop as the API stores it. */
export interface Stop {
  weekday: number | null;
  weeks: number[];
  dates: string[];
  start: string;
  end: string;
  place: string;
  note: string;
  school: boolean;
  pattern?: { ja: string; en: string };
}

/** A school holiday: school stations have no stop from `first` to `last`. */
export interface SchoolHoliday {
  first: string;
  last: string;
  note: string;
}

/** The bus's own closed days and the school holidays, as the API takes and returns them. */
export interface Closures {
  closedDays: string[];
  schoolHolidays: SchoolHoliday[];
}

export interface BusTimetable {
  code: string;
  name: string;
  nameEn: string | null;
  stations: { code: string; name: string; nameEn: string | null; stops: Stop[] }[];
  closedDays: string[];
  schoolHolidays: SchoolHoliday[];
}

export interface Preview {
  from: string;
  to: string;
  days: { date: string; closed: boolean; visits: { stationCode: string; stationName: string; start: string; end: string; place: string }[] }[];
}

export interface ImportReport {
  total: number;
  imported: number;
  rejected: number;
  stations: number;
  rows: { line: number; station: string; ok: boolean; errors: { field: string; code: string; message: { ja: string; en: string } }[] }[];
}

/** The bookmobile's timetable (`/api/t/{slug}/admin/bookmobile…`). */
@Injectable({ providedIn: 'root' })
export class BookmobileAdminApi {
  private readonly api = inject(TenantApi);

  buses(): Observable<BusTimetable[]> {
    return this.api.get<BusTimetable[]>('/admin/bookmobile');
  }

  putStops(station: string, stops: Stop[]): Observable<unknown> {
    return this.api.put(`/admin/bookmobile/stations/${encodeURIComponent(station)}/stops`, { stops });
  }

  preview(bus: string): Observable<Preview> {
    return this.api.get<Preview>(`/admin/bookmobile/${encodeURIComponent(bus)}/preview`, { weeks: 8 });
  }

  /** Replaces the bus's closed days and school holidays; 422 TIMETABLE_INVALID names `schoolHolidays.<i>.last`. */
  putClosures(bus: string, closures: Closures): Observable<Closures> {
    return this.api.put<Closures>(`/admin/bookmobile/${encodeURIComponent(bus)}/closures`, closures);
  }

  importCsv(bus: string, csv: string): Observable<ImportReport> {
    return this.api.post<ImportReport>(`/admin/bookmobile/${encodeURIComponent(bus)}/import`, { csv });
  }
}
