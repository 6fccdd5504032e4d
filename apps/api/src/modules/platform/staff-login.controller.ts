import { Body, Controller, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, Staff } from '../../engine/auth/auth.decorators';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { clearSessionCookie, setSessionCookie } from '../../engine/auth/cookies';
import { DomainError } from '../../engine/errors/domain-error';
import { clientAddress, RateLimiter } from '../../engine/http/rate-limiter';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { ChangeStaffPasswordDto, LoginDto } from './dto/platform.dto';
import { limitPasswordChange, StaffService } from './staff.service';

/** Librarian sign-in to one tenant: `POST /api/t/{slug}/staff/login`. */
@ApiTags('staff')
@Controller('t/:slug/staff')
export class StaffLoginController {
  constructor(private readonly staff: StaffService, private readonly limiter: RateLimiter, private readonly sessions: SessionsService) {}

  @Public() @NoTenantTransaction()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const wait = this.limiter.hit(`staff-login:${clientAddress(req)}`, 30, 60_000);
    if (wait) throw new DomainError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds: wait });
    const r = await this.staff.login(body.username, body.password, req.tenant!.id, clientAddress(req));
    setSessionCookie(req, res, r.token, r.expiresAt);
    return {
      staff: r.staff,
      mustChangePassword: r.mustChangePassword,
      token: r.token,
      csrfToken: r.csrfToken,
      tenant: { slug: req.tenant!.slug, name: req.tenant!.name },
    };
  }

  @Staff({ duringPasswordChange: true }) @NoTenantTransaction()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.revoke(p.token);
    clearSessionCookie(req, res);
  }

  /** The librarian's own password; the one route open while a temporary password must be changed. */
  @Staff({ duringPasswordChange: true }) @NoTenantTransaction()
  @Put('me/password')
  async changePassword(@CurrentPrincipal() p: Principal, @Body() body: ChangeStaffPasswordDto) {
    if (p.kind !== 'staff') throw new DomainError('FORBIDDEN');
    limitPasswordChange(this.limiter, p.staffId);
    return this.staff.changeOwnPassword(p, body.currentPassword, body.newPassword);
  }
}
