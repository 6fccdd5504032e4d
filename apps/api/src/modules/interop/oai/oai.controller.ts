import { Body, Controller, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { currentTenant } from '@shiori/tenancy';
import { Public } from '../../../engine/auth/auth.decorators';
import { PublicLinks } from '../../../engine/http/public-links';
import { NoTenantTransaction } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { PublicCatalogueRateLimit, publicBody } from '../../../engine/http/public-catalogue';
import { OaiService } from './oai.service';

/** Seconds an OAI-PMH answer may be reused: a harvest reads each page once; a re-read may be a little stale. */
const OAI_MAX_AGE = 60;

/**
 * OAI-PMH 2.0 of a city (GET, and POST with a form body, as the protocol allows). Errors of
 * the protocol are OAI-PMH <error> answers with HTTP 200. Public, rate-limited per IP.
 */
@ApiTags('interoperability (public)')
@Controller('t/:slug')
@UseGuards(PublicCatalogueRateLimit)
export class OaiController {
  constructor(
    private readonly oai: OaiService,
    private readonly links: PublicLinks,
  ) {}

  private async answer(params: Record<string, unknown>, res: Response): Promise<string> {
    const baseUrl = this.links.origin();
    const body = await this.oai.answer(params, { baseUrl, endpoint: `${baseUrl}/api/t/${currentTenant().slug}/oai` });
    return publicBody(res, body, OAI_MAX_AGE, 'text/xml; charset=utf-8');
  }

  @Public() @NoTenantTransaction() @Get('oai')
  @ApiOperation({ summary: 'OAI-PMH 2.0', description: 'Verbs Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers, ListRecords; metadataPrefix marcxml, oai_dc, dcndl (DC-NDL Simple; also dcndl_simple); sets type:<material type>, ndc:<0-9>.' })
  @ApiProduces('text/xml')
  @ApiQuery({ name: 'verb', required: true, enum: ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] })
  @ApiQuery({ name: 'metadataPrefix', required: false, enum: ['marcxml', 'oai_dc', 'dcndl', 'dcndl_simple'] })
  @ApiQuery({ name: 'identifier', required: false, description: 'oai:<host>:<city>/<record id>' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ' })
  @ApiQuery({ name: 'until', required: false, description: 'YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ' })
  @ApiQuery({ name: 'set', required: false, description: 'type, type:<code>, ndc, ndc:<0-9>' })
  @ApiQuery({ name: 'resumptionToken', required: false })
  @ApiOkResponse({ description: 'OAI-PMH response (XML), errors included' })
  get(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.answer(query, res);
  }

  @Public() @NoTenantTransaction() @Post('oai') @HttpCode(200)
  @ApiOperation({ summary: 'OAI-PMH 2.0 (form body)', description: 'The same as GET, with the arguments as application/x-www-form-urlencoded.' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/xml')
  @ApiOkResponse({ description: 'OAI-PMH response (XML), errors included' })
  post(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.answer(body ?? {}, res);
  }
}
