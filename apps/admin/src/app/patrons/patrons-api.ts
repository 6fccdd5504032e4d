import { inject, Injectable } from '@angular/core';
import { HoldStatus } from '@shiori/policy';
import { Observable } from 'rxjs';
import { Localized } from '../core/i18n';
import { TenantApi } from '../core/tenant-api';
import { Loan } from '../desk/desk-api';

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

/** A loan in the patron's list, with the counter renewal decided in advance. */
export interface PatronLoan extends Loan {
  hasHolds: boolean;
  renewable: { ok: boolean; code?: string; newDueDate?: string };
  /** An ILL loan (相互貸借): another city's copy, lent here on this request (renewed at the desk by its barcode). */
  illRequest?: { number: string; lenderCity: { slug: string; name: string } };
}

export interface PatronHold {
  id: string;
  recordId: string;
  title: string;
  volume: string | null;
  status: HoldStatus;
  statusLabel: Localized;
  queuePosition: number | null;
  pickupPointCode: string;
  pickupPointName: string;
  contact: string;
  placedVia: 'web' | 'counter' | 'request';
  placedAt: string;
  readyAt?: string;
  expiresAt?: string;
  cancelledAt?: string;
  itemBarcode?: string;
  /** Staff view: who placed it (the librarian's user name for counter holds), a limit override, the desk's note. */
  placedBy?: 'patron' | 'staff';
  placedByStaff?: string | null;
  limitOverride?: boolean;
  note?: string | null;
}

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

  loans(id: string): Observable<PatronLoan[]> {
    return this.api.get<PatronLoan[]>(`/admin/patrons/${encodeURIComponent(id)}/loans`);
  }

  holds(id: string): Observable<PatronHold[]> {
    return this.api.get<PatronHold[]>(`/admin/patrons/${encodeURIComponent(id)}/holds`);
  }
}
