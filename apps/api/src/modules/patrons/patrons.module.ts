import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PolicyAdminModule } from '../policy-admin/policy-admin.module';
import { MeService } from './me.service';
import { MeController, PatronAuthController } from './patron-auth.controller';
import { PatronAuthService } from './patron-auth.service';
import { PatronsController } from './patrons.controller';
import { PatronsService } from './patrons.service';

@Module({
  imports: [PolicyAdminModule, NotificationsModule],
  controllers: [PatronsController, PatronAuthController, MeController],
  providers: [PatronsService, PatronAuthService, MeService],
  exports: [PatronsService, MeService],
})
export class PatronsModule {}
