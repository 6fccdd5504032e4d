import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { HoldsModule } from '../holds';
import { NoticesModule } from '../notices';
import { RegionModule } from '../region';
import { IllCourierDates } from './courier-dates';
import { CityMessagesController, IllDeskController, IllIncomingController, IllRequestsController, MyIllController } from './ill.controller';
import { IllLoans } from './ill-loans.service';
import { IllService } from './ill.service';
import { CityMessages } from './messages/city-messages';
import './ill.errors';

/**
 * 相互貸借 (interlibrary loans) between the member cities of a region, and the messages
 * between cities that carry every cross-city step exactly once (CityMessages; see README.md).
 */
@Module({
  imports: [AgreementsModule, RegionModule, HoldsModule, NoticesModule],
  controllers: [CityMessagesController, IllRequestsController, IllIncomingController, IllDeskController, MyIllController],
  providers: [IllService, IllLoans, CityMessages, IllCourierDates],
  exports: [IllService, IllLoans, CityMessages],
})
export class IllModule {}
