import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts';
import { NoticesModule } from '../notices';
import { PolicyModule } from '../policy';
import { DemoModule } from '../demo';
import { DemoPatronsSeeder } from './demo-patrons';
import { MeService } from './me.service';
import { MeController, PatronAuthController } from './patron-auth.controller';
import { PatronAuthService } from './patron-auth.service';
import { PatronsController } from './patrons.controller';
import { PatronsService } from './patrons.service';

@Module({
  imports: [PolicyModule, NoticesModule, DemoModule, AlertsModule],
  controllers: [PatronsController, PatronAuthController, MeController],
  providers: [PatronsService, PatronAuthService, MeService, DemoPatronsSeeder],
  exports: [PatronsService, PatronAuthService, MeService, DemoPatronsSeeder],
})
export class PatronsModule {}
