import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { NoticesModule } from '../notices';
import { PolicyModule } from '../policy';
import { PlacesModule } from '../places';
import { DeskHoldsController, MyHoldsController } from './holds.controller';
import { ExpireHoldsJob } from './jobs/expire-holds.job';
import { AllocationService } from './services/allocation.service';
import { BookmobileDeskService } from './services/bookmobile-desk.service';
import { CartService } from './services/cart.service';
import { HoldReadyService } from './services/hold-ready.service';
import { HoldPlacement } from './services/hold-placement.service';
import { HoldShelfService } from './services/hold-shelf.service';
import { HoldViews } from './services/hold-views.service';
import { HoldsService } from './services/holds.service';
import { RulesService } from './services/rules.service';

/**
 * Holds: the reservation cart, placing holds, the queue, allocation of copies (trapping),
 * transit, the hold shelf and its expiry. The circulation desk stands on this module.
 */
@Module({
  imports: [PolicyModule, PlacesModule, NoticesModule, AgreementsModule],
  controllers: [MyHoldsController, DeskHoldsController],
  providers: [RulesService, HoldReadyService, AllocationService, HoldViews, HoldPlacement, HoldsService, CartService, HoldShelfService, BookmobileDeskService, ExpireHoldsJob],
  exports: [RulesService, HoldReadyService, AllocationService, HoldViews, ExpireHoldsJob],
})
export class HoldsModule {}
