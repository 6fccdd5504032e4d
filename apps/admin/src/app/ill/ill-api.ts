import { inject, Injectable } from '@angular/core';
import type { CityRegion, IllCheckinAnswer, IllPage, IllRequestView, IllTransitView, IncomingIllRequestView } from '@shiori/contracts';
import type { IllStatus } from '@shiori/policy';
import { map, Observable } from 'rxjs';
import { Api } from '../core/api';
import type { MessageKey } from '../core/i18n';
import { TenantApi } from '../core/tenant-api';

/** The words librarians read for a status (依頼中 … 紛失). */
export const statusKey = (s: IllStatus): MessageKey => `ill.status.${s}` as MessageKey;

/** One work of the regional search, with what each member city holds. */
export interface RegionalWork {
  key: string;
  title: string;
  authors: { name: string }[];
  year: number | null;
  publisher: string | null;
  volume: string | null;
  holdings: { city: string; cityName: string; recordId: string; copies: number; available: number; onLoan: number; status: string }[];
}

export type BorrowerStep = 'forward' | 'cancel' | 'receive' | 'lend' | 'renew' | 'return' | 'send-home' | 'lost';

/** The statuses a copy can be marked lost in (紛失): while it travels or is with the borrowing city. */
export const LOSABLE: readonly IllStatus[] = ['in-transit', 'arrived', 'on-loan', 'returned', 'in-transit-home'];
export type LenderStep = 'send' | 'check-in' | 'lost';

/** The ILL API (apps/api/src/modules/ill) as the admin console's screens use it. */
@Injectable({ providedIn: 'root' })
export class IllApi {
  private readonly tenant = inject(TenantApi);
  private readonly api = inject(Api);

  requests(size = 200): Observable<IllPage<IllRequestView>> {
    return this.tenant.get<IllPage<IllRequestView>>('/admin/ill/requests', { size });
  }

  create(body: { lenderCity: string; recordId: string; cardNumber: string; pickupBranchCode?: string; note?: string }): Observable<IllRequestView> {
    return this.tenant.post<IllRequestView>('/admin/ill/requests', body);
  }

  borrowerStep(id: string, step: BorrowerStep): Observable<IllRequestView> {
    return this.tenant.post<IllRequestView>(`/admin/ill/requests/${encodeURIComponent(id)}/${step}`, {});
  }

  /** A patron's ask (`asked`) declined here, with the reason the patron reads. */
  declineAsk(id: string, reason: string): Observable<IllRequestView> {
    return this.tenant.post<IllRequestView>(`/admin/ill/requests/${encodeURIComponent(id)}/decline`, { reason });
  }

  incoming(size = 200): Observable<IllPage<IncomingIllRequestView>> {
    return this.tenant.get<IllPage<IncomingIllRequestView>>('/admin/ill/incoming', { size });
  }

  accept(id: string, itemBarcode: string): Observable<IncomingIllRequestView> {
    return this.tenant.post<IncomingIllRequestView>(`/admin/ill/incoming/${encodeURIComponent(id)}/accept`, { itemBarcode });
  }

  decline(id: string, reason: string): Observable<IncomingIllRequestView> {
    return this.tenant.post<IncomingIllRequestView>(`/admin/ill/incoming/${encodeURIComponent(id)}/decline`, { reason });
  }

  lenderStep(id: string, step: LenderStep): Observable<IncomingIllRequestView> {
    return this.tenant.post<IncomingIllRequestView>(`/admin/ill/incoming/${encodeURIComponent(id)}/${step}`, {});
  }

  checkin(itemBarcode: string): Observable<IllCheckinAnswer> {
    return this.tenant.post<IllCheckinAnswer>('/admin/ill/checkins', { itemBarcode });
  }

  transits(size = 200): Observable<IllPage<IllTransitView>> {
    return this.tenant.get<IllPage<IllTransitView>>('/admin/ill/transits', { size });
  }

  transitDone(id: string): Observable<unknown> {
    return this.tenant.post(`/admin/ill/transits/${encodeURIComponent(id)}/done`, {});
  }

  regions(): Observable<CityRegion[]> {
    return this.tenant.get<CityRegion[]>('/regions');
  }

  /** The region's search over every member city (横断検索). */
  searchRegion(region: string, q: string): Observable<RegionalWork[]> {
    return this.api.get<{ works: RegionalWork[] }>(`/r/${encodeURIComponent(region)}/search`, { q, size: 20 }).pipe(map((r) => r.works));
  }
}
