import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Staff } from '../../engine/auth/auth.decorators';
import { AuditQueryDto, StatisticsQueryDto } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('statistics and audit (librarians)')
@Controller('t/:slug/admin')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Loans per month and per branch, holds by status, new patrons per month (for the charts). */
  @Staff() @Get('statistics')
  statistics(@Query() q: StatisticsQueryDto) {
    return this.reports.statistics(q.months);
  }

  /** Every staff write, newest first; filter by action prefix, entity and entity id. */
  @Staff() @Get('audit')
  audit(@Query() q: AuditQueryDto) {
    return this.reports.audit(q);
  }
}
