import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { currentTenant } from '@shiori/tenancy';
import { Public } from '../../../engine/auth/auth.decorators';
import { PublicLinks } from '../../../engine/http/public-links';
import { NoTenantTransaction } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { PublicCatalogueRateLimit, publicBody } from '../../../engine/http/public-catalogue';
import { SEARCH_MAX_AGE } from '../../catalog';
import { SruService } from './sru.service';

/** The media type of SRU answers (what yaz-client and other SRU clients read). */
export const SRU_MEDIA_TYPE = 'application/xml; charset=utf-8';

/**
 * SRU 1.1/1.2/2.0 of a city: `operation=explain` and `searchRetrieve` with a CQL query.
 * Public, rate-limited per IP like the OPAC's search, cacheable (ETag, Cache-Control).
 * A query that cannot run answers HTTP 200 with an SRU diagnostic.
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
    const base = this.links.origin();
    const body = await this.sru.answer(query, `${base}/api/t/${currentTenant().slug}/sru`, base);
    return publicBody(res, body, SEARCH_MAX_AGE, SRU_MEDIA_TYPE);
  }
}
