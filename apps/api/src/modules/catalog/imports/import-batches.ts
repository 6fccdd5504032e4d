/**
 * An import's file read into batches, ready to write: what the import's reader (a worker
 * thread, import.worker.ts) does, so that no desk request waits on the API's event loop
 * behind the reading and mapping of a batch of MARC records.
 *
 * Per record: the catalogue fields as imported (trimmed, ISBN normalised), and the search
 * columns and search terms it would have as a new record; the API's side adds what needs the
 * database (material types, branches, matching) and writes. The records are grouped in file
 * order into batches of up to BATCH_RECORDS; a record whose ISBN, control number or a barcode
 * is already in the batch starts the next one, so that a file naming the same book twice
 * updates what its first mention created, as record-by-record processing does.
 *
 * Pure: no framework, no I/O (types only from the rest of the catalogue).
 */
import { CatalogueFormat, ImportRecord, ItemInput, mappingFailed, parseCatalogueFile, ParseOptions } from '../import';
import type { RecordFields } from '../records/records.service';
import { buildSearchDocument, SearchDocument } from '../search/document';
import { recordTerms, SearchTerm } from '../search/search-terms';
import { normalizeIsbn, withFoldMemo } from '../search/text';

/** Records written in one transaction (a batch). */
export const BATCH_RECORDS = 250;

/** One record of a batch, as the reader prepared it. */
export interface MappedRecord {
  index: number;
  /** The ISBN as the file gives it (a record whose ISBN is not valid is rejected). */
  rawIsbn?: string;
  /** The ISBN normalised (13 digits), or null. */
  isbn: string | null;
  /** The record's material type as the file gives it (a code or a name, resolved against the city's settings). */
  materialType?: string;
  items: ItemInput[];
  /** The fields the record sets, but the material type (undefined: an updated record keeps its value). */
  fields: Partial<RecordFields>;
  /** Search columns and terms of the record as a new record (null when it has no title: it is rejected). */
  doc: SearchDocument | null;
  terms: SearchTerm[] | null;
}

export interface BatchEntry {
  index: number;
  record?: MappedRecord;
  /** Why the reader rejected it (no record). */
  reason?: string;
}

export interface MappedBatch {
  /** In file order, rejected entries included. */
  entries: BatchEntry[];
  /** The warnings of the entries read since the previous batch, in file order. */
  warnings: { index: number; warnings: string[] }[];
}

/** The fields an imported record sets (undefined: keep what an updated record has). */
export function importedFields(rec: ImportRecord, isbn: string | null, materialType: string | undefined): Partial<RecordFields> {
  return {
    title: rec.title.trim(),
    titleReading: rec.titleReading?.trim() || undefined,
    subtitle: rec.subtitle?.trim() || undefined,
    authors: rec.authors?.length ? rec.authors.filter((a) => a.name?.trim()).map((a) => ({ name: a.name.trim(), ...(a.reading ? { reading: a.reading } : {}) })) : undefined,
    publisher: rec.publisher?.trim() || undefined,
    publishedYear: rec.publishedYear,
    isbn: isbn ?? undefined,
    materialType,
    series: rec.series?.trim() || undefined,
    volume: rec.volume?.trim() || undefined,
    ndc: rec.ndc?.trim() || undefined,
    controlNumber: rec.controlNumber?.trim() || undefined,
    receivedAt: rec.receivedAt,
    callNumber: rec.callNumber?.trim() || undefined,
    coverUrl: rec.coverUrl?.trim() || undefined,
  };
}

/** A new record from an import's fields. */
export function newRecordFields(imported: Partial<RecordFields>): RecordFields {
  return {
    title: imported.title!,
    titleReading: imported.titleReading ?? null,
    subtitle: imported.subtitle ?? null,
    authors: imported.authors ?? [],
    publisher: imported.publisher ?? null,
    publishedYear: imported.publishedYear ?? null,
    isbn: imported.isbn ?? null,
    materialType: imported.materialType ?? 'book',
    series: imported.series ?? null,
    volume: imported.volume ?? null,
    ndc: imported.ndc ?? null,
    controlNumber: imported.controlNumber ?? null,
    // a retrospective conversion is not "new": no received date unless the file gives one
    receivedAt: imported.receivedAt ?? null,
    callNumber: imported.callNumber ?? null,
    coverUrl: imported.coverUrl ?? null,
  };
}

/** The fields of RecordFields, in one order (sameFields). */
const FIELD_KEYS: (keyof RecordFields)[] = ['title', 'titleReading', 'subtitle', 'authors', 'publisher', 'publishedYear', 'isbn', 'materialType', 'series', 'volume', 'ndc', 'controlNumber', 'receivedAt', 'callNumber', 'coverUrl'];

function canonical(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v.map((a: { name?: string; reading?: string | null }) => [a.name ?? null, a.reading ?? null]));
  return JSON.stringify(v ?? null);
}

/**
 * True when a record's fields as an import merged them are the ones it has stored (an update
 * file naming a book that did not change): the import leaves that record as it is. Unknown
 * differences of form (a date written otherwise) count as a change, and the record is written.
 */
export function sameFields(stored: RecordFields, merged: RecordFields): boolean {
  return FIELD_KEYS.every((k) => canonical(stored[k]) === canonical(merged[k]));
}

/** A parsed record prepared for the writes (throws only on a bug: the caller reports that record). */
export function prepareRecord(index: number, rec: ImportRecord): MappedRecord {
  const isbn = rec.isbn ? normalizeIsbn(rec.isbn) : null;
  const fields = importedFields(rec, isbn, undefined);
  const created = fields.title ? newRecordFields(fields) : null;
  return withFoldMemo(() => ({
    index,
    rawIsbn: rec.isbn,
    isbn,
    materialType: rec.materialType,
    items: rec.items ?? [],
    fields,
    doc: created ? buildSearchDocument(created) : null,
    terms: created ? recordTerms(created) : null,
  }));
}

/** The records of the next batch, in file order (see the file's comment). */
export class PendingBatch {
  private entries: BatchEntry[] = [];
  private keys = new Set<string>();
  private records = 0;

  get size(): number {
    return this.entries.length;
  }

  get full(): boolean {
    return this.records >= BATCH_RECORDS;
  }

  reject(index: number, reason: string): void {
    this.entries.push({ index, reason });
  }

  /** False (and nothing added) when its ISBN, control number or a barcode is already in the batch. */
  add(record: MappedRecord): boolean {
    const keys = [
      ...(record.isbn ? [`i:${record.isbn}`] : []),
      ...(record.fields.controlNumber ? [`c:${record.fields.controlNumber}`] : []),
      ...record.items.map((i) => `b:${i.barcode.trim()}`),
    ];
    if (keys.some((k) => this.keys.has(k))) return false;
    for (const k of keys) this.keys.add(k);
    this.entries.push({ index: record.index, record });
    this.records++;
    return true;
  }

  take(): BatchEntry[] {
    const out = this.entries;
    this.entries = [];
    this.keys.clear();
    this.records = 0;
    return out;
  }
}

/**
 * The file's batches, in file order. A record that the parser rejects, or whose reading or
 * mapping throws, is an entry with its reason, in its place; it never stops the others.
 * `between` runs after each record (the reader thread waits there for the desk's requests).
 */
export function* mappedBatches(bytes: Uint8Array, format: CatalogueFormat, options: ParseOptions & { between?: () => void } = {}): Generator<MappedBatch> {
  const batch = new PendingBatch();
  let warnings: MappedBatch['warnings'] = [];
  const take = (): MappedBatch => {
    const out = { entries: batch.take(), warnings };
    warnings = [];
    return out;
  };
  for (const entry of parseCatalogueFile(bytes, format, options)) {
    if (entry.warnings?.length) warnings.push({ index: entry.index, warnings: entry.warnings });
    if (entry.error || !entry.record) {
      batch.reject(entry.index, entry.error ?? 'empty record');
    } else {
      let record: MappedRecord | undefined;
      try {
        record = prepareRecord(entry.index, entry.record);
      } catch (e) {
        batch.reject(entry.index, mappingFailed(e));
      }
      if (record && !batch.add(record)) {
        yield take();
        batch.add(record);
      }
    }
    if (batch.full) yield take();
    options.between?.();
  }
  if (batch.size || warnings.length) yield take();
}
