import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { PublicCatalogueRateLimit } from '../../engine/http/public-catalogue';
import { PolicyModule } from '../policy';
import { BookmobileAdminController, BookmobilePublicController } from './bookmobile/bookmobile.controller';
import { BookmobileService } from './bookmobile/bookmobile.service';
import { CalendarService } from './calendar.service';
import { ClosedDaysService } from './closed-days.service';
import { InfoRoute } from './info-route';
import { InfoService } from './info.service';
import { InfoController, PlacesController } from './places.controller';
import { PlacesService } from './places.service';

/** The city's places: branches and pickup points, closed days and the calendar, the public /info, the bookmobile. */
@Module({
  imports: [PolicyModule],
  controllers: [PlacesController, InfoController, BookmobileAdminController, BookmobilePublicController],
  providers: [PlacesService, ClosedDaysService, InfoService, CalendarService, BookmobileService, PublicCatalogueRateLimit],
  exports: [PlacesService, InfoService, CalendarService, BookmobileService],
})
export class PlacesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // /info ahead of Nest's pipeline (InfoRoute); InfoController documents it (and answers a city whose migrations stopped before 0029)
    consumer.apply(InfoRoute).forRoutes({ path: 't/:slug/info', method: RequestMethod.GET });
  }
}
