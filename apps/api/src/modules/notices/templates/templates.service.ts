import { Injectable } from '@nestjs/common';
import type { NoticePreview, NoticeTemplate, NoticeTemplateVariable } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError, FieldError } from '../../../engine/errors/domain-error';
import { NoticesService } from '../notices.service';
import { NotificationErrors } from '../notices.errors';
import { checkTemplate } from './check-template';
import { withMailDates } from './mail-dates';
import {
  DEFAULT_TEMPLATES,
  Fields,
  fieldsOf,
  isNoticeKind,
  NOTICE_KINDS,
  NOTICE_LANGS,
  NoticeKind,
  NoticeLang,
  sampleData,
  TemplateText,
} from './defaults';

function variables(fields: Fields, prefix = ''): NoticeTemplateVariable[] {
  return Object.entries(fields).flatMap(([k, f]) => {
    const name = `${prefix}${k}`;
    const own = { name, type: f.type, description: { ja: f.ja, en: f.en } };
    if (f.type === 'object') return variables(f.fields, `${name}.`);
    if (f.type === 'list') return [own, ...variables(f.item, `${name}[].`)];
    return [own];
  });
}

interface StoredTemplate {
  kind: string;
  lang: string;
  subject: string;
  body: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** Librarians' side of notice templates: override per kind and language, check, preview, back to default. */
@Injectable()
export class NoticeTemplatesService {
  constructor(private readonly notices: NoticesService, private readonly audit: AuditService) {}

  static parse(kind: string, lang: string): { kind: NoticeKind; lang: NoticeLang } {
    if (!isNoticeKind(kind)) throw new DomainError(NotificationErrors.UNKNOWN_NOTICE_KIND);
    if (!(NOTICE_LANGS as readonly string[]).includes(lang)) throw new DomainError(NotificationErrors.UNKNOWN_NOTICE_LANG);
    return { kind, lang: lang as NoticeLang };
  }

  private view(kind: NoticeKind, lang: NoticeLang, stored: StoredTemplate | undefined): NoticeTemplate {
    const def = DEFAULT_TEMPLATES[kind][lang];
    return {
      kind,
      lang,
      subject: stored?.subject ?? def.subject,
      body: stored?.body ?? def.body,
      overridden: !!stored,
      updatedBy: stored?.updatedBy ?? null,
      updatedAt: stored?.updatedAt ?? null,
      default: def,
      variables: variables(fieldsOf(kind)),
    };
  }

  private async stored(kind?: NoticeKind, lang?: NoticeLang): Promise<StoredTemplate[]> {
    return tenantManager().query(
      `SELECT kind, lang, subject, body, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM notice_templates
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR lang = $2)`,
      [kind ?? null, lang ?? null],
    );
  }

  /** Every kind in every language: the tenant's override or the default, with the variables it may use. */
  async list(): Promise<NoticeTemplate[]> {
    const rows = await this.stored();
    const byKey = new Map(rows.map((r) => [`${r.kind}/${r.lang}`, r]));
    return NOTICE_KINDS.flatMap((kind) => NOTICE_LANGS.map((lang) => this.view(kind, lang, byKey.get(`${kind}/${lang}`))));
  }

  async get(kindParam: string, langParam: string): Promise<NoticeTemplate> {
    const { kind, lang } = NoticeTemplatesService.parse(kindParam, langParam);
    const [row] = await this.stored(kind, lang);
    return this.view(kind, lang, row);
  }

  /** Refuses a template that would not render: 422 TEMPLATE_INVALID with one error per problem (field, line, reason). */
  private check(kind: NoticeKind, text: Partial<TemplateText>) {
    const fields = fieldsOf(kind);
    const errors: FieldError[] = [];
    for (const field of ['subject', 'body'] as const) {
      const source = text[field];
      if (source === undefined) continue;
      for (const p of checkTemplate(source, fields)) {
        errors.push({ path: field, code: p.code, message: p.message, line: p.line, column: p.column, reason: p.reason } as FieldError);
      }
    }
    if (errors.length) {
      const first = errors[0] as FieldError & { line: number };
      throw new DomainError(NotificationErrors.TEMPLATE_INVALID, `${first.path}: ${(first.message as { ja: string }).ja}`, errors, {
        line: first.line,
        field: first.path,
      });
    }
  }

  async save(kindParam: string, langParam: string, text: TemplateText): Promise<NoticeTemplate> {
    const { kind, lang } = NoticeTemplatesService.parse(kindParam, langParam);
    this.check(kind, text);
    const [before] = await this.stored(kind, lang);
    await tenantManager().query(
      // updated_at from the inserted row (Citus takes no now() in ON CONFLICT … DO UPDATE SET)
      `INSERT INTO notice_templates (kind, lang, subject, body, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5, now())
       ON CONFLICT (kind, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [kind, lang, text.subject, text.body, this.audit.actorName()],
    );
    await this.audit.record(
      'notice-template.save',
      'notice_template',
      `${kind}/${lang}`,
      before ? { subject: before.subject, body: before.body } : null,
      { subject: text.subject, body: text.body },
    );
    return this.get(kind, lang);
  }

  /** Back to the default wording. */
  async reset(kindParam: string, langParam: string): Promise<void> {
    const { kind, lang } = NoticeTemplatesService.parse(kindParam, langParam);
    const removed: StoredTemplate[] = await tenantManager().query(
      `WITH d AS (DELETE FROM notice_templates WHERE kind = $1 AND lang = $2 RETURNING subject, body) SELECT * FROM d`,
      [kind, lang],
    );
    if (removed.length) {
      await this.audit.record('notice-template.reset', 'notice_template', `${kind}/${lang}`, { subject: removed[0].subject, body: removed[0].body }, null);
    }
  }

  /** Renders a draft (or the current template where a part is not given) with the kind's sample data. */
  async preview(kindParam: string, langParam: string, draft: Partial<TemplateText>): Promise<NoticePreview> {
    const { kind, lang } = NoticeTemplatesService.parse(kindParam, langParam);
    this.check(kind, draft);
    const current = await this.notices.template(kind, lang);
    const text = { subject: draft.subject ?? current.subject, body: draft.body ?? current.body };
    const data = sampleData(kind, await this.notices.libraryName());
    return { kind, lang, ...this.notices.render(text, withMailDates(kind, data, lang)), data };
  }
}
