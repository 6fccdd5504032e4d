import type { Localized } from '@shiori/policy';

/** The notices the library sends (通知の種類); each has a template in Japanese and English. */
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

/** The languages of a notice's template. */
export const NOTICE_LANGS = ['ja', 'en'] as const;
export type NoticeLang = (typeof NOTICE_LANGS)[number];

/** A message of the outbox: waiting, being sent, sent, or failed (after its attempts). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The lengths a template's subject and body may have (`PUT …/templates/{kind}/{lang}`, `…/preview`; longer: 400 VALIDATION). */
export const NOTICE_TEMPLATE_LIMITS = { subject: 300, body: 20000 } as const;

/** `GET /admin/notices/outbox`: its paging, as the API checks it. */
export const OUTBOX_LIMITS = { maxPage: 10000, maxSize: 200, defaultSize: 50 } as const;

/** A notice's wording: its subject and body (Handlebars). */
export interface NoticeText {
  subject: string;
  body: string;
}

/** `PUT /admin/notices/templates/{kind}/{lang}`: the library's wording; one that would not render is refused (422 TEMPLATE_INVALID). */
export type NoticeTemplateInput = NoticeText;

/** `POST /admin/notices/templates/{kind}/{lang}/preview`: a draft; a part left out is the current one. */
export interface NoticeTemplateDraft {
  subject?: string;
  body?: string;
}

/** A variable a template may use (`patron.name`, `loans[].dueDate`), its type and what it holds. */
export interface NoticeTemplateVariable {
  name: string;
  /** `string`, `number`, `boolean`, `object`, `list` … */
  type: string;
  description: Localized;
}

/** `GET /admin/notices/templates…`, `PUT …/{kind}/{lang}`: a notice's template as the library uses it, the default beside it. */
export interface NoticeTemplate {
  kind: NoticeKind;
  lang: NoticeLang;
  subject: string;
  body: string;
  /** The library's own wording (else the default). */
  overridden: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
  default: NoticeText;
  variables: NoticeTemplateVariable[];
}

/** `POST /admin/notices/templates/{kind}/{lang}/preview`: the draft rendered with the kind's sample data. */
export interface NoticePreview {
  kind: NoticeKind;
  lang: NoticeLang;
  subject: string;
  body: string;
  /** The sample data it was rendered with. */
  data: Record<string, unknown>;
}

/** `GET /admin/notices/outbox`: the query. */
export interface OutboxQuery {
  status?: OutboxStatus;
  kind?: NoticeKind;
  /** From 1, default 1. */
  page?: number;
  /** 1–200, default 50. */
  size?: number;
}

/** A message of the outbox (送信記録), without its body. */
export interface OutboxMessage {
  /** A bigint, as text. */
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
  nextAttemptAt: string;
  sentAt: string | null;
}

/** `GET /admin/notices/outbox/{id}`, `POST …/{id}/retry`: a message with its body. */
export interface OutboxMessageDetail extends OutboxMessage {
  body: string;
}

/** `GET /admin/notices/outbox`: one page of messages, newest first. */
export interface OutboxPage {
  total: number;
  page: number;
  size: number;
  items: OutboxMessage[];
}
