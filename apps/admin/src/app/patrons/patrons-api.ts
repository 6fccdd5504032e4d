import { inject, Injectable } from '@angular/core';
import type { PatronLoanView, StaffHoldView } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** A patron as the API shows it to staff (never the password). */
export interface Patron {
  id: string;
  cardNumber: string;
  name: string;
  nameKana: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  category: string;
  expiresAt: string | null;
  status: 'active' | 'blocked';
  blockedReason?: string | null;
  mustChangePassword: boolean;
  hasPassword: boolean;
  lastLoginAt: string | null;
  lastUseAt?: string | null;
  remindersOptIn?: boolean;
  createdAt?: string;
}

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
  search(q: string): Observable<Patron[]> {
    return this.api.get<Patron[]>('/admin/patrons', { q });
  }

  get(id: string): Observable<Patron> {
    return this.api.get<Patron>(`/admin/patrons/${encodeURIComponent(id)}`);
  }

  create(p: NewPatron): Observable<Patron> {
    return this.api.post<Patron>('/admin/patrons', p);
  }

  update(id: string, changes: PatronChanges): Observable<Patron> {
    return this.api.patch<Patron>(`/admin/patrons/${encodeURIComponent(id)}`, changes);
  }

  renewCard(id: string): Observable<Patron> {
    return this.api.post<Patron>(`/admin/patrons/${encodeURIComponent(id)}/renew-card`, {});
  }

  setBlocked(id: string, blocked: boolean, reason?: string): Observable<Patron> {
    return this.api.post<Patron>(`/admin/patrons/${encodeURIComponent(id)}/block`, { blocked, ...(reason ? { reason } : {}) });
  }

  temporaryPassword(id: string): Observable<{ temporaryPassword: string; mustChangePassword: boolean }> {
    return this.api.post(`/admin/patrons/${encodeURIComponent(id)}/temporary-password`, {});
  }

  loans(id: string): Observable<PatronLoanView[]> {
    return this.api.get<PatronLoanView[]>(`/admin/patrons/${encodeURIComponent(id)}/loans`);
  }

  holds(id: string): Observable<StaffHoldView[]> {
    return this.api.get<StaffHoldView[]>(`/admin/patrons/${encodeURIComponent(id)}/holds`);
  }
}
