import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../../engine/auth/auth.decorators';
import { PublicLinks } from '../../../engine/http/public-links';
import { NoTenantTransaction } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { sruAnswer } from './sru-route';
import { SruService } from './sru.service';

/**
 * SRU 1.1/1.2/2.0 of a city: `operation=explain` and `searchRetrieve` with a CQL query.
 * Public, rate-limited per IP like the OPAC's search, cacheable (ETag, Cache-Control).
 * A query that cannot run answers HTTP 200 with an SRU diagnostic.
 *
 * Requests are answered by SruRoute (sru-route.ts), a middleware ahead of Nest's per-request
 * pipeline that does what this route's decorators ask; the route documents the endpoint in
 * OpenAPI and answers only should the middleware be unmounted.
 */
@ApiTags('interoperability (public)')
@Controller('t/:slug')
@UseGuards(PublicCatalogueRateLimit)
export class SruController {
  constructor(
    private readonly sru: SruService,
    private readonly links: PublicLinks,
  ) {}

  @Public() @NoTenantTransaction() @Get('sru')
  @ApiOperation({ summary: 'SRU (Search/Retrieve via URL) with CQL', description: 'Without operation or query: the explain record. Unsupported queries answer 200 with an SRU diagnostic (info:srw/diagnostic/1/N).' })
  @ApiProduces('application/xml')
  @ApiQuery({ name: 'operation', required: false, enum: ['searchRetrieve', 'explain'] })
  @ApiQuery({ name: 'version', required: false, enum: ['1.1', '1.2', '2.0'], description: 'default 1.2' })
  @ApiQuery({ name: 'query', required: false, description: 'CQL, e.g. dc.title=吾輩は猫である and dc.date>=1990', example: 'dc.title=吾輩は猫である' })
  @ApiQuery({ name: 'startRecord', required: false, description: 'first record, from 1' })
  @ApiQuery({ name: 'maximumRecords', required: false, description: 'records per answer, default 10, at most 100' })
  @ApiQuery({ name: 'recordSchema', required: false, enum: ['marcxml', 'dc', 'dcndl'], description: 'default marcxml; also the schemas\' URIs' })
  @ApiQuery({ name: 'recordPacking', required: false, enum: ['xml', 'string'], description: 'SRU 1.x (2.0: recordXMLEscaping)' })
  @ApiOkResponse({ description: 'searchRetrieveResponse or explainResponse (SRU XML)' })
  async sruRequest(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return sruAnswer(this.sru, this.links, res, query);
  }
}
