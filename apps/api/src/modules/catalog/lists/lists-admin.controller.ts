import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RecommendedListSummary, RecommendedListView } from '@shiori/contracts';
import { Staff } from '../../../engine/auth/auth.decorators';
import { CreateRecommendedListDto, UpdateRecommendedListDto } from '../dto/lists.dto';
import { ListsService } from './lists.service';
import { ApiAnswer } from '../../../engine/openapi/api-answer';

/** Recommended lists (おすすめ) that librarians curate for the OPAC. */
@ApiTags('catalogue (librarians)')
@Controller('t/:slug/admin/lists')
export class ListsAdminController {
  constructor(private readonly lists: ListsService) {}

  @Staff() @Get() @ApiAnswer(['RecommendedListSummary'])
  list(): Promise<RecommendedListSummary[]> {
    return this.lists.adminList();
  }

  @Staff() @Post() @ApiAnswer('RecommendedListView')
  create(@Body() body: CreateRecommendedListDto): Promise<RecommendedListView> {
    return this.lists.create(body);
  }

  @Staff() @Get(':id') @ApiAnswer('RecommendedListView')
  get(@Param('id') id: string): Promise<RecommendedListView> {
    return this.lists.adminGet(id);
  }

  @Staff() @Patch(':id') @ApiAnswer('RecommendedListView')
  update(@Param('id') id: string, @Body() body: UpdateRecommendedListDto): Promise<RecommendedListView> {
    return this.lists.update(id, body);
  }

  @Staff() @Delete(':id') @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.lists.remove(id);
  }
}
