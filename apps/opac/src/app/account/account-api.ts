import { inject, Injectable } from '@angular/core';
import type { HoldStatus } from '@shiori/policy';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { Localized } from '../core/i18n';

/** `renewable` of a loan, decided by the policy before the patron asks (延長不可 with its reason). */
export interface Renewable {
  ok: boolean;
  code?: string;
  newDueDate?: string;
}

/** `GET /me/loans` */
export interface Loan {
  id: string;
  itemBarcode: string;
  recordId: string;
  title: string;
  volume?: string | null;
  loanDate: string;
  dueDate: string;
  overdue: boolean;
  /** reserved by another patron (予約有) */
  hasHolds: boolean;
  renewals: number;
  ill?: boolean;
  branchCode?: string;
  materialType?: string;
  renewable: Renewable;
  /** An ILL loan (相互貸借): the copy of another city, lent on this request (its id is the request's). */
  illRequest?: { number: string; lenderCity: { slug: string; name: string } };
}

/** `GET /me/holds` */
export interface Hold {
  id: string;
  recordId: string;
  title: string;
  volume?: string | null;
  status: HoldStatus;
  statusLabel?: Localized;
  queuePosition: number | null;
  pickupPointCode: string;
  pickupPointName?: string;
  contact: string;
  placedVia?: 'web' | 'counter' | 'request';
  placedAt: string;
  readyAt?: string;
  /** last day on the hold shelf (取置期限) */
  expiresAt?: string;
  /** a ready hold for a bookmobile station: the visit it is handed out at first */
  pickupStop?: { date: string; start: string; end: string; place: string };
  /** The hold locker room's shelf (予約取置室, Kushiro) while the hold is ready there. */
  shelfNumber?: number;
  cancelledAt?: string;
  cancellable: boolean;
  pickupChangeable?: boolean;
  postponable?: boolean;
  suspendedUntil?: string;
  ordered?: { group: string; position: number };
}

export interface PlaceHolds {
  recordIds: string[];
  pickupPointCode: string;
  contact: string;
  ordered?: boolean;
  emailConfirmation?: boolean;
}

/** The signed-in patron's loans, holds and settings. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(Api);
  private path(p: string) {
    return this.api.tenantPath('/me' + p);
  }

  loans(): Observable<Loan[]> {
    return this.api.get(this.path('/loans'));
  }
  renew(id: string): Observable<Loan> {
    return this.api.post(this.path(`/loans/${id}/renew`));
  }

  holds(): Observable<Hold[]> {
    return this.api.get(this.path('/holds'));
  }
  placeHolds(body: PlaceHolds): Observable<Hold[]> {
    return this.api.post(this.path('/holds'), body);
  }
  cancelHold(id: string): Observable<Hold> {
    return this.api.delete(this.path(`/holds/${id}`));
  }
  updateHold(id: string, patch: { pickupPointCode?: string; suspendedUntil?: string | null }): Observable<Hold> {
    return this.api.patch(this.path(`/holds/${id}`), patch);
  }

  setEmail(email: string, applyToExistingHolds?: boolean): Observable<{ email: string | null; pendingEmail?: string; confirmationRequired: boolean }> {
    return this.api.put(this.path('/email'), { email, ...(applyToExistingHolds !== undefined ? { applyToExistingHolds } : {}) });
  }
  deleteEmail(): Observable<void> {
    return this.api.delete(this.path('/email'));
  }
  settings(body: { remindersOptIn?: boolean; nickname?: string }): Observable<unknown> {
    return this.api.patch(this.path('/settings'), body);
  }
}
