import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Region } from '@shiori/contracts';
import { PlatformAdmin } from '../../engine/auth/auth.decorators';
import { DomainError } from '../../engine/errors/domain-error';
import { CreateRegionDto, UpdateRegionDto } from './dto/region.dto';
import { RegionCodePipe } from './region-code.pipe';
import { RegionsService } from './regions.service';
import { ApiAnswer } from '../../engine/openapi/api-answer';

/** Regions for regional IT: which libraries search (and, by agreement, lend) together. */
@ApiTags('platform')
@Controller('platform/regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @PlatformAdmin()
  @Post() @ApiAnswer('Region')
  create(@Body() body: CreateRegionDto): Promise<Region> {
    return this.regions.create(body);
  }

  @PlatformAdmin()
  @Get() @ApiAnswer(['Region'])
  list(): Promise<Region[]> {
    return this.regions.list();
  }

  @PlatformAdmin()
  @Get(':code') @ApiAnswer('Region')
  get(@Param('code', RegionCodePipe) code: string): Promise<Region> {
    return this.regions.get(code);
  }

  /** Name, English name, and members added (`addMembers`) or removed (`removeMembers`) by slug. */
  @PlatformAdmin()
  @Patch(':code') @ApiAnswer('Region')
  update(@Param('code', RegionCodePipe) code: string, @Body() body: UpdateRegionDto): Promise<Region> {
    if (body.name === undefined && body.nameEn === undefined && !body.addMembers?.length && !body.removeMembers?.length) {
      throw new DomainError('VALIDATION', undefined, [
        {
          path: 'name',
          code: 'NOTHING_TO_CHANGE',
          message: { ja: '変更する項目（名称または追加・削除する図書館）を指定してください。', en: 'Give a field to change (name, nameEn, addMembers or removeMembers).' },
        },
      ]);
    }
    return this.regions.update(code, body);
  }
}
