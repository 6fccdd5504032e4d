import { Injectable, Logger, Module } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { CirculationModule } from '../circulation.module';
import { MarkOverdueJob } from './mark-overdue.job';

/**
 * The schedule of the circulation jobs, imported by the app only when `config.jobs` is on.
 * Hourly ticks, one claimed run per library day (see HoldsCron).
 */
@Injectable()
export class CirculationCron {
  private readonly log = new Logger('CirculationJobs');

  constructor(private readonly overdue: MarkOverdueJob) {}

  @Cron('10 * * * *', { name: 'circulation.mark-overdue', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  async markOverdue(): Promise<void> {
    const r = await this.overdue.runDaily();
    if (r.status !== 'skipped') this.log.log(`${r.job} ${r.period}: ${r.status}`);
  }
}

@Module({ imports: [CirculationModule], providers: [CirculationCron] })
export class CirculationJobsModule {}
