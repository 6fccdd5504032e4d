// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { NoticesModule } from './notices.module';
export { NoticesCronModule } from './jobs/notice-cron.module';
export { NotificationErrors } from './notices.errors';
export { NoticesService } from './notices.service';
export type { NoticeRequest } from './notices.service';
export { MailSender } from './mail-sender.service';
export { MailCatcher } from './mail-catcher/mail-catcher.service';
