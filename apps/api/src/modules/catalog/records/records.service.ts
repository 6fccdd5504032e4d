import { Injectable } from '@nestjs/common';
import type { Author, RecordBibliographic, StaffItemLookup, StaffItemView, StaffRecordView } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError, FieldError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { PlacesErrors } from '../../places';
import { CatalogErrors } from '../catalog.errors';
import type { CreateRecordDto, ItemDto, UpdateItemDto, UpdateRecordDto } from '../dto/record.dto';
import { normalizeIsbn } from '../search/text';
import * as writes from './record-writes';
import { blankToNull, recordFieldsOf } from './record-writes';
import { activeHoldSql, columnsSql, jsonObjectSql } from '../../../engine/database/sql';

/**
 * The bibliographic fields of a record as the catalogue stores them: the contract's
 * (RecordBibliographic) without what the catalogue computes, MARC 001 beside them, and the
 * call number and cover optional on the way in.
 */
export type RecordFields = Omit<RecordBibliographic, 'id' | 'availability' | 'callNumber' | 'coverUrl'> & {
  controlNumber: string | null;
  /** 請求記号 as catalogued (MARC 090 / 852): the default of the copies' call numbers */
  callNumber?: string | null;
  /** the record's own cover image (http/https) */
  coverUrl?: string | null;
};

/** A copy as the cataloguer sees it (@shiori/contracts). */
export type ItemView = StaffItemView;

/** A record with all its copies as the cataloguer sees it (@shiori/contracts); its fields are RecordFields. */
export type RecordView = StaffRecordView;

/** States in which a copy is in a patron's hands or promised to one: not for the cataloguer to change. */
export const CIRCULATING_STATUSES = ['on-loan', 'reserved', 'in-transit', 'on-hold-shelf'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/**
 * A record's columns (`records r`) as StaffRecordView reads them, without its copies. (Timestamps
 * go out as JSON turns a timestamptz: ISO 8601.)
 */
export const RECORD_COLUMNS = columnsSql<Omit<StaffRecordView, 'items'>>({
  id: 'r.id',
  title: 'r.title',
  titleReading: 'r.title_reading',
  subtitle: 'r.subtitle',
  authors: 'r.authors',
  publisher: 'r.publisher',
  publishedYear: 'r.published_year',
  isbn: 'r.isbn',
  materialType: 'r.material_type',
  series: 'r.series',
  volume: 'r.volume',
  ndc: 'r.ndc',
  controlNumber: 'r.control_number',
  receivedAt: 'r.received_at::text',
  callNumber: 'r.call_number',
  coverUrl: 'r.cover_url',
  availability: jsonObjectSql<StaffRecordView['availability']>({
    total: 'r.copies_total',
    available: 'r.copies_available',
    onLoan: 'r.copies_on_loan',
    status: 'r.availability',
  }),
  createdAt: 'r.created_at',
  updatedAt: 'r.updated_at',
  withdrawnAt: 'r.withdrawn_at',
});

/** A copy's columns (`items i JOIN branches b`) as StaffItemView reads them. */
const ITEM_COLUMNS = columnsSql<StaffItemView>({
  barcode: 'i.barcode',
  branchCode: 'i.branch_code',
  branchName: 'b.name',
  status: 'i.status',
  loanable: 'i.loanable',
  shelfLocation: 'i.shelf_location',
  callNumber: 'i.call_number',
  materialType: 'i.material_type',
});

function cleanAuthors(authors: { name: string; reading?: string | null }[] | undefined): Author[] {
  return (authors ?? [])
    .map((a) => ({ name: a.name.trim(), ...(a.reading?.trim() ? { reading: a.reading.trim() } : {}) }))
    .filter((a) => a.name);
}


/**
 * Records and copies: the cataloguer's writes. Every write keeps the search columns
 * (search, search_text, title_sort) in step with the fields, and is audited. Copy
 * availability on the record is kept by the database (migration 0002 triggers).
 */
@Injectable()
export class RecordsService {
  constructor(private readonly audit: AuditService) {}

  /** ISBN as stored (13 digits), or a field error. */
  normalizeIsbnField(isbn: string | null | undefined): string | null {
    if (isbn === null || isbn === undefined || isbn.trim() === '') return null;
    const n = normalizeIsbn(isbn);
    if (!n) throw new DomainError(CatalogErrors.ISBN_INVALID, undefined, [{ path: 'isbn', code: 'ISBN_INVALID', message: `not a valid ISBN: ${isbn}` }]);
    return n;
  }

  async assertMaterialType(code: string, path = 'materialType'): Promise<void> {
    const rows = await tenantManager().query(`SELECT value FROM settings WHERE key = 'materialTypes'`);
    const known: { code: string }[] | undefined = rows[0]?.value;
    if (Array.isArray(known) && known.length && !known.some((m) => m.code === code)) {
      throw new DomainError(CatalogErrors.MATERIAL_TYPE_UNKNOWN, `unknown material type: ${code}`, [{ path, code: 'MATERIAL_TYPE_UNKNOWN', message: code }]);
    }
  }

  async assertBranches(codes: string[], path = 'items'): Promise<void> {
    const wanted = [...new Set(codes)];
    if (!wanted.length) return;
    const rows: { code: string }[] = await tenantManager().query(`SELECT code FROM branches WHERE code = ANY($1::text[])`, [wanted]);
    const found = new Set(rows.map((r) => r.code));
    const missing = wanted.filter((c) => !found.has(c));
    if (missing.length) {
      throw new DomainError(PlacesErrors.BRANCH_NOT_FOUND, `unknown branch: ${missing.join(', ')}`, missing.map((c) => ({ path, code: 'BRANCH_NOT_FOUND', message: c })));
    }
  }

  /** Refuses barcodes that exist already or repeat within the request. */
  async assertNewBarcodes(barcodes: string[]): Promise<void> {
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const b of barcodes) (seen.has(b) ? dupes : seen).add(b);
    const rows: { barcode: string }[] = barcodes.length
      ? await tenantManager().query(`SELECT barcode FROM items WHERE barcode = ANY($1::text[])`, [barcodes])
      : [];
    for (const r of rows) dupes.add(r.barcode);
    if (dupes.size) {
      const errors: FieldError[] = [...dupes].map((b) => ({ path: 'barcode', code: 'BARCODE_EXISTS', message: b }));
      throw new DomainError(CatalogErrors.BARCODE_EXISTS, `barcode in use: ${[...dupes].join(', ')}`, errors);
    }
  }

  /** Inserts a record (fields already normalised) and returns its id (record-writes.ts). */
  insertRecord(f: RecordFields): Promise<string> {
    return writes.insertRecord(f);
  }

  /** Rewrites a record's fields and its search columns (record-writes.ts). */
  writeRecord(id: string, f: RecordFields): Promise<void> {
    return writes.writeRecord(id, f);
  }

  /** Adds copies in one statement (record-writes.ts). */
  insertItems(recordId: string, items: ItemDto[]): Promise<void> {
    return writes.insertItems(recordId, items);
  }

  async create(body: CreateRecordDto): Promise<RecordView> {
    const fields: RecordFields = {
      title: body.title.trim(),
      titleReading: blankToNull(body.titleReading),
      subtitle: blankToNull(body.subtitle),
      authors: cleanAuthors(body.authors),
      publisher: blankToNull(body.publisher),
      publishedYear: body.publishedYear ?? null,
      isbn: this.normalizeIsbnField(body.isbn),
      materialType: body.materialType ?? 'book',
      series: blankToNull(body.series),
      volume: blankToNull(body.volume),
      ndc: blankToNull(body.ndc),
      controlNumber: blankToNull(body.controlNumber),
      receivedAt: body.receivedAt ?? tokyoDate(),
      callNumber: blankToNull(body.callNumber),
      coverUrl: blankToNull(body.coverUrl),
    };
    if (!fields.title) throw new DomainError('VALIDATION', undefined, [{ path: 'title', message: 'title must not be blank' }]);
    await this.assertMaterialType(fields.materialType);
    const items = body.items ?? [];
    for (const [i, it] of items.entries()) if (it.materialType) await this.assertMaterialType(it.materialType, `items.${i}.materialType`);
    await this.assertBranches(items.map((i) => i.branchCode));
    await this.assertNewBarcodes(items.map((i) => i.barcode));
    const id = await this.insertRecord(fields);
    await this.insertItems(id, items);
    const view = (await this.find(id))!;
    await this.audit.record('record.create', 'record', id, null, view);
    return view;
  }

  /** A record with all its copies (withdrawn ones too), or null. */
  async find(id: string): Promise<RecordView | null> {
    if (!isUuid(id)) return null;
    const rows: Omit<RecordView, 'items'>[] = await tenantManager().query(`SELECT ${RECORD_COLUMNS} FROM records r WHERE r.id = $1`, [id]);
    if (!rows.length) return null;
    const items: ItemView[] = await tenantManager().query(
      `SELECT ${ITEM_COLUMNS} FROM items i JOIN branches b ON b.code = i.branch_code WHERE i.record_id = $1
        ORDER BY i.status = 'withdrawn', b.sort, i.branch_code, i.barcode`,
      [id],
    );
    return { ...rows[0], items };
  }

  async get(id: string): Promise<RecordView> {
    const r = await this.find(id);
    if (!r) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    return r;
  }

  private fieldsOf(r: RecordView): RecordFields {
    return recordFieldsOf(r);
  }

  async update(id: string, body: UpdateRecordDto): Promise<RecordView> {
    const before = await this.lockRecord(id);
    const f = this.fieldsOf(before);
    const opt = <K extends keyof RecordFields>(key: K, v: RecordFields[K] | undefined) => {
      if (v !== undefined) f[key] = v;
    };
    if (body.title !== undefined) {
      if (!body.title.trim()) throw new DomainError('VALIDATION', undefined, [{ path: 'title', message: 'title must not be blank' }]);
      f.title = body.title.trim();
    }
    opt('titleReading', body.titleReading === undefined ? undefined : blankToNull(body.titleReading));
    opt('subtitle', body.subtitle === undefined ? undefined : blankToNull(body.subtitle));
    if (body.authors !== undefined) f.authors = cleanAuthors(body.authors);
    opt('publisher', body.publisher === undefined ? undefined : blankToNull(body.publisher));
    opt('publishedYear', body.publishedYear);
    if (body.isbn !== undefined) f.isbn = this.normalizeIsbnField(body.isbn);
    if (body.materialType !== undefined) {
      await this.assertMaterialType(body.materialType);
      f.materialType = body.materialType;
    }
    opt('series', body.series === undefined ? undefined : blankToNull(body.series));
    opt('volume', body.volume === undefined ? undefined : blankToNull(body.volume));
    opt('ndc', body.ndc === undefined ? undefined : blankToNull(body.ndc));
    opt('controlNumber', body.controlNumber === undefined ? undefined : blankToNull(body.controlNumber));
    opt('receivedAt', body.receivedAt);
    opt('callNumber', body.callNumber === undefined ? undefined : blankToNull(body.callNumber));
    opt('coverUrl', body.coverUrl === undefined ? undefined : blankToNull(body.coverUrl));
    await this.writeRecord(id, f);
    const after = await this.get(id);
    await this.audit.record('record.update', 'record', id, this.fieldsOf(before), this.fieldsOf(after));
    return after;
  }

  /** The record, locked for this transaction; refuses withdrawn records. */
  private async lockRecord(id: string): Promise<RecordView> {
    if (!isUuid(id)) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    const locked = await tenantManager().query(`SELECT id FROM records WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked.length) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    const r = await this.get(id);
    if (r.withdrawnAt) throw new DomainError(CatalogErrors.RECORD_WITHDRAWN);
    return r;
  }

  /**
   * Withdraws a record (除籍) and all its copies. Refused while a copy circulates or a
   * patron waits for it; the row stays, so loan history and lists keep their titles.
   */
  async withdraw(id: string): Promise<RecordView> {
    const before = await this.lockRecord(id);
    const circulating = before.items.filter((i) => CIRCULATING_STATUSES.includes(i.status));
    if (circulating.length) throw new DomainError(CatalogErrors.RECORD_IN_CIRCULATION, `copies: ${circulating.map((i) => i.barcode).join(', ')}`);
    const holds = await tenantManager().query(
      `SELECT count(*)::int AS n FROM holds WHERE record_id = $1 AND ${activeHoldSql()}`,
      [id],
    );
    if (holds[0].n > 0) throw new DomainError(CatalogErrors.RECORD_HAS_HOLDS, `${holds[0].n} active holds`);
    await tenantManager().query(`UPDATE items SET status = 'withdrawn', updated_at = now() WHERE record_id = $1 AND status <> 'withdrawn'`, [id]);
    await tenantManager().query(`UPDATE records SET withdrawn_at = now(), updated_at = now() WHERE id = $1`, [id]);
    const after = await this.get(id);
    await this.audit.record('record.withdraw', 'record', id, { withdrawnAt: null }, { withdrawnAt: after.withdrawnAt });
    return after;
  }

  async addItem(recordId: string, body: ItemDto): Promise<StaffItemLookup> {
    await this.lockRecord(recordId);
    if (body.materialType) await this.assertMaterialType(body.materialType);
    await this.assertBranches([body.branchCode], 'branchCode');
    await this.assertNewBarcodes([body.barcode]);
    await this.insertItems(recordId, [body]);
    const item = await this.getItem(body.barcode);
    await this.audit.record('item.create', 'item', body.barcode, null, item);
    return item;
  }

  async getItem(barcode: string): Promise<StaffItemLookup> {
    const rows: StaffItemLookup[] = await tenantManager().query(
      `SELECT ${ITEM_COLUMNS}, i.record_id AS "recordId", r.title
         FROM items i JOIN branches b ON b.code = i.branch_code JOIN records r ON r.id = i.record_id
        WHERE i.barcode = $1`,
      [barcode],
    );
    if (!rows.length) throw new DomainError(CatalogErrors.ITEM_NOT_FOUND);
    return rows[0];
  }

  async updateItem(barcode: string, body: UpdateItemDto): Promise<StaffItemLookup> {
    const locked = await tenantManager().query(`SELECT status FROM items WHERE barcode = $1 FOR UPDATE`, [barcode]);
    if (!locked.length) throw new DomainError(CatalogErrors.ITEM_NOT_FOUND);
    const before = await this.getItem(barcode);
    if (body.status !== undefined && body.status !== before.status && CIRCULATING_STATUSES.includes(before.status)) {
      throw new DomainError(CatalogErrors.ITEM_IN_CIRCULATION, `status: ${before.status}`);
    }
    if (body.branchCode !== undefined) await this.assertBranches([body.branchCode], 'branchCode');
    if (body.materialType) await this.assertMaterialType(body.materialType);
    const sets: string[] = [];
    const values: unknown[] = [barcode];
    const set = (col: string, v: unknown) => {
      values.push(v);
      sets.push(`${col} = $${values.length}`);
    };
    if (body.branchCode !== undefined) set('branch_code', body.branchCode);
    if (body.loanable !== undefined) set('loanable', body.loanable);
    if (body.shelfLocation !== undefined) set('shelf_location', blankToNull(body.shelfLocation));
    if (body.callNumber !== undefined) set('call_number', blankToNull(body.callNumber));
    if (body.materialType !== undefined) set('material_type', body.materialType);
    if (body.status !== undefined) set('status', body.status);
    if (sets.length) await tenantManager().query(`UPDATE items SET ${sets.join(', ')}, updated_at = now() WHERE barcode = $1`, [...values]);
    const after = await this.getItem(barcode);
    await this.audit.record(body.status === 'withdrawn' && before.status !== 'withdrawn' ? 'item.withdraw' : 'item.update', 'item', barcode, before, after);
    return after;
  }

  withdrawItem(barcode: string): Promise<StaffItemLookup> {
    return this.updateItem(barcode, { status: 'withdrawn' });
  }
}
