import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** Saved searches that mail new arrivals (新着お知らせ); the mail itself is sent by the notice jobs. */
@Module({
  imports: [PolicyModule],
  controllers: [AlertsController],
  providers: [AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
