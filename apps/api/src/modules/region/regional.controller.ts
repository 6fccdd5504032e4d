import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CityRegion, RegionAvailability, RegionSearchResult } from '@shiori/contracts';
import { Public } from '../../engine/auth/auth.decorators';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { type JsonText, jsonText, PublicCatalogueRateLimit, publicJson } from '../../engine/http/public-catalogue';
import { SEARCH_MAX_AGE } from '../catalog';
import { RegionAvailabilityQueryDto, RegionSearchQueryDto } from './dto/region-search.dto';
import { RegionCodePipe } from './region-code.pipe';
import { RegionsService } from './regions.service';
import { RegionalAvailabilityService } from './search/regional-availability.service';
import { RegionalSearchService } from './search/regional-search.service';
import { ApiAnswer } from '../../engine/openapi/api-answer';

/**
 * The region's public catalogue (横断検索): one search over every member library, and
 * availability by ISBN for outside services. No sign-in; the public catalogue's per-IP limit.
 */
@ApiTags('region (public)')
@Controller('r/:region')
@UseGuards(PublicCatalogueRateLimit)
export class RegionalController {
  constructor(
    private readonly search: RegionalSearchService,
    private readonly availabilityService: RegionalAvailabilityService,
  ) {}

  /** Works grouped across the member libraries, each with every library's holdings (RegionSearchResult). */
  @Public() @Get('search') @ApiAnswer('RegionSearchResult', 'works grouped across the member libraries')
  async searchRegion(@Param('region', RegionCodePipe) region: string, @Query() q: RegionSearchQueryDto, @Res({ passthrough: true }) res: Response): Promise<JsonText<RegionSearchResult>> {
    return publicJson(res, jsonText(await this.search.searchRegion(region, q)), SEARCH_MAX_AGE);
  }

  /** Per ISBN, per member library: status (貸出可 available / 貸出中 on-loan / 蔵書なし not-held …) and the record page. */
  @Public() @Get('availability') @ApiAnswer('RegionAvailability')
  async availability(@Param('region', RegionCodePipe) region: string, @Query() q: RegionAvailabilityQueryDto, @Res({ passthrough: true }) res: Response): Promise<JsonText<RegionAvailability>> {
    return publicJson(res, jsonText(await this.availabilityService.availability(region, q.isbn)), SEARCH_MAX_AGE);
  }
}

/** The regions a library belongs to, for its OPAC's link to each region's search. */
@ApiTags('public')
@Controller('t/:slug')
export class CityRegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** `[{code, name, nameEn, opacPath}]`: `opacPath` is the regional OPAC under the instance (`/opac/r/{code}/`). */
  @Public() @NoTenantTransaction() @Get('regions') @ApiAnswer(['CityRegion'])
  async cityRegions(@Req() req: Request): Promise<CityRegion[]> {
    const regions = await this.regions.regionsOf(req.tenant!.id);
    return regions.map((r) => ({ ...r, opacPath: `/opac/r/${r.code}/` }));
  }
}
