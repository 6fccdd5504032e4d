import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../../engine/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { RegionCodePipe } from '../../region';
import { regionalSruAnswer } from './regional-sru-route';
import { RegionalSruService } from './regional-sru.service';
import { SruService } from './sru.service';

/**
 * SRU over a region (横断検索 for outside services): the city SRU's protocol (explain,
 * searchRetrieve with CQL, marcxml / dc / dcndl) over every member library, each work once
 * with every holding city. An unknown region is HTTP 404 (problem+json REGION_NOT_FOUND), as
 * an unknown city's SRU is: the URL is the SRU database, and SRU's diagnostics answer
 * questions put to a database that exists.
 *
 * Requests are answered by RegionalSruRoute (regional-sru-route.ts), a middleware ahead of
 * Nest's per-request pipeline that does what this route's decorators ask; the route documents
 * the endpoint in OpenAPI and answers only should the middleware be unmounted.
 */
@ApiTags('interoperability (public)')
@Controller('r/:region')
@UseGuards(PublicCatalogueRateLimit)
export class RegionalSruController {
  constructor(
    private readonly sru: SruService,
    private readonly regional: RegionalSruService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public() @Get('sru')
  @ApiOperation({
    summary: 'SRU with CQL over every library of a region',
    description:
      'As /api/t/{slug}/sru, over the member libraries: one record per work naming each holding city (MARC 852 $a per copy, dc:source, DC-NDL rdfs:seeAlso; extraRecordData availability per city). A member that is suspended or does not answer in time is an SRU diagnostic info:srw/diagnostic/1/2 beside the others\' records. Unknown region: 404.',
  })
  @ApiProduces('application/xml')
  @ApiQuery({ name: 'operation', required: false, enum: ['searchRetrieve', 'explain'] })
  @ApiQuery({ name: 'version', required: false, enum: ['1.1', '1.2', '2.0'], description: 'default 1.2' })
  @ApiQuery({ name: 'query', required: false, description: 'CQL', example: 'dc.title=坊っちゃん' })
  @ApiQuery({ name: 'startRecord', required: false, description: 'first record, from 1' })
  @ApiQuery({ name: 'maximumRecords', required: false, description: 'records per answer, default 10, at most 100' })
  @ApiQuery({ name: 'recordSchema', required: false, enum: ['marcxml', 'dc', 'dcndl'], description: 'default marcxml' })
  @ApiQuery({ name: 'recordPacking', required: false, enum: ['xml', 'string'] })
  @ApiOkResponse({ description: 'searchRetrieveResponse or explainResponse (SRU XML)' })
  async regionalSru(@Param('region', RegionCodePipe) region: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return regionalSruAnswer(this.sru, this.regional, this.config, res, region, query);
  }
}
