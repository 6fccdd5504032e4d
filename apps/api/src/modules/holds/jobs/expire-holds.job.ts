import { Injectable } from '@nestjs/common';
import { JobOutcome, JobRunner } from '../../../engine/jobs/job-runner.service';
import { tokyoDate } from '../../../engine/time';
import { HoldShelfService } from '../services/hold-shelf.service';
import { RulesService } from '../services/rules.service';

/**
 * Expires holds left on the hold shelf past their last day and passes each copy to the next
 * hold. Idempotent: running it twice in a day changes nothing the second time.
 */
@Injectable()
export class ExpireHoldsJob {
  static readonly NAME = 'expire-holds';

  constructor(
    private readonly runner: JobRunner,
    private readonly rules: RulesService,
    private readonly shelf: HoldShelfService,
  ) {}

  /** One tenant, inside its transaction (the job runner's or a librarian's request). */
  async runForTenant(): Promise<{ expired: number; passedOn: number }> {
    const r = await this.shelf.expireDue(await this.rules.load());
    return { expired: r.expired.length, passedOn: r.passedOn.length };
  }

  /** Every tenant, once per library day across all API instances. */
  runDaily(period: string = tokyoDate()): Promise<JobOutcome> {
    return this.runner.run(ExpireHoldsJob.NAME, period, () => this.runForTenant());
  }
}
