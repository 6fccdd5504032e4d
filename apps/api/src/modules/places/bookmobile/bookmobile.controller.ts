import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { BookmobileClosures, BookmobileStationTimetable, BusPreview, BusTimetable, TimetableImportReport } from '@shiori/contracts';
import { Public, Staff } from '../../../engine/auth/auth.decorators';
import { PublicCatalogueRateLimit, publicJson } from '../../../engine/http/public-catalogue';
import { ImportTimetableDto, PreviewQueryDto, PublicBookmobileQueryDto, PutClosuresDto, PutStopsDto } from './bookmobile.dto';
import { BookmobileService } from './bookmobile.service';
import { ApiAnswer } from '../../../engine/openapi/api-answer';

/** Seconds a browser may reuse the public timetable (it changes a few times a year). */
const TIMETABLE_MAX_AGE = 300;

/** The bookmobile's timetable for librarians (巡回表の編集). */
@ApiTags('bookmobile (librarians)')
@Controller('t/:slug/admin/bookmobile')
export class BookmobileAdminController {
  constructor(private readonly svc: BookmobileService) {}

  /** Every bus with its stations, stops and closures. */
  @Staff() @Get() @ApiAnswer(['BusTimetable'])
  async buses(): Promise<BusTimetable[]> {
    const buses = await this.svc.buses();
    return Promise.all(buses.map((b) => this.svc.timetable(b.code)));
  }

  @Staff() @Get(':code/timetable') @ApiAnswer('BusTimetable')
  timetable(@Param('code') code: string): Promise<BusTimetable> {
    return this.svc.timetable(code);
  }

  /** Replaces one station's stops; 422 TIMETABLE_INVALID with `errors` (`stops.<i>.<field>`). */
  @Staff() @Put('stations/:code/stops') @ApiAnswer('BookmobileStationTimetable')
  putStops(@Param('code') code: string, @Body() body: PutStopsDto): Promise<BookmobileStationTimetable> {
    return this.svc.putStationStops(code, body.stops);
  }

  @Staff() @Put(':code/closures') @ApiAnswer('BookmobileClosures')
  putClosures(@Param('code') code: string, @Body() body: PutClosuresDto): Promise<BookmobileClosures> {
    return this.svc.putClosures(code, body);
  }

  /** The bus's visits day by day (default: 8 weeks from today). */
  @Staff() @Get(':code/preview') @ApiAnswer('BusPreview')
  preview(@Param('code') code: string, @Query() q: PreviewQueryDto): Promise<BusPreview> {
    return this.svc.preview(code, q.from, q.weeks ?? 8);
  }

  /** A published timetable as CSV; the rows with problems are left out and reported by line. */
  @Staff() @Post(':code/import') @ApiAnswer('TimetableImportReport') @HttpCode(200)
  importCsv(@Param('code') code: string, @Body() body: ImportTimetableDto): Promise<TimetableImportReport> {
    return this.svc.importCsv(code, body.csv);
  }
}

/** What patrons read: the station picker's next visits, 館の案内's timetable and month of stops. */
@ApiTags('bookmobile')
@Controller('t/:slug')
export class BookmobilePublicController {
  constructor(private readonly svc: BookmobileService) {}

  @Public() @Get('bookmobile') @UseGuards(PublicCatalogueRateLimit)
  async view(@Query() q: PublicBookmobileQueryDto, @Res({ passthrough: true }) res: Response) {
    return publicJson(res, JSON.stringify(await this.svc.publicView(q.from, q.visits ?? 3)), TIMETABLE_MAX_AGE);
  }
}
