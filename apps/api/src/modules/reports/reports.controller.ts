import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Staff } from '../../engine/auth/auth.decorators';
import { ReportsService } from './reports.service';

@ApiTags('statistics and audit (librarians)')
@Controller('t/:slug/admin')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Loans per month and per branch, holds by status, new patrons per month (for the charts). */
  @Staff() @Get('statistics')
  statistics(@Query('months') months?: string) {
    return this.reports.statistics(Math.min(60, Math.max(1, Number(months) || 12)));
  }

  /** Every staff write, newest first; filter by action prefix, entity and entity id. */
  @Staff() @Get('audit')
  audit(@Query('page') page?: string, @Query('size') size?: string, @Query('action') action?: string, @Query('entity') entity?: string, @Query('entityId') entityId?: string) {
    return this.reports.audit({ page: Math.max(1, Number(page) || 1), size: Math.min(200, Math.max(1, Number(size) || 50)), action, entity, entityId });
  }
}
