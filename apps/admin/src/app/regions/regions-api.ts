import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Region } from '@shiori/contracts';
import { Api } from '../core/api';

export interface NewRegion {
  code: string;
  name: string;
  nameEn?: string;
  members: string[];
}

export interface RegionChange {
  name?: string;
  nameEn?: string | null;
  addMembers?: string[];
  removeMembers?: string[];
}

/** Regions for regional IT (`/api/platform/regions`). */
@Injectable({ providedIn: 'root' })
export class RegionsApi {
  private readonly api = inject(Api);

  list(): Observable<Region[]> {
    return this.api.get<Region[]>('/platform/regions');
  }

  create(region: NewRegion): Observable<Region> {
    return this.api.post<Region>('/platform/regions', region);
  }

  update(code: string, change: RegionChange): Observable<Region> {
    return this.api.patch<Region>(`/platform/regions/${encodeURIComponent(code)}`, change);
  }
}
