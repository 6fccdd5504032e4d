import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PolicyAdminModule } from '../policy-admin/policy-admin.module';
import { DeskHoldsController, MyHoldsController } from './holds.controller';
import { ExpireHoldsJob } from './jobs/expire-holds.job';
import { AllocationService } from './services/allocation.service';
import { CartService } from './services/cart.service';
import { HoldShelfService } from './services/hold-shelf.service';
import { HoldsService } from './services/holds.service';
import { RulesService } from './services/rules.service';

/**
 * Holds: the reservation cart, placing holds, the queue, allocation of copies (trapping),
 * transit, the hold shelf and its expiry. The circulation desk stands on this module.
 */
@Module({
  imports: [PolicyAdminModule, NotificationsModule],
  controllers: [MyHoldsController, DeskHoldsController],
  providers: [RulesService, AllocationService, HoldsService, CartService, HoldShelfService, ExpireHoldsJob],
  exports: [RulesService, AllocationService, HoldsService, ExpireHoldsJob],
})
export class HoldsModule {}
