import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** A loan as the desk sees it (`POST /desk/checkouts`, `/desk/renewals`, check-in `loan`). */
export interface Loan {
  id: string;
  itemBarcode: string;
  recordId: string;
  title: string;
  volume: string | null;
  patron: { id: string; cardNumber: string; name: string };
  loanDate: string;
  dueDate: string;
  overdue: boolean;
  renewals: number;
  ill: boolean;
  branchCode: string;
  materialType: string;
  /** Set when the loan fulfilled the patron's own hold. */
  collectedHoldId?: string;
}

/** The hold a returned or received copy was trapped for: the slip's content. */
export interface TrappedHold {
  holdId: string;
  pickupPointCode: string;
  pickupPointName: string;
  pickupBranchCode: string;
  status: 'in-transit' | 'ready';
  patron: { cardNumber: string; name: string };
  title: string;
  itemBarcode: string;
  lastDay?: string;
}

export interface CheckinResult {
  loan?: Loan;
  trappedHold?: TrappedHold;
  item: { barcode: string; status: string; branchCode: string };
}

export interface HoldShelfEntry {
  holdId: string;
  itemBarcode: string;
  title: string;
  volume: string | null;
  patron: { id: string; cardNumber: string; name: string };
  pickupPointCode: string;
  pickupPointName: string;
  branchCode: string;
  readyAt: string;
  lastDay: string;
  expired: boolean;
}

export interface PullListEntry {
  reason: 'allocated' | 'wanted';
  itemBarcode: string;
  branchCode: string;
  shelfLocation: string | null;
  recordId: string;
  title: string;
  volume: string | null;
  holdId?: string;
  pickupPointCode?: string;
  pickupBranchCode?: string;
}

/** `POST /desk/holds`: a hold taken for a patron at the counter (by card as typed, or by id). */
export interface DeskHoldRequest {
  patronCard?: string;
  patronId?: string;
  recordId: string;
  /** Pickup point code; the API defaults to the patron's usual one. */
  pickupPoint?: string;
  contact?: string;
  emailConfirmation?: boolean;
  note?: string;
  /** Beyond the patron's hold limit (the API refuses HOLD_LIMIT otherwise); recorded and audited. */
  override?: boolean;
}

/** The hold the desk just took. */
export interface DeskHold {
  id: string;
  recordId: string;
  title: string;
  volume: string | null;
  status: string;
  queuePosition: number | null;
  pickupPointCode: string;
  pickupPointName: string;
  contact: string;
  placedVia: 'counter';
  placedBy: 'staff';
  patron: { id: string; cardNumber: string; name: string };
  limitOverridden: boolean;
  note: string | null;
  noticeQueued: boolean;
}

/** The circulation desk's part of the API (`/api/t/{slug}/desk/…`). */
@Injectable({ providedIn: 'root' })
export class DeskApi {
  private readonly api = inject(TenantApi);

  checkout(cardNumber: string, itemBarcode: string, branchCode?: string | null): Observable<Loan> {
    return this.api.post<Loan>('/desk/checkouts', { cardNumber, itemBarcode, ...(branchCode ? { branchCode } : {}) });
  }

  checkin(itemBarcode: string, branchCode?: string | null): Observable<CheckinResult> {
    return this.api.post<CheckinResult>('/desk/checkins', { itemBarcode, ...(branchCode ? { branchCode } : {}) });
  }

  receiveTransit(itemBarcode: string, branchCode: string): Observable<{ trappedHold: TrappedHold | null; item: { barcode: string; status: string } }> {
    return this.api.post('/desk/transits/receive', { itemBarcode, branchCode });
  }

  renew(itemBarcode: string, channel: 'counter' | 'phone'): Observable<Loan> {
    return this.api.post<Loan>('/desk/renewals', { itemBarcode, channel });
  }

  holdShelf(branchCode?: string | null): Observable<HoldShelfEntry[]> {
    return this.api.get<HoldShelfEntry[]>('/desk/hold-shelf', { branchCode: branchCode || undefined });
  }

  clearExpired(): Observable<{ expired: string[]; passedOn: TrappedHold[] }> {
    return this.api.post('/desk/hold-shelf/clear-expired', {});
  }

  pullList(branchCode?: string | null): Observable<PullListEntry[]> {
    return this.api.get<PullListEntry[]>('/desk/pull-list', { branchCode: branchCode || undefined });
  }

  placeHold(body: DeskHoldRequest): Observable<DeskHold> {
    return this.api.post<DeskHold>('/desk/holds', body);
  }

  cancelHold(holdId: string, reason?: string): Observable<unknown> {
    return this.api.post(`/desk/holds/${encodeURIComponent(holdId)}/cancel`, reason ? { reason } : {});
  }
}
