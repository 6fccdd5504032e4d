import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PolicyAdminModule } from '../policy-admin/policy-admin.module';
import { DemoModule } from '../demo/demo.module';
import { DemoPatronsSeeder } from './demo-patrons';
import { MeService } from './me.service';
import { MeController, PatronAuthController } from './patron-auth.controller';
import { PatronAuthService } from './patron-auth.service';
import { PatronsController } from './patrons.controller';
import { PatronsService } from './patrons.service';

@Module({
  imports: [PolicyAdminModule, NotificationsModule, DemoModule],
  controllers: [PatronsController, PatronAuthController, MeController],
  providers: [PatronsService, PatronAuthService, MeService, DemoPatronsSeeder],
  exports: [PatronsService, MeService, DemoPatronsSeeder],
})
export class PatronsModule {}
