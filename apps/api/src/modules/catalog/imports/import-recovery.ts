import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant, tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { importLockKeySql } from './import-lock';

/**
 * The report's error for an import whose process stopped before it finished (Japanese, then
 * English). `processed` is the import's last recorded progress: after a crash, up to one
 * progress interval of records may have been written beyond it.
 */
export function interruptedMessage(processed: number, total: number): string {
  const ofJa = total > 0 ? `（全 ${total} 件中）` : '';
  const ofEn = total > 0 ? ` of ${total}` : '';
  return (
    `取込中にサーバーが停止したため中断しました。取り込み済みの ${processed} 件${ofJa}は保存されています。もう一度取り込んでください。` +
    ` / Interrupted: the server stopped during the import. The ${processed}${ofEn} records already processed are kept; import the file again.`
  );
}

export interface InterruptedImport {
  slug: string;
  id: string;
  processed: number;
  total: number;
}

/**
 * Finds imports left `running` by a process that is gone (crashed, killed, redeployed) and
 * marks them failed, keeping what they had processed. An import is alive exactly while a
 * session holds its advisory lock (ImportLock), so an import whose lock can be taken has no
 * process left, whichever API instance started it; one whose lock is held is never touched.
 * Every instance runs this at start-up and then periodically, so a surviving instance also
 * cleans up after a sibling that died.
 */
export class ImportRecovery {
  private readonly log = new Logger('CatalogImport');
  private timer?: NodeJS.Timeout;
  private current?: Promise<InterruptedImport[]>;
  private stopped = false;

  constructor(private readonly ds: DataSource, private readonly registry: TenantRegistry, private readonly audit: AuditService) {}

  /** A pass now (in the background), then one every `everyMs`. */
  start(everyMs: number): void {
    this.stopped = false;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), everyMs);
    this.timer.unref();
  }

  /** Stops the schedule and waits for a pass in progress (it stops at the next tenant). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.current?.catch(() => undefined);
  }

  /** One pass over every active tenant; a pass already under way is joined, not repeated. */
  runOnce(): Promise<InterruptedImport[]> {
    this.current ??= this.pass().finally(() => (this.current = undefined));
    return this.current;
  }

  private async pass(): Promise<InterruptedImport[]> {
    const found: InterruptedImport[] = [];
    let tenants;
    try {
      tenants = await this.registry.list();
    } catch (e) {
      this.log.warn(`import recovery: cannot list the tenants: ${(e as Error).message}`);
      return found;
    }
    for (const t of tenants) {
      if (this.stopped) break;
      if (t.status !== 'active') continue;
      try {
        const here = await runInTenant(this.ds, t, () => this.recoverTenant(t.id));
        for (const r of here) {
          this.log.warn(`import ${r.id} of ${t.slug} was interrupted (${r.processed}/${r.total} processed); marked failed`);
          found.push({ slug: t.slug, ...r });
        }
      } catch (e) {
        this.log.warn(`import recovery failed for tenant ${t.slug}: ${(e as Error).message}`);
      }
    }
    return found;
  }

  /**
   * In the current tenant transaction: marks failed every running import whose lock no
   * session holds. A tenant with no running import costs one query.
   */
  async recoverTenant(tenantId: string): Promise<{ id: string; processed: number; total: number }[]> {
    const m = tenantManager();
    const running: { id: string }[] = await m.query(`SELECT id FROM imports WHERE status = 'running'`);
    const out: { id: string; processed: number; total: number }[] = [];
    for (const { id } of running) {
      // a transaction-level lock: PostgreSQL lets go of it when this transaction ends, however it ends
      const [{ free }] = await m.query(`SELECT pg_try_advisory_xact_lock(${importLockKeySql('$1', '$2')}) AS free`, [tenantId, id]);
      if (!free) continue; // its process is alive, on this instance or another
      // re-read under a row lock: the import may have finished since the first read
      const rows: { processed: number; total: number }[] = await m.query(
        `SELECT processed, total FROM imports WHERE id = $1 AND status = 'running' FOR UPDATE`,
        [id],
      );
      if (!rows.length) continue;
      const { processed, total } = rows[0];
      await m.query(`UPDATE imports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, interruptedMessage(processed, total)]);
      await this.audit.record('import.interrupted', 'import', id, null, { processed, total });
      out.push({ id, processed, total });
    }
    return out;
  }
}
