import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Localized } from '../core/i18n';
import { TenantApi } from '../core/tenant-api';

export const NOTICE_KINDS = [
  'password-reset',
  'email-confirm',
  'email-changed',
  'password-confirm',
  'hold-received',
  'hold-ready',
  'hold-expired',
  'hold-cancelled',
  'due-reminder',
  'overdue',
  'new-arrivals',
  'card-expiry',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NoticeLang = 'ja' | 'en';

export interface NoticeTemplate {
  kind: NoticeKind;
  lang: NoticeLang;
  subject: string;
  body: string;
  overridden: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
  default: { subject: string; body: string };
  variables: { name: string; type: string; description: Localized }[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  patronId: string | null;
  to: string;
  lang: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  body?: string;
}

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxResult {
  total: number;
  page: number;
  size: number;
  items: OutboxMessage[];
}

/** Notice templates and the outbox (`/api/t/{slug}/admin/notices/…`). */
@Injectable({ providedIn: 'root' })
export class NoticesApi {
  private readonly api = inject(TenantApi);

  templates(): Observable<NoticeTemplate[]> {
    return this.api.get<NoticeTemplate[]>('/admin/notices/templates');
  }

  /** 422 TEMPLATE_INVALID with `errors[{path:'subject'|'body', line, message}]` when it would not render. */
  save(kind: string, lang: string, text: { subject: string; body: string }): Observable<NoticeTemplate> {
    return this.api.put<NoticeTemplate>(`/admin/notices/templates/${kind}/${lang}`, text);
  }

  reset(kind: string, lang: string): Observable<void> {
    return this.api.delete<void>(`/admin/notices/templates/${kind}/${lang}`);
  }

  preview(kind: string, lang: string, draft: { subject?: string; body?: string }): Observable<{ subject: string; body: string }> {
    return this.api.post(`/admin/notices/templates/${kind}/${lang}/preview`, draft);
  }

  outbox(q: { status?: OutboxStatus | null; kind?: string | null; page?: number; size?: number }): Observable<OutboxResult> {
    return this.api.get<OutboxResult>('/admin/notices/outbox', { status: q.status ?? undefined, kind: q.kind ?? undefined, page: q.page, size: q.size });
  }

  message(id: string): Observable<OutboxMessage> {
    return this.api.get<OutboxMessage>(`/admin/notices/outbox/${encodeURIComponent(id)}`);
  }

  retry(id: string): Observable<OutboxMessage> {
    return this.api.post<OutboxMessage>(`/admin/notices/outbox/${encodeURIComponent(id)}/retry`, {});
  }
}
