/**
 * An import's batches written to the catalogue: what the import's writer thread
 * (import-writer.worker.ts) does with each batch the reader thread maps, in the current tenant
 * transaction of its own connection. A record whose ISBN or control number is already in the
 * catalogue updates that record instead of adding a second one; a record that fails its checks
 * is reported and left out; a batch the database refuses is written again record by record, so a
 * broken record never takes the others with it and no record is ever half written.
 *
 * No framework here: the writer thread loads this module and what it imports.
 */
import { randomUUID } from 'node:crypto';
import { tenantManager } from '@shiori/tenancy';
import { DomainError } from '../../../engine/errors/domain-error';
import { CatalogErrors } from '../catalog.errors';
import type { ItemDto } from '../dto/record.dto';
import { fieldsOfMany, insertItems, insertItemsOf, insertRecord, insertRecords, writeRecord, writeRecords } from '../records/record-writes';
import type { RecordFields } from '../records/records.service';
import { BatchEntry, MappedRecord, newRecordFields, sameFields } from './import-batches';
import { phase } from './import-phases';

/** Why a record (or an import) failed, for the report. */
export function reasonOf(e: unknown): string {
  if (e instanceof DomainError) return e.detail ? `${e.code}: ${e.detail}` : e.code;
  const pg = e as { code?: string; detail?: string; message?: string };
  if (pg.code === '23505') return `duplicate: ${pg.detail ?? pg.message}`;
  return (pg.message ?? String(e)).slice(0, 500);
}

/** A record's outcome in the import's report. */
export type BatchResult = { index: number; outcome: 'created' | 'updated'; reason?: undefined } | { index: number; outcome?: undefined; reason: string };

/** What an import looks up again and again, read once per import. */
class ImportLookups {
  /** Branch code by the value a file gives (a code or a name). */
  branches = new Map<string, string>();
  /** The city's material types (settings), null when it has none; undefined until read. */
  materialTypes?: { code: string; name?: { ja?: string; en?: string } }[] | null;

  clear(): void {
    this.branches.clear();
    this.materialTypes = undefined;
  }
}

/** Codes of other modules' errors that an import reports. */
export interface WriterCodes {
  /** A copy's branch is not one of the city's (places). */
  branchNotFound: string;
}

/** Runs `fn` in one transaction of the import's tenant (tenantManager() answers inside). */
export type InTenant = <T>(fn: () => Promise<T>) => Promise<T>;

/** Writes one import's batches, in file order (one BatchWriter per import: it keeps the import's lookups). */
export class BatchWriter {
  private readonly lookups = new ImportLookups();

  constructor(
    private readonly inTenant: InTenant,
    private readonly warn: (message: string) => void,
    /** Codes of other modules' errors (their owners' front doors are for the API's thread: ImportThreads passes them). */
    private readonly codes: WriterCodes,
  ) {}

  /**
   * Writes a batch of records in one tenant transaction: what `upsert` does record by record,
   * with set-based matching (one statement for every ISBN and control number of the batch, one
   * for its barcodes), the new records and copies in multi-row statements and their search
   * terms counted once. A record that fails its checks is reported and left out; the batch
   * (PendingBatch) never holds two records with the same ISBN, control number or barcode, so
   * the outcome is the one record-by-record processing gives. Should the batch's transaction
   * fail anyway (a constraint the checks did not foresee), it is rolled back whole and its
   * records are written one transaction each, so a broken record never takes others with it.
   */
  async writeBatch(batch: BatchEntry[]): Promise<BatchResult[]> {
    const lookups = this.lookups;
    const records = batch.filter((b): b is BatchEntry & { record: MappedRecord } => !!b.record);
    try {
      const done = new Map<number, BatchResult>();
      if (records.length) {
        await phase('batch transaction', () => this.inTenant(() => this.writeChecked(records, lookups, done)));
      }
      return batch.map((b) => (b.record ? done.get(b.index)! : { index: b.index, reason: b.reason! }));
    } catch (e) {
      this.warn(`import batch failed as a whole (${reasonOf(e)}); writing its records one by one`);
      lookups.clear(); // what the rolled-back transaction read may be gone
      const out: BatchResult[] = [];
      for (const b of batch) {
        if (!b.record) {
          out.push({ index: b.index, reason: b.reason! });
          continue;
        }
        try {
          out.push({ index: b.index, outcome: await this.inTenant(() => this.upsert(b.record!)) });
        } catch (err) {
          out.push({ index: b.index, reason: reasonOf(err) });
        }
      }
      return out;
    }
  }

  private async writeChecked(batch: (BatchEntry & { record: MappedRecord })[], lookups: ImportLookups, done: Map<number, BatchResult>): Promise<void> {
    const m = tenantManager();
    const checked: { index: number; record: MappedRecord; fields: Partial<RecordFields>; items: ItemDto[] }[] = [];
    for (const { index, record } of batch) {
      try {
        checked.push({ index, record, ...(await phase('check', () => this.check(record, lookups))) });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        done.set(index, { index, reason: reasonOf(e) });
      }
    }
    const isbns = checked.map((c) => c.fields.isbn).filter((v): v is string => !!v);
    const controls = checked.map((c) => c.fields.controlNumber).filter((v): v is string => !!v);
    const matches: { id: string; isbn: string | null; control: string | null }[] =
      isbns.length || controls.length
        ? await phase('match', () => m.query(
            `SELECT id, isbn, control_number AS control FROM records
              WHERE (isbn = ANY($1::text[]) OR control_number = ANY($2::text[])) AND withdrawn_at IS NULL
              ORDER BY created_at, id FOR UPDATE`,
            [isbns, controls],
          ))
        : [];
    // the first (oldest) record per ISBN and per control number, as upsert's LIMIT 1 picks it
    const byIsbn = new Map<string, string>();
    const byControl = new Map<string, string>();
    for (const r of matches) {
      if (r.isbn && !byIsbn.has(r.isbn)) byIsbn.set(r.isbn, r.id);
      if (r.control && !byControl.has(r.control)) byControl.set(r.control, r.id);
    }
    const barcodes = checked.flatMap((c) => c.items.map((i) => i.barcode));
    const owners: { barcode: string; record_id: string }[] = barcodes.length
      ? await phase('barcodes', () => m.query(`SELECT barcode, record_id FROM items WHERE barcode = ANY($1::text[])`, [barcodes]))
      : [];
    const ownerOf = new Map(owners.map((o) => [o.barcode, o.record_id]));

    const existing = (c: (typeof checked)[number]) =>
      (c.fields.isbn && byIsbn.get(c.fields.isbn)) || (c.fields.controlNumber && byControl.get(c.fields.controlNumber)) || null;
    const stored = await phase('read stored', () => fieldsOfMany([...new Set(checked.map(existing).filter((id): id is string => !!id))]));
    /** The records this batch updates, merged in file order (two records of the batch may match one record). */
    const updated = new Map<string, RecordFields>();
    const created: Parameters<typeof insertRecords>[0] = [];
    const newItems: { recordId: string; item: ItemDto }[] = [];
    const knownItems: ItemDto[] = [];
    for (const c of checked) {
      const existingId = existing(c);
      const foreign = c.items.filter((i) => ownerOf.has(i.barcode) && ownerOf.get(i.barcode) !== existingId);
      if (foreign.length) {
        done.set(c.index, { index: c.index, reason: reasonOf(new DomainError(CatalogErrors.BARCODE_EXISTS, `barcode belongs to another record: ${foreign.map((i) => i.barcode).join(', ')}`)) });
        continue;
      }
      let id: string;
      if (existingId) {
        const merged: RecordFields = { ...(updated.get(existingId) ?? stored.get(existingId)!) };
        for (const [k, v] of Object.entries(c.fields) as [keyof RecordFields, never][]) if (v !== undefined) merged[k] = v;
        // a record the file leaves as it is costs no write (nor its search columns, indexes and terms)
        if (updated.has(existingId) || !sameFields(stored.get(existingId)!, merged)) updated.set(existingId, merged);
        id = existingId;
        done.set(c.index, { index: c.index, outcome: 'updated' });
      } else {
        id = randomUUID();
        // the search columns and terms the reader built (they do not depend on the material type)
        created.push({ id, fields: newRecordFields(c.fields), doc: c.record.doc, terms: c.record.terms });
        done.set(c.index, { index: c.index, outcome: 'created' });
      }
      for (const item of c.items) {
        if (ownerOf.has(item.barcode)) knownItems.push(item);
        else newItems.push({ recordId: id, item });
      }
    }
    await phase('update records', () => writeRecords([...updated].map(([id, fields]) => ({ id, fields }))));
    await phase('insert records', () => insertRecords(created));
    await phase('insert copies', () => insertItemsOf(newItems));
    for (const it of knownItems) await phase('update copy', () => this.updateKnownItem(it));
  }

  /**
   * The checks of one imported record that need no lock (upsert's, in its order): ISBN,
   * material types, title, branches of the copies, barcodes repeated within the record.
   * Throws a DomainError for a record to reject.
   */
  private async check(rec: MappedRecord, lookups: ImportLookups): Promise<{ fields: Partial<RecordFields>; items: ItemDto[] }> {
    if (rec.rawIsbn && !rec.isbn) throw new DomainError(CatalogErrors.ISBN_INVALID, `not a valid ISBN: ${rec.rawIsbn}`);
    const materialType = rec.materialType ? await this.resolveMaterialType(rec.materialType, lookups) : undefined;
    const fields = { ...rec.fields, materialType };
    if (!fields.title) throw new DomainError('VALIDATION', 'record has no title');
    const items: ItemDto[] = [];
    for (const it of rec.items) {
      items.push({
        barcode: it.barcode.trim(),
        branchCode: await this.resolveBranch(it.branchCode, lookups.branches),
        loanable: it.loanable,
        shelfLocation: it.shelfLocation,
        materialType: it.materialType ? await this.resolveMaterialType(it.materialType, lookups) : undefined,
      });
    }
    const barcodes = items.map((i) => i.barcode);
    if (new Set(barcodes).size !== barcodes.length) throw new DomainError(CatalogErrors.BARCODE_EXISTS, 'a barcode repeats within the record');
    return { fields, items };
  }

  private async updateKnownItem(it: ItemDto): Promise<void> {
    await tenantManager().query(
      `UPDATE items SET branch_code = $2, loanable = coalesce($3, loanable), shelf_location = coalesce($4, shelf_location),
              material_type = coalesce($5, material_type), updated_at = now()
        WHERE barcode = $1`,
      [it.barcode, it.branchCode, it.loanable ?? null, it.shelfLocation ?? null, it.materialType ?? null],
    );
  }

  /** The branch code of an imported copy: a code, or a branch name as CSV exports often carry. */
  private async resolveBranch(value: string | undefined, cache: Map<string, string>): Promise<string> {
    const key = value?.trim() ?? '';
    if (cache.has(key)) return cache.get(key)!;
    const rows: { code: string }[] = key
      ? await tenantManager().query(`SELECT code FROM branches WHERE code = $1 OR name = $1 OR name_en = $1 ORDER BY code = $1 DESC LIMIT 1`, [key])
      : await tenantManager().query(`SELECT code FROM branches WHERE active ORDER BY sort, code LIMIT 1`);
    if (!rows.length) throw new DomainError(this.codes.branchNotFound, key ? `unknown branch: ${key}` : 'the library has no branch for the copies');
    cache.set(key, rows[0].code);
    return rows[0].code;
  }

  /** A material type code from a code or a Japanese/English name (図書 → book). */
  private async resolveMaterialType(value: string | undefined, lookups?: ImportLookups): Promise<string> {
    const v = value?.trim();
    if (!v) return 'book';
    let known = lookups?.materialTypes;
    if (known === undefined) {
      const rows = await tenantManager().query(`SELECT value FROM settings WHERE key = 'materialTypes'`);
      known = rows[0]?.value ?? null;
      if (lookups) lookups.materialTypes = known;
    }
    if (!Array.isArray(known) || !known.length) return v;
    const hit = known.find((m) => m.code === v) ?? known.find((m) => m.name?.ja === v || m.name?.en?.toLowerCase() === v.toLowerCase());
    if (!hit) throw new DomainError(CatalogErrors.MATERIAL_TYPE_UNKNOWN, `unknown material type: ${v}`);
    return hit.code;
  }

  /** One imported record: update the record with the same ISBN or control number, or add it. */
  private async upsert(rec: MappedRecord): Promise<'created' | 'updated'> {
    const m = tenantManager();
    const isbn = rec.isbn;
    if (rec.rawIsbn && !isbn) throw new DomainError(CatalogErrors.ISBN_INVALID, `not a valid ISBN: ${rec.rawIsbn}`);
    let existingId: string | null = null;
    if (isbn) {
      const rows = await m.query(`SELECT id FROM records WHERE isbn = $1 AND withdrawn_at IS NULL ORDER BY created_at, id LIMIT 1 FOR UPDATE`, [isbn]);
      existingId = rows[0]?.id ?? null;
    }
    const controlNumber = rec.fields.controlNumber;
    if (!existingId && controlNumber) {
      const rows = await m.query(`SELECT id FROM records WHERE control_number = $1 AND withdrawn_at IS NULL ORDER BY created_at, id LIMIT 1 FOR UPDATE`, [controlNumber]);
      existingId = rows[0]?.id ?? null;
    }
    const materialType = rec.materialType ? await this.resolveMaterialType(rec.materialType) : undefined;
    const imported = { ...rec.fields, materialType };
    if (!imported.title) throw new DomainError('VALIDATION', 'record has no title');

    // copies: resolve branches, then split into new ones and ones this record already has
    const branchCache = new Map<string, string>();
    const items: ItemDto[] = [];
    for (const it of rec.items) {
      items.push({
        barcode: it.barcode.trim(),
        branchCode: await this.resolveBranch(it.branchCode, branchCache),
        loanable: it.loanable,
        shelfLocation: it.shelfLocation,
        materialType: it.materialType ? await this.resolveMaterialType(it.materialType) : undefined,
      });
    }
    const barcodes = items.map((i) => i.barcode);
    if (new Set(barcodes).size !== barcodes.length) throw new DomainError(CatalogErrors.BARCODE_EXISTS, 'a barcode repeats within the record');
    const owners: { barcode: string; record_id: string }[] = barcodes.length
      ? await m.query(`SELECT barcode, record_id FROM items WHERE barcode = ANY($1::text[])`, [barcodes])
      : [];
    const foreign = owners.filter((o) => o.record_id !== existingId);
    if (foreign.length) throw new DomainError(CatalogErrors.BARCODE_EXISTS, `barcode belongs to another record: ${foreign.map((o) => o.barcode).join(', ')}`);
    const known = new Set(owners.map((o) => o.barcode));

    let id: string;
    let outcome: 'created' | 'updated';
    if (existingId) {
      const merged: RecordFields = { ...(await fieldsOfMany([existingId])).get(existingId)! };
      for (const [k, v] of Object.entries(imported) as [keyof RecordFields, never][]) if (v !== undefined) merged[k] = v;
      await writeRecord(existingId, merged);
      id = existingId;
      outcome = 'updated';
    } else {
      id = await insertRecord(newRecordFields(imported));
      outcome = 'created';
    }
    await insertItems(id, items.filter((i) => !known.has(i.barcode)));
    for (const it of items.filter((i) => known.has(i.barcode))) await this.updateKnownItem(it);
    return outcome;
  }
}
