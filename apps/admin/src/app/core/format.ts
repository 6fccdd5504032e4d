import { Lang } from './i18n';

const locale = (lang: Lang) => (lang === 'ja' ? 'ja-JP' : 'en-GB');

/** `2026-05-01` (a library day) as 2026年5月1日(金) / Fri 1 May 2026, without time-zone shifts. */
export function formatDay(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(d);
}

/** An instant (ISO 8601 with offset) in Japan time, where the libraries are. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(d);
}

export function formatNumber(n: number | null | undefined, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n ?? 0);
}

/** Today in Japan as YYYY-MM-DD (the library day). */
export function tokyoToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
