import { inject, Injectable } from '@angular/core';
import type { PlatformAuditPage, PlatformAuditQuery, PresetSummary } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { Api } from '../core/api';

export type TenantStatus = 'active' | 'suspended';

/** A row of `GET /api/platform/tenants`: the tenant and its key figures. */
export interface TenantSummary {
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: string;
  patrons: number;
  records: number;
  loansToday: number;
}

/** `POST /api/platform/tenants` and `PATCH …/{slug}` answer the tenant row. */
export interface Tenant {
  id?: string;
  slug: string;
  name: string;
  status: TenantStatus;
  preset?: string;
  createdAt: string;
  /** The city's own public address for the links in its mail; null = the service's (PUBLIC_URL). */
  publicUrl?: string | null;
  /** Where the links in its mail lead now (`GET` and `PATCH …/{slug}`). */
  opacPublicUrl?: string;
}

/**
 * A staff account as the management screens see it (`GET /api/platform/tenants/{slug}/staff`,
 * `GET /api/platform/admins`); a librarian belongs to one tenant, a platform admin to none.
 */
export interface StaffAccount {
  id: string;
  username: string;
  role: 'librarian' | 'platform-admin';
  tenantId?: string | null;
  displayName: string | null;
  lastLoginAt?: string | null;
  disabled?: boolean;
  disabledAt?: string | null;
  /** Set while a lockout after repeated failed sign-ins is in force. */
  lockedUntil?: string | null;
  failedLogins?: number;
  /** A temporary password was issued and not yet changed. */
  mustChangePassword?: boolean;
}

/** `PATCH /api/platform/staff/{id}`: at least one field. */
export interface StaffChange {
  displayName?: string | null;
  disabled?: boolean;
}

/** `POST /api/platform/staff/{id}/reset-password` and `POST /api/platform/admins`: the temporary password, shown once. */
export interface StaffPasswordReset {
  temporaryPassword: string;
  mustChangePassword: boolean;
  staff: StaffAccount;
}

/** `POST /api/platform/admins`: the platform admin to create (the API generates a temporary password). */
export interface NewPlatformAdmin {
  username: string;
  displayName?: string;
}

export interface NewStaff {
  username: string;
  password: string;
  role: 'librarian';
  displayName?: string;
}

/** `GET /api/platform/health`: the database, each library's migrations and mail, recent job runs. */
export interface PlatformHealth {
  database: string;
  tenants: {
    slug: string;
    name: string;
    status: TenantStatus;
    pendingMigrations: string[];
    outbox: { pending: number; failed: number; sentToday: number };
  }[];
  jobRuns: {
    id: number | string;
    job: string;
    period: string;
    instance: string | null;
    status: 'running' | 'done' | 'failed' | 'skipped';
    startedAt: string;
    finishedAt: string | null;
    detail: unknown;
  }[];
}

/**
 * `GET /api/platform/cluster`: the database servers and the libraries on each. On Citus a
 * coordinator (it routes, holds the registry) and workers (each library lives whole on one);
 * on plain PostgreSQL one `single` server with every library.
 */
export interface ClusterView {
  citus: boolean;
  nodes: {
    id: number;
    host: string;
    port: number;
    role: 'coordinator' | 'worker' | 'single';
    active: boolean;
    cities: { slug: string; name: string; status: TenantStatus; bytes: number | null }[];
  }[];
}

export const NOTICE_JOBS = ['due-reminders', 'overdue-notices', 'new-arrival-alerts', 'card-expiry-reminders'] as const;
export type NoticeJob = (typeof NOTICE_JOBS)[number];

export interface NewTenant {
  slug: string;
  name: string;
  preset?: string;
}

/** The regional admin's part of the API (`/api/platform/…`). */
@Injectable({ providedIn: 'root' })
export class TenantsApi {
  private readonly api = inject(Api);

  list(): Observable<TenantSummary[]> {
    return this.api.get<TenantSummary[]>('/platform/tenants');
  }

  presets(): Observable<PresetSummary[]> {
    return this.api.get<PresetSummary[]>('/platform/presets');
  }

  create(tenant: NewTenant): Observable<Tenant> {
    return this.api.post<Tenant>('/platform/tenants', tenant);
  }

  setStatus(slug: string, status: TenantStatus): Observable<Tenant> {
    return this.api.patch<Tenant>(`/platform/tenants/${encodeURIComponent(slug)}`, { status });
  }

  /** The city's own public address for links in its mail; null goes back to the service's. */
  setPublicUrl(slug: string, publicUrl: string | null): Observable<Tenant> {
    return this.api.patch<Tenant>(`/platform/tenants/${encodeURIComponent(slug)}`, { publicUrl });
  }

  /** One tenant; 404 TENANT_NOT_FOUND when there is none (the live slug check relies on it). */
  get(slug: string): Observable<Tenant> {
    return this.api.get<Tenant>(`/platform/tenants/${encodeURIComponent(slug)}`);
  }

  staff(slug: string): Observable<StaffAccount[]> {
    return this.api.get<StaffAccount[]>(`/platform/tenants/${encodeURIComponent(slug)}/staff`);
  }

  createStaff(slug: string, staff: NewStaff): Observable<StaffAccount> {
    return this.api.post<StaffAccount>(`/platform/tenants/${encodeURIComponent(slug)}/staff`, staff);
  }

  /** The platform admins (広域管理者), in the same shape as a library's staff. */
  admins(): Observable<StaffAccount[]> {
    return this.api.get<StaffAccount[]>('/platform/admins');
  }

  /** A further platform admin: the account and its temporary password (shown once). */
  createAdmin(admin: NewPlatformAdmin): Observable<StaffPasswordReset> {
    return this.api.post<StaffPasswordReset>('/platform/admins', admin);
  }

  /** The platform audit log, newest first; empty filters are left out. */
  audit(q: PlatformAuditQuery): Observable<PlatformAuditPage> {
    return this.api.get<PlatformAuditPage>('/platform/audit', {
      page: q.page,
      size: q.size,
      action: q.action || undefined,
      actor: q.actor || undefined,
      from: q.from || undefined,
      to: q.to || undefined,
    });
  }

  updateStaff(id: string, change: StaffChange): Observable<StaffAccount> {
    return this.api.patch<StaffAccount>(`/platform/staff/${encodeURIComponent(id)}`, change);
  }

  resetStaffPassword(id: string): Observable<StaffPasswordReset> {
    return this.api.post<StaffPasswordReset>(`/platform/staff/${encodeURIComponent(id)}/reset-password`, {});
  }

  unlockStaff(id: string): Observable<StaffAccount> {
    return this.api.post<StaffAccount>(`/platform/staff/${encodeURIComponent(id)}/unlock`, {});
  }

  platformHealth(): Observable<PlatformHealth> {
    return this.api.get<PlatformHealth>('/platform/health');
  }

  cluster(): Observable<ClusterView> {
    return this.api.get<ClusterView>('/platform/cluster');
  }

  health(): Observable<{ status: string }> {
    return this.api.get<{ status: string }>('/health');
  }

  /** Runs a notice job now for every library (each job sends once per library day). */
  runJob(name: NoticeJob): Observable<{ status?: string }> {
    return this.api.post<{ status?: string }>(`/platform/jobs/${encodeURIComponent(name)}/run`, {});
  }
}
