import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { BookmobileClosures, BookmobileStationTimetable, BookmobileStopView, BusPreview, BusTimetable, TimetableImportReport } from '@shiori/contracts';
import { TenantApi } from '../core/tenant-api';

/**
 * One stop as the editor sends it (`PUT …/stations/{code}/stops`, a request shape): the
 * answer's stops (BookmobileStopView) are these with their station and the days in words.
 */
export type Stop = Omit<BookmobileStopView, 'stationCode' | 'pattern'>;

/** The bookmobile's timetable (`/api/t/{slug}/admin/bookmobile…`). */
@Injectable({ providedIn: 'root' })
export class BookmobileAdminApi {
  private readonly api = inject(TenantApi);

  buses(): Observable<BusTimetable[]> {
    return this.api.get<BusTimetable[]>('/admin/bookmobile');
  }

  putStops(station: string, stops: Stop[]): Observable<BookmobileStationTimetable> {
    return this.api.put<BookmobileStationTimetable>(`/admin/bookmobile/stations/${encodeURIComponent(station)}/stops`, { stops });
  }

  preview(bus: string): Observable<BusPreview> {
    return this.api.get<BusPreview>(`/admin/bookmobile/${encodeURIComponent(bus)}/preview`, { weeks: 8 });
  }

  /** Replaces the bus's closed days and school holidays; 422 TIMETABLE_INVALID names `schoolHolidays.<i>.last`. */
  putClosures(bus: string, closures: BookmobileClosures): Observable<BookmobileClosures> {
    return this.api.put<BookmobileClosures>(`/admin/bookmobile/${encodeURIComponent(bus)}/closures`, closures);
  }

  importCsv(bus: string, csv: string): Observable<TimetableImportReport> {
    return this.api.post<TimetableImportReport>(`/admin/bookmobile/${encodeURIComponent(bus)}/import`, { csv });
  }
}
