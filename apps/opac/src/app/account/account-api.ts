import { inject, Injectable } from '@angular/core';
import type { EmailChange, EmailChangeRequest, HoldView, LoanView, PatronLoanView, PatronSettingsRequest, PatronSummary } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { Api } from '../core/api';

export interface PlaceHolds {
  recordIds: string[];
  pickupPointCode: string;
  contact: string;
  ordered?: boolean;
  emailConfirmation?: boolean;
}

/**
 * The signed-in patron's loans, holds and settings. The answers' shapes are the API's own, from
 * libs/contracts (`@shiori/contracts`): a field renamed there fails this build.
 */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly api = inject(Api);
  private path(p: string) {
    return this.api.tenantPath('/me' + p);
  }

  loans(): Observable<PatronLoanView[]> {
    return this.api.get(this.path('/loans'));
  }
  renew(id: string): Observable<LoanView> {
    return this.api.post(this.path(`/loans/${id}/renew`));
  }

  holds(): Observable<HoldView[]> {
    return this.api.get(this.path('/holds'));
  }
  placeHolds(body: PlaceHolds): Observable<HoldView[]> {
    return this.api.post(this.path('/holds'), body);
  }
  cancelHold(id: string): Observable<HoldView> {
    return this.api.delete(this.path(`/holds/${id}`));
  }
  updateHold(id: string, patch: { pickupPointCode?: string; suspendedUntil?: string | null }): Observable<HoldView> {
    return this.api.patch(this.path(`/holds/${id}`), patch);
  }

  setEmail(email: string, applyToExistingHolds?: boolean): Observable<EmailChange> {
    return this.api.put(this.path('/email'), { email, ...(applyToExistingHolds !== undefined ? { applyToExistingHolds } : {}) } satisfies EmailChangeRequest);
  }
  deleteEmail(): Observable<void> {
    return this.api.delete(this.path('/email'));
  }
  settings(body: PatronSettingsRequest): Observable<PatronSummary> {
    return this.api.patch(this.path('/settings'), body);
  }
}
