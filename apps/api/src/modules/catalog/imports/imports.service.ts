import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, TenantRef, tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { PolicyAdminErrors } from '../../policy-admin/policy-admin.errors';
import { CatalogErrors } from '../catalog.errors';
import type { ItemDto } from '../dto/record.dto';
import { CatalogueFormat, detectFormat, ImportRecord, parseCatalogueFile } from '../import';
import { RecordFields, RecordsService } from '../records/records.service';
import { normalizeIsbn } from '../search/text';
import { afterCommit } from './after-commit';

export interface ImportReport {
  id: string;
  status: 'running' | 'done' | 'failed';
  format: CatalogueFormat | null;
  filename: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: { index: number; reason: string }[];
  warnings: { index: number; warnings: string[] }[];
  error: string | null;
  createdBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const FORMAT_NAMES: Record<string, CatalogueFormat> = {
  marc21: 'iso2709',
  iso2709: 'iso2709',
  mrc: 'iso2709',
  marcxml: 'marcxml',
  xml: 'marcxml',
  csv: 'csv',
  tsv: 'csv',
};

/** Progress is written at most this often while an import runs. */
const PROGRESS_EVERY_MS = 250;

const REPORT_COLUMNS = `id, status, format, filename, total, processed, created, updated, rejected, warnings, error,
  created_by AS "createdBy", started_at AS "startedAt", finished_at AS "finishedAt"`;

function reasonOf(e: unknown): string {
  if (e instanceof DomainError) return e.detail ? `${e.code}: ${e.detail}` : e.code;
  const pg = e as { code?: string; detail?: string; message?: string };
  if (pg.code === '23505') return `duplicate: ${pg.detail ?? pg.message}`;
  return (pg.message ?? String(e)).slice(0, 500);
}

/**
 * Catalogue imports (MARC 21, MARCXML, CSV). The upload only records the import; the
 * records are written in the background once that row is committed, each record in its
 * own transaction, so a broken record is reported and skipped without leaving half of it
 * behind or stopping the others. A record whose ISBN or control number is already in the
 * catalogue updates that record instead of adding a second one.
 */
@Injectable()
export class ImportsService {
  private readonly log = new Logger('CatalogImport');

  constructor(private readonly ds: DataSource, private readonly records: RecordsService, private readonly audit: AuditService) {}

  resolveFormat(bytes: Uint8Array, name?: string): CatalogueFormat {
    const format = name ? FORMAT_NAMES[name.toLowerCase()] : detectFormat(bytes);
    if (!format) throw new DomainError(CatalogErrors.IMPORT_FORMAT_UNKNOWN);
    return format;
  }

  /** Records the import in the current tenant transaction; returns its id. */
  async create(bytes: Uint8Array, filename: string | null, formatName?: string): Promise<{ id: string; format: CatalogueFormat }> {
    const format = this.resolveFormat(bytes, formatName);
    const rows = await tenantManager().query(
      `INSERT INTO imports (status, format, filename, created_by) VALUES ('running', $1, $2, $3) RETURNING id`,
      [format, filename, this.audit.actorName()],
    );
    const id: string = rows[0].id;
    await this.audit.record('import.start', 'import', id, null, { filename, format, bytes: bytes.byteLength });
    return { id, format };
  }

  /** Upload: records the import and processes it in the background after this request commits. */
  async start(bytes: Uint8Array, filename: string | null, formatName?: string): Promise<{ id: string }> {
    const { id, format } = await this.create(bytes, filename, formatName);
    const t = currentTenant();
    const tenant: TenantRef = { id: t.id, slug: t.slug, name: t.name };
    afterCommit(() => {
      this.process(tenant, id, bytes, format).catch((e) => this.log.error(`import ${id} of ${tenant.slug}: ${e?.stack ?? e}`));
    });
    return { id };
  }

  async get(id: string): Promise<ImportReport> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError(CatalogErrors.IMPORT_NOT_FOUND);
    const rows = await tenantManager().query(`SELECT ${REPORT_COLUMNS} FROM imports WHERE id = $1`, [id]);
    if (!rows.length) throw new DomainError(CatalogErrors.IMPORT_NOT_FOUND);
    return rows[0];
  }

  async list(): Promise<Omit<ImportReport, 'rejected' | 'warnings'>[]> {
    return tenantManager().query(
      `SELECT id, status, format, filename, total, processed, created, updated, jsonb_array_length(rejected) AS "rejectedCount",
              error, created_by AS "createdBy", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM imports ORDER BY started_at DESC LIMIT 100`,
    );
  }

  /**
   * Writes every record of the file (each in its own tenant transaction) and keeps the
   * import row's progress current. Resolves with the final report.
   */
  async process(tenant: TenantRef, id: string, bytes: Uint8Array, format: CatalogueFormat): Promise<ImportReport> {
    const inTenant = <T>(fn: () => Promise<T>) => runInTenant(this.ds, tenant, fn);
    const progress = { total: 0, processed: 0, created: 0, updated: 0 };
    const rejected: { index: number; reason: string }[] = [];
    const warnings: { index: number; warnings: string[] }[] = [];
    const save = (status: 'running' | 'done' | 'failed', error: string | null = null) =>
      inTenant(() =>
        tenantManager().query(
          `UPDATE imports SET status = $2, total = $3, processed = $4, created = $5, updated = $6, rejected = $7, warnings = $8, error = $9,
                  finished_at = CASE WHEN $2 = 'running' THEN NULL ELSE now() END
            WHERE id = $1`,
          [id, status, progress.total, progress.processed, progress.created, progress.updated, JSON.stringify(rejected), JSON.stringify(warnings), error],
        ),
      );
    try {
      // A first pass counts the records so the progress has a total; parsing is cheap next to writing.
      for (const _ of parseCatalogueFile(bytes, format)) progress.total++;
      await save('running');
      let flushed = Date.now();
      for (const entry of parseCatalogueFile(bytes, format)) {
        if (entry.warnings?.length) warnings.push({ index: entry.index, warnings: entry.warnings });
        if (entry.error || !entry.record) {
          rejected.push({ index: entry.index, reason: entry.error ?? 'empty record' });
        } else {
          try {
            const outcome = await inTenant(() => this.upsert(entry.record!));
            progress[outcome]++;
          } catch (e) {
            rejected.push({ index: entry.index, reason: reasonOf(e) });
          }
        }
        progress.processed++;
        if (Date.now() - flushed >= PROGRESS_EVERY_MS) {
          await save('running');
          flushed = Date.now();
        }
      }
      await save('done');
      await inTenant(() => this.audit.record('import.finish', 'import', id, null, { ...progress, rejected: rejected.length }));
    } catch (e) {
      this.log.error(`import ${id} failed: ${(e as Error)?.stack ?? e}`);
      await save('failed', reasonOf(e)).catch(() => undefined);
    }
    return inTenant(() => this.get(id));
  }

  /** The branch code of an imported copy: a code, or a branch name as CSV exports often carry. */
  private async resolveBranch(value: string | undefined, cache: Map<string, string>): Promise<string> {
    const key = value?.trim() ?? '';
    if (cache.has(key)) return cache.get(key)!;
    const rows: { code: string }[] = key
      ? await tenantManager().query(`SELECT code FROM branches WHERE code = $1 OR name = $1 OR name_en = $1 ORDER BY code = $1 DESC LIMIT 1`, [key])
      : await tenantManager().query(`SELECT code FROM branches WHERE active ORDER BY sort, code LIMIT 1`);
    if (!rows.length) throw new DomainError(PolicyAdminErrors.BRANCH_NOT_FOUND, key ? `unknown branch: ${key}` : 'the library has no branch for the copies');
    cache.set(key, rows[0].code);
    return rows[0].code;
  }

  /** A material type code from a code or a Japanese/English name (図書 → book). */
  private async resolveMaterialType(value: string | undefined): Promise<string> {
    const v = value?.trim();
    if (!v) return 'book';
    const rows = await tenantManager().query(`SELECT value FROM settings WHERE key = 'materialTypes'`);
    const known: { code: string; name?: { ja?: string; en?: string } }[] | undefined = rows[0]?.value;
    if (!Array.isArray(known) || !known.length) return v;
    const hit = known.find((m) => m.code === v) ?? known.find((m) => m.name?.ja === v || m.name?.en?.toLowerCase() === v.toLowerCase());
    if (!hit) throw new DomainError(CatalogErrors.MATERIAL_TYPE_UNKNOWN, `unknown material type: ${v}`);
    return hit.code;
  }

  /** One imported record: update the record with the same ISBN or control number, or add it. */
  async upsert(rec: ImportRecord): Promise<'created' | 'updated'> {
    const m = tenantManager();
    const isbn = rec.isbn ? normalizeIsbn(rec.isbn) : null;
    if (rec.isbn && !isbn) throw new DomainError(CatalogErrors.ISBN_INVALID, `not a valid ISBN: ${rec.isbn}`);
    let existingId: string | null = null;
    if (isbn) {
      const rows = await m.query(`SELECT id FROM records WHERE isbn = $1 AND withdrawn_at IS NULL ORDER BY created_at, id LIMIT 1 FOR UPDATE`, [isbn]);
      existingId = rows[0]?.id ?? null;
    }
    if (!existingId && rec.controlNumber) {
      const rows = await m.query(`SELECT id FROM records WHERE control_number = $1 AND withdrawn_at IS NULL ORDER BY created_at, id LIMIT 1 FOR UPDATE`, [rec.controlNumber]);
      existingId = rows[0]?.id ?? null;
    }
    const materialType = rec.materialType ? await this.resolveMaterialType(rec.materialType) : undefined;
    const imported: Partial<RecordFields> = {
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
    };
    if (!imported.title) throw new DomainError('VALIDATION', 'record has no title');

    // copies: resolve branches, then split into new ones and ones this record already has
    const branchCache = new Map<string, string>();
    const items: ItemDto[] = [];
    for (const it of rec.items ?? []) {
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
      const current = await this.records.get(existingId);
      const merged: RecordFields = { ...current };
      for (const [k, v] of Object.entries(imported) as [keyof RecordFields, never][]) if (v !== undefined) merged[k] = v;
      await this.records.writeRecord(existingId, merged);
      id = existingId;
      outcome = 'updated';
    } else {
      id = await this.records.insertRecord({
        title: imported.title,
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
      });
      outcome = 'created';
    }
    await this.records.insertItems(id, items.filter((i) => !known.has(i.barcode)));
    for (const it of items.filter((i) => known.has(i.barcode))) {
      await m.query(
        `UPDATE items SET branch_code = $2, loanable = coalesce($3, loanable), shelf_location = coalesce($4, shelf_location),
                material_type = coalesce($5, material_type), updated_at = now()
          WHERE barcode = $1`,
        [it.barcode, it.branchCode, it.loanable ?? null, it.shelfLocation ?? null, it.materialType ?? null],
      );
    }
    return outcome;
  }
}
