import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CatalogueImportReport, CatalogueImportSummary, ImportStarted } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, TenantRef, tenantManager } from '@shiori/tenancy';
import { flushSearchPending, refreshSearchIndex } from '../search/maintenance';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { PlacesErrors } from '../../places';
import { CatalogErrors } from '../catalog.errors';
import type { ItemDto } from '../dto/record.dto';
import { CatalogueFormat, detectFormat } from '../import';
import { RecordFields, RecordsService } from '../records/records.service';
import { afterCommit } from './after-commit';
import { BatchEntry, MappedRecord, newRecordFields, sameFields } from './import-batches';
import { ImportReader, ImportReaderFailed } from './import-reader';
import { ImportLock } from './import-lock';
import { phase, takePhases } from './import-phases';
import { ImportRecovery, interruptedMessage } from './import-recovery';

/** An import's progress and report (@shiori/contracts), as GET /admin/imports/{id} answers it. */
export type ImportReport = CatalogueImportReport;

const FORMAT_NAMES: Record<string, CatalogueFormat> = {
  marc21: 'iso2709',
  iso2709: 'iso2709',
  mrc: 'iso2709',
  marcxml: 'marcxml',
  xml: 'marcxml',
  csv: 'csv',
  tsv: 'csv',
};

/**
 * The GIN indexes' pending lists are merged after this many batches (and at the end): merging
 * a thousand records' entries at once costs half as much per record as 250 at a time, and
 * the list stays far below gin_pending_list_limit, so no desk statement ever merges it.
 */
const FLUSH_EVERY_BATCHES = 4;
/** Progress is written at most this often while an import runs. */
const PROGRESS_EVERY_MS = 1000;
/** How often every instance looks for imports whose process is gone (e.g. a sibling instance that died). */
const RECOVERY_EVERY_MS = 60_000;
/** Between two batches, how long an import waits at most for the requests waiting for a database connection. */
const DESK_WAIT_MS = 200;
/** On shutdown, how long running imports get to stop after their current record and record where they stopped. */
const STOP_WAIT_MS = 10_000;
/** A lock taken for an upload whose transaction never ends (a lost connection) is let go after this. */
const UNCLAIMED_LOCK_MS = 5 * 60_000;

const REPORT_COLUMNS = `id, status, format, filename, total, processed, created, updated, rejected, warnings, error,
  created_by AS "createdBy", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** The report's error when the import's reader stopped before the end of the file (Japanese, then English). */
export function readerFailedMessage(processed: number, total: number): string {
  return (
    `取込ファイルの読み取りが途中で止まったため中断しました。取り込み済みの ${processed} 件（全 ${total} 件中）は保存されています。もう一度取り込んでください。` +
    ` / Stopped: reading the file failed part-way. The ${processed} of ${total} records already processed are kept; import the file again.`
  );
}

function reasonOf(e: unknown): string {
  if (e instanceof DomainError) return e.detail ? `${e.code}: ${e.detail}` : e.code;
  const pg = e as { code?: string; detail?: string; message?: string };
  if (pg.code === '23505') return `duplicate: ${pg.detail ?? pg.message}`;
  return (pg.message ?? String(e)).slice(0, 500);
}

type BatchResult = { index: number; outcome: 'created' | 'updated'; reason?: undefined } | { index: number; outcome?: undefined; reason: string };

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

/** This instance is shutting down: the import stops after the current record. */
class ImportStopped extends Error {}
/** The import row is no longer `running` (recovery took it for abandoned): the import stops without writing. */
class ImportTakenOver extends Error {}

/**
 * Catalogue imports (MARC 21, MARCXML, CSV). The upload only records the import; the
 * records are written in the background once that row is committed. The file is read and
 * mapped by a worker thread of the import's own (ImportReader), batches ahead; this thread
 * checks and writes each batch in one transaction (writeBatch), so a broken record is
 * reported and skipped without leaving half of it behind or stopping the others. A record whose ISBN or control number is already in the
 * catalogue updates that record instead of adding a second one.
 *
 * A running import holds an advisory lock (ImportLock), taken before its row is committed
 * and kept until its final status is written. An import left `running` by a process that
 * died is found by ImportRecovery (at start-up and every minute, on every instance) and
 * marked failed with what it had processed; an import still held by a live instance is not.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CatalogImport');
  /** Imports this instance is processing. */
  private readonly running = new Set<Promise<ImportReport>>();
  /** The readers (worker threads) of the imports this instance is processing, by import id. */
  readonly readers = new Map<string, ImportReader>();
  /** Locks of uploads whose transaction has not committed yet, with their safety timers. */
  private readonly unclaimed = new Map<ImportLock, NodeJS.Timeout>();
  private stopping = false;
  readonly recovery: ImportRecovery;

  constructor(
    private readonly ds: DataSource,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    registry: TenantRegistry,
  ) {
    this.recovery = new ImportRecovery(ds, registry, audit);
  }

  /** Start-up recovery runs in the background, so start-up does not wait for it however many tenants there are. */
  onApplicationBootstrap(): void {
    this.recovery.start(RECOVERY_EVERY_MS);
  }

  /**
   * Shutdown (deploy, SIGTERM): running imports stop after their current record and are
   * marked failed with what they had processed, instead of waiting for another instance's
   * recovery; the database pool is still open at this point.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.recovery.stop();
    if (this.running.size) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    for (const lock of [...this.unclaimed.keys()]) await this.letGo(lock);
  }

  resolveFormat(bytes: Uint8Array, name?: string): CatalogueFormat {
    const format = name ? FORMAT_NAMES[name.toLowerCase()] : detectFormat(bytes);
    if (!format) throw new DomainError(CatalogErrors.IMPORT_FORMAT_UNKNOWN);
    return format;
  }

  /**
   * Records the import in the current tenant transaction; returns its id and its lock, taken
   * before the row is written so that no instance ever sees the row `running` without its
   * lock held. Hand the lock to `process` once the transaction has committed; if it rolls
   * back, the lock is let go.
   */
  async create(bytes: Uint8Array, filename: string | null, formatName?: string): Promise<{ id: string; format: CatalogueFormat; lock: ImportLock }> {
    const format = this.resolveFormat(bytes, formatName);
    const tenantId = currentTenant().id;
    let id = randomUUID();
    let lock = await ImportLock.acquire(this.ds, tenantId, id);
    // a fresh id's lock is free unless its 64-bit key collides with another running import's
    for (let tries = 0; !lock && tries < 3; tries++) {
      id = randomUUID();
      lock = await ImportLock.acquire(this.ds, tenantId, id);
    }
    if (!lock) throw new Error('no free lock for a new import');
    const taken = lock;
    const timer = setTimeout(() => void this.letGo(taken), UNCLAIMED_LOCK_MS);
    timer.unref();
    this.unclaimed.set(taken, timer);
    afterCommit(() => undefined, () => void this.letGo(taken)); // a rolled-back upload: nothing will process it
    await tenantManager().query(
      `INSERT INTO imports (id, status, format, filename, created_by) VALUES ($1, 'running', $2, $3, $4)`,
      [id, format, filename, this.audit.actorName()],
    );
    await this.audit.record('import.start', 'import', id, null, { filename, format, bytes: bytes.byteLength });
    return { id, format, lock: taken };
  }

  /** Upload: records the import and processes it in the background after this request commits. */
  async start(bytes: Uint8Array, filename: string | null, formatName?: string): Promise<ImportStarted> {
    const { id, format, lock } = await this.create(bytes, filename, formatName);
    const t = currentTenant();
    const tenant: TenantRef = { id: t.id, slug: t.slug, name: t.name };
    afterCommit(() => {
      this.process(tenant, id, bytes, format, lock).catch((e) => this.log.error(`import ${id} of ${tenant.slug}: ${e?.stack ?? e}`));
    });
    return { id };
  }

  async get(id: string): Promise<ImportReport> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError(CatalogErrors.IMPORT_NOT_FOUND);
    const rows = await tenantManager().query(`SELECT ${REPORT_COLUMNS} FROM imports WHERE id = $1`, [id]);
    if (!rows.length) throw new DomainError(CatalogErrors.IMPORT_NOT_FOUND);
    return rows[0];
  }

  async list(): Promise<CatalogueImportSummary[]> {
    return tenantManager().query(
      `SELECT id, status, format, filename, total, processed, created, updated, jsonb_array_length(rejected) AS "rejectedCount",
              error, created_by AS "createdBy", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM imports ORDER BY started_at DESC LIMIT 100`,
    );
  }

  /**
   * Recovery now, on every active tenant (also run at start-up and every minute): imports
   * left `running` by a process that is gone are marked failed. Resolves with those found.
   */
  recoverInterrupted() {
    return this.recovery.runOnce();
  }

  /** Resolves once every import this instance is processing has ended (done, failed or stopped). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** An upload's lock that no import will use (rolled back, or never claimed). */
  private async letGo(lock: ImportLock): Promise<void> {
    const timer = this.unclaimed.get(lock);
    if (!timer) return;
    clearTimeout(timer);
    this.unclaimed.delete(lock);
    await lock.release();
  }

  /**
   * Writes every record of the file (each in its own tenant transaction) and keeps the
   * import row's progress current. Resolves with the final report. `lock` is the one
   * `create` returned; without it (or if it was let go) the import's lock is taken here,
   * and an import whose lock another session holds is not processed twice.
   */
  async process(tenant: TenantRef, id: string, bytes: Uint8Array, format: CatalogueFormat, lock?: ImportLock): Promise<ImportReport> {
    if (lock) {
      if (lock.tenantId !== tenant.id || lock.importId !== id) throw new Error(`the lock given is not import ${id}'s`);
      clearTimeout(this.unclaimed.get(lock));
      this.unclaimed.delete(lock);
      if (!lock.held) await lock.release(); // let go or its connection lost: closes what is left of it
    }
    const held = lock?.held ? lock : await ImportLock.acquire(this.ds, tenant.id, id);
    if (!held) throw new Error(`import ${id} is being processed by another session`);
    const run = this.run(tenant, id, bytes, format, held).finally(() => held.release());
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async run(tenant: TenantRef, id: string, bytes: Uint8Array, format: CatalogueFormat, lock: ImportLock): Promise<ImportReport> {
    const inTenant = <T>(fn: () => Promise<T>) => runInTenant(this.ds, tenant, fn);
    const progress = { total: 0, processed: 0, created: 0, updated: 0 };
    const rejected: { index: number; reason: string }[] = [];
    const warnings: { index: number; warnings: string[] }[] = [];
    // only while the row is `running`: an import that recovery marked failed stays failed
    const save = async (status: 'running' | 'done' | 'failed', error: string | null = null) => {
      const [rows] = await inTenant(() =>
        tenantManager().query(
          // finished_at from the app's clock (Citus takes no now() inside CASE in an UPDATE)
          `UPDATE imports SET status = $2, total = $3, processed = $4, created = $5, updated = $6, rejected = $7, warnings = $8, error = $9,
                  finished_at = $10
            WHERE id = $1 AND status = 'running'
           RETURNING id`,
          [
            id,
            status,
            progress.total,
            progress.processed,
            progress.created,
            progress.updated,
            JSON.stringify(rejected),
            JSON.stringify(warnings),
            error,
            status === 'running' ? null : new Date(),
          ],
        ),
      );
      if (!rows.length) throw new ImportTakenOver(`import ${id} is no longer running`);
    };
    // the file is read and mapped in a worker thread, batches ahead of the one being written
    let reader: ImportReader | undefined;
    try {
      reader = new ImportReader(bytes, format);
      this.readers.set(id, reader);
      // the reader's first pass counts the records (read, not mapped) so the progress has a total
      progress.total = await phase('count', () => reader!.total());
      await save('running');
      // the first batch's progress at once (the bar moves as soon as records are in), then once a second
      let flushed = 0;
      let unflushed = 0;
      const lookups = new ImportLookups();
      const nextBatch = () => phase('wait for reader', () => reader!.next());
      for (let batch = await nextBatch(); batch; batch = await nextBatch()) {
        if (this.stopping) throw new ImportStopped();
        // the session holding the import's lock is gone (PostgreSQL let the lock go, and recovery
        // may mark it failed or another instance take it): stop before the next batch, not at the
        // next progress write, which may be a second and many batches away
        if (!lock.held) throw new ImportTakenOver(`import ${id} lost its lock`);
        warnings.push(...batch.warnings);
        if (batch.entries.length) await phase('yield to desk', () => this.yieldToDesk());
        for (const r of await this.writeBatch(tenant, batch.entries, lookups)) {
          if (r.outcome) progress[r.outcome]++;
          else rejected.push({ index: r.index, reason: r.reason });
          progress.processed++;
        }
        // the search entries of the last batches merged now, by the import, not later by a desk request
        if (batch.entries.length && ++unflushed >= FLUSH_EVERY_BATCHES) {
          unflushed = 0;
          await phase('flush GIN pending', () => inTenant(() => flushSearchPending())).catch((e) => this.log.warn(`search index flush failed: ${reasonOf(e)}`));
        }
        if (Date.now() - flushed >= PROGRESS_EVERY_MS) {
          await phase('progress', () => save('running'));
          flushed = Date.now();
        }
      }
      // the new records searchable at full speed by the time the import says done (statistics, GIN pending lists)
      await phase('refresh at end', () => inTenant(() => refreshSearchIndex())).catch((e) => this.log.warn(`import ${id} of ${tenant.slug}: search index refresh failed: ${(e as Error).message}`));
      await save('done');
      const phases = takePhases();
      if (phases) this.log.warn(`import ${id} phases: ${phases}`);
      await inTenant(() => this.audit.record('import.finish', 'import', id, null, { ...progress, rejected: rejected.length }));
    } catch (e) {
      if (e instanceof ImportReaderFailed) {
        this.log.error(`import ${id} of ${tenant.slug}: its reader stopped after ${progress.processed}/${progress.total} records: ${e.message}`);
        await save('failed', readerFailedMessage(progress.processed, progress.total)).catch(() => undefined);
      } else if (e instanceof ImportTakenOver) {
        this.log.warn(`import ${id} of ${tenant.slug} was marked interrupted while it ran (its lock was lost); stopped`);
      } else if (e instanceof ImportStopped) {
        this.log.warn(`import ${id} of ${tenant.slug} stopped by shutdown after ${progress.processed}/${progress.total} records`);
        await save('failed', interruptedMessage(progress.processed, progress.total)).catch(() => undefined);
      } else {
        this.log.error(`import ${id} failed: ${(e as Error)?.stack ?? e}`);
        await save('failed', reasonOf(e)).catch(() => undefined);
      }
    } finally {
      this.readers.delete(id);
      await reader?.stop();
    }
    return inTenant(() => this.get(id));
  }

  /**
   * Between two batches: while requests (the desk's) wait for a database connection, the import
   * waits too (at most DESK_WAIT_MS), so that none queues behind the import's next statements;
   * then the event loop serves what is ready before the import takes it again.
   */
  private async yieldToDesk(): Promise<void> {
    const pool = (this.ds.driver as unknown as { master?: { waitingCount?: number } }).master;
    const until = Date.now() + DESK_WAIT_MS;
    while ((pool?.waitingCount ?? 0) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setImmediate(r));
  }

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
  private async writeBatch(tenant: TenantRef, batch: BatchEntry[], lookups: ImportLookups): Promise<BatchResult[]> {
    const records = batch.filter((b): b is BatchEntry & { record: MappedRecord } => !!b.record);
    try {
      const done = new Map<number, BatchResult>();
      if (records.length) {
        await phase('batch transaction', () => runInTenant(this.ds, tenant, () => this.writeChecked(records, lookups, done)));
      }
      return batch.map((b) => (b.record ? done.get(b.index)! : { index: b.index, reason: b.reason! }));
    } catch (e) {
      this.log.warn(`import batch of ${tenant.slug} failed as a whole (${reasonOf(e)}); writing its records one by one`);
      lookups.clear(); // what the rolled-back transaction read may be gone
      const out: BatchResult[] = [];
      for (const b of batch) {
        if (!b.record) {
          out.push({ index: b.index, reason: b.reason! });
          continue;
        }
        try {
          out.push({ index: b.index, outcome: await runInTenant(this.ds, tenant, () => this.upsert(b.record!)) });
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
    const stored = await phase('read stored', () => this.records.fieldsOfMany([...new Set(checked.map(existing).filter((id): id is string => !!id))]));
    /** The records this batch updates, merged in file order (two records of the batch may match one record). */
    const updated = new Map<string, RecordFields>();
    const created: Parameters<RecordsService['insertRecords']>[0] = [];
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
    await phase('update records', () => this.records.writeRecords([...updated].map(([id, fields]) => ({ id, fields }))));
    await phase('insert records', () => this.records.insertRecords(created));
    await phase('insert copies', () => this.records.insertItemsOf(newItems));
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
    if (!rows.length) throw new DomainError(PlacesErrors.BRANCH_NOT_FOUND, key ? `unknown branch: ${key}` : 'the library has no branch for the copies');
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
  async upsert(rec: MappedRecord): Promise<'created' | 'updated'> {
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
      const current = await this.records.get(existingId);
      const merged: RecordFields = { ...current };
      for (const [k, v] of Object.entries(imported) as [keyof RecordFields, never][]) if (v !== undefined) merged[k] = v;
      await this.records.writeRecord(existingId, merged);
      id = existingId;
      outcome = 'updated';
    } else {
      id = await this.records.insertRecord(newRecordFields(imported));
      outcome = 'created';
    }
    await this.records.insertItems(id, items.filter((i) => !known.has(i.barcode)));
    for (const it of items.filter((i) => known.has(i.barcode))) await this.updateKnownItem(it);
    return outcome;
  }
}
