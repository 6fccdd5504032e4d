import { inject, Injectable } from '@angular/core';
import type { NoticePreview, NoticeTemplate, NoticeTemplateDraft, NoticeTemplateInput, OutboxMessageDetail, OutboxPage, OutboxQuery } from '@shiori/contracts';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/** Notice templates and the outbox (`/api/t/{slug}/admin/notices/…`). */
@Injectable({ providedIn: 'root' })
export class NoticesApi {
  private readonly api = inject(TenantApi);

  templates(): Observable<NoticeTemplate[]> {
    return this.api.get<NoticeTemplate[]>('/admin/notices/templates');
  }

  /** 422 TEMPLATE_INVALID with `errors[{path:'subject'|'body', line, message}]` when it would not render. */
  save(kind: string, lang: string, text: NoticeTemplateInput): Observable<NoticeTemplate> {
    return this.api.put<NoticeTemplate>(`/admin/notices/templates/${kind}/${lang}`, text);
  }

  reset(kind: string, lang: string): Observable<void> {
    return this.api.delete<void>(`/admin/notices/templates/${kind}/${lang}`);
  }

  preview(kind: string, lang: string, draft: NoticeTemplateDraft): Observable<NoticePreview> {
    return this.api.post<NoticePreview>(`/admin/notices/templates/${kind}/${lang}/preview`, draft);
  }

  /** Null: any status or kind. */
  outbox(q: { [K in keyof OutboxQuery]?: OutboxQuery[K] | null }): Observable<OutboxPage> {
    return this.api.get<OutboxPage>('/admin/notices/outbox', { status: q.status ?? undefined, kind: q.kind ?? undefined, page: q.page, size: q.size });
  }

  message(id: string): Observable<OutboxMessageDetail> {
    return this.api.get<OutboxMessageDetail>(`/admin/notices/outbox/${encodeURIComponent(id)}`);
  }

  retry(id: string): Observable<OutboxMessageDetail> {
    return this.api.post<OutboxMessageDetail>(`/admin/notices/outbox/${encodeURIComponent(id)}/retry`, {});
  }
}
