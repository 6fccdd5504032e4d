import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PatronOnly } from '../../engine/auth/auth.decorators';
import type { Principal } from '../../engine/auth/sessions.service';
import { CreateShelfDto, HistoryOptInDto, HistoryQueryDto, ReadingGoalDto, ReadingGoalQueryDto, ShelfEntryDto } from './dto/reading.dto';
import { ReadingService } from './reading.service';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;

@ApiTags('my lists')
@Controller('t/:slug/me')
export class ReadingController {
  constructor(private readonly reading: ReadingService) {}

  @PatronOnly() @Get('shelves')
  shelves(@CurrentPrincipal() p: PatronPrincipal) {
    return this.reading.shelves(p.patronId);
  }

  /** `?recordId=`: the shelves that hold a record, with marks. */
  @PatronOnly() @Get('shelves/containing')
  containing(@CurrentPrincipal() p: PatronPrincipal, @Query('recordId', ParseUUIDPipe) recordId: string) {
    return this.reading.shelvesOf(p.patronId, recordId);
  }

  @PatronOnly() @Post('shelves')
  createShelf(@CurrentPrincipal() p: PatronPrincipal, @Body() body: CreateShelfDto) {
    return this.reading.createShelf(p.patronId, body.name);
  }

  @PatronOnly() @Patch('shelves/:id')
  renameShelf(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateShelfDto) {
    return this.reading.renameShelf(p.patronId, id, body.name);
  }

  @PatronOnly() @Delete('shelves/:id') @HttpCode(204)
  deleteShelf(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reading.deleteShelf(p.patronId, id);
  }

  @PatronOnly() @Get('shelves/:id/entries')
  entries(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reading.entries(p.patronId, id);
  }

  @PatronOnly() @Put('shelves/:id/entries/:recordId')
  putEntry(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string, @Param('recordId', ParseUUIDPipe) recordId: string, @Body() body: ShelfEntryDto) {
    return this.reading.putEntry(p.patronId, id, recordId, body);
  }

  @PatronOnly() @Delete('shelves/:id/entries/:recordId') @HttpCode(204)
  removeEntry(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string, @Param('recordId', ParseUUIDPipe) recordId: string) {
    return this.reading.removeEntry(p.patronId, id, recordId);
  }

  @PatronOnly() @Get('history/settings')
  historySettings(@CurrentPrincipal() p: PatronPrincipal) {
    return this.reading.historySettings(p.patronId);
  }

  @PatronOnly() @Put('history/settings')
  setHistory(@CurrentPrincipal() p: PatronPrincipal, @Body() body: HistoryOptInDto) {
    return this.reading.setHistory(p.patronId, body);
  }

  @PatronOnly() @Get('history')
  history(@CurrentPrincipal() p: PatronPrincipal, @Query() q: HistoryQueryDto) {
    return this.reading.history(p.patronId, q.page, q.size);
  }

  @PatronOnly() @Get('history.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reading-history.csv"')
  historyCsv(@CurrentPrincipal() p: PatronPrincipal) {
    return this.reading.historyCsv(p.patronId);
  }

  @PatronOnly() @Delete('history')
  deleteHistory(@CurrentPrincipal() p: PatronPrincipal) {
    return this.reading.deleteHistory(p.patronId);
  }

  @PatronOnly() @Get('reading-goal')
  goal(@CurrentPrincipal() p: PatronPrincipal, @Query() q: ReadingGoalQueryDto) {
    return this.reading.readingGoal(p.patronId, q.year);
  }

  @PatronOnly() @Put('reading-goal')
  setGoal(@CurrentPrincipal() p: PatronPrincipal, @Body() body: ReadingGoalDto) {
    return this.reading.setReadingGoal(p.patronId, body.target, body.year);
  }
}
