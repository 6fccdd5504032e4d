import { inject, Injectable } from '@angular/core';
import type {
  BookmobileDay,
  CheckinResult,
  CheckoutResult,
  DeskHoldView,
  HoldView,
  HoldShelfEntry,
  LoanView,
  PullListEntry,
  ShelfExpiryResult,
  TransitReceipt,
} from '@shiori/contracts';
import { map, Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** A city whose residents borrow here on their home card. */
export interface HomeCardCity {
  slug: string;
  name: string;
}

/** What the desk reads of an agreement (`GET /admin/agreements`). */
interface HomeCardAgreement {
  homeCity: { slug: string; name: string };
  hostCity: { slug: string } | null;
  terms: { card: string };
}

/** `POST /desk/holds`: a hold taken for a patron at the counter (by card as typed, or by id). */
export interface DeskHoldRequest {
  patronCard?: string;
  patronId?: string;
  recordId: string;
  /** Pickup point code; without it the API places by libs/policy defaultPickupPoint (the patron's last used point while offered, else the first branch's counter). */
  pickupPoint?: string;
  contact?: string;
  emailConfirmation?: boolean;
  note?: string;
  /** Beyond the patron's hold limit (the API refuses HOLD_LIMIT otherwise); recorded and audited. */
  override?: boolean;
}

/**
 * The circulation desk's part of the API (`/api/t/{slug}/desk/…`). The answers' shapes are the
 * API's own, from libs/contracts (`@shiori/contracts`): a field renamed there fails this build.
 */
@Injectable({ providedIn: 'root' })
export class DeskApi {
  private readonly api = inject(TenantApi);

  /**
   * On the bus, `stationCode` makes the loan due on one of the station's visits. `homeCity`: a
   * visitor of another city lent on the home card (広域利用), `cardNumber` being that card.
   */
  checkout(cardNumber: string, itemBarcode: string, branchCode?: string | null, stationCode?: string | null, homeCity?: string | null): Observable<CheckoutResult> {
    return this.api.post<CheckoutResult>('/desk/checkouts', {
      cardNumber,
      itemBarcode,
      ...(stationCode ? { stationCode } : branchCode ? { branchCode } : {}),
      ...(homeCity ? { homeCity } : {}),
    });
  }

  /**
   * The cities whose residents this library lends to on their home card (広域利用 agreements
   * with 「住んでいる市の利用カード」: the city's own, or a region's this library is a member of).
   */
  homeCardCities(): Observable<HomeCardCity[]> {
    const here = this.api.slug();
    return this.api.get<HomeCardAgreement[]>('/admin/agreements').pipe(
      map((list) => {
        const lends = (a: HomeCardAgreement) => (a.hostCity ? a.hostCity.slug === here : a.homeCity.slug !== here);
        // the pair's own agreement wins over a region's (as the API decides)
        const chosen = new Map<string, HomeCardAgreement>();
        for (const a of list.filter(lends).sort((x, y) => Number(!x.hostCity) - Number(!y.hostCity))) if (!chosen.has(a.homeCity.slug)) chosen.set(a.homeCity.slug, a);
        return [...chosen.values()].filter((a) => a.terms.card === 'home-card').map((a) => ({ slug: a.homeCity.slug, name: a.homeCity.name }));
      }),
    );
  }

  checkin(itemBarcode: string, branchCode?: string | null, stationCode?: string | null): Observable<CheckinResult> {
    return this.api.post<CheckinResult>('/desk/checkins', { itemBarcode, ...(stationCode ? { stationCode } : branchCode ? { branchCode } : {}) });
  }

  receiveTransit(itemBarcode: string, branchCode: string): Observable<TransitReceipt> {
    return this.api.post<TransitReceipt>('/desk/transits/receive', { itemBarcode, branchCode });
  }

  renew(itemBarcode: string, channel: 'counter' | 'phone'): Observable<LoanView> {
    return this.api.post<LoanView>('/desk/renewals', { itemBarcode, channel });
  }

  holdShelf(branchCode?: string | null): Observable<HoldShelfEntry[]> {
    return this.api.get<HoldShelfEntry[]>('/desk/hold-shelf', { branchCode: branchCode || undefined });
  }

  clearExpired(): Observable<ShelfExpiryResult> {
    return this.api.post<ShelfExpiryResult>('/desk/hold-shelf/clear-expired', {});
  }

  pullList(branchCode?: string | null): Observable<PullListEntry[]> {
    return this.api.get<PullListEntry[]>('/desk/pull-list', { branchCode: branchCode || undefined });
  }

  placeHold(body: DeskHoldRequest): Observable<DeskHoldView> {
    return this.api.post<DeskHoldView>('/desk/holds', body);
  }

  cancelHold(holdId: string, reason?: string): Observable<HoldView> {
    return this.api.post<HoldView>(`/desk/holds/${encodeURIComponent(holdId)}/cancel`, reason ? { reason } : {});
  }

  /** 本日の巡回: the bus's stops of a day with the holds to hand out and the copies to load. */
  bookmobileToday(date?: string): Observable<BookmobileDay> {
    return this.api.get<BookmobileDay>('/desk/bookmobile/today', { date: date || undefined });
  }
}
