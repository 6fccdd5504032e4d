import { Module } from '@nestjs/common';
import { DemoModule } from '../demo';
import { PatronsModule } from '../patrons';
import { PlatformModule } from '../platform';
import { PolicyModule } from '../policy';
import { RegionModule } from '../region';
import { CityAgreementsController, LoansElsewhereController, PlatformAgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { AgreementsStore } from './agreements.store';
import { DemoAgreementsSeeder } from './demo-agreements';
import { LoansElsewhereService } from './loans-elsewhere.service';
import { VisitorsService } from './visitors.service';
import './agreements.errors';

/**
 * 広域利用: agreements between cities, visitors at a host's desk, and a patron's loans at
 * other cities. Circulation imports AgreementsStore to lend to visitors on their agreement's
 * terms (see README.md).
 */
@Module({
  imports: [PlatformModule, PolicyModule, DemoModule, PatronsModule, RegionModule],
  controllers: [PlatformAgreementsController, CityAgreementsController, LoansElsewhereController],
  providers: [AgreementsService, AgreementsStore, VisitorsService, LoansElsewhereService, DemoAgreementsSeeder],
  exports: [AgreementsStore, AgreementsService, DemoAgreementsSeeder],
})
export class AgreementsModule {}
