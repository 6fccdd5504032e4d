import { Module } from '@nestjs/common';
import { HoldsModule } from '../holds/holds.module';
import { AdminCirculationController, DeskController, MyLoansController } from './circulation.controller';
import { MarkOverdueJob } from './jobs/mark-overdue.job';
import { CheckinService } from './services/checkin.service';
import { CheckoutService } from './services/checkout.service';
import { LoansService } from './services/loans.service';

/**
 * The circulation desk (check-out, check-in, counter renewals) and the patron's loans.
 * Holds are their own module; check-in hands each returned copy to it for trapping. The
 * overdue job only marks loans; the overdue e-mail is the notices module's (OverdueNoticesJob).
 */
@Module({
  imports: [HoldsModule],
  controllers: [DeskController, MyLoansController, AdminCirculationController],
  providers: [CheckoutService, CheckinService, LoansService, MarkOverdueJob],
  exports: [LoansService, MarkOverdueJob],
})
export class CirculationModule {}
