import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { StaffPatronView, TemporaryPassword } from '@shiori/contracts';
import { Staff } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { BlockPatronDto, CreatePatronDto, PatronSearchQueryDto, UpdatePatronDto } from './dto/patron.dto';
import { PatronsService } from './patrons.service';

@ApiTags('patrons (librarians)')
@Controller('t/:slug/admin/patrons')
export class PatronsController {
  constructor(private readonly patrons: PatronsService) {}

  @Staff() @Post() @ApiAnswer('StaffPatronView')
  create(@Body() body: CreatePatronDto): Promise<StaffPatronView> {
    return this.patrons.create(body);
  }

  /** Search by card number (as typed) or by name / katakana reading. */
  @Staff() @Get() @ApiAnswer(['StaffPatronView'])
  search(@Query() { q }: PatronSearchQueryDto): Promise<StaffPatronView[]> {
    return this.patrons.search(q);
  }

  @Staff() @Get(':id') @ApiAnswer('StaffPatronView')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StaffPatronView> {
    return this.patrons.get(id);
  }

  @Staff() @Patch(':id') @ApiAnswer('StaffPatronView')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePatronDto): Promise<StaffPatronView> {
    return this.patrons.update(id, body);
  }

  @Staff() @Post(':id/renew-card') @HttpCode(200) @ApiAnswer('StaffPatronView')
  renewCard(@Param('id', ParseUUIDPipe) id: string): Promise<StaffPatronView> {
    return this.patrons.renewCard(id);
  }

  @Staff() @Post(':id/block') @HttpCode(200) @ApiAnswer('StaffPatronView')
  block(@Param('id', ParseUUIDPipe) id: string, @Body() body: BlockPatronDto): Promise<StaffPatronView> {
    return this.patrons.setBlocked(id, body.blocked, body.reason);
  }

  @Staff() @Post(':id/temporary-password') @HttpCode(200) @ApiAnswer('TemporaryPassword')
  temporaryPassword(@Param('id', ParseUUIDPipe) id: string): Promise<TemporaryPassword> {
    return this.patrons.temporaryPassword(id);
  }
}
