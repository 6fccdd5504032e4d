import { inject, Injectable } from '@angular/core';
import type { AgreementExplainResult, AgreementPresetView } from '@shiori/contracts';
import type { AgreementSituationKind, AgreementTerms } from '@shiori/policy';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { TenantApi } from '../core/tenant-api';

export interface City {
  slug: string;
  name: string;
}

/** A region the host of an agreement may be: every member but the home city lends. */
export interface AgreementRegion {
  code: string;
  name: string;
  nameEn: string | null;
  members: City[];
}

export interface Agreement {
  id: string;
  homeCity: City;
  /** the lending city, or null when the host is a region's members */
  hostCity: City | null;
  hostRegion: { code: string; name: string; nameEn: string | null } | null;
  version: number;
  preset: string | null;
  terms: AgreementTerms;
}

export interface AgreementVersion {
  version: number;
  changedBy: string;
  changedAt: string;
  changes: { path: string; before: unknown; after: unknown }[];
}

export interface Visitor {
  id: string;
  cardNumber: string;
  name: string;
  nameKana: string;
  homeCity: City;
  openLoans: number;
  expiresAt: string | null;
  createdAt: string;
  refreshed?: boolean;
}

export interface VisitorLoanFigure {
  agreementId: string;
  homeCity: City;
  month: string;
  loans: number;
}

/** Regional IT's agreements (`/api/platform/agreements`). */
@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly api = inject(Api);

  list(): Observable<Agreement[]> {
    return this.api.get('/platform/agreements');
  }
  presets(): Observable<AgreementPresetView[]> {
    return this.api.get('/platform/agreements/presets');
  }
  cities(): Observable<City[]> {
    return this.api.get('/platform/tenants');
  }
  regions(): Observable<AgreementRegion[]> {
    return this.api.get('/platform/regions');
  }
  /** `hostCity`, or `hostRegion` for every other member of a region the home city is in. */
  create(body: { homeCity: string; hostCity?: string; hostRegion?: string; preset?: string; terms: AgreementTerms; reciprocal: boolean }): Observable<Agreement[]> {
    return this.api.post('/platform/agreements', body);
  }
  update(id: string, body: { preset?: string; terms: AgreementTerms }): Observable<Agreement> {
    return this.api.patch(`/platform/agreements/${encodeURIComponent(id)}`, body);
  }
  versions(id: string): Observable<AgreementVersion[]> {
    return this.api.get(`/platform/agreements/${encodeURIComponent(id)}/versions`);
  }
  explain(body: { homeCity: string; hostCity: string; situation: AgreementSituationKind; currentLoans?: number; renewals?: number; terms: AgreementTerms }): Observable<AgreementExplainResult> {
    return this.api.post('/platform/agreements/explain', body);
  }
}

/** A librarian's city: its agreements (read only), visitors at its desk, statistics. */
@Injectable({ providedIn: 'root' })
export class CityAgreementsApi {
  private readonly api = inject(TenantApi);

  slug(): string {
    return this.api.slug();
  }
  agreements(): Observable<Agreement[]> {
    return this.api.get('/admin/agreements');
  }
  visitors(): Observable<Visitor[]> {
    return this.api.get('/admin/visitors');
  }
  statistics(): Observable<VisitorLoanFigure[]> {
    return this.api.get('/admin/agreements/statistics');
  }
  register(body: { homeCity: string; homeCardNumber: string; cardNumber?: string }): Observable<Visitor> {
    return this.api.post('/admin/visitors', body);
  }
  /** A loan on the home card of a visitor admitted by it (the desk's check-out, with the home city). */
  lendOnHomeCard(homeCity: string, homeCardNumber: string, itemBarcode: string): Observable<{ id: string; title: string; dueDate: string; itemBarcode: string }> {
    return this.api.post('/desk/checkouts', { cardNumber: homeCardNumber, itemBarcode, homeCity });
  }
}
