import { Injectable, Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { currentTenant, tenantManager } from '@shiori/tenancy';
import { DEFAULT_TEMPLATES, NoticeKind, NoticeLang, TemplateText } from './templates/defaults';
import { withMailDates } from './templates/mail-dates';

export interface NoticeRequest {
  kind: NoticeKind;
  to: string;
  patronId?: string | null;
  lang?: NoticeLang;
  /** The kind's fields, as documented in templates/defaults.ts (NOTICE_FIELDS). */
  data: Record<string, unknown>;
  /** Same key twice = one mail (jobs and retries stay idempotent). */
  idempotencyKey: string;
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compile(source: string): HandlebarsTemplateDelegate {
  let fn = compiled.get(source);
  if (!fn) {
    fn = Handlebars.compile(source, { noEscape: true, strict: false });
    compiled.set(source, fn);
    if (compiled.size > 2000) compiled.clear();
  }
  return fn;
}

/**
 * Writes notices into the tenant's outbox, in the caller's transaction: the notice exists
 * exactly when the event that caused it was committed. The sender delivers it later.
 */
@Injectable()
export class NoticesService {
  private readonly log = new Logger('Notices');

  /** The tenant's template for this kind and language, or the default. */
  async template(kind: NoticeKind, lang: NoticeLang): Promise<TemplateText & { overridden: boolean }> {
    const rows = await tenantManager().query(`SELECT subject, body FROM notice_templates WHERE kind = $1 AND lang = $2`, [kind, lang]);
    return rows[0] ? { ...rows[0], overridden: true } : { ...DEFAULT_TEMPLATES[kind][lang], overridden: false };
  }

  render(t: TemplateText, data: Record<string, unknown>): TemplateText {
    return { subject: compile(t.subject)(data).replace(/\s+/g, ' ').trim(), body: compile(t.body)(data) };
  }

  async libraryName(): Promise<string> {
    const rows = await tenantManager().query(`SELECT value FROM settings WHERE key = 'city'`);
    return rows[0]?.value?.name ?? currentTenant().name;
  }

  async enqueue(n: NoticeRequest): Promise<boolean> {
    const lang = n.lang ?? 'ja';
    const data = withMailDates(n.kind, { library: await this.libraryName(), ...n.data }, lang);
    const t = await this.template(n.kind, lang);
    let text: TemplateText;
    try {
      text = this.render(t, data);
    } catch (e) {
      // Templates are checked when saved; should one still fail on real data, the notice
      // goes out with the default wording rather than failing the librarian's or job's work.
      if (!t.overridden) throw e;
      this.log.warn(`template ${n.kind}/${lang} of ${currentTenant().slug} failed (${(e as Error).message}); default used`);
      text = this.render(DEFAULT_TEMPLATES[n.kind][lang], data);
    }
    const rows = await tenantManager().query(
      `INSERT INTO outbox (kind, patron_id, to_address, lang, subject, body, idempotency_key)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [n.kind, n.patronId ?? null, n.to, lang, text.subject, text.body, n.idempotencyKey],
    );
    return rows.length > 0;
  }
}
