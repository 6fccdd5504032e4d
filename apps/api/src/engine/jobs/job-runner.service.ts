import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
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
 * Runs scheduled jobs once across every API instance. A job run is claimed by inserting
 * (job, period) into platform.job_runs — the unique index lets exactly one instance win a
 * period, however the instances' clocks and cron ticks interleave — and the work runs
 * under a PostgreSQL advisory lock so two runs of one job never overlap. Jobs visit each
 * tenant with runInTenant, one transaction per tenant, and a failing tenant does not stop
 * the others.
 */
@Injectable()
export class JobRunner {
  private readonly log = new Logger('Jobs');

  constructor(private readonly ds: DataSource, private readonly registry: TenantRegistry) {}

  async run(
    job: string,
    period: string,
    perTenant: (m: EntityManager, slug: string) => Promise<Record<string, unknown> | void>,
  ): Promise<JobOutcome> {
    const claimed = await this.ds.query(
      `INSERT INTO platform.job_runs (job, period, instance) VALUES ($1,$2,$3)
       ON CONFLICT (job, period) DO NOTHING RETURNING id`,
      [job, period, INSTANCE_ID],
    );
    if (!claimed.length) return { job, period, status: 'skipped', detail: { reason: 'already run for this period' } };
    const runId = claimed[0].id;
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    const detail: Record<string, unknown> = { tenants: {} as Record<string, unknown> };
    let status: 'done' | 'failed' = 'done';
    try {
      const [{ locked }] = await qr.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`job:${job}`]);
      if (!locked) {
        await this.ds.query(`UPDATE platform.job_runs SET status='skipped', finished_at=now(), detail=$2 WHERE id=$1`, [
          runId,
          JSON.stringify({ reason: 'another run of this job holds the lock' }),
        ]);
        return { job, period, status: 'skipped', detail: { reason: 'locked' } };
      }
      try {
        for (const t of await this.registry.list()) {
          if (t.status !== 'active') continue;
          try {
            const r = await runInTenant(this.ds, t, (m) => perTenant(m, t.slug));
            (detail.tenants as Record<string, unknown>)[t.slug] = r ?? 'ok';
          } catch (e) {
            status = 'failed';
            (detail.tenants as Record<string, unknown>)[t.slug] = { error: (e as Error).message };
            this.log.error(`${job} failed for tenant ${t.slug}: ${(e as Error).message}`);
          }
        }
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`job:${job}`]);
      }
      await this.ds.query(`UPDATE platform.job_runs SET status=$2, finished_at=now(), detail=$3 WHERE id=$1`, [runId, status, JSON.stringify(detail)]);
      return { job, period, status, detail };
    } finally {
      await qr.release();
    }
  }

  async recentRuns(limit = 50) {
    return this.ds.query(
      `SELECT id, job, period, instance, status, started_at AS "startedAt", finished_at AS "finishedAt", detail
         FROM platform.job_runs ORDER BY started_at DESC LIMIT $1`,
      [limit],
    );
  }
}
