import { Controller, Get, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../engine/auth/auth.decorators';
import { DatabaseErrors } from '../../engine/database/connection-errors';
import { DomainError } from '../../engine/errors/domain-error';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  /** 200 `{status:'ok'}` when the database answers; else 503 DATABASE_UNAVAILABLE with Retry-After (load balancers, Docker HEALTHCHECK). */
  @Public()
  @Get('health')
  async health() {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new DomainError(DatabaseErrors.DATABASE_UNAVAILABLE);
    }
    return { status: 'ok' };
  }

  /** The CSRF token of the current cookie session (send it as `X-CSRF-Token` with writes). */
  @Public({ principal: true })
  @Get('csrf')
  csrf(@Req() req: Request) {
    return { token: req.principal?.csrfToken ?? null };
  }
}
