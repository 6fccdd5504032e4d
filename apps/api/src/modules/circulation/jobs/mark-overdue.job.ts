import { Injectable } from '@nestjs/common';
import { JobOutcome, JobRunner } from '../../../engine/jobs/job-runner.service';
import { tokyoDate } from '../../../engine/time';
import { changedRows } from '../../../engine/database/sql';

/**
 * Marks loans whose due date has passed: `overdue_since` = the day after the due date (a
 * counter renewal clears it). Marking only: the overdue e-mail belongs to the notices module
 * (notices/jobs/overdue-notices.job.ts), which finds overdue loans by the same rule
 * (open, due before the library day) whether or not this job has run yet that day.
 * Idempotent per day and per loan.
 */
@Injectable()
export class MarkOverdueJob {
  static readonly NAME = 'mark-overdue';

  constructor(private readonly runner: JobRunner) {}

  /** One pass over the current tenant for the library day `today` ('YYYY-MM-DD', Asia/Tokyo). */
  async runForTenant(today: string = tokyoDate()): Promise<{ marked: number }> {
    const marked = await changedRows<{ id: string }>(
      `UPDATE loans SET overdue_since = due_date + 1
        WHERE returned_at IS NULL AND due_date < $1::date AND overdue_since IS NULL RETURNING id`,
      [today],
    );
    return { marked: marked.length };
  }

  runDaily(period: string = tokyoDate()): Promise<JobOutcome> {
    return this.runner.run(MarkOverdueJob.NAME, period, () => this.runForTenant(period));
  }
}
