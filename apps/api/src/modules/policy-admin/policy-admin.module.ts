import { Module } from '@nestjs/common';
import { PublicCatalogueRateLimit } from '../../engine/http/public-catalogue';
import { BookmobileAdminController, BookmobilePublicController } from './bookmobile/bookmobile.controller';
import { BookmobileService } from './bookmobile/bookmobile.service';
import { CalendarService } from './calendar.service';
import { ClosedDaysService } from './closed-days.service';
import { InfoService } from './info.service';
import { InfoController, PolicyAdminController } from './policy-admin.controller';
import { PlacesService } from './places.service';
import { PolicyAdminService } from './policy-admin.service';
import { PolicyStore } from './policy.store';
import { PresetService } from './preset.service';

@Module({
  controllers: [PolicyAdminController, InfoController, BookmobileAdminController, BookmobilePublicController],
  providers: [PresetService, PolicyStore, PolicyAdminService, PlacesService, ClosedDaysService, InfoService, CalendarService, BookmobileService, PublicCatalogueRateLimit],
  exports: [PresetService, PolicyStore, PolicyAdminService, PlacesService, InfoService, CalendarService, BookmobileService],
})
export class PolicyAdminModule {}
