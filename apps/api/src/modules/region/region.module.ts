import { Module, OnModuleInit } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { DemoModule, DemoService } from '../demo';
import { demoRegionStep } from './demo/demo-region';
import { PlatformModule } from '../platform';
import { PlacesModule } from '../places';
import { CourierController } from './courier/courier.controller';
import { CourierService } from './courier/courier.service';
import { demoCourierStep } from './courier/demo-courier';
import './region.errors';
import { CityRegionsController, RegionalController } from './regional.controller';
import { RegionCodePipe } from './region-code.pipe';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { RegionMembers } from './search/region-members.service';
import { RegionalAvailabilityService } from './search/regional-availability.service';
import { RegionalSearchService } from './search/regional-search.service';

/**
 * Regions (地域) and what crosses city lines in them: regional IT's regions and members,
 * the regional search (横断検索) and availability by ISBN. RegionsService is exported for
 * the modules that act on "all members of a region" (広域利用 agreements); RegionMembers (the
 * per-city fan-out, work keys) and RegionCodePipe for the regional SRU of the interop module;
 * CourierService (the courier timetable, 連絡車: `expectedArrival`) for inter-library loans.
 */
@Module({
  imports: [PlatformModule, CatalogModule, DemoModule, PlacesModule],
  controllers: [RegionsController, RegionalController, CityRegionsController, CourierController],
  providers: [RegionsService, RegionalSearchService, RegionalAvailabilityService, RegionMembers, RegionCodePipe, CourierService],
  exports: [RegionsService, RegionMembers, RegionCodePipe, CourierService],
})
export class RegionModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly regions: RegionsService,
    private readonly courier: CourierService,
  ) {}

  onModuleInit(): void {
    this.demo.registerInstanceStep(demoRegionStep(this.regions));
    this.demo.registerInstanceStep(demoCourierStep(this.courier));
  }
}
