import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { isDatabaseUnavailable } from '../database/connection-errors';
import { DatabaseWatchdog } from '../database/database-watchdog.service';
import { TenantRegistry } from '../tenancy/tenant-registry.service';

export interface JobOutcome {
  job: string;
  period: string;
  status: 'done' | 'failed' | 'skipped';
  detail: Record<string, unknown>;
}

/** This process's name in job_runs, so a run says which API instance did it. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Runs scheduled jobs once across every API instance. The work runs under a PostgreSQL
 * advisory lock per job, so two runs of one job never overlap; holding it, the runner claims
 * the run of a period by inserting (job, period) into platform.job_runs — the unique index
 * lets one instance win a period, however the instances' clocks and cron ticks interleave.
 * Jobs visit each tenant with runInTenant, one transaction per tenant, and a failing tenant
 * does not stop the others.
 *
 * A run the database cut short is taken again at the next tick of the same period (every
 * job is idempotent per tenant): one left 'running' (its instance lost the database or died
 * before writing its end; as the lock is ours, nobody runs it now) or one where a tenant
 * failed because the database was away (`detail.interrupted`). While the database is away
 * (DatabaseWatchdog) no run starts, so no period is claimed in vain.
 */
@Injectable()
export class JobRunner {
  private readonly log = new Logger('Jobs');

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly database: DatabaseWatchdog,
  ) {}

  async run(
    job: string,
    period: string,
    perTenant: (m: EntityManager, slug: string) => Promise<Record<string, unknown> | void>,
  ): Promise<JobOutcome> {
    if (!this.database.available) return { job, period, status: 'skipped', detail: { reason: 'the database is unavailable' } };
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      const [{ locked }] = await qr.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`job:${job}`]);
      if (!locked) return { job, period, status: 'skipped', detail: { reason: 'another run of this job holds the lock' } };
      try {
        const claimed = await qr.query(
          `INSERT INTO platform.job_runs (job, period, instance) VALUES ($1,$2,$3)
           ON CONFLICT (job, period) DO UPDATE
             SET instance = EXCLUDED.instance, status = 'running', started_at = EXCLUDED.started_at, finished_at = NULL, detail = '{}'
             WHERE platform.job_runs.status = 'running' OR platform.job_runs.detail ? 'interrupted'
           RETURNING id`,
          [job, period, INSTANCE_ID],
        );
        if (!claimed.length) return { job, period, status: 'skipped', detail: { reason: 'already run for this period' } };
        return await this.runClaimed(claimed[0].id, job, period, perTenant);
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`job:${job}`]).catch(() => undefined);
      }
    } finally {
      await qr.release();
    }
  }

  private async runClaimed(
    runId: string,
    job: string,
    period: string,
    perTenant: (m: EntityManager, slug: string) => Promise<Record<string, unknown> | void>,
  ): Promise<JobOutcome> {
    const detail: Record<string, unknown> = { tenants: {} as Record<string, unknown> };
    let status: 'done' | 'failed' = 'done';
    for (const t of await this.registry.list()) {
      if (t.status !== 'active') continue;
      try {
        const r = await runInTenant(this.ds, t, (m) => perTenant(m, t.slug));
        (detail.tenants as Record<string, unknown>)[t.slug] = r ?? 'ok';
      } catch (e) {
        status = 'failed';
        if (isDatabaseUnavailable(e)) detail.interrupted = true;
        (detail.tenants as Record<string, unknown>)[t.slug] = { error: (e as Error).message };
        this.log.error(`${job} failed for tenant ${t.slug}: ${(e as Error).message}`);
      }
    }
    await this.ds.query(`UPDATE platform.job_runs SET status=$2, finished_at=now(), detail=$3 WHERE id=$1`, [runId, status, JSON.stringify(detail)]);
    return { job, period, status, detail };
  }

  async recentRuns(limit = 50) {
    return this.ds.query(
      `SELECT id, job, period, instance, status, started_at AS "startedAt", finished_at AS "finishedAt", detail
         FROM platform.job_runs ORDER BY started_at DESC LIMIT $1`,
      [limit],
    );
  }
}
