import type { ExportItem, ExportRecord } from '../../catalog';

/** What every record format needs besides the record: who holds it and where it is shown. */
export interface RecordContext {
  /** the city's library name (MARC 852 $a, holdings) */
  libraryName: string;
  /** the record's page in the city's OPAC, absolute */
  recordUrl: (id: string) => string;
  /** with each copy's live status (SRU, OpenSearch), or per branch only (OAI-PMH: a harvest keeps records that change at every loan out) */
  liveHoldings: boolean;
  /**
   * A region's record (regional SRU): every member city holding the work, in the region's
   * order, with its own record page and copies. Formats name each city with its holdings
   * (MARC 852 $a per copy, Dublin Core dc:source, DC-NDL rdfs:seeAlso) instead of one library.
   */
  holdings?: CityHoldings[];
}

/** One city's holdings of a work in a regional record. */
export interface CityHoldings {
  libraryName: string;
  recordUrl: string;
  items: ExportItem[];
}

/** The words a reader sees for a copy's status: Japanese first. */
const COPY_STATUS: Record<string, { ja: string; en: string }> = {
  'on-shelf': { ja: '在架', en: 'on shelf' },
  'on-loan': { ja: '貸出中', en: 'on loan' },
  reserved: { ja: '予約取置中', en: 'on hold' },
  'on-hold-shelf': { ja: '予約取置中', en: 'on hold' },
  'in-transit': { ja: '回送中', en: 'in transit' },
  missing: { ja: '所在不明', en: 'missing' },
};

/** A copy's status for readers: 在架 (on shelf), 館内利用のみ for a 禁帯出 copy on the shelf, 貸出中… */
export function copyStatusLabel(status: string, loanable: boolean): string {
  if (status === 'on-shelf' && !loanable) return '館内利用のみ (reference only)';
  const s = COPY_STATUS[status] ?? { ja: status, en: status };
  return `${s.ja} (${s.en})`;
}

/** A record's availability for readers (records.availability, migration 0002). */
export const AVAILABILITY_LABEL: Record<string, string> = {
  available: '貸出可 (available)',
  'on-loan': '貸出中 (all copies in use)',
  'reference-only': '館内利用のみ (reference only)',
  unavailable: '所蔵なし (no copy available)',
};

/** Japanese records (title or author in Japanese script) carry the language code jpn. */
export function languageOf(r: ExportRecord): string | null {
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  return cjk.test(r.title) || r.authors.some((a) => cjk.test(a.name)) ? 'jpn' : null;
}

/** Title with its subtitle, as Dublin Core and DC-NDL give it: 「タイトル : サブタイトル」. */
export function fullTitle(r: ExportRecord): string {
  return r.subtitle ? `${r.title} : ${r.subtitle}` : r.title;
}
