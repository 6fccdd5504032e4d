import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { Localized } from '../core/i18n';

export type TenantStatus = 'active' | 'suspended';

/** A row of `GET /api/platform/tenants`: the tenant and its key figures. */
export interface TenantSummary {
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: string;
  patrons: number;
  records: number;
  loansToday: number;
}

/** `POST /api/platform/tenants` and `PATCH …/{slug}` answer the tenant row. */
export interface Tenant {
  id?: string;
  slug: string;
  name: string;
  status: TenantStatus;
  preset?: string;
  createdAt: string;
}

/** `GET /api/platform/presets`: a city's starting rules, branches and pickup points. */
export interface Preset {
  slug: string;
  name: Localized;
}

export interface NewTenant {
  slug: string;
  name: string;
  preset?: string;
}

/** The regional admin's part of the API (`/api/platform/…`). */
@Injectable({ providedIn: 'root' })
export class TenantsApi {
  private readonly api = inject(Api);

  list(): Observable<TenantSummary[]> {
    return this.api.get<TenantSummary[]>('/platform/tenants');
  }

  presets(): Observable<Preset[]> {
    return this.api.get<Preset[]>('/platform/presets');
  }

  create(tenant: NewTenant): Observable<Tenant> {
    return this.api.post<Tenant>('/platform/tenants', tenant);
  }

  setStatus(slug: string, status: TenantStatus): Observable<Tenant> {
    return this.api.patch<Tenant>(`/platform/tenants/${encodeURIComponent(slug)}`, { status });
  }
}
