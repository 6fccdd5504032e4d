import { Injectable, Logger, Module } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { HoldsModule } from '../holds.module';
import { ExpireHoldsJob } from './expire-holds.job';

/**
 * The schedule of the holds jobs. Imported by the app only when `config.jobs` is on. It
 * ticks hourly but the job claims one run per library day (platform.job_runs), so an
 * instance that was down at midnight catches up and several instances run it once.
 */
@Injectable()
export class HoldsCron {
  private readonly log = new Logger('HoldsJobs');

  constructor(private readonly expire: ExpireHoldsJob) {}

  @Cron('5 * * * *', { name: 'holds.expire-holds', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  async expireHolds(): Promise<void> {
    const r = await this.expire.runDaily();
    if (r.status !== 'skipped') this.log.log(`${r.job} ${r.period}: ${r.status}`);
  }
}

@Module({ imports: [HoldsModule], providers: [HoldsCron] })
export class HoldsJobsModule {}
