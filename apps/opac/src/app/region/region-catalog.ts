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
  /** material types, any of them (comma separated), and those left out (NOT) */
  materialType?: string;
  notMaterialType?: string;
  /** availability states in each city, any of them (comma separated), and those left out (NOT) */
  availability?: string;
  notAvailability?: string;
  /**
   * words in the author field (a work's author, as a link): each city spells a name its own
   * way (夏目漱石, 夏目 漱石), which the words match and an exact name would not
   */
  author?: string;
  yearFrom?: number;
  yearTo?: number;
  page?: number;
}

export const REGION_QUERY_KEYS: (keyof RegionQuery & keyof RegionSearchQuery)[] = [
  'q',
  'city',
  'available',
  'reservable',
  'materialType',
  'notMaterialType',
  'availability',
  'notAvailability',
  'author',
  'yearFrom',
  'yearTo',
  'page',
];

/** The region's facets with several values (OR within a facet, AND across), and the key of those left out. */
export type RegionFacetKey = 'city' | 'materialType' | 'availability';
export const REGION_NOT_KEYS: Partial<Record<RegionFacetKey, keyof RegionQuery>> = { materialType: 'notMaterialType', availability: 'notAvailability' };


/** The region's public search (`GET /api/r/{code}/search`). */
@Injectable({ providedIn: 'root' })
export class RegionCatalog {
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
