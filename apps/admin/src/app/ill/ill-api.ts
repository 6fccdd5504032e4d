import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { Api } from '../core/api';
import type { MessageKey } from '../core/i18n';
import { TenantApi } from '../core/tenant-api';

export const ILL_STATUSES = [
  'asked',
  'requested',
  'accepted',
  'in-transit',
  'arrived',
  'on-loan',
  'returned',
  'in-transit-home',
  'back-on-shelf',
  'declined',
  'cancelled',
  'lost',
] as const;
export type IllStatus = (typeof ILL_STATUSES)[number];

/** The words librarians read for a status (依頼中 … 紛失). */
export const statusKey = (s: IllStatus): MessageKey => `ill.status.${s}` as MessageKey;

export interface City {
  slug: string;
  name: string;
}
export interface CourierDays {
  departs: string | null;
  arrives: string | null;
}

/** The borrowing city's request (`GET /admin/ill/requests`). */
export interface IllRequest {
  id: string;
  number: string;
  status: IllStatus;
  lenderCity: City;
  recordId: string;
  title: string;
  itemBarcode: string | null;
  patron: { id: string; cardNumber: string | null; name: string | null } | null;
  pickupBranchCode?: string | null;
  note: string | null;
  declineReason: string | null;
  dueDate: string | null;
  renewals: number;
  courier: CourierDays | null;
  createdAt: string;
}

/** The lending city's incoming request (`GET /admin/ill/incoming`): no patron card or contact. */
export interface IncomingRequest {
  id: string;
  number: string;
  status: IllStatus;
  borrowerCity: City;
  title: string;
  itemBarcode: string | null;
  patronName: string | null;
  note: string | null;
  declineReason: string | null;
  dueDate: string | null;
  courier: CourierDays | null;
  nextCourier?: CourierDays | null;
  createdAt: string;
}

/** A copy of another city returned here, waiting for the courier home (`GET /admin/ill/transits`). */
export interface IllTransit {
  id: string;
  status: IllStatus;
  ownerCity: City;
  title: string;
  itemBarcode: string | null;
  courier: CourierDays | null;
  createdAt: string;
}

export interface Page<T> {
  total: number;
  page: number;
  size: number;
  items: T[];
}

export interface CheckinAnswer {
  action: 'arrived' | 'returned' | 'back-on-shelf' | 'routed-home' | 'in-transit-home';
  request: { number?: string; title: string; status: IllStatus };
}

/** A region the library belongs to (`GET /api/t/{slug}/regions`). */
export interface CityRegion {
  code: string;
  name: string;
  nameEn: string | null;
}

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

  requests(size = 200): Observable<Page<IllRequest>> {
    return this.tenant.get<Page<IllRequest>>('/admin/ill/requests', { size });
  }

  create(body: { lenderCity: string; recordId: string; cardNumber: string; pickupBranchCode?: string; note?: string }): Observable<IllRequest> {
    return this.tenant.post<IllRequest>('/admin/ill/requests', body);
  }

  borrowerStep(id: string, step: BorrowerStep): Observable<IllRequest> {
    return this.tenant.post<IllRequest>(`/admin/ill/requests/${encodeURIComponent(id)}/${step}`, {});
  }

  /** A patron's ask (`asked`) declined here, with the reason the patron reads. */
  declineAsk(id: string, reason: string): Observable<IllRequest> {
    return this.tenant.post<IllRequest>(`/admin/ill/requests/${encodeURIComponent(id)}/decline`, { reason });
  }

  incoming(size = 200): Observable<Page<IncomingRequest>> {
    return this.tenant.get<Page<IncomingRequest>>('/admin/ill/incoming', { size });
  }

  accept(id: string, itemBarcode: string): Observable<IncomingRequest> {
    return this.tenant.post<IncomingRequest>(`/admin/ill/incoming/${encodeURIComponent(id)}/accept`, { itemBarcode });
  }

  decline(id: string, reason: string): Observable<IncomingRequest> {
    return this.tenant.post<IncomingRequest>(`/admin/ill/incoming/${encodeURIComponent(id)}/decline`, { reason });
  }

  lenderStep(id: string, step: LenderStep): Observable<IncomingRequest> {
    return this.tenant.post<IncomingRequest>(`/admin/ill/incoming/${encodeURIComponent(id)}/${step}`, {});
  }

  checkin(itemBarcode: string): Observable<CheckinAnswer> {
    return this.tenant.post<CheckinAnswer>('/admin/ill/checkins', { itemBarcode });
  }

  transits(size = 200): Observable<Page<IllTransit>> {
    return this.tenant.get<Page<IllTransit>>('/admin/ill/transits', { size });
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
