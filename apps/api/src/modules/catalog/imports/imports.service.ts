import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CatalogueImportReport, CatalogueImportSummary, ImportStarted } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, TenantRef, tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { CatalogErrors } from '../catalog.errors';
import { CatalogueFormat, detectFormat } from '../import';
import { afterCommit } from './after-commit';
import { importDatabase, ImportThreadFailed, ImportThreads } from './import-threads';
import { ImportLock } from './import-lock';
import { takeEventLoopDelay, watchEventLoop } from './import-phases';
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

/** Progress is written at most this often while an import runs. */
const PROGRESS_EVERY_MS = 1000;
/** How often every instance looks for imports whose process is gone (e.g. a sibling instance that died). */
const RECOVERY_EVERY_MS = 60_000;
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

/** This instance is shutting down: the import stops after the current record. */
class ImportStopped extends Error {}
/** The import row is no longer `running` (recovery took it for abandoned): the import stops without writing. */
class ImportTakenOver extends Error {}

/**
 * Catalogue imports (MARC 21, MARCXML, CSV). The upload only records the import; the
 * records are written in the background once that row is committed, by two worker threads of
 * the import's own (ImportThreads): one reads and maps the file, batches ahead; the other
 * checks and writes each batch in one transaction on a connection of its own (BatchWriter,
 * import-writer.ts), so a broken record is reported and skipped without leaving half of it
 * behind or stopping the others, and the API's thread, which answers the desk, does none of
 * the import's work. This service keeps the import's row (progress, report) current from
 * what the writer says.
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
  /** The threads (reader and writer) of the imports this instance is processing, by import id. */
  readonly threads = new Map<string, ImportThreads>();
  /** Locks of uploads whose transaction has not committed yet, with their safety timers. */
  private readonly unclaimed = new Map<ImportLock, NodeJS.Timeout>();
  private stopping = false;
  readonly recovery: ImportRecovery;

  constructor(
    private readonly ds: DataSource,
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
    for (const threads of this.threads.values()) threads.stopWriting();
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
    // the file is read and mapped, and its batches written, by two threads of the import's own
    watchEventLoop();
    const threads = new ImportThreads(bytes, format, tenant, importDatabase(this.ds), (m) => this.log.warn(`import ${id} of ${tenant.slug}: ${m}`));
    this.threads.set(id, threads);
    /** Why this thread asked the writer to stop (it answers `stopped` between two batches). */
    let halt: ImportStopped | ImportTakenOver | undefined;
    const stop = (why: ImportStopped | ImportTakenOver) => {
      halt ??= why;
      threads.stopWriting();
    };
    // the session holding the import's lock is gone (PostgreSQL let the lock go, and recovery may
    // mark it failed or another instance take it): the writer stops before its next batch
    lock.onLost(() => stop(new ImportTakenOver(`import ${id} lost its lock`)));
    if (this.stopping) stop(new ImportStopped());
    try {
      // the reader's first pass counts the records (read, not mapped) so the progress has a total
      progress.total = await threads.total();
      await save('running');
      // the first batch's progress at once (the bar moves as soon as records are in), then once a second
      let saved = 0;
      let phases: string | null = null;
      for (let m = await threads.next(); ; m = await threads.next()) {
        if (m.type === 'batch') {
          progress.processed += m.processed;
          progress.created += m.created;
          progress.updated += m.updated;
          rejected.push(...m.rejected);
          warnings.push(...m.warnings);
          if (this.stopping) stop(new ImportStopped());
          if (Date.now() - saved >= PROGRESS_EVERY_MS) {
            await save('running');
            saved = Date.now();
          }
        } else if (m.type === 'end') {
          phases = m.phases;
          break;
        } else if (m.type === 'stopped') {
          throw halt ?? new ImportStopped();
        } else {
          throw new ImportThreadFailed(m.reason, m.reader);
        }
      }
      await save('done');
      if (phases !== null) this.log.warn(`import ${id} phases: ${[phases, takeEventLoopDelay()].join('; ')}`);
      await inTenant(() => this.audit.record('import.finish', 'import', id, null, { ...progress, rejected: rejected.length }));
    } catch (e) {
      if (e instanceof ImportThreadFailed && e.reader) {
        this.log.error(`import ${id} of ${tenant.slug}: its reader stopped after ${progress.processed}/${progress.total} records: ${e.message}`);
        await save('failed', readerFailedMessage(progress.processed, progress.total)).catch(() => undefined);
      } else if (e instanceof ImportTakenOver) {
        this.log.warn(`import ${id} of ${tenant.slug} was marked interrupted while it ran (its lock was lost); stopped`);
      } else if (e instanceof ImportStopped) {
        this.log.warn(`import ${id} of ${tenant.slug} stopped by shutdown after ${progress.processed}/${progress.total} records`);
        await save('failed', interruptedMessage(progress.processed, progress.total)).catch(() => undefined);
      } else {
        this.log.error(`import ${id} failed: ${(e as Error)?.stack ?? e}`);
        await save('failed', (e as Error)?.message ?? String(e)).catch(() => undefined);
      }
    } finally {
      this.threads.delete(id);
      takeEventLoopDelay();
      await threads.stop();
    }
    return inTenant(() => this.get(id));
  }
}
