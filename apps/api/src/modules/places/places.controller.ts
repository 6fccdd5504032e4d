import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Branch, BranchDeletion, ClosedDay, HolidaysAdded, LibraryInfo, PickupPoint, PickupPointDeletion } from '@shiori/contracts';
import { Public, Staff } from '../../engine/auth/auth.decorators';
import { IntIdPipe } from '../../engine/validation';
import { PublicCatalogueRateLimit, publicJson } from '../../engine/http/public-catalogue';
import { CalendarService } from './calendar.service';
import { ClosedDaysService } from './closed-days.service';
import { AddHolidaysDto, CreateBranchDto, CreateClosedDayDto, DateRangeQueryDto, CreatePickupPointDto, UpdateBranchDto, UpdatePickupPointDto } from './dto/places.dto';
import { InfoService } from './info.service';
import { PlacesService } from './places.service';
import { ApiAnswer } from '../../engine/openapi/api-answer';

/** Seconds a browser or proxy may reuse the public calendar: closed days change rarely, and never for the past. */
const CALENDAR_MAX_AGE = 300;

@ApiTags('policy (librarians)')
@Controller('t/:slug/admin')
export class PlacesController {
  constructor(
    private readonly places: PlacesService,
    private readonly calendar: ClosedDaysService,
  ) {}

  @Staff() @Get('branches') @ApiAnswer(['Branch'])
  branches(): Promise<Branch[]> {
    return this.places.branches();
  }

  @Staff() @Post('branches') @ApiAnswer('Branch')
  createBranch(@Body() body: CreateBranchDto): Promise<Branch> {
    return this.places.createBranch(body);
  }

  @Staff() @Patch('branches/:code') @ApiAnswer('Branch')
  updateBranch(@Param('code') code: string, @Body() body: UpdateBranchDto): Promise<Branch> {
    return this.places.updateBranch(code, body);
  }

  /**
   * Deletes an unused branch with its pickup points and closed days (`outcome: 'deleted'`);
   * one that history names (loans, withdrawn copies, holds at its pickup points, past closed
   * days, news, loan rules) is taken out of use with its pickup points instead (`outcome:
   * 'deactivated'`); 409 BRANCH_IN_USE (with `copies`, `openLoans`, `activeHolds`,
   * `lastActiveBranch`) while copies, open loans or active holds use it or it is the last
   * branch in use; 404 BRANCH_NOT_FOUND.
   */
  @Staff() @Delete('branches/:code') @ApiAnswer('BranchDeletion') @HttpCode(200)
  deleteBranch(@Param('code') code: string): Promise<BranchDeletion> {
    return this.places.deleteBranch(code);
  }

  @Staff() @Get('pickup-points') @ApiAnswer(['PickupPoint'])
  pickupPoints(): Promise<PickupPoint[]> {
    return this.places.pickupPoints();
  }

  @Staff() @Post('pickup-points') @ApiAnswer('PickupPoint')
  createPickupPoint(@Body() body: CreatePickupPointDto): Promise<PickupPoint> {
    return this.places.createPickupPoint(body);
  }

  @Staff() @Patch('pickup-points/:code') @ApiAnswer('PickupPoint')
  updatePickupPoint(@Param('code') code: string, @Body() body: UpdatePickupPointDto): Promise<PickupPoint> {
    return this.places.updatePickupPoint(code, body);
  }

  /**
   * Deletes an unused pickup point (`outcome: 'deleted'`); one that only finished holds name
   * is taken out of use instead (`outcome: 'deactivated'`); 409 PICKUP_POINT_IN_USE (with
   * `activeHolds`) while holds wait for, travel to or sit at it.
   */
  @Staff() @Delete('pickup-points/:code') @ApiAnswer('PickupPointDeletion') @HttpCode(200)
  deletePickupPoint(@Param('code') code: string): Promise<PickupPointDeletion> {
    return this.places.deletePickupPoint(code);
  }

  @Staff() @Get('closed-days') @ApiAnswer(['ClosedDay'])
  closedDays(@Query() { from, to }: DateRangeQueryDto): Promise<ClosedDay[]> {
    return this.calendar.closedDays(from, to);
  }

  @Staff() @Post('closed-days') @ApiAnswer('ClosedDay')
  addClosedDay(@Body() body: CreateClosedDayDto): Promise<ClosedDay> {
    return this.calendar.addClosedDay(body);
  }

  @Staff() @Post('closed-days/holidays') @ApiAnswer('HolidaysAdded')
  addHolidays(@Body() body: AddHolidaysDto): Promise<HolidaysAdded> {
    return this.calendar.addHolidays(body);
  }

  @Staff() @Delete('closed-days/:id') @HttpCode(204)
  removeClosedDay(@Param('id', new IntIdPipe('bigint')) id: string): Promise<void> {
    return this.calendar.removeClosedDay(id);
  }
}

@ApiTags('public')
@Controller('t/:slug')
export class InfoController {
  constructor(
    private readonly infoService: InfoService,
    private readonly calendarService: CalendarService,
  ) {}

  /** City name, branches, pickup points and the patron-facing part of the policy (a city without a bookmobile is answered by InfoRoute, the same LibraryInfo). */
  @Public() @Get('info') @ApiAnswer('LibraryInfo')
  info(@Req() req: Request): Promise<LibraryInfo> {
    return this.infoService.info(req.tenant!.slug, req.tenant!.name);
  }

  /**
   * The opening calendar (開館カレンダー) of the active branches: per branch, every closed day
   * from `from` to `to` (default this month and the next; at most 92 days) with its reason
   * (`weekly: true` for a regular closing day), and whether it is open today.
   */
  @Public() @Get('calendar') @UseGuards(PublicCatalogueRateLimit)
  async calendar(@Query() q: DateRangeQueryDto, @Res({ passthrough: true }) res: Response) {
    return publicJson(res, JSON.stringify(await this.calendarService.publicCalendar(q.from, q.to)), CALENDAR_MAX_AGE);
  }
}
