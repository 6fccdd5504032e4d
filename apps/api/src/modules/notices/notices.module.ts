import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts';
import { PolicyModule } from '../policy';
import { CardExpiryRemindersJob } from './jobs/card-expiry-reminders.job';
import { DueRemindersJob } from './jobs/due-reminders.job';
import { NewArrivalAlertsJob } from './jobs/new-arrival-alerts.job';
import { NoticeJobsController } from './jobs/notice-jobs.controller';
import { NoticeJobs } from './jobs/notice-jobs.service';
import { OverdueNoticesJob } from './jobs/overdue-notices.job';
import { MailCatcher } from './mail-catcher/mail-catcher.service';
import { MailSender } from './mail-sender.service';
import { NoticesAdminController } from './notices-admin.controller';
import { NoticesService } from './notices.service';
import { OutboxService } from './outbox.service';
import { NoticeTemplatesService } from './templates/templates.service';

/**
 * Notices: templates per library and language, the outbox and its SMTP sender, the daily
 * notice jobs, and the demo's mail catcher. Other modules call `NoticesService.enqueue`.
 */
@Module({
  imports: [PolicyModule, AlertsModule],
  controllers: [NoticesAdminController, NoticeJobsController],
  providers: [
    NoticesService,
    MailSender,
    MailCatcher,
    NoticeTemplatesService,
    OutboxService,
    DueRemindersJob,
    OverdueNoticesJob,
    NewArrivalAlertsJob,
    CardExpiryRemindersJob,
    NoticeJobs,
  ],
  exports: [NoticesService, MailSender, MailCatcher, NoticeJobs],
})
export class NoticesModule {}
