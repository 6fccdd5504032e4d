import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditPage, Statistics } from '@shiori/contracts';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { Staff } from '../../engine/auth/auth.decorators';
import { AuditQueryDto, StatisticsQueryDto } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('statistics and audit (librarians)')
@Controller('t/:slug/admin')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Loans per month and per branch, holds by status, new patrons per month (for the charts). */
  @Staff() @Get('statistics') @ApiAnswer('Statistics')
  statistics(@Query() q: StatisticsQueryDto): Promise<Statistics> {
    return this.reports.statistics(q.months);
  }

  /** Every staff write, newest first; filter by action prefix, entity and entity id. */
  @Staff() @Get('audit') @ApiAnswer('AuditPage')
  audit(@Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.reports.audit(q);
  }
}
