/** What the catalogue importers produce: plain data, ready for validation and storage. */

export interface AuthorInput {
  name: string;
  /** Katakana reading (ヨミ) where known; for records whose name is in a non-Latin
   *  script (MARC 880) this is the romanized form. */
  reading?: string;
}

export interface RecordInput {
  title: string;
  titleReading?: string;
  subtitle?: string;
  authors: AuthorInput[];
  publisher?: string;
  publishedYear?: number;
  /** ISBN-13 digits (validated, converted from ISBN-10 when needed). */
  isbn?: string;
  /** 'book' | 'magazine' | 'av' for MARC; free code from CSV. */
  materialType?: string;
  series?: string;
  volume?: string;
  ndc?: string;
  controlNumber?: string;
  /** Date the library received the material, YYYY-MM-DD (CSV only). */
  receivedAt?: string;
  /** 請求記号 as catalogued: MARC 090 $a $b, else 852 $h $i (tiers joined with /). */
  callNumber?: string;
  /** The record's cover image: MARC 856 $u of a cover (an image address, or $3/$y/$z naming a cover). */
  coverUrl?: string;
}

export interface ItemInput {
  barcode: string;
  branchCode?: string;
  loanable?: boolean;
  materialType?: string;
  shelfLocation?: string;
}

export type ImportRecord = RecordInput & { items?: ItemInput[] };

/** The formats a catalogue file is read as; an import's report names it (@shiori/contracts). */
export type { CatalogueFormat } from '@shiori/contracts';

/** One entry of an import: the record, or why the index-th entry was rejected. */
export interface ParsedEntry {
  /** 0-based position of the record in the file (CSV: data row, header excluded). */
  index: number;
  record?: ImportRecord;
  error?: string;
  /** Problems that were repaired or ignored; the record is still imported. */
  warnings?: string[];
}
