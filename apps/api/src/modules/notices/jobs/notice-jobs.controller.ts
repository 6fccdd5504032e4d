import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlatformAdmin } from '../../../engine/auth/auth.decorators';
import { RunJobDto } from '../dto/notices.dto';
import { NoticeJobs } from './notice-jobs.service';

@ApiTags('platform (regional IT)')
@Controller('platform/jobs')
export class NoticeJobsController {
  constructor(private readonly jobs: NoticeJobs) {}

  /**
   * Runs a notice job now for every library, for `date` (a library day, default today).
   * A day already run answers `status: 'skipped'`: each job sends once per day.
   * Names: `due-reminders`, `overdue-notices`, `new-arrival-alerts`, `card-expiry-reminders`.
   */
  @PlatformAdmin() @Post(':name/run') @HttpCode(200)
  run(@Param('name') name: string, @Body() body: RunJobDto) {
    return this.jobs.run(name, body.date);
  }
}
