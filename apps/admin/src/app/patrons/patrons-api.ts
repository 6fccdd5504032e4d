import { inject, Injectable } from '@angular/core';
import type { PatronLoanView, StaffHoldView, StaffPatronView, TemporaryPassword } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

export interface NewPatron {
  cardNumber: string;
  name: string;
  nameKana: string;
  birthDate?: string;
  phone?: string;
  email?: string;
  category?: string;
  expiresAt?: string;
}

export type PatronChanges = Partial<Omit<NewPatron, 'cardNumber'>>;

/** Librarians' side of patrons (`/api/t/{slug}/admin/patrons…`). */
@Injectable({ providedIn: 'root' })
export class PatronsApi {
  private readonly api = inject(TenantApi);

  /** By card number (as typed) or by name or katakana reading. */
  search(q: string): Observable<StaffPatronView[]> {
    return this.api.get<StaffPatronView[]>('/admin/patrons', { q });
  }

  get(id: string): Observable<StaffPatronView> {
    return this.api.get<StaffPatronView>(`/admin/patrons/${encodeURIComponent(id)}`);
  }

  create(p: NewPatron): Observable<StaffPatronView> {
    return this.api.post<StaffPatronView>('/admin/patrons', p);
  }

  update(id: string, changes: PatronChanges): Observable<StaffPatronView> {
    return this.api.patch<StaffPatronView>(`/admin/patrons/${encodeURIComponent(id)}`, changes);
  }

  renewCard(id: string): Observable<StaffPatronView> {
    return this.api.post<StaffPatronView>(`/admin/patrons/${encodeURIComponent(id)}/renew-card`, {});
  }

  setBlocked(id: string, blocked: boolean, reason?: string): Observable<StaffPatronView> {
    return this.api.post<StaffPatronView>(`/admin/patrons/${encodeURIComponent(id)}/block`, { blocked, ...(reason ? { reason } : {}) });
  }

  temporaryPassword(id: string): Observable<TemporaryPassword> {
    return this.api.post(`/admin/patrons/${encodeURIComponent(id)}/temporary-password`, {});
  }

  loans(id: string): Observable<PatronLoanView[]> {
    return this.api.get<PatronLoanView[]>(`/admin/patrons/${encodeURIComponent(id)}/loans`);
  }

  holds(id: string): Observable<StaffHoldView[]> {
    return this.api.get<StaffHoldView[]>(`/admin/patrons/${encodeURIComponent(id)}/holds`);
  }
}
