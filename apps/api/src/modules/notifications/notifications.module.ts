import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender.service';
import { NoticesService } from './notices.service';

@Module({
  providers: [NoticesService, MailSender],
  exports: [NoticesService, MailSender],
})
export class NotificationsModule {}
