import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { HoldsModule } from '../holds';
import { IllModule } from '../ill';
import { AdminCirculationController, DeskController, MyLoansController } from './circulation.controller';
import { MarkOverdueJob } from './jobs/mark-overdue.job';
import { CheckinService } from './services/checkin.service';
import { CheckoutService } from './services/checkout.service';
import { LoansService } from './services/loans.service';

/**
 * The circulation desk (check-out, check-in, counter renewals) and the patron's loans.
 * Holds are their own module; check-in hands each returned copy to it for trapping. The
 * overdue job only marks loans; the overdue e-mail is the notices module's (OverdueNoticesJob).
 * The self-check machines (modules/selfcheck) lend, take back and renew through the exported
 * services, by the same rules as the desk.
 */
@Module({
  imports: [HoldsModule, AgreementsModule, IllModule],
  controllers: [DeskController, MyLoansController, AdminCirculationController],
  providers: [CheckoutService, CheckinService, LoansService, MarkOverdueJob],
  exports: [CheckoutService, CheckinService, LoansService, MarkOverdueJob],
})
export class CirculationModule {}
