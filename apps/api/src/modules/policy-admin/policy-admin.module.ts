import { Module } from '@nestjs/common';
import { PublicCatalogueRateLimit } from '../catalog/http/public-catalogue';
import { CalendarService } from './calendar.service';
import { InfoController, PolicyAdminController } from './policy-admin.controller';
import { PolicyAdminService } from './policy-admin.service';
import { PolicyStore } from './policy.store';
import { PresetService } from './preset.service';

@Module({
  controllers: [PolicyAdminController, InfoController],
  providers: [PresetService, PolicyStore, PolicyAdminService, CalendarService, PublicCatalogueRateLimit],
  exports: [PresetService, PolicyStore, CalendarService],
})
export class PolicyAdminModule {}
