import { Fields, NoticeKind, NoticeLang, fieldsOf } from './defaults';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One calendar day as a reader of the mail writes it: 2026年12月14日 / 14 December 2026. Anything else is left as it is. */
export function mailDate(value: unknown, lang: NoticeLang): unknown {
  if (typeof value !== 'string') return value;
  const m = ISO_DAY.exec(value);
  if (!m) return value;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return lang === 'ja' ? `${year}年${month}月${day}日` : `${day} ${EN_MONTHS[month - 1]} ${year}`;
}

function walk(fields: Fields, data: Record<string, unknown>, lang: NoticeLang): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [name, spec] of Object.entries(fields)) {
    const v = data[name];
    if (v === undefined || v === null) continue;
    if (spec.type === 'date') out[name] = mailDate(v, lang);
    else if (spec.type === 'object' && typeof v === 'object' && !Array.isArray(v)) out[name] = walk(spec.fields, v as Record<string, unknown>, lang);
    else if (spec.type === 'list' && Array.isArray(v))
      out[name] = v.map((item) => (item && typeof item === 'object' ? walk(spec.item, item as Record<string, unknown>, lang) : item));
  }
  return out;
}

/**
 * The data of a notice with every date field (per NOTICE_FIELDS) written for people: the
 * modules enqueue 'YYYY-MM-DD', the mail says 2026年12月14日 — in the library's own
 * templates too, since the fields, not the wording, carry the type.
 */
export function withMailDates(kind: NoticeKind, data: Record<string, unknown>, lang: NoticeLang): Record<string, unknown> {
  return walk(fieldsOf(kind), data, lang);
}
