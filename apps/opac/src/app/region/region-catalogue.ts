import { HttpClient, HttpParams } from '@angular/common/http';
import { DOCUMENT, inject, Injectable, InjectionToken } from '@angular/core';
import type { RegionSearchQuery, RegionSearchResult } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { RegionLocation, regionLocationFrom } from './region-location';

export const REGION_LOCATION = new InjectionToken<RegionLocation | null>('REGION_LOCATION', {
  providedIn: 'root',
  factory: () => regionLocationFrom(inject(DOCUMENT).baseURI),
});

/** The conditions of a regional search, as in the page's URL (the API's keys of RegionSearchQuery, as text). */
export interface RegionQuery {
  q?: string;
  city?: string;
  available?: string;
  /** 'true': only what may be reserved now, under each library's own hold rules (予約可) */
  reservable?: string;
  materialType?: string;
  yearFrom?: number;
  yearTo?: number;
  page?: number;
}

export const REGION_QUERY_KEYS: (keyof RegionQuery & keyof RegionSearchQuery)[] = ['q', 'city', 'available', 'reservable', 'materialType', 'yearFrom', 'yearTo', 'page'];

/** The region's public search (`GET /api/r/{code}/search`). */
@Injectable({ providedIn: 'root' })
export class RegionCatalogue {
  private readonly http = inject(HttpClient);
  readonly location = inject(REGION_LOCATION);

  search(q: RegionQuery): Observable<RegionSearchResult> {
    const loc = this.location!;
    let params = new HttpParams();
    for (const key of REGION_QUERY_KEYS) {
      const v = q[key];
      if (v !== undefined && v !== '') params = params.set(key, String(v));
    }
    return this.http.get<RegionSearchResult>(`${loc.apiBase}/r/${encodeURIComponent(loc.region)}/search`, { params });
  }
}
