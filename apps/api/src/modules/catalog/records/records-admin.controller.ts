import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Staff } from '../../../engine/auth/auth.decorators';
import { CreateRecordDto, ItemDto, UpdateItemDto, UpdateRecordDto } from '../dto/record.dto';
import { RecordSearchQueryDto, searchRecords } from './records-search';
import { RecordsService } from './records.service';

@ApiTags('catalogue (librarians)')
@Controller('t/:slug/admin')
export class RecordsAdminController {
  constructor(private readonly records: RecordsService) {}

  /** A bibliographic record with its copies. */
  @Staff() @Post('records')
  create(@Body() body: CreateRecordDto) {
    return this.records.create(body);
  }

  /**
   * Staff search: `{total, page, size, hits:[{id,title,titleReading,volume,authors,publisher,year,isbn,controlNumber,
   * materialType,withdrawnAt,updatedAt,copies:{total,available}}]}`. `q` as in the OPAC (words, readings, ISBN), or a
   * copy's barcode or the control number exactly; withdrawn (除籍) records with `withdrawn=include|only`. Exact total.
   */
  @Staff() @Get('records')
  @ApiOkResponse({ description: 'records found, withdrawn ones when asked' })
  search(@Query() query: RecordSearchQueryDto) {
    return searchRecords(query);
  }

  /** The record with every copy, withdrawn ones included. */
  @Staff() @Get('records/:id')
  get(@Param('id') id: string) {
    return this.records.get(id);
  }

  @Staff() @Patch('records/:id')
  update(@Param('id') id: string, @Body() body: UpdateRecordDto) {
    return this.records.update(id, body);
  }

  /** Withdraws (除籍) the record and its copies; refused while a copy circulates or holds wait. */
  @Staff() @Delete('records/:id')
  withdraw(@Param('id') id: string) {
    return this.records.withdraw(id);
  }

  @Staff() @Post('records/:id/items')
  addItem(@Param('id') id: string, @Body() body: ItemDto) {
    return this.records.addItem(id, body);
  }

  @Staff() @Get('items/:barcode')
  getItem(@Param('barcode') barcode: string) {
    return this.records.getItem(barcode);
  }

  /** Branch, loan category (禁帯出), shelf location, or status missing / on-shelf / withdrawn. */
  @Staff() @Patch('items/:barcode')
  updateItem(@Param('barcode') barcode: string, @Body() body: UpdateItemDto) {
    return this.records.updateItem(barcode, body);
  }

  @Staff() @Delete('items/:barcode') @HttpCode(200)
  withdrawItem(@Param('barcode') barcode: string) {
    return this.records.withdrawItem(barcode);
  }
}
