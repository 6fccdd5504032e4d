import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { isIsoDate } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { JobOutcome, JobRunner } from '../../../engine/jobs/job-runner.service';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { tokyoDate } from '../../../engine/time';
import { NotificationErrors } from '../notices.errors';
import { CardExpiryRemindersJob } from './card-expiry-reminders.job';
import { DueRemindersJob } from './due-reminders.job';
import { NewArrivalAlertsJob } from './new-arrival-alerts.job';
import { NoticeJob } from './notice-job';
import { OverdueNoticesJob } from './overdue-notices.job';

export const NOTICE_JOB_NAMES = [DueRemindersJob.NAME, OverdueNoticesJob.NAME, NewArrivalAlertsJob.NAME, CardExpiryRemindersJob.NAME] as const;

/**
 * The daily notice jobs. `run` is what the schedule and operators use: every tenant, once per
 * (job, library day) across all API instances (platform.job_runs + advisory lock, JobRunner),
 * so running it twice sends nothing twice. `runForTenant` runs one library now, without
 * claiming the day; the jobs' own idempotency keys still keep each notice single.
 */
@Injectable()
export class NoticeJobs {
  private readonly jobs: Map<string, NoticeJob>;

  constructor(
    private readonly runner: JobRunner,
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    due: DueRemindersJob,
    overdue: OverdueNoticesJob,
    arrivals: NewArrivalAlertsJob,
    expiry: CardExpiryRemindersJob,
  ) {
    this.jobs = new Map<string, NoticeJob>([due, overdue, arrivals, expiry].map((j) => [j.name, j]));
  }

  private job(name: string): NoticeJob {
    const job = this.jobs.get(name);
    if (!job) throw new DomainError(NotificationErrors.UNKNOWN_JOB, undefined, undefined, { jobs: [...this.jobs.keys()] });
    return job;
  }

  private static day(today: string | undefined): string {
    const day = today ?? tokyoDate();
    if (!isIsoDate(day)) throw new DomainError('VALIDATION', `not a date: ${day}`, [{ path: 'date', message: 'date must be a real YYYY-MM-DD day' }]);
    return day;
  }

  /** Every tenant, once per library day. */
  run(name: string, today?: string): Promise<JobOutcome> {
    const job = this.job(name);
    const day = NoticeJobs.day(today);
    return this.runner.run(job.name, day, () => job.forTenant(day));
  }

  /** One tenant, now, in its own transaction. */
  async runForTenant(slug: string, name: string, today?: string): Promise<Record<string, unknown>> {
    const job = this.job(name);
    const day = NoticeJobs.day(today);
    const t = await this.registry.findBySlug(slug);
    if (!t) throw new DomainError('TENANT_NOT_FOUND');
    return runInTenant(this.ds, t, () => job.forTenant(day));
  }

  runDueReminders(today?: string) {
    return this.run(DueRemindersJob.NAME, today);
  }
  runOverdueNotices(today?: string) {
    return this.run(OverdueNoticesJob.NAME, today);
  }
  runNewArrivalAlerts(today?: string) {
    return this.run(NewArrivalAlertsJob.NAME, today);
  }
  runCardExpiryReminders(today?: string) {
    return this.run(CardExpiryRemindersJob.NAME, today);
  }
}
