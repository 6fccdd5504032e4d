import { Injectable, Logger, Module } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { NoticesModule } from '../notices.module';
import { CardExpiryRemindersJob } from './card-expiry-reminders.job';
import { DueRemindersJob } from './due-reminders.job';
import { NewArrivalAlertsJob } from './new-arrival-alerts.job';
import { NoticeJobs } from './notice-jobs.service';
import { OverdueNoticesJob } from './overdue-notices.job';

/**
 * The schedule of the notice jobs, imported by the app only when `config.jobs` is on. Ticks
 * hourly from 8:00 to 23:00 in Tokyo (patrons get mail in the day, not at 0:05), and each
 * job claims one run per library day, so an instance that was down catches up later in the
 * day and several instances send once.
 */
@Injectable()
export class NoticesCron {
  private readonly log = new Logger('NoticeJobs');

  constructor(private readonly jobs: NoticeJobs) {}

  private async run(name: string): Promise<void> {
    const r = await this.jobs.run(name);
    if (r.status !== 'skipped') this.log.log(`${r.job} ${r.period}: ${r.status}`);
  }

  @Cron('15 8-23 * * *', { name: 'notices.overdue-notices', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  overdue() {
    return this.run(OverdueNoticesJob.NAME);
  }

  @Cron('20 8-23 * * *', { name: 'notices.due-reminders', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  dueReminders() {
    return this.run(DueRemindersJob.NAME);
  }

  @Cron('25 8-23 * * *', { name: 'notices.card-expiry-reminders', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  cardExpiry() {
    return this.run(CardExpiryRemindersJob.NAME);
  }

  @Cron('30 8-23 * * *', { name: 'notices.new-arrival-alerts', timeZone: 'Asia/Tokyo', waitForCompletion: true })
  newArrivals() {
    return this.run(NewArrivalAlertsJob.NAME);
  }
}

@Module({ imports: [NoticesModule], providers: [NoticesCron] })
export class NoticesCronModule {}
