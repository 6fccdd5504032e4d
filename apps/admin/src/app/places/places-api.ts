import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Branch, BranchDeletion, ClosedDay, HolidaysAdded, PickupPoint, PickupPointDeletion, PickupPointKind, PickupTimetableEntry, PlaceNote } from '@shiori/contracts';
import { TenantApi } from '../core/tenant-api';

/**
 * What `PATCH /admin/branches/{code}` may change: every field but the code. `null` clears
 * `nameEn`, `address`, `phone` and `hours`; `weeklyClosed: []` means no regular closing day.
 * The API checks `address` ≤ 200 characters, `phone` against {@link BRANCH_PHONE}, each
 * language of `hours` ≤ 500 (Japanese not blank) and `weeklyClosed` as distinct 0–6.
 */
export type BranchChanges = Partial<Omit<Branch, 'code'>>;

/** What `PATCH /admin/pickup-points/{code}` may change: every field but the code; `nameEn: null` and `note: null` clear them. */
export type PickupPointChanges = Partial<Omit<PickupPoint, 'code'>>;

/** Branches, pickup points and closed days (`/api/t/{slug}/admin/…`). */
@Injectable({ providedIn: 'root' })
export class PlacesApi {
  private readonly api = inject(TenantApi);

  createBranch(b: { code: string; name: string; nameEn?: string; isBookmobile?: boolean; askPickupPoint?: boolean }): Observable<Branch> {
    return this.api.post<Branch>('/admin/branches', b);
  }

  updateBranch(code: string, changes: BranchChanges): Observable<Branch> {
    return this.api.patch<Branch>(`/admin/branches/${encodeURIComponent(code)}`, changes);
  }

  /**
   * Refused (409 BRANCH_IN_USE, with `copies`, `openLoans`, `activeHolds`, `lastActiveBranch`)
   * while copies, open loans or holds use it, or when it is the last branch in use.
   */
  deleteBranch(code: string): Observable<BranchDeletion> {
    return this.api.delete<BranchDeletion>(`/admin/branches/${encodeURIComponent(code)}`);
  }

  createPickupPoint(p: { code: string; name: string; nameEn?: string; kind: PickupPointKind; branchCode: string; timetable?: PickupTimetableEntry[]; note?: PlaceNote | null }): Observable<PickupPoint> {
    return this.api.post<PickupPoint>('/admin/pickup-points', p);
  }

  updatePickupPoint(code: string, changes: PickupPointChanges): Observable<PickupPoint> {
    return this.api.patch<PickupPoint>(`/admin/pickup-points/${encodeURIComponent(code)}`, changes);
  }

  /** Refused (409 PICKUP_POINT_IN_USE, with how many) while holds still use it. */
  deletePickupPoint(code: string): Observable<PickupPointDeletion> {
    return this.api.delete<PickupPointDeletion>(`/admin/pickup-points/${encodeURIComponent(code)}`);
  }

  closedDays(from: string, to: string): Observable<ClosedDay[]> {
    return this.api.get<ClosedDay[]>('/admin/closed-days', { from, to });
  }

  addClosedDay(d: { date: string; branchCode?: string; reason?: string }): Observable<ClosedDay> {
    return this.api.post<ClosedDay>('/admin/closed-days', d);
  }

  removeClosedDay(id: string): Observable<void> {
    return this.api.delete<void>(`/admin/closed-days/${id}`);
  }

  /** Japanese national holidays of a year as closed days (all branches, or one). */
  addHolidays(year: number, branchCode?: string): Observable<HolidaysAdded> {
    return this.api.post('/admin/closed-days/holidays', { year, ...(branchCode ? { branchCode } : {}) });
  }
}
