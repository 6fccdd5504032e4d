import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

export interface Statistics {
  months: number;
  totals: { patrons: number; records: number; items: number; openLoans: number; activeHolds: number };
  loansPerMonth: { month: string; value: number }[];
  loansPerBranch: { branchCode: string; name: string; loans: number }[];
  holdsByStatus: { status: string; holds: number }[];
  newPatronsPerMonth: { month: string; value: number }[];
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorKind: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  total: number;
  page: number;
  size: number;
  items: AuditEntry[];
}

export interface NewsItem {
  id: string;
  kind: 'news' | 'event';
  title: string;
  body: string;
  eventDate: string | null;
  branchCode: string | null;
  publishedAt: string;
}

export interface NewsInput {
  kind: 'news' | 'event';
  title: string;
  body?: string;
  eventDate?: string;
  branchCode?: string;
}

/** Statistics, the audit log and library news (`/api/t/{slug}/admin/statistics|audit|news`). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(TenantApi);

  statistics(months: number): Observable<Statistics> {
    return this.api.get<Statistics>('/admin/statistics', { months });
  }

  audit(q: { page: number; size: number; action?: string; entity?: string; entityId?: string }): Observable<AuditPage> {
    return this.api.get<AuditPage>('/admin/audit', { page: q.page, size: q.size, action: q.action || undefined, entity: q.entity || undefined, entityId: q.entityId || undefined });
  }

  /**
   * The public list the OPAC shows: latest news and the coming events. It is served with
   * `Cache-Control: max-age=60`; a fresh query string keeps an edit from showing the old list.
   */
  news(): Observable<{ news: NewsItem[]; events: NewsItem[] }> {
    return this.api.get('/news', { fresh: Date.now() });
  }

  createNews(item: NewsInput): Observable<NewsItem> {
    return this.api.post<NewsItem>('/admin/news', item);
  }

  updateNews(id: string, item: NewsInput): Observable<NewsItem> {
    return this.api.put<NewsItem>(`/admin/news/${encodeURIComponent(id)}`, item);
  }

  deleteNews(id: string): Observable<void> {
    return this.api.delete<void>(`/admin/news/${encodeURIComponent(id)}`);
  }
}
