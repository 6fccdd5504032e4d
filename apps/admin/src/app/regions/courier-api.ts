import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { CourierArrival, CourierClosure, CourierTimetableView } from '@shiori/contracts';
import { Api } from '../core/api';

/** The body of `PUT …/courier` (a request shape: the module's DTO on the API's side). */
export interface CourierTimetableInput {
  sameDayHandover: boolean;
  runs: { name: string; weekday: number | null; weeks: number[]; dates: string[]; note: string; stops: { city: string; branch: string }[] }[];
  closures: CourierClosure[];
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
