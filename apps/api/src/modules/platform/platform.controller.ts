import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PlatformAuditPage, PresetSummary } from '@shiori/contracts';
import type { Request, Response } from 'express';
import { CurrentPrincipal, PlatformAdmin, Public } from '../../engine/auth/auth.decorators';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { setSessionCookie, clearSessionCookie } from '../../engine/auth/cookies';
import { PublicLinks } from '../../engine/http/public-links';
import { clientAddress, RateLimiter } from '../../engine/http/rate-limiter';
import { DomainError } from '../../engine/errors/domain-error';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import {
  ChangeStaffPasswordDto,
  CreatePlatformAdminDto,
  CreateStaffDto,
  CreateTenantDto,
  LoginDto,
  PlatformAuditQueryDto,
  UpdateStaffDto,
  UpdateTenantDto,
} from './dto/platform.dto';
import { ClusterService } from './cluster.service';
import { PlatformAuditService } from './platform-audit.service';
import { limitPasswordChange, StaffService } from './staff.service';
import { TenantsService } from './tenants.service';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../engine/jobs/job-runner.service';
import { PresetService } from '../policy';

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
    private readonly audit: PlatformAuditService,
    private readonly links: PublicLinks,
    private readonly clusterService: ClusterService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const wait = this.limiter.hit(`platform-login:${clientAddress(req)}`, 30, 60_000);
    if (wait) throw new DomainError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds: wait });
    const r = await this.staff.login(body.username, body.password, null, clientAddress(req));
    setSessionCookie(req, res, r.token, r.expiresAt);
    return { staff: r.staff, mustChangePassword: r.mustChangePassword, token: r.token, csrfToken: r.csrfToken };
  }

  @PlatformAdmin({ duringPasswordChange: true })
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.revoke(p.token);
    clearSessionCookie(req, res);
  }

  /** Open while a temporary password must still be changed, so the console can tell. */
  @PlatformAdmin({ duringPasswordChange: true })
  @Get('me')
  async me(@CurrentPrincipal() p: Principal) {
    return p.kind === 'staff' ? this.staff.findById(p.staffId) : null;
  }

  /** The platform admin's own password; the one route open while a temporary password must be changed. */
  @PlatformAdmin({ duringPasswordChange: true })
  @Put('me/password')
  async changePassword(@CurrentPrincipal() p: Principal, @Body() body: ChangeStaffPasswordDto) {
    if (p.kind !== 'staff') throw new DomainError('FORBIDDEN');
    limitPasswordChange(this.limiter, p.staffId);
    return this.staff.changeOwnPassword(p, body.currentPassword, body.newPassword);
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

  /**
   * The libraries a librarian may sign in to, by name (the sign-in page offers them as a list,
   * so nobody types an internal code). Names and codes only: both are public in each OPAC's URL.
   */
  @Public()
  @Get('libraries')
  async libraries() {
    const rows = await this.tenants.list();
    return rows.filter((r) => r.status === 'active').map((r) => ({ code: r.slug, name: r.name }));
  }

  @PlatformAdmin()
  @Get('presets')
  @ApiAnswer(['PresetSummary'])
  listPresets(): PresetSummary[] {
    return this.presets.list();
  }

  /** One library, with `opacPublicUrl`: where the links in its mail lead (its own public URL, or PUBLIC_URL). */
  @PlatformAdmin()
  @Get('tenants/:slug')
  async get(@Param('slug') slug: string) {
    const t = await this.tenants.get(slug);
    return { ...t, opacPublicUrl: this.links.opacBase(t) };
  }

  /** Suspend/resume (`status`) and the city's own public URL for links in its mail (`publicUrl`, null = PUBLIC_URL). */
  @PlatformAdmin()
  @Patch('tenants/:slug')
  async update(@Param('slug') slug: string, @Body() body: UpdateTenantDto) {
    if (body.status === undefined && body.publicUrl === undefined) {
      throw new DomainError('VALIDATION', undefined, [
        { path: 'status', code: 'NOTHING_TO_CHANGE', message: { ja: '変更する項目（状態または公開URL）を指定してください。', en: 'Give a field to change (status or publicUrl).' } },
      ]);
    }
    let t = await this.tenants.get(slug);
    if (body.publicUrl !== undefined) t = await this.tenants.setPublicUrl(slug, body.publicUrl);
    if (body.status !== undefined) t = await this.tenants.setStatus(slug, body.status);
    return { ...t, opacPublicUrl: this.links.opacBase(t) };
  }

  @PlatformAdmin()
  @Post('tenants/:slug/staff')
  async createStaff(@Param('slug') slug: string, @Body() body: CreateStaffDto) {
    const t = await this.tenants.get(slug);
    return this.staff.create({ ...body, tenantId: t.id });
  }

  /** A library's staff accounts: role, display name, disabled, last sign-in, lockout. */
  @PlatformAdmin()
  @Get('tenants/:slug/staff')
  async listStaff(@Param('slug') slug: string) {
    const t = await this.tenants.get(slug);
    return this.staff.listForTenant(t.id);
  }

  /** The platform admins (regional staff), in the same shape as a library's staff list. */
  @PlatformAdmin()
  @Get('admins')
  async listAdmins() {
    return this.staff.listPlatformAdmins();
  }

  /**
   * A further platform admin: the account and a temporary password, returned once; it must be
   * changed at the first sign-in (as after a reset).
   */
  @PlatformAdmin()
  @Post('admins')
  async createAdmin(@Body() body: CreatePlatformAdminDto) {
    return this.staff.createPlatformAdmin(body);
  }

  @PlatformAdmin()
  @Get('staff/:id')
  async getStaff(@Param('id', ParseUUIDPipe) id: string) {
    return this.staff.get(id);
  }

  /**
   * Display name, and disabled true/false (disabling ends the account's sessions at once).
   * Nobody disables their own account (409 CANNOT_DISABLE_SELF): a colleague does.
   */
  @PlatformAdmin()
  @Patch('staff/:id')
  async updateStaff(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateStaffDto, @CurrentPrincipal() p: Principal) {
    if (body.displayName === undefined && body.disabled === undefined) {
      throw new DomainError('VALIDATION', undefined, [
        { path: 'displayName', code: 'NOTHING_TO_CHANGE', message: { ja: '変更する項目（表示名または無効化）を指定してください。', en: 'Give a field to change (displayName or disabled).' } },
      ]);
    }
    return this.staff.update(id, body, p.kind === 'staff' ? { staffId: p.staffId } : undefined);
  }

  /** A temporary password, returned once; it must be changed at the next sign-in. */
  @PlatformAdmin()
  @Post('staff/:id/reset-password')
  @HttpCode(200)
  async resetStaffPassword(@Param('id', ParseUUIDPipe) id: string) {
    return this.staff.resetPassword(id);
  }

  @PlatformAdmin()
  @Post('staff/:id/unlock')
  @HttpCode(200)
  async unlockStaff(@Param('id', ParseUUIDPipe) id: string) {
    return this.staff.unlock(id);
  }

  /**
   * The platform audit log (staff accounts, tenants), newest first: filter by action (starts
   * with), actor (user name, or cli / system) and time (dates are Japan days), paged.
   */
  @PlatformAdmin()
  @Get('audit')
  @ApiAnswer('PlatformAuditPage')
  async auditLog(@Query() q: PlatformAuditQueryDto): Promise<PlatformAuditPage> {
    return this.audit.list(q);
  }

  /** Database, per-tenant migrations and mail backlog, recent job runs. */
  @PlatformAdmin()
  @Get('health')
  async health() {
    await this.ds.query('SELECT 1');
    return { database: 'ok', tenants: await this.tenants.health(), jobRuns: await this.jobs.recentRuns(30) };
  }

  /**
   * The database servers and the libraries on each: on Citus the coordinator and the workers
   * (a library lives whole on one worker); on plain PostgreSQL the one server with every library.
   */
  @PlatformAdmin()
  @Get('cluster')
  async cluster() {
    return this.clusterService.view();
  }

  @PlatformAdmin()
  @Get('migrations')
  async migrations() {
    return this.tenants.migrationState();
  }
}
