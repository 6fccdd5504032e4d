import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { Localized } from '../core/i18n';
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
  /** Lent on an expired card (the counter serves one): remind the patron to renew it. */
  cardExpired?: true;
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
  /** The hold locker room's shelf to put the copy on (予約取置室). */
  shelfNumber?: number;
}

export interface CheckinResult {
  loan?: Loan;
  trappedHold?: TrappedHold;
  item: { barcode: string; status: string; branchCode: string };
  /** The copy was not on loan (scanned twice, or already returned): the API's words, with a stable code. */
  notice?: { code: 'ALREADY_CHECKED_IN'; message: Localized };
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
  /** Taken on an expired card (the counter serves one). */
  cardExpired?: true;
}

/** The circulation desk's part of the API (`/api/t/{slug}/desk/…`). */
@Injectable({ providedIn: 'root' })
export class DeskApi {
  private readonly api = inject(TenantApi);

  /**
   * On the bus, `stationCode` makes the loan due on one of the station's visits. `homeCity`: a
   * visitor of another city lent on the home card (広域利用), `cardNumber` being that card.
   */
  checkout(cardNumber: string, itemBarcode: string, branchCode?: string | null, stationCode?: string | null, homeCity?: string | null): Observable<Loan> {
    return this.api.post<Loan>('/desk/checkouts', {
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

  /** 本日の巡回: the bus's stops of a day with the holds to hand out and the copies to load. */
  bookmobileToday(date?: string): Observable<BookmobileDay> {
    return this.api.get<BookmobileDay>('/desk/bookmobile/today', { date: date || undefined });
  }
}

/** A station hold the bus carries: to hand out at the stop (ready), or to load before leaving. */
export interface StationHold {
  holdId: string;
  status: 'in-transit' | 'ready';
  itemBarcode: string;
  itemBranchCode: string;
  title: string;
  volume: string | null;
  cardNumber: string;
  patronName: string;
  pickupFrom: string | null;
  lastDay: string | null;
}

export interface BookmobileDay {
  date: string;
  buses: {
    code: string;
    name: string;
    nameEn: string | null;
    stops: { stationCode: string; stationName: string; stationNameEn: string | null; start: string; end: string; place: string; note: string; handOut: StationHold[]; load: StationHold[] }[];
  }[];
}
