import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HistoryDeleted, HistoryPage, HistorySettings, ReadingGoal, Shelf, ShelfEntry, ShelfEntryState, ShelfMembership } from '@shiori/contracts';
import { CurrentPrincipal, PatronOnly } from '../../engine/auth/auth.decorators';
import type { Principal } from '../../engine/auth/sessions.service';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { CreateShelfDto, HistoryOptInDto, HistoryQueryDto, ReadingGoalDto, ReadingGoalQueryDto, ShelfEntryDto } from './dto/reading.dto';
import { ReadingService } from './reading.service';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;

@ApiTags('my lists')
@Controller('t/:slug/me')
export class ReadingController {
  constructor(private readonly reading: ReadingService) {}

  @PatronOnly() @Get('shelves') @ApiAnswer(['Shelf'])
  shelves(@CurrentPrincipal() p: PatronPrincipal): Promise<Shelf[]> {
    return this.reading.shelves(p.patronId);
  }

  /** `?recordId=`: the shelves that hold a record, with marks. */
  @PatronOnly() @Get('shelves/containing') @ApiAnswer(['ShelfMembership'])
  containing(@CurrentPrincipal() p: PatronPrincipal, @Query('recordId', ParseUUIDPipe) recordId: string): Promise<ShelfMembership[]> {
    return this.reading.shelvesOf(p.patronId, recordId);
  }

  @PatronOnly() @Post('shelves') @ApiAnswer('Shelf')
  createShelf(@CurrentPrincipal() p: PatronPrincipal, @Body() body: CreateShelfDto): Promise<Shelf> {
    return this.reading.createShelf(p.patronId, body.name);
  }

  @PatronOnly() @Patch('shelves/:id') @ApiAnswer('Shelf')
  renameShelf(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateShelfDto): Promise<Shelf> {
    return this.reading.renameShelf(p.patronId, id, body.name);
  }

  @PatronOnly() @Delete('shelves/:id') @HttpCode(204)
  deleteShelf(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reading.deleteShelf(p.patronId, id);
  }

  @PatronOnly() @Get('shelves/:id/entries') @ApiAnswer(['ShelfEntry'])
  entries(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ShelfEntry[]> {
    return this.reading.entries(p.patronId, id);
  }

  @PatronOnly() @Put('shelves/:id/entries/:recordId') @ApiAnswer('ShelfEntryState')
  putEntry(
    @CurrentPrincipal() p: PatronPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Body() body: ShelfEntryDto,
  ): Promise<ShelfEntryState> {
    return this.reading.putEntry(p.patronId, id, recordId, body);
  }

  @PatronOnly() @Delete('shelves/:id/entries/:recordId') @HttpCode(204)
  removeEntry(@CurrentPrincipal() p: PatronPrincipal, @Param('id', ParseUUIDPipe) id: string, @Param('recordId', ParseUUIDPipe) recordId: string) {
    return this.reading.removeEntry(p.patronId, id, recordId);
  }

  @PatronOnly() @Get('history/settings') @ApiAnswer('HistorySettings')
  historySettings(@CurrentPrincipal() p: PatronPrincipal): Promise<HistorySettings> {
    return this.reading.historySettings(p.patronId);
  }

  @PatronOnly() @Put('history/settings') @ApiAnswer('HistorySettings')
  setHistory(@CurrentPrincipal() p: PatronPrincipal, @Body() body: HistoryOptInDto): Promise<HistorySettings> {
    return this.reading.setHistory(p.patronId, body);
  }

  @PatronOnly() @Get('history') @ApiAnswer('HistoryPage')
  history(@CurrentPrincipal() p: PatronPrincipal, @Query() q: HistoryQueryDto): Promise<HistoryPage> {
    return this.reading.history(p.patronId, q.page, q.size);
  }

  @PatronOnly() @Get('history.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reading-history.csv"')
  historyCsv(@CurrentPrincipal() p: PatronPrincipal) {
    return this.reading.historyCsv(p.patronId);
  }

  @PatronOnly() @Delete('history') @ApiAnswer('HistoryDeleted')
  deleteHistory(@CurrentPrincipal() p: PatronPrincipal): Promise<HistoryDeleted> {
    return this.reading.deleteHistory(p.patronId);
  }

  @PatronOnly() @Get('reading-goal') @ApiAnswer('ReadingGoal')
  goal(@CurrentPrincipal() p: PatronPrincipal, @Query() q: ReadingGoalQueryDto): Promise<ReadingGoal> {
    return this.reading.readingGoal(p.patronId, q.year);
  }

  @PatronOnly() @Put('reading-goal') @ApiAnswer('ReadingGoal')
  setGoal(@CurrentPrincipal() p: PatronPrincipal, @Body() body: ReadingGoalDto): Promise<ReadingGoal> {
    return this.reading.setReadingGoal(p.patronId, body.target, body.year);
  }
}
