import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, PlatformAdmin, Public } from '../../engine/auth/auth.decorators';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { setSessionCookie, clearSessionCookie } from '../../engine/auth/cookies';
import { RateLimiter } from '../../engine/http/rate-limiter';
import { DomainError } from '../../engine/errors/domain-error';
import { CreateStaffDto, CreateTenantDto, LoginDto, UpdateTenantDto } from './dto/platform.dto';
import { StaffService } from './staff.service';
import { TenantsService } from './tenants.service';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../engine/jobs/job-runner.service';
import { PresetService } from '../policy-admin/preset.service';

@ApiTags('platform')
@Controller('platform')
export class PlatformController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly staff: StaffService,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly presets: PresetService,
    private readonly ds: DataSource,
    private readonly jobs: JobRunner,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (this.limiter.hit(`platform-login:${req.ip}`, 30, 60_000)) throw new DomainError('RATE_LIMITED');
    const r = await this.staff.login(body.username, body.password, null);
    setSessionCookie(req, res, r.token, r.expiresAt);
    return { staff: r.staff, token: r.token, csrfToken: r.csrfToken };
  }

  @PlatformAdmin()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.revoke(p.token);
    clearSessionCookie(req, res);
  }

  @PlatformAdmin()
  @Get('me')
  async me(@CurrentPrincipal() p: Principal) {
    return p.kind === 'staff' ? this.staff.findById(p.staffId) : null;
  }

  @PlatformAdmin()
  @Post('tenants')
  async create(@Body() body: CreateTenantDto) {
    return this.tenants.create(body);
  }

  @PlatformAdmin()
  @Get('tenants')
  async list() {
    return this.tenants.listWithFigures();
  }

  @PlatformAdmin()
  @Get('presets')
  listPresets() {
    return this.presets.list();
  }

  @PlatformAdmin()
  @Get('tenants/:slug')
  async get(@Param('slug') slug: string) {
    return this.tenants.get(slug);
  }

  @PlatformAdmin()
  @Patch('tenants/:slug')
  async update(@Param('slug') slug: string, @Body() body: UpdateTenantDto) {
    return this.tenants.setStatus(slug, body.status);
  }

  @PlatformAdmin()
  @Post('tenants/:slug/staff')
  async createStaff(@Param('slug') slug: string, @Body() body: CreateStaffDto) {
    const t = await this.tenants.get(slug);
    return this.staff.create({ ...body, tenantId: t.id });
  }

  @PlatformAdmin()
  @Get('tenants/:slug/staff')
  async listStaff(@Param('slug') slug: string) {
    const t = await this.tenants.get(slug);
    return this.staff.listForTenant(t.id);
  }

  /** Database, per-tenant migrations and mail backlog, recent job runs. */
  @PlatformAdmin()
  @Get('health')
  async health() {
    await this.ds.query('SELECT 1');
    return { database: 'ok', tenants: await this.tenants.health(), jobRuns: await this.jobs.recentRuns(30) };
  }

  @PlatformAdmin()
  @Get('migrations')
  async migrations() {
    return this.tenants.migrationState();
  }
}
