/**
 * The catalogue's writes of records and copies as statements in the current tenant transaction
 * (tenantManager): what RecordsService (the cataloguer's writes) and an import's writer thread
 * (imports/import-writer.ts, on a connection of its own) both run. Every write keeps the search
 * columns (search, search_text, title_sort) and the search terms in step with the fields.
 *
 * No framework here, nor anything that pulls one in: the writer thread loads this module.
 */
import { tenantManager } from '@shiori/tenancy';
import type { ItemDto } from '../dto/record.dto';
import { buildSearchDocument, SearchDocument } from '../search/document';
import { recordTerms, SearchTerm } from '../search/search-terms';
import { addSearchTerms, addTermLists } from '../search/search-terms.store';
import { withFoldMemo } from '../search/text';
import { phase } from '../imports/import-phases';
import type { RecordFields } from './records.service';
import { volumeSortKey } from './volume';

/** A record's fields (RecordFields) as columns of `records r`, named as RecordFields names them. */
const FIELD_COLUMNS = `r.title, r.title_reading AS "titleReading", r.subtitle, r.authors, r.publisher, r.published_year AS "publishedYear",
  r.isbn, r.material_type AS "materialType", r.series, r.volume, r.ndc, r.control_number AS "controlNumber",
  r.received_at::text AS "receivedAt", r.call_number AS "callNumber", r.cover_url AS "coverUrl"`;

/** The values of the search columns for a record's fields ($n::tsvector, search_text, title_sort). */
export function searchColumns(f: RecordFields): SearchDocument {
  return buildSearchDocument({
    title: f.title,
    titleReading: f.titleReading,
    subtitle: f.subtitle,
    authors: f.authors,
    publisher: f.publisher,
    series: f.series,
  });
}

/** A trimmed text, or null when blank. */
export function blankToNull(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/** The RecordFields of a record read with more than its fields (a RecordView), in RecordFields' shape. */
export function recordFieldsOf(r: RecordFields): RecordFields {
  return {
    title: r.title,
    titleReading: r.titleReading,
    subtitle: r.subtitle,
    authors: r.authors,
    publisher: r.publisher,
    publishedYear: r.publishedYear,
    isbn: r.isbn,
    materialType: r.materialType,
    series: r.series,
    volume: r.volume,
    ndc: r.ndc,
    controlNumber: r.controlNumber,
    receivedAt: r.receivedAt,
    callNumber: r.callNumber ?? null,
    coverUrl: r.coverUrl ?? null,
  };
}

/** Inserts a record (fields already normalised) and returns its id. */
export async function insertRecord(f: RecordFields): Promise<string> {
  const doc = searchColumns(f);
  const rows = await tenantManager().query(
    `INSERT INTO records (title, title_reading, subtitle, authors, publisher, published_year, isbn, material_type,
                          series, volume, volume_sort, ndc, control_number, received_at, search, search_text, title_sort, call_number, cover_url)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::tsvector,$16,$17,$18,$19) RETURNING id`,
    [f.title, f.titleReading, f.subtitle, JSON.stringify(f.authors), f.publisher, f.publishedYear, f.isbn, f.materialType,
      f.series, f.volume, volumeSortKey(f.volume), f.ndc, f.controlNumber, f.receivedAt, doc.search, doc.searchText, doc.titleSort,
      f.callNumber ?? null, f.coverUrl ?? null],
  );
  await addSearchTerms([f], true);
  return rows[0].id;
}

/**
 * Adds many records in one statement (an import batch), with the ids the caller chose, and
 * counts their search terms in one more: what insertRecord does, once per batch.
 */
export async function insertRecords(list: { id: string; fields: RecordFields; doc?: SearchDocument | null; terms?: SearchTerm[] | null }[]): Promise<void> {
  if (!list.length) return;
  // an import's reader builds the search columns and terms off the event loop (imports/import-batches.ts)
  const docs = list.map(({ fields, doc }) => doc ?? searchColumns(fields));
  const col = <T>(f: (r: RecordFields, i: number) => T) => list.map(({ fields }, i) => f(fields, i));
  await tenantManager().query(
    `INSERT INTO records (id, title, title_reading, subtitle, authors, publisher, published_year, isbn, material_type,
                          series, volume, volume_sort, ndc, control_number, received_at, search, search_text, title_sort, call_number, cover_url)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::int[], $8::text[], $9::text[],
                          $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::date[], $16::tsvector[], $17::text[], $18::text[],
                          $19::text[], $20::text[])`,
    [list.map((l) => l.id), col((f) => f.title), col((f) => f.titleReading), col((f) => f.subtitle), col((f) => JSON.stringify(f.authors)),
      col((f) => f.publisher), col((f) => f.publishedYear), col((f) => f.isbn), col((f) => f.materialType), col((f) => f.series),
      col((f) => f.volume), col((f) => volumeSortKey(f.volume)), col((f) => f.ndc), col((f) => f.controlNumber), col((f) => f.receivedAt),
      docs.map((d) => d.search), docs.map((d) => d.searchText), docs.map((d) => d.titleSort), col((f) => f.callNumber ?? null), col((f) => f.coverUrl ?? null)],
  );
  await phase('terms', () => addTermLists(list.map((l) => l.terms ?? recordTerms(l.fields)), true));
}

/** The stored fields of many records (an import batch's updates), by id. */
export async function fieldsOfMany(ids: string[]): Promise<Map<string, RecordFields>> {
  if (!ids.length) return new Map();
  const rows: (RecordFields & { id: string })[] = await tenantManager().query(`SELECT r.id, ${FIELD_COLUMNS} FROM records r WHERE r.id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map(({ id, ...fields }) => [id, recordFieldsOf(fields)]));
}

/** Rewrites many records' fields and search columns in one statement (an import batch): writeRecord, once per batch. */
export async function writeRecords(list: { id: string; fields: RecordFields }[]): Promise<void> {
  if (!list.length) return;
  // each record's texts folded once for its search columns and its terms
  const prepared = list.map(({ fields }) => withFoldMemo(() => ({ doc: searchColumns(fields), terms: recordTerms(fields) })));
  const docs = prepared.map((p) => p.doc);
  const col = <T>(f: (r: RecordFields) => T) => list.map(({ fields }) => f(fields));
  await tenantManager().query(
    `UPDATE records r SET title = u.title, title_reading = u.title_reading, subtitle = u.subtitle, authors = u.authors, publisher = u.publisher,
            published_year = u.published_year, isbn = u.isbn, material_type = u.material_type, series = u.series, volume = u.volume,
            volume_sort = u.volume_sort, ndc = u.ndc, control_number = u.control_number, received_at = u.received_at, search = u.search,
            search_text = u.search_text, title_sort = u.title_sort, call_number = u.call_number, cover_url = u.cover_url, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::int[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::date[], $16::tsvector[], $17::text[], $18::text[],
                   $19::text[], $20::text[])
         AS u(id, title, title_reading, subtitle, authors, publisher, published_year, isbn, material_type, series, volume, volume_sort,
              ndc, control_number, received_at, search, search_text, title_sort, call_number, cover_url)
      WHERE r.id = u.id`,
    [list.map((l) => l.id), col((f) => f.title), col((f) => f.titleReading), col((f) => f.subtitle), col((f) => JSON.stringify(f.authors)),
      col((f) => f.publisher), col((f) => f.publishedYear), col((f) => f.isbn), col((f) => f.materialType), col((f) => f.series),
      col((f) => f.volume), col((f) => volumeSortKey(f.volume)), col((f) => f.ndc), col((f) => f.controlNumber), col((f) => f.receivedAt),
      docs.map((d) => d.search), docs.map((d) => d.searchText), docs.map((d) => d.titleSort), col((f) => f.callNumber ?? null), col((f) => f.coverUrl ?? null)],
  );
  await phase('terms', () => addTermLists(prepared.map((p) => p.terms), false));
}

/** Adds the copies of many records in one statement (an import batch). */
export async function insertItemsOf(list: { recordId: string; item: ItemDto }[]): Promise<void> {
  if (!list.length) return;
  const items = list.map((l) => l.item);
  await tenantManager().query(
    `INSERT INTO items (record_id, barcode, branch_code, loanable, shelf_location, material_type, call_number)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[])`,
    [list.map((l) => l.recordId), items.map((i) => i.barcode), items.map((i) => i.branchCode), items.map((i) => i.loanable ?? true),
      items.map((i) => blankToNull(i.shelfLocation)), items.map((i) => i.materialType ?? null), items.map((i) => blankToNull(i.callNumber))],
  );
}

/** Rewrites a record's fields and its search columns. */
export async function writeRecord(id: string, f: RecordFields): Promise<void> {
  const doc = searchColumns(f);
  await tenantManager().query(
    `UPDATE records SET title=$2, title_reading=$3, subtitle=$4, authors=$5, publisher=$6, published_year=$7, isbn=$8,
            material_type=$9, series=$10, volume=$11, volume_sort=$12, ndc=$13, control_number=$14, received_at=$15,
            search=$16::tsvector, search_text=$17, title_sort=$18, call_number=$19, cover_url=$20, updated_at=now()
      WHERE id = $1`,
    [id, f.title, f.titleReading, f.subtitle, JSON.stringify(f.authors), f.publisher, f.publishedYear, f.isbn, f.materialType,
      f.series, f.volume, volumeSortKey(f.volume), f.ndc, f.controlNumber, f.receivedAt, doc.search, doc.searchText, doc.titleSort,
      f.callNumber ?? null, f.coverUrl ?? null],
  );
  await addSearchTerms([f], false);
}

/** Adds copies in one statement (the availability trigger then runs once). */
export async function insertItems(recordId: string, items: ItemDto[]): Promise<void> {
  if (!items.length) return;
  await tenantManager().query(
    `INSERT INTO items (record_id, barcode, branch_code, loanable, shelf_location, material_type, call_number)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[])`,
    [recordId, items.map((i) => i.barcode), items.map((i) => i.branchCode), items.map((i) => i.loanable ?? true),
      items.map((i) => blankToNull(i.shelfLocation)), items.map((i) => i.materialType ?? null), items.map((i) => blankToNull(i.callNumber))],
  );
}
