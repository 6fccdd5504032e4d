import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { StaffItemLookup, StaffRecordSearchResult, StaffRecordView } from '@shiori/contracts';
import { Staff } from '../../../engine/auth/auth.decorators';
import { CreateRecordDto, ItemDto, UpdateItemDto, UpdateRecordDto } from '../dto/record.dto';
import { RecordSearchQueryDto, searchRecords } from './records-search';
import { RecordsService } from './records.service';
import { ApiAnswer } from '../../../engine/openapi/api-answer';

@ApiTags('catalogue (librarians)')
@Controller('t/:slug/admin')
export class RecordsAdminController {
  constructor(private readonly records: RecordsService) {}

  /** A bibliographic record with its copies. */
  @Staff() @Post('records') @ApiAnswer('StaffRecordView')
  create(@Body() body: CreateRecordDto): Promise<StaffRecordView> {
    return this.records.create(body);
  }

  /**
   * Staff search (@shiori/contracts StaffRecordSearchResult). `q` as in the OPAC (words, readings, ISBN), or a
   * copy's barcode or the control number exactly; withdrawn (除籍) records with `withdrawn=include|only`. Exact total.
   */
  @Staff() @Get('records') @ApiAnswer('StaffRecordSearchResult')
  @ApiOkResponse({ description: 'records found, withdrawn ones when asked' })
  search(@Query() query: RecordSearchQueryDto): Promise<StaffRecordSearchResult> {
    return searchRecords(query);
  }

  /** The record with every copy, withdrawn ones included. */
  @Staff() @Get('records/:id') @ApiAnswer('StaffRecordView')
  get(@Param('id') id: string): Promise<StaffRecordView> {
    return this.records.get(id);
  }

  @Staff() @Patch('records/:id') @ApiAnswer('StaffRecordView')
  update(@Param('id') id: string, @Body() body: UpdateRecordDto): Promise<StaffRecordView> {
    return this.records.update(id, body);
  }

  /** Withdraws (除籍) the record and its copies; refused while a copy circulates or holds wait. */
  @Staff() @Delete('records/:id') @ApiAnswer('StaffRecordView')
  withdraw(@Param('id') id: string): Promise<StaffRecordView> {
    return this.records.withdraw(id);
  }

  @Staff() @Post('records/:id/items') @ApiAnswer('StaffItemLookup')
  addItem(@Param('id') id: string, @Body() body: ItemDto): Promise<StaffItemLookup> {
    return this.records.addItem(id, body);
  }

  @Staff() @Get('items/:barcode') @ApiAnswer('StaffItemLookup')
  getItem(@Param('barcode') barcode: string): Promise<StaffItemLookup> {
    return this.records.getItem(barcode);
  }

  /** Branch, loan category (禁帯出), shelf location, or status missing / on-shelf / withdrawn. */
  @Staff() @Patch('items/:barcode') @ApiAnswer('StaffItemLookup')
  updateItem(@Param('barcode') barcode: string, @Body() body: UpdateItemDto): Promise<StaffItemLookup> {
    return this.records.updateItem(barcode, body);
  }

  @Staff() @Delete('items/:barcode') @ApiAnswer('StaffItemLookup') @HttpCode(200)
  withdrawItem(@Param('barcode') barcode: string): Promise<StaffItemLookup> {
    return this.records.withdrawItem(barcode);
  }
}
