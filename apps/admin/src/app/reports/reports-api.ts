import { inject, Injectable } from '@angular/core';
import type { AuditPage, AuditQuery, NewsInput, NewsItem, NewsList, Statistics } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** Statistics, the audit log and library news (`/api/t/{slug}/admin/statistics|audit|news`). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(TenantApi);

  statistics(months: number): Observable<Statistics> {
    return this.api.get<Statistics>('/admin/statistics', { months });
  }

  audit(q: AuditQuery): Observable<AuditPage> {
    return this.api.get<AuditPage>('/admin/audit', { page: q.page, size: q.size, action: q.action || undefined, entity: q.entity || undefined, entityId: q.entityId || undefined });
  }

  /**
   * The public list the OPAC shows: latest news and the coming events. It is served with
   * `Cache-Control: max-age=60`; a fresh query string keeps an edit from showing the old list.
   */
  news(): Observable<NewsList> {
    return this.api.get<NewsList>('/news', { fresh: Date.now() });
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
