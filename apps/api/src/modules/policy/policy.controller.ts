import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { PolicyCodes, PolicyDiff, PolicyDocument, PolicyExplanation, PolicyVersionEntry } from '@shiori/contracts';
import { Staff } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { IntIdPipe } from '../../engine/validation';
import { ExplainDto } from './dto/policy.dto';
import { PolicyAdminService } from './policy-admin.service';

@ApiTags('policy (librarians)')
@Controller('t/:slug/admin')
export class PolicyController {
  constructor(private readonly svc: PolicyAdminService) {}

  @Staff() @Get('policy') @ApiAnswer('PolicyDocument')
  getPolicy(): Promise<PolicyDocument> {
    return this.svc.getPolicy();
  }

  /** The whole policy; validated by the one schema in libs/policy (422 with field `errors`). */
  @Staff() @Put('policy') @ApiAnswer('PolicyDocument')
  @ApiBody({ schema: { type: 'object', description: 'the whole policy (see GET policy)' } })
  putPolicy(@Body() body: unknown): Promise<PolicyDocument> {
    return this.svc.putPolicy(body);
  }

  @Staff() @Get('policy/versions') @ApiAnswer(['PolicyVersionEntry'])
  versions(): Promise<PolicyVersionEntry[]> {
    return this.svc.versions();
  }

  @Staff() @Get('policy/diff') @ApiAnswer('PolicyDiff')
  diff(@Query('from', new IntIdPipe('int')) from: number, @Query('to', new IntIdPipe('int')) to: number): Promise<PolicyDiff> {
    return this.svc.diff(from, to);
  }

  @Staff() @Post('policy/versions/:version/revert') @ApiAnswer('PolicyDocument')
  revert(@Param('version', new IntIdPipe('int')) version: number): Promise<PolicyDocument> {
    return this.svc.revert(version);
  }

  @Staff() @Post('policy/explain') @HttpCode(200) @ApiAnswer('PolicyExplanation')
  explain(@Body() body: ExplainDto): Promise<PolicyExplanation> {
    return this.svc.explain(body);
  }

  /** Patron categories and material types that loan rules may name (from the preset, per tenant). */
  @Staff() @Get('codes') @ApiAnswer('PolicyCodes')
  codes(): Promise<PolicyCodes> {
    return this.svc.codes();
  }
}
