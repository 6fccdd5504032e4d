import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Staff } from '../../engine/auth/auth.decorators';
import { IntIdPipe } from '../../engine/validation';
import { ExplainDto } from './dto/policy.dto';
import { PolicyAdminService } from './policy-admin.service';

@ApiTags('policy (librarians)')
@Controller('t/:slug/admin')
export class PolicyController {
  constructor(private readonly svc: PolicyAdminService) {}

  @Staff() @Get('policy')
  getPolicy() {
    return this.svc.getPolicy();
  }

  /** The whole policy; validated by the one schema in libs/policy (422 with field `errors`). */
  @Staff() @Put('policy')
  @ApiBody({ schema: { type: 'object', description: 'the whole policy (see GET policy)' } })
  putPolicy(@Body() body: unknown) {
    return this.svc.putPolicy(body);
  }

  @Staff() @Get('policy/versions')
  versions() {
    return this.svc.versions();
  }

  @Staff() @Get('policy/diff')
  diff(@Query('from', new IntIdPipe('int')) from: number, @Query('to', new IntIdPipe('int')) to: number) {
    return this.svc.diff(from, to);
  }

  @Staff() @Post('policy/versions/:version/revert')
  revert(@Param('version', new IntIdPipe('int')) version: number) {
    return this.svc.revert(version);
  }

  @Staff() @Post('policy/explain') @HttpCode(200)
  explain(@Body() body: ExplainDto) {
    return this.svc.explain(body);
  }

  /** Patron categories and material types that loan rules may name (from the preset, per tenant). */
  @Staff() @Get('codes')
  codes() {
    return this.svc.codes();
  }
}
