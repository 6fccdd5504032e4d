import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EmailChange, EmailConfirmed, PasswordChanged, PasswordConfirmed, PasswordRegistration, PasswordReset, PasswordResetRequested, PatronSignIn, PatronSummary } from '@shiori/contracts';
import type { Request, Response } from 'express';
import { CurrentPrincipal, PatronOnly, Public } from '../../engine/auth/auth.decorators';
import { ApiAnswer } from '../../engine/openapi/api-answer';
import { clearSessionCookie, setSessionCookie } from '../../engine/auth/cookies';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { clientAddress, RateLimiter } from '../../engine/http/rate-limiter';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { ChangePasswordDto, LinkTokenDto, ForgotPasswordDto, PatronLoginDto, PatronSettingsDto, RegisterPasswordDto, ResetPasswordDto, SetEmailDto } from './dto/patron.dto';
import { MeService } from './me.service';
import { PatronAuthService } from './patron-auth.service';

type PatronPrincipal = Extract<Principal, { kind: 'patron' }>;

@ApiTags('patron sign-in')
@Controller('t/:slug/auth')
export class PatronAuthController {
  constructor(
    private readonly auth: PatronAuthService,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
  ) {}

  private limit(req: Request, what: string, perMinute: number) {
    const wait = this.limiter.hit(`${what}:${req.tenant?.slug}:${clientAddress(req)}`, perMinute, 60_000);
    if (wait) throw new DomainError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds: wait });
  }

  /**
   * Card as typed (hyphens, full-width digits, legacy prefix); one uniform 401 LOGIN_FAILED
   * for a wrong password, an unknown card and an attempt that must wait. Its own short
   * transactions (see PatronAuthService.login), so none is held during the password check.
   */
  @Public() @NoTenantTransaction() @Post('login') @HttpCode(200) @ApiAnswer('PatronSignIn')
  async login(@Body() body: PatronLoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PatronSignIn> {
    this.limit(req, 'patron-login', 20);
    const r = await this.auth.login(body.cardNumber, body.password, clientAddress(req));
    setSessionCookie(req, res, r.token, r.expiresAt);
    return { patron: r.patron, mustChangePassword: r.mustChangePassword, token: r.token, csrfToken: r.csrfToken };
  }

  // a platform table only: no tenant transaction held while the pool gives a connection
  @PatronOnly({ duringPasswordChange: true }) @NoTenantTransaction() @Post('logout') @HttpCode(204)
  async logout(@CurrentPrincipal() p: PatronPrincipal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.revoke(p.token);
    clearSessionCookie(req, res);
  }

  /**
   * "Register again" by the city's identity fields. Wrong identities are counted per card
   * (429 REGISTRATION_PAUSED while the card waits); with an e-mail on file the answer is
   * `confirmationRequired: true` and the password waits for the mailed link. Transactions of
   * its own, so a wrong guess stays counted.
   */
  @Public() @NoTenantTransaction() @Post('register-password') @HttpCode(200) @ApiAnswer('PasswordRegistration')
  registerPassword(@Body() body: RegisterPasswordDto, @Req() req: Request): Promise<PasswordRegistration> {
    this.limit(req, 'register-password', 10);
    return this.auth.registerPassword(body);
  }

  /** The link of the confirmation mail: the password registered online takes effect (single use, 24 hours). */
  @Public() @Post('confirm-password') @HttpCode(200) @ApiAnswer('PasswordConfirmed')
  confirmPassword(@Body() body: LinkTokenDto, @Req() req: Request): Promise<PasswordConfirmed> {
    this.limit(req, 'confirm-password', 10);
    return this.auth.confirmPassword(body.token);
  }

  @Public() @Post('forgot-password') @HttpCode(202) @ApiAnswer('PasswordResetRequested')
  async forgotPassword(@Body() body: ForgotPasswordDto, @Req() req: Request): Promise<PasswordResetRequested> {
    this.limit(req, 'forgot-password', 5);
    await this.auth.forgotPassword(body.cardNumber, body.email);
    return { accepted: true };
  }

  @Public() @Post('reset-password') @HttpCode(200) @ApiAnswer('PasswordReset')
  resetPassword(@Body() body: ResetPasswordDto, @Req() req: Request): Promise<PasswordReset> {
    this.limit(req, 'reset-password', 10);
    return this.auth.resetPassword(body.token, body.password);
  }

  @Public() @Post('confirm-email') @HttpCode(200) @ApiAnswer('EmailConfirmed')
  confirmEmail(@Body() body: LinkTokenDto, @Req() req: Request): Promise<EmailConfirmed> {
    this.limit(req, 'confirm-email', 10);
    return this.auth.confirmEmail(body.token);
  }
}

@ApiTags('my account')
@Controller('t/:slug/me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly auth: PatronAuthService,
  ) {}

  /** Open while a temporary password must still be changed, so the app can tell the patron. */
  @PatronOnly({ duringPasswordChange: true }) @Get() @ApiAnswer('PatronSummary')
  summary(@CurrentPrincipal() p: PatronPrincipal): Promise<PatronSummary> {
    return this.me.summary(p.patronId).then((s) => ({ ...s, mustChangePassword: p.mustChangePassword }));
  }

  @PatronOnly({ duringPasswordChange: true }) @Put('password') @ApiAnswer('PasswordChanged')
  changePassword(@CurrentPrincipal() p: PatronPrincipal, @Body() body: ChangePasswordDto): Promise<PasswordChanged> {
    return this.auth.changePassword(p, body.currentPassword, body.newPassword);
  }

  @PatronOnly() @Put('email') @ApiAnswer('EmailChange')
  setEmail(@CurrentPrincipal() p: PatronPrincipal, @Body() body: SetEmailDto): Promise<EmailChange> {
    return this.auth.setEmail(p.patronId, body.email, !!body.applyToExistingHolds);
  }

  @PatronOnly() @Delete('email') @HttpCode(204)
  deleteEmail(@CurrentPrincipal() p: PatronPrincipal) {
    return this.auth.deleteEmail(p.patronId);
  }

  @PatronOnly() @Patch('settings') @ApiAnswer('PatronSummary')
  settings(@CurrentPrincipal() p: PatronPrincipal, @Body() body: PatronSettingsDto): Promise<PatronSummary> {
    return this.me.updateSettings(p.patronId, body);
  }
}
